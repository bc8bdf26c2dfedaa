import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBunnyEmulator, type BunnyEmulator, type BunnyEmulatorOptions } from '../emulators/bunny.js'
import { result, runAction } from './run-action.js'

const token = 'bunny-e2e-account-key-0123456789'

let bunny: BunnyEmulator
async function start(options: BunnyEmulatorOptions = {}) {
  bunny = await startBunnyEmulator({ accessKey: token, ...options })
}
beforeEach(async () => {
  await start()
})
afterEach(async () => {
  await bunny.close()
})

const inputs = (more: Record<string, string>) => ({ provider: 'bunny', token, 'api-url': bunny.url, ...more })
const urls = (count: number, host = 'cdn.example.com') => Array.from({ length: count }, (_, index) => `https://${host}/p/${index}.html`)

describe('Bunny end to end', () => {
  it('purges each URL with its own request: exact, a page ending in / (exactPath), and a trailing * (prefix)', async () => {
    const run = await runAction(inputs({ paths: 'https://cdn.example.com/a.css?v=2\nhttps://cdn.example.com/blog/\nhttps://myzone.b-cdn.net/img/*' }))
    expect(run.exitCode).toBe(0)
    expect(bunny.requests.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.query)} ${request.rawBody}`).sort()).toEqual([
      'POST /purge {"url":"https://cdn.example.com/a.css?v=2","async":"false"} ',
      'POST /purge {"url":"https://cdn.example.com/blog/","async":"false","exactPath":"true"} ',
      'POST /purge {"url":"https://myzone.b-cdn.net/img/*","async":"false"} ',
    ])
    expect(bunny.requests.every((request) => request.headers.accesskey === token)).toBe(true)
    expect(bunny.purges.map((purge) => [purge.url, purge.bucket]).sort()).toEqual([
      ['https://cdn.example.com/a.css?v=2', 'exact'],
      ['https://cdn.example.com/blog/', 'prefix'],
      ['https://myzone.b-cdn.net/img/*', 'prefix'],
    ])
    expect(run.outputs).toMatchObject({ purged: '3', failed: '0', requests: '3', ids: '[]' })
    expect(result(run).batches.map((batch) => [batch.target, batch.kind, batch.items, batch.status])).toEqual([
      ['cdn.example.com', 'urls', ['https://cdn.example.com/a.css?v=2'], 'purged'],
      ['cdn.example.com', 'index-pages', ['https://cdn.example.com/blog/'], 'purged'],
      ['myzone.b-cdn.net', 'prefixes', ['https://myzone.b-cdn.net/img/*'], 'purged'],
    ])
    expect(run.summary).toContain('## CDN purge: Bunny')
    expect(run.summary).toContain('**Totals:** 3 purged, 0 failed, 3 requests')
  })

  it('purges each cache tag with its own purgeCache request on the pull zone', async () => {
    const run = await runAction(inputs({ keys: 'product-1\nproduct-2', 'pull-zone': '12345' }))
    expect(run.exitCode).toBe(0)
    expect(bunny.requests.map((request) => [request.path, request.headers['content-type'], request.body])).toEqual([
      ['/pullzone/12345/purgeCache', 'application/json', { CacheTag: 'product-1' }],
      ['/pullzone/12345/purgeCache', 'application/json', { CacheTag: 'product-2' }],
    ])
    expect(result(run).targets).toEqual(['pull zone 12345'])
    expect(run.outputs).toMatchObject({ purged: '2', requests: '2' })
  })

  it.each([204, 200] as const)('purges the whole pull zone for scope: all with no body, answered %i', async (status) => {
    await bunny.close()
    await start({ purgeCacheStatus: status })
    const run = await runAction(inputs({ scope: 'all', 'pull-zone': '12345' }))
    expect(run.exitCode).toBe(0)
    expect(bunny.requests.map((request) => [request.path, request.rawBody])).toEqual([['/pullzone/12345/purgeCache', '']])
    expect(bunny.purges).toEqual([{ kind: 'all', pullZoneId: 12345 }])
    expect(run.outputs).toMatchObject({ purged: '1', failed: '0', requests: '1' })
  })

  it("paces 1,000 URLs and 30 prefixes to Bunny's buckets: all purged, not one 429", async () => {
    // Both sides run Bunny's documented buckets 25 times faster: the same test, in seconds.
    await bunny.close()
    await start({ timeScale: 25 })
    const prefixes = Array.from({ length: 30 }, (_, index) => `https://cdn.example.com/section-${index}/*`)
    const run = await runAction(inputs({ paths: [...urls(1_000), ...prefixes].join('\n') }), { env: { CDN_PURGE_TIME_SCALE: '25' } })
    expect(run.exitCode).toBe(0)
    expect(bunny.rateLimited).toHaveLength(0)
    expect(bunny.purges.filter((purge) => purge.bucket === 'exact')).toHaveLength(1_000)
    expect(bunny.purges.filter((purge) => purge.bucket === 'prefix')).toHaveLength(30)
    expect(run.outputs).toMatchObject({ purged: '1030', failed: '0', requests: '1030' })
    expect(result(run).batches.every((batch) => batch.attempts === 1)).toBe(true)
  })

  it('a list sent faster than the buckets allow does run into 429s (and retries them)', async () => {
    // The control for the test above: the emulator refills at 25 a second, the action barely waits.
    await bunny.close()
    await start({ timeScale: 5 })
    const run = await runAction(inputs({ paths: urls(150).join('\n') }), { env: { CDN_PURGE_TIME_SCALE: '5000' } })
    expect(bunny.rateLimited.length).toBeGreaterThan(0)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ purged: '150', failed: '0', requests: '150' })
  })

  it('stops at the timeout when the rate limit leaves no time, and says what was not sent', async () => {
    const run = await runAction(inputs({ paths: urls(130).join('\n'), timeout: '2' }))
    expect(run.exitCode).toBe(1)
    expect(run.actionMs).toBeLessThan(2_000 + 2_000)
    expect(bunny.rateLimited).toHaveLength(0)
    const purged = bunny.purges.length
    expect(purged).toBeGreaterThanOrEqual(108)
    expect(purged).toBeLessThan(130)
    expect(run.outputs).toMatchObject({ purged: String(purged), failed: String(130 - purged), requests: String(purged) })
    expect(run.errors[0]).toBe(
      `${130 - purged} of 130 items were not purged (${purged} purged): ${130 - purged} urls on cdn.example.com: not sent: paced to the API's rate limit, its turn would come after the timeout`,
    )
  })

  it('dry-run prints the exact requests and sends none', async () => {
    const run = await runAction(inputs({ token: '', paths: 'https://cdn.example.com/a%20b.css', keys: 'k', 'pull-zone': '12345', 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(bunny.requests).toHaveLength(0)
    expect(run.stdout).toContain(`POST ${bunny.url}/purge?url=https%3A%2F%2Fcdn.example.com%2Fa%2520b.css&async=false\n`)
    expect(run.stdout).toContain(`POST ${bunny.url}/pullzone/12345/purgeCache {"CacheTag":"k"}`)
  })

  it('rejects relative paths, a pull zone name, an oversized tag, soft, base-url and a batch-size over 1, all at once', async () => {
    const run = await runAction(
      inputs({
        paths: '/a.css\nhttps://cdn.example.com/ok',
        keys: 'x'.repeat(1_025),
        'pull-zone': 'my-zone',
        soft: 'true',
        'base-url': 'https://cdn.example.com',
        'batch-size': '10',
      }),
    )
    expect(run.exitCode).toBe(1)
    expect(bunny.requests).toHaveLength(0)
    expect(run.errors[0]?.split('\n').sort()).toEqual([
      'input base-url: does not apply to provider bunny; it is for cloudflare, fastly',
      'input batch-size: at most 1 for tags on Bunny, got 10',
      'input batch-size: at most 1 for urls on Bunny, got 10',
      `input keys: a Bunny cache tag (CDN-Tag) is at most 1024 bytes, got "${'x'.repeat(200)}..."`,
      'input paths: Bunny purges absolute URLs on your pull zone\'s hostnames, such as https://myzone.b-cdn.net/a.css or https://cdn.example.com/img/*, got "/a.css"',
      'input pull-zone: expected the numeric ID of a pull zone (not its name, and not a storage zone), got "my-zone"',
      'input soft: does not apply to provider bunny; it is for fastly, akamai',
    ])
  })

  it('needs pull-zone for keys and for scope: all', async () => {
    const keys = await runAction(inputs({ keys: 'product-1' }))
    expect(keys.errors).toEqual(["input pull-zone: required for keys on Bunny; give the pull zone ID (a number, in the pull zone's dashboard URL)"])
    const all = await runAction(inputs({ scope: 'all' }))
    expect(all.errors).toEqual(["input pull-zone: required for scope: all on Bunny; give the pull zone ID (a number, in the pull zone's dashboard URL)"])
    expect(bunny.requests).toHaveLength(0)
  })
})

describe('Bunny faults', () => {
  it("passes Bunny's pullZone.not_found on through, for a URL no pull zone serves, without retrying", async () => {
    const run = await runAction(inputs({ paths: 'https://www.elsewhere.org/a.css' }))
    expect(run.exitCode).toBe(1)
    expect(bunny.requests).toHaveLength(1)
    expect(run.errors[0]).toBe(
      '1 of 1 items were not purged (0 purged): 1 urls on www.elsewhere.org: HTTP 404, Bunny error pullZone.not_found: The requested Pull Zone was not found (field PullZone); no pull zone of this account serves that hostname (purge the pull zone hostname or a custom hostname added to it)',
    )
  })

  it('names the likely mix-up on an unknown pull zone', async () => {
    const run = await runAction(inputs({ scope: 'all', 'pull-zone': '999' }))
    expect(run.errors[0]).toContain('HTTP 404, Bunny error pullZone.not_found: The requested Pull Zone was not found (field PullZone); check pull-zone: the ID of a pull zone of this account, not a storage zone')
  })

  it('explains a 401 (a storage zone password is not the account API key), and never shows the key', async () => {
    await bunny.close()
    await start({ accessKey: 'the-real-account-key-42', echoToken: true })
    const run = await runAction(inputs({ paths: 'https://cdn.example.com/a' }))
    expect(run.exitCode).toBe(1)
    expect(bunny.requests).toHaveLength(1)
    expect(run.errors[0]).toBe(
      "1 of 1 items were not purged (0 purged): 1 urls on cdn.example.com: HTTP 401, Bunny: Invalid AccessKey '***'; token must be the account API key (Bunny dashboard, Account settings, API key), not a storage zone password, and pull-zone a pull zone ID, not a storage zone ID",
    )
  })

  it.each([
    ['a 429 without Retry-After', { status: 429 }],
    ['a 500', { status: 500 }],
    ['a connection reset', { reset: true as const }],
  ])('retries %s and purges', async (_name, fault) => {
    bunny.faults.push(fault)
    const run = await runAction(inputs({ paths: 'https://cdn.example.com/a' }))
    expect(run.exitCode).toBe(0)
    expect(bunny.requests).toHaveLength(2)
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
  })

  it('does not retry a 400, in Bunny\'s words', async () => {
    bunny.faults.push({ status: 400, body: JSON.stringify({ ErrorKey: 'purge.invalid_url', Field: 'Url', Message: 'The URL is invalid' }) })
    const run = await runAction(inputs({ keys: 'k', 'pull-zone': '12345', 'fail-on-error': 'false' }))
    expect(run.exitCode).toBe(0)
    expect(bunny.requests).toHaveLength(1)
    expect(run.warnings[0]).toContain('HTTP 400, Bunny error purge.invalid_url: The URL is invalid (field Url)')
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1', requests: '1' })
  })
})
