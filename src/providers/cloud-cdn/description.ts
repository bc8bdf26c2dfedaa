import { listOrEmpty, textOrEmpty } from '../../inputs/schemas.js'
import type { PaceRate } from '../../http/pace.js'
import type { OptionsOf, ProviderDescription } from '../description.js'

// Google allows 500 invalidations a minute (cache-invalidation-overview): a burst of 40, then 7 a
// second, stays under it in any minute (at most 40 + 420 = 460, even with the burst the client
// keeps in reserve spent by a slow first request).
const invalidations: PaceRate = { burst: 40, perSecond: 7 }

export const description = {
  name: 'cloud-cdn',
  title: 'Google Cloud CDN',
  inputs: {
    project: { input: 'project', schema: textOrEmpty, required: true },
    urlMaps: { input: 'url-map', schema: listOrEmpty, required: true },
    workloadIdentityProvider: { input: 'workload-identity-provider', schema: textOrEmpty },
    serviceAccount: { input: 'service-account', schema: textOrEmpty },
  },
  // One way to sign in of three: the others are keyless (see sign-in.ts).
  token: 'optional',
  defaultApiUrl: 'https://compute.googleapis.com/compute/v1',
  // One path an invalidation (the rule has one `path`); up to 10 tags in one.
  batchSizes: { paths: { default: 1, max: 1 }, cacheTags: { default: 10, max: 10 }, everything: { default: 1, max: 1 } },
  concurrency: 4,
  pacing: { paths: invalidations, cacheTags: invalidations, everything: invalidations },
  // No `cacheStatus`: Cloud CDN sends no cache-status header of its own (a backend can add one
  // with {cdn_cache_status}, under a name it chooses), so `verify` falls back to `Age`.
  can: { urls: true, prefixes: true, tags: true, everything: true, soft: false, wait: true },
} satisfies ProviderDescription

export type CloudCdnOptions = OptionsOf<typeof description>
