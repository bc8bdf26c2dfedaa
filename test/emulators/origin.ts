// A loopback origin that serves a version file, as a deploy platform does while it swaps builds:
// the old build first, the new one `switchAfterMs` after the first request (never, when not given). Each answer is
// recorded with the time it was sent and the build it carried, so a test can tell whether a purge
// came before or after the origin served the new build.
import { startLoopback, type Fault, type RecordedRequest } from './loopback.js'

export interface OriginEmulatorOptions {
  path?: string
  /** Body of the old build. */
  before: string
  /** Body of the new build. */
  after?: string
  /** Milliseconds after the first request when the new build is served; undefined: never. */
  switchAfterMs?: number
  /** Status while the old build is served (a platform may answer 404 or 503 mid-deploy). */
  beforeStatus?: number
}

export interface ServedAnswer {
  at: number
  build: 'before' | 'after'
  status: number
}

export interface OriginEmulator {
  url: string
  requests: RecordedRequest[]
  served: ServedAnswer[]
  /** Shifted one per request. */
  faults: Fault[]
  close(): Promise<void>
}

export async function startOriginEmulator(options: OriginEmulatorOptions): Promise<OriginEmulator> {
  const path = options.path ?? '/version.txt'
  let firstAt: number | undefined
  const served: ServedAnswer[] = []
  const faults: Fault[] = []
  const server = await startLoopback({
    faultFor: () => faults.shift(),
    handle: (request) => {
      if (request.method !== 'GET' || request.path !== path) return { status: 404, body: 'Not Found' }
      firstAt ??= Date.now()
      const switched = options.switchAfterMs !== undefined && Date.now() - firstAt >= options.switchAfterMs
      const status = switched ? 200 : (options.beforeStatus ?? 200)
      served.push({ at: Date.now(), build: switched ? 'after' : 'before', status })
      return { status, body: switched ? (options.after ?? '') : options.before, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'max-age=60' } }
    },
  })
  return { url: `${server.origin}${path}`, requests: server.requests, served, faults, close: () => server.close() }
}
