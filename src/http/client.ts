import type { Dispatcher } from 'undici'
import { errorMessage } from '../errors.js'
import { showControls } from '../visible.js'
import { LearnedPace } from './learned-pace.js'
import { SlidingWindow, TokenBucket, reserveWindowSlots, unitsIn, type Booking, type PaceRate, type WindowRate } from './pace.js'

/**
 * The one place that talks HTTP, and owns the policy every provider shares: a timeout per
 * attempt, retries only on network errors, timeouts, 408, 429 and 5xx (or what a provider marks
 * retryable), `Retry-After` honoured and shared by all requests in flight, exponential backoff
 * with full jitter otherwise, requests paced to a provider's documented buckets (pace.ts) and to
 * the rate the API allowed once it answered 429 (learned-pace.ts), and nothing past the step's
 * deadline.
 */

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** At most `maxAnswerBytes` of the body, as text. */
  body: string
  /** True when the body was longer and the rest was dropped unread. */
  truncated?: true
}

/** No API answer this action reads is near this; a longer one is cut here, so none can fill the memory or stall the step. */
export const maxAnswerBytes = 1024 * 1024

export interface HttpRequest {
  url: string
  method: 'GET' | 'POST' | 'DELETE'
  headers?: Record<string, string>
  body?: string
  /** The `pacing` bucket this request takes a token from before each attempt, if any. */
  pace?: string
  /** Items the request carries, for `pacing` windows that count items (default 1). */
  paceItems?: number
  /**
   * What to do with the answer's body: keep it as text (the default, for APIs), `drain` it
   * without keeping it (warming a cache needs the whole answer sent), or `skip` it, reading a
   * little and closing (verification needs only the headers).
   */
  answerBody?: 'text' | 'drain' | 'skip'
  /** Keep at most this many bytes of a `text` body and drop the rest (answers from a site, not an API). */
  maxBodyBytes?: number
  /** Called before each attempt, so a signature that carries a time or nonce is fresh on every retry. */
  sign?: (request: HttpRequest) => HttpRequest | Promise<HttpRequest>
}

export type Verdict =
  | { ok: true; id?: string; ids?: string[] }
  | { ok: false; error: string; retryable?: boolean; retryAfterMs?: number; unreachable?: true }

export interface Attempted<V extends Verdict> {
  /** `unreachable` when the last attempt could not connect to the host at all (DNS, refused). */
  verdict: V | { ok: false; error: string; unreachable?: true }
  /** Requests actually sent; 0 when the deadline passed first. */
  attempts: number
}

export interface HttpOptions {
  /** Epoch milliseconds past which nothing is sent and nobody waits. */
  deadline: number
  retries: number
  requestTimeoutMs?: number
  dispatcher?: Dispatcher
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
  /** Told about each wait before a retry, for the log. */
  onRetry?: (info: { url: string; attempt: number; waitMs: number; reason: string }) => void
  /**
   * Client-side rate limits by name (a provider's documented limits); see `HttpRequest.pace`. A
   * bucket, or sliding windows a request must fit in all at once. Names given the same object share it.
   */
  pacing?: Record<string, Pacing>
  /** Runs every `pacing` bucket this many times faster (tests only; 1 otherwise). */
  paceScale?: number
}

export type Pacing = PaceRate | WindowRate[]

const backoffBaseMs = 1_000
const backoffCapMs = 30_000

// undici is most of the bundle: it loads with the first request, so a dry-run or an input error
// never pays for it (ncc puts a dynamic import in a chunk of its own).
let undici: Promise<typeof import('undici')> | undefined
const loadUndici = () => (undici ??= import('undici'))

export class HttpClient {
  readonly deadline: number
  private readonly retries: number
  private readonly requestTimeoutMs: number
  private dispatcher: Dispatcher | undefined
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly now: () => number
  private readonly onRetry: HttpOptions['onRetry']
  /** A `Retry-After` pauses every request to the API, not only the one that got it. */
  private pausedUntil = 0
  private readonly learnedPace = new LearnedPace()
  private readonly buckets = new Map<string, TokenBucket>()
  private readonly windows = new Map<string, { rate: WindowRate; window: SlidingWindow }[]>()

  constructor(options: HttpOptions) {
    this.deadline = options.deadline
    this.retries = options.retries
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000
    this.dispatcher = options.dispatcher
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
    this.onRetry = options.onRetry
    // Names given the same rate object share one bucket (Bunny counts two purge kinds in one).
    const shared = new Map<PaceRate, TokenBucket>()
    const sharedWindows = new Map<WindowRate, SlidingWindow>()
    for (const [name, pacing] of Object.entries(options.pacing ?? {})) {
      if (Array.isArray(pacing)) {
        for (const rate of pacing) if (!sharedWindows.has(rate)) sharedWindows.set(rate, new SlidingWindow(rate, options.paceScale))
        this.windows.set(name, pacing.map((rate) => ({ rate, window: sharedWindows.get(rate) as SlidingWindow })))
        continue
      }
      if (!shared.has(pacing)) shared.set(pacing, new TokenBucket(pacing, this.now(), options.paceScale))
      this.buckets.set(name, shared.get(pacing) as TokenBucket)
    }
  }

  /** Sends `req` until `read` accepts the answer, the retries run out, or the deadline passes. */
  async send<V extends Verdict>(req: HttpRequest, read: (answer: Answer) => V): Promise<Attempted<V>> {
    let attempts = 0
    // Loaded before a pacing slot is booked, so the first request leaves when its slot says.
    await loadUndici()
    for (;;) {
      // Checked again after each wait: an answer to another request may have moved it meanwhile.
      for (let waitMs = this.waitBeforeSendMs(); waitMs > 0; waitMs = this.waitBeforeSendMs()) {
        if (this.now() + waitMs >= this.deadline) return { verdict: this.outOfTime(attempts), attempts }
        await this.sleep(waitMs)
      }
      const slot = await this.paced(req.pace, req.paceItems ?? 1)
      if (!slot) {
        return { verdict: { ok: false, error: "not sent: paced to the API's rate limit, its turn would come after the timeout" }, attempts }
      }
      const remainingMs = this.deadline - this.now()
      if (remainingMs <= 0) return { verdict: this.outOfTime(attempts), attempts }

      attempts++
      const sentAt = this.now()
      this.learnedPace.sent(sentAt)
      const signed = req.sign ? await req.sign(req) : req
      const result = await this.attempt(signed, Math.min(this.requestTimeoutMs, remainingMs))
      for (const { window, booking } of slot.bookings) window.countFrom(booking, this.now())
      if ('status' in result) this.learnedPace.answered(result.status, sentAt, this.now())
      const verdict: Verdict = visibleVerdict('status' in result ? readOrFail(read, result) : { ok: false, retryable: true, ...result })
      if (verdict.ok) return { verdict: verdict as V, attempts }

      const retryable = verdict.retryable ?? ('status' in result && isRetryableStatus(result.status))
      if (!retryable || attempts > this.retries) return { verdict, attempts }

      const serverWaitMs = verdict.retryAfterMs ?? ('status' in result ? retryAfterMs(result, this.now()) : undefined)
      const waitMs = serverWaitMs ?? this.backoffMs(attempts)
      if (this.now() + waitMs >= this.deadline) {
        const error = `${verdict.error}; gave up: the next try (in ${formatSeconds(waitMs)}) would pass the timeout`
        return { verdict: { ok: false, error, ...(verdict.unreachable ? { unreachable: true } : {}) }, attempts }
      }
      if (serverWaitMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, this.now() + serverWaitMs)
      this.onRetry?.({ url: req.url, attempt: attempts, waitMs, reason: verdict.error })
      await this.sleep(waitMs)
    }
  }

  /** The shared `Retry-After` pause, or the learned pace, whichever ends later. */
  private waitBeforeSendMs(): number {
    const now = this.now()
    return Math.max(this.pausedUntil - now, this.learnedPace.delayMs(now))
  }

  /**
   * Waits for the request's slot in its documented bucket or windows; undefined when none comes
   * before the deadline. The window bookings are counted from the answer on, once it is in.
   */
  private async paced(name: string | undefined, items: number): Promise<{ bookings: { window: SlidingWindow; booking: Booking }[] } | undefined> {
    const windows = name === undefined ? undefined : this.windows.get(name)
    const bucket = name === undefined ? undefined : this.buckets.get(name)
    const slot = windows
      ? reserveWindowSlots(windows.map(({ rate, window }) => ({ window, units: unitsIn(rate, items) })), this.now(), this.deadline)
      : bucket
        ? mapDefined(bucket.reserve(this.now(), this.deadline), (waitMs) => ({ waitMs, bookings: [] }))
        : { waitMs: 0, bookings: [] }
    if (!slot) return undefined
    if (slot.waitMs > 0) await this.sleep(slot.waitMs)
    return slot
  }

  /** Full jitter: a random wait between 0 and the exponential ceiling. */
  backoffMs(attempt: number): number {
    return Math.round(this.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1)))
  }

  private outOfTime(attempts: number) {
    return { ok: false as const, error: attempts === 0 ? 'not sent: the timeout ran out first' : 'the timeout ran out while retrying' }
  }

  private async attempt(req: HttpRequest, timeoutMs: number): Promise<Answer | { error: string; unreachable?: true }> {
    const { request, EnvHttpProxyAgent } = await loadUndici()
    this.dispatcher ??= new EnvHttpProxyAgent()
    // Loading undici (first request) and signing took time too: the deadline still holds.
    const signal = AbortSignal.timeout(Math.max(1, Math.min(timeoutMs, this.deadline - this.now())))
    try {
      const response = await request(req.url, {
        method: req.method,
        headers: req.headers ?? {},
        body: req.body ?? null,
        dispatcher: this.dispatcher,
        signal,
      })
      // The same signal bounds the body, so an answer that trickles in still times out.
      const { text, truncated } = await readAnswerBody(response.body, req.answerBody ?? 'text', Math.min(req.maxBodyBytes ?? maxAnswerBytes, maxAnswerBytes))
      return { status: response.statusCode, headers: response.headers, body: text, ...(truncated ? { truncated } : {}) }
    } catch (error) {
      if (signal.aborted) return { error: `no complete answer within ${formatSeconds(timeoutMs)} from ${hostOf(req.url)}` }
      const message = `${networkErrorMessage(error)} (${hostOf(req.url)})`
      return unreachableCodes.has(errorCode(error) ?? '') ? { error: message, unreachable: true } : { error: message }
    }
  }
}

async function readAnswerBody(body: Dispatcher.ResponseData['body'], mode: 'text' | 'drain' | 'skip', maxBytes: number): Promise<{ text: string; truncated?: true }> {
  if (mode === 'text') return readCapped(body, maxBytes)
  if (mode === 'skip') {
    await body.dump({ limit: 64 * 1024 })
    return { text: '' }
  }
  for await (const chunk of body) void chunk
  return { text: '' }
}

/** The first `limit` bytes as text; past them the connection is closed rather than read on. */
async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<{ text: string; truncated?: true }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = limit - size
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk)
    size += Math.min(chunk.length, room)
    if (chunk.length > room) {
      body.destroy()
      return { text: new TextDecoder().decode(Buffer.concat(chunks, size)), truncated: true }
    }
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks, size)) }
}

/** Answers are outside text: whatever a reader took from one (an error, ids, a status) is made log-safe here, for every API. */
function visibleVerdict(verdict: Verdict): Verdict {
  const fields = verdict as Record<string, unknown>
  const visible: Record<string, unknown> = { ...fields }
  for (const name of ['error', 'id', 'detail']) if (typeof fields[name] === 'string') visible[name] = showControls(fields[name])
  if (Array.isArray(fields.ids)) visible.ids = fields.ids.map((id: unknown) => (typeof id === 'string' ? showControls(id) : id))
  return visible as Verdict
}

function readOrFail<V extends Verdict>(read: (answer: Answer) => V, answer: Answer): Verdict {
  try {
    return read(answer)
  } catch (error) {
    return { ok: false, error: `HTTP ${answer.status}: unreadable answer (${errorMessage(error)})` }
  }
}

function mapDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value)
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** `Retry-After` on 429 and 503, in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(answer: Answer, now: number): number | undefined {
  if (answer.status !== 429 && answer.status !== 503) return undefined
  return parseRetryAfter(header(answer, 'retry-after'), now)
}

/** A `Retry-After` value (seconds or an HTTP date) in milliseconds from `now`, on any answer. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export function header(answer: Answer, name: string): string | undefined {
  const value = answer.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}

/** Errors that mean no connection was made at all: the name does not resolve, or nothing listens. */
const unreachableCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code
}

function networkErrorMessage(error: unknown): string {
  const code = errorCode(error)
  const message = errorMessage(error)
  return code && !message.includes(code) ? `${message} (${code})` : message
}

export function hostOf(url: string): string {
  return URL.parse(url)?.host ?? url
}

export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`
}

/** Runs `work` over `items` with at most `limit` in flight, results in input order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** A short, single-line rendering of an answer body for error messages (an HTML page's title). */
export function bodySnippet(body: string): string {
  const title = htmlTitle(body)
  const text = showControls((title?.trim() ? title : body.trimStart().slice(0, 4096)).replace(/\s+/g, ' ').trim())
  if (text === '') return '(empty body)'
  return text.length > 300 ? `${text.slice(0, 300)}...` : text
}

/**
 * What `/<title[^>]*>([^<]*)<\/title>/i` finds, in one pass: the regex retries `[^>]*` from every
 * `<title`, which is quadratic on a body made of them (600 KB of `<title` took 40 s).
 */
export function htmlTitle(body: string): string | undefined {
  // ASCII letters only, so that every index still points into `body`.
  const lower = body.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
  let from = 0
  for (;;) {
    const start = lower.indexOf('<title', from)
    if (start === -1) return undefined
    const open = lower.indexOf('>', start + 6)
    if (open === -1) return undefined
    const close = lower.indexOf('<', open + 1)
    if (close === -1) return undefined
    if (lower.startsWith('</title>', close)) return body.slice(open + 1, close)
    // Every `<title` before `close` would find the same `>` and `<`: go on after it.
    from = close
  }
}
