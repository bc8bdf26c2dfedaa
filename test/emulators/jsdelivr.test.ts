import { afterEach, describe, expect, it } from 'vitest'
import { startJsdelivrEmulator, type JsdelivrEmulator, type JsdelivrEmulatorOptions } from './jsdelivr.js'

const running: JsdelivrEmulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

async function start(options?: JsdelivrEmulatorOptions): Promise<JsdelivrEmulator> {
  const emulator = await startJsdelivrEmulator(options)
  running.push(emulator)
  return emulator
}

async function call(emulator: JsdelivrEmulator, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    ...(body !== undefined ? { headers: { 'Content-Type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const purge = (emulator: JsdelivrEmulator, paths: unknown) => call(emulator, 'POST', '/', { path: paths })

describe('jsdelivr emulator', () => {
  it('answers a purge with {id, status: pending, timestamp}, then the status: pending, then finished per path', async () => {
    const emulator = await start({ pendingPolls: 2 })
    const accepted = await purge(emulator, ['/gh/acme/site@main/app.js', '/npm/lib@1/dist/lib.js'])
    expect(accepted).toEqual({ status: 200, body: { id: expect.stringMatching(/^[A-Za-z0-9]{17}$/), status: 'pending', timestamp: expect.any(String) } })
    const id = accepted.body.id as string
    expect((await call(emulator, 'GET', `/status/${id}`)).body).toMatchObject({ id, status: 'pending' })
    expect((await call(emulator, 'GET', `/status/${id}`)).body).toMatchObject({ id, status: 'pending' })
    expect((await call(emulator, 'GET', `/status/${id}`)).body).toEqual({
      id,
      status: 'finished',
      timestamp: accepted.body.timestamp,
      paths: {
        '/gh/acme/site@main/app.js': { throttled: false, providers: { CF: true, FY: true } },
        '/npm/lib@1/dist/lib.js': { throttled: false, providers: { CF: true, FY: true } },
      },
    })
    expect(emulator.polls.get(id)).toBe(3)
  })

  it('throttles a path purged again within the window, and purges it once the window has passed', async () => {
    let clock = 0
    const emulator = await start({ pendingPolls: 0, throttleSeconds: 3_600, now: () => clock, recentlyPurged: ['/gh/acme/site@main/old.js'] })
    const first = await purge(emulator, ['/gh/acme/site@main/a.js', '/gh/acme/site@main/old.js'])
    const again = await purge(emulator, ['/gh/acme/site@main/a.js'])
    const status = await call(emulator, 'GET', `/status/${first.body.id as string}`)
    expect(status.body.paths).toEqual({
      '/gh/acme/site@main/a.js': { throttled: false, providers: { CF: true, FY: true } },
      '/gh/acme/site@main/old.js': { throttled: true, providers: { CF: false, FY: false } },
    })
    expect((await call(emulator, 'GET', `/status/${again.body.id as string}`)).body.paths).toEqual({
      '/gh/acme/site@main/a.js': { throttled: true, providers: { CF: false, FY: false } },
    })
    clock += 3_599_999
    expect((await purge(emulator, ['/gh/acme/site@main/old.js'])).status).toBe(200)
    clock += 1
    const later = await purge(emulator, ['/gh/acme/site@main/a.js'])
    expect(emulator.purges.map((each) => each.throttled)).toEqual([['/gh/acme/site@main/old.js'], ['/gh/acme/site@main/a.js'], ['/gh/acme/site@main/old.js'], []])
    expect(later.status).toBe(200)
  })

  it('reports a CDN that did not purge a path as false, and a failed purge as failed', async () => {
    const emulator = await start({ pendingPolls: 0, failingProviders: { '/npm/lib/a.js': ['FY'] }, failedPurges: ['/npm/broken/x.js'] })
    const partial = await purge(emulator, ['/npm/lib/a.js'])
    const failed = await purge(emulator, ['/npm/broken/x.js'])
    expect((await call(emulator, 'GET', `/status/${partial.body.id as string}`)).body.paths).toEqual({ '/npm/lib/a.js': { throttled: false, providers: { CF: true, FY: false } } })
    expect((await call(emulator, 'GET', `/status/${failed.body.id as string}`)).body.status).toBe('failed')
  })

  it('refuses more than 20 paths, an empty list, paths not starting with /, a body that is not JSON, and an unknown id', async () => {
    const emulator = await start()
    const paths = Array.from({ length: 21 }, (_, index) => `/npm/lib/${index}.js`)
    expect((await purge(emulator, paths)).status).toBe(400)
    expect((await purge(emulator, paths.slice(0, 20))).status).toBe(200)
    expect((await purge(emulator, [])).status).toBe(400)
    expect((await purge(emulator, ['npm/lib/a.js'])).status).toBe(400)
    expect((await purge(emulator, '/npm/lib/a.js')).status).toBe(400)
    expect((await call(emulator, 'POST', '/', 'path=/npm/lib/a.js', 'application/x-www-form-urlencoded')).status).toBe(400)
    expect((await call(emulator, 'GET', '/status/nope')).status).toBe(404)
    expect(emulator.purges).toHaveLength(1)
  })
})
