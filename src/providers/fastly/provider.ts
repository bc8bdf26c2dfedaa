import { bodySnippet, header, type Answer } from '../../http/client.js'
import { dedupe, quote } from '../../inputs/lists.js'
import type { Settings } from '../../inputs/settings.js'
import { isObject, isSuccess, parseJson, purgesKeysOrEverything, requiredForKeysOrEverything } from '../helpers.js'
import { Provider, type ApiRequest, type Auth, type Batch, type Outcome, type Target } from '../provider.js'
import { absoluteUrl } from '../urls.js'
import type { FastlyOptions } from './description.js'

/**
 * Fastly: one URL per request (`POST /purge/{host}{path}`), surrogate keys up to 256 a request
 * (`POST /service/{id}/purge`), everything (`POST /service/{id}/purge_all`).
 */

const serviceIdPattern = /^[A-Za-z0-9]+$/

type FastlySettings = Settings<FastlyOptions>

export class Fastly extends Provider<FastlyOptions> {
  targets(settings: FastlySettings): Target[] {
    const hosts = dedupe(settings.paths.flatMap((path) => {
      const result = readUrl(path, settings.baseUrl)
      return 'url' in result ? [result.url.host] : []
    }))
    const targets: Target[] = hosts.map((host) => ({ label: host, id: host }))
    if (settings.service && purgesKeysOrEverything(settings)) targets.push(serviceTarget(settings.service))
    return targets
  }

  group(settings: FastlySettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    const errors: string[] = []
    const groups: Batch[] = []
    const { service } = settings
    if (service && !serviceIdPattern.test(service)) {
      errors.push(`input service: expected a Fastly service ID (letters and digits, such as SU1Z0isxPaozGVKXdv0eY), got ${quote(service)}`)
    }
    const missing = service ? undefined : requiredForKeysOrEverything(settings, 'service', 'Fastly', 'give the service ID (Fastly console, or fastly service list)')
    if (missing) errors.push(missing)
    const target = (label: string) => targets.find((each) => each.label === label) ?? { label, id: label }

    if (settings.scope === 'all') {
      if (settings.soft) {
        errors.push('input soft: Fastly cannot soft-purge everything (purge_all is always a hard purge); remove soft, or soft-purge a surrogate key that every object carries')
      }
      if (service) groups.push({ target: target(serviceTarget(service).label), kind: 'everything', items: [] })
      return { groups, errors }
    }

    const urlsByHost = new Map<string, string[]>()
    for (const path of settings.paths) {
      const result = readUrl(path, settings.baseUrl)
      if ('error' in result) {
        errors.push(`input paths: ${result.error}`)
        continue
      }
      const urls = urlsByHost.get(result.url.host) ?? []
      urls.push(result.url.href)
      urlsByHost.set(result.url.host, urls)
    }
    for (const [host, urls] of urlsByHost) groups.push({ target: target(host), kind: 'urls', items: dedupe(urls) })

    for (const key of settings.keys) {
      if (/\s/.test(key)) errors.push(`input keys: a surrogate key has no spaces (a Surrogate-Key header separates keys with spaces), got ${quote(key)}`)
    }
    if (service && settings.keys.length > 0) groups.push({ target: target(serviceTarget(service).label), kind: 'keys', items: settings.keys })
    return { groups, errors }
  }

  signIn(settings: FastlySettings): Promise<Auth> {
    return Promise.resolve({ headers: { 'Fastly-Key': settings.token } })
  }

  request(batch: Batch, settings: FastlySettings): ApiRequest {
    // The header's presence alone makes a purge soft, whatever its value: send it only when asked.
    const soft = settings.soft === true ? { 'Fastly-Soft-Purge': '1' } : {}
    const service = encodeURIComponent(batch.target.id)
    if (batch.kind === 'everything') return { method: 'POST', path: `/service/${service}/purge_all`, headers: { Accept: 'application/json' } }
    if (batch.kind === 'keys') {
      return {
        method: 'POST',
        path: `/service/${service}/purge`,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...soft },
        body: JSON.stringify({ surrogate_keys: batch.items }),
      }
    }
    const url = new URL(batch.items[0] as string)
    return { method: 'POST', path: `/purge/${url.host}${url.pathname}${url.search}`, headers: { Accept: 'application/json', ...soft } }
  }

  readAnswer(answer: Answer, batch: Batch): Outcome {
    const body = parseJson(answer.body)
    if (isSuccess(answer.status)) {
      if (batch.kind === 'keys' && isObject(body)) {
        // A map of each key to its purge id.
        return { ok: true, ids: batch.items.flatMap((key) => (typeof body[key as string] === 'string' ? [body[key as string] as string] : [])) }
      }
      if (isObject(body) && body.status === 'ok') return { ok: true, ...(typeof body.id === 'string' ? { id: body.id } : {}) }
      return { ok: false, error: `HTTP ${answer.status}, not a Fastly purge answer: ${bodySnippet(answer.body)}` }
    }
    return failure(answer, body)
  }
}


function serviceTarget(service: string): Target {
  return { label: `service ${service}`, id: service }
}

function failure(answer: Answer, body: unknown): Outcome {
  const reason = errorText(body) ?? bodySnippet(answer.body)
  const error = `HTTP ${answer.status}, Fastly: ${reason}${hint(answer)}`
  // Fastly's API limit answers 429 with the end of the window in epoch seconds, not Retry-After.
  const reset = Number(header(answer, 'fastly-ratelimit-reset'))
  if (answer.status === 429 && Number.isFinite(reset) && reset > 0) {
    return { ok: false, error, retryAfterMs: Math.max(0, reset * 1000 - Date.now()) }
  }
  return { ok: false, error }
}

/** Fastly's error shapes: `{msg, detail}`, `{status: "fail", reason}`, JSON:API `{errors: [...]}`. */
function errorText(body: unknown): string | undefined {
  if (!isObject(body)) return undefined
  if (Array.isArray(body.errors)) {
    const parts = body.errors.filter(isObject).map((error) => joinDefined(error.title ?? error.message, error.detail)).filter(Boolean)
    if (parts.length > 0) return parts.join('; ')
  }
  if (typeof body.msg === 'string') return joinDefined(body.msg, body.detail)
  if (typeof body.reason === 'string') return body.reason
  if (typeof body.title === 'string') return joinDefined(body.title, body.detail)
  return undefined
}

function hint(answer: Answer): string {
  if (answer.status === 401) return ' (token must be a Fastly API token, sent as Fastly-Key)'
  if (answer.status === 403) return ' (the token needs the purge_select scope, or purge_all for scope: all, and access to this service)'
  if (answer.status === 429) {
    const reset = Number(header(answer, 'fastly-ratelimit-reset'))
    return Number.isFinite(reset) && reset > 0 ? ` (Fastly API rate limit; it resets at ${new Date(reset * 1000).toISOString()})` : ''
  }
  return ''
}

function joinDefined(first: unknown, second: unknown): string {
  return [first, second].filter((part) => typeof part === 'string' && part !== '').join(': ')
}

type UrlResult = { url: URL } | { error: string }

/** An absolute http(s) URL, or a relative path on base-url, with no wildcard. */
function readUrl(path: string, baseUrl: string | undefined): UrlResult {
  if (path.includes('*')) {
    return { error: `Fastly has no wildcard purge, got ${quote(path)}; tag those objects with a Surrogate-Key header and purge the key with keys instead` }
  }
  const absolute = absoluteUrl(path, baseUrl)
  if ('error' in absolute) return absolute
  absolute.url.hash = ''
  return { url: absolute.url }
}
