import Cloudflare, { APIError } from 'cloudflare'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_EMAIL,
  DEFAULT_GLOBAL_KEY,
  DEFAULT_TOKEN,
  DEFAULT_ZONES,
  startCloudflareEmulator,
  type CloudflareEmulator,
  type CloudflareEmulatorOptions,
  type CloudflareZone,
} from './cloudflare.js'

const COM = DEFAULT_ZONES[0] as CloudflareZone
const ORG = DEFAULT_ZONES[1] as CloudflareZone

interface Envelope {
  success: boolean
  errors: { code: number; message: string }[]
  messages: unknown[]
  result: unknown
  result_info?: { page: number; per_page: number; count: number; total_count: number; total_pages: number }
}

const running: CloudflareEmulator[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

async function start(options?: CloudflareEmulatorOptions): Promise<CloudflareEmulator> {
  const emulator = await startCloudflareEmulator(options)
  running.push(emulator)
  return emulator
}

// Explicit nulls keep CLOUDFLARE_* variables of the environment out of the test.
function sdk(emulator: CloudflareEmulator, apiToken = DEFAULT_TOKEN): Cloudflare {
  return new Cloudflare({ apiToken, apiKey: null, apiEmail: null, userServiceKey: null, baseURL: emulator.url, maxRetries: 0 })
}

function purge(
  emulator: CloudflareEmulator,
  body: unknown,
  { zoneId = COM.id, token = DEFAULT_TOKEN, contentType = 'application/json' } = {},
): Promise<Response> {
  return fetch(`${emulator.url}/zones/${zoneId}/purge_cache`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function lookup(emulator: CloudflareEmulator, path: string, token = DEFAULT_TOKEN): Promise<Response> {
  return fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
}

async function envelope(response: Response): Promise<Envelope> {
  return (await response.json()) as Envelope
}

function urls(count: number, host = 'www.example.com'): string[] {
  return Array.from({ length: count }, (_, index) => `https://${host}/asset-${index}.css`)
}

function manyZones(count: number): CloudflareZone[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index.toString(16).padStart(32, 'a'),
    name: `zone${index}.example`,
  }))
}

describe('cloudflare emulator, through the official SDK', () => {
  it('finds a zone by name and stops paging', async () => {
    const emulator = await start()
    const found = []
    for await (const zone of sdk(emulator).zones.list({ name: 'example.com' })) found.push(zone)
    expect(found.map((zone) => [zone.id, zone.name, zone.status])).toEqual([[COM.id, 'example.com', 'active']])
    expect(emulator.requests.map((request) => request.query)).toEqual([
      { name: 'example.com' },
      { name: 'example.com', page: '2' },
    ])
  })

  it('pages through 12 zones five at a time, ending on the empty page', async () => {
    const zones = manyZones(12)
    const emulator = await start({ zones })
    const found = []
    for await (const zone of sdk(emulator).zones.list({ per_page: 5 })) found.push(zone.id)
    expect(found).toEqual(zones.map((zone) => zone.id))
    expect(emulator.requests.map((request) => request.query.page ?? '1')).toEqual(['1', '2', '3', '4'])
  })

  it('gets a zone by id', async () => {
    const emulator = await start()
    const zone = await sdk(emulator).zones.get({ zone_id: ORG.id })
    expect(zone.name).toBe('example.org')
    expect(zone.account.id).toMatch(/^[0-9a-f]{32}$/)
  })

  it('purges files and returns the id it recorded', async () => {
    const emulator = await start()
    const files = ['https://www.example.com/css/styles.css', 'https://example.com/?a=1']
    const result = await sdk(emulator).cache.purge({ zone_id: COM.id, files })
    expect(result?.id).toMatch(/^[0-9a-f]{32}$/)
    expect(emulator.purges).toEqual([{ zoneId: COM.id, body: { files }, id: result?.id }])
    expect(emulator.requests[0]?.headers['content-type']).toBe('application/json')
  })

  it('purges files with custom cache-key headers', async () => {
    const emulator = await start()
    const files = [{ url: 'https://www.example.com/', headers: { 'CF-Device-Type': 'mobile' } }]
    await sdk(emulator).cache.purge({ zone_id: COM.id, files })
    expect(emulator.purges[0]?.body).toEqual({ files })
  })

  it('purges by tags, hosts and prefixes', async () => {
    const emulator = await start()
    const client = sdk(emulator)
    await client.cache.purge({ zone_id: COM.id, tags: ['release-42', 'Product'] })
    await client.cache.purge({ zone_id: COM.id, hosts: ['www.example.com', 'example.com'] })
    await client.cache.purge({ zone_id: ORG.id, prefixes: ['www.example.org/blog/'] })
    expect(emulator.purges.map((accepted) => [accepted.zoneId, accepted.body])).toEqual([
      [COM.id, { tags: ['release-42', 'Product'] }],
      [COM.id, { hosts: ['www.example.com', 'example.com'] }],
      [ORG.id, { prefixes: ['www.example.org/blog/'] }],
    ])
  })

  it('purges everything', async () => {
    const emulator = await start()
    await sdk(emulator).cache.purge({ zone_id: ORG.id, purge_everything: true })
    expect(emulator.purges[0]).toMatchObject({ zoneId: ORG.id, body: { purge_everything: true } })
  })

  it('rejects a wrong token with an SDK error of status 403 and code 10000', async () => {
    const emulator = await start()
    const failure = await sdk(emulator, 'wrong-token')
      .cache.purge({ zone_id: COM.id, purge_everything: true })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(APIError)
    expect((failure as APIError).status).toBe(403)
    expect((failure as APIError).errors).toEqual([{ code: 10000, message: 'Authentication error' }])
    expect(emulator.purges).toEqual([])
  })

  it('accepts the legacy email and Global API key', async () => {
    const emulator = await start()
    const client = new Cloudflare({
      apiToken: null,
      apiEmail: DEFAULT_EMAIL,
      apiKey: DEFAULT_GLOBAL_KEY,
      userServiceKey: null,
      baseURL: emulator.url,
      maxRetries: 0,
    })
    const result = await client.cache.purge({ zone_id: COM.id, tags: ['a'] })
    expect(result?.id).toBe(emulator.purges[0]?.id)
    expect(emulator.requests[0]?.headers).toMatchObject({ 'x-auth-email': DEFAULT_EMAIL, 'x-auth-key': DEFAULT_GLOBAL_KEY })
  })

  it('shows a token without Zone Read no zones, and 403/9109 for one zone', async () => {
    const emulator = await start({ zoneReadToken: false })
    const client = sdk(emulator)
    const found = []
    for await (const zone of client.zones.list({ name: 'example.com' })) found.push(zone)
    expect(found).toEqual([])
    const failure = await client.zones.get({ zone_id: COM.id }).catch((error: unknown) => error)
    expect((failure as APIError).status).toBe(403)
    expect((failure as APIError).errors[0]?.code).toBe(9109)
  })
})

describe('cloudflare emulator, strict purge validation', () => {
  const cases: { name: string; body: unknown; status: number; code: number; message?: RegExp }[] = [
    { name: 'empty body', body: '', status: 400, code: 1012, message: /must contain one of/ },
    { name: 'empty object', body: {}, status: 400, code: 1012 },
    { name: 'JSON array body', body: [], status: 400, code: 1012 },
    { name: 'malformed JSON', body: '{"files": [', status: 400, code: 6007 },
    { name: 'two kinds', body: { files: urls(1), tags: ['a'] }, status: 400, code: 1013, message: /only one of files, tags/ },
    { name: 'unknown field', body: { tags: ['a'], zone: 'x' }, status: 400, code: 1013 },
    { name: 'purge_everything not true', body: { purge_everything: false }, status: 400, code: 1013 },
    { name: 'empty files', body: { files: [] }, status: 400, code: 1013 },
    { name: '31 files', body: { files: urls(31) }, status: 400, code: 1094 },
    { name: '101 tags', body: { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, status: 400, code: 1101 },
    { name: '101 hosts', body: { hosts: Array.from({ length: 101 }, (_, i) => `h${i}.example.com`) }, status: 400, code: 1111 },
    { name: '101 prefixes', body: { prefixes: Array.from({ length: 101 }, (_, i) => `example.com/p${i}`) }, status: 400, code: 1109 },
    { name: 'relative URL', body: { files: ['/index.html'] }, status: 400, code: 1082, message: /absolute http\(s\) URL/ },
    { name: 'ftp URL', body: { files: ['ftp://www.example.com/a'] }, status: 400, code: 1082 },
    { name: 'wildcard URL', body: { files: ['https://www.example.com/blog/*'] }, status: 400, code: 1082, message: /wildcard/ },
    { name: 'URL outside the zone', body: { files: ['https://example.org/a.css'] }, status: 400, code: 1082, message: /^You can only purge files for this zone/ },
    { name: 'look-alike domain', body: { files: ['https://notexample.com/a.css'] }, status: 400, code: 1082 },
    { name: 'mixed files', body: { files: ['https://example.com/a', { url: 'https://example.com/b' }] }, status: 400, code: 1013 },
    { name: 'non-string header value', body: { files: [{ url: 'https://example.com/', headers: { 'CF-IPCountry': 1 } }] }, status: 400, code: 1013 },
    { name: 'tag over 1024 characters', body: { tags: ['x'.repeat(1025)] }, status: 400, code: 1100 },
    { name: 'tag with a space', body: { tags: ['a b'] }, status: 400, code: 1013 },
    { name: 'host with a scheme', body: { hosts: ['https://www.example.com'] }, status: 400, code: 1013 },
    { name: 'host with a path', body: { hosts: ['www.example.com/a'] }, status: 400, code: 1013 },
    { name: 'host outside the zone', body: { hosts: ['www.example.org'] }, status: 400, code: 1082 },
    { name: 'prefix with a scheme', body: { prefixes: ['https://www.example.com/a'] }, status: 400, code: 1013 },
    { name: 'prefix with a query', body: { prefixes: ['www.example.com/a?b=1'] }, status: 400, code: 1013 },
    { name: 'prefix with 32 separators', body: { prefixes: [`example.com${'/a'.repeat(32)}`] }, status: 400, code: 1013 },
  ]

  it.each(cases)('rejects $name with $status/$code', async ({ body, status, code, message }) => {
    const emulator = await start()
    const response = await purge(emulator, body)
    const answer = await envelope(response)
    expect(response.status).toBe(status)
    expect(answer).toMatchObject({ success: false, messages: [], result: null })
    expect(answer.errors[0]?.code).toBe(code)
    if (message) expect(answer.errors[0]?.message).toMatch(message)
    expect(emulator.purges).toEqual([])
  })

  it('accepts exactly the limits: 30 files, 100 tags, a subdomain URL', async () => {
    const emulator = await start()
    expect((await purge(emulator, { files: urls(30, 'deep.www.example.com') })).status).toBe(200)
    expect((await purge(emulator, { tags: Array.from({ length: 100 }, (_, i) => `t${i}`) })).status).toBe(200)
    expect((await purge(emulator, { prefixes: [`example.com${'/a'.repeat(31)}`] })).status).toBe(200)
    expect(emulator.purges).toHaveLength(3)
  })

  it('applies a custom files limit', async () => {
    const emulator = await start({ filesLimit: 2 })
    expect((await purge(emulator, { files: urls(2) })).status).toBe(200)
    const answer = await envelope(await purge(emulator, { files: urls(3) }))
    expect(answer.errors[0]?.code).toBe(1094)
  })

  it('requires Content-Type application/json', async () => {
    const emulator = await start()
    const response = await purge(emulator, { purge_everything: true }, { contentType: 'text/plain' })
    expect(response.status).toBe(400)
    expect((await envelope(response)).errors[0]?.code).toBe(6003)
    expect((await purge(emulator, { purge_everything: true }, { contentType: 'application/json; charset=utf-8' })).status).toBe(200)
  })

  it('answers 7003 at HTTP 400 for a zone name or an unknown id', async () => {
    const emulator = await start()
    for (const zoneId of ['example.com', 'f'.repeat(32)]) {
      const response = await purge(emulator, { purge_everything: true }, { zoneId })
      const answer = await envelope(response)
      expect(response.status).toBe(400)
      expect(answer.errors[0]).toEqual({
        code: 7003,
        message: `Could not route to /zones/${zoneId}/purge_cache, perhaps your object identifier is invalid?`,
      })
    }
  })

  it('answers 403/10000 without credentials or with a wrong token, before validating', async () => {
    const emulator = await start()
    const anonymous = await fetch(`${emulator.url}/zones/${COM.id}/purge_cache`, { method: 'POST', body: '{}' })
    expect(anonymous.status).toBe(403)
    expect((await envelope(anonymous)).errors).toEqual([{ code: 10000, message: 'Authentication error' }])
    const wrong = await purge(emulator, {}, { token: 'nope' })
    expect((await envelope(wrong)).errors[0]?.code).toBe(10000)
  })

  it('echoes the presented token in auth errors only when echoToken is set', async () => {
    const quiet = await start()
    const echoing = await start({ echoToken: true })
    const secret = 'leaked-secret-abc123'
    const quietAnswer = await envelope(await purge(quiet, { purge_everything: true }, { token: secret }))
    const echoedAnswer = await envelope(await purge(echoing, { purge_everything: true }, { token: secret }))
    expect(quietAnswer.errors[0]?.message).not.toContain(secret)
    expect(echoedAnswer.errors[0]?.message).toContain(secret)
    expect(echoedAnswer.errors[0]?.code).toBe(10000)
  })

  it('answers 404/7000 for unknown routes and wrong methods', async () => {
    const emulator = await start()
    const routes: [string, string][] = [['GET', '/user'], ['GET', `/zones/${COM.id}/purge_cache`], ['DELETE', `/zones/${COM.id}`]]
    for (const [method, path] of routes) {
      const response = await fetch(`${emulator.url}${path}`, { method, headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } })
      expect(response.status).toBe(404)
      expect((await envelope(response)).errors[0]?.code).toBe(7000)
    }
  })
})

describe('cloudflare emulator, zone lookup', () => {
  it('answers an empty page past the end with the paging info', async () => {
    const emulator = await start()
    const answer = await envelope(await lookup(emulator, '/zones?page=3&per_page=5'))
    expect(answer.success).toBe(true)
    expect(answer.result).toEqual([])
    expect(answer.result_info).toEqual({ page: 3, per_page: 5, count: 0, total_count: 2, total_pages: 1 })
  })

  it('defaults to 20 a page and filters by exact name', async () => {
    const emulator = await start({ zones: manyZones(25) })
    const first = await envelope(await lookup(emulator, '/zones'))
    expect(first.result_info).toEqual({ page: 1, per_page: 20, count: 20, total_count: 25, total_pages: 2 })
    const byName = await envelope(await lookup(emulator, '/zones?name=zone3.example'))
    expect((byName.result as { name: string }[]).map((zone) => zone.name)).toEqual(['zone3.example'])
    const partial = await envelope(await lookup(emulator, '/zones?name=zone3'))
    expect(partial.result).toEqual([])
  })

  it.each(['per_page=4', 'per_page=51', 'page=0', 'page=x'])('rejects %s', async (query) => {
    const emulator = await start()
    const response = await lookup(emulator, `/zones?${query}`)
    expect(response.status).toBe(400)
    expect((await envelope(response)).success).toBe(false)
  })

  it('answers 7003 at HTTP 400 for an unknown zone id', async () => {
    const emulator = await start()
    const response = await lookup(emulator, `/zones/${'0'.repeat(32)}`)
    expect(response.status).toBe(400)
    expect((await envelope(response)).errors[0]?.code).toBe(7003)
  })

  it('uses the zone account id when given', async () => {
    const emulator = await start({ zones: [{ id: 'c'.repeat(32), name: 'example.net', accountId: 'd'.repeat(32) }] })
    const answer = await envelope(await lookup(emulator, `/zones/${'c'.repeat(32)}`))
    expect(answer.result).toMatchObject({ id: 'c'.repeat(32), name: 'example.net', status: 'active', account: { id: 'd'.repeat(32) } })
  })
})

describe('cloudflare emulator, faults', () => {
  it('answers a status fault with a Cloudflare envelope, then recovers', async () => {
    const emulator = await start()
    emulator.faults.push({ status: 503 })
    const faulted = await purge(emulator, { purge_everything: true })
    expect(faulted.status).toBe(503)
    expect(await envelope(faulted)).toMatchObject({ success: false, errors: [{ code: 503 }] })
    expect((await purge(emulator, { purge_everything: true })).status).toBe(200)
    expect(emulator.purges).toHaveLength(1)
    expect(emulator.requests).toHaveLength(2)
  })

  it('sends a status fault body and headers verbatim', async () => {
    const emulator = await start()
    emulator.faults.push({ status: 502, body: '<h1>Bad gateway</h1>', headers: { 'retry-after': '7' } })
    const response = await purge(emulator, { purge_everything: true })
    expect(response.status).toBe(502)
    expect(response.headers.get('retry-after')).toBe('7')
    expect(await response.text()).toBe('<h1>Bad gateway</h1>')
  })

  it('resets the connection', async () => {
    const emulator = await start()
    emulator.faults.push({ reset: true })
    await expect(purge(emulator, { purge_everything: true })).rejects.toThrow()
    expect(emulator.requests).toHaveLength(1)
    expect(emulator.purges).toEqual([])
  })

  it('hangs until the client gives up, and close() ends the hanging socket', async () => {
    const emulator = await start()
    emulator.faults.push({ hang: true }, { hang: true })
    const timedOut = fetch(`${emulator.url}/zones/${COM.id}/purge_cache`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
      body: '{"purge_everything":true}',
      signal: AbortSignal.timeout(200),
    })
    await expect(timedOut).rejects.toThrow(/timeout|aborted/i)
    const pending = purge(emulator, { purge_everything: true })
    const outcome = pending.then(() => 'answered', () => 'failed')
    await new Promise((resolve) => setTimeout(resolve, 100))
    await emulator.close()
    expect(await outcome).toBe('failed')
  })

  it('trickles a valid answer one chunk per interval', async () => {
    const emulator = await start()
    emulator.faults.push({ trickle: { intervalMs: 40, chunks: 5 } })
    const began = Date.now()
    const response = await purge(emulator, { tags: ['a'] })
    expect(response.status).toBe(200)
    const answer = await envelope(response)
    expect(Date.now() - began).toBeGreaterThanOrEqual(180)
    expect(answer).toMatchObject({ success: true, result: { id: emulator.purges[0]?.id } })
  })

  it('sends a truncated JSON body', async () => {
    const emulator = await start()
    emulator.faults.push({ truncated: true })
    const response = await purge(emulator, { purge_everything: true })
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text.startsWith('{"success":true')).toBe(true)
    expect(() => JSON.parse(text)).toThrow()
  })

  it('sends an HTML challenge page', async () => {
    const emulator = await start()
    emulator.faults.push({ nonJson: true })
    const response = await purge(emulator, { purge_everything: true })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toBe('<html><title>Just a moment...</title></html>')
  })

  it('answers HTTP 200 with success:false', async () => {
    const emulator = await start()
    emulator.faults.push({ successFalse: { code: 1234, message: 'Something odd' } })
    const response = await purge(emulator, { purge_everything: true })
    expect(response.status).toBe(200)
    expect(await envelope(response)).toEqual({ success: false, errors: [{ code: 1234, message: 'Something odd' }], messages: [], result: null })
    expect(emulator.purges).toEqual([])
  })

  it('spends purge faults only on purges and lookup faults only on lookups', async () => {
    const emulator = await start()
    emulator.faults.push({ status: 500 })
    emulator.lookupFaults.push({ status: 429 }, { status: 502 })
    expect((await lookup(emulator, '/zones?name=example.com')).status).toBe(429)
    expect((await lookup(emulator, `/zones/${COM.id}`)).status).toBe(502)
    expect((await lookup(emulator, `/zones/${COM.id}`)).status).toBe(200)
    expect(emulator.faults).toHaveLength(1)
    expect((await purge(emulator, { purge_everything: true })).status).toBe(500)
    expect(emulator.faults).toEqual([])
    expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /client/v4/zones',
      `GET /client/v4/zones/${COM.id}`,
      `GET /client/v4/zones/${COM.id}`,
      `POST /client/v4/zones/${COM.id}/purge_cache`,
    ])
  })
})

describe('cloudflare emulator, rate limit', () => {
  it('answers 429/971 with Retry-After once the bucket is empty', async () => {
    const emulator = await start({ rateLimit: { ratePerSecond: 0.5, bucket: 2 } })
    expect((await purge(emulator, { tags: ['a'] })).status).toBe(200)
    expect((await purge(emulator, { tags: ['b'] })).status).toBe(200)
    const limited = await purge(emulator, { tags: ['c'] })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect((await envelope(limited)).errors).toEqual([
      { code: 971, message: 'Please wait and consider throttling your request speed' },
    ])
    expect(emulator.purges).toHaveLength(2)
  })

  it('leaves out Retry-After when retryAfter is false', async () => {
    const emulator = await start({ rateLimit: { ratePerSecond: 1, bucket: 1, retryAfter: false } })
    await purge(emulator, { tags: ['a'] })
    const limited = await purge(emulator, { tags: ['b'] })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeNull()
  })

  it('refills the bucket over time', async () => {
    // Slow enough that a busy machine cannot refill the bucket between the first two purges.
    const emulator = await start({ rateLimit: { ratePerSecond: 1, bucket: 1 } })
    expect((await purge(emulator, { tags: ['a'] })).status).toBe(200)
    expect((await purge(emulator, { tags: ['b'] })).status).toBe(429)
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect((await purge(emulator, { tags: ['c'] })).status).toBe(200)
  })

  it('charges one token per URL with costPerUrl', async () => {
    const emulator = await start({ rateLimit: { ratePerSecond: 1, bucket: 5, costPerUrl: true } })
    expect((await purge(emulator, { files: urls(3) })).status).toBe(200)
    const limited = await purge(emulator, { files: urls(3) })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect((await purge(emulator, { tags: ['one-token'] })).status).toBe(200)
  })
})
