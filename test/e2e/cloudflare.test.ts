import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCloudflareEmulator, type CloudflareEmulator } from '../emulators/cloudflare.js'
import { result, runAction } from './run-action.js'

const token = 'cf-test-token-0123456789'
const comId = '0123456789abcdef0123456789abcdef'
const orgId = 'fedcba9876543210fedcba9876543210'

let cf: CloudflareEmulator
beforeEach(async () => {
  cf = await startCloudflareEmulator({
    token,
    zones: [
      { id: comId, name: 'example.com' },
      { id: orgId, name: 'example.org' },
    ],
  })
})
afterEach(async () => {
  await cf.close()
})

const inputs = (more: Record<string, string>) => ({ provider: 'cloudflare', token, zone: comId, 'api-url': cf.url, ...more })
const purgeRequests = () => cf.requests.filter((request) => request.path.endsWith('/purge_cache'))
const urls = (count: number) => Array.from({ length: count }, (_, index) => `https://example.com/p/${index}.html`)

describe('Cloudflare end to end', () => {
  it('purges 75 URLs in batches of 30/30/15 and reports it truthfully', async () => {
    const run = await runAction(inputs({ paths: urls(75).join('\n') }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests().map((request) => (request.body as { files: string[] }).files.length)).toEqual([30, 30, 15])
    expect(purgeRequests().every((request) => request.path === `/client/v4/zones/${comId}/purge_cache`)).toBe(true)
    expect(purgeRequests().every((request) => request.headers.authorization === `Bearer ${token}`)).toBe(true)
    expect(purgeRequests().every((request) => request.headers['content-type'] === 'application/json')).toBe(true)
    expect(new Set(purgeRequests().flatMap((request) => (request.body as { files: string[] }).files))).toEqual(new Set(urls(75)))
    expect(run.outputs).toMatchObject({ purged: '75', failed: '0', requests: '3' })
    expect(JSON.parse(run.outputs.ids ?? '')).toEqual(cf.purges.map((purge) => purge.id))
    const json = result(run)
    expect(json).toMatchObject({ provider: 'cloudflare', dryRun: false, targets: [comId], purged: 75, failed: 0, requests: 3 })
    expect(json.batches.map((batch) => [batch.kind, batch.items.length, batch.status, batch.attempts])).toEqual([
      ['files', 30, 'purged', 1],
      ['files', 30, 'purged', 1],
      ['files', 15, 'purged', 1],
    ])
    expect(run.summary).toContain('## CDN purge: Cloudflare')
    expect(run.summary).toContain('After push of <code>main</code> at <code>0123456</code>')
    expect(run.summary).toContain('<a href="https://github.com/acme/site/actions/runs/42">workflow run</a>')
    expect(run.summary).toContain('**Totals:** 75 purged, 0 failed, 3 requests')
    expect(run.summary).toContain('<details><summary>Purged items (75)</summary>')
    expect(run.stdout).toContain(`::group::Cloudflare ${comId}: 3 batches`)
    expect(run.stdout.match(/^purged 30 files \(id [0-9a-f]{32}, 1 attempt\)$/gm)).toHaveLength(2)
  })

  it('purges 250 tags as 100/100/50, and hosts and prefixes in their own requests', async () => {
    const tags = Array.from({ length: 250 }, (_, index) => `t${index}`)
    const run = await runAction(inputs({ keys: tags.join(','), hosts: 'www.example.com', prefixes: 'example.com/blog/' }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests().map((request) => request.body)).toEqual([
      { prefixes: ['example.com/blog/'] },
      { hosts: ['www.example.com'] },
      { tags: tags.slice(0, 100) },
      { tags: tags.slice(100, 200) },
      { tags: tags.slice(200) },
    ])
    expect(run.outputs).toMatchObject({ purged: '252', failed: '0', requests: '5' })
  })

  it('looks up a zone given by name, and sends a trailing * as a prefix and relative paths on base-url', async () => {
    const run = await runAction(inputs({ zone: 'example.com', 'base-url': 'https://example.com', paths: '/index.html\n/assets/*' }))
    expect(run.exitCode).toBe(0)
    expect(cf.requests[0]).toMatchObject({ method: 'GET', path: '/client/v4/zones', query: { name: 'example.com' } })
    expect(purgeRequests().map((request) => [request.path, request.body])).toEqual([
      [`/client/v4/zones/${comId}/purge_cache`, { files: ['https://example.com/index.html'] }],
      [`/client/v4/zones/${comId}/purge_cache`, { prefixes: ['example.com/assets/'] }],
    ])
    expect(run.outputs.requests).toBe('2')
  })

  it('fails clearly when a zone name is not found (or the token cannot read zones), sending no purge', async () => {
    const run = await runAction(inputs({ zone: 'example.net', paths: 'https://example.net/a' }))
    expect(run.exitCode).toBe(1)
    expect(purgeRequests()).toHaveLength(0)
    expect(run.errors.join('\n')).toMatch(/zone example\.net: not found, or the token cannot read it \(zone names need the Zone Read permission/)
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1', requests: '0' })
  })

  it('routes URLs to several zones (given by id: names looked up) and tags to every zone', async () => {
    const run = await runAction(inputs({ zone: `${comId}\n${orgId}`, paths: 'https://www.example.com/a\nhttps://example.org/b', keys: 'release' }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests().map((request) => [request.path.split('/')[4], request.body])).toEqual([
      [comId, { files: ['https://www.example.com/a'] }],
      [comId, { tags: ['release'] }],
      [orgId, { files: ['https://example.org/b'] }],
      [orgId, { tags: ['release'] }],
    ])
  })

  it('rejects a URL outside every zone before purging anything', async () => {
    const run = await runAction(inputs({ zone: 'example.com, example.org', paths: 'https://example.net/a' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual(['input paths: "https://example.net/a" belongs to none of the zones example.com, example.org'])
    expect(purgeRequests()).toHaveLength(0)
  })

  it('sends purge-headers variants as {url, headers} objects, one per combination', async () => {
    const run = await runAction(inputs({ paths: 'https://example.com/', 'purge-headers': 'CF-Device-Type: mobile, desktop, tablet\nCF-IPCountry: ES' }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests()[0]?.body).toEqual({
      files: ['mobile', 'desktop', 'tablet'].map((device) => ({ url: 'https://example.com/', headers: { 'CF-Device-Type': device, 'CF-IPCountry': 'ES' } })),
    })
    expect(run.outputs.purged).toBe('3')
  })

  it('purges everything only for scope: all, once per zone', async () => {
    const run = await runAction(inputs({ zone: `${comId},${orgId}`, scope: 'all' }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests().map((request) => request.body)).toEqual([{ purge_everything: true }, { purge_everything: true }])
    expect(run.outputs).toMatchObject({ purged: '2', failed: '0', requests: '2' })
  })

  it('authenticates with the legacy email and Global API key', async () => {
    const globalKey = 'global-key-0123456789abcdef'
    const run = await runAction(inputs({ token: globalKey, email: 'ops@example.com', paths: 'https://example.com/a' }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests()[0]?.headers).toMatchObject({ 'x-auth-email': 'ops@example.com', 'x-auth-key': globalKey })
    expect(purgeRequests()[0]?.headers.authorization).toBeUndefined()
  })

  it('dry-run validates, plans and prints the exact requests, sending none and needing no token', async () => {
    const run = await runAction(inputs({ token: '', zone: 'example.com', paths: urls(31).join(','), 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(cf.requests).toHaveLength(0)
    expect(run.outputs).toMatchObject({ purged: '0', failed: '0', requests: '0' })
    expect(result(run).batches.map((batch) => [batch.kind, batch.items.length, batch.status])).toEqual([
      ['files', 30, 'planned'],
      ['files', 1, 'planned'],
    ])
    expect(run.stdout).toContain(`POST ${cf.url}/zones/{id of example.com}/purge_cache {"files":["https://example.com/p/30.html"]}`)
    expect(run.summary).toContain('## CDN purge: Cloudflare (dry run: nothing was sent)')
    expect(run.summary).toContain('**Planned:** 2 requests, 31 items')
  })

  it('reports every input error at once, one line each, and sends nothing', async () => {
    const run = await runAction(inputs({ zone: 'not a zone!', paths: '/relative.css\nftp://example.com/x', 'batch-size': 'abc', team: 'acme' }))
    expect(run.exitCode).toBe(1)
    expect(cf.requests).toHaveLength(0)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]?.split('\n').sort()).toEqual([
      'input batch-size: expected a whole number from 1 to 100000, got "abc"',
      'input paths: "/relative.css" is not an absolute URL; give base-url (e.g. https://www.example.com) for relative paths, or the full https:// URL',
      'input paths: expected an http(s) URL such as https://www.example.com/a.css, got "ftp://example.com/x"',
      'input team: does not apply to provider cloudflare; it is for edgio',
      'input zone: expected a zone ID (32 hex characters) or a zone name such as example.com, got "not a zone!"',
    ])
  })
})

describe('Cloudflare faults', () => {
  it('retries a 429 with Retry-After and purges', async () => {
    cf.faults.push({ status: 429, headers: { 'Retry-After': '1' } })
    const run = await runAction(inputs({ paths: 'https://example.com/a' }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests()).toHaveLength(2)
    const gap = (purgeRequests()[1]?.at ?? 0) - (purgeRequests()[0]?.at ?? 0)
    expect(gap).toBeGreaterThanOrEqual(950)
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
    expect(run.outputs).toMatchObject({ purged: '1', requests: '1' })
    expect(run.stdout).toMatch(/retrying \/client\/v4\/zones\/[0-9a-f]+\/purge_cache in 1 s \(attempt 1 failed: HTTP 429/)
  })

  it.each([
    ['a 5xx', { status: 502, body: '<html><title>502 Bad Gateway</title></html>' }],
    ['a connection reset', { reset: true as const }],
  ])('retries %s and purges', async (_name, fault) => {
    cf.faults.push(fault)
    const run = await runAction(inputs({ paths: 'https://example.com/a', retries: '1' }))
    expect(run.exitCode).toBe(0)
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
  })

  it('bounds a server that never answers by the timeout, and says what was not purged', async () => {
    for (let index = 0; index < 10; index++) cf.faults.push({ hang: true })
    const run = await runAction(inputs({ paths: 'https://example.com/a', timeout: '2' }))
    expect(run.exitCode).toBe(1)
    expect(run.actionMs).toBeLessThan(2_000 + 2_000)
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1' })
    expect(run.errors[0]).toMatch(/^1 of 1 items were not purged \(0 purged\): 1 files on [0-9a-f]+: no complete answer within/)
  })

  it('fails on success: false with HTTP 200, in the provider\'s words, without retrying', async () => {
    cf.faults.push({ successFalse: { code: 1082, message: 'You can only purge files for this zone' } })
    const run = await runAction(inputs({ paths: 'https://example.com/a' }))
    expect(run.exitCode).toBe(1)
    expect(purgeRequests()).toHaveLength(1)
    expect(run.errors[0]).toContain('HTTP 200, Cloudflare error 1082: You can only purge files for this zone')
  })

  it('fails on a non-JSON 200 (a challenge page is not a purge)', async () => {
    cf.faults.push({ nonJson: true })
    const run = await runAction(inputs({ paths: 'https://example.com/a' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('HTTP 200, not a Cloudflare API answer: Just a moment...')
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1', requests: '1' })
  })

  it('does not retry a 400, and counts a failed batch among good ones', async () => {
    cf.faults.push({ status: 400, body: JSON.stringify({ success: false, errors: [{ code: 1094, message: 'Too many files' }], messages: [], result: null }) })
    const run = await runAction(inputs({ paths: urls(6).join('\n'), 'batch-size': '2' }))
    expect(run.exitCode).toBe(1)
    expect(purgeRequests()).toHaveLength(3)
    expect(run.outputs).toMatchObject({ purged: '4', failed: '2', requests: '3' })
    expect(result(run).batches.map((batch) => batch.status).sort()).toEqual(['failed', 'purged', 'purged'])
    expect(run.errors[0]).toMatch(/^2 of 6 items were not purged \(4 purged\): 2 files on [0-9a-f]+: HTTP 400, Cloudflare error 1094: Too many files$/)
  })

  it('fail-on-error: false turns a failed purge into a warning, outputs still true', async () => {
    cf.faults.push({ status: 403, body: JSON.stringify({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }) })
    const run = await runAction(inputs({ paths: 'https://example.com/a', 'fail-on-error': 'false' }))
    expect(run.exitCode).toBe(0)
    expect(purgeRequests()).toHaveLength(1)
    expect(run.warnings[0]).toContain('HTTP 403, Cloudflare error 10000: Authentication error')
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1', requests: '1' })
  })

  it('never shows the token, even when the API echoes it in an error', async () => {
    await cf.close()
    cf = await startCloudflareEmulator({ token: 'another-token-value', echoToken: true, zones: [{ id: comId, name: 'example.com' }] })
    const run = await runAction(inputs({ paths: 'https://example.com/a' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('***')
    expect(run.stdout).toContain(`::add-mask::${token}`)
  })
})
