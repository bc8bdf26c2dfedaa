import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startCloudflareEmulator, type CloudflareEmulator } from '../emulators/cloudflare.js'
import { cloudflarePurge, startEdge, type Edge, type EdgeOptions } from '../emulators/edge.js'
import { result, runAction, type ActionRun } from './run-action.js'
import { makeThrowawayCa, startConnectProxy, type ConnectProxy, type ThrowawayCa } from './site-network.js'

/**
 * Verify and warm, run as users will: the bundled action purges through the Cloudflare emulator
 * (loopback, NO_PROXY), then requests the site's https:// URLs through HTTPS_PROXY (a CONNECT
 * proxy on loopback) from an edge emulator whose certificate a throwaway CA signed
 * (NODE_EXTRA_CA_CERTS). The edge drops its copies when the API accepts a purge, after a delay,
 * or never.
 */

const token = 'cf-test-token-0123456789'
const zoneId = '0123456789abcdef0123456789abcdef'

let ca: ThrowawayCa
let cf: CloudflareEmulator | undefined
let edge: Edge | undefined
let proxy: ConnectProxy | undefined

beforeAll(() => {
  ca = makeThrowawayCa(['example.com'])
})

afterEach(async () => {
  await Promise.all([cf?.close(), edge?.close(), proxy?.close()])
  cf = edge = proxy = undefined
})

/** The API, the edge (in the given style of behaviour) and the proxy, wired together. */
async function site(options: Partial<EdgeOptions> = {}) {
  const started = await startEdge({ style: 'cloudflare', tls: ca, ...options })
  edge = started
  proxy = await startConnectProxy(['example.com'], () => started.port)
  cf = await startCloudflareEmulator({
    token,
    zones: [{ id: zoneId, name: 'example.com' }],
    onPurge: (accepted, zone) => started.purge(cloudflarePurge(accepted.body, zone.name)),
  })
  return { edge: started, proxy, cf }
}

function run(inputs: Record<string, string>): Promise<ActionRun> {
  if (!cf || !proxy) throw new Error('call site() first')
  return runAction(
    { provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, ...inputs },
    { env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost', NODE_EXTRA_CA_CERTS: ca.caFile } },
  )
}

/** No site request, and no CONNECT, carries anything of the provider's credentials. */
function expectNoCredentialSent(): void {
  const credentialHeaders = ['authorization', 'x-auth-key', 'x-auth-email', 'proxy-authorization', 'cookie']
  for (const request of edge?.requests ?? []) {
    for (const name of credentialHeaders) expect(request.headers[name], `${name} on ${request.url}`).toBeUndefined()
    expect(JSON.stringify(request.headers)).not.toContain(token)
    expect(request.url).not.toContain(token)
  }
  expect(JSON.stringify(proxy?.connectHeaders ?? [])).not.toContain(token)
}

function expectNothingRequested(): void {
  expect(cf?.requests ?? []).toEqual([])
  expect(edge?.requests ?? []).toEqual([])
  expect(proxy?.connects ?? []).toEqual([])
}

const page = (path: string) => `https://www.example.com${path}`

describe('verify', () => {
  it('confirms a purge at once: each sampled URL answers MISS through the proxy, the API not proxied', async () => {
    await site({ uncached: ['/api/status'] })
    const purged = [page('/'), page('/app.css'), page('/api/status')]
    const run1 = await run({ paths: purged.join('\n'), verify: 'true' })
    expect(run1.exitCode).toBe(0)
    expect(run1.outputs).toMatchObject({ purged: '3', verified: '2', stale: '0', warmed: '0' })
    expect(result(run1).verification).toEqual([
      { url: page('/'), header: 'cf-cache-status', status: 'MISS', age: null, verdict: 'fresh', checks: 1, error: null },
      { url: page('/app.css'), header: 'cf-cache-status', status: 'MISS', age: null, verdict: 'fresh', checks: 1, error: null },
      { url: page('/api/status'), header: 'cf-cache-status', status: 'DYNAMIC', age: null, verdict: 'not-cached', checks: 1, error: null },
    ])
    expect(edge?.requests.map((request) => [request.method, request.url, request.headers.host])).toEqual(purged.map((url) => ['GET', url, 'www.example.com']))
    // Concurrent requests may each open a tunnel; every one is to the site.
    expect(proxy?.connects.length).toBeGreaterThan(0)
    expect(new Set(proxy?.connects)).toEqual(new Set(['www.example.com:443']))
    expect(proxy?.plainRequests).toEqual([])
    expect(cf?.requests).toHaveLength(1)
    expect(run1.summary).toContain('### Verification')
    expect(run1.summary).toContain('**Checked:** 3 URLs in')
    expect(run1.summary).toContain('<tr><td>https://www.example.com/api/status</td><td>cf-cache-status: DYNAMIC</td><td></td><td>not-cached</td></tr>')
    expect(run1.stdout).toContain('fresh https://www.example.com/app.css (cf-cache-status: MISS, age -, 1 check)')
    expect(run1.stdout).toMatch(/::group::Verify: 3 URLs checked in \d+(\.\d)? s: 2 fresh, 1 not-cached\n/)
    // The purge's own lines come first, then what verify found.
    expect(run1.stdout.indexOf(`::group::Cloudflare ${zoneId}`)).toBeLessThan(run1.stdout.indexOf('::group::Verify'))
    expect(run1.warnings).toEqual([])
    expectNoCredentialSent()
  })

  it('waits out propagation: a stale answer is checked again until the copy is gone', async () => {
    await site({ propagationMs: 1_500 })
    const run1 = await run({ paths: page('/index.html'), verify: 'true' })
    expect(run1.exitCode).toBe(0)
    const [entry] = result(run1).verification
    expect(entry).toMatchObject({ url: page('/index.html'), status: 'MISS', verdict: 'fresh' })
    expect(entry?.checks).toBeGreaterThanOrEqual(2)
    expect(edge?.requests[0]).toMatchObject({ cacheStatus: 'HIT', age: expect.any(Number) })
    expect(edge?.requests.at(-1)).toMatchObject({ cacheStatus: 'MISS' })
    expect(run1.stdout).toMatch(/verify: 1 of 1 URLs still served from a copy older than the purge \(https:\/\/www\.example\.com\/index\.html: cf-cache-status: HIT, age 3\d\d\d\); checking again in 1 s/)
    expect(run1.outputs).toMatchObject({ verified: '1', stale: '0' })
    expectNoCredentialSent()
  })

  it('fails the step when the API said success and the edge still serves the old copy at the deadline', async () => {
    await site({ propagationMs: 'never' })
    const run1 = await run({ paths: `${page('/a')}\n${page('/b')}`, verify: 'true', timeout: '4' })
    expect(run1.exitCode).toBe(1)
    expect(run1.durationMs).toBeLessThan(4_000 + 3_000)
    expect(run1.outputs).toMatchObject({ purged: '2', failed: '0', verified: '0', stale: '2' })
    expect(run1.errors).toHaveLength(1)
    expect(run1.errors[0]).toMatch(
      /^2 of 2 checked URLs are still served from a copy older than the purge after \d+(\.\d)? s: https:\/\/www\.example\.com\/a \(cf-cache-status: HIT, age 36\d\d\); https:\/\/www\.example\.com\/b \(cf-cache-status: HIT, age 36\d\d\)$/,
    )
    expect(result(run1).verification.every((entry) => entry.verdict === 'stale' && entry.checks >= 3)).toBe(true)
    expect(run1.summary).toContain('<td>https://www.example.com/a</td><td>cf-cache-status: HIT</td>')
    // The totals time the purge; the verification has its own.
    const purgeSeconds = Number(/\*\*Totals:\*\* 2 purged, 0 failed, 1 requests in (\d+(?:\.\d)?) s/.exec(run1.summary)?.[1])
    const checkSeconds = Number(/\*\*Checked:\*\* 2 URLs in (\d+(?:\.\d)?) s: 2 stale/.exec(run1.summary)?.[1])
    expect(purgeSeconds).toBeLessThan(checkSeconds)
    expectNoCredentialSent()
  })

  it.each([
    ['verify: warn', { verify: 'warn' }],
    ['fail-on-error: false', { verify: 'true', 'fail-on-error': 'false' }],
  ])('only warns about a purge that never took with %s', async (_name, more) => {
    await site({ propagationMs: 'never' })
    const run1 = await run({ paths: page('/a'), timeout: '2', ...more })
    expect(run1.exitCode).toBe(0)
    expect(run1.errors).toEqual([])
    expect(run1.warnings).toHaveLength(1)
    expect(run1.warnings[0]).toMatch(/^1 of 1 checked URLs are still served from a copy older than the purge after .*https:\/\/www\.example\.com\/a \(cf-cache-status: HIT/)
    expect(run1.outputs).toMatchObject({ verified: '0', stale: '1' })
  })

  it('checks a sample spread over the batches, at most verify-sample URLs', async () => {
    await site()
    const urls = Array.from({ length: 75 }, (_, index) => page(`/p/${index}`))
    const run1 = await run({ paths: urls.join('\n'), verify: 'true', 'verify-sample': '5' })
    expect(run1.exitCode).toBe(0)
    const checked = edge?.requests.map((request) => Number(new URL(request.url).pathname.split('/')[2])) ?? []
    expect(checked).toHaveLength(5)
    expect(new Set(checked).size).toBe(5)
    // Batches of 30, 30 and 15: each gets a share.
    expect([checked.filter((index) => index < 30), checked.filter((index) => index >= 30 && index < 60), checked.filter((index) => index >= 60)].map((each) => each.length)).toEqual([2, 2, 1])
    expect(run1.outputs).toMatchObject({ purged: '75', verified: '5', stale: '0' })
  })

  it('checks verify-urls after a prefix purge, and after a tag purge', async () => {
    await site({ tags: { '/release-notes': ['release'], '/about': ['team'] } })
    const afterPrefix = await run({ prefixes: 'www.example.com/blog/', verify: 'true', 'verify-urls': `${page('/blog/')}, ${page('/blog/post-1')}` })
    expect(afterPrefix.exitCode).toBe(0)
    expect(result(afterPrefix).verification.map((entry) => [entry.url, entry.verdict])).toEqual([
      [page('/blog/'), 'fresh'],
      [page('/blog/post-1'), 'fresh'],
    ])

    // A verify-url the tag does not cover is, truthfully, still the old copy.
    const afterTag = await run({ keys: 'release', verify: 'warn', 'verify-urls': `${page('/release-notes')}\n${page('/about')}`, timeout: '3' })
    expect(afterTag.exitCode).toBe(0)
    expect(result(afterTag).verification.map((entry) => [entry.url, entry.verdict])).toEqual([
      [page('/release-notes'), 'fresh'],
      [page('/about'), 'stale'],
    ])
    expect(afterTag.warnings[0]).toMatch(/^1 of 2 checked URLs are still served from a copy older than the purge .*https:\/\/www\.example\.com\/about/)
    expectNoCredentialSent()
  })

  it.each([
    ['a tag purge without verify-urls', { keys: 'release', verify: 'true' }, /^input verify-urls: verify needs URLs to check, and this purge names none \(it purges tags\)/],
    ['a prefix purge without verify-urls', { paths: `${page('/blog/')}*`, verify: 'true' }, /^input verify-urls: verify needs URLs to check, and this purge names none \(it purges prefixes\)/],
    ['scope: all without verify-urls', { scope: 'all', verify: 'warn' }, /^input verify-urls: verify needs URLs to check, and this purge names none \(it purges everything\)/],
    ['a verify-url off the purged site', { zone: 'example.com', keys: 'release', verify: 'true', 'verify-urls': 'https://www.example.net/' }, /^input verify-urls: "https:\/\/www\.example\.net\/" is not on a host this purge covers \(example\.com and its subdomains\)/],
  ])('rejects %s before sending anything', async (_name, inputs, error) => {
    await site()
    const run1 = await run(inputs)
    expect(run1.exitCode).toBe(1)
    expect(run1.errors).toHaveLength(1)
    expect(run1.errors[0]).toMatch(error)
    expectNothingRequested()
  })
})

describe('warm', () => {
  it('requests every purged variant once, with its headers, after verifying them', async () => {
    await site({ statuses: { '/gone': 404 } })
    const run1 = await run({
      paths: `${page('/')}\n${page('/gone')}`,
      'purge-headers': 'CF-Device-Type: mobile, desktop, tablet\nAccept-Language: en, de',
      verify: 'true',
      warm: 'true',
    })
    expect(run1.exitCode).toBe(0)
    expect(run1.outputs).toMatchObject({ purged: '12', verified: '12', stale: '0', warmed: '6' })
    const warmed = edge?.requests.slice(12) ?? []
    expect(warmed.filter((request) => request.url === page('/')).map((request) => `${request.variant.device} ${request.variant.language}`).sort()).toEqual([
      'desktop de',
      'desktop en',
      'mobile de',
      'mobile en',
      'tablet de',
      'tablet en',
    ])
    // Verification refetched every variant (MISS), so warming finds each one cached.
    expect(warmed.filter((request) => request.url === page('/')).every((request) => request.cacheStatus === 'HIT')).toBe(true)
    expect(warmed.every((request) => request.method === 'GET')).toBe(true)
    expect(run1.warnings).toEqual([expect.stringMatching(/^warm: 6 of 12 URLs were not warmed: https:\/\/www\.example\.com\/gone \[CF-Device-Type: mobile, Accept-Language: en\] \(HTTP 404\)/)])
    expect(run1.summary).toMatch(/\*\*Warm:\*\* 6 of 12 URLs warmed in \d+(\.\d)? s, 6 failed/)
    expectNoCredentialSent()
  })

  it('stops at warm-limit', async () => {
    await site()
    const urls = Array.from({ length: 30 }, (_, index) => page(`/w/${index}`))
    const run1 = await run({ paths: urls.join(','), warm: 'true', 'warm-limit': '10' })
    expect(run1.exitCode).toBe(0)
    expect(edge?.requests).toHaveLength(10)
    expect(run1.outputs).toMatchObject({ warmed: '10', verified: '0' })
    expect(run1.summary).toContain('**Warm:** 10 of 10 URLs warmed in')
    expect(run1.summary).toContain('20 more not requested (warm-limit)')
  })
})

describe('dry-run', () => {
  it('says what it would check and warm, and requests nothing, neither API nor site', async () => {
    await site()
    const run1 = await run({ token: '', zone: 'example.com', paths: [page('/a'), page('/b'), page('/c')].join('\n'), verify: 'true', 'verify-sample': '2', warm: 'true', 'dry-run': 'true' })
    expect(run1.exitCode).toBe(0)
    expectNothingRequested()
    expect(run1.outputs).toMatchObject({ requests: '0', verified: '0', stale: '0', warmed: '0' })
    expect(result(run1).verification).toEqual([])
    expect(run1.stdout).toContain('verify (dry run): would check 2 URLs: https://www.example.com/a, https://www.example.com/c')
    expect(run1.summary).toContain('Dry run: would check 2 URLs after the purge.')
    expect(run1.summary).toContain('**Warm (dry run):** would request 3 URLs')
  })
})
