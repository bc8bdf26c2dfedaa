import type { CacheStatusStyleName } from '../after-purge/cache-status.js'
import type { Settings } from '../inputs/inputs.js'
import type { Answer, HttpClient, HttpRequest, Verdict } from '../http/client.js'
import type { PaceRate } from '../http/pace.js'

/**
 * What every CDN implements. A provider is data (API URL, batch limits) plus pure functions:
 * how its inputs become purge groups, how a batch becomes a request, how an answer reads.
 * Planning, sending, retrying and reporting are shared and know nothing of any one CDN.
 */
export interface Provider {
  title: string
  defaultApiUrl: string
  /** The API URL when `api-url` is not given, where it depends on the settings (Akamai: the credentials' host). */
  apiUrl?(settings: Settings): string
  /** Items per request for each kind this CDN purges: the default and the documented maximum. */
  batchSizes: Record<string, { default: number; max: number }>
  /** Requests in flight at once. */
  concurrency: number
  /**
   * The CDN's documented rate limits by batch kind: requests of that kind are sent at this pace.
   * Kinds given the same object share one bucket.
   */
  pacing?: Record<string, PaceRate>
  /** Targets as the inputs name them, before any lookup (what a dry-run shows). */
  targets(settings: Settings): Target[]
  /** Looks the targets up through the API, when sending for real (Cloudflare zone names). */
  resolveTargets?(settings: Settings, api: ApiContext): Promise<Target[]>
  /** Pure: the validated items of each kind for each target, or input errors naming the input. */
  group(settings: Settings, targets: Target[]): { groups: PurgeGroup[]; errors: string[] }
  /**
   * Credentials beyond a plain token (parsed from `token`, or read from the environment): their
   * secret values, masked before anything is logged, and input errors, reported with the others.
   */
  credentials?(settings: Settings): { secrets: string[]; errors: string[] }
  /** Headers that authenticate every API call; their values are secrets. */
  authHeaders(settings: Settings): Record<string, string>
  request(batch: Batch, settings: Settings): ApiRequest
  /** Signs a request before each attempt (AWS Signature V4, Akamai EdgeGrid: a time and nonce in each signature). */
  sign?(request: HttpRequest, settings: Settings): HttpRequest | Promise<HttpRequest>
  readAnswer(answer: Answer, batch: Batch): Outcome
  /** Adds what the provider knows about its API host being unreachable (DNS failure, refused). */
  explainNetworkError?(message: string, apiUrl: string): string
  /** Runs after every batch was sent, e.g. polling asynchronous invalidations (`wait`). */
  settle?(results: BatchResult[], settings: Settings, api: ApiContext): Promise<void>
  /** How the CDN's answers say they came from its cache (`verify`); see src/after-purge/cache-status.ts. */
  cacheStatus?: CacheStatusStyleName
}

/** Where a purge goes: a zone, a site environment, a distribution... */
export interface Target {
  /** What users read in the log and summary. */
  label: string
  /** What the API path takes (zone id); empty while unresolved. */
  id: string
  /** A hostname, when the target has one (Cloudflare zone name): used for routing. */
  name?: string
}

export type Item = string | { url: string; headers: Record<string, string> }

export interface PurgeGroup {
  target: Target
  kind: string
  /** Empty for kind `everything`. */
  items: Item[]
}

export type Batch = PurgeGroup

export interface ApiRequest {
  method: 'GET' | 'POST'
  /** Appended to the API URL. */
  path: string
  headers?: Record<string, string>
  body?: string
}

/** The shared verdict; a success may also say more (shown in the summary) and when it will be done (for `wait`). */
export type Outcome = Exclude<Verdict, { ok: true }> | { ok: true; id?: string; ids?: string[]; detail?: string; estimatedSeconds?: number }

export type BatchStatus = 'purged' | 'failed' | 'planned' | 'skipped'

export interface BatchResult extends Batch {
  status: BatchStatus
  id?: string
  /** Every id, when one request got several (a Fastly batch of keys: one purge id per key). */
  ids?: string[]
  attempts: number
  error?: string
  /** Provider detail worth a summary column (Cloudimage final state and time). */
  detail?: string
  /** Epoch milliseconds when the provider's answer accepting the purge arrived (`verify`). */
  acceptedAt?: number
  /** The provider's estimate of the seconds until the purge is done everywhere (Akamai), for `wait`. */
  estimatedSeconds?: number
}

/** What a provider gets to make its own API calls (lookups, polling) under the shared policy. */
export interface ApiContext {
  http: HttpClient
  apiUrl: string
  headers: Record<string, string>
}

export const providerNames = ['cloudflare', 'edgio', 'cloudimage', 'fastly', 'bunny', 'cloudfront', 'akamai'] as const
export type ProviderName = (typeof providerNames)[number]

// Each provider loads only when chosen, so a run pays for one CDN's code.
const loaders: Record<ProviderName, () => Promise<Provider>> = {
  cloudflare: async () => (await import('./cloudflare.js')).cloudflare,
  edgio: async () => (await import('./edgio.js')).edgio,
  cloudimage: async () => (await import('./cloudimage.js')).cloudimage,
  fastly: async () => (await import('./fastly.js')).fastly,
  bunny: async () => (await import('./bunny.js')).bunny,
  cloudfront: async () => (await import('./cloudfront.js')).cloudfront,
  akamai: async () => (await import('./akamai.js')).akamai,
}

export function loadProvider(name: ProviderName): Promise<Provider> {
  return loaders[name]()
}
