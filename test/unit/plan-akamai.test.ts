import { describe, expect, it } from 'vitest'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import { akamai } from '../support/providers.js'

const token = 'host = akab-host.luna.akamaiapis.net\nclient_token = akab-client\nclient_secret = c2VjcmV0PQ==\naccess_token = akab-access'
const base: RawInputs = { provider: 'akamai', token, scope: 'listed', network: 'production', timeout: '300', retries: '5' }

function plan(raw: RawInputs) {
  const { settings, errors } = parseInputs({ ...base, ...raw }, { workspace: '/ws' })
  if (!settings) throw new Error(errors.join('\n'))
  const result = planBatches(settings, akamai, akamai.targets(settings))
  return { settings, ...result, bodies: result.batches.map((batch) => akamai.request(batch, settings).body ?? '') }
}

/** n tags whose JSON strings are `length` bytes each, quotes included. */
const tags = (count: number, length: number) => Array.from({ length: count }, (_, index) => `${index}`.padStart(length - 2, 't'))

describe('Akamai plan', () => {
  it('one object type per request: URLs, then tags, then CP codes as integers', () => {
    const { bodies, batches, settings } = plan({ paths: 'https://a.example/x', keys: 'release', 'cp-codes': '0123, 123, 456' })
    expect(batches.map((batch) => batch.kind)).toEqual(['urls', 'tags', 'cp-codes'])
    expect(bodies).toEqual(['{"objects":["https://a.example/x"]}', '{"objects":["release"]}', '{"objects":[123,456]}'])
    expect(batches.map((batch) => akamai.request(batch, settings).path)).toEqual([
      '/ccu/v3/invalidate/url/production',
      '/ccu/v3/invalidate/tag/production',
      '/ccu/v3/invalidate/cpcode/production',
    ])
  })

  it('soft: false deletes, soft: true or unset invalidates; the network is the last segment', () => {
    const path = (raw: RawInputs) => {
      const { batches, settings } = plan({ keys: 't', ...raw })
      return akamai.request(batches[0]!, settings).path
    }
    expect(path({ soft: 'false', network: 'staging' })).toBe('/ccu/v3/delete/tag/staging')
    expect(path({ soft: 'true' })).toBe('/ccu/v3/invalidate/tag/production')
    expect(path({})).toBe('/ccu/v3/invalidate/tag/production')
  })

  it('fills a body up to exactly 50,000 bytes, and starts another one byte later', () => {
    // {"objects":[]} is 14 bytes; 4,544 tags of 10 bytes and 4,543 commas make 49,983 more.
    const fits = plan({ keys: JSON.stringify(tags(4_544, 10)) })
    expect(fits.bodies.map((body) => Buffer.byteLength(body))).toEqual([49_997])
    const exact = plan({ keys: JSON.stringify([...tags(4_543, 10), 'x'.repeat(11)]) })
    expect(exact.bodies.map((body) => Buffer.byteLength(body))).toEqual([50_000])
    const over = plan({ keys: JSON.stringify([...tags(4_543, 10), 'x'.repeat(12)]) })
    expect(over.bodies.map((body) => Buffer.byteLength(body))).toEqual([49_986, 28])
  })

  it('rejects scope: all, wildcards and relative paths, naming the input', () => {
    expect(plan({ scope: 'all' }).errors).toEqual([
      'input scope: Akamai Fast Purge cannot purge everything in one call; list the CP codes of your properties in cp-codes (with scope: listed) to purge all their content',
    ])
    expect(plan({ paths: 'https://a.example/*\n/b.css\nhttps://a.example/c d' }).errors).toHaveLength(3)
  })

  it('takes its API URL from the credentials, unless api-url is given', () => {
    expect(akamai.apiUrl?.(plan({ keys: 't' }).settings)).toBe('https://akab-host.luna.akamaiapis.net')
    expect(akamai.apiUrl?.({ ...plan({ keys: 't' }).settings, token: '' })).toBe('https://{host}')
  })

  it('registers every credential value as a secret', () => {
    expect(akamai.credentials?.(plan({ keys: 't' }).settings)).toEqual({
      secrets: ['c2VjcmV0PQ==', 'akab-access', 'akab-client', 'akab-host.luna.akamaiapis.net'],
      errors: [],
    })
  })
})
