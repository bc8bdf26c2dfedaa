// Loopback emulator of the jsDelivr purge API (purge.jsdelivr.net), strict like the real one.
// Spec: /work/shared/PROVIDERS-CLOUDS.md, section 7 (jsDelivr's purge tool in
// jsdelivr/www.jsdelivr.com, List-KR/jsdelivr-purge, Trendyol/baklava#270). The status codes and
// error bodies of the real API are not documented: the choices made here are written next to the
// code that makes them.
import { randomBytes } from 'node:crypto'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export interface JsdelivrEmulatorOptions {
  /** Status polls answered `pending` before a purge is `finished` (jsDelivr's own tool polls every second). */
  pendingPolls?: number
  /**
   * How long after a purge the same path is `throttled` (not purged) when purged again. Not
   * documented (a 2021 blog post: about an hour); 3,600 s here, divided by `timeScale`.
   */
  throttleSeconds?: number
  /** Runs the throttle window this many times faster, so a test can purge a path again. */
  timeScale?: number
  /** The emulator's clock in milliseconds (a test can move it on); `performance.now` by default. */
  now?: () => number
  /** Paths purged shortly before the emulator started: purging them now is throttled. */
  recentlyPurged?: string[]
  /** The CDNs jsDelivr reports per path (the keys change over the years). */
  providers?: string[]
  /** Per path, CDNs that report `false` (did not purge it). */
  failingProviders?: Record<string, string[]>
  /** Purges whose status ends `failed` instead of `finished` (by the first path of the request). */
  failedPurges?: string[]
  /** Told the paths each accepted purge really purges (not the throttled ones), e.g. to drop an edge emulator's copies. */
  onPurge?: (paths: string[]) => void
}

export interface AcceptedPurge {
  id: string
  paths: string[]
  throttled: string[]
}

export interface JsdelivrEmulator {
  url: string
  requests: RecordedRequest[]
  /** Every purge request accepted, in order, with the paths that were throttled. */
  purges: AcceptedPurge[]
  /** Status polls by purge id. */
  polls: Map<string, number>
  faults: Fault[]
  close(): Promise<void>
}

/** "up to 20 paths" a request (Trendyol/baklava#270, from jsDelivr by e-mail). */
export const MAX_PATHS = 20
export const DEFAULT_PROVIDERS = ['CF', 'FY']

interface PurgeState {
  id: string
  timestamp: string
  pollsLeft: number
  failed: boolean
  paths: Record<string, { throttled: boolean; providers: Record<string, boolean> }>
}

export async function startJsdelivrEmulator(options: JsdelivrEmulatorOptions = {}): Promise<JsdelivrEmulator> {
  const timeScale = options.timeScale ?? 1
  const now = options.now ?? (() => performance.now())
  const throttleMs = ((options.throttleSeconds ?? 3_600) * 1000) / timeScale
  const providers = options.providers ?? DEFAULT_PROVIDERS
  const lastPurgedAt = new Map<string, number>((options.recentlyPurged ?? []).map((path) => [path, now()]))
  const states = new Map<string, PurgeState>()
  const purges: AcceptedPurge[] = []
  const polls = new Map<string, number>()
  const faults: Fault[] = []

  const server = await startLoopback({
    faultFor: () => faults.shift(),
    // Not documented: the emulator's error body.
    errorBody: (status) => ({ status, message: `HTTP ${status}` }),
    handle: (request) => answer(request),
  })

  function answer(request: RecordedRequest): Reply {
    if (request.method === 'POST' && request.path === '/') return purge(request)
    const statusId = /^\/status\/([^/]+)$/.exec(request.path)?.[1]
    if (request.method === 'GET' && statusId !== undefined) return status(decodeURIComponent(statusId))
    return { status: 404, body: { status: 404, message: 'Not found' } }
  }

  function purge(request: RecordedRequest): Reply {
    // Not documented: what a body that is not JSON, or not {path: [...]}, gets. The emulator: 400.
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') return badRequest('The body must be JSON')
    const body = request.body
    const paths = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { path?: unknown }).path : undefined
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((path) => typeof path === 'string' && path.startsWith('/'))) {
      return badRequest('path must be a non-empty array of paths starting with /')
    }
    // Not documented: 21 paths. The emulator refuses the request.
    if (paths.length > MAX_PATHS) return badRequest(`At most ${MAX_PATHS} paths per request`)

    const id = purgeId()
    const at = now()
    const state: PurgeState = {
      id,
      timestamp: new Date().toISOString(),
      pollsLeft: options.pendingPolls ?? 1,
      failed: options.failedPurges?.includes(paths[0] as string) ?? false,
      paths: {},
    }
    const throttled: string[] = []
    for (const path of paths as string[]) {
      const last = lastPurgedAt.get(path)
      // Documented: a path purged again too soon is reported throttled and is not purged.
      if (last !== undefined && at - last < throttleMs) {
        throttled.push(path)
        state.paths[path] = { throttled: true, providers: Object.fromEntries(providers.map((name) => [name, false])) }
        continue
      }
      lastPurgedAt.set(path, at)
      const failing = options.failingProviders?.[path] ?? []
      state.paths[path] = { throttled: false, providers: Object.fromEntries(providers.map((name) => [name, !failing.includes(name)])) }
    }
    states.set(id, state)
    purges.push({ id, paths: paths as string[], throttled })
    options.onPurge?.((paths as string[]).filter((path) => !throttled.includes(path)))
    // Documented shape; the status code (200) is not.
    return { status: 200, body: { id, status: 'pending', timestamp: state.timestamp } }
  }

  function status(id: string): Reply {
    const state = states.get(id)
    // Not documented: an unknown id. The emulator: 404.
    if (!state) return { status: 404, body: { status: 404, message: 'Purge request not found' } }
    polls.set(id, (polls.get(id) ?? 0) + 1)
    if (state.pollsLeft > 0) {
      state.pollsLeft--
      return { status: 200, body: { id, status: 'pending', timestamp: state.timestamp } }
    }
    return { status: 200, body: { id, status: state.failed ? 'failed' : 'finished', timestamp: state.timestamp, paths: state.paths } }
  }

  return { url: server.url, requests: server.requests, purges, polls, faults, close: server.close }
}

function badRequest(message: string): Reply {
  return { status: 400, body: { status: 400, message } }
}

/** Ids like `CXWDAKcejkTaas0QS`: 17 letters and digits. */
function purgeId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from(randomBytes(17), (byte) => alphabet[byte % alphabet.length]).join('')
}
