/**
 * How each CDN tells, in an answer, whether it came from a stored copy: the response header it
 * uses, the request header that turns it on, and what its values mean. A provider names its
 * style (`cacheStatus: 'fastly'`); the verification reads every answer with it. Pure.
 *
 * Values are from each CDN's documentation:
 * - Cloudflare `cf-cache-status`: developers.cloudflare.com/cache/concepts/cache-responses
 * - Fastly `x-cache`: fastly.com/documentation/reference/http/http-headers/X-Cache (HIT or MISS,
 *   one entry per cache on the way when shielding: `MISS, HIT`)
 * - CloudFront `x-cache`: `Hit from cloudfront`, `Miss from cloudfront`, `RefreshHit from
 *   cloudfront`, ... (the result types of CloudFront's standard logs)
 * - Akamai `x-cache`, sent only for `Pragma: akamai-x-cache-on`:
 *   techdocs.akamai.com/edge-diagnostics/docs/pragma-headers
 * - Bunny `cdn-cache`: HIT, MISS or BYPASS
 * - Azure Front Door `x-cache`: TCP_HIT (edge), TCP_REMOTE_HIT (regional cache), TCP_MISS,
 *   PRIVATE_NOSTORE, CONFIG_NOCACHE, N/A (denied by a signed URL or rule set):
 *   learn.microsoft.com/azure/cdn/cdn-msft-http-debug-headers (Azure CDN from Microsoft runs on
 *   Front Door's platform)
 * - `Age` (RFC 9111 section 5.1): seconds since the copy was stored or revalidated.
 */

/** Where an answer came from, as the status header says. */
export type Served =
  /** A stored copy: its `Age` decides whether it predates the purge. */
  | 'cache'
  /** Fetched or revalidated from the origin for this request: not an old copy. */
  | 'origin'
  /** The CDN does not cache this answer at all. */
  | 'not-cached'
  /** No status header, or a value this table does not know. */
  | 'unknown'

export interface CacheStatusStyle {
  /** The response header, lower case. */
  header: string
  /** Request headers without which the CDN does not send it. */
  requestHeaders?: Record<string, string>
  read(value: string): Served
}

/** The verdict on one URL: fresh, stale, not-cached or unknown. */
export type CacheVerdict = 'fresh' | 'stale' | 'not-cached' | 'unknown'

const cloudflareStatuses: Record<string, Served> = {
  HIT: 'cache',
  STALE: 'cache',
  MISS: 'origin',
  EXPIRED: 'origin',
  REVALIDATED: 'origin',
  UPDATING: 'origin',
  BYPASS: 'not-cached',
  DYNAMIC: 'not-cached',
  NONE: 'not-cached',
  UNKNOWN: 'not-cached',
  'NONE/UNKNOWN': 'not-cached',
}

const cloudfrontResults: Record<string, Served> = {
  hit: 'cache',
  miss: 'origin',
  refreshhit: 'origin',
  redirect: 'not-cached',
  functiongeneratedresponse: 'not-cached',
  lambdageneratedresponse: 'not-cached',
}

const akamaiResults: Record<string, Served> = {
  TCP_HIT: 'cache',
  TCP_MEM_HIT: 'cache',
  TCP_IMS_HIT: 'cache',
  TCP_NEGATIVE_HIT: 'cache',
  TCP_REFRESH_FAIL_HIT: 'cache',
  TCP_MISS: 'origin',
  TCP_REFRESH_HIT: 'origin',
  TCP_REFRESH_MISS: 'origin',
}

const bunnyStatuses: Record<string, Served> = { HIT: 'cache', MISS: 'origin', BYPASS: 'not-cached' }

const frontDoorStatuses: Record<string, Served> = {
  TCP_HIT: 'cache',
  TCP_REMOTE_HIT: 'cache',
  TCP_MISS: 'origin',
  PRIVATE_NOSTORE: 'not-cached',
  CONFIG_NOCACHE: 'not-cached',
}

/** Comma-separated entries, one per cache on the way (Fastly shielding). */
function entries(value: string): string[] {
  return value.split(',').map((entry) => entry.trim()).filter(Boolean)
}

export const cacheStatusStyleNames = ['cloudflare', 'fastly', 'cloudfront', 'akamai', 'bunny', 'front-door'] as const
export type CacheStatusStyleName = (typeof cacheStatusStyleNames)[number]

export const cacheStatusStyles: Record<CacheStatusStyleName, CacheStatusStyle> = {
  cloudflare: {
    header: 'cf-cache-status',
    read: (value) => cloudflareStatuses[value.trim().toUpperCase()] ?? 'unknown',
  },
  fastly: {
    header: 'x-cache',
    // Any HIT (at the edge or at a shield) means a stored copy answered; only all-MISS went to origin.
    read: (value) => {
      const all = entries(value.toUpperCase())
      if (all.length === 0 || !all.every((entry) => entry === 'HIT' || entry === 'MISS')) return 'unknown'
      return all.includes('HIT') ? 'cache' : 'origin'
    },
  },
  cloudfront: {
    header: 'x-cache',
    read: (value) => {
      const match = /^\s*(\w+) from cloudfront\b/i.exec(value)
      return (match && cloudfrontResults[(match[1] ?? '').toLowerCase()]) || 'unknown'
    },
  },
  akamai: {
    header: 'x-cache',
    requestHeaders: { Pragma: 'akamai-x-cache-on' },
    // "TCP_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/...) (-)"
    read: (value) => akamaiResults[(value.trim().split(/\s/)[0] ?? '').toUpperCase()] ?? 'unknown',
  },
  bunny: {
    header: 'cdn-cache',
    read: (value) => bunnyStatuses[value.trim().toUpperCase()] ?? 'unknown',
  },
  'front-door': {
    header: 'x-cache',
    read: (value) => frontDoorStatuses[value.trim().toUpperCase()] ?? 'unknown',
  },
}

/**
 * For a provider that names no style: the first status header found, read by the style that
 * uses it (`x-cache` told apart by its values), then RFC 9211 `Cache-Status`.
 */
function readAnyStyle(headers: Headers): { header: string; value: string; served: Served } | undefined {
  for (const style of [cacheStatusStyles.cloudflare, cacheStatusStyles.bunny]) {
    const value = headerValue(headers, style.header)
    if (value !== undefined) return { header: style.header, value, served: style.read(value) }
  }
  const xCache = headerValue(headers, 'x-cache')
  if (xCache !== undefined) {
    const served = [cacheStatusStyles.akamai, cacheStatusStyles.cloudfront, cacheStatusStyles.fastly]
      .map((style) => style.read(xCache))
      .find((each) => each !== 'unknown')
    return { header: 'x-cache', value: xCache, served: served ?? 'unknown' }
  }
  const cacheStatus = headerValue(headers, 'cache-status')
  if (cacheStatus !== undefined) return { header: 'cache-status', value: cacheStatus, served: readRfc9211(cacheStatus) }
  return undefined
}

/** RFC 9211 `Cache-Status: OriginCache; hit, EdgeCache; fwd=uri-miss`: a hit anywhere is a copy. */
export function readRfc9211(value: string): Served {
  const caches = entries(value).map((entry) => entry.split(';').slice(1).map((parameter) => parameter.trim().toLowerCase()))
  if (caches.some((parameters) => parameters.includes('hit'))) return 'cache'
  const forwards = caches.flatMap((parameters) => parameters.filter((parameter) => parameter.startsWith('fwd=')).map((parameter) => parameter.slice(4)))
  if (forwards.length === 0) return 'unknown'
  return forwards.every((reason) => reason === 'bypass') ? 'not-cached' : 'origin'
}

type Headers = Record<string, string | string[] | undefined>

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name]
  const text = Array.isArray(value) ? value.join(', ') : value
  return text === undefined || text.trim() === '' ? undefined : text.trim()
}

export interface CacheReading {
  /** The status header read, lower case; undefined when the answer has none. */
  header: string | undefined
  /** Its value as sent. */
  status: string | null
  /** `Age` in whole seconds, when the answer has a valid one. */
  age: number | null
  served: Served
}

/** Reads an answer's headers (lower-case names) with a provider's style, or any known one. */
export function readCacheStatus(style: CacheStatusStyleName | undefined, headers: Headers): CacheReading {
  const ageText = headerValue(headers, 'age')?.split(',')[0]?.trim()
  const age = ageText !== undefined && /^\d+$/.test(ageText) ? Number(ageText) : null
  if (style === undefined) {
    const found = readAnyStyle(headers)
    return { header: found?.header, status: found?.value ?? null, age, served: found?.served ?? 'unknown' }
  }
  const { header, read } = cacheStatusStyles[style]
  const value = headerValue(headers, header)
  return { header: value === undefined ? undefined : header, status: value ?? null, age, served: value === undefined ? 'unknown' : read(value) }
}

/**
 * `Age` is whole seconds, and the purge was accepted somewhere between sending it and reading
 * the answer; a copy up to this much older than the time since then still counts as newer.
 */
export const ageToleranceSeconds = 1

/**
 * Fresh: the answer came from the origin (MISS, EXPIRED, REVALIDATED...), or from a copy whose
 * `Age` is no older than the time since the purge was accepted. Stale: a copy older than that.
 * A stored copy without `Age` cannot be dated: unknown.
 */
export function judge(reading: CacheReading, secondsSincePurge: number): CacheVerdict {
  if (reading.served === 'origin') return 'fresh'
  if (reading.served === 'not-cached') return 'not-cached'
  if (reading.age === null) return 'unknown'
  return reading.age <= secondsSincePurge + ageToleranceSeconds ? 'fresh' : 'stale'
}
