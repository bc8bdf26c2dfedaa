import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_ACCESS_KEY, ERRORS, startBunnyEmulator, type BunnyEmulator, type BunnyEmulatorOptions } from './bunny.js'

const running: BunnyEmulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

async function start(options?: BunnyEmulatorOptions): Promise<BunnyEmulator> {
  const emulator = await startBunnyEmulator(options)
  running.push(emulator)
  return emulator
}

async function post(emulator: BunnyEmulator, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  const response = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { AccessKey: DEFAULT_ACCESS_KEY, ...init.headers }, ...(init.body ? { body: init.body } : {}) })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined }
}

const purgeUrl = (url: string, more = '') => `/purge?url=${encodeURIComponent(url)}${more}`

describe('bunny emulator', () => {
  it('purges a URL on a pull zone hostname with 200, and a tag or the whole zone with 204', async () => {
    const emulator = await start()
    expect((await post(emulator, purgeUrl('https://cdn.example.com/a.css', '&async=false'))).status).toBe(200)
    expect((await post(emulator, '/pullzone/12345/purgeCache', { headers: { 'Content-Type': 'application/json' }, body: '{"CacheTag":"product-1"}' })).status).toBe(204)
    expect((await post(emulator, '/pullzone/12345/purgeCache')).status).toBe(204)
    expect(emulator.purges).toEqual([
      { kind: 'url', url: 'https://cdn.example.com/a.css', bucket: 'exact', async: false, exactPath: false },
      { kind: 'tag', pullZoneId: 12345, tag: 'product-1' },
      { kind: 'all', pullZoneId: 12345 },
    ])
  })

  it('classifies a * or a path ending in / as a prefix purge, whatever exactPath says', async () => {
    const emulator = await start()
    await post(emulator, purgeUrl('https://cdn.example.com/img/*'))
    await post(emulator, purgeUrl('https://cdn.example.com/blog/', '&exactPath=true'))
    expect(emulator.purges.map((purge) => [purge.bucket, purge.exactPath])).toEqual([
      ['prefix', false],
      ['prefix', true],
    ])
  })

  it('answers 404 pullZone.not_found for a hostname of no pull zone, and for an unknown pull zone', async () => {
    const emulator = await start()
    expect(await post(emulator, purgeUrl('https://elsewhere.example.org/a'))).toMatchObject({ status: 404, body: ERRORS.pullZoneNotFound })
    expect(await post(emulator, '/pullzone/999/purgeCache')).toMatchObject({ status: 404, body: ERRORS.pullZoneNotFound })
    expect(await post(emulator, '/pullzone/my-storage/purgeCache')).toMatchObject({ status: 404, body: ERRORS.pullZoneNotFound })
  })

  it('answers 401 to a wrong AccessKey, 400 to a JSON body on /purge, a bad url or a bad boolean, 415 to a non-JSON tag body', async () => {
    const emulator = await start()
    expect((await post(emulator, purgeUrl('https://cdn.example.com/a'), { headers: { AccessKey: 'storage-zone-password' } })).status).toBe(401)
    expect(await post(emulator, '/purge', { headers: { 'Content-Type': 'application/json' }, body: '{"Urls":["https://cdn.example.com/a"]}' })).toMatchObject({ status: 400, body: ERRORS.urlsInvalid })
    expect((await post(emulator, purgeUrl('/a.css'))).status).toBe(400)
    expect((await post(emulator, purgeUrl('https://cdn.example.com/a', '&async=1'))).status).toBe(400)
    expect((await post(emulator, '/pullzone/12345/purgeCache', { body: 'CacheTag=x' })).status).toBe(415)
    expect(emulator.purges).toEqual([])
  })

  // Refilling a thousand times slower than documented keeps the count exact however slow the test runs.
  it('enforces the exact bucket: 120 at once, then 429 with Retry-After', async () => {
    const emulator = await start({ timeScale: 0.001 })
    const statuses: number[] = []
    for (let index = 0; index < 121; index++) statuses.push((await post(emulator, purgeUrl(`https://cdn.example.com/${index}`))).status)
    expect(statuses.slice(0, 120).every((status) => status === 200)).toBe(true)
    const limited = await post(emulator, purgeUrl('https://cdn.example.com/again'))
    expect(statuses[120]).toBe(429)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(100)
    expect(emulator.rateLimited).toHaveLength(2)
    // The prefix bucket is separate.
    expect((await post(emulator, purgeUrl('https://cdn.example.com/img/*'))).status).toBe(200)
  })

  it('enforces the prefix bucket: 20 at once', async () => {
    const emulator = await start({ timeScale: 0.001 })
    const statuses: number[] = []
    for (let index = 0; index < 21; index++) statuses.push((await post(emulator, purgeUrl(`https://cdn.example.com/${index}/*`))).status)
    expect(statuses.filter((status) => status === 429)).toHaveLength(1)
    expect(statuses[20]).toBe(429)
  })

  it('answers queued faults before anything else', async () => {
    const emulator = await start()
    emulator.faults.push({ status: 500 })
    expect((await post(emulator, purgeUrl('https://cdn.example.com/a'))).status).toBe(500)
    expect((await post(emulator, purgeUrl('https://cdn.example.com/a'))).status).toBe(200)
  })
})
