import { describe, expect, it } from 'vitest'
import { cacheStatusStyles, judge, readCacheStatus, readRfc9211, type CacheStatusStyleName, type Served } from '../../src/after-purge/cache-status.js'

// Header values as each CDN documents them (sources in src/after-purge/cache-status.ts).
const documented: [CacheStatusStyleName, string, Served][] = [
  // developers.cloudflare.com/cache/concepts/cache-responses
  ['cloudflare', 'HIT', 'cache'],
  ['cloudflare', 'STALE', 'cache'],
  ['cloudflare', 'MISS', 'origin'],
  ['cloudflare', 'EXPIRED', 'origin'],
  ['cloudflare', 'REVALIDATED', 'origin'],
  ['cloudflare', 'UPDATING', 'origin'],
  ['cloudflare', 'BYPASS', 'not-cached'],
  ['cloudflare', 'DYNAMIC', 'not-cached'],
  ['cloudflare', 'NONE/UNKNOWN', 'not-cached'],
  ['cloudflare', 'NONE', 'not-cached'],
  ['cloudflare', 'hit', 'cache'],
  ['cloudflare', 'DEFERRED', 'unknown'],
  // fastly.com/documentation/reference/http/http-headers/X-Cache: HIT or MISS, one per cache
  // on the way with shielding; any HIT means a stored copy answered.
  ['fastly', 'HIT', 'cache'],
  ['fastly', 'MISS', 'origin'],
  ['fastly', 'MISS, MISS', 'origin'],
  ['fastly', 'MISS, HIT', 'cache'],
  ['fastly', 'HIT, MISS', 'cache'],
  ['fastly', 'HIT, HIT', 'cache'],
  ['fastly', 'Hit from cloudfront', 'unknown'],
  // CloudFront: the result types of its standard logs, in x-cache
  ['cloudfront', 'Hit from cloudfront', 'cache'],
  ['cloudfront', 'Miss from cloudfront', 'origin'],
  ['cloudfront', 'RefreshHit from cloudfront', 'origin'],
  ['cloudfront', 'Redirect from cloudfront', 'not-cached'],
  ['cloudfront', 'FunctionGeneratedResponse from cloudfront', 'not-cached'],
  ['cloudfront', 'LambdaGeneratedResponse from cloudfront', 'not-cached'],
  ['cloudfront', 'Error from cloudfront', 'unknown'],
  ['cloudfront', 'LimitExceeded from cloudfront', 'unknown'],
  ['cloudfront', 'Hit from CloudFront', 'cache'],
  ['cloudfront', 'HIT', 'unknown'],
  // techdocs.akamai.com/edge-diagnostics/docs/pragma-headers (Pragma: akamai-x-cache-on)
  ['akamai', 'TCP_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'cache'],
  ['akamai', 'TCP_MEM_HIT from a104-96-220-72.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'cache'],
  ['akamai', 'TCP_IMS_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'cache'],
  ['akamai', 'TCP_NEGATIVE_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'cache'],
  ['akamai', 'TCP_REFRESH_FAIL_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'cache'],
  ['akamai', 'TCP_MISS from a184-51-199-12.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'origin'],
  ['akamai', 'TCP_REFRESH_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'origin'],
  ['akamai', 'TCP_REFRESH_MISS from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'origin'],
  ['akamai', 'TCP_DENIED from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)', 'unknown'],
  // Bunny CDN-Cache
  ['bunny', 'HIT', 'cache'],
  ['bunny', 'MISS', 'origin'],
  ['bunny', 'BYPASS', 'not-cached'],
  // Azure Front Door x-cache (learn.microsoft.com/azure/cdn/cdn-msft-http-debug-headers)
  ['front-door', 'TCP_HIT', 'cache'],
  ['front-door', 'TCP_REMOTE_HIT', 'cache'],
  ['front-door', 'TCP_MISS', 'origin'],
  ['front-door', 'PRIVATE_NOSTORE', 'not-cached'],
  ['front-door', 'CONFIG_NOCACHE', 'not-cached'],
  ['front-door', 'N/A', 'unknown'],
  ['front-door', 'Hit from cloudfront', 'unknown'],
]

describe('cache status readers, with the values each CDN documents', () => {
  it.each(documented)('%s reads %j as %s', (style, value, served) => {
    expect(cacheStatusStyles[style].read(value)).toBe(served)
  })

  it('names the header each CDN uses, and Akamai\'s request header that turns it on', () => {
    expect(Object.fromEntries(Object.entries(cacheStatusStyles).map(([name, style]) => [name, [style.header, style.requestHeaders ?? null]]))).toEqual({
      cloudflare: ['cf-cache-status', null],
      fastly: ['x-cache', null],
      cloudfront: ['x-cache', null],
      akamai: ['x-cache', { Pragma: 'akamai-x-cache-on' }],
      bunny: ['cdn-cache', null],
      'front-door': ['x-cache', null],
    })
  })

  it.each<[string, Served]>([
    // RFC 9211 section 3 examples
    ['ExampleCache; hit', 'cache'],
    ['ExampleCache; fwd=uri-miss', 'origin'],
    ['ExampleCache; fwd=uri-miss; stored', 'origin'],
    ['ExampleCache; fwd=vary-miss; collapsed', 'origin'],
    ['ExampleCache; hit; ttl=-412', 'cache'],
    ['ExampleCache; fwd=stale; fwd-status=304', 'origin'],
    ['OriginCache; hit; ttl=1100, "CDN Company Here"; hit; ttl=545', 'cache'],
    ['OriginCache; hit; ttl=1100, "CDN Company Here"; fwd=uri-miss', 'cache'],
    ['ExampleCache; fwd=bypass', 'not-cached'],
    ['ExampleCache', 'unknown'],
  ])('RFC 9211 Cache-Status %j reads as %s', (value, served) => {
    expect(readRfc9211(value)).toBe(served)
  })
})

describe('readCacheStatus', () => {
  it('reads the style\'s header and Age', () => {
    expect(readCacheStatus('cloudflare', { 'cf-cache-status': 'HIT', age: '3600' })).toEqual({ header: 'cf-cache-status', status: 'HIT', age: 3600, served: 'cache' })
    expect(readCacheStatus('cloudflare', { 'x-cache': 'HIT' })).toEqual({ header: undefined, status: null, age: null, served: 'unknown' })
  })

  it.each<[Record<string, string>, string | undefined, Served]>([
    [{ 'cf-cache-status': 'MISS' }, 'cf-cache-status', 'origin'],
    [{ 'cdn-cache': 'HIT' }, 'cdn-cache', 'cache'],
    [{ 'x-cache': 'TCP_HIT from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)' }, 'x-cache', 'cache'],
    [{ 'x-cache': 'RefreshHit from cloudfront' }, 'x-cache', 'origin'],
    [{ 'x-cache': 'MISS, HIT' }, 'x-cache', 'cache'],
    [{ 'x-cache': 'something else' }, 'x-cache', 'unknown'],
    [{ 'cache-status': 'ExampleCache; fwd=uri-miss' }, 'cache-status', 'origin'],
    [{}, undefined, 'unknown'],
  ])('for a provider without a style, finds %j', (headers, header, served) => {
    const reading = readCacheStatus(undefined, headers)
    expect([reading.header, reading.served]).toEqual([header, served])
  })

  it.each<[string | string[] | undefined, number | null]>([
    ['0', 0],
    ['42', 42],
    [' 7 ', 7],
    [['12', '13'], 12],
    ['-1', null],
    ['1.5', null],
    ['soon', null],
    [undefined, null],
  ])('reads Age %j as %j', (age, expected) => {
    expect(readCacheStatus('fastly', { 'x-cache': 'HIT', age }).age).toBe(expected)
  })
})

describe('judge', () => {
  const reading = (served: Served, age: number | null) => ({ header: 'x', status: 'X', served, age })

  it.each<[string, Served, number | null, number, string]>([
    ['an answer from the origin is fresh, whatever its Age', 'origin', 5000, 2, 'fresh'],
    ['a copy stored after the purge is fresh', 'cache', 3, 10, 'fresh'],
    ['a copy one second older than the purge is within Age\'s rounding', 'cache', 11, 10, 'fresh'],
    ['a copy older than the purge is stale', 'cache', 3600, 10, 'stale'],
    ['a copy without Age cannot be dated', 'cache', null, 10, 'unknown'],
    ['not cached at all is not a failure', 'not-cached', 3600, 10, 'not-cached'],
    ['no status header: Age alone decides (old)', 'unknown', 3600, 10, 'stale'],
    ['no status header: Age alone decides (new)', 'unknown', 0, 10, 'fresh'],
    ['no status header, no Age', 'unknown', null, 10, 'unknown'],
  ])('%s', (_name, served, age, secondsSincePurge, verdict) => {
    expect(judge(reading(served, age), secondsSincePurge)).toBe(verdict)
  })
})
