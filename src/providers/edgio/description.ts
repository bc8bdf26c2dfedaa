import { listOrEmpty, textOrEmpty } from '../../inputs/schemas.js'
import type { OptionsOf, ProviderDescription } from '../description.js'

// Edgio documented no limit per request; 1,000 keeps a body far below the usual 1 MB proxy caps.
const limits = { default: 100, max: 1_000 }

export const description = {
  name: 'edgio',
  title: 'Edgio',
  inputs: {
    team: { input: 'team', schema: textOrEmpty, required: true },
    site: { input: 'site', schema: textOrEmpty, required: true },
    environment: { input: 'environment', schema: textOrEmpty, required: true },
    cacheHashes: { input: 'cache-hashes', schema: listOrEmpty, purges: true },
  },
  token: 'required',
  defaultApiUrl: 'https://edgio.app',
  // The kinds are the API's own body fields.
  batchSizes: { paths: limits, surrogateKeys: limits, cacheHashes: limits },
  concurrency: 4,
  can: { urls: true, prefixes: true, tags: true, everything: true, soft: false, wait: false },
} satisfies ProviderDescription

export type EdgioOptions = OptionsOf<typeof description>
