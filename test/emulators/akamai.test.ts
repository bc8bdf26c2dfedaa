import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { edgeGridAuthorization, edgeGridTimestamp } from '../../src/providers/akamai/provider.js'
import { DEFAULT_CREDENTIALS, MAX_BODY_BYTES, edgeGridSignature, startAkamaiEmulator, type AkamaiEmulator } from './akamai.js'

describe("the emulator's EdgeGrid verifier, against the official vectors (AkamaiOPEN-edgegrid-node test_data.json)", () => {
  const host = 'akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net'
  const unsigned =
    'EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;' +
    'timestamp=20140321T19:34:21+0000;nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;'
  it.each([
    ['simple GET', 'GET', '/', '', 'tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU='],
    ['GET with querystring', 'GET', '/testapi/v1/t1?p1=1&p2=2', '', 'hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA='],
    ['POST inside limit', 'POST', '/testapi/v1/t3', 'datadatadatadatadatadatadatadata', 'hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4='],
    ['POST empty body', 'POST', '/testapi/v1/t6', '', '1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ='],
  ])('%s', (_name, method, target, body, signature) => {
    expect(edgeGridSignature({ method, scheme: 'https', host, target, body }, unsigned, '20140321T19:34:21+0000', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=')).toBe(signature)
  })
})

let akamai: AkamaiEmulator
beforeEach(async () => {
  akamai = await startAkamaiEmulator({ estimatedSeconds: 5 })
})
afterEach(async () => {
  await akamai.close()
})

async function post(path: string, body: string, sign: { timestamp?: string; nonce?: string; clientSecret?: string; contentType?: string } = {}) {
  const url = `${akamai.url}${path}`
  const authorization = edgeGridAuthorization({
    method: 'POST',
    url,
    body,
    credentials: { ...DEFAULT_CREDENTIALS, ...(sign.clientSecret ? { clientSecret: sign.clientSecret } : {}) },
    timestamp: sign.timestamp ?? edgeGridTimestamp(new Date()),
    nonce: sign.nonce ?? randomUUID(),
  })
  const response = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': sign.contentType ?? 'application/json' }, body })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('Akamai emulator', () => {
  it('accepts a signed purge with 201, purgeId, supportId and estimatedSeconds', async () => {
    const answer = await post('/ccu/v3/invalidate/url/production', '{"objects":["https://www.example.com/a.css"]}')
    expect(answer).toMatchObject({ status: 201, body: { httpStatus: 201, estimatedSeconds: 5, detail: 'Request accepted' } })
    expect(answer.body.purgeId).toMatch(/^edcp-/)
    expect(akamai.purges).toMatchObject([{ action: 'invalidate', type: 'url', network: 'production', objects: ['https://www.example.com/a.css'] }])
  })

  it('takes the network from the path, production when it is left out', async () => {
    await post('/ccu/v3/delete/cpcode', '{"objects":[123]}')
    await post('/ccu/v3/invalidate/tag/staging', '{"objects":["t"]}')
    expect(akamai.purges.map((purge) => [purge.action, purge.type, purge.network])).toEqual([
      ['delete', 'cpcode', 'production'],
      ['invalidate', 'tag', 'staging'],
    ])
  })

  it('refuses a body over 50,000 bytes with 413', async () => {
    const objects = Array.from({ length: 1_000 }, (_, index) => `https://www.example.com/${index}/${'x'.repeat(40)}`)
    const body = JSON.stringify({ objects })
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_BODY_BYTES)
    expect(await post('/ccu/v3/invalidate/url/production', body)).toMatchObject({ status: 413, body: { title: 'Request Entity Too Large' } })
    expect(akamai.purges).toHaveLength(0)
  })

  it.each([
    ['another client_secret', { clientSecret: 'b3RoZXI=' }, 401, 'The signature does not match'],
    ['a timestamp ten minutes old', { timestamp: edgeGridTimestamp(new Date(Date.now() - 600_000)) }, 400, 'Invalid timestamp'],
  ])('refuses %s', async (_name, sign, status, detail) => {
    expect(await post('/ccu/v3/invalidate/tag/production', '{"objects":["t"]}', sign)).toMatchObject({ status, body: { detail } })
  })

  it('refuses a nonce used before, even by a request it never answered', async () => {
    akamai.faults.push({ reset: true })
    const nonce = randomUUID()
    await expect(post('/ccu/v3/invalidate/tag/production', '{"objects":["t"]}', { nonce })).rejects.toThrow()
    expect(await post('/ccu/v3/invalidate/tag/production', '{"objects":["t"]}', { nonce })).toMatchObject({ status: 401 })
    expect(akamai.purges).toHaveLength(0)
  })

  it.each([
    ['CP codes as strings', '/ccu/v3/invalidate/cpcode/production', '{"objects":["123"]}', 400],
    ['a URL with a wildcard', '/ccu/v3/invalidate/url/production', '{"objects":["https://www.example.com/*"]}', 400],
    ['a relative URL', '/ccu/v3/invalidate/url/production', '{"objects":["/a.css"]}', 400],
    ['a tag with a space', '/ccu/v3/invalidate/tag/production', '{"objects":["a b"]}', 400],
    ['no objects', '/ccu/v3/invalidate/tag/production', '{"objects":[]}', 400],
    ['another field', '/ccu/v3/invalidate/tag/production', '{"objects":["t"],"action":"remove"}', 400],
    ['another object type in the path', '/ccu/v3/invalidate/arl/production', '{"objects":["t"]}', 404],
  ])('refuses %s', async (_name, path, body, status) => {
    expect((await post(path, body)).status).toBe(status)
    expect(akamai.purges).toHaveLength(0)
  })

  it('refuses a body that is not application/json with 415', async () => {
    expect((await post('/ccu/v3/invalidate/tag/production', '{"objects":["t"]}', { contentType: 'text/plain' })).status).toBe(415)
  })
})
