import { createHash } from 'node:crypto'
import { bodySnippet, type Answer } from '../../http/client.js'
import { quote } from '../../inputs/lists.js'

/**
 * Google Cloud CDN's own rules, pure: how a `paths` item becomes a cache invalidation rule, the
 * `requestId` that makes a retried invalidation a no-op, the request body, and how the Compute
 * API's answers (an Operation, or a Google error) read. Facts: shared/PROVIDERS-CLOUDS.md §4.
 */

export interface InvalidationRule {
  path?: string
  host?: string
  cacheTags?: string[]
}

export type PathReading =
  /** `item` is how the rule is shown and planned (`/a.css`, or `https://host/a.css` when a host applies). */
  | { ok: true; item: string; rule: { path: string; host?: string }; note?: string }
  | { ok: false; error: string }

/** Cloud CDN takes at most 10 tags in one invalidation. */
export const maxCacheTags = 10

/**
 * One `paths` item as Cloud CDN invalidates it: a path from the root, or an absolute URL whose
 * host goes in the rule's `host`. A `*` only as the last character after a `/` (the GA rule; the
 * preview's `/img*` is not documented for v1). Cloud CDN invalidates a path with all its query
 * strings, so a query string or fragment is dropped, with a note for the log.
 */
export function readPath(raw: string): PathReading {
  if (/\s/.test(raw)) return { ok: false, error: `paths cannot contain spaces or line breaks (encode them as %20), got ${quote(raw)}` }
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(raw)
  if (!absolute && (!raw.startsWith('/') || raw.startsWith('//'))) {
    return { ok: false, error: `Cloud CDN paths start at the root (/a.css, /img/*) or are absolute URLs, got ${quote(raw)}` }
  }
  // The URL parser encodes what a browser would send (non-ASCII, `%`-escapes kept) and leaves `*` as is.
  const url = URL.parse(raw, 'http://relative.invalid')
  if (!url) return { ok: false, error: `expected a path from the root (/a.css, /img/*) or an http(s) URL, got ${quote(raw)}` }
  if (absolute) {
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
      return { ok: false, error: `expected a path from the root (/a.css, /img/*) or an http(s) URL, got ${quote(raw)}` }
    }
    if (url.username !== '' || url.password !== '') return { ok: false, error: `a URL with a user name or password cannot be invalidated, got ${quote(raw)}` }
    if (!isRuleHost(url.hostname)) return { ok: false, error: `the host of ${quote(raw)} must be one hostname or a single-level wildcard (*.example.com)` }
  }
  const path = url.pathname
  const star = path.indexOf('*')
  if (star !== -1 && (star !== path.length - 1 || path[star - 1] !== '/')) {
    return {
      ok: false,
      error: `Cloud CDN takes a * only as the last character, after a / (${quote(suggestWildcard(path))}), meaning everything under that path; got ${quote(raw)}`,
    }
  }
  const dropped = `${url.search}${url.hash}`
  const note = dropped === '' ? undefined : `${quote(raw)}: ${quote(dropped.slice(0, 80))} dropped, Cloud CDN invalidates ${quote(path)} with all its query strings`
  const reading = absolute
    ? { ok: true as const, item: `${url.protocol}//${url.host}${path}`, rule: { path, host: url.hostname } }
    : { ok: true as const, item: path, rule: { path } }
  return note === undefined ? reading : { ...reading, note }
}

function suggestWildcard(path: string): string {
  const beforeStar = path.slice(0, path.indexOf('*'))
  return `${beforeStar.slice(0, beforeStar.lastIndexOf('/') + 1)}*`
}

/** A hostname, or `*.` + a hostname (Cloud CDN's "single-level leading wildcard subdomain"). */
function isRuleHost(host: string): boolean {
  const labels = host.split('.')
  return labels.every((label, index) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(label) || (index === 0 && label === '*' && labels.length > 2))
}

/** The rule a planned item stands for (an item is what `readPath` returned). */
export function ruleForItem(item: string): { path: string; host?: string } {
  const reading = readPath(item)
  if (!reading.ok) throw new Error(`not a planned Cloud CDN path: ${item}`)
  return reading.rule
}

/** Why a `keys` item is not a cache tag Cloud CDN takes, if it is not. */
export function cacheTagProblem(tag: string): string | undefined {
  // The origin sets tags in a comma-separated Cache-Tag header: a tag has no comma or space.
  if (/[\s,]/.test(tag)) return `cache tags have no spaces or commas (one tag an item), got ${quote(tag)}`
  if (tag.length > 120) return `a cache tag is at most 120 characters, got ${tag.length}`
  return undefined
}

export interface RequestIdParts {
  /** `GITHUB_RUN_ID`, or a random value outside Actions (so two local runs never collide). */
  runId: string
  runAttempt: string
  /** `GITHUB_JOB`. */
  job: string
  /** `GITHUB_ACTION`: the step. */
  step: string
  project: string
  urlMap: string
  /** The rule, as JSON: what is invalidated. */
  rule: InvalidationRule
}

// A fixed namespace for the name-based UUIDs (RFC 9562 version 5), chosen once for cdn-purge.
const requestIdNamespace = Buffer.from('5b8c3f9e2a7d4e1b9c6f0a3d8e2b7c41', 'hex')

/**
 * The `requestId` of one invalidation: a version 5 UUID (never the zero UUID Compute refuses) of
 * the run, attempt, job, step and rule. A retry of the same request sends the same id, so Compute
 * creates no second invalidation; another job, step or re-run makes a new one, as it should.
 */
export function requestId(parts: RequestIdParts): string {
  const name = JSON.stringify([parts.runId, parts.runAttempt, parts.job, parts.step, parts.project, parts.urlMap, parts.rule])
  const hash = createHash('sha1').update(requestIdNamespace).update(name).digest()
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

export interface OperationReading {
  name: string
  status: string
  /** `error.errors[]` as one line, when the operation ended with an error. */
  error?: string
}

/** Reads a Compute Operation (the invalidateCache answer, or a poll), or says why it is not one. */
export function readOperation(answer: Answer): OperationReading | { problem: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(answer.body)
  } catch {
    return { problem: `HTTP ${answer.status}, not a Compute API answer: ${bodySnippet(answer.body)}` }
  }
  const operation = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { name?: unknown; status?: unknown; error?: { errors?: unknown } }
  if (typeof operation.name !== 'string' || operation.name === '' || typeof operation.status !== 'string') {
    return { problem: `HTTP ${answer.status}, no Operation name and status: ${bodySnippet(answer.body)}` }
  }
  const errors = Array.isArray(operation.error?.errors) ? (operation.error.errors as { code?: unknown; message?: unknown }[]) : []
  const error = errors
    .slice(0, 3)
    .map((each) => [each.code, each.message].filter((part) => typeof part === 'string' && part !== '').join(': '))
    .filter(Boolean)
    .join('; ')
  const failed = operation.error !== undefined && operation.error !== null
  return { name: operation.name.slice(0, 200), status: operation.status.slice(0, 40), ...(failed ? { error: error === '' ? 'the operation ended with an error' : bodySnippet(error) } : {}) }
}

export interface GoogleErrorReading {
  /** `reason` of the first error (`notFound`, `forbidden`, `rateLimitExceeded`), or the rpc `status`. */
  reason: string | undefined
  message: string
}

/** Reads Google's error body `{"error": {"code", "message", "status", "errors": [{"reason"}]}}`. */
export function readGoogleError(body: string): GoogleErrorReading {
  try {
    const error = (JSON.parse(body) as { error?: { message?: unknown; status?: unknown; errors?: { reason?: unknown }[]; details?: { reason?: unknown }[] } } | null)?.error
    if (typeof error === 'object' && error !== null) {
      const reason = [error.errors?.[0]?.reason, error.status].find((value) => typeof value === 'string' && value !== '') as string | undefined
      const message = typeof error.message === 'string' ? bodySnippet(error.message) : bodySnippet(body)
      return { reason, message }
    }
  } catch {
    // not JSON: shown as a snippet below
  }
  return { reason: undefined, message: bodySnippet(body) }
}

/** Compute's rate limit answers: 429, or 403 with reason `rateLimitExceeded` (the Compute API quota). */
export function isRateLimited(status: number, reading: GoogleErrorReading): boolean {
  return status === 429 || (status === 403 && (reading.reason === 'rateLimitExceeded' || reading.reason === 'userRateLimitExceeded'))
}
