import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SERVICE, DEFAULT_TOKEN, ERRORS, startFastlyEmulator, type FastlyEmulator, type FastlyEmulatorOptions } from './fastly.js'

const running: FastlyEmulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

async function start(options?: FastlyEmulatorOptions): Promise<FastlyEmulator> {
  const emulator = await startFastlyEmulator(options)
  running.push(emulator)
  return emulator
}

async function post(emulator: FastlyEmulator, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'Fastly-Key': DEFAULT_TOKEN, ...init.headers }, ...(init.body ? { body: init.body } : {}) })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined }
}

const keysBody = (keys: string[]) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ surrogate_keys: keys }) })

describe('fastly emulator', () => {
  it('purges one URL, query included, and answers {status: ok, id}', async () => {
    const emulator = await start()
    const answer = await post(emulator, '/purge/www.example.com/a.css?v=2')
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({ status: 'ok', id: emulator.purges[0]?.ids[0] })
    expect(emulator.purges).toEqual([{ kind: 'url', url: 'www.example.com/a.css?v=2', softHeader: undefined, ids: [expect.stringMatching(/^108-\d+-\d+$/)] }])
  })

  it('answers a batch of keys with a map of key to purge id, and records the soft header', async () => {
    const emulator = await start()
    const answer = await post(emulator, `/service/${DEFAULT_SERVICE}/purge`, { ...keysBody(['a', 'b']), headers: { 'Content-Type': 'application/json', 'Fastly-Soft-Purge': '1' } })
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body as object)).toEqual(['a', 'b'])
    expect(Object.values(answer.body as object)).toEqual(emulator.purges[0]?.ids)
    expect(emulator.purges[0]).toMatchObject({ kind: 'keys', keys: ['a', 'b'], softHeader: '1' })
  })

  it('takes the keys from a Surrogate-Key header too, as go-fastly sends them', async () => {
    const emulator = await start()
    expect((await post(emulator, `/service/${DEFAULT_SERVICE}/purge`, { headers: { 'Surrogate-Key': 'x y' } })).status).toBe(200)
    expect(emulator.purges[0]?.keys).toEqual(['x', 'y'])
  })

  it("rejects 257 keys with Fastly's own 400", async () => {
    const emulator = await start()
    const answer = await post(emulator, `/service/${DEFAULT_SERVICE}/purge`, keysBody(Array.from({ length: 257 }, (_, index) => `k${index}`)))
    expect(answer).toMatchObject({ status: 400, body: ERRORS.tooManyKeys })
    expect((await post(emulator, `/service/${DEFAULT_SERVICE}/purge`, keysBody(Array.from({ length: 256 }, (_, index) => `k${index}`)))).status).toBe(200)
  })

  it.each([
    ['no body and no header', {}],
    ['a body that is not JSON-typed', { body: '{"surrogate_keys":["a"]}' }],
    ['an empty list', keysBody([])],
    ['keys that are not strings', { headers: { 'Content-Type': 'application/json' }, body: '{"surrogate_keys":[1]}' }],
  ])('rejects a batch with %s', async (_name, init) => {
    const emulator = await start()
    expect((await post(emulator, `/service/${DEFAULT_SERVICE}/purge`, init)).status).toBe(400)
    expect(emulator.purges).toEqual([])
  })

  it('purges everything with {status: ok} and no id, counting against the hourly limit', async () => {
    const emulator = await start({ hourlyLimit: 1 })
    const first = await post(emulator, `/service/${DEFAULT_SERVICE}/purge_all`)
    expect(first).toMatchObject({ status: 200, body: { status: 'ok' } })
    expect(first.headers.get('fastly-ratelimit-remaining')).toBe('0')
    const second = await post(emulator, `/service/${DEFAULT_SERVICE}/purge_all`)
    expect(second.status).toBe(429)
    expect(Number(second.headers.get('fastly-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    // URL purges do not count.
    expect((await post(emulator, '/purge/www.example.com/a')).status).toBe(200)
  })

  it('answers 401 without a valid Fastly-Key, even for a URL purge (auth required by default)', async () => {
    const emulator = await start()
    expect(await post(emulator, '/purge/www.example.com/a', { headers: { 'Fastly-Key': 'wrong' } })).toMatchObject({ status: 401, body: ERRORS.credentials })
    const noKey = await fetch(`${emulator.url}/purge/www.example.com/a`, { method: 'POST' })
    expect(noKey.status).toBe(401)
  })

  it('answers 403 to a purge_select token on purge_all, and to a token limited to another service', async () => {
    const emulator = await start({ tokens: [{ token: DEFAULT_TOKEN, scopes: ['purge_select'] }, { token: 'other-service-token', scopes: ['global'], services: ['other'] }] })
    expect((await post(emulator, `/service/${DEFAULT_SERVICE}/purge_all`)).status).toBe(403)
    expect((await post(emulator, `/service/${DEFAULT_SERVICE}/purge`, keysBody(['a']))).status).toBe(200)
    expect((await post(emulator, `/service/${DEFAULT_SERVICE}/purge`, { ...keysBody(['a']), headers: { 'Content-Type': 'application/json', 'Fastly-Key': 'other-service-token' } })).status).toBe(403)
  })

  it('answers 404 for an unknown service and an unknown route', async () => {
    const emulator = await start()
    expect((await post(emulator, '/service/nope/purge_all')).status).toBe(404)
    expect((await post(emulator, '/purge')).status).toBe(404)
  })

  it('answers queued faults before anything else', async () => {
    const emulator = await start()
    emulator.faults.push({ status: 503 })
    expect(await post(emulator, '/purge/www.example.com/a')).toMatchObject({ status: 503, body: { msg: 'Service Unavailable' } })
    expect((await post(emulator, '/purge/www.example.com/a')).status).toBe(200)
  })
})
