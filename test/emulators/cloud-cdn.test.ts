import { afterEach, describe, expect, it } from 'vitest'
import { STATIC_ACCESS_TOKEN, startCloudCdnEmulator, type CloudCdnEmulator, type CloudCdnEmulatorOptions, type Operation } from './cloud-cdn.js'

const running: CloudCdnEmulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

async function start(options: CloudCdnEmulatorOptions = {}): Promise<CloudCdnEmulator> {
  const emulator = await startCloudCdnEmulator(options)
  running.push(emulator)
  return emulator
}

const requestId = '6f1c2a3b-4d5e-5f60-8a7b-9c0d1e2f3a4b'

async function invalidate(emulator: CloudCdnEmulator, body: unknown, options: { urlMap?: string; requestId?: string | null; token?: string } = {}) {
  const query = options.requestId === null ? '' : `?requestId=${options.requestId ?? requestId}`
  const response = await fetch(`${emulator.url}/projects/acme-site/global/urlMaps/${options.urlMap ?? 'web-map'}/invalidateCache${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token ?? STATIC_ACCESS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Operation & { error?: { code: number; message: string; errors: { reason: string }[] } } }
}

async function getOperation(emulator: CloudCdnEmulator, name: string) {
  const response = await fetch(`${emulator.url}/projects/acme-site/global/operations/${name}`, { headers: { authorization: `Bearer ${STATIC_ACCESS_TOKEN}` } })
  return { status: response.status, body: (await response.json()) as Operation }
}

describe('invalidateCache', () => {
  it.each([
    [{ path: '/index.html' }],
    [{ path: '/img/*' }],
    [{ path: '/*' }],
    [{ path: '/a.css', host: 'www.example.com' }],
    [{ path: '/a.css', host: '*.example.com' }],
    [{ cacheTags: ['product-1', 'home'] }],
    [{ cacheTags: Array.from({ length: 10 }, (_, index) => `t${index}`) }],
  ])('accepts %j and answers a RUNNING invalidateCache Operation', async (rule) => {
    const emulator = await start()
    const answer = await invalidate(emulator, rule)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ kind: 'compute#operation', operationType: 'invalidateCache', status: 'RUNNING', clientOperationId: requestId })
    expect(answer.body.targetLink).toBe('https://www.googleapis.com/compute/v1/projects/acme-site/global/urlMaps/web-map')
    expect(emulator.invalidations.map((each) => each.rule)).toEqual([rule])
  })

  it.each([
    [{ path: 'index.html' }, 'resource.path'],
    [{ path: '/a?b=1' }, 'resource.path'],
    [{ path: '/a#top' }, 'resource.path'],
    [{ path: '/img*' }, 'following a'],
    [{ path: '/*/a.css' }, 'final character'],
    [{ path: '/a.css', host: 'https://www.example.com' }, 'resource.host'],
    [{ path: '/a.css', host: '*.*.example.com' }, 'resource.host'],
    [{ cacheTags: Array.from({ length: 11 }, (_, index) => `t${index}`) }, 'at most 10 cache tags'],
    [{ cacheTags: [] }, 'resource.cacheTags'],
    [{ paths: ['/a'] }, 'Unknown name "paths"'],
    [{}, 'needs a path or cache tags'],
  ])('refuses %j: 400 invalid', async (rule, message) => {
    const emulator = await start()
    const answer = await invalidate(emulator, rule)
    expect(answer.status).toBe(400)
    expect(answer.body.error?.message).toContain(message)
    expect(emulator.invalidations).toEqual([])
  })

  it.each(['not-a-uuid', '00000000-0000-0000-0000-000000000000'])('refuses requestId %s', async (id) => {
    const emulator = await start()
    const answer = await invalidate(emulator, { path: '/a' }, { requestId: id })
    expect(answer.status).toBe(400)
    expect(answer.body.error?.message).toContain("Invalid value for field 'requestId'")
  })

  it('the same requestId answers the same operation and creates nothing new; another requestId does', async () => {
    const emulator = await start()
    const first = await invalidate(emulator, { path: '/a' })
    const again = await invalidate(emulator, { path: '/a' })
    const other = await invalidate(emulator, { path: '/a' }, { requestId: '0b9e7c1a-2d3f-5a4b-8c6d-7e8f9a0b1c2d' })
    expect(again.body.name).toBe(first.body.name)
    expect(other.body.name).not.toBe(first.body.name)
    expect(emulator.invalidations).toHaveLength(2)
  })

  it('resetAfterCreate creates the invalidation, then resets the connection unanswered', async () => {
    const emulator = await start()
    emulator.resetAfterCreate = 1
    await expect(invalidate(emulator, { path: '/a' })).rejects.toThrow()
    expect(emulator.invalidations).toHaveLength(1)
    const retried = await invalidate(emulator, { path: '/a' })
    expect(retried.body.name).toBe(emulator.invalidations[0]?.operation.name)
    expect(emulator.invalidations).toHaveLength(1)
  })

  it('401 without a valid token, 404 notFound for an unknown URL map or project, 403 without the permission', async () => {
    const emulator = await start({ canInvalidate: (principal) => principal !== 'user:ci@example.com' })
    expect((await invalidate(emulator, { path: '/a' }, { token: 'ya29.wrong' })).status).toBe(401)
    const denied = await invalidate(emulator, { path: '/a' })
    expect(denied.status).toBe(403)
    expect(denied.body.error?.message).toBe("Required 'compute.urlMaps.invalidateCache' permission for 'projects/acme-site/global/urlMaps/web-map'")

    const open = await start()
    const missing = await invalidate(open, { path: '/a' }, { urlMap: 'nope' })
    expect(missing.status).toBe(404)
    expect(missing.body.error?.errors[0]?.reason).toBe('notFound')
  })

  it.each([429, 403] as const)('over the rate limit: %i rateLimitExceeded', async (status) => {
    const emulator = await start({ rateLimit: { max: 2, windowMs: 60_000, answer: status } })
    await invalidate(emulator, { path: '/a' }, { requestId: '11111111-1111-5111-8111-111111111111' })
    await invalidate(emulator, { path: '/b' }, { requestId: '22222222-2222-5222-8222-222222222222' })
    const third = await invalidate(emulator, { path: '/c' }, { requestId: '33333333-3333-5333-8333-333333333333' })
    expect(third.status).toBe(status)
    expect(third.body.error?.errors[0]?.reason).toBe('rateLimitExceeded')
    expect(emulator.invalidations).toHaveLength(2)
  })
})

describe('globalOperations.get', () => {
  it('RUNNING until the configured poll, then DONE (with the chosen error)', async () => {
    const emulator = await start({ pollsUntilDone: 2, operationErrors: [undefined, { code: 'INTERNAL_ERROR', message: 'Internal error' }] })
    const ok = (await invalidate(emulator, { path: '/a' }, { requestId: '11111111-1111-5111-8111-111111111111' })).body.name
    const failing = (await invalidate(emulator, { path: '/b' }, { requestId: '22222222-2222-5222-8222-222222222222' })).body.name
    expect((await getOperation(emulator, ok)).body.status).toBe('RUNNING')
    expect((await getOperation(emulator, ok)).body).toMatchObject({ status: 'DONE', progress: 100 })
    await getOperation(emulator, failing)
    const done = (await getOperation(emulator, failing)).body
    expect(done).toMatchObject({ status: 'DONE', error: { errors: [{ code: 'INTERNAL_ERROR', message: 'Internal error' }] } })
    expect((await getOperation(emulator, 'operation-unknown')).status).toBe(404)
  })
})
