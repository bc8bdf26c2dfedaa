import { quote } from '../../inputs/lists.js'
import { isObject } from '../helpers.js'

/**
 * The `endpoint` input: CDN endpoint IDs, or domains looked up in `GET /v2/cdn/endpoints`. An
 * endpoint answers to its `*.cdn.digitaloceanspaces.com` host, its custom domain and its origin
 * (`<bucket>.<region>.digitaloceanspaces.com`). Pure.
 */

export interface CdnEndpoint {
  id: string
  /** Every domain the endpoint answers to, lower case. */
  domains: string[]
}

export type EndpointInput = { id: string } | { domain: string }

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const labelPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export function readEndpointInput(item: string): EndpointInput | { error: string } {
  if (uuidPattern.test(item)) return { id: item.toLowerCase() }
  const host = /^https?:\/\//i.test(item) ? URL.parse(item)?.hostname : item.replace(/\.$/, '')
  const domain = host?.toLowerCase()
  if (domain && isHostname(domain)) return { domain }
  return {
    error:
      'input endpoint: expected a CDN endpoint ID (a UUID such as 19f06b6a-3ace-4315-b086-499a0e521b76) or a domain of the endpoint ' +
      `(its *.cdn.digitaloceanspaces.com host, custom domain or origin), got ${quote(item)}`,
  }
}

const maxDomainLength = 253

function isHostname(text: string): boolean {
  const labels = text.split('.')
  return text.length <= maxDomainLength && labels.length >= 2 && labels.every((label) => labelPattern.test(label)) && !/^\d+$/.test(labels.at(-1) ?? '')
}

/** One page of `GET /v2/cdn/endpoints`: the endpoints, and whether there is a next page. */
export function readEndpointsPage(body: unknown): { endpoints: CdnEndpoint[]; hasNext: boolean; total?: number } | { error: string } {
  if (!isObject(body) || !Array.isArray(body.endpoints)) return { error: 'the endpoint list answer has no endpoints array' }
  const endpoints: CdnEndpoint[] = []
  for (const entry of body.endpoints as unknown[]) {
    if (!isObject(entry) || typeof entry.id !== 'string' || !uuidPattern.test(entry.id)) continue
    const domains = [entry.endpoint, entry.custom_domain, entry.origin]
      .filter((value): value is string => typeof value === 'string' && value !== '' && value.length <= maxDomainLength)
      .map((value) => value.toLowerCase())
    endpoints.push({ id: entry.id.toLowerCase(), domains })
  }
  const pages = isObject(body.links) && isObject(body.links.pages) ? body.links.pages : {}
  const total = isObject(body.meta) && typeof body.meta.total === 'number' ? body.meta.total : undefined
  return { endpoints, hasNext: typeof pages.next === 'string' && pages.next !== '', ...(total !== undefined ? { total } : {}) }
}

/** The endpoint a domain names, or why none (or several) do. */
export function findEndpoint(domain: string, endpoints: CdnEndpoint[]): { id: string } | { error: string } {
  const matches = endpoints.filter((endpoint) => endpoint.domains.includes(domain))
  if (matches.length === 1) return { id: (matches[0] as CdnEndpoint).id }
  if (matches.length === 0) {
    return {
      error:
        `input endpoint: no CDN endpoint of this account answers to ${quote(domain)} (looked at ${endpoints.length} endpoints: ` +
        'their cdn.digitaloceanspaces.com hosts, custom domains and origins); give the endpoint ID, or check the token belongs to the right team',
    }
  }
  return { error: `input endpoint: ${quote(domain)} matches ${matches.length} CDN endpoints (${matches.map((each) => each.id).join(', ')}); give the endpoint ID` }
}
