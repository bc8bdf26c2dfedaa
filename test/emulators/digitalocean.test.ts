import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_ENDPOINTS,
  DEFAULT_TOKEN,
  ERRORS,
  startDigitalOceanEmulator,
  type CdnEndpoint,
  type DigitalOceanEmulator,
  type DigitalOceanEmulatorOptions,
} from './digitalocean.js'

const running: DigitalOceanEmulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

async function start(options?: DigitalOceanEmulatorOptions): Promise<DigitalOceanEmulator> {
  const emulator = await startDigitalOceanEmulator(options)
  running.push(emulator)
  return emulator
}

const endpointId = (DEFAULT_ENDPOINTS[0] as CdnEndpoint).id

async function call(emulator: DigitalOceanEmulator, method: string, path: string, body?: unknown, token = DEFAULT_TOKEN) {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined }
}

const purge = (emulator: DigitalOceanEmulator, files: unknown, id = endpointId, token?: string) => call(emulator, 'DELETE', `/v2/cdn/endpoints/${id}/cache`, { files }, token)

const manyEndpoints = (count: number): CdnEndpoint[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    origin: `bucket-${index}.nyc3.digitaloceanspaces.com`,
    endpoint: `bucket-${index}.nyc3.cdn.digitaloceanspaces.com`,
  }))

describe('digitalocean emulator', () => {
  it('purges files with 204 and no body', async () => {
    const emulator = await start()
    const answer = await purge(emulator, ['assets/css/*', 'index.html'])
    expect(answer).toMatchObject({ status: 204, body: undefined })
    expect(emulator.purges).toEqual([{ endpointId, files: ['assets/css/*', 'index.html'] }])
  })

  it('answers 401 unauthorized to a wrong token, 403 to a token without the scope, 404 to an unknown endpoint', async () => {
    const emulator = await start({ tokens: { [DEFAULT_TOKEN]: ['cdn:read', 'cdn:delete'], 'dop_v1_readonly': ['cdn:read'] } })
    expect(await purge(emulator, ['a'], endpointId, 'dop_v1_wrong')).toMatchObject({ status: 401, body: { ...ERRORS.unauthorized, request_id: expect.any(String) } })
    expect(await purge(emulator, ['a'], endpointId, 'dop_v1_readonly')).toMatchObject({ status: 403, body: { id: 'forbidden' } })
    expect(await purge(emulator, ['a'], '00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { id: 'not_found' } })
    expect(emulator.purges).toEqual([])
  })

  it('refuses more than 50 files, an empty list and a body without files', async () => {
    const emulator = await start({ rateLimits: false })
    expect((await purge(emulator, Array.from({ length: 51 }, (_, index) => `f${index}`))).status).toBe(422)
    expect((await purge(emulator, [])).status).toBe(400)
    expect((await call(emulator, 'DELETE', `/v2/cdn/endpoints/${endpointId}/cache`, { paths: ['a'] })).status).toBe(400)
    expect((await purge(emulator, Array.from({ length: 50 }, (_, index) => `f${index}`))).status).toBe(204)
  })

  it('lists endpoints page by page with links.pages.next and meta.total', async () => {
    const emulator = await start({ endpoints: manyEndpoints(5), rateLimits: false })
    const first = await call(emulator, 'GET', '/v2/cdn/endpoints?per_page=2')
    expect(first.body).toMatchObject({ meta: { total: 5 }, links: { pages: { next: `${emulator.url}/v2/cdn/endpoints?page=2&per_page=2` } } })
    expect((first.body?.endpoints as CdnEndpoint[]).map((each) => each.origin)).toEqual(['bucket-0.nyc3.digitaloceanspaces.com', 'bucket-1.nyc3.digitaloceanspaces.com'])
    const last = await call(emulator, 'GET', '/v2/cdn/endpoints?page=3&per_page=2')
    expect(last.body?.links).toEqual({ pages: { first: `${emulator.url}/v2/cdn/endpoints?page=1&per_page=2`, prev: `${emulator.url}/v2/cdn/endpoints?page=2&per_page=2` } })
    expect((last.body?.endpoints as CdnEndpoint[]).map((each) => each.id)).toEqual([manyEndpoints(5)[4]?.id])
    expect((await call(emulator, 'GET', '/v2/cdn/endpoints')).body?.endpoints).toHaveLength(5)
  })

  // A window a thousand times longer than documented keeps the counts exact however slow the test runs.
  it('allows 5 requests in 10 s across listing and purging, then 429 with ratelimit-reset', async () => {
    const emulator = await start({ timeScale: 0.001 })
    const statuses = [(await call(emulator, 'GET', '/v2/cdn/endpoints')).status]
    for (let index = 1; index < 6; index++) statuses.push((await purge(emulator, [`f${index}`])).status)
    expect(statuses).toEqual([200, 204, 204, 204, 204, 429])
    const limited = await call(emulator, 'GET', '/v2/cdn/endpoints')
    expect(limited).toMatchObject({ status: 429, body: ERRORS.tooManyRequests })
    expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 + 1_000)
    expect(limited.headers.get('retry-after')).toBeNull()
    expect(emulator.rateLimited).toHaveLength(2)
  })

  it('allows 50 files in 20 s, then 429 (with retry-after when asked), and frees them as the window slides', async () => {
    const emulator = await start({ timeScale: 200, retryAfterHeader: true })
    const files = (from: number, count: number) => Array.from({ length: count }, (_, index) => `f${from + index}`)
    expect((await purge(emulator, files(0, 30))).status).toBe(204)
    expect((await purge(emulator, files(30, 20))).status).toBe(204)
    const limited = await purge(emulator, files(50, 1))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    await new Promise((resolve) => setTimeout(resolve, 110))
    expect((await purge(emulator, files(60, 30))).status).toBe(204)
    expect(emulator.purges.map((each) => each.files.length)).toEqual([30, 20, 30])
  })

  it('refuses an identical purge while the first is in progress (409, not confirmed), and accepts it after', async () => {
    const emulator = await start({ purgeMs: 100, rateLimits: false })
    const [first, second, other] = await Promise.all([purge(emulator, ['a', 'b']), purge(emulator, ['b', 'a']), purge(emulator, ['c'])])
    expect([first.status, second.status, other.status]).toEqual([204, 409, 204])
    expect(second.body).toMatchObject(ERRORS.duplicate)
    expect((await purge(emulator, ['a', 'b'])).status).toBe(204)
    expect(emulator.duplicates).toHaveLength(1)
  })
})
