import { listOrEmpty } from '../../inputs/schemas.js'
import type { OptionsOf, ProviderDescription } from '../description.js'
import { maxPaths } from './limits.js'

export const description = {
  name: 'cloudfront',
  title: 'CloudFront',
  inputs: {
    distributions: { input: 'distribution', schema: listOrEmpty, required: true },
  },
  token: {
    instead:
      'AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as aws-actions/configure-aws-credentials sets them',
  },
  defaultApiUrl: 'https://cloudfront.amazonaws.com',
  batchSizes: { paths: { default: maxPaths, max: maxPaths } },
  // One at a time: CreateInvalidation is throttled after a short burst (undocumented), and a
  // distribution's batches must reach it in order to share its 3,000 paths in progress.
  concurrency: 1,
  can: { urls: true, prefixes: true, tags: true, everything: true, soft: false, wait: true },
  cacheStatus: 'cloudfront',
} satisfies ProviderDescription

export type CloudfrontOptions = OptionsOf<typeof description>
