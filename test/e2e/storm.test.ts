import { afterEach, beforeEach, expect, it } from 'vitest'
import { startCloudflareEmulator, type CloudflareEmulator, type Fault } from '../emulators/cloudflare.js'
import { result, runAction } from './run-action.js'

/**
 * A storm: 40 batches with bounded concurrency while a random (seeded) third of the requests are
 * answered 429 or 503. Every item must be purged exactly once, with exactly one retry per fault.
 */

const token = 'cf-test-token-0123456789'
const zoneId = 'c'.repeat(32)
let cf: CloudflareEmulator
beforeEach(async () => {
  cf = await startCloudflareEmulator({ token, zones: [{ id: zoneId, name: 'example.com' }] })
})
afterEach(async () => {
  await cf.close()
})

/** mulberry32: a small seeded generator, so the storm is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

it('purges every item of 40 batches exactly once through a storm of 429s and 503s', async () => {
  const random = seeded(20261125)
  const queue: Fault[] = []
  // More entries than the run can draw; which requests met a fault is what it really drew.
  for (let index = 0; index < 200; index++) {
    const roll = random()
    if (roll < 1 / 6) queue.push({ status: 429, headers: { 'Retry-After': '0' } })
    else if (roll < 1 / 3) queue.push({ status: 503 })
    else queue.push({ pass: true })
  }
  cf.faults.push(...queue)

  const urls = Array.from({ length: 400 }, (_, index) => `https://example.com/storm/${index}`)
  const run = await runAction({ provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, paths: urls.join('\n'), 'batch-size': '10', retries: '10', timeout: '120' })

  const purgeRequests = cf.requests.filter((request) => request.path.endsWith('/purge_cache'))
  const injected = queue.slice(0, purgeRequests.length).filter((fault) => !('pass' in fault)).length
  expect(injected).toBeGreaterThan(5)

  expect(run.exitCode).toBe(0)
  const purgedUrls = cf.purges.flatMap((purge) => purge.body.files as string[])
  expect(purgedUrls).toHaveLength(400)
  expect(new Set(purgedUrls)).toEqual(new Set(urls))

  const json = result(run)
  expect(json.batches).toHaveLength(40)
  expect(json.batches.every((batch) => batch.status === 'purged')).toBe(true)
  // Fewest retries: one more attempt per fault met, no more.
  const attempts = json.batches.reduce((sum, batch) => sum + batch.attempts, 0)
  expect(attempts).toBe(purgeRequests.length)
  expect(attempts).toBe(40 + injected)
  expect(run.outputs).toMatchObject({ purged: '400', failed: '0', requests: '40' })
  expect(run.summary).toMatch(/<td>purged<\/td><td>[0-9a-f]{32}<\/td><td>[2-9]<\/td>/)
})
