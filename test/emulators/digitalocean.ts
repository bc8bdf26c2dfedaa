// Loopback emulator of the DigitalOcean CDN endpoints API, strict like the real one, rate limits
// included. Spec: /work/shared/PROVIDERS-CLOUDS.md, section 8 (doapi specification
// cdn_purge_cache.yml, cdn_list_endpoints.yml, description.yml, shared/responses/*.yml). Where
// the real API's answer is not documented, the choice made here is written next to the code.
import { randomUUID } from 'node:crypto'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export interface CdnEndpoint {
  id: string
  /** `<bucket>.<region>.digitaloceanspaces.com` */
  origin: string
  /** `<bucket>.<region>.cdn.digitaloceanspaces.com` */
  endpoint: string
  custom_domain?: string
}

export interface Window {
  limit: number
  seconds: number
}

export interface DigitalOceanEmulatorOptions {
  /** Tokens and their scopes; a full-access token has every scope. */
  tokens?: Record<string, string[]>
  endpoints?: CdnEndpoint[]
  /** The documented limits; `false` turns them off. */
  rateLimits?: { files: Window; requests: Window } | false
  /** Runs the windows this many times faster, so tests of long lists run in seconds. */
  timeScale?: number
  /** How long a purge is in progress before its 204 (identical purges meanwhile are refused). */
  purgeMs?: number
  /** Also send `retry-after` on a 429 (the per-token limit does; for the CDN limits it is not confirmed). */
  retryAfterHeader?: boolean
}

export interface AcceptedPurge {
  endpointId: string
  files: string[]
}

export interface DigitalOceanEmulator {
  url: string
  requests: RecordedRequest[]
  purges: AcceptedPurge[]
  /** Every request answered 429 by the windows (faults not counted). */
  rateLimited: RecordedRequest[]
  /** Identical purges refused while one was in progress. */
  duplicates: RecordedRequest[]
  faults: Fault[]
  close(): Promise<void>
}

export const DEFAULT_TOKEN = 'dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab'
export const DEFAULT_ENDPOINTS: CdnEndpoint[] = [
  {
    id: '19f06b6a-3ace-4315-b086-499a0e521b76',
    origin: 'static-images.nyc3.digitaloceanspaces.com',
    endpoint: 'static-images.nyc3.cdn.digitaloceanspaces.com',
    custom_domain: 'static.example.com',
  },
]
/** "50 files per 20 seconds"; "Only 5 requests to any and all v2/cdn/endpoints can be made per 10 seconds". */
export const DOCUMENTED_LIMITS = { files: { limit: 50, seconds: 20 }, requests: { limit: 5, seconds: 10 } }
export const MAX_FILES = 50
export const MAX_PER_PAGE = 200

export const ERRORS = {
  // Real (shared/responses/unauthorized.yml and friends).
  unauthorized: { id: 'unauthorized', message: 'Unable to authenticate you.' },
  notFound: { id: 'not_found', message: 'The resource you were accessing could not be found.' },
  tooManyRequests: { id: 'too_many_requests', message: 'API Rate limit exceeded.' },
  // Not documented for these calls: the emulator's words for a token without the scope, a bad
  // body, more than 50 files and an identical purge in progress.
  forbidden: { id: 'forbidden', message: 'You are not authorized to perform this operation.' },
  invalidBody: { id: 'bad_request', message: 'The request body must be JSON: {"files": [...]}' },
  tooManyFiles: { id: 'unprocessable_entity', message: `files: at most ${MAX_FILES} files per request` },
  duplicate: { id: 'conflict', message: 'An identical purge request is already in progress.' },
} as const

export async function startDigitalOceanEmulator(options: DigitalOceanEmulatorOptions = {}): Promise<DigitalOceanEmulator> {
  const tokens = options.tokens ?? { [DEFAULT_TOKEN]: ['cdn:read', 'cdn:delete'] }
  const endpoints = options.endpoints ?? DEFAULT_ENDPOINTS
  const limits = options.rateLimits === false ? undefined : (options.rateLimits ?? DOCUMENTED_LIMITS)
  const timeScale = options.timeScale ?? 1
  const files = limits ? new SlidingWindow(limits.files, timeScale) : undefined
  const calls = limits ? new SlidingWindow(limits.requests, timeScale) : undefined
  const inProgress = new Set<string>()
  const purges: AcceptedPurge[] = []
  const rateLimited: RecordedRequest[] = []
  const duplicates: RecordedRequest[] = []
  const faults: Fault[] = []

  const server = await startLoopback({
    faultFor: () => faults.shift(),
    errorBody: (status) => (status === 429 ? ERRORS.tooManyRequests : { id: `error_${status}`, message: `HTTP ${status}` }),
    handle: (request) => answer(request),
  })

  async function answer(request: RecordedRequest): Promise<Reply> {
    const purgeId = /^\/v2\/cdn\/endpoints\/([^/]+)\/cache$/.exec(request.path)?.[1]
    const isList = request.path === '/v2/cdn/endpoints'
    if (!(isList && request.method === 'GET') && !(purgeId !== undefined && request.method === 'DELETE')) return error(404, ERRORS.notFound)

    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    const scopes = token === undefined ? undefined : tokens[token]
    if (!scopes) return error(401, ERRORS.unauthorized)
    if (!scopes.includes(isList ? 'cdn:read' : 'cdn:delete')) return error(403, ERRORS.forbidden)

    // Documented: every call to /v2/cdn/endpoints counts, the listing included. Not documented:
    // whether a refused call counts; here it does not.
    const now = performance.now()
    const callWait = calls?.waitMs(now, 1) ?? 0
    if (callWait > 0) return tooMany(request, callWait, calls as SlidingWindow, now)
    if (isList) {
      calls?.add(now, 1)
      return list(request)
    }

    const body = request.body
    const list_ = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { files?: unknown }).files : undefined
    if (!Array.isArray(list_) || list_.length === 0 || !list_.every((file) => typeof file === 'string' && file !== '')) return error(400, ERRORS.invalidBody)
    // Not documented: more than 50 files in one request. The emulator refuses it.
    if (list_.length > MAX_FILES) return error(422, ERRORS.tooManyFiles)
    const endpoint = endpoints.find((each) => each.id === decodeURIComponent(purgeId ?? ''))
    if (!endpoint) return error(404, ERRORS.notFound)

    // Documented: "Two identical purge requests cannot be sent at the same time." The answer is
    // not: the emulator refuses the second with 409.
    const key = `${endpoint.id} ${JSON.stringify([...(list_ as string[])].sort())}`
    if (inProgress.has(key)) {
      duplicates.push(request)
      return error(409, ERRORS.duplicate)
    }
    const fileWait = files?.waitMs(now, list_.length) ?? 0
    if (fileWait > 0) return tooMany(request, fileWait, files as SlidingWindow, now)
    calls?.add(now, 1)
    files?.add(now, list_.length)

    inProgress.add(key)
    if (options.purgeMs) await new Promise((resolve) => setTimeout(resolve, options.purgeMs))
    inProgress.delete(key)
    purges.push({ endpointId: endpoint.id, files: list_ as string[] })
    return { status: 204 }
  }

  function list(request: RecordedRequest): Reply {
    // Documented: per_page default 20, at most 200. Not documented: past 200 (clamped here).
    const perPage = Math.min(MAX_PER_PAGE, positive(request.query.per_page) ?? 20)
    const page = positive(request.query.page) ?? 1
    const last = Math.max(1, Math.ceil(endpoints.length / perPage))
    const link = (number: number) => `${server.origin}/v2/cdn/endpoints?page=${number}&per_page=${perPage}`
    const pages: Record<string, string> = {}
    if (page > 1) Object.assign(pages, { first: link(1), prev: link(page - 1) })
    if (page < last) Object.assign(pages, { next: link(page + 1), last: link(last) })
    const slice = endpoints.slice((page - 1) * perPage, page * perPage).map((endpoint) => ({
      ttl: 3600,
      certificate_id: '',
      custom_domain: '',
      created_at: '2024-01-01T00:00:00Z',
      ...endpoint,
    }))
    return { status: 200, body: { endpoints: slice, links: { pages }, meta: { total: endpoints.length } } }
  }

  function tooMany(request: RecordedRequest, waitMs: number, window: SlidingWindow, now: number): Reply {
    rateLimited.push(request)
    // Documented for the per-token limit: ratelimit-* headers, ratelimit-reset in Unix seconds.
    const resetSeconds = Math.ceil((Date.now() + waitMs) / 1000)
    const headers: Record<string, string> = {
      'ratelimit-limit': String(window.limit),
      'ratelimit-remaining': String(Math.max(0, window.limit - window.used(now))),
      'ratelimit-reset': String(resetSeconds),
    }
    if (options.retryAfterHeader) headers['retry-after'] = String(Math.max(1, Math.ceil(waitMs / 1000)))
    return { status: 429, body: ERRORS.tooManyRequests, headers }
  }

  return { url: server.url, requests: server.requests, purges, rateLimited, duplicates, faults, close: server.close }
}

function error(status: number, body: { id: string; message: string }): Reply {
  return { status, body: { ...body, request_id: randomUUID() } }
}

function positive(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9]\d{0,6}$/.test(value) ? Number(value) : undefined
}

/** A sliding window: at most `limit` units in any `seconds` (divided by the time scale). */
class SlidingWindow {
  readonly limit: number
  private readonly windowMs: number
  private readonly spent: { at: number; units: number }[] = []

  constructor(window: Window, timeScale: number) {
    this.limit = window.limit
    this.windowMs = (window.seconds * 1000) / timeScale
  }

  used(now: number): number {
    while (this.spent.length > 0 && now - (this.spent[0] as { at: number }).at >= this.windowMs) this.spent.shift()
    return this.spent.reduce((sum, each) => sum + each.units, 0)
  }

  /** 0 when `units` fit now, else the milliseconds until enough of the window has passed. */
  waitMs(now: number, units: number): number {
    let used = this.used(now)
    if (used + units <= this.limit) return 0
    for (const each of this.spent) {
      used -= each.units
      if (used + units <= this.limit) return Math.max(1, Math.ceil(each.at + this.windowMs - now))
    }
    return Math.ceil(this.windowMs)
  }

  add(now: number, units: number): void {
    this.spent.push({ at: now, units })
  }
}
