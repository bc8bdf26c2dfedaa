import { quote } from '../../inputs/lists.js'
import { maxPathsPerRequest } from './limits.js'

/**
 * Front Door's input rules, pure: where the endpoint is, which paths it takes, and how paths
 * are grouped by host into the `domains` of each purge request.
 */

export interface EndpointAddress {
  subscription: string
  resourceGroup: string
  profile: string
  endpoint: string
}

/** The paths of one purge request and the domains they are purged on (none: every domain of the endpoint). */
export interface DomainGroup {
  domains: string[]
  paths: string[]
}


const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Resource group names: letters, digits, `-_.()`, up to 90, not ending in a period.
const resourceGroupPattern = /^[\w.()-]{0,89}[\w()-]$/
// Profile and endpoint names (afdx.json): letters, digits and hyphens, not at either end.
const namePattern = /^[A-Za-z0-9-]{1,260}$/
const hostPattern = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/

/** Input errors of where the endpoint is. */
export function addressErrors(address: EndpointAddress): string[] {
  const errors: string[] = []
  // An empty one is reported as required already.
  if (address.subscription !== '' && !guidPattern.test(address.subscription)) errors.push(`input subscription: expected the Azure subscription ID, a GUID, got ${quote(address.subscription)}`)
  if (address.resourceGroup !== '' && !resourceGroupPattern.test(address.resourceGroup)) {
    errors.push(`input resource-group: expected a resource group name (letters, digits, - _ . ( ), up to 90, not ending in .), got ${quote(address.resourceGroup)}`)
  }
  for (const [input, value] of [['profile', address.profile], ['endpoint', address.endpoint]] as const) {
    if (value !== '' && (!namePattern.test(value) || value.startsWith('-') || value.endsWith('-'))) {
      errors.push(`input ${input}: expected a Front Door ${input} name (letters, digits and inner hyphens), got ${quote(value)}`)
    }
  }
  return errors
}

/** A domain of the `domains` input, lower-cased; a wildcard domain is refused (Front Door purges its subdomains by name). */
export function readDomain(value: string): { domain: string } | { error: string } {
  const domain = value.trim().toLowerCase().replace(/\.$/, '')
  if (domain.startsWith('*.')) return { error: `input domains: a wildcard domain cannot be purged; list its subdomains instead, got ${quote(value)}` }
  if (!hostPattern.test(domain)) return { error: `input domains: expected a domain name such as www.example.com, got ${quote(value)}` }
  return { domain }
}

export type ReadPath = { host: string | undefined; path: string; droppedQuery: boolean } | { error: string }

/**
 * A path from the root, or an absolute URL reduced to its path with its host kept for `domains`.
 * A query string or fragment is dropped (Front Door purges every query-string variant); a `*` is
 * allowed only at the end, right after a `/`.
 */
export function readPath(value: string): ReadPath {
  let host: string | undefined
  let rest = value
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const url = URL.parse(value)
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
      return { error: `input paths: expected a path from the root such as /index.html or /img/*, or an http(s) URL, got ${quote(value)}` }
    }
    host = url.hostname.toLowerCase()
    // The URL parser percent-encodes the path and reads `*` as is; the query and fragment are cut here.
    rest = url.pathname + (url.search || (value.includes('?') ? '?' : '')) + (url.hash || (value.includes('#') ? '#' : ''))
  }
  if (!rest.startsWith('/')) return { error: `input paths: expected a path from the root such as /index.html or /img/* (Front Door paths begin with /), got ${quote(value)}` }
  const cut = firstIndexOf(rest, '?', '#')
  const path = cut === -1 ? rest : rest.slice(0, cut)
  const star = path.indexOf('*')
  if (star !== -1 && (star !== path.length - 1 || path[star - 1] !== '/')) {
    return { error: `input paths: a * is allowed only at the end, right after a / (/img/* or /*), got ${quote(value)}` }
  }
  return { host, path, droppedQuery: cut !== -1 }
}

/**
 * Groups paths by the domains they are purged on: an absolute URL's host, or the `domains`
 * input for paths from the root (none given: every domain of the endpoint). `scope: all` is `/*`.
 */
export function groupByDomain(values: readonly string[], domains: readonly string[], scopeAll: boolean): { groups: DomainGroup[]; notes: string[]; errors: string[] } {
  if (scopeAll) return { groups: [{ domains: [...domains], paths: ['/*'] }], notes: [], errors: [] }
  // Keyed by the domains list, so a URL on the one domain the input names joins the paths from the root.
  const byDomains = new Map<string, DomainGroup>()
  const add = (groupDomains: string[], path: string) => {
    const key = groupDomains.join(' ')
    const group = byDomains.get(key) ?? byDomains.set(key, { domains: groupDomains, paths: [] }).get(key)
    if (group && !group.paths.includes(path)) group.paths.push(path)
  }
  const notes: string[] = []
  const errors: string[] = []
  for (const value of values) {
    const read = readPath(value)
    if ('error' in read) {
      errors.push(read.error)
      continue
    }
    if (read.droppedQuery) notes.push(`paths: ${quote(value)} is purged as ${read.path}: Front Door purges every query-string variant of a path`)
    add(read.host === undefined ? [...domains] : [read.host], read.path)
  }
  const groups = [...byDomains.values()]
  return { groups, notes, errors }
}

/**
 * Paths per request for a group: Azure documents 100 URLs a call, and whether a path on three
 * domains counts once or three times is not documented, so paths × domains stays within it.
 */
export function pathsPerRequest(group: DomainGroup, batchSize: number): number {
  return Math.max(1, Math.floor(Math.min(batchSize, maxPathsPerRequest) / Math.max(1, group.domains.length)))
}

/** A group's paths cut into requests, in order. */
export function cutGroup(group: DomainGroup, batchSize: number): DomainGroup[] {
  const size = pathsPerRequest(group, batchSize)
  const requests: DomainGroup[] = []
  for (let start = 0; start < group.paths.length; start += size) requests.push({ domains: group.domains, paths: group.paths.slice(start, start + size) })
  return requests
}

function firstIndexOf(text: string, ...characters: string[]): number {
  const found = characters.map((character) => text.indexOf(character)).filter((index) => index !== -1)
  return found.length === 0 ? -1 : Math.min(...found)
}
