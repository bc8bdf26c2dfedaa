import { describe, expect, it } from 'vitest'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import { pollDelayMs } from '../../src/providers/cloudimage/provider.js'
import { cloudimage } from '../support/providers.js'

const base: RawInputs = { provider: 'cloudimage', token: 'key-123456', scope: 'listed' }

function plan(raw: RawInputs) {
  const { settings, errors } = parseInputs({ ...base, ...raw }, { workspace: '/ws' })
  if (!settings) throw new Error(errors.join('\n'))
  return planBatches(settings, cloudimage, cloudimage.targets(settings))
}

describe('Cloudimage URLs', () => {
  it.each([
    '/sample.li/birds.jpg',
    'sample.li/birds.jpg',
    'https://img.example.com/a.jpg',
    'http://img.example.com/a.jpg',
    '_alias_/images/a.jpg',
    '/_alias_/images/a.jpg',
    'images/image1.jpg',
    '/v7/sample.li/birds.jpg',
    '/v7/https://img.example.com/a.jpg',
    '/sample.li/avatars/*',
    'https://img.example.com/avatars/*',
  ])('%s is sent as given', (url) => {
    const { batches, errors } = plan({ paths: url })
    expect(errors).toEqual([])
    expect(batches.map((batch) => [batch.kind, batch.items])).toEqual([['urls', [url]]])
  })

  it.each([
    ['/sample.li/birds.jpg?width=400', /takes no query string: give "\/sample.li\/birds.jpg"/],
    ['https://img.example.com/a.jpg?w=600', /takes no query string: give "https:\/\/img.example.com\/a.jpg"/],
    ['/a.jpg#top', /no #fragment/],
    ['/a b.jpg', /cannot contain spaces/],
    ['/avatars/*.jpg', /a \* is allowed only at the end/],
    ['ftp://img.example.com/a.jpg', /expected an image URL such as/],
    ['https://', /expected an image URL such as/],
    ['https://token.cloudimg.io/v7/sample.li/a.jpg', /delivery URL; invalidate what follows the token host: "\/v7\/sample.li\/a.jpg"/],
  ])('%s is an input error: %s', (url, message) => {
    const { errors } = plan({ paths: url })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^input paths: /)
    expect(errors[0]).toMatch(message)
  })

  it('batches by 15, and plans scope all as one request with no urls', () => {
    const urls = Array.from({ length: 31 }, (_, index) => `/i/${index}.jpg`).join('\n')
    expect(plan({ paths: urls }).batches.map((batch) => batch.items.length)).toEqual([15, 15, 1])
    const all = plan({ scope: 'all' }).batches
    expect(all.map((batch) => [batch.kind, batch.items])).toEqual([['everything', []]])
    const { settings } = parseInputs({ ...base, scope: 'all' }, { workspace: '/ws' })
    expect(cloudimage.request(all[0]!, settings!)).toEqual({ method: 'POST', path: '/invalidate', headers: { 'Content-Type': 'application/json' }, body: '{"scope":"all"}' })
  })
})

describe('Cloudimage answers', () => {
  const batch = { target: { label: 'api.cloudimage.com', id: '' }, kind: 'urls', items: ['/a.jpg'] }
  const received = JSON.stringify({ status: 'success', msg: 'Your invalidation request has been received', invalidation: { status: 'RECEIVED', uuid: '4fc96d31-9815-4021-830a-ca6d96c514a5', added_at: '2023-08-08 13:39:52.636426' } })
  it.each([
    { name: '201 with a uuid', status: 201, body: received, verdict: { ok: true, id: '4fc96d31-9815-4021-830a-ca6d96c514a5' } },
    { name: '201 without an invalidation', status: 201, body: '{"status":"success"}', verdict: { ok: true } },
    { name: '201 with status error', status: 201, body: '{"status":"error","msg":"nope"}', verdict: { ok: false, error: 'HTTP 201, status is not success: {"status":"error","msg":"nope"}' } },
    { name: '201 that is not JSON', status: 201, body: 'Created', verdict: { ok: false, error: 'HTTP 201, not a Cloudimage API answer: Created' } },
    { name: '401', status: 401, body: '{"status":"error","msg":"Invalid API key"}', verdict: { ok: false, error: 'HTTP 401: {"status":"error","msg":"Invalid API key"}' } },
    { name: '500 page', status: 500, body: '<html><title>Oops</title></html>', verdict: { ok: false, error: 'HTTP 500: Oops' } },
  ])('$name', ({ status, body, verdict }) => {
    expect(cloudimage.readAnswer({ status, headers: {}, body }, batch)).toEqual(verdict)
  })
})

describe('Cloudimage poll interval', () => {
  it.each([
    { pollsDone: 1, retryAfterMs: undefined, waitMs: 2_000 },
    { pollsDone: 2, retryAfterMs: undefined, waitMs: 3_000 },
    { pollsDone: 3, retryAfterMs: undefined, waitMs: 4_500 },
    { pollsDone: 4, retryAfterMs: undefined, waitMs: 6_750 },
    { pollsDone: 5, retryAfterMs: undefined, waitMs: 10_000 },
    { pollsDone: 50, retryAfterMs: undefined, waitMs: 10_000 },
    { pollsDone: 1, retryAfterMs: 0, waitMs: 0 },
    { pollsDone: 4, retryAfterMs: 1_500, waitMs: 1_500 },
    { pollsDone: 1, retryAfterMs: 3_600_000, waitMs: 60_000 },
  ])('after poll $pollsDone with Retry-After $retryAfterMs ms: waits $waitMs ms', ({ pollsDone, retryAfterMs, waitMs }) => {
    expect(pollDelayMs(pollsDone, retryAfterMs)).toBe(waitMs)
  })
})
