import { MockAgent } from 'undici'
import { describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import type { Settings } from '../../src/inputs/inputs.js'
import type { CacheStatusStyleName } from '../../src/after-purge/cache-status.js'
import type { Batch, BatchResult, Item, Target } from '../../src/providers/index.js'
import { deviceUserAgents, purgedHosts, isOnPurgedHost, siteUserAgent, variantRequestHeaders } from '../../src/after-purge/site.js'
import { inputErrors, planned, recheckDelayMs, samplePages, verifyAndWarm } from '../../src/after-purge/verify.js'
import { warmRequests } from '../../src/after-purge/warm.js'

const com: Target = { label: 'example.com', id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com' }
const org: Target = { label: 'example.org', id: '9a7806061c88ada191ed06f989cc3dac', name: 'example.org' }
const byId: Target = { label: '023e105f4ecef8ad9ca31a8372d0c353', id: '023e105f4ecef8ad9ca31a8372d0c353' }

const urls = (count: number, host = 'www.example.com') => Array.from({ length: count }, (_, index) => `https://${host}/p/${index}`)
const batch = (target: Target, kind: string, items: Item[]): Batch => ({ target, kind, items })
const purged = (each: Batch, acceptedAt = t0): BatchResult => ({ ...each, status: 'purged', attempts: 1, acceptedAt })

const settings = (more: Partial<Settings> = {}): Settings => ({
  provider: 'cloudflare',
  token: 'cf-test-token-0123456789',
  paths: [],
  keys: [],
  hosts: [],
  prefixes: [],
  cacheHashes: [],
  scope: 'listed',
  zones: ['example.com'],
  baseUrl: undefined,
  purgeHeaders: [],
  email: undefined,
  team: '',
  site: '',
  environment: '',
  wait: false,
  apiUrl: undefined,
  dryRun: false,
  batchSize: undefined,
  timeoutSeconds: 300,
  retries: 0,
  failOnError: true,
  verify: true,
  verifyUrls: [],
  verifySample: 20,
  warm: false,
  warmLimit: 1000,
  service: '',
  pullZone: '',
  distributions: [],
  network: 'production',
  cpCodes: [],
  env: {},
  soft: undefined,
  changedSince: undefined,
  pathMap: '',
  githubToken: '',
  ...more,
})

describe('samplePages', () => {
  it('spreads the sample over the batches, evenly within each, instead of taking the first N', () => {
    const all = urls(75)
    const batches = [batch(com, 'files', all.slice(0, 30)), batch(com, 'files', all.slice(30, 60)), batch(com, 'files', all.slice(60))]
    const sample = samplePages(batches, 5).map(({ page }) => page.url)
    expect(sample).toEqual(['https://www.example.com/p/7', 'https://www.example.com/p/37', 'https://www.example.com/p/67', 'https://www.example.com/p/22', 'https://www.example.com/p/52'])
    const perBatch = (size: number) => {
      const picked = samplePages(batches, size).map(({ batch: from }) => batches.indexOf(from))
      return [0, 1, 2].map((index) => picked.filter((each) => each === index).length)
    }
    expect(perBatch(20)).toEqual([7, 7, 6])
    expect(perBatch(75)).toEqual([30, 30, 15])
    expect(new Set(samplePages(batches, 75).map(({ page }) => page.url)).size).toBe(75)
  })

  it('alternates targets, skips what is not a page, and counts each variant once', () => {
    const batches = [
      batch(com, 'files', urls(4)),
      batch(com, 'files', urls(4, 'cdn.example.com')),
      batch(com, 'tags', ['release']),
      batch(com, 'prefixes', ['www.example.com/blog/']),
      batch(org, 'files', [...urls(2, 'example.org'), { url: 'https://example.org/', headers: { 'CF-Device-Type': 'mobile' } }]),
    ]
    expect(samplePages(batches, 3).map(({ page, batch: from }) => [from.target.label, page.url, page.variant])).toEqual([
      ['example.com', 'https://www.example.com/p/2', {}],
      ['example.org', 'https://example.org/p/1', {}],
      ['example.com', 'https://cdn.example.com/p/2', {}],
    ])
    expect(samplePages(batches, 100)).toHaveLength(11)
    expect(samplePages([batch(com, 'files', ['https://a.example.com/x', 'https://a.example.com/x'])], 5)).toHaveLength(1)
    expect(samplePages([batch(com, 'tags', ['https://looks.like/a-url/*'])], 5)).toEqual([])
  })
})

describe('inputErrors', () => {
  it.each<[string, Partial<Settings>, Batch[], Target[], RegExp[]]>([
    ['URLs to sample', {}, [batch(com, 'files', urls(2))], [com], []],
    ['tags and no verify-urls', {}, [batch(com, 'tags', ['release'])], [com], [/^input verify-urls: verify needs URLs to check, and this purge names none \(it purges tags\)/]],
    ['prefixes and hosts', {}, [batch(com, 'prefixes', ['www.example.com/blog/']), batch(com, 'hosts', ['www.example.com'])], [com], [/it purges prefixes, hosts\)/]],
    ['scope all', {}, [batch(com, 'everything', [])], [com], [/it purges everything\)/]],
    ['warm alone with tags (nothing to check is fine)', { verify: false, warm: true }, [batch(com, 'tags', ['release'])], [com], []],
    ['tags with verify-urls on the zone', { verifyUrls: ['https://www.example.com/'] }, [batch(com, 'tags', ['release'])], [com], []],
    ['a verify-url on a purged URL\'s host', { verifyUrls: ['https://www.example.com/x'] }, [batch(byId, 'files', urls(1))], [byId], []],
    ['a verify-url under a purged prefix\'s host', { verifyUrls: ['https://www.example.com/blog/a'] }, [batch(byId, 'prefixes', ['www.example.com/blog/'])], [byId], []],
    [
      'a verify-url on another host',
      { verifyUrls: ['https://www.example.net/'] },
      [batch(byId, 'files', urls(1))],
      [byId],
      [/^input verify-urls: "https:\/\/www\.example\.net\/" is not on a host this purge covers \(www\.example\.com\); verify and warm request only the purged site$/],
    ],
    ['a verify-url outside the zone', { verifyUrls: ['https://example.org/'] }, [batch(com, 'tags', ['x'])], [com], [/is not on a host this purge covers \(example\.com and its subdomains\)/]],
    ['tags on a zone given by id: any host it may serve', { verifyUrls: ['https://www.example.net/'] }, [batch(byId, 'tags', ['x'])], [byId], []],
  ])('%s', (_name, more, batches, targets, expected) => {
    const errors = inputErrors(settings(more), batches, targets)
    expect(errors).toHaveLength(expected.length)
    expected.forEach((pattern, index) => expect(errors[index]).toMatch(pattern))
  })
})

describe('site requests', () => {
  it('turns purge-headers variants into request headers', () => {
    expect(variantRequestHeaders({})).toEqual({ headers: { 'User-Agent': siteUserAgent }, leftOut: [] })
    expect(variantRequestHeaders({ 'CF-Device-Type': 'mobile', 'Accept-Language': 'zh-CN', 'CF-IPCountry': 'ES' })).toEqual({
      headers: { 'User-Agent': deviceUserAgents.mobile, 'Accept-Language': 'zh-CN' },
      leftOut: ['CF-IPCountry: ES'],
    })
    expect(variantRequestHeaders({ 'cf-device-type': 'Tablet' }).headers['User-Agent']).toMatch(/iPad/)
    expect(variantRequestHeaders({ 'CF-Device-Type': 'desktop' }).headers['User-Agent']).toMatch(/Windows NT/)
  })

  it('knows the purged hosts, when it can', () => {
    const hosts = purgedHosts([batch(byId, 'files', urls(1)), batch(byId, 'hosts', ['img.example.com'])], [byId])
    expect(hosts.known).toBe(true)
    expect(isOnPurgedHost('https://img.example.com/a.png', hosts)).toBe(true)
    expect(isOnPurgedHost('https://example.com/', hosts)).toBe(false)
    expect(isOnPurgedHost('https://evil.example.com.attacker.net/', purgedHosts([batch(com, 'tags', ['x'])], [com]))).toBe(false)
    expect(isOnPurgedHost('https://deep.www.example.com/', purgedHosts([batch(com, 'tags', ['x'])], [com]))).toBe(true)
  })

  it('warms every variant once, with verify-urls after the purged URLs', () => {
    const { requests, leftOut } = warmRequests(
      [
        batch(com, 'files', [
          { url: 'https://www.example.com/', headers: { 'CF-Device-Type': 'mobile', 'CF-IPCountry': 'ES' } },
          { url: 'https://www.example.com/', headers: { 'CF-Device-Type': 'mobile', 'CF-IPCountry': 'FR' } },
          { url: 'https://www.example.com/', headers: { 'CF-Device-Type': 'desktop', 'CF-IPCountry': 'ES' } },
        ]),
        batch(com, 'tags', ['release']),
      ],
      ['https://www.example.com/', 'https://www.example.com/blog/'],
    )
    expect(requests.map((request) => [request.url, request.headers['User-Agent']?.slice(0, 24)])).toEqual([
      ['https://www.example.com/', deviceUserAgents.mobile?.slice(0, 24)],
      ['https://www.example.com/', deviceUserAgents.desktop?.slice(0, 24)],
      ['https://www.example.com/', siteUserAgent.slice(0, 24)],
      ['https://www.example.com/blog/', siteUserAgent.slice(0, 24)],
    ])
    expect(leftOut).toEqual(['CF-IPCountry'])
  })

  it('plans without requesting anything in a dry run', () => {
    const batches = [batch(com, 'files', urls(40))]
    expect(planned(settings({ verifySample: 3, warm: true, warmLimit: 30 }), batches)).toEqual({
      verification: { mode: true, entries: [], durationMs: 0, planned: ['https://www.example.com/p/6', 'https://www.example.com/p/20', 'https://www.example.com/p/33'] },
      warm: { requested: 0, warmed: 0, failures: [], overLimit: 10, durationMs: 0, planned: 30 },
    })
  })
})

const t0 = Date.UTC(2025, 0, 1, 12, 0, 0)

/** A clock whose sleep advances `now` at once and records the wait. */
function fakeClock() {
  const clock = { time: t0, sleeps: [] as number[], now: () => clock.time, sleep: async (ms: number) => void (clock.sleeps.push(ms), (clock.time += ms)) }
  return clock
}

type EdgeAnswer = { status?: number; headers?: Record<string, string> } | 'network error'

/** A site on undici's MockAgent: each path answers from its list, the last answer repeating. */
function mockSite(answers: Record<string, EdgeAnswer[]>) {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const requests: { path: string; method: string; headers: Record<string, string> }[] = []
  const site = agent.get('https://www.example.com')
  for (const [path, list] of Object.entries(answers)) {
    let index = 0
    const intercept = site.intercept({ path, method: 'GET' })
    const next = () => list[Math.min(index++, list.length - 1)] as EdgeAnswer
    intercept
      .reply((options) => {
        requests.push({ path, method: options.method, headers: options.headers as Record<string, string> })
        const answer = next()
        if (answer === 'network error') throw new Error('socket hang up')
        return { statusCode: answer.status ?? 200, data: 'page', responseOptions: { headers: answer.headers ?? {} } }
      })
      .persist()
  }
  return { agent, requests }
}

async function runVerify(answers: Record<string, EdgeAnswer[]>, more: Partial<Settings>, cacheStatus: CacheStatusStyleName = 'cloudflare', timeoutMs = 60_000) {
  const clock = fakeClock()
  const site = mockSite(answers)
  const log: string[] = []
  const deadline = t0 + timeoutMs
  const client = new HttpClient({ deadline, retries: 1, dispatcher: site.agent, now: clock.now, sleep: clock.sleep, random: () => 0.5 })
  const batches = [purged(batch(com, 'files', Object.keys(answers).map((path) => `https://www.example.com${path}`)))]
  const after = await verifyAndWarm({ settings: settings(more), cacheStatus, batches, deadline, log: (line) => log.push(line), client, now: clock.now, sleep: clock.sleep })
  return { after, clock, requests: site.requests, log }
}

const hit = (age: number) => ({ headers: { 'cf-cache-status': 'HIT', age: String(age) } })
const miss = { headers: { 'cf-cache-status': 'MISS' } }

describe('verifyAndWarm', () => {
  it('ends at once when every URL is fresh, and reads the status header and Age', async () => {
    const { after, clock, requests } = await runVerify({ '/a': [miss], '/b': [hit(0)], '/api': [{ headers: { 'cf-cache-status': 'DYNAMIC' } }] }, {})
    expect(after.verification?.entries).toEqual([
      { url: 'https://www.example.com/a', header: 'cf-cache-status', status: 'MISS', age: null, verdict: 'fresh', checks: 1 },
      { url: 'https://www.example.com/b', header: 'cf-cache-status', status: 'HIT', age: 0, verdict: 'fresh', checks: 1 },
      { url: 'https://www.example.com/api', header: 'cf-cache-status', status: 'DYNAMIC', age: null, verdict: 'not-cached', checks: 1 },
    ])
    expect(clock.sleeps).toEqual([])
    expect(requests.every((request) => request.method === 'GET' && request.headers['User-Agent'] === siteUserAgent)).toBe(true)
    expect(requests.flatMap((request) => Object.keys(request.headers).map((name) => name.toLowerCase()))).not.toContain('authorization')
  })

  it('re-checks a stale URL with backoff until it is fresh', async () => {
    const { after, clock, log } = await runVerify({ '/a': [hit(3600), hit(3601), miss], '/b': [miss] }, {})
    expect(after.verification?.entries.map((entry) => [entry.url, entry.verdict, entry.checks])).toEqual([
      ['https://www.example.com/a', 'fresh', 3],
      ['https://www.example.com/b', 'fresh', 1],
    ])
    expect(clock.sleeps).toEqual([1_000, 2_000])
    expect(log[0]).toBe(
      'verify: 1 of 2 URLs still served from a copy older than the purge (https://www.example.com/a: cf-cache-status: HIT, age 3600); checking again in 1 s',
    )
  })

  it('gives up at the deadline, the URL stale, its last reading kept', async () => {
    const { after, clock } = await runVerify({ '/a': [hit(3600)] }, {}, 'cloudflare', 20_000)
    expect(after.verification?.entries).toEqual([{ url: 'https://www.example.com/a', header: 'cf-cache-status', status: 'HIT', age: 3600, verdict: 'stale', checks: 6 }])
    // 1 + 2 + 4 + 8 s, then a last wait cut to leave a second for the last check.
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 4_000])
    expect(clock.time).toBeLessThanOrEqual(t0 + 20_000)
    expect(recheckDelayMs(1)).toBe(1_000)
    expect(recheckDelayMs(10)).toBe(30_000)
  })

  it('reports an URL it got no answer for as unknown, with the reason', async () => {
    const { after } = await runVerify({ '/a': ['network error'], '/b': [{ status: 503 }] }, {})
    expect(after.verification?.entries.map((entry) => [entry.verdict, entry.checks, entry.error])).toEqual([
      ['unknown', 2, expect.stringMatching(/socket hang up/)],
      ['unknown', 2, 'HTTP 503'],
    ])
  })

  it('asks Akamai for its x-cache with the Pragma header', async () => {
    const { after, requests } = await runVerify({ '/a': [{ headers: { 'x-cache': 'TCP_MISS from a184-51-199-12.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)' } }] }, {}, 'akamai')
    expect(requests[0]?.headers.Pragma).toBe('akamai-x-cache-on')
    expect(after.verification?.entries[0]).toMatchObject({ header: 'x-cache', verdict: 'fresh' })
  })

  it('judges verify-urls against their purge, and checks only them', async () => {
    const { after, requests } = await runVerify({ '/a': [hit(3600)], '/b': [miss] }, { verifyUrls: ['https://www.example.com/b'] })
    expect(after.verification?.entries.map((entry) => entry.url)).toEqual(['https://www.example.com/b'])
    expect(requests.map((request) => request.path)).toEqual(['/b'])
  })

  it('warms every URL once, a failure a warning, up to warm-limit', async () => {
    const { after, requests } = await runVerify({ '/a': [miss], '/b': [{ status: 404 }], '/c': [miss] }, { verify: false, warm: true, warmLimit: 2 })
    expect(after.verification).toBeUndefined()
    expect(after.warm).toMatchObject({ requested: 2, warmed: 1, failures: [{ url: 'https://www.example.com/b', error: 'HTTP 404' }], overLimit: 1 })
    expect(requests.map((request) => request.path)).toEqual(['/a', '/b'])
  })

  it('skips both when nothing was purged', async () => {
    const after = await verifyAndWarm({
      settings: settings({ warm: true }),
      cacheStatus: 'cloudflare',
      batches: [{ ...batch(com, 'files', urls(1)), status: 'failed', attempts: 1 }],
      deadline: t0,
      log: () => undefined,
    })
    expect(after.verification?.skipped).toBe('nothing was purged, so nothing was checked')
    expect(after.warm?.skipped).toBe('nothing was purged, so nothing was warmed')
  })
})
