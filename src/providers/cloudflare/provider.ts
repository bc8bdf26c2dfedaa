import { bodySnippet, type Answer } from '../../http/client.js'
import { dedupe, quote } from '../../inputs/lists.js'
import type { PurgeHeader } from '../../inputs/schemas.js'
import type { Settings } from '../../inputs/settings.js'
import { callApi, isSuccess, parseJson } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type Item, type Outcome, type Target } from '../provider.js'
import { absoluteUrl } from '../urls.js'
import type { CloudflareOptions } from './description.js'

/** Cloudflare `POST /zones/{zone_id}/purge_cache`, one purge kind per request. */

const zoneIdPattern = /^[0-9a-f]{32}$/i
const hostnamePattern = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/i
const tagPattern = /^[\x21-\x7e]{1,1024}$/

interface Envelope {
  success?: boolean
  errors?: { code?: number; message?: string }[]
  result?: unknown
}

type CloudflareSettings = Settings<CloudflareOptions>

export class Cloudflare extends Provider<CloudflareOptions> {
  targets(settings: CloudflareSettings): Target[] {
    return settings.zones.map((zone) => (zoneIdPattern.test(zone) ? { label: zone, id: zone } : { label: zone, id: '', name: zone.toLowerCase() }))
  }

  override async resolveTargets(targets: Target[], settings: CloudflareSettings, api: ApiContext): Promise<Target[]> {
    const needNames = settings.zones.length > 1 && needsRouting(settings)
    return Promise.all(
      targets.map(async (target) => {
        if (target.name === undefined) return needNames ? { ...target, name: await zoneName(target.id, api) } : target
        return { ...target, id: await zoneId(target.name, api) }
      }),
    )
  }

  group(settings: CloudflareSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    return groupItems(settings, targets)
  }

  signIn(settings: CloudflareSettings): Promise<Auth> {
    const headers: Record<string, string> = settings.email
      ? { 'X-Auth-Email': settings.email, 'X-Auth-Key': settings.token }
      : { Authorization: `Bearer ${settings.token}` }
    return Promise.resolve({ headers })
  }

  request(batch: Batch): ApiRequest {
    const body = batch.kind === 'everything' ? { purge_everything: true } : { [batch.kind]: batch.items }
    return {
      method: 'POST',
      path: `/zones/${batch.target.id ? encodeURIComponent(batch.target.id) : `{id of ${batch.target.label}}`}/purge_cache`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }
  }

  readAnswer(answer: Answer): Outcome {
    return readEnvelope(answer, (result) => {
      const id = (result as { id?: unknown } | null)?.id
      return { ok: true, ...(typeof id === 'string' ? { id } : {}) }
    })
  }
}


function needsRouting(settings: CloudflareSettings): boolean {
  return settings.paths.length + settings.hosts.length + settings.prefixes.length > 0
}

function readEnvelope(answer: Answer, onSuccess: (result: unknown) => Outcome): Outcome {
  const envelope = parseJson(answer.body) as Envelope | null | undefined
  if (envelope === undefined) return { ok: false, error: `HTTP ${answer.status}, not a Cloudflare API answer: ${bodySnippet(answer.body)}` }
  const errors = (envelope?.errors ?? []).map((error) => `Cloudflare error ${error.code ?? '?'}: ${error.message ?? ''}`.trim())
  if (isSuccess(answer.status) && envelope?.success === true) return onSuccess(envelope.result)
  const reason = errors.length > 0 ? errors.join('; ') : `success: ${String(envelope?.success)} and no errors given`
  return { ok: false, error: `HTTP ${answer.status}, ${reason}` }
}

async function zoneId(name: string, api: ApiContext): Promise<string> {
  const { verdict } = await callApi(
    api,
    { method: 'GET', path: `/zones?name=${encodeURIComponent(name)}&per_page=50` },
    (answer) => readEnvelope(answer, (result) => {
      const zones = Array.isArray(result) ? (result as { id?: string; name?: string }[]) : []
      const matches = zones.filter((zone) => zone.name?.toLowerCase() === name)
      if (matches.length === 1 && matches[0]?.id) return { ok: true, id: matches[0].id }
      if (matches.length > 1) return { ok: false, error: `${matches.length} zones are named ${name} in the accounts this token reaches; give the zone ID instead` }
      return { ok: false, error: 'not found, or the token cannot read it (zone names need the Zone Read permission besides Cache Purge; or give the zone ID)' }
    }),
  )
  if (verdict.ok && verdict.id) return verdict.id
  throw new Error(`zone ${name}: ${verdict.ok ? 'no id in the answer' : verdict.error}`)
}

async function zoneName(id: string, api: ApiContext): Promise<string> {
  const { verdict } = await callApi(
    api,
    { method: 'GET', path: `/zones/${encodeURIComponent(id)}` },
    (answer) => readEnvelope(answer, (result) => {
      const name = (result as { name?: unknown } | null)?.name
      return typeof name === 'string' ? { ok: true, id: name.toLowerCase() } : { ok: false, error: 'the answer has no zone name' }
    }),
  )
  if (verdict.ok && verdict.id) return verdict.id
  throw new Error(`zone ${id}: ${verdict.ok ? 'no name in the answer' : verdict.error}; routing URLs to several zones needs each zone's name (Zone Read permission)`)
}

/** Validates every item, turns paths into files and prefixes, and routes each to its zone. */
function groupItems(settings: CloudflareSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
  const errors: string[] = []
  for (const zone of settings.zones) {
    if (!zoneIdPattern.test(zone) && !(zone.includes('.') && hostnamePattern.test(zone))) {
      errors.push(`input zone: expected a zone ID (32 hex characters) or a zone name such as example.com, got ${quote(zone)}`)
    }
  }
  const files: string[] = []
  const prefixes: string[] = []
  const hosts: string[] = []

  for (const path of settings.paths) {
    const result = readPath(path, settings.baseUrl)
    if ('error' in result) errors.push(`input paths: ${result.error}`)
    else if ('prefix' in result) prefixes.push(result.prefix)
    else files.push(result.url)
  }
  for (const host of settings.hosts) {
    const result = readHost(host)
    if ('error' in result) errors.push(`input hosts: ${result.error}`)
    else hosts.push(result.host)
  }
  for (const prefix of settings.prefixes) {
    const result = readPrefix(prefix)
    if ('error' in result) errors.push(`input prefixes: ${result.error}`)
    else prefixes.push(result.prefix)
  }
  for (const tag of settings.keys) {
    if (!tagPattern.test(tag)) errors.push(`input keys: cache tags are 1 to 1,024 printable ASCII characters without spaces, got ${quote(tag)}`)
  }

  const groups: Batch[] = []
  // No zone is its own input error; routing to none would only repeat it for every item.
  if (targets.length === 0) return { groups, errors }
  if (settings.scope === 'all') {
    return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors }
  }

  const routed = new Map<Target, { files: Item[]; hosts: string[]; prefixes: string[] }>()
  const bucket = (target: Target) => {
    let entry = routed.get(target)
    if (!entry) routed.set(target, (entry = { files: [], hosts: [], prefixes: [] }))
    return entry
  }
  const unresolved: Target = { label: `one of ${targets.map((target) => target.label).join(', ')} (routed after the zone lookup)`, id: '' }
  // The hostname is only worked out when there are zones to choose from (a URL parse per item).
  const route = (input: string, item: string, hostname: () => string) => {
    if (targets.length === 1) return targets[0] as Target
    const zone = zoneFor(hostname(), targets)
    if (zone) return zone
    if (targets.some((target) => target.name === undefined)) return unresolved
    errors.push(`input ${input}: ${quote(item)} belongs to none of the zones ${targets.map((target) => target.label).join(', ')}`)
    return undefined
  }

  for (const url of dedupe(files)) {
    const target = route('paths', url, () => new URL(url).hostname)
    if (target) bucket(target).files.push(...withVariants(url, settings.purgeHeaders))
  }
  for (const host of dedupe(hosts)) {
    const target = route('hosts', host, () => host)
    if (target) bucket(target).hosts.push(host)
  }
  for (const prefix of dedupe(prefixes)) {
    const target = route('prefixes', prefix, () => prefix.split('/')[0] ?? '')
    if (target) bucket(target).prefixes.push(prefix)
  }

  for (const target of [...targets, unresolved]) {
    const entry = routed.get(target)
    if (entry?.files.length) groups.push({ target, kind: 'files', items: entry.files })
    if (entry?.prefixes.length) groups.push({ target, kind: 'prefixes', items: entry.prefixes })
    if (entry?.hosts.length) groups.push({ target, kind: 'hosts', items: entry.hosts })
    if (target !== unresolved && settings.keys.length > 0) groups.push({ target, kind: 'tags', items: settings.keys })
  }
  return { groups, errors }
}

/** The zone whose name is the hostname or its closest parent domain. */
function zoneFor(hostname: string, targets: Target[]): Target | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  return targets
    .filter((target) => target.name !== undefined && (host === target.name || host.endsWith(`.${target.name}`)))
    .sort((a, b) => (b.name?.length ?? 0) - (a.name?.length ?? 0))[0]
}

type PathResult = { url: string } | { prefix: string } | { error: string }

function readPath(path: string, baseUrl: string | undefined): PathResult {
  const absolute = absoluteUrl(path, baseUrl)
  if ('error' in absolute) return absolute
  const { text: url, url: parsed } = absolute
  const star = url.indexOf('*')
  if (star === -1) return { url }
  if (star !== url.length - 1 || parsed.search !== '' || url.includes('#')) {
    return { error: `a * is allowed only at the very end, meaning "everything under this path" (Cloudflare has no other wildcard), got ${quote(path)}` }
  }
  return readPrefix(url.slice(0, -1))
}

function readHost(value: string): { host: string } | { error: string } {
  const host = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? (URL.parse(value)?.hostname ?? '') : value
  if (!hostnamePattern.test(host)) return { error: `expected a bare hostname such as www.example.com (no path, port or scheme), got ${quote(value)}` }
  return { host: host.toLowerCase() }
}

function readPrefix(value: string): { prefix: string } | { error: string } {
  const prefix = value.replace(/^https?:\/\//i, '')
  const [host = '', ...path] = prefix.split('/')
  if (!hostnamePattern.test(host) || /[?#*\s]/.test(prefix) || /^[a-z][a-z0-9+.-]*:\/\//i.test(prefix)) {
    return { error: `expected host/path such as www.example.com/blog/ (no query, fragment or wildcard), got ${quote(value)}` }
  }
  if (path.length > 31) return { error: `a prefix has at most 31 "/" separators, got ${quote(value)}` }
  return { prefix: `${host.toLowerCase()}${path.length > 0 ? '/' : ''}${path.join('/')}` }
}

/** One `{url, headers}` object per combination of the purge-headers values. */
function withVariants(url: string, purgeHeaders: PurgeHeader[]): Item[] {
  if (purgeHeaders.length === 0) return [url]
  let combinations: Record<string, string>[] = [{}]
  for (const header of purgeHeaders) {
    combinations = combinations.flatMap((combination) => header.values.map((value) => ({ ...combination, [header.name]: value })))
  }
  return combinations.map((headers) => ({ url, headers }))
}
