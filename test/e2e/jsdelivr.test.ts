import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEdge, type Edge } from '../emulators/edge.js'
import { startJsdelivrEmulator, type JsdelivrEmulator, type JsdelivrEmulatorOptions } from '../emulators/jsdelivr.js'
import { result, runAction } from './run-action.js'
import { makeThrowawayCa, startConnectProxy, type ConnectProxy, type ThrowawayCa } from './site-network.js'

let jsdelivr: JsdelivrEmulator | undefined
async function start(options: JsdelivrEmulatorOptions = {}): Promise<JsdelivrEmulator> {
  jsdelivr = await startJsdelivrEmulator(options)
  return jsdelivr
}
afterEach(async () => {
  await jsdelivr?.close()
  jsdelivr = undefined
})

// jsDelivr's status is polled every second; the time scale runs the polls a hundred times faster.
const fast = { env: { CDN_PURGE_TIME_SCALE: '100' } }
const inputs = (emulator: JsdelivrEmulator, more: Record<string, string>) => ({ provider: 'jsdelivr', 'api-url': emulator.url, ...more })
const files = (count: number) => Array.from({ length: count }, (_, index) => `/gh/acme/site@main/dist/${index}.js`)

describe('jsDelivr end to end', () => {
  it('sends at most 20 paths a request, reads every status until finished, and reports the purge ids', async () => {
    const emulator = await start({ pendingPolls: 2 })
    const paths = ['https://cdn.jsdelivr.net/npm/lib@1/dist/lib.min.js', ...files(44)]
    const run = await runAction(inputs(emulator, { paths: paths.join('\n') }), fast)
    expect(run.exitCode).toBe(0)
    const posts = emulator.requests.filter((request) => request.method === 'POST')
    expect(posts.map((request) => [request.path, request.headers['content-type'], (request.body as { path: string[] }).path.length])).toEqual([
      ['/', 'application/json', 20],
      ['/', 'application/json', 20],
      ['/', 'application/json', 5],
    ])
    expect(posts.flatMap((request) => (request.body as { path: string[] }).path)).toEqual(['/npm/lib@1/dist/lib.min.js', ...files(44)])
    expect(posts.every((request) => request.headers.authorization === undefined)).toBe(true)
    const ids = emulator.purges.map((purge) => purge.id)
    // Each status read until finished: two pending answers, then the finished one.
    expect(ids.map((id) => emulator.polls.get(id))).toEqual([3, 3, 3])
    expect(run.outputs).toMatchObject({ purged: '45', failed: '0', requests: '3' })
    expect(JSON.parse(run.outputs.ids ?? '[]')).toEqual(ids)
    expect(run.summary).toContain('jsDelivr')
  })

  it('polls the status even with wait: false, since only it tells which paths were throttled', async () => {
    const emulator = await start({ pendingPolls: 1 })
    const run = await runAction(inputs(emulator, { paths: files(2).join('\n'), wait: 'false' }), fast)
    expect(run.exitCode).toBe(0)
    expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /', `GET /status/${emulator.purges[0]?.id}`, `GET /status/${emulator.purges[0]?.id}`])
  })

  it('reports throttled paths failed, with the word and a hint to purge later, and does not send them again', async () => {
    const emulator = await start({ pendingPolls: 0, recentlyPurged: ['/gh/acme/site@main/dist/1.js', '/gh/acme/site@main/dist/3.js'] })
    const run = await runAction(inputs(emulator, { paths: files(5).join('\n') }), fast)
    expect(run.exitCode).toBe(1)
    expect(emulator.purges).toHaveLength(1)
    expect(emulator.purges[0]?.throttled).toEqual(['/gh/acme/site@main/dist/1.js', '/gh/acme/site@main/dist/3.js'])
    expect(run.outputs).toMatchObject({ purged: '3', failed: '2', requests: '1' })
    expect(run.errors).toEqual([
      '2 of 5 items were not purged (3 purged): 2 paths on cdn.jsdelivr.net: throttled: jsDelivr purged these paths a short while ago and refuses to purge them again so soon; purge them again later',
    ])
    // One request, one id: the throttled paths are split off the purged ones, not counted again.
    const id = emulator.purges[0]?.id
    expect(result(run).batches.map((batch) => [batch.items.length, batch.status, batch.id, batch.attempts])).toEqual([
      [3, 'purged', id, 1],
      [2, 'failed', id, 1],
    ])
    expect(result(run).batches[1]?.items).toEqual(['https://cdn.jsdelivr.net/gh/acme/site@main/dist/1.js', 'https://cdn.jsdelivr.net/gh/acme/site@main/dist/3.js'])
    expect(JSON.parse(run.outputs.ids ?? '[]')).toEqual([id])
    expect(run.stdout).toContain('FAILED 2 paths after 1 attempt: throttled')
  })

  it('with fail-on-error: false, a throttled path is a warning and the step succeeds', async () => {
    const emulator = await start({ pendingPolls: 0, recentlyPurged: ['/gh/acme/site@main/dist/0.js'] })
    const run = await runAction(inputs(emulator, { paths: files(2).join('\n'), 'fail-on-error': 'false' }), fast)
    expect(run.exitCode).toBe(0)
    expect(run.warnings.join('\n')).toContain('throttled')
    expect(run.outputs).toMatchObject({ purged: '1', failed: '1' })
  })

  it('fails a path one of jsDelivr CDNs did not purge, naming it, and a purge whose status ends failed', async () => {
    const emulator = await start({ pendingPolls: 0, failingProviders: { '/npm/lib@1/a.js': ['FY'] }, failedPurges: ['/npm/broken@1/x.js'] })
    const run = await runAction(inputs(emulator, { paths: '/npm/lib@1/a.js\n/npm/lib@1/b.js\n/npm/broken@1/x.js', 'batch-size': '2' }), fast)
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ purged: '1', failed: '2', requests: '2' })
    expect(run.errors[0]).toContain('FY')
  })

  it('fails what is still pending at the timeout, and says so', async () => {
    const emulator = await start({ pendingPolls: 1_000_000 })
    const run = await runAction(inputs(emulator, { paths: files(3).join('\n'), timeout: '2' }), { env: { CDN_PURGE_TIME_SCALE: '20' } })
    expect(run.exitCode).toBe(1)
    expect(run.durationMs).toBeLessThan(2_000 + 3_000)
    expect(run.outputs).toMatchObject({ purged: '0', failed: '3', requests: '1' })
    expect(run.errors[0]).toContain('pending')
  })

  it('rejects a pinned version (explaining why), a wildcard and a foreign URL together, and keys, scope: all and a batch-size over 20, with no request', async () => {
    const emulator = await start()
    const run = await runAction(
      inputs(emulator, {
        paths: '/npm/lib@1.2.3/a.js\nhttps://cdn.jsdelivr.net/gh/acme/site@0123456789abcdef0123456789abcdef01234567/a.js\n/gh/acme/site@main/*\nhttps://example.com/a.js',
      }),
    )
    expect(run.exitCode).toBe(1)
    expect(emulator.requests).toHaveLength(0)
    const message = run.errors.join('\n')
    expect(message).toContain('"/npm/lib@1.2.3/a.js" names the fixed version 1.2.3: jsDelivr caches a fixed version\'s files for good')
    expect(message).toContain('a branch (@main), a range (@1 or @1.2) or @latest')
    expect(message).toContain('names the commit 0123456789ab...')
    expect(message).toContain('no wildcard purge')
    expect(message).toContain('expected a jsDelivr URL')

    const more = await runAction(inputs(emulator, { paths: '/npm/lib@1/a.js', keys: 'release' }))
    expect(more.exitCode).toBe(1)
    expect(more.errors.join('\n')).toMatch(/input keys/)
    const batch = await runAction(inputs(emulator, { paths: '/npm/lib@1/a.js', 'batch-size': '21' }))
    expect(batch.exitCode).toBe(1)
    expect(batch.errors.join('\n')).toMatch(/batch-size/)

    const all = await runAction(inputs(emulator, { scope: 'all' }))
    expect(all.exitCode).toBe(1)
    expect(all.errors.join('\n')).toMatch(/scope/)
    expect(emulator.requests).toHaveLength(0)
  })

  it('dry-run prints the exact requests and sends none', async () => {
    const emulator = await start()
    const run = await runAction(inputs(emulator, { paths: files(21).join('\n'), 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(emulator.requests).toHaveLength(0)
    expect(run.stdout).toContain(`POST ${emulator.url}/ ${JSON.stringify({ path: files(20) })}`)
    expect(run.stdout).toContain(`POST ${emulator.url}/ ${JSON.stringify({ path: files(21).slice(20) })}`)
    expect(run.outputs).toMatchObject({ requests: '0', ids: '[]' })
  })
})

describe('jsDelivr verify', () => {
  let ca: ThrowawayCa
  let edge: Edge | undefined
  let proxy: ConnectProxy | undefined
  beforeAll(() => {
    ca = makeThrowawayCa(['jsdelivr.net'])
  })
  afterEach(async () => {
    await Promise.all([edge?.close(), proxy?.close()])
    edge = proxy = undefined
  })

  // jsDelivr names no cache-status style: the answer's own header is read (here Fastly's x-cache).
  it('requests the purged files on cdn.jsdelivr.net and reads whichever status header answers', async () => {
    const started = await startEdge({ style: 'fastly', tls: ca })
    edge = started
    proxy = await startConnectProxy(['jsdelivr.net'], () => started.port)
    const emulator = await start({ pendingPolls: 0, recentlyPurged: ['/gh/acme/site@main/dist/1.js'], onPurge: (paths) => started.purge({ files: paths.map((path) => `https://cdn.jsdelivr.net${path}`) }) })
    const run = await runAction(inputs(emulator, { paths: files(2).join('\n'), verify: 'true', 'fail-on-error': 'false' }), {
      env: { ...fast.env, HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost', NODE_EXTRA_CA_CERTS: ca.caFile },
    })
    expect(run.exitCode).toBe(0)
    // Only the purged file is checked; the throttled one failed and is not sampled.
    expect(result(run).verification).toEqual([
      { url: 'https://cdn.jsdelivr.net/gh/acme/site@main/dist/0.js', header: 'x-cache', status: 'MISS, MISS', age: null, verdict: 'fresh', checks: 1, error: null },
    ])
    expect(run.outputs).toMatchObject({ purged: '1', failed: '1', verified: '1', stale: '0' })
  })
})
