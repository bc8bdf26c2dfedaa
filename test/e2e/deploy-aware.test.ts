import { afterEach, describe, expect, it } from 'vitest'
import { startBunnyEmulator } from '../emulators/bunny.js'
import { startCloudflareEmulator, type CloudflareEmulator } from '../emulators/cloudflare.js'
import { DEFAULT_CREDENTIALS, startCloudFrontEmulator } from '../emulators/cloudfront.js'
import { cloudflarePurge, startEdge } from '../emulators/edge.js'
import { startCloudimageEmulator } from '../emulators/cloudimage.js'
import { startEdgioEmulator } from '../emulators/edgio.js'
import { startFastlyEmulator } from '../emulators/fastly.js'
import { sha, startGithubEmulator, type EmulatedFile, type EmulatedRun, type GithubEmulatorOptions } from '../emulators/github.js'
import type { RecordedRequest } from '../emulators/loopback.js'
import { startOriginEmulator, type OriginEmulatorOptions } from '../emulators/origin.js'
import { result, RUN_GITHUB_TOKEN, runAction, type ActionRun, type RunOptions } from './run-action.js'
import { makeThrowawayCa, startConnectProxy } from './site-network.js'

/**
 * Deploy-aware purging end to end (dist/index.js): origin-check, changed-since: last-success,
 * max-items and the path-map target @all.
 */

const token = 'cf-test-token-0123456789'
const zoneId = '0123456789abcdef0123456789abcdef'
const deployed = sha('deployed')
const short = deployed.slice(0, 7)

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
function closing<T extends { close(): Promise<void> }>(emulator: T): T {
  closers.push(() => emulator.close())
  return emulator
}

async function cloudflare(): Promise<CloudflareEmulator> {
  return closing(await startCloudflareEmulator({ token, zones: [{ id: zoneId, name: 'example.com' }] }))
}
async function origin(options: OriginEmulatorOptions) {
  return closing(await startOriginEmulator(options))
}
async function github(options: GithubEmulatorOptions) {
  return closing(await startGithubEmulator({ token: RUN_GITHUB_TOKEN, ...options }))
}
const cfInputs = (cf: CloudflareEmulator, more: Record<string, string>) => ({ provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, ...more })
const purges = (cf: CloudflareEmulator) => cf.requests.filter((request) => request.path.endsWith('/purge_cache'))
const urls = (count: number) => Array.from({ length: count }, (_, index) => `https://example.com/p/${index}.html`).join('\n')
// Origin-check waits run 10 times faster: 0.1 s, 0.2 s, 0.4 s...
const fast: RunOptions = { env: { GITHUB_SHA: deployed, CDN_PURGE_TIME_SCALE: '10' } }
/** No line of the log starts a workflow command the action did not write itself. */
const injected = (run: ActionRun) => run.stdout.split(/\r\n|\r|\n/).filter((line) => line.startsWith('::error::pwned'))

describe('origin-check', () => {
  it('waits until the origin serves the deployed commit, then purges: the first purge comes after the first matching answer', async () => {
    const cf = await cloudflare()
    const site = await origin({ before: 'build 1111111\n', after: `{"commit":"${deployed}"}`, switchAfterMs: 500 })
    const run = await runAction(cfInputs(cf, { paths: urls(2), 'origin-check': site.url }), fast)
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)

    const firstMatch = site.served.find((answer) => answer.build === 'after')
    expect(site.served[0]?.build).toBe('before')
    expect(firstMatch).toBeDefined()
    expect(site.served.at(-1)).toBe(firstMatch)
    expect(purges(cf)).toHaveLength(1)
    expect(purges(cf)[0]?.at).toBeGreaterThanOrEqual(firstMatch?.at ?? Infinity)

    for (const request of site.requests) {
      expect(request.headers['cache-control']).toBe('no-cache')
      expect(request.headers.authorization).toBeUndefined()
      expect(JSON.stringify(request.headers)).not.toContain(token)
    }
    const checks = run.stdout.split('\n').filter((line) => line.startsWith('origin-check '))
    expect(checks).toHaveLength(site.served.length)
    expect(checks[0]).toBe(
      `origin-check 1: HTTP 200: "build 1111111\\n"; not yet ${short} (the deployed commit, in full or its first 7 characters), checking again in 0.1 s`,
    )
    expect(checks.at(-1)).toMatch(new RegExp(`^origin-check ${checks.length}: ${site.url} answered HTTP 200 with ${short} .*: the origin serves the new build \\(after \\d+(\\.\\d)? s\\)$`))
    expect(run.summary).toMatch(
      new RegExp(`\\*\\*Origin:\\*\\* <code>${site.url}</code> served ${short} \\(the deployed commit, in full or its first 7 characters\\) at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, after ${checks.length} checks \\(\\d+(\\.\\d)? s\\); the purge came after that`),
    )
    expect(run.outputs).toMatchObject({ purged: '2', failed: '0', requests: '1' })
  })

  it('origin-expect: the text to wait for, as written', async () => {
    const cf = await cloudflare()
    const site = await origin({ before: 'release-6', after: 'release-7', switchAfterMs: 200, beforeStatus: 503 })
    const run = await runAction(cfInputs(cf, { paths: urls(1), 'origin-check': site.url, 'origin-expect': 'release-7' }), fast)
    expect(run.exitCode).toBe(0)
    expect(site.served.at(-1)?.build).toBe('after')
    expect(run.stdout).toContain('origin-check 1: HTTP 503: "release-6"; not yet "release-7", checking again in 0.1 s')
    expect(purges(cf)).toHaveLength(1)
  })

  it('never matching: fails within the timeout, purges nothing, and quotes what the origin answered, escaped', async () => {
    const cf = await cloudflare()
    const site = await origin({ before: `build 1111111\r\n::error::pwned ${'x'.repeat(300)}` })
    const run = await runAction(cfInputs(cf, { paths: urls(3), 'origin-check': site.url, timeout: '2', warm: 'true', 'fail-on-error': 'false' }), fast)
    expect(run.exitCode).toBe(1)
    expect(run.durationMs).toBeLessThan(5_000)
    expect(purges(cf)).toHaveLength(0)
    expect(site.served.length).toBeGreaterThanOrEqual(3)
    const quoted = `"build 1111111\\r\\n::error::pwned ${'x'.repeat(200 - 30)}"...`
    expect(run.errors).toEqual([
      `origin-check: ${site.url} did not serve ${short} (the deployed commit, in full or its first 7 characters) within the timeout (${site.served.length} checks in ${run.errors[0]?.match(/checks in ([\d.]+ s)/)?.[1]}); its last answer: HTTP 200: ${quoted}. Nothing was purged: purging before the origin has the new build would refill the cache with the old one.`,
    ])
    expect(injected(run)).toEqual([])
    // fail-on-error: false does not turn it into a warning, and warm requests nothing.
    expect(run.warnings).toEqual([])
    expect(run.outputs).toMatchObject({ purged: '0', failed: '3', requests: '0', warmed: '0' })
    expect(result(run).batches).toMatchObject([{ status: 'skipped', error: 'not sent: the origin did not serve the new build (origin-check)' }])
    expect(run.summary).toContain('Nothing was purged.')
    expect(run.summary).not.toContain('\r')
  })

  it('dry-run: no origin request; the plan says it would wait', async () => {
    const cf = await cloudflare()
    const site = await origin({ before: 'old' })
    const run = await runAction(cfInputs(cf, { paths: urls(2), 'origin-check': site.url, 'dry-run': 'true' }), fast)
    expect(run.exitCode).toBe(0)
    expect(site.requests).toHaveLength(0)
    expect(cf.requests).toHaveLength(0)
    expect(run.stdout).toContain(`origin-check: would request ${site.url} (Cache-Control: no-cache) until it serves ${short} (the deployed commit, in full or its first 7 characters), then purge (dry run: not requested)`)
    expect(run.summary).toContain(`**Origin:** would request <code>${site.url}</code> until it serves ${short} (the deployed commit, in full or its first 7 characters), then purge (dry run: not requested)`)
  })

  it.each([
    [{ 'origin-check': 'origin.example.com/version.txt' }, 'input origin-check: expected an http(s) URL on the origin, such as https://origin.example.com/version.txt, got "origin.example.com/version.txt"'],
    [{ 'origin-check': 'https://deploy:hunter22@origin.example.com/v' }, 'input origin-check: the URL must not carry credentials (user:password@); the origin is requested without any'],
    [{ 'origin-expect': 'v7' }, 'input origin-expect: used only with origin-check (the origin URL whose body must contain it)'],
  ])('bad input %j: one line, nothing requested', async (more, error) => {
    const cf = await cloudflare()
    const run = await runAction(cfInputs(cf, { paths: urls(1), ...more }))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([error])
    expect(cf.requests).toHaveLength(0)
  })
})

describe('changed-since: last-success', () => {
  const workflow = 77
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, 0) + minute * 60_000).toISOString()
  const runOf = (id: number, minute: number, more: Partial<EmulatedRun> = {}): EmulatedRun => ({
    id,
    run_number: id,
    workflow_id: workflow,
    head_branch: 'main',
    head_sha: sha(`run ${id}`),
    conclusion: 'success',
    created_at: at(minute),
    ...more,
  })
  const current = runOf(42, 100, { head_sha: deployed, conclusion: null, status: 'in_progress' })
  const changed: EmulatedFile[] = [
    { filename: 'public/index.html', status: 'modified' },
    { filename: 'public/css/site.css', status: 'modified' },
  ]
  const env = (api: string) => ({ env: { GITHUB_SHA: deployed, GITHUB_API_URL: api, GITHUB_RUN_ID: '42', GITHUB_REF: 'refs/heads/main' } })
  const pathMap = 'public/** => /**'

  it('the base is the newest earlier success: failed, cancelled and newer runs skipped, every page read until it; the summary links the run', async () => {
    const cf = await cloudflare()
    // 130 newer successes (runs that started while this one ran) push the base onto page 2.
    const newer = Array.from({ length: 130 }, (_, index) => runOf(100 + index, 101 + index))
    const runs = [current, ...newer, runOf(41, 99, { conclusion: 'failure' }), runOf(40, 98, { conclusion: 'cancelled' }), runOf(39, 97), runOf(38, 96), runOf(37, 95, { head_branch: 'feature' })]
    const api = await github({ runs, comparisons: [{ base: sha('run 39'), head: deployed, commits: 3, files: changed }] })
    const run = await runAction(cfInputs(cf, { 'changed-since': 'last-success', 'path-map': pathMap, 'base-url': 'https://example.com' }), env(api.url))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(api.requests.map((request) => [request.path, request.query])).toEqual([
      ['/repos/acme/site/actions/runs/42', {}],
      [`/repos/acme/site/actions/workflows/${workflow}/runs`, { branch: 'main', status: 'success', per_page: '100' }],
      [`/repos/acme/site/actions/workflows/${workflow}/runs`, { branch: 'main', status: 'success', per_page: '100', page: '2' }],
      [`/repos/acme/site/compare/${sha('run 39')}...${deployed}`, { per_page: '100' }],
    ])
    expect(purges(cf).map((request) => request.body)).toEqual([{ files: ['https://example.com/index.html', 'https://example.com/css/site.css'] }])
    expect(run.stdout).toContain(`Changed since \`${sha('run 39')}\` (the head of run #39, the last successful run of this workflow on main, ${sha('run 39').slice(0, 7)})`)
    expect(run.summary).toContain(
      `**Base:** <a href="https://github.com/acme/site/actions/runs/39">run #39</a>, the last successful run of this workflow on this branch (created ${at(97)}), at <code>${sha('run 39').slice(0, 7)}</code>`,
    )
  })

  it('no earlier success: an error that suggests a ref, nothing purged', async () => {
    const cf = await cloudflare()
    const api = await github({ runs: [current, runOf(41, 99, { conclusion: 'failure' }), runOf(50, 120)] })
    const run = await runAction(cfInputs(cf, { 'changed-since': 'last-success', 'path-map': pathMap, 'base-url': 'https://example.com' }), env(api.url))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'changed-since: last-success found no successful run of this workflow on main in acme/site before this one (run 42); for a first deploy there is nothing to compare with: give changed-since a commit SHA, tag or branch, or purge with paths or scope: all. Nothing was purged.',
    ])
    expect(cf.requests).toHaveLength(0)
  })

  it('403 without actions: read names the permission', async () => {
    const cf = await cloudflare()
    const api = await github({ runs: [current], actionsRead: false })
    const run = await runAction(cfInputs(cf, { 'changed-since': 'last-success', 'path-map': pathMap, 'base-url': 'https://example.com' }), env(api.url))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      "changed-since: last-success cannot read this run (42): HTTP 403, Resource not accessible by integration (the job's token needs permissions: actions: read, besides contents: read, to read workflow runs)",
    ])
    expect(cf.requests).toHaveLength(0)
  })

  it('on a tag: an input error that points to auto, before any request', async () => {
    const cf = await cloudflare()
    const api = await github({ runs: [current] })
    const run = await runAction(cfInputs(cf, { 'changed-since': 'last-success', 'path-map': pathMap, 'base-url': 'https://example.com' }), {
      env: { ...env(api.url).env, GITHUB_REF: 'refs/tags/v1.2.0' },
    })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      'input changed-since: last-success is for branch deploys (push, workflow_dispatch on a branch), and this run is for "refs/tags/v1.2.0"; on tag and release events use auto, or give a ref',
    ])
    expect(api.requests).toHaveLength(0)
  })
})

describe('max-items', () => {
  it('at the limit: the list is purged', async () => {
    const cf = await cloudflare()
    const run = await runAction(cfInputs(cf, { paths: urls(10), keys: 'a,b', 'max-items': '12' }))
    expect(run.exitCode).toBe(0)
    expect(purges(cf).map((request) => Object.keys(request.body as object))).toEqual([['files'], ['tags']])
    expect(run.notices).toEqual([])
    expect(run.outputs).toMatchObject({ purged: '12' })
  })

  it('one over: everything, once per target, with a notice in the log and the summary (variants do not count)', async () => {
    const cf = await cloudflare()
    const run = await runAction(cfInputs(cf, { paths: urls(10), keys: 'a,b,c', 'purge-headers': 'CF-Device-Type: mobile, desktop', 'max-items': '12' }))
    expect(run.exitCode).toBe(0)
    expect(purges(cf).map((request) => request.body)).toEqual([{ purge_everything: true }])
    const line = 'max-items: 13 items would be purged, more than max-items (12), so everything is purged instead (one purge-everything request)'
    expect(run.notices).toEqual([line])
    expect(run.summary).toContain(`**Purged everything:** ${line}`)
    expect(run.outputs).toMatchObject({ purged: '1', failed: '0', requests: '1' })
    expect(result(run).batches).toMatchObject([{ kind: 'everything', items: [], status: 'purged' }])
  })

  it('the whole summary a user reads after a switch to everything', async () => {
    const cf = await cloudflare()
    const run = await runAction(cfInputs(cf, { paths: urls(3), 'max-items': '2' }))
    expect(run.exitCode).toBe(0)
    expect(run.summary.replace(/\d+(\.\d)? s\b/g, 'T s').replace(/<code>[0-9a-f]{7}<\/code>/, '<code>SHA</code>').replace(/<td>purged<\/td><td>[0-9a-f]{32}<\/td>/, '<td>purged</td><td>ID</td>')).toMatchInlineSnapshot(`
      "## CDN purge: Cloudflare

      After push of <code>main</code> at <code>SHA</code> · <a href="https://github.com/acme/site/actions/runs/42">workflow run</a>

      **Purged everything:** max-items: 3 items would be purged, more than max-items (2), so everything is purged instead (one purge-everything request)

      **Targets:** <code>0123456789abcdef0123456789abcdef</code>

      <table><tr><th>Target</th><th>Kind</th><th>Items</th><th>Status</th><th>ID</th><th>Attempts</th><th>Error</th></tr><tr><td>0123456789abcdef0123456789abcdef</td><td>everything</td><td>everything</td><td>purged</td><td>ID</td><td>1</td><td></td></tr></table>

      **Totals:** 1 purged, 0 failed, 1 requests in T s
      "
    `)
  })

  it('dry-run shows the purge of everything it would send', async () => {
    const cf = await cloudflare()
    const run = await runAction(cfInputs(cf, { paths: urls(5), 'max-items': '4', 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(cf.requests).toHaveLength(0)
    expect(run.stdout).toContain(`POST ${cf.url}/zones/${zoneId}/purge_cache {"purge_everything":true}`)
    expect(run.summary).toContain('**Would purge everything:** max-items: 5 items would be purged, more than max-items (4)')
  })

  it('after the switch, verify and warm still take the URLs the list named', async () => {
    const ca = makeThrowawayCa(['example.com'])
    const edge = closing(await startEdge({ style: 'cloudflare', tls: ca }))
    const proxy = closing(await startConnectProxy(['example.com'], () => edge.port))
    const cf = closing(
      await startCloudflareEmulator({ token, zones: [{ id: zoneId, name: 'example.com' }], onPurge: (accepted, zone) => edge.purge(cloudflarePurge(accepted.body, zone.name)) }),
    )
    const pages = ['https://www.example.com/a', 'https://www.example.com/b', 'https://www.example.com/c']
    const run = await runAction(cfInputs(cf, { paths: pages.join('\n'), 'max-items': '2', verify: 'true', warm: 'true' }), {
      env: { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost', NODE_EXTRA_CA_CERTS: ca.caFile },
    })
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(purges(cf).map((request) => request.body)).toEqual([{ purge_everything: true }])
    expect(run.outputs).toMatchObject({ purged: '1', verified: '3', stale: '0', warmed: '3' })
    expect(result(run).verification.map((entry) => [entry.url, entry.verdict])).toEqual(pages.map((url) => [url, 'fresh']))
  })

  const awsEnv = { AWS_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.secretAccessKey, AWS_SESSION_TOKEN: DEFAULT_CREDENTIALS.sessionToken ?? '' }
  const providers: [string, () => Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }>, (url: string) => Record<string, string>, string[], RunOptions?][] = [
    ['fastly', () => startFastlyEmulator({ tokens: [{ token: 'fastly-token-0123456789', scopes: ['global'] }], services: ['SU1Z0isxPaozGVKXdv0eY'] }), (url) => ({ provider: 'fastly', token: 'fastly-token-0123456789', service: 'SU1Z0isxPaozGVKXdv0eY', paths: 'https://example.com/a\nhttps://example.com/b\nhttps://example.com/c', 'api-url': url }), ['POST /service/SU1Z0isxPaozGVKXdv0eY/purge_all']],
    ['cloudfront', () => startCloudFrontEmulator({ distributions: ['E2QWRUHAPOMQZL', 'E1ABCDEF234567'] }), (url) => ({ provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL, E1ABCDEF234567', paths: '/a\n/b', 'api-url': url }), ['POST /2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation /*', 'POST /2020-05-31/distribution/E1ABCDEF234567/invalidation /*'], { env: awsEnv, secrets: [awsEnv.AWS_SECRET_ACCESS_KEY, awsEnv.AWS_SESSION_TOKEN] }],
    ['bunny', () => startBunnyEmulator({ accessKey: 'bunny-key-0123456789' }), (url) => ({ provider: 'bunny', token: 'bunny-key-0123456789', 'pull-zone': '12345', paths: 'https://cdn.example.com/a\nhttps://cdn.example.com/b\nhttps://cdn.example.com/c', 'api-url': url }), ['POST /pullzone/12345/purgeCache']],
    ['edgio', () => startEdgioEmulator({ token: 'edgio-token-0123456789', team: 'acme', site: 'www', environment: 'production' }), (url) => ({ provider: 'edgio', token: 'edgio-token-0123456789', team: 'acme', site: 'www', environment: 'production', paths: '/a\n/b\n/c', 'api-url': url }), ['POST /api/v1/clear-cache {"team":"acme","site":"www","environment":"production"}']],
    ['cloudimage', () => startCloudimageEmulator({ apiKey: 'cloudimage-key-0123456789' }), (url) => ({ provider: 'cloudimage', token: 'cloudimage-key-0123456789', paths: '/sample.li/a.jpg\n/sample.li/b.jpg\n/sample.li/c.jpg', 'api-url': url }), ['POST /invalidate {"scope":"all"}']],
  ]
  it.each(providers)('%s: past max-items, its own purge of everything', async (_name, start, inputs, expected, options) => {
    const api = closing(await start())
    const run = await runAction({ ...inputs(api.url), 'max-items': '2' }, options)
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    const sent = api.requests
      .filter((request) => request.method === 'POST')
      .map((request) => {
        const paths = [...request.rawBody.matchAll(/<Path>([^<]*)<\/Path>/g)].map((match) => match[1])
        const body = paths.length > 0 ? paths.join(',') : request.rawBody
        return `${request.method} ${request.path}${body ? ` ${body}` : ''}`
      })
    expect(sent.map((line) => line.replace(/^POST \/.*?(\/api\/v1|\/invalidate)/, 'POST $1'))).toEqual(expected)
    expect(run.outputs).toMatchObject({ purged: String(expected.length), failed: '0', requests: String(expected.length) })
    expect(run.notices[0]).toMatch(/^max-items: \d items would be purged, more than max-items \(2\), so everything is purged instead/)
  })

  it.each([
    [{ provider: 'akamai', token: '{"host":"akab-x.luna.akamaiapis.net","client_token":"akab-ct","client_secret":"c2VjcmV0c2VjcmV0","access_token":"akab-at"}', paths: 'https://example.com/a' }, /^input max-items: does not apply to provider akamai; it is for cloudflare, (?!.*akamai)/],
    [{ provider: 'fastly', token: 'fastly-token-0123456789', paths: 'https://example.com/a' }, /^input max-items: past max-items everything is purged, and Fastly cannot do that as configured: input service: required for scope: all on Fastly/],
    [{ provider: 'cloudflare', token, zone: zoneId, scope: 'all' }, /^input max-items: scope: all purges everything already/],
  ])('an input error where it cannot purge everything: %j', async (more, error) => {
    const run = await runAction({ ...more, 'max-items': '1', 'api-url': 'http://127.0.0.1:9' }, { secrets: ['c2VjcmV0c2VjcmV0'] })
    expect(run.exitCode).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(error)
  })
})

describe('path-map @all', () => {
  const before = sha('before')
  const pathMap = 'src/layouts/** => @all\npublic/** => /**'
  const runOn = (api: string): RunOptions => ({ event: { before, after: deployed }, env: { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: deployed, GITHUB_API_URL: api } })
  const inputs = (cf: CloudflareEmulator) => cfInputs(cf, { 'changed-since': 'auto', 'path-map': pathMap, 'base-url': 'https://example.com', 'max-items': '100' })

  it('a changed layout purges everything, and the summary names the file', async () => {
    const cf = await cloudflare()
    const files: EmulatedFile[] = [
      { filename: 'public/a.css', status: 'modified' },
      { filename: 'src/layouts/base.njk', status: 'modified' },
    ]
    const api = await github({ comparisons: [{ base: before, head: deployed, commits: 1, files }] })
    const run = await runAction(inputs(cf), runOn(api.url))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(purges(cf).map((request) => request.body)).toEqual([{ purge_everything: true }])
    const line = 'path-map: "src/layouts/base.njk" changed, and line 1 (src/layouts/** => @all) purges everything, so everything is purged instead of 1 items (one purge-everything request)'
    expect(run.notices).toContain(line)
    expect(run.summary).toContain(`**Purged everything:** ${line.replaceAll('"', '&quot;').replace('=>', '=&gt;')}`)
    expect(run.summary).toMatch(/<td>src\/layouts\/base\.njk<\/td><td>modified<\/td><td>@all<\/td>/)
    expect(run.outputs).toMatchObject({ purged: '1', requests: '1' })
  })

  it('not hit: only what the other rules map', async () => {
    const cf = await cloudflare()
    const api = await github({ comparisons: [{ base: before, head: deployed, commits: 1, files: [{ filename: 'public/a.css', status: 'modified' }] }] })
    const run = await runAction(inputs(cf), runOn(api.url))
    expect(run.exitCode).toBe(0)
    expect(purges(cf).map((request) => request.body)).toEqual([{ files: ['https://example.com/a.css'] }])
    expect(run.notices.some((notice) => notice.includes('@all'))).toBe(false)
  })

  it('on a provider without a purge of everything, @all is an input error before any request', async () => {
    const api = await github({})
    const run = await runAction(
      { provider: 'akamai', token: '{"host":"akab-x.luna.akamaiapis.net","client_token":"akab-ct","client_secret":"c2VjcmV0c2VjcmV0","access_token":"akab-at"}', 'changed-since': 'auto', 'path-map': pathMap, 'api-url': 'http://127.0.0.1:9' },
      { ...runOn(api.url), secrets: ['c2VjcmV0c2VjcmV0'] },
    )
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual(['input path-map: line 1 (src/layouts/** => @all) purges everything, and Akamai cannot purge everything'])
    expect(api.requests).toHaveLength(0)
  })
})
