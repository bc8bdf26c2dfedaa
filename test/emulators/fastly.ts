// Loopback emulator of the Fastly purge API, strict like the real one.
// Spec: /work/shared/PROVIDERS-MORE.md, section "Fastly" (fastly/fastly-js docs/PurgeApi.md,
// fastly/go-fastly fastly/purge.go and errors.go). Where the real API's answer is not documented,
// the choice made here is written next to the code that makes it.
import http from 'node:http'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export type FastlyScope = 'global' | 'purge_select' | 'purge_all' | 'global:read'

export interface FastlyToken {
  token: string
  scopes: FastlyScope[]
  /** Services the token is limited to; all when absent. */
  services?: string[]
}

export interface FastlyEmulatorOptions {
  tokens?: FastlyToken[]
  services?: string[]
  /** Fastly's API limit on non-read requests an hour; purge_all counts, URL and key purges do not. */
  hourlyLimit?: number
  /** The service setting `Fastly-Purge-Requires-Auth`: Fastly recommends it, and the emulator defaults to it. */
  urlPurgeRequiresAuth?: boolean
  /** Put the presented key into the 401 body, as a careless API might. */
  echoToken?: boolean
}

export interface AcceptedPurge {
  kind: 'url' | 'key' | 'keys' | 'all'
  service?: string
  /** For a URL purge: what followed `/purge/`, with the query string. */
  url?: string
  keys?: string[]
  /** The raw `Fastly-Soft-Purge` header; its presence alone makes a purge soft. */
  softHeader: string | undefined
  ids: string[]
}

export interface FastlyEmulator {
  url: string
  requests: RecordedRequest[]
  purges: AcceptedPurge[]
  faults: Fault[]
  close(): Promise<void>
}

export const DEFAULT_TOKEN = 'fastly-test-token-0123456789abcdef'
export const DEFAULT_SERVICE = 'SU1Z0isxPaozGVKXdv0eY'
export const MAX_KEYS = 256

export const ERRORS = {
  // Real (fastly/fastly-js issue #14).
  credentials: { msg: 'Provided credentials are missing or invalid' },
  // Real (fastly/fastly-magento2 issue #104).
  tooManyKeys: { status: 'fail', reason: `Batch surrogate key request only supports up to ${MAX_KEYS} surrogate keys` },
  // Not documented: the emulator's words for a token without the scope or service.
  forbidden: { msg: 'Forbidden', detail: 'The token does not have the scope this purge needs, or access to this service' },
  // Not documented: the emulator's words for a bad body.
  badRequest: { msg: 'Bad request', detail: 'Expected a JSON body {"surrogate_keys": [...]} or a Surrogate-Key header' },
  // Not documented: the emulator's words for the hourly limit.
  rateLimited: { msg: 'Rate limit exceeded', detail: 'Too many requests this hour' },
  notFound: { msg: 'Record not found' },
} as const

type Route =
  | { kind: 'url'; cached: string }
  | { kind: 'key'; service: string; key: string }
  | { kind: 'keys'; service: string }
  | { kind: 'all'; service: string }
  | { kind: 'none' }

export async function startFastlyEmulator(options: FastlyEmulatorOptions = {}): Promise<FastlyEmulator> {
  const tokens = options.tokens ?? [{ token: DEFAULT_TOKEN, scopes: ['global'] }]
  const services = options.services ?? [DEFAULT_SERVICE]
  const hourlyLimit = options.hourlyLimit ?? 1_000
  const faults: Fault[] = []
  const purges: AcceptedPurge[] = []
  let purgeCount = 0
  let windowStart = Date.now()
  let windowCount = 0

  const server = await startLoopback({
    faultFor: (request) => (matchRoute(request, '').kind === 'none' ? undefined : faults.shift()),
    errorBody: (status) => (status === 401 ? ERRORS.credentials : status === 429 ? ERRORS.rateLimited : { msg: http.STATUS_CODES[status] ?? 'Error' }),
    handle: (request, raw) => answer(matchRoute(request, raw.url ?? ''), request),
  })

  function answer(route: Route, request: RecordedRequest): Reply {
    if (route.kind === 'none') return { status: 404, body: ERRORS.notFound }
    const presented = request.headers['fastly-key']
    const token = tokens.find((each) => each.token === presented)
    const needsAuth = route.kind !== 'url' || options.urlPurgeRequiresAuth !== false || presented !== undefined
    if (needsAuth && !token) {
      return { status: 401, body: options.echoToken && presented ? { ...ERRORS.credentials, detail: `key '${presented}'` } : ERRORS.credentials }
    }
    if (route.kind !== 'url' && !services.includes(route.service)) {
      return { status: 404, body: { ...ERRORS.notFound, detail: `Cannot find service '${route.service}'` } }
    }
    if (token && !allowed(token, route)) return { status: 403, body: ERRORS.forbidden }
    const softHeader = request.headers['fastly-soft-purge']

    if (route.kind === 'url') return purged({ kind: 'url', url: route.cached, softHeader, ids: [nextId()] }, { status: 'ok' })
    if (route.kind === 'key') return purged({ kind: 'key', service: route.service, keys: [route.key], softHeader, ids: [nextId()] }, { status: 'ok' })
    if (route.kind === 'all') {
      const limited = countAgainstLimit()
      if (limited) return limited
      // The soft header is ignored: purge_all is always hard (fastly-js docs); it is recorded so
      // tests can see it was never sent.
      return { ...purged({ kind: 'all', service: route.service, softHeader, ids: [] }, { status: 'ok' }), headers: rateHeaders() }
    }
    const keys = readKeys(request)
    if ('error' in keys) return keys.error
    const ids = keys.keys.map(() => nextId())
    const reply = purged({ kind: 'keys', service: route.service, keys: keys.keys, softHeader, ids }, {})
    reply.body = Object.fromEntries(keys.keys.map((key, index) => [key, ids[index]]))
    return reply
  }

  function purged(purge: AcceptedPurge, body: Record<string, unknown>): Reply {
    purges.push(purge)
    const id = purge.ids[0]
    return { status: 200, body: { ...body, ...(id ? { id } : {}) } }
  }

  function nextId(): string {
    purgeCount++
    return `108-${Math.floor(Date.now() / 1000)}-${974_000 + purgeCount}`
  }

  function resetAt(): number {
    return Math.ceil((windowStart + 3_600_000) / 1000)
  }

  function rateHeaders(): Record<string, string> {
    return { 'Fastly-RateLimit-Remaining': String(Math.max(0, hourlyLimit - windowCount)), 'Fastly-RateLimit-Reset': String(resetAt()) }
  }

  function countAgainstLimit(): Reply | undefined {
    if (Date.now() - windowStart >= 3_600_000) {
      windowStart = Date.now()
      windowCount = 0
    }
    if (windowCount >= hourlyLimit) return { status: 429, body: ERRORS.rateLimited, headers: rateHeaders() }
    windowCount++
    return undefined
  }

  return { url: server.url, requests: server.requests, purges, faults, close: server.close }
}

function matchRoute(request: RecordedRequest, rawUrl: string): Route {
  if (request.method !== 'POST') return { kind: 'none' }
  // The cached URL follows /purge/ unencoded (fastly-js sends it with allowReserved), query included.
  if (request.path.startsWith('/purge/') && request.path.length > '/purge/'.length) {
    return { kind: 'url', cached: rawUrl.slice('/purge/'.length) }
  }
  const segments = request.path.split('/').slice(1)
  if (segments[0] !== 'service' || !segments[1]) return { kind: 'none' }
  const service = decodeURIComponent(segments[1])
  if (segments.length === 3 && segments[2] === 'purge_all') return { kind: 'all', service }
  if (segments.length === 3 && segments[2] === 'purge') return { kind: 'keys', service }
  if (segments.length === 4 && segments[2] === 'purge' && segments[3]) return { kind: 'key', service, key: decodeURIComponent(segments[3]) }
  return { kind: 'none' }
}

function allowed(token: FastlyToken, route: Exclude<Route, { kind: 'none' }>): boolean {
  if (route.kind !== 'url' && token.services && !token.services.includes(route.service)) return false
  const needed: FastlyScope = route.kind === 'all' ? 'purge_all' : 'purge_select'
  return token.scopes.includes('global') || token.scopes.includes(needed)
}

/** A batch names its keys in a JSON body or, as go-fastly does, a Surrogate-Key header. */
function readKeys(request: RecordedRequest): { keys: string[] } | { error: Reply } {
  const bad = (body: unknown = ERRORS.badRequest): { error: Reply } => ({ error: { status: 400, body } })
  let keys: unknown
  if (request.rawBody.trim() !== '') {
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') return bad()
    keys = (request.body as { surrogate_keys?: unknown } | undefined)?.surrogate_keys
  } else if (request.headers['surrogate-key'] !== undefined) {
    keys = request.headers['surrogate-key'].split(' ').filter(Boolean)
  }
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === 'string' && key !== '')) return bad()
  if (keys.length > MAX_KEYS) return bad(ERRORS.tooManyKeys)
  return { keys: keys as string[] }
}
