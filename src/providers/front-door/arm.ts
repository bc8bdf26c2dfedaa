import { bodySnippet, header, parseRetryAfter, type Answer } from '../../http/client.js'
import type { DomainGroup, EndpointAddress } from './rules.js'
import { oneLine } from '../../visible.js'

/**
 * Azure Resource Manager's side of a Front Door purge, pure: the request, its 202 answer (a
 * long-running operation), the operation's status, and ARM's error envelope.
 */

export const apiVersion = '2024-02-01'
export const armScope = 'https://management.azure.com/.default'
const maxAnswerChars = 64 * 1024
/** ARM's default when an operation answer names no `Retry-After` is 60 s; a purge takes minutes, so a shorter first look. */
export const defaultPollMs = 10_000

/** The purge action's path and query, after the API URL. */
export function purgePath(address: EndpointAddress): string {
  const segment = encodeURIComponent
  return (
    `/subscriptions/${segment(address.subscription)}/resourceGroups/${segment(address.resourceGroup)}` +
    `/providers/Microsoft.Cdn/profiles/${segment(address.profile)}/afdEndpoints/${segment(address.endpoint)}/purge?api-version=${apiVersion}`
  )
}

export function purgeBody(request: DomainGroup): string {
  return JSON.stringify({ contentPaths: request.paths, ...(request.domains.length > 0 ? { domains: request.domains } : {}) })
}

export type PurgeAnswer = { ok: true; operationUrl: string | undefined; done: boolean } | { ok: false; error: string }

/** 202: accepted, with the operation to poll (`Azure-AsyncOperation`, else `Location`); 200/204: already done. */
export function readPurgeAnswer(answer: Answer): PurgeAnswer {
  if (answer.status === 202) {
    const operationUrl = header(answer, 'azure-asyncoperation') ?? header(answer, 'location')
    return { ok: true, operationUrl: operationUrl?.trim() || undefined, done: false }
  }
  if (answer.status === 200 || answer.status === 204) return { ok: true, operationUrl: undefined, done: true }
  return { ok: false, error: armError(answer) }
}

export type OperationState =
  | { state: 'running'; status: string; retryAfterMs: number | undefined }
  | { state: 'succeeded' }
  | { state: 'failed'; error: string }

/**
 * An operation answer. `Azure-AsyncOperation` URLs answer 200 `{"status", "error"?}`; `Location`
 * URLs answer 202 while running, then the purge's own result. Terminal: Succeeded, Failed,
 * Canceled; any other status means still running (ARM's async-api-reference).
 */
export function readOperation(answer: Answer, now: number): OperationState | { unreadable: string } {
  const retryAfterMs = parseRetryAfter(header(answer, 'retry-after'), now)
  if (answer.status === 202) return { state: 'running', status: 'Accepted', retryAfterMs }
  if (answer.status === 204) return { state: 'succeeded' }
  if (answer.status !== 200) return { state: 'failed', error: armError(answer) }
  const body = parseObject(answer.body)
  // A Location URL's final answer may be an empty 200.
  if (body === undefined) return answer.body.trim() === '' ? { state: 'succeeded' } : { unreadable: `HTTP 200, not an operation status: ${bodySnippet(answer.body)}` }
  const status = typeof body.status === 'string' ? body.status : undefined
  if (status === undefined) return { state: 'succeeded' }
  if (status.toLowerCase() === 'succeeded') return { state: 'succeeded' }
  if (status.toLowerCase() === 'failed' || status.toLowerCase() === 'canceled') {
    const detail = errorDetail(body.error)
    return { state: 'failed', error: `operation ${status}${detail ? `: ${detail}` : ''}` }
  }
  return { state: 'running', status: oneLine(status, 40), retryAfterMs }
}

/**
 * The operation URL is polled with the ARM token, so it must be on the API's own origin: an
 * answer that names another host does not get the token.
 */
export function operationUrlError(operationUrl: string, apiUrl: string): string | undefined {
  const url = URL.parse(operationUrl)
  const api = URL.parse(apiUrl)
  if (!url || !api || url.origin !== api.origin) return `the operation URL is not on ${api?.host ?? apiUrl}, so it is not polled (the token goes only to the API)`
  return undefined
}

/** `HTTP 403, AuthorizationFailed: ...` from ARM's envelope `{"error": {"code", "message"}}`, with a hint for 401 and 403. */
export function armError(answer: Answer): string {
  const body = parseObject(answer.body)
  const detail = errorDetail(body?.error)
  const text = `HTTP ${answer.status}, ${detail ?? `not an Azure Resource Manager answer: ${bodySnippet(answer.body)}`}`
  if (answer.status === 401) return `${text} (hint: the token must be an ARM access token, for https://management.azure.com, not expired)`
  if (answer.status === 403) {
    return `${text} (hint: the signed-in identity needs Microsoft.Cdn/profiles/afdendpoints/Purge/action on the endpoint or profile, e.g. the role CDN Profile Contributor)`
  }
  return text
}

function errorDetail(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code !== 'string' || code === 'None') return undefined
  return `${oneLine(code, 100)}${typeof message === 'string' && message !== '' ? `: ${oneLine(message, 500)}` : ''}`
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (text.length > maxAnswerChars || text.trim() === '') return undefined
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
