import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLEAR_CACHE_PATH, startEdgioEmulator, type EdgioEmulator } from '../emulators/edgio.js'
import { result, runAction } from './run-action.js'

const token = 'edgio-deploy-token-0123456789'
const site = { team: 'acme', site: 'www', environment: 'production' }

let edgio: EdgioEmulator
beforeEach(async () => {
  edgio = await startEdgioEmulator({ token, ...site })
})
afterEach(async () => {
  await edgio.close()
})

const inputs = (more: Record<string, string>) => ({ provider: 'edgio', token, ...site, 'api-url': edgio.url, ...more })
const bodies = () => edgio.requests.map((request) => request.body)
const paths = (count: number) => Array.from({ length: count }, (_, index) => `/p/${index}.html`)

describe('Edgio end to end', () => {
  it('clears paths, surrogate keys and cache hashes in separate requests, each batched by 100', async () => {
    const run = await runAction(
      inputs({
        paths: [...paths(149), 'https://www.example.com/sports/*?lang=en#top'].join('\n'),
        keys: 'product-1, product-2',
        'cache-hashes': 'a1b2c3',
      }),
    )
    expect(run.exitCode).toBe(0)
    const all = [...paths(149), '/sports/*?lang=en']
    expect(bodies()).toEqual([
      { ...site, paths: all.slice(0, 100) },
      { ...site, paths: all.slice(100) },
      { ...site, surrogateKeys: ['product-1', 'product-2'] },
      { ...site, cacheHashes: ['a1b2c3'] },
    ])
    for (const request of edgio.requests) {
      expect(request).toMatchObject({ method: 'POST', path: CLEAR_CACHE_PATH })
      expect(request.headers).toMatchObject({ 'x-api-key': token, 'content-type': 'application/json' })
    }
    expect(run.outputs).toMatchObject({ purged: '153', failed: '0', requests: '4', ids: '[]' })
    expect(result(run).batches.map((batch) => [batch.target, batch.kind, batch.items.length, batch.status, batch.id])).toEqual([
      ['acme/www/production', 'paths', 100, 'purged', null],
      ['acme/www/production', 'paths', 50, 'purged', null],
      ['acme/www/production', 'surrogateKeys', 2, 'purged', null],
      ['acme/www/production', 'cacheHashes', 1, 'purged', null],
    ])
    expect(run.summary).toContain('## CDN purge: Edgio')
    expect(run.summary).toContain('**Targets:** <code>acme/www/production</code>')
    expect(run.summary).toContain('**Totals:** 153 purged, 0 failed, 4 requests')
    expect(run.stdout).toContain('::group::Edgio acme/www/production: 4 batches')
    expect(run.stdout).toMatch(/^purged 2 surrogateKeys \(1 attempt\)$/m)
  })

  it('reports the id of a JSON answer in ids and the summary', async () => {
    edgio.answer = 'json'
    const run = await runAction(inputs({ paths: '/index.html' }))
    expect(run.exitCode).toBe(0)
    const id = edgio.clears[0]?.id ?? 'missing'
    expect(JSON.parse(run.outputs.ids ?? '')).toEqual([id])
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', id })
    expect(run.summary).toContain(`<td>${id}</td>`)
    expect(run.stdout).toContain(`purged 1 paths (id ${id}, 1 attempt)`)
  })

  it('takes an empty 204 answer as success', async () => {
    edgio.answer = 'empty'
    const run = await runAction(inputs({ keys: 'release' }))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ purged: '1', failed: '0', requests: '1', ids: '[]' })
  })

  it('sends a body without any list only for scope: all', async () => {
    const run = await runAction(inputs({ scope: 'all' }))
    expect(run.exitCode).toBe(0)
    expect(bodies()).toEqual([site])
    expect(run.outputs).toMatchObject({ purged: '1', failed: '0', requests: '1' })
    expect(result(run).batches).toMatchObject([{ kind: 'everything', items: [], status: 'purged' }])
  })

  it('never turns an empty list into a clear of the whole environment', async () => {
    const run = await runAction(inputs({ paths: '# nothing this time\n', keys: ',' }))
    expect(run.exitCode).toBe(1)
    expect(edgio.requests).toHaveLength(0)
    expect(run.errors[0]).toMatch(/^input paths: nothing to purge/)
  })

  it('respects batch-size, and rejects one above the maximum of 1,000', async () => {
    const ok = await runAction(inputs({ keys: 'a,b,c,d,e', 'batch-size': '2' }))
    expect(ok.exitCode).toBe(0)
    expect(bodies().map((body) => (body as { surrogateKeys: string[] }).surrogateKeys)).toEqual([['a', 'b'], ['c', 'd'], ['e']])

    const tooLarge = await runAction(inputs({ keys: 'a', 'batch-size': '1001' }))
    expect(tooLarge.exitCode).toBe(1)
    expect(tooLarge.errors).toEqual(['input batch-size: at most 1000 for surrogateKeys on Edgio, got 1001'])
    expect(edgio.requests).toHaveLength(3)
  })

  it('dry-run plans and prints the exact requests, sending none and needing no token', async () => {
    const run = await runAction(inputs({ token: '', paths: '/a\nhttps://www.example.com/b?x=1', keys: 'k', 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(edgio.requests).toHaveLength(0)
    expect(run.outputs).toMatchObject({ purged: '0', failed: '0', requests: '0' })
    expect(run.stdout).toContain(`POST ${edgio.url}/api/v1/clear-cache {"team":"acme","site":"www","environment":"production","paths":["/a","/b?x=1"]}`)
    expect(run.stdout).toContain(`POST ${edgio.url}/api/v1/clear-cache {"team":"acme","site":"www","environment":"production","surrogateKeys":["k"]}`)
    expect(run.summary).toContain('## CDN purge: Edgio (dry run: nothing was sent)')
    expect(run.summary).toContain('**Planned:** 2 requests, 3 items')
  })

  it('reports every input error at once, one line each, and sends nothing', async () => {
    const run = await runAction(
      inputs({ environment: '', paths: 'sports/a\nftp://example.com/x\n/a b', keys: '["spaced key"]', hosts: 'www.example.com', wait: 'true' }),
    )
    expect(run.exitCode).toBe(1)
    expect(edgio.requests).toHaveLength(0)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]?.split('\n').sort()).toEqual([
      'input environment: required for provider edgio',
      'input hosts: does not apply to provider edgio; it is for cloudflare',
      'input keys: surrogate keys cannot contain spaces, got "spaced key"',
      'input paths: expected a path from the root such as /sports/* or an http(s) URL, got "ftp://example.com/x"',
      'input paths: expected a path from the root such as /sports/* or an http(s) URL, got "sports/a"',
      'input paths: paths cannot contain spaces (encode them as %20), got "/a b"',
      'input wait: does not apply to provider edgio; it is for cloudimage, cloudfront, akamai, cloud-cdn, front-door, jsdelivr',
    ])
  })
})

describe('Edgio failures', () => {
  it.each([
    ['a wrong deploy token (403)', { token: 'not-the-token' }, 'HTTP 403: Forbidden: invalid deploy token'],
    ['an unknown environment (404)', { environment: 'staging' }, 'HTTP 404: Environment acme/www/staging not found'],
  ])('fails on %s with the status and body text, without retrying', async (_name, more, error) => {
    const run = await runAction(inputs({ paths: '/a', ...more }))
    expect(run.exitCode).toBe(1)
    expect(edgio.requests).toHaveLength(1)
    expect(run.errors).toEqual([`1 of 1 items were not purged (0 purged): 1 paths on ${result(run).targets[0]}: ${error}`])
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1', requests: '1' })
  })

  it('does not retry a 401, and trims its body text', async () => {
    edgio.faults.push({ status: 401, body: '\n  {"error": "token expired"}  \n' })
    const run = await runAction(inputs({ paths: '/a' }))
    expect(run.exitCode).toBe(1)
    expect(edgio.requests).toHaveLength(1)
    expect(run.errors[0]).toMatch(/: HTTP 401: \{"error": "token expired"\}$/)
  })

  it('retries a 503 and then clears', async () => {
    edgio.faults.push({ status: 503, body: 'Service Unavailable' })
    const run = await runAction(inputs({ paths: '/a', retries: '1' }))
    expect(run.exitCode).toBe(0)
    expect(edgio.requests).toHaveLength(2)
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
  })

  it('names the host it cannot reach, without the shutdown note for a host of your own', async () => {
    const port = await closedPort()
    const run = await runAction(inputs({ paths: '/a', 'api-url': `http://127.0.0.1:${port}`, retries: '0' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain(`1 paths on acme/www/production: connect ECONNREFUSED 127.0.0.1:${port} (127.0.0.1:${port})`)
    expect(run.errors[0]).not.toContain('Edgio platform ended service')
    expect(run.outputs).toMatchObject({ purged: '0', failed: '1', requests: '1' })
  })

  it('never shows the token, even when the API echoes it', async () => {
    edgio.faults.push({ status: 400, body: `bad request for token ${token}` })
    const run = await runAction(inputs({ paths: '/a' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('HTTP 400: bad request for token ***')
  })
})

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}
