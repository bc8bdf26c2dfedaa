import { bodySnippet, header, parseRetryAfter, type Answer } from '../../http/client.js'
import type { Settings } from '../../inputs/settings.js'
import { callApi, isObject, isSuccess, parseJson } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type Outcome, type Target } from '../provider.js'
import type { DigitalOceanOptions } from './description.js'
import { findEndpoint, readEndpointInput, readEndpointsPage, type CdnEndpoint } from './endpoints.js'
import { pacingLine } from './pacing.js'
import { readBucketPath } from './paths.js'

/**
 * DigitalOcean Spaces CDN: `DELETE /v2/cdn/endpoints/{id}/cache` with `{"files": [...]}`, 204 and
 * nothing to poll. Endpoints given by domain are looked up in `GET /v2/cdn/endpoints`. Every call
 * is paced to the documented windows (see pacing.ts), the lookup included.
 */

type DigitalOceanSettings = Settings<DigitalOceanOptions>

const perPage = 200
/** 10,000 endpoints: far more than an account has; a listing that never ends is not followed further. */
const maxPages = 50

export class DigitalOcean extends Provider<DigitalOceanOptions> {
  targets(settings: DigitalOceanSettings): Target[] {
    return settings.endpoints.map((item) => {
      const input = readEndpointInput(item)
      if ('id' in input) return { label: input.id, id: input.id }
      return { label: 'domain' in input ? input.domain : item, id: '', ...('domain' in input ? { name: input.domain } : {}) }
    })
  }

  group(settings: DigitalOceanSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    const errors = settings.endpoints.flatMap((item) => {
      const input = readEndpointInput(item)
      return 'error' in input ? [input.error] : []
    })
    if (settings.scope === 'all') return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors }
    const files = new Set<string>()
    for (const item of settings.paths) {
      const result = readBucketPath(item)
      if ('error' in result) errors.push(`input paths: ${result.error}`)
      else files.add(result.file)
    }
    if (files.size === 0) return { groups: [], errors }
    return { groups: targets.map((target) => ({ target, kind: 'files', items: [...files] })), errors }
  }

  signIn(settings: DigitalOceanSettings): Promise<Auth> {
    return Promise.resolve({ headers: { Authorization: `Bearer ${settings.token}` } })
  }

  /** Domains become endpoint IDs (every page of the list, read once); an endpoint named twice is purged once. */
  override async resolveTargets(targets: Target[], _settings: DigitalOceanSettings, api: ApiContext): Promise<Target[]> {
    const endpoints = targets.some((target) => target.id === '') ? await listEndpoints(api) : []
    const resolved = new Map<string, Target>()
    for (const target of targets) {
      let id = target.id
      if (id === '') {
        const found = findEndpoint(target.name ?? target.label, endpoints)
        if ('error' in found) throw new Error(found.error)
        id = found.id
      }
      // The same endpoint named twice (by ID and by domain) is purged once: never two identical purges.
      if (!resolved.has(id)) resolved.set(id, { ...target, id, label: target.id === '' ? `${target.label} (${id})` : target.label })
    }
    return [...resolved.values()]
  }

  request(batch: Batch): ApiRequest {
    const id = batch.target.id ? encodeURIComponent(batch.target.id) : `{id of ${batch.target.label}}`
    const files = batch.kind === 'everything' ? ['*'] : batch.items
    return { method: 'DELETE', path: `/v2/cdn/endpoints/${id}/cache`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ files }) }
  }

  readAnswer(answer: Answer): Outcome {
    return isSuccess(answer.status) ? { ok: true } : failure(answer)
  }

  /** Says up front how long the pacing will take (a lookup by domain adds a few seconds). */
  override planNotes(batches: Batch[]): string[] {
    return batches.length > 0 ? [pacingLine(batches.map((batch) => (batch.kind === 'everything' ? 1 : batch.items.length)))] : []
  }
}

/** Every page of the account's CDN endpoints. */
async function listEndpoints(api: ApiContext): Promise<CdnEndpoint[]> {
  const endpoints: CdnEndpoint[] = []
  for (let page = 1; page <= maxPages; page++) {
    const { verdict } = await callApi(api, { method: 'GET', path: `/v2/cdn/endpoints?page=${page}&per_page=${perPage}`, pace: 'lookup' }, (answer) => {
      if (!isSuccess(answer.status)) return failure(answer)
      const read = readEndpointsPage(parseJson(answer.body))
      return 'error' in read ? { ok: false as const, error: `HTTP ${answer.status}: ${read.error}` } : { ok: true as const, page: read }
    })
    if (!verdict.ok) throw new Error(`looking up the CDN endpoints (GET /v2/cdn/endpoints, which needs the cdn:read scope): ${verdict.error}`)
    const { page: read } = verdict as { page: { endpoints: CdnEndpoint[]; hasNext: boolean } }
    endpoints.push(...read.endpoints)
    if (!read.hasNext || read.endpoints.length === 0) return endpoints
  }
  return endpoints
}

/** DigitalOcean's error body is `{id, message, request_id}`; a 429 says when to try again. */
function failure(answer: Answer): { ok: false; error: string; retryAfterMs?: number } {
  const body = parseJson(answer.body)
  const id = isObject(body) && typeof body.id === 'string' ? body.id.slice(0, 100) : undefined
  const message = isObject(body) && typeof body.message === 'string' ? bodySnippet(body.message) : undefined
  const reason = id || message ? `DigitalOcean error ${id ?? '?'}: ${message ?? ''}` : `DigitalOcean: ${bodySnippet(answer.body)}`
  const error = `HTTP ${answer.status}, ${reason}${hint(answer.status)}`
  const waitMs = answer.status === 429 ? retryAfterMs(answer) : undefined
  return waitMs === undefined ? { ok: false, error } : { ok: false, error, retryAfterMs: waitMs }
}

/** `Retry-After`, else `ratelimit-reset` (Unix seconds). */
function retryAfterMs(answer: Answer): number | undefined {
  const now = Date.now()
  const retryAfter = parseRetryAfter(header(answer, 'retry-after'), now)
  if (retryAfter !== undefined) return retryAfter
  const reset = header(answer, 'ratelimit-reset')
  return reset !== undefined && /^\d{1,12}$/.test(reset.trim()) ? Math.max(0, Number(reset) * 1000 - now) : undefined
}

function hint(status: number): string {
  if (status === 401) return '; check token: a DigitalOcean personal access token (dop_v1_...), not a Spaces access key'
  if (status === 403) return '; the token needs the cdn:delete scope (and cdn:read when endpoint is a domain)'
  if (status === 404) return '; check endpoint: the CDN endpoint ID, or a domain of the endpoint'
  return ''
}
