import { textOrEmpty } from '../../inputs/schemas.js'
import type { PaceRate } from '../../http/pace.js'
import type { OptionsOf, ProviderDescription } from '../description.js'

// docs.bunny.net/docs/cdn-api-purge-rate-limits, per account and purge type. Bunny counts a URL
// containing * or whose path ends in * or / as a prefix purge; whether exactPath=true moves a
// URL ending in / to the exact bucket is not documented, so it is paced as a prefix.
const exactBucket: PaceRate = { burst: 120, perSecond: 5 }
const prefixBucket: PaceRate = { burst: 20, perSecond: 0.5 }

export const description = {
  name: 'bunny',
  title: 'Bunny',
  inputs: {
    /** Bunny pull zone ID: required for keys and scope: all (checked with the items). */
    pullZone: { input: 'pull-zone', schema: textOrEmpty },
  },
  token: 'required',
  defaultApiUrl: 'https://api.bunny.net',
  // Batch kinds: `urls` (exact), `index-pages` (a URL ending in /, that page only), `prefixes` (a *), `tags`.
  batchSizes: {
    urls: { default: 1, max: 1 },
    'index-pages': { default: 1, max: 1 },
    prefixes: { default: 1, max: 1 },
    tags: { default: 1, max: 1 },
  },
  // Each URL is a request that waits for the purge to finish (async=false); the pacing, not
  // the concurrency, keeps to the rate limit.
  concurrency: 8,
  pacing: { urls: exactBucket, 'index-pages': prefixBucket, prefixes: prefixBucket },
  can: { urls: true, prefixes: true, tags: true, everything: true, soft: false, wait: false },
  cacheStatus: 'bunny',
} satisfies ProviderDescription

export type BunnyOptions = OptionsOf<typeof description>
