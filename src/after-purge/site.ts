import { parseHttpUrl } from '../inputs/lists.js'
import type { Batch, Item, Target } from '../providers/provider.js'

/**
 * Requests to the purged site itself (verify and warm): which URLs a purge named, which hosts it
 * covered, and which request headers reproduce a cache-key variant. A site request carries
 * only these headers, never a provider credential. Pure.
 */

/** One page as a visitor requests it: the URL and the variant headers it was purged with. */
export interface SitePage {
  url: string
  /** `purge-headers` of the variant, as purged (empty for a plain URL). */
  variant: Record<string, string>
}

/** Epoch ms when the purge covering a page was accepted. */
export interface CheckedPage extends SitePage {
  acceptedAt: number
}

/** What the action calls itself on a site, so logs on the site's side can tell it apart. */
export const siteUserAgent = 'cdn-purge (GitHub Action; verify and warm after a purge)'

/** Typical browsers, for the `CF-Device-Type` values Cloudflare derives from the User-Agent. */
export const deviceUserAgents: Record<string, string> = {
  mobile: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  tablet: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  desktop: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
}

/** The pages a batch names: its items that are absolute http(s) URLs without a wildcard. */
export function pagesOf(batch: Batch): SitePage[] {
  return batch.items.flatMap((item) => {
    const url = itemUrl(item)
    if (!isPageUrl(url)) return []
    return [{ url, variant: typeof item === 'string' ? {} : item.headers }]
  })
}

function itemUrl(item: Item): string {
  return typeof item === 'string' ? item : item.url
}

function isPageUrl(value: string): boolean {
  return parseHttpUrl(value) !== undefined && !value.includes('*')
}

export function pageKey(page: SitePage): string {
  return `${page.url} ${JSON.stringify(Object.entries(page.variant).sort())}`
}

/**
 * The request headers that ask for a variant: `CF-Device-Type` becomes a typical User-Agent of
 * that device; other `CF-` headers are set by Cloudflare from the visitor (`CF-IPCountry`), so
 * the runner cannot ask for them and they are left out; every other header (`Accept-Language`,
 * `Origin`) is sent as is.
 */
export function variantRequestHeaders(variant: Record<string, string>): { headers: Record<string, string>; leftOut: string[] } {
  const headers: Record<string, string> = { 'User-Agent': siteUserAgent }
  const leftOut: string[] = []
  for (const [name, value] of Object.entries(variant)) {
    const lower = name.toLowerCase()
    if (lower === 'cf-device-type') {
      const userAgent = deviceUserAgents[value.toLowerCase()]
      if (userAgent) headers['User-Agent'] = userAgent
      else leftOut.push(`${name}: ${value}`)
    } else if (lower.startsWith('cf-')) {
      leftOut.push(`${name}: ${value}`)
    } else {
      headers[name] = value
    }
  }
  return { headers, leftOut }
}

/**
 * The hosts a purge covers: the hosts of its URLs, its hosts and prefixes, and every target
 * named by a domain (a Cloudflare zone name, with its subdomains). `known` is false when some
 * batch reaches hosts nobody named (tags or everything on a zone given by id, Edgio paths), and
 * then no URL can be ruled out.
 */
export interface PurgedHosts {
  known: boolean
  hosts: Set<string>
  domains: string[]
}

export function purgedHosts(batches: Batch[], targets: Target[]): PurgedHosts {
  const hosts = new Set<string>()
  const domains = new Set(targets.flatMap((target) => (target.name ? [target.name.toLowerCase()] : [])))
  let known = true
  for (const batch of batches) {
    const batchHosts = batch.items.map((item) => hostOfItem(itemUrl(item), batch.kind))
    for (const host of batchHosts) if (host) hosts.add(host)
    if (batch.target.name) domains.add(batch.target.name.toLowerCase())
    else if (batchHosts.length === 0 || batchHosts.some((host) => host === undefined)) known = false
  }
  return { known, hosts, domains: [...domains] }
}

function hostOfItem(item: string, kind: string): string | undefined {
  const url = URL.parse(item)
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return url.hostname.toLowerCase()
  if (kind === 'hosts' || kind === 'prefixes') return item.split('/')[0]?.toLowerCase() || undefined
  return undefined
}

export function isOnPurgedHost(url: string, purged: PurgedHosts): boolean {
  if (!purged.known) return true
  const host = URL.parse(url)?.hostname.toLowerCase() ?? ''
  return purged.hosts.has(host) || purged.domains.some((domain) => host === domain || host.endsWith(`.${domain}`))
}

export function describeHosts(purged: PurgedHosts): string {
  const names = [...purged.hosts, ...purged.domains.map((domain) => `${domain} and its subdomains`)]
  const shown = names.slice(0, 5).join(', ')
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown
}
