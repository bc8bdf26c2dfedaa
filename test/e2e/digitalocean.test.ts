import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_ENDPOINTS, startDigitalOceanEmulator, type CdnEndpoint, type DigitalOceanEmulator, type DigitalOceanEmulatorOptions } from '../emulators/digitalocean.js'
import { result, runAction } from './run-action.js'

const token = 'dop_v1_e2e0123456789abcdef0123456789abcdef0123456789abcdef012345678'
const endpoint = DEFAULT_ENDPOINTS[0] as CdnEndpoint

let digitalocean: DigitalOceanEmulator | undefined
async function start(options: DigitalOceanEmulatorOptions = {}): Promise<DigitalOceanEmulator> {
  digitalocean = await startDigitalOceanEmulator({ tokens: { [token]: ['cdn:read', 'cdn:delete'] }, ...options })
  return digitalocean
}
afterEach(async () => {
  await digitalocean?.close()
  digitalocean = undefined
})

const inputs = (emulator: DigitalOceanEmulator, more: Record<string, string>) => ({ provider: 'digitalocean', token, 'api-url': emulator.url, endpoint: endpoint.id, ...more })
const files = (count: number) => Array.from({ length: count }, (_, index) => `assets/${index}.css`)
const scaled = (scale: number) => ({ env: { CDN_PURGE_TIME_SCALE: String(scale) } })

/** `count` endpoints of other buckets, then the one the tests purge. */
function endpointsEndingWith(count: number, last: CdnEndpoint): CdnEndpoint[] {
  const others = Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    origin: `bucket-${index}.nyc3.digitaloceanspaces.com`,
    endpoint: `bucket-${index}.nyc3.cdn.digitaloceanspaces.com`,
  }))
  return [...others, last]
}

describe('DigitalOcean end to end', () => {
  it('purges paths in the bucket, 50 a request, with 204s and no ids', async () => {
    const emulator = await start({ rateLimits: false })
    const paths = ['/index.html', 'https://static.example.com/css/*', ...files(60)]
    const run = await runAction(inputs(emulator, { paths: paths.join('\n') }), scaled(100))
    expect(run.exitCode).toBe(0)
    expect(emulator.requests.map((request) => [request.method, request.path, request.headers.authorization === `Bearer ${token}`, request.headers['content-type']])).toEqual([
      ['DELETE', `/v2/cdn/endpoints/${endpoint.id}/cache`, true, 'application/json'],
      ['DELETE', `/v2/cdn/endpoints/${endpoint.id}/cache`, true, 'application/json'],
    ])
    expect(emulator.purges.map((purge) => purge.files)).toEqual([['index.html', 'css/*', ...files(48)], files(60).slice(48)])
    expect(run.outputs).toMatchObject({ purged: '62', failed: '0', requests: '2', ids: '[]' })
  })

  it('looks a domain up over every page of the endpoint list, once, paced as purges are, and purges the endpoint it names', async () => {
    // Six pages and a purge are seven calls: more than the 5 in 10 s DigitalOcean allows, so the lookup waits too.
    const emulator = await start({ endpoints: endpointsEndingWith(1_000, endpoint), timeScale: 10 })
    const run = await runAction(inputs(emulator, { endpoint: 'static.example.com', paths: 'index.html' }), scaled(10))
    expect(run.exitCode).toBe(0)
    const lists = emulator.requests.filter((request) => request.method === 'GET')
    expect(lists.map((request) => [request.path, request.query.page ?? '1', request.query.per_page])).toEqual([
      ['/v2/cdn/endpoints', '1', '200'],
      ['/v2/cdn/endpoints', '2', '200'],
      ['/v2/cdn/endpoints', '3', '200'],
      ['/v2/cdn/endpoints', '4', '200'],
      ['/v2/cdn/endpoints', '5', '200'],
      ['/v2/cdn/endpoints', '6', '200'],
    ])
    expect(emulator.purges).toEqual([{ endpointId: endpoint.id, files: ['index.html'] }])
    expect(emulator.rateLimited).toHaveLength(0)
    expect(result(run).targets).toEqual([expect.stringContaining('static.example.com')])
  })

  it('purges an endpoint named twice (by ID and by domain) once: no identical purges', async () => {
    const emulator = await start({ rateLimits: false, purgeMs: 50 })
    const run = await runAction(inputs(emulator, { endpoint: `${endpoint.id}\nstatic-images.nyc3.cdn.digitaloceanspaces.com`, paths: files(120).join('\n') }), scaled(100))
    expect(run.exitCode).toBe(0)
    expect(emulator.duplicates).toHaveLength(0)
    expect(emulator.purges).toHaveLength(3)
    expect(run.outputs).toMatchObject({ purged: '120', requests: '3' })
  })

  it("paces the lookup and 200 files to both windows: not one 429, and says up front how long it takes", async () => {
    // Both sides run DigitalOcean's windows 10 times faster: 20 s of files become 2 s (2.1 s with the action's margin).
    const emulator = await start({ endpoints: endpointsEndingWith(250, endpoint), timeScale: 10 })
    const run = await runAction(inputs(emulator, { endpoint: 'static.example.com', paths: files(200).join('\n') }), scaled(10))
    expect(run.exitCode).toBe(0)
    expect(emulator.rateLimited).toHaveLength(0)
    expect(emulator.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'DELETE', 'DELETE', 'DELETE', 'DELETE'])
    expect(emulator.purges.map((purge) => purge.files.length)).toEqual([50, 50, 50, 50])
    expect(run.outputs).toMatchObject({ purged: '200', failed: '0', requests: '4' })
    expect(result(run).batches.every((batch) => batch.attempts === 1)).toBe(true)
    expect(run.stdout).toContain("200 files in 4 requests, paced to DigitalOcean's rate limits (50 files per 20 s, 5 requests per 10 s): about 63 s")
    // Four file windows: three waits of 2.1 s.
    expect(run.durationMs).toBeGreaterThan(3 * 2_100)
  })

  it('a list sent faster than the windows allow does meet 429s, and honours ratelimit-reset', async () => {
    // The control for the test above: the action paces 2,000 times faster than the emulator counts.
    const emulator = await start({ timeScale: 10 })
    const run = await runAction(inputs(emulator, { paths: files(150).join('\n') }), scaled(20_000))
    expect(emulator.rateLimited.length).toBeGreaterThan(0)
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ purged: '150', failed: '0', requests: '3' })
    expect(run.stdout).toMatch(/retrying \/v2\/cdn\/endpoints\/[^ ]+\/cache in /)
  })

  it('honours Retry-After on a 429', async () => {
    const emulator = await start({ rateLimits: false })
    emulator.faults.push({ status: 429, headers: { 'retry-after': '1' } })
    const run = await runAction(inputs(emulator, { paths: 'index.html' }))
    expect(run.exitCode).toBe(0)
    expect(emulator.requests).toHaveLength(2)
    expect((emulator.requests[1]?.at ?? 0) - (emulator.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(result(run).batches[0]?.attempts).toBe(2)
  })

  it('sends ["*"] for scope: all, to every endpoint', async () => {
    const other: CdnEndpoint = { id: '2a000000-0000-4000-8000-000000000002', origin: 'b.ams3.digitaloceanspaces.com', endpoint: 'b.ams3.cdn.digitaloceanspaces.com' }
    const emulator = await start({ rateLimits: false, endpoints: [endpoint, other] })
    const run = await runAction(inputs(emulator, { endpoint: `${endpoint.id}, ${other.id}`, scope: 'all' }))
    expect(run.exitCode).toBe(0)
    expect(emulator.purges).toEqual([
      { endpointId: endpoint.id, files: ['*'] },
      { endpointId: other.id, files: ['*'] },
    ])
  })

  it('fails on a bad token with DigitalOcean’s message, and never shows the token', async () => {
    const emulator = await start({ rateLimits: false })
    const run = await runAction({ ...inputs(emulator, { paths: 'index.html' }), token: 'dop_v1_wrongwrongwrongwrongwrongwrongwrongwrongwrongwrongwrongwrong' })
    expect(run.exitCode).toBe(1)
    expect(emulator.requests).toHaveLength(1)
    expect(run.errors[0]).toContain('unauthorized')
    expect(run.errors[0]).toContain('Unable to authenticate you.')
  })

  it('says which domain matched no endpoint, after reading every page', async () => {
    const emulator = await start({ rateLimits: false, endpoints: endpointsEndingWith(3, endpoint) })
    const run = await runAction(inputs(emulator, { endpoint: 'cdn.elsewhere.example', paths: 'index.html' }))
    expect(run.exitCode).toBe(1)
    expect(emulator.requests.filter((request) => request.method === 'DELETE')).toHaveLength(0)
    expect(run.errors.join('\n')).toContain('no CDN endpoint of this account answers to "cdn.elsewhere.example" (looked at 4 endpoints')
  })

  it('rejects a lone *, a bad endpoint, keys and a batch-size over 50 together, with no request', async () => {
    const emulator = await start()
    const run = await runAction(inputs(emulator, { endpoint: 'my bucket', paths: '*\nindex.html', keys: 'k', 'batch-size': '51' }))
    expect(run.exitCode).toBe(1)
    expect(emulator.requests).toHaveLength(0)
    const message = run.errors.join('\n')
    expect(message).toContain('"*" would purge everything on the endpoint; use scope: all for that')
    expect(message).toContain('input endpoint: expected a CDN endpoint ID')
    expect(message).toMatch(/keys/)
    expect(message).toMatch(/batch-size/)
  })

  it('requires a token and an endpoint, unless dry-run', async () => {
    const emulator = await start()
    const run = await runAction({ provider: 'digitalocean', 'api-url': emulator.url, paths: 'index.html' })
    expect(run.exitCode).toBe(1)
    expect(run.errors.join('\n')).toMatch(/token/)
    expect(run.errors.join('\n')).toMatch(/endpoint/)
    expect(emulator.requests).toHaveLength(0)
  })

  it('dry-run prints the exact requests and how long the pacing would take, shows domains unresolved, and sends none', async () => {
    const emulator = await start()
    const run = await runAction(inputs(emulator, { token: '', endpoint: endpoint.id, paths: files(1_000).join('\n'), 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(emulator.requests).toHaveLength(0)
    expect(run.stdout).toContain(`DELETE ${emulator.url}/v2/cdn/endpoints/${endpoint.id}/cache ${JSON.stringify({ files: files(50) })}`)
    expect(run.stdout).toContain("1000 files in 20 requests, paced to DigitalOcean's rate limits (50 files per 20 s, 5 requests per 10 s): about 399 s")

    const byDomain = await runAction(inputs(emulator, { token: '', endpoint: 'static.example.com', paths: 'index.html', 'dry-run': 'true' }))
    expect(byDomain.exitCode).toBe(0)
    expect(emulator.requests).toHaveLength(0)
    expect(result(byDomain).targets).toEqual([expect.stringContaining('static.example.com')])
  })
})
