import type { OptionsOf, ProviderDescription } from '../description.js'

export const description = {
  name: 'cloudimage',
  title: 'Cloudimage',
  inputs: {},
  token: 'required',
  defaultApiUrl: 'https://api.cloudimage.com',
  batchSizes: { urls: { default: 15, max: 15 } },
  concurrency: 4,
  can: { urls: true, prefixes: true, tags: false, everything: true, soft: false, wait: true },
} satisfies ProviderDescription

export type CloudimageOptions = OptionsOf<typeof description>
