// Loopback emulator of the Cloudimage (Scaleflex) invalidation API, strict like the real one.
// Spec: /work/shared/PROVIDERS.md, section "Cloudimage"; docs.cloudimage.io, "Invalidation API";
// the Scaleflex API reference (invalidate, invalidation status). Error bodies are not
// documented: the ones here are chosen, in the shape of the success answers.
import { randomUUID } from 'node:crypto'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export type FinalState = 'DONE' | 'ERROR'

export interface CloudimageEmulatorOptions {
  apiKey?: string
  /** URLs per request (the API's cap). */
  maxUrls?: number
  /** The status poll that first answers the final state (1: the first poll already does). */
  pollsUntilFinal?: number
  /** Final state of each invalidation in the order they are created; `DONE` when the list runs out. */
  finalStates?: FinalState[]
  /** A Retry-After header on every status answer (the real API is not known to send one). */
  statusRetryAfter?: string
}

export interface Invalidation {
  uuid: string
  scope: 'original' | 'all'
  urls: string[]
  polls: number
  finalState: FinalState
}

export interface CloudimageEmulator {
  url: string
  requests: RecordedRequest[]
  invalidations: Invalidation[]
  /** Faults for `POST /invalidate`. */
  faults: Fault[]
  /** Faults for `GET /invalidate/{uuid}`. */
  statusFaults: Fault[]
  close(): Promise<void>
}

export const DEFAULT_API_KEY = 'cloudimage-api-key-0123456789'
export const MAX_URLS = 15
const inProgress = ['RECEIVED', 'PREPARING', 'FLUSHINGCLOUDIMAGESERVER', 'FLUSHINGCDNSERVERS'] as const

export async function startCloudimageEmulator(options: CloudimageEmulatorOptions = {}): Promise<CloudimageEmulator> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY
  const maxUrls = options.maxUrls ?? MAX_URLS
  const pollsUntilFinal = options.pollsUntilFinal ?? 3
  const finalStates = [...(options.finalStates ?? [])]
  const invalidations: Invalidation[] = []
  const faults: Fault[] = []
  const statusFaults: Fault[] = []

  const server = await startLoopback({
    faultFor: (request) => (request.method === 'GET' ? statusFaults.shift() : faults.shift()),
    errorBody: (status) => failure(status, status === 401 ? 'Unauthorized' : 'Error').body,
    handle(request) {
      if (request.method === 'POST' && request.path === '/invalidate') return authenticated(request) ?? invalidate(request)
      const uuid = /^\/invalidate\/([^/]+)$/.exec(request.path)?.[1]
      if (request.method === 'GET' && uuid !== undefined) return authenticated(request) ?? status(decodeURIComponent(uuid))
      return failure(404, 'Not found')
    },
  })

  function authenticated(request: RecordedRequest): Reply | undefined {
    const key = request.headers['x-client-key']
    if (key === undefined || key === '') return failure(401, 'Missing X-Client-Key header')
    if (key !== apiKey) return failure(401, 'Invalid API key')
    return undefined
  }

  function invalidate(request: RecordedRequest): Reply {
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      return failure(400, 'Content-Type must be application/json')
    }
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return failure(400, 'The body must be a JSON object')
    const fields = body as Record<string, unknown>
    const unknown = Object.keys(fields).filter((key) => key !== 'scope' && key !== 'urls')
    if (unknown.length > 0) return failure(400, `Unknown field(s): ${unknown.join(', ')}`)

    let urls: string[] = []
    if (fields.scope === 'all') {
      if ('urls' in fields) return failure(400, 'Scope all takes no urls')
    } else if (fields.scope === 'original') {
      const problem = urlsProblem(fields.urls, maxUrls)
      if (problem) return failure(400, problem)
      urls = fields.urls as string[]
    } else if (fields.scope === 'urls') {
      return failure(400, 'Scope urls is no longer supported: use original')
    } else {
      return failure(400, 'scope must be original or all')
    }

    const invalidation: Invalidation = { uuid: randomUUID(), scope: fields.scope, urls, polls: 0, finalState: finalStates.shift() ?? 'DONE' }
    invalidations.push(invalidation)
    return {
      status: 201,
      body: { status: 'success', msg: 'Your invalidation request has been received', invalidation: { status: 'RECEIVED', uuid: invalidation.uuid, added_at: addedAt() } },
    }
  }

  function status(uuid: string): Reply {
    const invalidation = invalidations.find((each) => each.uuid === uuid)
    if (!invalidation) return failure(404, `Invalidation ${uuid} not found`)
    invalidation.polls++
    const state = invalidation.polls >= pollsUntilFinal ? invalidation.finalState : inProgress[Math.min(invalidation.polls - 1, inProgress.length - 1)]
    return {
      status: 200,
      headers: options.statusRetryAfter === undefined ? {} : { 'retry-after': options.statusRetryAfter },
      body: {
        status: 'success',
        invalidation: {
          status: state,
          uuid,
          added_at: addedAt(),
          urls: { received: null, invalidated: state === 'DONE' ? (invalidation.scope === 'all' ? ['/*'] : invalidation.urls) : [], failed: [] },
          scope: invalidation.scope,
        },
      },
    }
  }

  return { url: server.url, requests: server.requests, invalidations, faults, statusFaults, close: server.close }
}

function urlsProblem(urls: unknown, maxUrls: number): string | undefined {
  if (!Array.isArray(urls) || urls.length === 0) return 'Scope original needs a non-empty urls array'
  if (urls.length > maxUrls) return `At most ${maxUrls} urls per request, got ${urls.length}`
  const bad = urls.find((url) => typeof url !== 'string' || url === '' || url.includes('?'))
  if (bad !== undefined) return `Invalid url ${JSON.stringify(bad)}: scope original takes image URLs without a query string`
  return undefined
}

function failure(status: number, msg: string): Reply & { body: unknown } {
  return { status, body: { status: 'error', msg } }
}

/** The API's timestamp format: `2023-08-08 13:39:52.636426`. */
function addedAt(): string {
  return new Date().toISOString().replace('T', ' ').replace('Z', '000')
}
