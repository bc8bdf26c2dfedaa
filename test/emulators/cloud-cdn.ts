// Loopback emulator of the Compute Engine API's Cloud CDN calls, strict like the real one:
// `POST /compute/v1/projects/{project}/global/urlMaps/{urlMap}/invalidateCache?requestId=<uuid>`
// with one CacheInvalidationRule (`{path, host?}` or `{cacheTags}`), answered with an Operation,
// and `GET /compute/v1/projects/{project}/global/operations/{name}`.
// Spec: /work/shared/PROVIDERS-CLOUDS.md section 4; cloud.google.com/compute/docs/reference/rest/v1/
// urlMaps/invalidateCache, globalOperations/get; cloud.google.com/cdn/docs/cache-invalidation-overview
// (the GA path rule: starts with `/`, no `?` or `#`, `*` only as the last character after a `/`;
// at most 10 cache tags). A `requestId` seen before returns the operation it created and creates
// nothing new (the documented idempotency). Error bodies are Compute's usual
// `{"error": {"code", "message", "errors": [{"message", "domain", "reason"}]}}`.
import type { IncomingMessage } from 'node:http'
import { randomHex, startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export const DEFAULT_PROJECT = 'acme-site'
export const DEFAULT_URL_MAPS = ['web-map', 'assets-map']
export const STATIC_ACCESS_TOKEN = 'ya29.static-access-token-0123456789abcdef'
export const MAX_CACHE_TAGS = 10
const BASE_PATH = '/compute/v1'
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface Invalidation {
  project: string
  urlMap: string
  requestId: string | undefined
  rule: { path?: string; host?: string; cacheTags?: string[] }
  operation: Operation
  /** Polls of its operation so far. */
  polls: number
  at: number
  /** The error its operation ends with, if one was chosen. */
  operationError: { code: string; message: string } | undefined
}

export interface Operation {
  kind: 'compute#operation'
  id: string
  name: string
  operationType: 'invalidateCache'
  targetLink: string
  targetId: string
  status: 'PENDING' | 'RUNNING' | 'DONE'
  progress: number
  insertTime: string
  startTime: string
  endTime?: string
  user: string
  selfLink: string
  clientOperationId?: string
  error?: { errors: { code: string; message: string }[] }
  httpErrorStatusCode?: number
  httpErrorMessage?: string
}

export interface CloudCdnEmulatorOptions {
  /** Projects and their global URL maps. */
  projects?: Record<string, string[]>
  /** Who an access token speaks for (a principal or an email), or undefined when it is not valid. */
  authorize?: (token: string) => string | undefined
  /** Whether a principal holds `compute.urlMaps.invalidateCache` (default: every valid one). */
  canInvalidate?: (principal: string, project: string) => boolean
  /** The poll that first answers DONE (0: the invalidateCache answer already says DONE). */
  pollsUntilDone?: number
  /** An operation error for each invalidation in creation order (undefined: success). */
  operationErrors?: ({ code: string; message: string } | undefined)[]
  /** More invalidations than `max` within `windowMs` are refused, with a 429 or a 403 rateLimitExceeded. */
  rateLimit?: { max: number; windowMs: number; answer: 429 | 403 }
}

export interface CloudCdnEmulator {
  /** The `api-url` to give: `<origin>/compute/v1`. */
  url: string
  requests: RecordedRequest[]
  invalidations: Invalidation[]
  /** Faults for `invalidateCache` (before anything is created). */
  faults: Fault[]
  /** Faults for operation polls. */
  operationFaults: Fault[]
  /** The next this-many `invalidateCache` calls create the invalidation, then reset the connection unanswered. */
  resetAfterCreate: number
  close(): Promise<void>
}

export async function startCloudCdnEmulator(options: CloudCdnEmulatorOptions = {}): Promise<CloudCdnEmulator> {
  const projects = options.projects ?? { [DEFAULT_PROJECT]: DEFAULT_URL_MAPS }
  const authorize = options.authorize ?? ((token: string) => (token === STATIC_ACCESS_TOKEN ? 'user:ci@example.com' : undefined))
  const canInvalidate = options.canInvalidate ?? (() => true)
  const pollsUntilDone = options.pollsUntilDone ?? 2
  const operationErrors = [...(options.operationErrors ?? [])]
  const invalidations: Invalidation[] = []
  const faults: Fault[] = []
  const operationFaults: Fault[] = []

  const server = await startLoopback({
    basePath: BASE_PATH,
    faultFor: (request) => (request.method === 'GET' ? operationFaults : faults).shift(),
    errorBody: (status) => computeError(status, status === 429 ? 'rateLimitExceeded' : 'backendError', `emulated ${status}`).body,
    handle(request, raw) {
      const invalidate = /^\/compute\/v1\/projects\/([^/]+)\/global\/urlMaps\/([^/]+)\/invalidateCache$/.exec(request.path)
      if (invalidate && request.method === 'POST') return authorized(request, decodeURIComponent(invalidate[1] ?? ''), (principal, project) => create(request, raw, principal, project, decodeURIComponent(invalidate[2] ?? '')))
      const operation = /^\/compute\/v1\/projects\/([^/]+)\/global\/operations\/([^/]+)$/.exec(request.path)
      if (operation && request.method === 'GET') return authorized(request, decodeURIComponent(operation[1] ?? ''), (_principal, project) => poll(project, decodeURIComponent(operation[2] ?? '')))
      return computeError(404, 'notFound', `The requested URL ${request.path} was not found on this server.`)
    },
  })

  const emulator: CloudCdnEmulator = { url: server.url, requests: server.requests, invalidations, faults, operationFaults, resetAfterCreate: 0, close: server.close }

  function authorized(request: RecordedRequest, project: string, then: (principal: string, project: string) => Reply): Reply {
    const header = request.headers.authorization ?? ''
    const principal = header.startsWith('Bearer ') ? authorize(header.slice('Bearer '.length)) : undefined
    if (!principal) {
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
        body: {
          error: {
            code: 401,
            message: 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
            errors: [{ message: 'Login Required.', domain: 'global', reason: 'required', location: 'Authorization', locationType: 'header' }],
            status: 'UNAUTHENTICATED',
          },
        },
      }
    }
    if (!(project in projects)) return computeError(404, 'notFound', `The resource 'projects/${project}' was not found`)
    return then(principal, project)
  }

  function create(request: RecordedRequest, raw: IncomingMessage, principal: string, project: string, urlMap: string): Reply {
    const resource = `projects/${project}/global/urlMaps/${urlMap}`
    const requestId = request.query.requestId
    if (requestId !== undefined && (!uuidPattern.test(requestId) || /^[0-]+$/.test(requestId))) {
      return computeError(400, 'invalid', `Invalid value for field 'requestId': '${requestId}'. The request id must be a valid UUID with the exception that zero UUID is not supported (00000000-0000-0000-0000-000000000000).`)
    }
    if (!canInvalidate(principal, project)) return computeError(403, 'forbidden', `Required 'compute.urlMaps.invalidateCache' permission for '${resource}'`)
    if (!(projects[project] ?? []).includes(urlMap)) return computeError(404, 'notFound', `The resource '${resource}' was not found`)
    if ((request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      return computeError(400, 'parseError', 'This API does not support parsing form-encoded input.')
    }
    const rule = readRule(request.body)
    if (typeof rule === 'string') return computeError(400, 'invalid', rule)

    // The documented idempotency: a requestId seen before answers the operation it created.
    const earlier = requestId === undefined ? undefined : invalidations.find((each) => each.project === project && each.requestId === requestId)
    if (earlier) return { status: 200, body: earlier.operation }

    if (options.rateLimit) {
      const { max, windowMs, answer } = options.rateLimit
      const recent = invalidations.filter((each) => each.project === project && each.at > Date.now() - windowMs).length
      if (recent >= max) {
        return answer === 429
          ? computeError(429, 'rateLimitExceeded', `Quota exceeded for quota metric 'Invalidation requests' and limit 'Invalidation requests per minute' of service 'compute.googleapis.com' for consumer 'project_number:123456789012'.`, 'RESOURCE_EXHAUSTED')
          : computeError(403, 'rateLimitExceeded', 'Rate Limit Exceeded', undefined, 'usageLimits')
      }
    }

    const now = new Date().toISOString()
    const id = String(BigInt(`0x${randomHex(7)}`))
    const name = `operation-${Date.now()}-${randomHex(7)}-${randomHex(4)}-${randomHex(4)}`
    const operation: Operation = {
      kind: 'compute#operation',
      id,
      name,
      operationType: 'invalidateCache',
      targetLink: `https://www.googleapis.com/compute/v1/${resource}`,
      targetId: '8421337123456789',
      status: 'RUNNING',
      progress: 0,
      insertTime: now,
      startTime: now,
      user: principal.startsWith('principal://') ? principal : principal.replace(/^user:/, ''),
      selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/operations/${name}`,
      ...(requestId === undefined ? {} : { clientOperationId: requestId }),
    }
    const invalidation: Invalidation = { project, urlMap, requestId, rule, operation, polls: 0, at: Date.now(), operationError: operationErrors.shift() }
    invalidations.push(invalidation)
    advance(invalidation)

    if (emulator.resetAfterCreate > 0) {
      emulator.resetAfterCreate--
      raw.socket.resetAndDestroy()
    }
    return { status: 200, body: operation }
  }

  /** Moves an operation to DONE once polled enough; DONE carries the error chosen for it, if any. */
  function advance(invalidation: Invalidation): void {
    if (invalidation.polls < pollsUntilDone) return
    const { operation, operationError: error } = invalidation
    operation.status = 'DONE'
    operation.progress = 100
    operation.endTime ??= new Date().toISOString()
    if (error) {
      operation.error = { errors: [error] }
      operation.httpErrorStatusCode = 400
      operation.httpErrorMessage = 'BAD REQUEST'
    }
  }

  function poll(project: string, name: string): Reply {
    const invalidation = invalidations.find((each) => each.project === project && each.operation.name === name)
    if (!invalidation) return computeError(404, 'notFound', `The resource 'projects/${project}/global/operations/${name}' was not found`)
    invalidation.polls++
    advance(invalidation)
    return { status: 200, body: invalidation.operation }
  }

  return emulator
}

/** The rule, checked as the API checks it, or what is wrong with it. */
function readRule(body: unknown): Invalidation['rule'] | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Invalid JSON payload received. Expected an object.'
  const { path, host, cacheTags, ...rest } = body as Record<string, unknown>
  const unknown = Object.keys(rest)[0]
  if (unknown !== undefined) return `Invalid JSON payload received. Unknown name "${unknown}" at 'resource': Cannot find field.`
  if (path === undefined && cacheTags === undefined) return "Invalid value for field 'resource': a cache invalidation rule needs a path or cache tags."
  const rule: Invalidation['rule'] = {}
  if (path !== undefined) {
    if (typeof path !== 'string' || !path.startsWith('/') || path.includes('?') || path.includes('#') || /\s/.test(path) || path.length > 1024) {
      return `Invalid value for field 'resource.path': ${JSON.stringify(path)}. The path must start with '/' and cannot include '?' or '#'.`
    }
    const star = path.indexOf('*')
    if (star !== -1 && (star !== path.length - 1 || path[star - 1] !== '/')) {
      return `Invalid value for field 'resource.path': ${JSON.stringify(path)}. A '*' is allowed only as the final character, following a '/'.`
    }
    rule.path = path
  }
  if (host !== undefined) {
    const labels = typeof host === 'string' ? host.split('.') : []
    const hostname = (label: string) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(label)
    const valid = labels.length >= 1 && labels.every((label, index) => hostname(label) || (index === 0 && label === '*' && labels.length > 2))
    if (!valid) return `Invalid value for field 'resource.host': ${JSON.stringify(host)}. Use a single hostname or a single-level leading wildcard subdomain.`
    rule.host = host as string
  }
  if (cacheTags !== undefined) {
    if (!Array.isArray(cacheTags) || cacheTags.length === 0 || !cacheTags.every((tag) => typeof tag === 'string' && tag !== '' && tag.length <= 120 && !/[\s,]/.test(tag))) {
      return "Invalid value for field 'resource.cacheTags': each tag must be a non-empty string of printable characters, without spaces or commas."
    }
    if (cacheTags.length > MAX_CACHE_TAGS) return `Invalid value for field 'resource.cacheTags': at most ${MAX_CACHE_TAGS} cache tags can be invalidated in one request, got ${cacheTags.length}.`
    rule.cacheTags = cacheTags as string[]
  }
  return rule
}

export function computeError(code: number, reason: string, message: string, status?: string, domain = 'global'): Reply & { body: unknown } {
  return { status: code, body: { error: { code, message, errors: [{ message, domain, reason }], ...(status ? { status } : {}) } } }
}
