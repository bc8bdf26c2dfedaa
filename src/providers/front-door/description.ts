import { listOrEmpty, textOrEmpty } from '../../inputs/schemas.js'
import type { OptionsOf, ProviderDescription } from '../description.js'
import { defaultApiUrl, maxPathsPerRequest } from './limits.js'

export const description = {
  name: 'front-door',
  title: 'Front Door',
  inputs: {
    subscription: { input: 'subscription', schema: textOrEmpty, required: true },
    resourceGroup: { input: 'resource-group', schema: textOrEmpty, required: true },
    profile: { input: 'profile', schema: textOrEmpty, required: true },
    // A list, as digitalocean's `endpoint` (one input, one schema); Front Door takes one.
    endpoint: { input: 'endpoint', schema: listOrEmpty, required: true },
    domains: { input: 'domains', schema: listOrEmpty },
    tenantId: { input: 'tenant-id', schema: textOrEmpty },
    clientId: { input: 'client-id', schema: textOrEmpty },
  },
  // An ARM access token, or none with tenant-id + client-id (keyless): checked in credentials().
  token: 'optional',
  defaultApiUrl,
  batchSizes: { paths: { default: maxPathsPerRequest, max: maxPathsPerRequest } },
  // Each purge is a long-running operation on Azure's side, and ARM throttles writes per
  // subscription and identity: two at a time is plenty for at most a few requests a run.
  concurrency: 2,
  can: { urls: true, prefixes: true, tags: false, everything: true, soft: false, wait: true },
  cacheStatus: 'front-door',
} satisfies ProviderDescription

export type FrontDoorOptions = OptionsOf<typeof description>
