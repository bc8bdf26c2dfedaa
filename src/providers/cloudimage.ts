import { showControls } from '../visible.js'
import { bodySnippet, formatSeconds, header, parseRetryAfter, type Answer } from '../http/client.js'
import { quote } from '../inputs/lists.js'
import type { ApiContext, BatchResult, Outcome, Provider } from './index.js'

/**
 * Cloudimage (Scaleflex) `POST /invalidate`: image URLs with scope `original` (each image and all
 * its resizes), or scope `all`. Invalidation is asynchronous: each request answers a uuid, and
 * with `wait` every uuid is polled at `GET /invalidate/{uuid}` until it is `DONE` or `ERROR`.
 */

const urlForms = '/sample.li/birds.jpg, https://img.example.com/a.jpg, _alias_/images/a.jpg or /v7/sample.li/birds.jpg'

// Polling: Cloudimage says an invalidation takes about 30 s (up to 60 s for `original`), so
// waits grow from 2 s to 10 s. A Retry-After on the status answer, if the API sends one, wins.
const firstPollDelayMs = 2_000
const maxPollDelayMs = 10_000
const maxServerPollDelayMs = 60_000

interface InvalidationAnswer {
  status?: unknown
  invalidation?: { status?: unknown; uuid?: unknown } | null
}

export const cloudimage: Provider = {
  title: 'Cloudimage',
  defaultApiUrl: 'https://api.cloudimage.com',
  batchSizes: { urls: { default: 15, max: 15 } },
  concurrency: 4,

  targets(settings) {
    return [{ label: new URL(settings.apiUrl ?? this.defaultApiUrl).host, id: '' }]
  },

  group(settings, targets) {
    const target = targets[0]
    if (!target) return { groups: [], errors: [] }
    if (settings.scope === 'all') return { groups: [{ target, kind: 'everything', items: [] }], errors: [] }
    const errors: string[] = []
    for (const url of settings.paths) {
      const problem = urlProblem(url)
      if (problem) errors.push(`input paths: ${problem}`)
    }
    return { groups: settings.paths.length > 0 ? [{ target, kind: 'urls', items: settings.paths }] : [], errors }
  },

  authHeaders(settings) {
    return { 'X-Client-Key': settings.token }
  },

  request(batch) {
    const body = batch.kind === 'everything' ? { scope: 'all' } : { scope: 'original', urls: batch.items }
    return { method: 'POST', path: '/invalidate', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
  },

  readAnswer(answer) {
    return readInvalidation(answer, (invalidation) => {
      const uuid = invalidation?.uuid
      return typeof uuid === 'string' && uuid !== '' ? { ok: true, id: uuid } : { ok: true }
    })
  },

  async settle(results, settings, api) {
    if (!settings.wait) return
    const startedAt = Date.now()
    await Promise.all(results.filter((result) => result.status === 'purged').map((result) => waitUntilDone(result, api, startedAt)))
  },
}

/** Why an item is not an image URL Cloudimage can invalidate with scope `original`, if it is not. */
function urlProblem(url: string): string | undefined {
  if (/\s/.test(url)) return `image URLs cannot contain spaces (encode them as %20), got ${quote(url)}`
  if (url.includes('?')) {
    return `scope original invalidates an image with all its resizes and takes no query string: give ${quote(url.slice(0, url.indexOf('?')))}, not ${quote(url)}`
  }
  if (url.includes('#')) return `image URLs have no #fragment, got ${quote(url)}`
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    const parsed = URL.parse(url)
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') {
      return `expected an image URL such as ${urlForms}, got ${quote(url)}`
    }
    if (parsed.hostname.endsWith('.cloudimg.io')) {
      return `${quote(url)} is a Cloudimage delivery URL; invalidate what follows the token host: ${quote(parsed.pathname)}`
    }
  }
  const star = url.indexOf('*')
  if (star !== -1 && star !== url.length - 1) {
    return `a * is allowed only at the end, meaning every image whose URL starts with what comes before it, got ${quote(url)}`
  }
  return undefined
}

function readInvalidation(answer: Answer, onSuccess: (invalidation: InvalidationAnswer['invalidation']) => Outcome): Outcome {
  if (answer.status < 200 || answer.status >= 300) return { ok: false, error: `HTTP ${answer.status}: ${bodySnippet(answer.body)}` }
  let parsed: InvalidationAnswer | null
  try {
    parsed = JSON.parse(answer.body) as InvalidationAnswer | null
  } catch {
    return { ok: false, error: `HTTP ${answer.status}, not a Cloudimage API answer: ${bodySnippet(answer.body)}` }
  }
  if (parsed?.status !== 'success') return { ok: false, error: `HTTP ${answer.status}, status is not success: ${bodySnippet(answer.body)}` }
  return onSuccess(parsed.invalidation)
}

/** The wait before the next status poll: the API's Retry-After if it sent one, else 2 s growing to 10 s. */
export function pollDelayMs(pollsDone: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxServerPollDelayMs)
  return Math.min(maxPollDelayMs, Math.round(firstPollDelayMs * 1.5 ** (pollsDone - 1)))
}

/** Polls one batch's invalidation until a final state or the deadline; a batch not `DONE` fails. */
async function waitUntilDone(result: BatchResult, api: ApiContext, startedAt: number): Promise<void> {
  const outcome = await pollUntilFinal(result.id, api, startedAt)
  if ('detail' in outcome) {
    result.detail = outcome.detail
  } else {
    result.status = 'failed'
    result.error = outcome.error
  }
}

async function pollUntilFinal(uuid: string | undefined, api: ApiContext, startedAt: number): Promise<{ detail: string } | { error: string }> {
  if (!uuid) return { error: 'wait: the answer carried no invalidation uuid to poll' }
  for (let polls = 1; ; polls++) {
    const status = await readStatus(uuid, api)
    const took = formatSeconds(Date.now() - startedAt)
    if ('error' in status) return { error: `could not read the status of invalidation ${uuid}: ${status.error}` }
    if (status.state === 'DONE') return { detail: `DONE after ${took}` }
    if (status.state === 'ERROR') return { error: `invalidation ${uuid} ended in ERROR after ${took} (Cloudimage: try again in a few minutes)` }
    const delayMs = pollDelayMs(polls, status.retryAfterMs)
    if (Date.now() + delayMs >= api.http.deadline) {
      return { error: `invalidation ${uuid} was still ${status.state} after ${took}, when the timeout ran out` }
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs))
  }
}

async function readStatus(uuid: string, api: ApiContext): Promise<{ state: string; retryAfterMs: number | undefined } | { error: string }> {
  let seen: { state: string; retryAfterMs: number | undefined } | undefined
  const { verdict } = await api.http.send(
    { url: `${api.apiUrl}/invalidate/${encodeURIComponent(uuid)}`, method: 'GET', headers: api.headers },
    (answer) =>
      readInvalidation(answer, (invalidation) => {
        const state = invalidation?.status
        if (typeof state !== 'string' || state === '') return { ok: false, error: `HTTP ${answer.status}, no invalidation.status: ${bodySnippet(answer.body)}` }
        seen = { state: showControls(state), retryAfterMs: parseRetryAfter(header(answer, 'retry-after'), Date.now()) }
        return { ok: true }
      }),
  )
  if (!verdict.ok) return { error: verdict.error }
  return seen ?? { error: 'no status read' }
}
