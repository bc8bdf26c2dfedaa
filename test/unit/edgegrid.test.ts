import { describe, expect, it } from 'vitest'
import { edgeGridAuthorization, edgeGridTimestamp, readEdgeGrid } from '../../src/providers/akamai/provider.js'

// Known-answer vectors of Akamai's official Node signer: akamai/AkamaiOPEN-edgegrid-node,
// test/test_data.json and test/test.js (commit b187686). The header-signing cases are left out:
// the purge API signs no headers, so neither does this signer.
const vector = {
  baseUrl: 'https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net/',
  credentials: {
    accessToken: 'akab-access-token-xxx-xxxxxxxxxxxxxxxx',
    clientToken: 'akab-client-token-xxx-xxxxxxxxxxxxxxxx',
    clientSecret: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=',
  },
  nonce: 'nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
  timestamp: '20140321T19:34:21+0000',
  // The data file's max_body; today's signer defaults to 131,072.
  maxBody: 2048,
}
const prefix =
  'EG1-HMAC-SHA256 client_token=akab-client-token-xxx-xxxxxxxxxxxxxxxx;access_token=akab-access-token-xxx-xxxxxxxxxxxxxxxx;' +
  'timestamp=20140321T19:34:21+0000;nonce=nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx;signature='

describe('EdgeGrid signature: the official test vectors', () => {
  it.each([
    { name: 'simple GET', method: 'GET', path: '', body: '', signature: 'tL+y4hxyHxgWVD30X3pWnGKHcPzmrIF+LThiAOhMxYU=' },
    { name: 'GET with querystring', method: 'GET', path: 'testapi/v1/t1?p1=1&p2=2', body: '', signature: 'hKDH1UlnQySSHjvIcZpDMbQHihTQ0XyVAKZaApabdeA=' },
    { name: 'POST inside limit', method: 'POST', path: 'testapi/v1/t3', body: 'datadatadatadatadatadatadatadata', signature: 'hXm4iCxtpN22m4cbZb4lVLW5rhX8Ca82vCFqXzSTPe4=' },
    {
      name: 'Post uses passed-max-body (10)',
      method: 'POST',
      path: 'testapi/v1/t3',
      body: 'datadatadatadatadatadatadatadata',
      maxBody: 10,
      signature: 'asJgKWm9tB/YhFByqnOtpcgvmzR+zpTGBgaSY/IhbNA=',
    },
    // The vector's own body is a longer run of "d"; only its first max_body characters are signed.
    { name: 'POST too large', method: 'POST', path: 'testapi/v1/t3', body: 'd'.repeat(3_000), signature: '6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY=' },
    { name: 'POST length equals max_body', method: 'POST', path: 'testapi/v1/t3', body: 'd'.repeat(2_048), signature: '6Q6PiTipLae6n4GsSIDTCJ54bEbHUBp+4MUXrbQCBoY=' },
    { name: 'POST empty body', method: 'POST', path: 'testapi/v1/t6', body: '', signature: '1gEDxeQGD5GovIkJJGcBaKnZ+VaPtrc4qBUHixjsPCQ=' },
    { name: 'PUT test (no content hash)', method: 'PUT', path: 'testapi/v1/t6', body: 'PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP', signature: 'GNBWEYSEWOLtu+7dD52da2C39aX/Jchpon3K/AmBqBU=' },
  ])('$name', ({ method, path, body, maxBody, signature }) => {
    const authorization = edgeGridAuthorization({
      method,
      url: vector.baseUrl + path,
      body,
      credentials: vector.credentials,
      timestamp: vector.timestamp,
      nonce: vector.nonce,
      maxBody: maxBody ?? vector.maxBody,
    })
    expect(authorization).toBe(prefix + signature)
  })

  it('formats the timestamp as yyyyMMddTHH:mm:ss+0000 in UTC', () => {
    expect(edgeGridTimestamp(new Date(Date.UTC(2014, 2, 21, 19, 34, 21)))).toBe(vector.timestamp)
  })
})

describe('EdgeGrid credentials from the token input', () => {
  const expected = { host: 'akab-host.luna.akamaiapis.net', clientToken: 'akab-client', clientSecret: 'c2VjcmV0PQ==', accessToken: 'akab-access' }

  it.each([
    ['an .edgerc section', '[default]\nclient_secret = c2VjcmV0PQ==\nhost = akab-host.luna.akamaiapis.net\naccess_token = akab-access\nclient_token = akab-client\n'],
    ['without a header, with comments, a max-body line and quotes', '; purge client\n# ccu\nhost = "akab-host.luna.akamaiapis.net"\nclient_token=akab-client\nclient_secret = c2VjcmV0PQ== ; inline\naccess_token = \'akab-access\'\nmax-body = 131072'],
    ['a host with https:// and a trailing slash', 'host = https://akab-host.luna.akamaiapis.net/\nclient_token = akab-client\nclient_secret = c2VjcmV0PQ==\naccess_token = akab-access'],
    ['JSON', JSON.stringify({ host: 'akab-host.luna.akamaiapis.net', client_token: 'akab-client', client_secret: 'c2VjcmV0PQ==', access_token: 'akab-access' })],
  ])('reads %s', (_name, token) => {
    expect(readEdgeGrid(token)).toEqual({ credentials: expected })
  })

  it.each([
    ['a missing client_secret', 'host = h.example\nclient_token = a\naccess_token = b', 'client_secret is missing'],
    ['two sections', '[default]\nhost = h\n[ccu]\nhost = h', 'it holds several sections ([default], [ccu]); give only the one for the purge API client'],
    ['a line that is not key = value', 'host = h.example\nthis is not a line', 'line 2 is not "key = value"'],
    ['broken JSON', '{"host": ', 'it starts with { but is not valid JSON'],
    ['JSON missing keys', '{"host": "h.example"}', 'client_token, client_secret, access_token are missing'],
    ['a host with a path', 'host = h.example/ccu\nclient_token = a\nclient_secret = b\naccess_token = c', 'host is not a hostname such as akab-xxxx.luna.akamaiapis.net'],
  ])('rejects %s, without repeating a value', (_name, token, error) => {
    expect(readEdgeGrid(token)).toEqual({ error })
  })
})
