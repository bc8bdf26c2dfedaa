import { formatSeconds, header, type Answer, type HttpClient } from '../http/client.js'

/**
 * `origin-check`: before anything is purged, request a URL on the origin (not through the CDN)
 * until its body shows the new build, with backoff, within the step's deadline. Purging before
 * the origin has the new build only lets the next visitor cache the old one again.
 */

/** What to wait for, decided from the inputs and the run before any request. */
export interface OriginCheck {
  url: string
  /** The body must contain one of these (the deployed SHA: its first 7 characters do). */
  expected: string[]
  /** What users read: `0123456 (the deployed commit)` or the quoted `origin-expect`. */
  expectedLabel: string
  /** The default (a commit SHA) is matched whatever its case. */
  ignoreCase: boolean
}

export interface OriginCheckResult {
  url: string
  expectedLabel: string
  matched: boolean
  checks: number
  /** From the first request to the matching answer (or to giving up). */
  elapsedMs: number
  /** Epoch ms of the matching answer. */
  matchedAt?: number
  /** The last answer, described and quoted for users (escaped, first 200 characters). */
  lastAnswer: string
}

/** What the action calls itself on the origin, so its logs can tell these requests apart. */
export const originUserAgent = 'cdn-purge (GitHub Action; origin-check before a purge)'
/** Only this much of an answer is read and searched: a version file or a page head is small. */
export const originBodyLimitBytes = 1024 * 1024
/** How much of an answer a message quotes. */
export const quotedCharacters = 200

const firstWaitMs = 1_000
const longestWaitMs = 15_000
/** A check is worth starting only with this much of the timeout left. */
const lastCheckMs = 500

/** Waits between checks: 1 s, 2 s, 4 s, 8 s, then every 15 s. */
export function checkDelayMs(check: number): number {
  return Math.min(longestWaitMs, firstWaitMs * 2 ** (check - 1))
}

/**
 * `origin-check` and `origin-expect` -> what to wait for, or an input error. Without
 * `origin-expect`, the deployed commit (GITHUB_SHA) is expected, in full or its first 7 characters.
 */
export function readOriginCheck(url: string, expect: string, deployedSha: string): { check?: OriginCheck; errors: string[] } {
  const parsed = URL.parse(url)
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.hostname === '') {
    return { errors: [`input origin-check: expected an http(s) URL on the origin, such as https://origin.example.com/version.txt, got ${JSON.stringify(url)}`] }
  }
  // The request goes without credentials, so a URL that carries some is a mistake (and a leak).
  if (parsed.username !== '' || parsed.password !== '') {
    return { errors: ['input origin-check: the URL must not carry credentials (user:password@); the origin is requested without any'] }
  }
  if (expect !== '') return { check: { url, expected: [expect], expectedLabel: JSON.stringify(expect), ignoreCase: false }, errors: [] }
  if (!/^[0-9a-f]{40}$/i.test(deployedSha)) {
    return { errors: ['input origin-expect: required when GITHUB_SHA (the deployed commit, the default) is not set; give the text the origin serves once the new build is live'] }
  }
  const short = deployedSha.slice(0, 7)
  return { check: { url, expected: [short], expectedLabel: `${short} (the deployed commit, in full or its first 7 characters)`, ignoreCase: true }, errors: [] }
}

export function bodyMatches(body: string, check: Pick<OriginCheck, 'expected' | 'ignoreCase'>): boolean {
  const text = check.ignoreCase ? body.toLowerCase() : body
  return check.expected.some((expected) => text.includes(check.ignoreCase ? expected.toLowerCase() : expected))
}

/**
 * Text from outside, as a message may show it: the first `quotedCharacters` characters in
 * quotes, with control characters, line and paragraph separators and bidi controls escaped, so
 * it can neither start a line of its own in the log nor reorder what users read.
 */
export function quoteAnswer(text: string): string {
  const characters = Array.from(text.slice(0, quotedCharacters * 2)).slice(0, quotedCharacters)
  const cut = characters.length < Array.from(text.slice(0, quotedCharacters * 2 + 1)).length
  // JSON escapes C0 controls, quotes and backslashes; the rest is escaped here.
  const quoted = JSON.stringify(characters.join('')).replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return cut ? `${quoted}...` : quoted
}

/** One answer, as the log and the failure message describe it. */
export function describeAnswer(answer: Answer): string {
  const status = `HTTP ${answer.status}`
  if (answer.status >= 300 && answer.status < 400) {
    const location = header(answer, 'location')
    return `${status}, a redirect${location !== undefined ? ` to ${quoteAnswer(location)}` : ''} (not followed: give the final URL)`
  }
  return answer.body === '' ? `${status} with an empty body` : `${status}: ${quoteAnswer(answer.body)}`
}

export interface OriginWaitOptions {
  http: HttpClient
  /** Progress lines for the log, one per check. */
  log: (line: string) => void
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Waits this many times shorter (tests only; 1 otherwise). */
  timeScale?: number
}

/** Requests the origin until it serves the expected text, or the deadline passes. */
export async function waitForOrigin(check: OriginCheck, options: OriginWaitOptions): Promise<OriginCheckResult> {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const started = now()
  const result: OriginCheckResult = { url: check.url, expectedLabel: check.expectedLabel, matched: false, checks: 0, elapsedMs: 0, lastAnswer: 'no answer' }
  let answered = false
  for (let round = 1; ; round++) {
    const { answer, error, sent } = await requestOnce(check.url, options.http)
    // A check the deadline stopped before it was sent is no check.
    if (!sent) return result
    result.checks = round
    result.elapsedMs = now() - started
    // The message quotes what the origin answered: a later check that got no answer does not hide it.
    if (answer || !answered) result.lastAnswer = answer ? describeAnswer(answer) : (error ?? 'no answer')
    answered ||= answer !== undefined
    if (answer && answer.status >= 200 && answer.status < 300 && bodyMatches(answer.body, check)) {
      result.matched = true
      result.matchedAt = now()
      options.log(`origin-check ${round}: ${check.url} answered HTTP ${answer.status} with ${check.expectedLabel}: the origin serves the new build (after ${formatSeconds(result.elapsedMs)})`)
      return result
    }
    const said = answer ? describeAnswer(answer) : (error ?? 'no answer')
    const waitMs = checkDelayMs(round) / (options.timeScale ?? 1)
    if (now() + waitMs + lastCheckMs >= options.http.deadline) {
      options.log(`origin-check ${round}: ${said}; no time left for another check`)
      return result
    }
    options.log(`origin-check ${round}: ${said}; not yet ${check.expectedLabel}, checking again in ${formatSeconds(waitMs)}`)
    await sleep(waitMs)
  }
}

async function requestOnce(url: string, http: HttpClient): Promise<{ answer?: Answer; error?: string; sent: boolean }> {
  let received: Answer | undefined
  const headers = { 'Cache-Control': 'no-cache', Pragma: 'no-cache', 'User-Agent': originUserAgent }
  const { verdict, attempts } = await http.send({ url, method: 'GET', headers, maxBodyBytes: originBodyLimitBytes }, (answer) => {
    received = answer
    return { ok: true }
  })
  if (received) return { answer: received, sent: true }
  return { error: verdict.ok ? 'no answer' : `no answer: ${verdict.error}`, sent: attempts > 0 }
}

/** The step's failure when the origin never matched: what it answered last, and that nothing was purged. */
export function originFailure(result: OriginCheckResult): string {
  return (
    `origin-check: ${result.url} did not serve ${result.expectedLabel} within the timeout ` +
    `(${result.checks} ${result.checks === 1 ? 'check' : 'checks'} in ${formatSeconds(result.elapsedMs)}); its last answer: ${result.lastAnswer}. ` +
    'Nothing was purged: purging before the origin has the new build would refill the cache with the old one.'
  )
}

/** The plan line of a dry run, which requests nothing. */
export function plannedOriginLine(check: OriginCheck): string {
  return `origin-check: would request ${check.url} (Cache-Control: no-cache) until it serves ${check.expectedLabel}, then purge (dry run: not requested)`
}
