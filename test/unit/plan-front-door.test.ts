import { describe, expect, it } from 'vitest'
import { frontDoor } from '../support/providers.js'
import { answer, plan } from './provider-helpers.js'

const where = {
  provider: 'front-door',
  subscription: '00000000-1111-2222-3333-444444444444',
  'resource-group': 'web-rg',
  profile: 'acme-fd',
  endpoint: 'acme-site',
}
const path = '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/web-rg/providers/Microsoft.Cdn/profiles/acme-fd/afdEndpoints/acme-site/purge?api-version=2024-02-01'

describe('Front Door plan', () => {
  it('one target per domain set, one request per 100 paths, the note for a dropped query', () => {
    const result = plan(frontDoor, { ...where, domains: 'www.acme.test', paths: '/a.css\nhttps://static.acme.test/b.js?v=2' })
    expect(result.errors).toEqual([])
    expect(result.batches.map((batch) => [batch.target.label, batch.kind, batch.items])).toEqual([
      ['acme-site (www.acme.test)', 'paths', ['/a.css']],
      ['acme-site (static.acme.test)', 'paths', ['/b.js']],
    ])
    expect(result.requests).toEqual([
      [path, { 'content-type': 'application/json' }, '{"contentPaths":["/a.css"],"domains":["www.acme.test"]}'],
      [path, { 'content-type': 'application/json' }, '{"contentPaths":["/b.js"],"domains":["static.acme.test"]}'],
    ])
    expect(result.notes).toEqual(['paths: "https://static.acme.test/b.js?v=2" is purged as /b.js: Front Door purges every query-string variant of a path'])
  })

  it('cuts by batch-size, divided among the domains', () => {
    const paths = Array.from({ length: 10 }, (_, index) => `/p${index}`).join('\n')
    expect(plan(frontDoor, { ...where, paths, 'batch-size': '4' }).batches.map((batch) => batch.items.length)).toEqual([4, 4, 2])
    expect(plan(frontDoor, { ...where, paths, 'batch-size': '4', domains: 'a.acme.test,b.acme.test' }).batches.map((batch) => batch.items.length)).toEqual([2, 2, 2, 2, 2])
  })

  it('scope all: one /* on the domains given', () => {
    const result = plan(frontDoor, { ...where, scope: 'all', domains: 'www.acme.test' })
    expect(result.batches.map((batch) => [batch.target.label, batch.kind])).toEqual([['acme-site (www.acme.test)', 'everything']])
    expect(result.requests[0]?.[2]).toBe('{"contentPaths":["/*"],"domains":["www.acme.test"]}')
  })

  it('takes one endpoint', () => {
    expect(plan(frontDoor, { ...where, endpoint: 'a,b', paths: '/a' }).errors).toEqual(['input endpoint: Front Door takes one endpoint a step, got 2'])
  })

  it.each([
    [answer(202, '', { 'azure-asyncoperation': 'https://management.azure.com/op/1' }), { ok: true, id: 'https://management.azure.com/op/1', detail: 'InProgress' }],
    [answer(200, ''), { ok: true, detail: 'Succeeded' }],
    [answer(202, ''), { ok: true, detail: 'accepted' }],
  ])('reads the answer %#', (given, outcome) => {
    expect(frontDoor.readAnswer(given, { target: { label: 't', id: '' }, kind: 'paths', items: ['/a'] })).toEqual(outcome)
  })
})
