import { isObject } from '../helpers.js'
/**
 * Reading jsDelivr's purge answers. The POST answers only `{id, status: "pending", timestamp}`;
 * which paths were purged is in `GET /status/{id}`: `{id, status: pending|finished|failed,
 * paths: {"<path>": {throttled, providers: {"CF": true, "FY": false}}}}`. Pure; every field is
 * checked, since the answer comes from outside.
 */

export type PathOutcome =
  | { path: string; purged: true }
  /** jsDelivr refused to purge it again so soon: not purged. */
  | { path: string; purged: false; throttled: true }
  /** The CDNs (jsDelivr's codes, such as FY for Fastly) that report they did not purge it, or none when the answer left it out. */
  | { path: string; purged: false; notPurgedBy: string[] }

export type PurgeStatus = { state: 'pending' } | { state: 'failed' } | { state: 'finished'; paths: PathOutcome[] } | { error: string }

const idPattern = /^[A-Za-z0-9_-]{1,100}$/
const providerCode = /^[A-Za-z0-9_-]{1,20}$/

/** The purge id from the POST answer. */
export function readPurgeId(body: unknown): { id: string } | { error: string } {
  const id = isObject(body) ? body.id : undefined
  return typeof id === 'string' && idPattern.test(id) ? { id } : { error: 'the answer carries no purge id' }
}

/** The state of a purge, and once finished, what happened to each path that was sent. */
export function readPurgeStatus(body: unknown, sent: string[]): PurgeStatus {
  if (!isObject(body)) return { error: 'the status answer is not a JSON object' }
  if (body.status === 'pending') return { state: 'pending' }
  if (body.status === 'failed') return { state: 'failed' }
  if (body.status !== 'finished') return { error: 'the status answer has no known status (pending, finished or failed)' }
  const reported = isObject(body.paths) ? body.paths : {}
  return { state: 'finished', paths: sent.map((path) => outcome(path, Object.hasOwn(reported, path) ? reported[path] : undefined)) }
}

function outcome(path: string, entry: unknown): PathOutcome {
  if (!isObject(entry)) return { path, purged: false, notPurgedBy: [] }
  if (entry.throttled === true) return { path, purged: false, throttled: true }
  const providers = isObject(entry.providers) ? Object.entries(entry.providers) : []
  const notPurgedBy = providers.filter(([, purged]) => purged !== true).map(([name]) => (providerCode.test(name) ? name : '?'))
  return notPurgedBy.length === 0 ? { path, purged: true } : { path, purged: false, notPurgedBy }
}
