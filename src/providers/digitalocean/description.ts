import { listOrEmpty } from '../../inputs/schemas.js'
import type { OptionsOf, ProviderDescription } from '../description.js'
import { fileWindow, requestWindow } from './pacing.js'

export const description = {
  name: 'digitalocean',
  title: 'DigitalOcean',
  inputs: {
    endpoints: { input: 'endpoint', schema: listOrEmpty, required: true },
  },
  token: 'required',
  defaultApiUrl: 'https://api.digitalocean.com',
  batchSizes: { files: { default: 50, max: 50 } },
  // DigitalOcean refuses two identical purges at once: one request at a time, the pacing sets the rate.
  concurrency: 1,
  // Every call to /v2/cdn/endpoints counts in the request window, a purge's files in the file window.
  pacing: { files: [requestWindow, fileWindow], everything: [requestWindow, fileWindow], lookup: [requestWindow] },
  can: { urls: true, prefixes: true, tags: false, everything: true, soft: false, wait: false },
} satisfies ProviderDescription

export type DigitalOceanOptions = OptionsOf<typeof description>
