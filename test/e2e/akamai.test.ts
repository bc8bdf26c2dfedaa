import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CREDENTIALS, MAX_BODY_BYTES, startAkamaiEmulator, type AkamaiEmulator } from '../emulators/akamai.js'
import { result, runAction, type RunOptions } from './run-action.js'

const { clientToken, clientSecret, accessToken } = DEFAULT_CREDENTIALS
const host = 'akab-emulated-host-0123.luna.akamaiapis.net'
const edgerc = `[default]\nclient_secret = ${clientSecret}\nhost = ${host}\naccess_token = ${accessToken}\nclient_token = ${clientToken}\n`
const secrets = [clientSecret, accessToken, clientToken, host]

let akamai: AkamaiEmulator
beforeEach(async () => {
  akamai = await startAkamaiEmulator()
})
afterEach(async () => {
  await akamai.close()
})

const inputs = (more: Record<string, string>) => ({ provider: 'akamai', token: edgerc, 'api-url': akamai.url, ...more })
const run = (more: Record<string, string>, options: RunOptions = {}) => runAction(inputs(more), { ...options, secrets: [...secrets, ...(options.secrets ?? [])] })
const urls = (count: number) => Array.from({ length: count }, (_, index) => `https://www.example.com/products/${String(index).padStart(5, '0')}/page.html?variant=large`)

describe('Akamai end to end', () => {
  it('invalidates URLs, cache tags and CP codes, one object type per signed request', async () => {
    const action = await run({ paths: 'https://www.example.com/a.css\nhttp://www.example.com/b.js', keys: 'release, product-42', 'cp-codes': '12345\n067890' })
    expect(action.exitCode).toBe(0)
    expect(akamai.requests.map((request) => [request.path, request.rawBody])).toEqual([
      ['/ccu/v3/invalidate/url/production', '{"objects":["https://www.example.com/a.css","http://www.example.com/b.js"]}'],
      ['/ccu/v3/invalidate/tag/production', '{"objects":["release","product-42"]}'],
      ['/ccu/v3/invalidate/cpcode/production', '{"objects":[12345,67890]}'],
    ])
    for (const request of akamai.requests) {
      expect(request.headers.authorization).toMatch(
        new RegExp(`^EG1-HMAC-SHA256 client_token=${clientToken};access_token=${accessToken};timestamp=\\d{8}T\\d\\d:\\d\\d:\\d\\d\\+0000;nonce=[0-9a-f-]{36};signature=[A-Za-z0-9+/]+=*$`),
      )
      expect(request.headers['content-type']).toBe('application/json')
    }
    expect(akamai.purges).toHaveLength(3)
    expect(action.outputs).toMatchObject({ purged: '6', failed: '0', requests: '3' })
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual(akamai.purges.map((purge) => purge.purgeId))
    expect(result(action).batches.map((batch) => [batch.target, batch.kind, batch.items.length, batch.status])).toEqual([
      ['production', 'urls', 2, 'purged'],
      ['production', 'tags', 2, 'purged'],
      ['production', 'cp-codes', 2, 'purged'],
    ])
    expect(action.summary).toContain('## CDN purge: Akamai')
    expect(action.summary).toContain(`<td>supportId ${akamai.purges[0]?.supportId ?? ''}</td>`)
    for (const secret of secrets) expect(action.stdout).toContain(`::add-mask::${secret}`)
  })

  it('soft: false deletes, on the staging network', async () => {
    const action = await run({ paths: 'https://www.example.com/a.css', soft: 'false', network: 'staging' })
    expect(action.exitCode).toBe(0)
    expect(akamai.purges).toMatchObject([{ action: 'delete', type: 'url', network: 'staging', objects: ['https://www.example.com/a.css'] }])
  })

  it('takes the credentials as JSON too', async () => {
    const token = JSON.stringify({ host, client_token: clientToken, client_secret: clientSecret, access_token: accessToken })
    const action = await run({ token, keys: 'release' })
    expect(action.exitCode).toBe(0)
    expect(akamai.purges).toHaveLength(1)
  })

  it('cuts a long list so that no body exceeds 50,000 bytes, every URL sent once', async () => {
    const list = urls(1_200)
    const action = await run({ 'paths-file': 'urls.txt' }, { files: { 'urls.txt': list.join('\n') } })
    expect(action.exitCode).toBe(0)
    const sizes = akamai.requests.map((request) => Buffer.byteLength(request.rawBody))
    expect(sizes.length).toBe(2)
    expect(sizes.every((size) => size <= MAX_BODY_BYTES)).toBe(true)
    expect(sizes[0]).toBeGreaterThan(MAX_BODY_BYTES - 100)
    expect(akamai.purges.flatMap((purge) => purge.objects)).toEqual(list)
    expect(action.outputs).toMatchObject({ purged: '1200', requests: '2' })
  })

  it('batch-size cuts smaller than the body cap', async () => {
    const action = await run({ paths: urls(5).join('\n'), 'batch-size': '2' })
    expect(action.exitCode).toBe(0)
    expect(akamai.purges.map((purge) => purge.objects.length)).toEqual([2, 2, 1])
  })

  it('wait: true waits out the longest estimatedSeconds', async () => {
    await akamai.close()
    akamai = await startAkamaiEmulator({ estimatedSeconds: 1 })
    const action = await run({ keys: 'release', wait: 'true' }, { env: { CDN_PURGE_TIME_SCALE: '10' } })
    expect(action.exitCode).toBe(0)
    expect(action.summary).toContain(`<td>supportId ${akamai.purges[0]?.supportId ?? ''}; waited out the estimate (1 s)</td>`)
  })

  it('wait: true fails at once when the estimate is past the timeout, saying the purge was accepted', async () => {
    await akamai.close()
    akamai = await startAkamaiEmulator({ estimatedSeconds: 600 })
    const action = await run({ keys: 'release', wait: 'true', timeout: '5' })
    expect(action.exitCode).toBe(1)
    expect(action.actionMs).toBeLessThan(5_000 + 2_000)
    expect(action.errors[0]).toMatch(
      new RegExp(`^1 of 1 items were not purged \\(0 purged\\): 1 tags on production: accepted \\(purgeId ${akamai.purges[0]?.purgeId ?? ''}\\), but Akamai estimates 600 s to finish, more than the [\\d.]+ s left of timeout$`),
    )
  })

  it('dry-run shows the request on https://{host} of the credentials (masked), or a placeholder without a token', async () => {
    const withToken = await run({ paths: 'https://www.example.com/a.css', 'dry-run': 'true', 'api-url': '' })
    expect(withToken.exitCode).toBe(0)
    expect(withToken.stdout).toContain('POST https://***/ccu/v3/invalidate/url/production {"objects":["https://www.example.com/a.css"]}')
    const withoutToken = await run({ token: '', 'cp-codes': '123', 'dry-run': 'true', 'api-url': '' })
    expect(withoutToken.exitCode).toBe(0)
    expect(withoutToken.stdout).toContain('POST https://{host}/ccu/v3/invalidate/cpcode/production {"objects":[123]}')
    expect(akamai.requests).toHaveLength(0)
  })
})

describe('Akamai input errors: all reported at once, nothing sent', () => {
  it('a wildcard, a relative path, a bad tag, a bad CP code and a malformed .edgerc', async () => {
    const broken = `[default]\nhost = ${host}\naccess_token = ${accessToken}\nclient_token = ${clientToken}\n`
    const action = await run({ token: broken, paths: 'https://www.example.com/img/*\n/relative.css', keys: 'has space', 'cp-codes': '12a' })
    expect(action.exitCode).toBe(1)
    expect(akamai.requests).toHaveLength(0)
    expect(action.errors).toHaveLength(1)
    expect(action.errors[0]?.split('\n').sort()).toEqual([
      'input cp-codes: expected CP codes as whole numbers such as 12345, got "12a"',
      "input keys: Akamai cache tags are 1 to 128 letters, digits and !#$%'+./^_`|~- (no spaces or commas), got \"has space\"",
      'input paths: Akamai Fast Purge has no wildcards; purge by cache tag (keys) or CP code (cp-codes) instead, got "https://www.example.com/img/*"',
      'input paths: expected an absolute http(s) URL such as https://www.example.com/a.css, got "/relative.css"',
      'input token: expected Akamai EdgeGrid credentials, an .edgerc section (host, client_token, client_secret and access_token lines) or a JSON object with those four keys; client_secret is missing',
    ])
  })

  it.each([
    ['a line that is not key = value', `${edgerc}pasted by mistake\n`, 'line 6 is not "key = value"'],
    ['two sections', `${edgerc}[ccu]\nhost = ${host}\n`, 'it holds several sections ([default], [ccu]); give only the one for the purge API client'],
    ['broken JSON', `{"host": "${host}", "client_secret": "${clientSecret}"`, 'it starts with { but is not valid JSON'],
  ])('a malformed token (%s) is an input error that repeats no value', async (_name, token, problem) => {
    const action = await run({ token, keys: 'release' }, { secrets: [token] })
    expect(action.exitCode).toBe(1)
    expect(akamai.requests).toHaveLength(0)
    expect(action.errors).toEqual([
      `input token: expected Akamai EdgeGrid credentials, an .edgerc section (host, client_token, client_secret and access_token lines) or a JSON object with those four keys; ${problem}`,
    ])
  })

  it('scope: all is an input error that points to cp-codes', async () => {
    const action = await run({ scope: 'all' })
    expect(action.exitCode).toBe(1)
    expect(action.errors).toEqual([
      'input scope: Akamai Fast Purge cannot purge everything in one call; list the CP codes of your properties in cp-codes (with scope: listed) to purge all their content',
    ])
    expect(akamai.requests).toHaveLength(0)
  })

  it('a network other than production or staging', async () => {
    const action = await run({ keys: 'release', network: 'prod' })
    expect(action.errors).toEqual(['input network: expected one of production, staging, got "prod"'])
  })
})

describe('Akamai faults', () => {
  it('honours Retry-After on a 429', async () => {
    akamai.faults.push({ status: 429, headers: { 'Retry-After': '1' } })
    const action = await run({ keys: 'release' })
    expect(action.exitCode).toBe(0)
    const [before, after] = akamai.requests
    expect((after?.at ?? 0) - (before?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(action.stdout).toContain('retrying /ccu/v3/invalidate/tag/production in 1 s (attempt 1 failed: HTTP 429, Rate Limit exceeded (supportId edcp-')
    expect(akamai.purges).toHaveLength(1)
  })

  it('waits five seconds on a 429 without Retry-After, as Akamai advises', async () => {
    akamai.faults.push({ status: 429 })
    const action = await run({ keys: 'release' })
    expect(action.exitCode).toBe(0)
    expect(action.stdout).toContain('retrying /ccu/v3/invalidate/tag/production in 5 s (attempt 1 failed: HTTP 429, Rate Limit exceeded')
    expect(result(action).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
  })

  it.each([
    ['a 500', { status: 500 }],
    ['a 503 with an HTML page', { status: 503, body: '<html><title>503 Service Unavailable</title></html>' }],
    ['a connection reset', { reset: true as const }],
  ])('retries %s, signing afresh (the emulator refuses a replayed nonce)', async (_name, fault) => {
    akamai.faults.push(fault)
    const action = await run({ keys: 'release' })
    expect(action.exitCode).toBe(0)
    const nonces = akamai.requests.map((request) => /;nonce=([^;]+);/.exec(request.headers.authorization ?? '')?.[1])
    expect(nonces).toHaveLength(2)
    expect(nonces[0]).not.toBe(nonces[1])
    expect(result(action).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
    expect(akamai.purges).toHaveLength(1)
  })

  it.each([
    ['403 unauthorized arl', { status: 403 }, 'HTTP 403, unauthorized arl: https://www.example.com/a.css (supportId edcp-'],
    [
      '413 for a body over 50,000 bytes',
      { status: 413, body: JSON.stringify({ httpStatus: 413, title: 'Request Entity Too Large', detail: 'The request body is 50001 bytes; the limit is 50000.', supportId: 'edcp-413' }) },
      'HTTP 413, Request Entity Too Large: The request body is 50001 bytes; the limit is 50000. (supportId edcp-413)',
    ],
  ])('does not retry %s, and passes on what Akamai said', async (_name, fault, message) => {
    akamai.faults.push(fault)
    const action = await run({ paths: 'https://www.example.com/a.css' })
    expect(action.exitCode).toBe(1)
    expect(akamai.requests).toHaveLength(1)
    expect(action.errors[0]).toContain(`1 of 1 items were not purged (0 purged): 1 urls on production: ${message}`)
  })

  it('a wrong client_secret: the emulator recomputes the signature and says so, and nothing leaks', async () => {
    const wrongSecret = 'V3JvbmdTZWNyZXRWYWx1ZTAxMjM0NTY3ODkwMTIzNDU2Nzg='
    const token = edgerc.replace(clientSecret, wrongSecret)
    const action = await run({ token, keys: 'release' }, { secrets: [wrongSecret] })
    expect(action.exitCode).toBe(1)
    expect(akamai.requests).toHaveLength(1)
    expect(action.errors[0]).toContain('1 tags on production: HTTP 401, Not authorized: The signature does not match')
  })
})
