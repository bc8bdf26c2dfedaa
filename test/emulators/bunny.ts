// Loopback emulator of the Bunny (bunny.net) purge API, strict like the real one, rate limits
// included. Spec: /work/shared/PROVIDERS-MORE.md, section "Bunny" (OpenAPI core.json,
// docs.bunny.net purge-cache and cdn-api-purge-rate-limits). Where the real API's answer is not
// documented, the choice made here is written next to the code that makes it.
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export interface BunnyPullZone {
  id: number
  /** The b-cdn.net hostname and any custom hostnames. */
  hostnames: string[]
}

export interface Bucket {
  burst: number
  perSecond: number
}

export interface BunnyEmulatorOptions {
  accessKey?: string
  pullZones?: BunnyPullZone[]
  /** Bunny's documented purge buckets; `false` turns rate limiting off. */
  rateLimits?: { exact: Bucket; prefix: Bucket } | false
  /** Refills the buckets this many times faster, so tests of long lists run in seconds. */
  timeScale?: number
  /** The status of a successful purgeCache: 204 per the spec, 200 as seen in practice. */
  purgeCacheStatus?: 200 | 204
  echoToken?: boolean
}

export interface AcceptedPurge {
  kind: 'url' | 'tag' | 'all'
  url?: string
  exactPath?: boolean
  async?: boolean
  bucket?: 'exact' | 'prefix'
  pullZoneId?: number
  tag?: string
}

export interface BunnyEmulator {
  url: string
  requests: RecordedRequest[]
  purges: AcceptedPurge[]
  /** Every request answered 429 by the buckets (faults not counted). */
  rateLimited: RecordedRequest[]
  faults: Fault[]
  close(): Promise<void>
}

export const DEFAULT_ACCESS_KEY = 'bunny-account-key-0123456789abcdef'
export const DEFAULT_PULL_ZONES: BunnyPullZone[] = [{ id: 12345, hostnames: ['myzone.b-cdn.net', 'cdn.example.com'] }]
export const DOCUMENTED_LIMITS = { exact: { burst: 120, perSecond: 5 }, prefix: { burst: 20, perSecond: 0.5 } }

export const ERRORS = {
  // Real (docs.bunny.net purge-cache; cp6/BunnyCDN-API issue #25).
  pullZoneNotFound: { ErrorKey: 'pullZone.not_found', Field: 'PullZone', Message: 'The requested Pull Zone was not found' },
  // Real (cp6/BunnyCDN-API issue #25): what a JSON body sent to /purge gets.
  urlsInvalid: { ErrorKey: 'purge.urls_invalid', Field: 'Urls', Message: 'The purge request must contain at least one and no more than 50 URLs' },
  // Not documented: the emulator's words for a missing or bad url / boolean / body.
  invalidUrl: { ErrorKey: 'purge.invalid_url', Field: 'Url', Message: 'The url must be an absolute http or https URL' },
  invalidBoolean: { ErrorKey: 'validation_error', Field: 'Query', Message: 'async and exactPath must be true or false' },
  invalidBody: { ErrorKey: 'validation_error', Field: 'CacheTag', Message: 'The body must be a JSON object with a string CacheTag' },
} as const

export async function startBunnyEmulator(options: BunnyEmulatorOptions = {}): Promise<BunnyEmulator> {
  const accessKey = options.accessKey ?? DEFAULT_ACCESS_KEY
  const pullZones = options.pullZones ?? DEFAULT_PULL_ZONES
  const limits = options.rateLimits === false ? undefined : (options.rateLimits ?? DOCUMENTED_LIMITS)
  const timeScale = options.timeScale ?? 1
  const buckets = limits ? { exact: new TokenBucket(limits.exact, timeScale), prefix: new TokenBucket(limits.prefix, timeScale) } : undefined
  const faults: Fault[] = []
  const purges: AcceptedPurge[] = []
  const rateLimited: RecordedRequest[] = []

  const server = await startLoopback({
    faultFor: (request) => (route(request) === 'none' ? undefined : faults.shift()),
    errorBody: (status) => (status === 401 ? '' : { ErrorKey: `error.${status}`, Field: '', Message: `HTTP ${status}` }),
    handle: (request) => answer(request),
  })

  function answer(request: RecordedRequest): Reply {
    const kind = route(request)
    if (kind === 'none') return { status: 404 }
    if (request.headers.accesskey !== accessKey) {
      // Not documented: the 401 body. The emulator answers with none (or, to test redaction, the key).
      return { status: 401, body: options.echoToken ? `Invalid AccessKey '${request.headers.accesskey ?? ''}'` : undefined }
    }
    return kind === 'url' ? purgeUrl(request) : purgeCache(request)
  }

  function purgeUrl(request: RecordedRequest): Reply {
    if (request.rawBody.trim() !== '') return { status: 400, body: ERRORS.urlsInvalid }
    const { url: text, async, exactPath } = request.query
    const url = text !== undefined && /^https?:\/\//i.test(text) ? URL.parse(text) : null
    if (!text || !url) return { status: 400, body: ERRORS.invalidUrl }
    if (!isBoolean(async) || !isBoolean(exactPath)) return { status: 400, body: ERRORS.invalidBoolean }
    if (!pullZones.some((zone) => zone.hostnames.includes(url.hostname.toLowerCase()))) return { status: 404, body: ERRORS.pullZoneNotFound }
    // The documented classification: a * anywhere, or a path ending in * or /, is a prefix purge.
    const bucket = text.includes('*') || url.pathname.endsWith('/') ? 'prefix' : 'exact'
    const waitSeconds = buckets?.[bucket].take()
    if (waitSeconds) {
      rateLimited.push(request)
      // Documented: a 429 "with guidance on when to retry"; the emulator gives Retry-After.
      return {
        status: 429,
        body: { ErrorKey: 'purge.rate_limit_exceeded', Field: 'Url', Message: `Too many ${bucket} purge requests; retry in ${waitSeconds} seconds` },
        headers: { 'Retry-After': String(waitSeconds) },
      }
    }
    purges.push({ kind: 'url', url: text, bucket, async: async?.toLowerCase() === 'true', exactPath: exactPath?.toLowerCase() === 'true' })
    return { status: 200 }
  }

  function purgeCache(request: RecordedRequest): Reply {
    const id = request.path.split('/')[2] ?? ''
    const zone = /^\d+$/.test(id) ? pullZones.find((each) => each.id === Number(id)) : undefined
    if (!zone) return { status: 404, body: ERRORS.pullZoneNotFound }
    const done: Reply = { status: options.purgeCacheStatus ?? 204 }
    if (request.rawBody.trim() === '') {
      purges.push({ kind: 'all', pullZoneId: zone.id })
      return done
    }
    // Not documented: a body that is not JSON. The emulator answers as ASP.NET does: 415.
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') return { status: 415 }
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, body: ERRORS.invalidBody }
    const tag = (body as { CacheTag?: unknown }).CacheTag
    if (tag === undefined || tag === null) {
      purges.push({ kind: 'all', pullZoneId: zone.id })
      return done
    }
    if (typeof tag !== 'string' || tag === '') return { status: 400, body: ERRORS.invalidBody }
    purges.push({ kind: 'tag', pullZoneId: zone.id, tag })
    return done
  }

  return { url: server.url, requests: server.requests, purges, rateLimited, faults, close: server.close }
}

function route(request: RecordedRequest): 'url' | 'zone' | 'none' {
  if (request.method !== 'POST') return 'none'
  if (request.path === '/purge') return 'url'
  return /^\/pullzone\/[^/]+\/purgeCache$/.test(request.path) ? 'zone' : 'none'
}

function isBoolean(value: string | undefined): boolean {
  return value === undefined || /^(true|false)$/i.test(value)
}

/** Bunny's bucket, per account and purge type: one token per purged item, refilled steadily. */
class TokenBucket {
  private tokens: number
  private updatedAt = performance.now()
  private readonly perMs: number

  constructor(
    private readonly limit: Bucket,
    timeScale: number,
  ) {
    this.tokens = limit.burst
    this.perMs = (limit.perSecond * timeScale) / 1000
  }

  /** Takes a token and returns 0, or takes none and returns the whole seconds until one is there. */
  take(): number {
    const now = performance.now()
    this.tokens = Math.min(this.limit.burst, this.tokens + (now - this.updatedAt) * this.perMs)
    this.updatedAt = now
    if (this.tokens >= 1) {
      this.tokens -= 1
      return 0
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perMs / 1000))
  }
}
