import { httpUrl, optional, textOrEmpty } from '../../inputs/schemas.js'
import type { OptionsOf, ProviderDescription } from '../description.js'

export const description = {
  name: 'fastly',
  title: 'Fastly',
  inputs: {
    baseUrl: { input: 'base-url', schema: optional(httpUrl) },
    /** Fastly service ID: required for keys and scope: all (checked with the items). */
    service: { input: 'service', schema: textOrEmpty },
  },
  token: 'required',
  defaultApiUrl: 'https://api.fastly.com',
  batchSizes: {
    urls: { default: 1, max: 1 },
    keys: { default: 256, max: 256 },
  },
  // URL and key purges do not count against Fastly's API rate limit, and each URL is a request.
  concurrency: 8,
  can: { urls: true, prefixes: false, tags: true, everything: true, soft: true, wait: false },
  cacheStatus: 'fastly',
} satisfies ProviderDescription

export type FastlyOptions = OptionsOf<typeof description>
