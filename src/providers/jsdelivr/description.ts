import type { OptionsOf, ProviderDescription } from '../description.js'

export const description = {
  name: 'jsdelivr',
  title: 'jsDelivr',
  inputs: {},
  token: { instead: "nothing: jsDelivr's purge API is open to everyone (and rate-limited for everyone)" },
  defaultApiUrl: 'https://purge.jsdelivr.net',
  // "up to 20 paths" a request (jsDelivr by e-mail, quoted in Trendyol/baklava#270).
  batchSizes: { paths: { default: 20, max: 20 } },
  // No documented rate: one request at a time.
  concurrency: 1,
  // `wait` is taken and changes nothing: the status is always read, since only it tells which paths were throttled.
  can: { urls: true, prefixes: false, tags: false, everything: false, soft: false, wait: true },
  // No style: jsDelivr answers from Cloudflare (cf-cache-status) or Fastly (x-cache), whichever serves the visitor.
} satisfies ProviderDescription

export type JsdelivrOptions = OptionsOf<typeof description>
