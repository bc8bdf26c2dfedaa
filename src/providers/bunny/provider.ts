import { bodySnippet, type Answer } from '../../http/client.js'
import { dedupe, parseHttpUrl, quote } from '../../inputs/lists.js'
import type { Settings } from '../../inputs/settings.js'
import { isObject, isSuccess, parseJson, purgesKeysOrEverything, requiredForKeysOrEverything } from '../helpers.js'
import { Provider, type ApiRequest, type Auth, type Batch, type Outcome, type Target } from '../provider.js'
import type { BunnyOptions } from './description.js'

/**
 * Bunny: one URL per request (`POST /purge?url=`), one cache tag per request and the whole pull
 * zone (`POST /pullzone/{id}/purgeCache`). URL purges are paced to Bunny's documented buckets.
 */

const pullZonePattern = /^\d+$/
const maxTagBytes = 1024

/** Batch kinds: `urls` (exact), `index-pages` (a URL ending in /, that page only), `prefixes` (a *). */
const urlKinds = ['urls', 'index-pages', 'prefixes'] as const

type BunnySettings = Settings<BunnyOptions>

export class Bunny extends Provider<BunnyOptions> {
  targets(settings: BunnySettings): Target[] {
    const hosts = dedupe(settings.paths.flatMap((path) => {
      const result = readUrl(path)
      return 'url' in result ? [result.url.host] : []
    }))
    const targets: Target[] = hosts.map((host) => ({ label: host, id: host }))
    if (settings.pullZone && purgesKeysOrEverything(settings)) targets.push(pullZoneTarget(settings.pullZone))
    return targets
  }

  group(settings: BunnySettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    const errors: string[] = []
    const groups: Batch[] = []
    const { pullZone } = settings
    if (pullZone && !pullZonePattern.test(pullZone)) {
      errors.push(`input pull-zone: expected the numeric ID of a pull zone (not its name, and not a storage zone), got ${quote(pullZone)}`)
    }
    const missing = pullZone
      ? undefined
      : requiredForKeysOrEverything(settings, 'pull-zone', 'Bunny', "give the pull zone ID (a number, in the pull zone's dashboard URL)")
    if (missing) errors.push(missing)
    const target = (label: string) => targets.find((each) => each.label === label) ?? { label, id: label }
    const zone = pullZone ? target(pullZoneTarget(pullZone).label) : undefined

    if (settings.scope === 'all') {
      if (zone) groups.push({ target: zone, kind: 'everything', items: [] })
      return { groups, errors }
    }

    const byHostAndKind = new Map<string, Batch>()
    for (const path of settings.paths) {
      const result = readUrl(path)
      if ('error' in result) {
        errors.push(`input paths: ${result.error}`)
        continue
      }
      const kind = urlKind(result.text, result.url)
      const key = `${result.url.host} ${kind}`
      const group = byHostAndKind.get(key) ?? { target: target(result.url.host), kind, items: [] }
      if (!group.items.includes(result.text)) group.items.push(result.text)
      byHostAndKind.set(key, group)
    }
    groups.push(...byHostAndKind.values())

    for (const tag of settings.keys) {
      if (Buffer.byteLength(tag) > maxTagBytes) errors.push(`input keys: a Bunny cache tag (CDN-Tag) is at most ${maxTagBytes} bytes, got ${quote(tag)}`)
    }
    if (zone) groups.push(...settings.keys.map((tag) => ({ target: zone, kind: 'tags', items: [tag] })))
    return { groups, errors }
  }

  signIn(settings: BunnySettings): Promise<Auth> {
    return Promise.resolve({ headers: { AccessKey: settings.token } })
  }

  request(batch: Batch): ApiRequest {
    const zone = encodeURIComponent(batch.target.id)
    if (batch.kind === 'everything') return { method: 'POST', path: `/pullzone/${zone}/purgeCache` }
    if (batch.kind === 'tags') {
      return {
        method: 'POST',
        path: `/pullzone/${zone}/purgeCache`,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ CacheTag: batch.items[0] }),
      }
    }
    // async=false: the answer comes once the purge is done, so "purged" means purged.
    const exactPath = batch.kind === 'index-pages' ? '&exactPath=true' : ''
    return { method: 'POST', path: `/purge?url=${encodeURIComponent(batch.items[0] as string)}&async=false${exactPath}` }
  }

  readAnswer(answer: Answer, batch: Batch): Outcome {
    // 204 is documented, 200 is what the API has been seen to send: any 2xx is a purge.
    if (isSuccess(answer.status)) return { ok: true }
    return failure(answer, batch.kind)
  }
}


function pullZoneTarget(pullZone: string): Target {
  return { label: `pull zone ${pullZone}`, id: pullZone }
}

function urlKind(text: string, url: URL): (typeof urlKinds)[number] {
  if (text.includes('*')) return 'prefixes'
  return url.pathname.endsWith('/') ? 'index-pages' : 'urls'
}

/** Bunny's error body is `{ErrorKey, Field, Message}`. */
function failure(answer: Answer, kind: string): Outcome {
  const parsed = parseJson(answer.body)
  const body = isObject(parsed) ? parsed : undefined
  const errorKey = typeof body?.ErrorKey === 'string' ? body.ErrorKey : undefined
  const message = typeof body?.Message === 'string' ? body.Message : undefined
  const field = typeof body?.Field === 'string' && body.Field !== '' ? ` (field ${body.Field})` : ''
  const reason = errorKey || message ? `Bunny error ${errorKey ?? '?'}: ${message ?? ''}${field}` : `Bunny: ${bodySnippet(answer.body)}`
  return { ok: false, error: `HTTP ${answer.status}, ${reason}${hint(answer.status, errorKey, kind)}` }
}

function hint(status: number, errorKey: string | undefined, kind: string): string {
  if (status === 401) {
    return '; token must be the account API key (Bunny dashboard, Account settings, API key), not a storage zone password, and pull-zone a pull zone ID, not a storage zone ID'
  }
  if (errorKey?.toLowerCase() === 'pullzone.not_found') {
    return (urlKinds as readonly string[]).includes(kind)
      ? '; no pull zone of this account serves that hostname (purge the pull zone hostname or a custom hostname added to it)'
      : '; check pull-zone: the ID of a pull zone of this account, not a storage zone'
  }
  return ''
}

type UrlResult = { url: URL; text: string } | { error: string }

/** An absolute http(s) URL on one of the pull zone's hostnames, sent as written. */
function readUrl(path: string): UrlResult {
  const url = /^https?:\/\//i.test(path) ? parseHttpUrl(path) : undefined
  if (!url) {
    return { error: `Bunny purges absolute URLs on your pull zone's hostnames, such as https://myzone.b-cdn.net/a.css or https://cdn.example.com/img/*, got ${quote(path)}` }
  }
  if (/\s/.test(path)) return { error: `URLs cannot contain spaces (encode them as %20), got ${quote(path)}` }
  return { url, text: path }
}
