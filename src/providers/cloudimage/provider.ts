import { bodySnippet, formatSeconds, header, parseRetryAfter, type Answer } from '../../http/client.js'
import { parseHttpUrl, quote } from '../../inputs/lists.js'
import type { Settings } from '../../inputs/settings.js'
import { callApi, isSuccess, parseJson, pollUntil } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type BatchResult, type Outcome, type Target } from '../provider.js'
import type { CloudimageOptions } from './description.js'

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

type CloudimageSettings = Settings<CloudimageOptions>

export class Cloudimage extends Provider<CloudimageOptions> {
  targets(settings: CloudimageSettings): Target[] {
    return [{ label: new URL(this.apiUrl(settings)).host, id: '' }]
  }

  group(settings: CloudimageSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    const target = targets[0]
    if (!target) return { groups: [], errors: [] }
    if (settings.scope === 'all') return { groups: [{ target, kind: 'everything', items: [] }], errors: [] }
    const errors: string[] = []
    for (const url of settings.paths) {
      const problem = urlProblem(url)
      if (problem) errors.push(`input paths: ${problem}`)
    }
    return { groups: settings.paths.length > 0 ? [{ target, kind: 'urls', items: settings.paths }] : [], errors }
  }

  signIn(settings: CloudimageSettings): Promise<Auth> {
    return Promise.resolve({ headers: { 'X-Client-Key': settings.token } })
  }

  request(batch: Batch): ApiRequest {
    const body = batch.kind === 'everything' ? { scope: 'all' } : { scope: 'original', urls: batch.items }
    return { method: 'POST', path: '/invalidate', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
  }

  readAnswer(answer: Answer): Outcome {
    return readInvalidation(answer, (invalidation) => {
      const uuid = invalidation?.uuid
      return typeof uuid === 'string' && uuid !== '' ? { ok: true, id: uuid } : { ok: true }
    })
  }

  override async settle(results: BatchResult[], settings: CloudimageSettings, api: ApiContext): Promise<void> {
    if (!settings.wait) return
    const startedAt = api.now()
    await Promise.all(results.filter((result) => result.status === 'purged').map((result) => waitUntilDone(result, api, startedAt)))
  }
}


/** Why an item is not an image URL Cloudimage can invalidate with scope `original`, if it is not. */
function urlProblem(url: string): string | undefined {
  if (/\s/.test(url)) return `image URLs cannot contain spaces (encode them as %20), got ${quote(url)}`
  if (url.includes('?')) {
    return `scope original invalidates an image with all its resizes and takes no query string: give ${quote(url.slice(0, url.indexOf('?')))}, not ${quote(url)}`
  }
  if (url.includes('#')) return `image URLs have no #fragment, got ${quote(url)}`
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    const parsed = parseHttpUrl(url)
    if (!parsed) {
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
  if (!isSuccess(answer.status)) return { ok: false, error: `HTTP ${answer.status}: ${bodySnippet(answer.body)}` }
  const parsed = parseJson(answer.body) as InvalidationAnswer | null | undefined
  if (parsed === undefined) return { ok: false, error: `HTTP ${answer.status}, not a Cloudimage API answer: ${bodySnippet(answer.body)}` }
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
  const uuid = result.id
  const took = () => formatSeconds(api.now() - startedAt)
  const outcome = uuid
    ? await pollUntil(
        api,
        async () => {
          const status = await readStatus(uuid, api)
          if ('error' in status) return { failed: `could not read the status of invalidation ${uuid}: ${status.error}` }
          if (status.state === 'DONE') return { done: `DONE after ${took()}` }
          if (status.state === 'ERROR') return { failed: `invalidation ${uuid} ended in ERROR after ${took()} (Cloudimage: try again in a few minutes)` }
          return { pending: status.state, retryAfterMs: status.retryAfterMs }
        },
        pollDelayMs,
      )
    : { failed: 'wait: the answer carried no invalidation uuid to poll' }
  if ('done' in outcome) {
    result.detail = outcome.done
  } else {
    result.status = 'failed'
    result.error = 'failed' in outcome ? outcome.failed : `invalidation ${uuid ?? ''} was still ${outcome.timedOut} after ${took()}, when the timeout ran out`
  }
}

async function readStatus(uuid: string, api: ApiContext): Promise<{ state: string; retryAfterMs: number | undefined } | { error: string }> {
  let seen: { state: string; retryAfterMs: number | undefined } | undefined
  const { verdict } = await callApi(
    api,
    { method: 'GET', path: `/invalidate/${encodeURIComponent(uuid)}` },
    (answer) =>
      readInvalidation(answer, (invalidation) => {
        const state = invalidation?.status
        if (typeof state !== 'string' || state === '') return { ok: false, error: `HTTP ${answer.status}, no invalidation.status: ${bodySnippet(answer.body)}` }
        seen = { state, retryAfterMs: parseRetryAfter(header(answer, 'retry-after'), Date.now()) }
        return { ok: true }
      }),
  )
  if (!verdict.ok) return { error: verdict.error }
  return seen ?? { error: 'no status read' }
}
