import { bodySnippet, type Answer } from '../../http/client.js'
import { parseHttpUrl, quote } from '../../inputs/lists.js'
import type { Settings } from '../../inputs/settings.js'
import { isSuccess, parseJson } from '../helpers.js'
import { Provider, type ApiRequest, type Auth, type Batch, type Outcome, type Target } from '../provider.js'
import type { EdgioOptions } from './description.js'

/**
 * Edgio (formerly Layer0) `POST /api/v1/clear-cache`: one site environment per run, and at most
 * one of paths, surrogate keys or cache hashes per request. A body with none of them clears the
 * whole environment, so that body is built only for `scope: all`.
 */

/** The hosts Edgio itself ran the API on (v7, and Layer0 / Edgio v4 to v6). */
const edgioHosts = ['edgio.app', 'app.layer0.co']

/** The kinds are the API's own body fields. */
const kinds = ['paths', 'surrogateKeys', 'cacheHashes'] as const

type EdgioSettings = Settings<EdgioOptions>

export class Edgio extends Provider<EdgioOptions> {
  targets(settings: EdgioSettings): Target[] {
    return [{ label: `${settings.team}/${settings.site}/${settings.environment}`, id: '' }]
  }

  group(settings: EdgioSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    const target = targets[0] as Target
    if (settings.scope === 'all') return { groups: [{ target, kind: 'everything', items: [] }], errors: [] }

    const errors: string[] = []
    const paths: string[] = []
    for (const item of settings.paths) {
      const result = readPath(item)
      if ('error' in result) errors.push(`input paths: ${result.error}`)
      else paths.push(result.path)
    }
    const lists = { paths: [...new Set(paths)], surrogateKeys: settings.keys, cacheHashes: settings.cacheHashes }
    const inputOf = { paths: 'paths', surrogateKeys: 'keys', cacheHashes: 'cache-hashes' }
    for (const kind of ['surrogateKeys', 'cacheHashes'] as const) {
      for (const item of lists[kind].filter((each) => /\s/.test(each))) {
        errors.push(`input ${inputOf[kind]}: ${kind === 'surrogateKeys' ? 'surrogate keys' : 'cache hashes'} cannot contain spaces, got ${quote(item)}`)
      }
    }
    const groups: Batch[] = kinds.filter((kind) => lists[kind].length > 0).map((kind) => ({ target, kind, items: lists[kind] }))
    return { groups, errors }
  }

  signIn(settings: EdgioSettings): Promise<Auth> {
    return Promise.resolve({ headers: { 'x-api-key': settings.token } })
  }

  request(batch: Batch, settings: EdgioSettings): ApiRequest {
    // The API reads a body without a list as "clear the whole environment".
    if (batch.kind !== 'everything' && batch.items.length === 0) {
      throw new Error(`refusing to send an empty ${batch.kind} list to Edgio: it would clear the whole environment`)
    }
    const site = { team: settings.team, site: settings.site, environment: settings.environment }
    return {
      method: 'POST',
      path: '/api/v1/clear-cache',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch.kind === 'everything' ? site : { ...site, [batch.kind]: batch.items }),
    }
  }

  // The answer's format is not documented: any 2xx is success, whatever its body.
  readAnswer(answer: Answer): Outcome {
    if (!isSuccess(answer.status)) return { ok: false, error: `HTTP ${answer.status}: ${bodySnippet(answer.body)}` }
    const id = (parseJson(answer.body) as { id?: unknown } | null | undefined)?.id
    return typeof id === 'string' || typeof id === 'number' ? { ok: true, id: String(id) } : { ok: true }
  }

  override explainNetworkError(message: string, apiUrl: string): string {
    if (!edgioHosts.includes(URL.parse(apiUrl)?.hostname ?? '')) return message
    return (
      `${message}. The Edgio platform ended service on 2025-01-15, and its API no longer answers; ` +
      'if your sites moved to a compatible endpoint, set api-url to it'
    )
  }
}


/** A path from the root as given, or an absolute URL reduced to its path and query. */
function readPath(item: string): { path: string } | { error: string } {
  if (/\s/.test(item)) return { error: `paths cannot contain spaces (encode them as %20), got ${quote(item)}` }
  if (item.startsWith('/') && !item.startsWith('//')) return { path: item }
  const url = /^https?:\/\//i.test(item) ? parseHttpUrl(item) : undefined
  if (url) return { path: `${url.pathname}${url.search}` }
  return { error: `expected a path from the root such as /sports/* or an http(s) URL, got ${quote(item)}` }
}
