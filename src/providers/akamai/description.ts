import * as z from 'zod/mini'
import { listOrEmpty, oneOf } from '../../inputs/schemas.js'
import type { OptionsOf, ProviderDescription } from '../description.js'
import { maxBodyBytes } from './limits.js'

export const description = {
  name: 'akamai',
  title: 'Akamai',
  inputs: {
    network: { input: 'network', schema: z.prefault(oneOf(['production', 'staging'] as const), 'production'), default: 'production' },
    cpCodes: { input: 'cp-codes', schema: listOrEmpty, purges: true },
  },
  token: 'required',
  // The credentials' host, when `api-url` is not given.
  defaultApiUrl: 'https://{host}',
  // Requests are cut by body size (50,000 bytes) in group(); batch-size can cut them smaller.
  batchSizes: {
    urls: { default: maxBodyBytes, max: maxBodyBytes },
    tags: { default: maxBodyBytes, max: maxBodyBytes },
    'cp-codes': { default: maxBodyBytes, max: maxBodyBytes },
  },
  concurrency: 4,
  can: { urls: true, prefixes: false, tags: true, everything: false, soft: true, wait: true },
  cacheStatus: 'akamai',
} satisfies ProviderDescription

export type AkamaiOptions = OptionsOf<typeof description>
