import { afterEach, describe, expect, it } from 'vitest'
import { startCloudimageEmulator, type CloudimageEmulator, type CloudimageEmulatorOptions } from '../emulators/cloudimage.js'
import { result, runAction } from './run-action.js'

const apiKey = 'cloudimage-api-key-0123456789'

let ci: CloudimageEmulator | undefined
async function emulator(options: CloudimageEmulatorOptions = {}): Promise<CloudimageEmulator> {
  ci = await startCloudimageEmulator({ apiKey, ...options })
  return ci
}
afterEach(async () => {
  await ci?.close()
  ci = undefined
})

const inputs = (api: CloudimageEmulator, more: Record<string, string>) => ({ provider: 'cloudimage', token: apiKey, 'api-url': api.url, ...more })
const posts = (api: CloudimageEmulator) => api.requests.filter((request) => request.method === 'POST')
const polls = (api: CloudimageEmulator) => api.requests.filter((request) => request.method === 'GET')
const images = (count: number) => Array.from({ length: count }, (_, index) => `/sample.li/img-${index}.jpg`)

describe('Cloudimage end to end', () => {
  it('invalidates URLs in every documented form with scope original, in batches of 15, and reports the uuids', async () => {
    const api = await emulator()
    const forms = ['sample.li/birds.jpg', 'https://img.example.com/a.jpg', '_alias_/images/a.jpg', '/v7/sample.li/boat.jpg', '/v7/https://img.example.com/b.jpg', 'images/image1.jpg', '/sample.li/avatars/*']
    const urls = [...images(25), ...forms]
    const run = await runAction(inputs(api, { paths: urls.join('\n') }))
    expect(run.exitCode).toBe(0)
    expect(posts(api).map((request) => request.body)).toEqual([
      { scope: 'original', urls: urls.slice(0, 15) },
      { scope: 'original', urls: urls.slice(15, 30) },
      { scope: 'original', urls: urls.slice(30) },
    ])
    for (const request of posts(api)) {
      expect(request.path).toBe('/invalidate')
      expect(request.headers).toMatchObject({ 'x-client-key': apiKey, 'content-type': 'application/json' })
    }
    expect(polls(api)).toHaveLength(0)
    const byUrls = (items: unknown[]) => api.invalidations.find((invalidation) => invalidation.urls[0] === items[0])?.uuid
    const batches = result(run).batches
    expect(batches.map((batch) => [batch.kind, batch.items.length, batch.status, batch.id])).toEqual(batches.map((batch) => ['urls', batch.items.length, 'purged', byUrls(batch.items)]))
    expect(batches.map((batch) => batch.items.length)).toEqual([15, 15, 2])
    expect(JSON.parse(run.outputs.ids ?? '')).toEqual(batches.map((batch) => batch.id))
    expect(run.outputs).toMatchObject({ purged: '32', failed: '0', requests: '3' })
    expect(run.summary).toContain('## CDN purge: Cloudimage')
    expect(run.summary).toContain(`<td>${batches[0]?.id}</td>`)
    expect(run.summary).toContain('**Totals:** 32 purged, 0 failed, 3 requests')
    expect(run.stdout).toContain(`::group::Cloudimage ${new URL(api.url).host}: 3 batches`)
    expect(run.stdout).toContain(`purged 2 urls (id ${batches[2]?.id}, 1 attempt)`)
  })

  it('respects batch-size, and rejects one above 15', async () => {
    const api = await emulator()
    const ok = await runAction(inputs(api, { paths: images(12).join(','), 'batch-size': '5' }))
    expect(ok.exitCode).toBe(0)
    expect(posts(api).map((request) => (request.body as { urls: string[] }).urls.length).sort()).toEqual([2, 5, 5])

    const tooLarge = await runAction(inputs(api, { paths: images(12).join(','), 'batch-size': '16' }))
    expect(tooLarge.exitCode).toBe(1)
    expect(tooLarge.errors).toEqual(['input batch-size: at most 15 for urls on Cloudimage, got 16'])
    expect(posts(api)).toHaveLength(3)
  })

  it('invalidates everything only for scope: all, with no urls', async () => {
    const api = await emulator()
    const run = await runAction(inputs(api, { scope: 'all' }))
    expect(run.exitCode).toBe(0)
    expect(posts(api).map((request) => request.rawBody)).toEqual(['{"scope":"all"}'])
    expect(run.outputs).toMatchObject({ purged: '1', failed: '0', requests: '1', ids: JSON.stringify([api.invalidations[0]?.uuid]) })
  })

  it('reports every input error at once, one line each, and sends nothing', async () => {
    const api = await emulator()
    const paths = ['/sample.li/birds.jpg?width=400', '/sample.li/*.jpg', 'ftp://img.example.com/a.jpg', 'https://doc.cloudimg.io/v7/sample.li/boat.jpg', '/a b.jpg', '/ok.jpg']
    const run = await runAction(
      inputs(api, { paths: paths.join('\n'), keys: 'release', hosts: 'img.example.com', prefixes: 'img.example.com/a/', zone: 'example.com', team: 'acme', 'cache-hashes': 'h' }),
    )
    expect(run.exitCode).toBe(1)
    expect(api.requests).toHaveLength(0)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]?.split('\n').sort()).toEqual([
      'input cache-hashes: does not apply to provider cloudimage; it is for edgio',
      'input hosts: does not apply to provider cloudimage; it is for cloudflare',
      'input keys: does not apply to provider cloudimage; it is for cloudflare, edgio, fastly, bunny, cloudfront, akamai, cloud-cdn',
      'input paths: "https://doc.cloudimg.io/v7/sample.li/boat.jpg" is a Cloudimage delivery URL; invalidate what follows the token host: "/v7/sample.li/boat.jpg"',
      'input paths: a * is allowed only at the end, meaning every image whose URL starts with what comes before it, got "/sample.li/*.jpg"',
      'input paths: expected an image URL such as /sample.li/birds.jpg, https://img.example.com/a.jpg, _alias_/images/a.jpg or /v7/sample.li/birds.jpg, got "ftp://img.example.com/a.jpg"',
      'input paths: image URLs cannot contain spaces (encode them as %20), got "/a b.jpg"',
      'input paths: scope original invalidates an image with all its resizes and takes no query string: give "/sample.li/birds.jpg", not "/sample.li/birds.jpg?width=400"',
      'input prefixes: does not apply to provider cloudimage; it is for cloudflare',
      'input team: does not apply to provider cloudimage; it is for edgio',
      'input zone: does not apply to provider cloudimage; it is for cloudflare',
    ])
  })

  it('dry-run plans and prints the exact requests, sending none and needing no token', async () => {
    const api = await emulator()
    const run = await runAction(inputs(api, { token: '', paths: images(16).join('\n'), wait: 'true', 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(api.requests).toHaveLength(0)
    expect(run.outputs).toMatchObject({ purged: '0', failed: '0', requests: '0', ids: '[]' })
    expect(run.stdout).toContain(`POST ${api.url}/invalidate {"scope":"original","urls":["/sample.li/img-15.jpg"]}`)
    expect(run.summary).toContain('## CDN purge: Cloudimage (dry run: nothing was sent)')
    expect(run.summary).toContain('**Planned:** 2 requests, 16 items')
  })
})

describe('Cloudimage failures', () => {
  it('fails on a wrong key (401) with the status and body text, without retrying', async () => {
    const api = await emulator()
    const run = await runAction(inputs(api, { paths: '/a.jpg', token: 'wrong-key-0123' }))
    expect(run.exitCode).toBe(1)
    expect(posts(api)).toHaveLength(1)
    expect(run.errors).toEqual([`1 of 1 items were not purged (0 purged): 1 urls on ${new URL(api.url).host}: HTTP 401: {"status":"error","msg":"Invalid API key"}`])
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1', requests: '1', ids: '[]' })
  })

  it.each([
    ['a 403', { status: 403, body: 'Forbidden: invalidation is not enabled' }, 'HTTP 403: Forbidden: invalidation is not enabled'],
    ['a 400', { status: 400, body: '{"status":"error","msg":"Bad urls"}' }, 'HTTP 400: {"status":"error","msg":"Bad urls"}'],
    ['a 201 whose status is not success', { status: 201, body: '{"status":"error","msg":"quota exceeded"}' }, 'HTTP 201, status is not success: {"status":"error","msg":"quota exceeded"}'],
    ['a 200 that is not JSON', { nonJson: true as const }, 'HTTP 200, not a Cloudimage API answer: Just a moment...'],
  ])('fails on %s, in the API\'s words, without retrying', async (_name, fault, error) => {
    const api = await emulator()
    api.faults.push(fault)
    const run = await runAction(inputs(api, { paths: '/a.jpg' }))
    expect(run.exitCode).toBe(1)
    expect(posts(api)).toHaveLength(1)
    expect(run.errors[0]).toMatch(new RegExp(`: ${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
  })

  it('retries a 502 and then invalidates', async () => {
    const api = await emulator()
    api.faults.push({ status: 502 })
    const run = await runAction(inputs(api, { paths: '/a.jpg', retries: '1' }))
    expect(run.exitCode).toBe(0)
    expect(posts(api)).toHaveLength(2)
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
  })

  it('never shows the key, even when the API echoes it', async () => {
    const api = await emulator()
    api.faults.push({ status: 400, body: `bad key ${apiKey}` })
    const run = await runAction(inputs(api, { paths: '/a.jpg' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('HTTP 400: bad key ***')
  })
})

describe('Cloudimage wait', () => {
  it('polls every batch concurrently until DONE, and shows each final state and time', async () => {
    const api = await emulator({ pollsUntilFinal: 3, statusRetryAfter: '0' })
    const run = await runAction(inputs(api, { paths: images(20).join('\n'), wait: 'true' }))
    expect(run.exitCode).toBe(0)
    const uuids = api.invalidations.map((invalidation) => invalidation.uuid)
    expect(uuids).toHaveLength(2)
    expect(polls(api).map((request) => request.path).sort()).toEqual(uuids.flatMap((uuid) => Array(3).fill(`/invalidate/${uuid}`)).sort())
    expect(polls(api).every((request) => request.headers['x-client-key'] === apiKey)).toBe(true)
    // Concurrently: the first poll of each batch comes before the last poll of the other.
    const firstPolls = uuids.map((uuid) => polls(api).findIndex((request) => request.path.endsWith(uuid)))
    const lastPolls = uuids.map((uuid) => polls(api).findLastIndex((request) => request.path.endsWith(uuid)))
    expect(Math.max(...firstPolls)).toBeLessThan(Math.min(...lastPolls))
    expect(run.outputs).toMatchObject({ purged: '20', failed: '0', requests: '2' })
    expect(run.summary.match(/<td>DONE after \d+(\.\d)? s<\/td>/g)).toHaveLength(2)
    expect(run.stdout.match(/^purged \d+ urls \(id [0-9a-f-]{36}, 1 attempt\) DONE after \d+(\.\d)? s$/gm)).toHaveLength(2)
  })

  it('waits 2 s between polls when the API says nothing about when to ask again', async () => {
    const api = await emulator({ pollsUntilFinal: 2 })
    const run = await runAction(inputs(api, { paths: '/a.jpg', wait: 'true' }))
    expect(run.exitCode).toBe(0)
    const [first, second] = polls(api)
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_900)
    expect(polls(api)).toHaveLength(2)
  })

  it('fails the batch whose invalidation ends in ERROR, and only that one', async () => {
    const api = await emulator({ pollsUntilFinal: 2, statusRetryAfter: '0', finalStates: ['ERROR', 'DONE'] })
    const run = await runAction(inputs(api, { paths: images(20).join('\n'), wait: 'true' }))
    expect(run.exitCode).toBe(1)
    const failed = api.invalidations.find((invalidation) => invalidation.finalState === 'ERROR')
    const batches = result(run).batches
    const failedBatch = batches.find((batch) => batch.id === failed?.uuid)
    expect(failedBatch).toMatchObject({ status: 'failed', items: failed?.urls })
    expect(batches.filter((batch) => batch.status === 'purged')).toHaveLength(1)
    expect(run.outputs).toMatchObject({ failed: String(failed?.urls.length), purged: String(20 - (failed?.urls.length ?? 0)), requests: '2' })
    expect(JSON.parse(run.outputs.ids ?? '')).toHaveLength(2)
    expect(run.errors[0]).toMatch(new RegExp(`urls on ${new URL(api.url).host}: invalidation ${failed?.uuid} ended in ERROR after \\d+(\\.\\d)? s`))
  })

  it('at the deadline, fails and says which uuids were still in which state', async () => {
    const api = await emulator({ pollsUntilFinal: 1_000, statusRetryAfter: '1' })
    const run = await runAction(inputs(api, { paths: images(16).join('\n'), wait: 'true', timeout: '3' }))
    expect(run.exitCode).toBe(1)
    expect(run.actionMs).toBeLessThan(3_000 + 2_000)
    expect(run.outputs).toMatchObject({ purged: '0', failed: '16', requests: '2' })
    for (const invalidation of api.invalidations) {
      expect(run.errors[0]).toMatch(new RegExp(`invalidation ${invalidation.uuid} was still (RECEIVED|PREPARING|FLUSHINGCLOUDIMAGESERVER|FLUSHINGCDNSERVERS) after \\d+(\\.\\d)? s, when the timeout ran out`))
    }
  })

  it('fails a batch whose status cannot be read', async () => {
    const api = await emulator({ pollsUntilFinal: 1 })
    api.statusFaults.push({ status: 404, body: '{"status":"error","msg":"Invalidation not found"}' })
    const run = await runAction(inputs(api, { paths: '/a.jpg', wait: 'true' }))
    expect(run.exitCode).toBe(1)
    expect(polls(api)).toHaveLength(1)
    expect(run.errors[0]).toContain(`could not read the status of invalidation ${api.invalidations[0]?.uuid}: HTTP 404: {"status":"error","msg":"Invalidation not found"}`)
  })

  it('fails a batch whose answer carried no uuid to poll', async () => {
    const api = await emulator()
    api.faults.push({ status: 201, body: '{"status":"success","msg":"received"}' })
    const run = await runAction(inputs(api, { paths: '/a.jpg', wait: 'true' }))
    expect(run.exitCode).toBe(1)
    expect(polls(api)).toHaveLength(0)
    expect(run.errors[0]).toContain('wait: the answer carried no invalidation uuid to poll')
  })
})
