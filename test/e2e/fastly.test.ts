import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ERRORS, startFastlyEmulator, type FastlyEmulator, type FastlyEmulatorOptions } from '../emulators/fastly.js'
import { result, runAction } from './run-action.js'

const token = 'fastly-e2e-token-0123456789abcdef'
const service = 'SU1Z0isxPaozGVKXdv0eY'

let fastly: FastlyEmulator
async function start(options: FastlyEmulatorOptions = {}) {
  fastly = await startFastlyEmulator({ tokens: [{ token, scopes: ['global'] }], services: [service], ...options })
}
beforeEach(async () => {
  await start()
})
afterEach(async () => {
  await fastly.close()
})

const inputs = (more: Record<string, string>) => ({ provider: 'fastly', token, 'api-url': fastly.url, ...more })
const keys = (count: number) => Array.from({ length: count }, (_, index) => `product-${index}`)

describe('Fastly end to end', () => {
  it('purges each URL with its own request, relative ones on base-url, query kept, and reports the purge ids', async () => {
    const run = await runAction(
      inputs({ paths: 'https://www.example.com/index.html\n/assets/site.css?v=2\nhttps://img.example.com/a.png', 'base-url': 'https://www.example.com' }),
    )
    expect(run.exitCode).toBe(0)
    // Sent 8 at a time, so in any order.
    expect(fastly.requests.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.query)}`).sort()).toEqual([
      'POST /purge/img.example.com/a.png {}',
      'POST /purge/www.example.com/assets/site.css {"v":"2"}',
      'POST /purge/www.example.com/index.html {}',
    ])
    expect(fastly.requests.every((request) => request.headers['fastly-key'] === token && request.rawBody === '')).toBe(true)
    expect(fastly.requests.every((request) => request.headers['fastly-soft-purge'] === undefined)).toBe(true)
    expect(fastly.purges.map((purge) => purge.url).sort()).toEqual(['img.example.com/a.png', 'www.example.com/assets/site.css?v=2', 'www.example.com/index.html'])
    expect(run.outputs).toMatchObject({ purged: '3', failed: '0', requests: '3' })
    expect(JSON.parse(run.outputs.ids ?? '').sort()).toEqual(fastly.purges.flatMap((purge) => purge.ids).sort())
    const json = result(run)
    expect(json.targets).toEqual(['www.example.com', 'img.example.com'])
    expect(json.batches.map((batch) => [batch.target, batch.kind, batch.items, batch.status])).toEqual([
      ['www.example.com', 'urls', ['https://www.example.com/index.html'], 'purged'],
      ['www.example.com', 'urls', ['https://www.example.com/assets/site.css?v=2'], 'purged'],
      ['img.example.com', 'urls', ['https://img.example.com/a.png'], 'purged'],
    ])
    expect(run.summary).toContain('## CDN purge: Fastly')
    expect(run.summary).toContain('**Targets:** <code>www.example.com</code>, <code>img.example.com</code>')
    expect(run.stdout).toContain('::group::Fastly www.example.com: 2 batches')
    expect(run.stdout).toMatch(/^purged 1 urls \(id 108-\d+-\d+, 1 attempt\)$/m)
  })

  it('purges 300 surrogate keys as 256 + 44 in JSON bodies, and lists every purge id', async () => {
    const run = await runAction(inputs({ keys: keys(300).join('\n'), service }))
    expect(run.exitCode).toBe(0)
    expect(fastly.requests.map((request) => [request.path, request.headers['content-type'], request.body])).toEqual([
      [`/service/${service}/purge`, 'application/json', { surrogate_keys: keys(256) }],
      [`/service/${service}/purge`, 'application/json', { surrogate_keys: keys(300).slice(256) }],
    ])
    expect(run.outputs).toMatchObject({ purged: '300', failed: '0', requests: '2' })
    const ids = fastly.purges.flatMap((purge) => purge.ids)
    expect(ids).toHaveLength(300)
    expect(JSON.parse(run.outputs.ids ?? '')).toEqual(ids)
    expect(result(run).batches.map((batch) => [batch.target, batch.kind, batch.items.length, batch.id, batch.ids?.length])).toEqual([
      [`service ${service}`, 'keys', 256, null, 256],
      [`service ${service}`, 'keys', 44, null, 44],
    ])
    expect(run.summary).toContain(`<td>${ids[0]} and 255 more</td>`)
  })

  it('soft: true sends Fastly-Soft-Purge: 1 on URL and key purges; soft: false sends no header at all', async () => {
    const soft = await runAction(inputs({ paths: 'https://www.example.com/a', keys: 'k', service, soft: 'true' }))
    expect(soft.exitCode).toBe(0)
    expect(fastly.requests.map((request) => request.headers['fastly-soft-purge'])).toEqual(['1', '1'])
    fastly.requests.length = 0
    const hard = await runAction(inputs({ paths: 'https://www.example.com/a', keys: 'k', service, soft: 'false' }))
    expect(hard.exitCode).toBe(0)
    expect(fastly.requests).toHaveLength(2)
    expect(fastly.requests.every((request) => !('fastly-soft-purge' in request.headers))).toBe(true)
  })

  it('purges everything only for scope: all, with purge_all and never a soft header', async () => {
    const run = await runAction(inputs({ scope: 'all', service, soft: 'false' }))
    expect(run.exitCode).toBe(0)
    expect(fastly.requests.map((request) => [request.path, request.headers['fastly-soft-purge']])).toEqual([[`/service/${service}/purge_all`, undefined]])
    expect(run.outputs).toMatchObject({ purged: '1', failed: '0', requests: '1', ids: '[]' })
  })

  it('dry-run prints the exact requests, sends none and needs no token', async () => {
    const run = await runAction(inputs({ token: '', paths: 'https://www.example.com/a.css', keys: 'k1,k2', service, 'dry-run': 'true' }))
    expect(run.exitCode).toBe(0)
    expect(fastly.requests).toHaveLength(0)
    expect(run.stdout).toContain(`POST ${fastly.url}/purge/www.example.com/a.css\n`)
    expect(run.stdout).toContain(`POST ${fastly.url}/service/${service}/purge {"surrogate_keys":["k1","k2"]}`)
    expect(run.summary).toContain('**Planned:** 2 requests, 3 items')
  })

  it('rejects a *, a relative path without base-url, a key with a space and keys without service, all at once, sending nothing', async () => {
    const run = await runAction(
      inputs({ paths: 'https://www.example.com/ok\nhttps://www.example.com/img/*\n/relative.css', keys: 'good, has space', 'batch-size': '300', 'pull-zone': '12345' }),
    )
    expect(run.exitCode).toBe(1)
    expect(fastly.requests).toHaveLength(0)
    expect(run.errors[0]?.split('\n').sort()).toEqual([
      'input batch-size: at most 1 for urls on Fastly, got 300',
      'input keys: a surrogate key has no spaces (a Surrogate-Key header separates keys with spaces), got "has space"',
      'input paths: "/relative.css" is not an absolute URL; give base-url (e.g. https://www.example.com) for relative paths, or the full https:// URL',
      'input paths: Fastly has no wildcard purge, got "https://www.example.com/img/*"; tag those objects with a Surrogate-Key header and purge the key with keys instead',
      'input pull-zone: does not apply to provider fastly; it is for bunny',
      'input service: required for keys on Fastly; give the service ID (Fastly console, or fastly service list)',
    ])
  })

  it('rejects soft with scope: all, and scope: all without service', async () => {
    const run = await runAction(inputs({ scope: 'all', soft: 'true' }))
    expect(run.exitCode).toBe(1)
    expect(fastly.requests).toHaveLength(0)
    expect(run.errors[0]?.split('\n').sort()).toEqual([
      'input service: required for scope: all on Fastly; give the service ID (Fastly console, or fastly service list)',
      'input soft: Fastly cannot soft-purge everything (purge_all is always a hard purge); remove soft, or soft-purge a surrogate key that every object carries',
    ])
  })

  it('rejects a batch-size above 256 for keys', async () => {
    const run = await runAction(inputs({ keys: 'a', service, 'batch-size': '257' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual(['input batch-size: at most 256 for keys on Fastly, got 257'])
  })
})

describe('Fastly faults', () => {
  it('waits for Fastly-RateLimit-Reset on a 429, then purges', async () => {
    // At least a second and a half away once the action reads it: more than the first backoff.
    const reset = Math.ceil(Date.now() / 1000) + 3
    fastly.faults.push({ status: 429, headers: { 'Fastly-RateLimit-Remaining': '0', 'Fastly-RateLimit-Reset': String(reset) } })
    const run = await runAction(inputs({ scope: 'all', service }))
    expect(run.exitCode).toBe(0)
    expect(fastly.requests).toHaveLength(2)
    // Backoff alone would have retried within a second; the retry came once the window reset.
    expect(fastly.requests[1]?.at).toBeGreaterThanOrEqual(reset * 1000 - 5)
    expect(run.stdout).toMatch(/retrying \/service\/\w+\/purge_all in \d(\.\d)? s \(attempt 1 failed: HTTP 429, Fastly: Rate limit exceeded: Too many requests this hour \(Fastly API rate limit; it resets at /)
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
  })

  it('gives up at once when the rate limit resets after the timeout, and says when it resets', async () => {
    await fastly.close()
    await start({ hourlyLimit: 0 })
    const run = await runAction(inputs({ scope: 'all', service, timeout: '60' }))
    expect(run.exitCode).toBe(1)
    expect(fastly.requests).toHaveLength(1)
    expect(run.errors[0]).toMatch(/^1 of 1 items were not purged \(0 purged\): 1 purge everything on service \w+: HTTP 429, Fastly: Rate limit exceeded: Too many requests this hour \(Fastly API rate limit; it resets at \S+Z\); gave up: the next try \(in \d+(\.\d)? s\) would pass the timeout$/)
  })

  it.each([
    ['a 429 without rate-limit headers', { status: 429 }],
    ['a 503', { status: 503 }],
    ['a connection reset', { reset: true as const }],
  ])('retries %s and purges', async (_name, fault) => {
    fastly.faults.push(fault)
    const run = await runAction(inputs({ paths: 'https://www.example.com/a' }))
    expect(run.exitCode).toBe(0)
    expect(fastly.requests).toHaveLength(2)
    expect(result(run).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
  })

  it("shows Fastly's own 400 for a batch over 256 keys, without retrying", async () => {
    fastly.faults.push({ status: 400, body: JSON.stringify(ERRORS.tooManyKeys) })
    const run = await runAction(inputs({ keys: 'a', service }))
    expect(run.exitCode).toBe(1)
    expect(fastly.requests).toHaveLength(1)
    expect(run.errors[0]).toBe('1 of 1 items were not purged (0 purged): 1 keys on service SU1Z0isxPaozGVKXdv0eY: HTTP 400, Fastly: Batch surrogate key request only supports up to 256 surrogate keys')
  })

  it('says which scope a token lacks for purge_all, without retrying', async () => {
    await fastly.close()
    await start({ tokens: [{ token, scopes: ['purge_select'] }] })
    const run = await runAction(inputs({ scope: 'all', service }))
    expect(run.exitCode).toBe(1)
    expect(fastly.requests).toHaveLength(1)
    expect(run.errors[0]).toContain(
      'HTTP 403, Fastly: Forbidden: The token does not have the scope this purge needs, or access to this service (the token needs the purge_select scope, or purge_all for scope: all, and access to this service)',
    )
  })

  it('reads JSON:API errors too', async () => {
    fastly.faults.push({ status: 404, body: JSON.stringify({ errors: [{ title: 'Not found', detail: 'Service not found', status: '404' }] }) })
    const run = await runAction(inputs({ keys: 'a', service }))
    expect(run.errors[0]).toContain('HTTP 404, Fastly: Not found: Service not found')
  })

  it('fails on a 200 that is not a Fastly answer', async () => {
    fastly.faults.push({ nonJson: true })
    const run = await runAction(inputs({ paths: 'https://www.example.com/a' }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]).toContain('HTTP 200, not a Fastly purge answer: Just a moment...')
  })

  it('never shows the token, even when the API echoes it in a 401', async () => {
    await fastly.close()
    await start({ tokens: [{ token: 'the-real-token-9876543210', scopes: ['global'] }], echoToken: true })
    const run = await runAction(inputs({ paths: 'https://www.example.com/a' }))
    expect(run.exitCode).toBe(1)
    expect(fastly.requests[0]?.headers['fastly-key']).toBe(token)
    expect(run.errors[0]).toContain("HTTP 401, Fastly: Provided credentials are missing or invalid: key '***' (token must be a Fastly API token, sent as Fastly-Key)")
    expect(run.stdout).toContain(`::add-mask::${token}`)
  })
})
