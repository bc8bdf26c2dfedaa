import type { Answer, Attempted, Verdict } from '../http/client.js'
import type { CommonSettings } from '../inputs/settings.js'
import type { ApiContext } from './provider.js'

/** What several providers do alike, written once. */

/** A 2xx status. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

/** The JSON in `text`, or undefined when it is none. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Keys and `scope: all` purge a whole service or zone (Fastly service, Bunny pull zone): the
 * error when its input is missing, for a run that needs it.
 */
export function requiredForKeysOrEverything(settings: CommonSettings, input: string, title: string, hint: string): string | undefined {
  if (settings.scope !== 'all' && settings.keys.length === 0) return undefined
  return `input ${input}: required for ${settings.scope === 'all' ? 'scope: all' : 'keys'} on ${title}; ${hint}`
}

/** Whether keys or `scope: all` are asked for, which purge a whole service or zone. */
export function purgesKeysOrEverything(settings: CommonSettings): boolean {
  return settings.scope === 'all' || settings.keys.length > 0
}

/** One API call of a provider's own (a lookup, a status poll), authenticated like its purges. */
export function callApi<V extends Verdict>(
  api: ApiContext,
  request: { method: 'GET' | 'POST' | 'DELETE'; path: string; headers?: Record<string, string>; body?: string; pace?: string },
  read: (answer: Answer) => V,
): Promise<Attempted<V>> {
  return api.http.send(
    {
      url: api.apiUrl + request.path,
      method: request.method,
      headers: { ...api.headers, ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.pace !== undefined ? { pace: request.pace } : {}),
      ...(api.sign ? { sign: api.sign } : {}),
    },
    read,
  )
}

/** Waits `ms`, sped up by the time scale (tests). */
export function wait(api: ApiContext, ms: number): Promise<void> {
  return api.sleep(ms / api.timeScale)
}

/** One look at an asynchronous purge: finished (`done`), failed for good, or still `pending` in some state. */
export type PollState<T> = { done: T } | { failed: string } | { pending: string; retryAfterMs?: number | undefined }

/**
 * Polls until `poll` says done or failed, waiting `delayMs(pollsDone, retryAfterMs)` between
 * polls. When the next wait would end past the step's deadline it stops and returns the last
 * pending state as `timedOut` (the purge goes on without us). The clock and the sleep are the
 * API context's; CDN_PURGE_TIME_SCALE shortens the waits in tests.
 */
export async function pollUntil<T>(
  api: ApiContext,
  poll: () => Promise<PollState<T>>,
  delayMs: (pollsDone: number, retryAfterMs: number | undefined) => number,
): Promise<{ done: T } | { failed: string } | { timedOut: string }> {
  for (let pollsDone = 1; ; pollsDone++) {
    const state = await poll()
    if (!('pending' in state)) return state
    const waitMs = delayMs(pollsDone, state.retryAfterMs) / api.timeScale
    if (api.now() + waitMs >= api.http.deadline) return { timedOut: state.pending }
    await api.sleep(waitMs)
  }
}
