import { describe, expect, it } from 'vitest'
import type { PaceRate } from '../../src/http/pace.js'
import { pollDelayMs } from '../../src/providers/cloud-cdn/provider.js'
import { descriptions } from '../../src/providers/index.js'
import { cloudCdn } from '../support/providers.js'
import { parseInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import type { Batch } from '../../src/providers/index.js'
import { answer, batch, plan } from './provider-helpers.js'

const base = { provider: 'cloud-cdn', token: 'ya29.token-123456', project: 'acme-site', 'url-map': 'web-map' }
const env = { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy', GITHUB_ACTION: 'purge' }

describe('Cloud CDN plan', () => {
  it('one invalidation a path and URL map, tags 10 a call, each with a requestId', () => {
    const { batches, requests, errors } = plan(cloudCdn, { ...base, 'url-map': 'web-map, assets-map', paths: '/a.css\nhttps://www.example.com/img/*', keys: Array.from({ length: 11 }, (_, index) => `t${index}`).join(',') })
    expect(errors).toEqual([])
    expect(batches.map((each) => [each.target.id, each.kind, each.items])).toEqual([
      ['web-map', 'paths', ['/a.css']],
      ['web-map', 'paths', ['https://www.example.com/img/*']],
      ['web-map', 'cacheTags', ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']],
      ['web-map', 'cacheTags', ['t10']],
      ['assets-map', 'paths', ['/a.css']],
      ['assets-map', 'paths', ['https://www.example.com/img/*']],
      ['assets-map', 'cacheTags', ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9']],
      ['assets-map', 'cacheTags', ['t10']],
    ])
    expect(requests[1]?.[2]).toBe('{"path":"/img/*","host":"www.example.com"}')
    expect(requests[0]?.[0]).toMatch(/^\/projects\/acme-site\/global\/urlMaps\/web-map\/invalidateCache\?requestId=[0-9a-f-]{36}$/)
    expect(new Set(requests.map((request) => request[0])).size).toBe(8)
  })

  it('scope: all is /* on each URL map', () => {
    const { requests } = plan(cloudCdn, { ...base, scope: 'all' })
    expect(requests.map((request) => request[2])).toEqual(['{"path":"/*"}'])
  })

  it('the requestId comes from the run, attempt, job and step: planned again, the same', () => {
    const requestIdOf = (more: Record<string, string>) => {
      const { settings } = parseInputs({ ...base, paths: '/a.css', scope: 'listed', timeout: '300', retries: '5' }, { workspace: '/ws', env: { ...env, ...more } })
      if (!settings) throw new Error('no settings')
      const [only] = planBatches(settings, cloudCdn, cloudCdn.targets(settings)).batches
      return new URL(cloudCdn.request(only as Batch, settings).path, 'https://x.test').searchParams.get('requestId')
    }
    expect(requestIdOf({})).toBe(requestIdOf({}))
    expect(new Set([requestIdOf({}), requestIdOf({ GITHUB_RUN_ID: '43' }), requestIdOf({ GITHUB_RUN_ATTEMPT: '2' }), requestIdOf({ GITHUB_JOB: 'other' }), requestIdOf({ GITHUB_ACTION: 'again' })]).size).toBe(5)
    // Outside Actions: one random run id for the whole process, so retries still match.
    expect(requestIdOf({ GITHUB_RUN_ID: '' })).toBe(requestIdOf({ GITHUB_RUN_ID: '' }))
  })

  it('paces under 500 invalidations a minute, every kind from one bucket', () => {
    const pacing = descriptions['cloud-cdn'].pacing ?? {}
    // A token bucket (not sliding windows).
    const rate = (pacing.paths ?? { burst: Infinity, perSecond: 0 }) as PaceRate
    expect(pacing.cacheTags).toBe(rate)
    expect(pacing.everything).toBe(rate)
    expect(rate.burst + rate.perSecond * 60).toBeLessThanOrEqual(500)
  })
})

describe('Cloud CDN answers', () => {
  const paths = batch('paths', ['/a.css'])
  it.each([
    [answer(200, { name: 'operation-1', status: 'RUNNING' }), { ok: true, id: 'operation-1' }],
    [answer(200, { name: 'operation-1', status: 'DONE' }), { ok: true, id: 'operation-1', detail: 'DONE' }],
    [answer(200, { name: 'operation-1', status: 'DONE', error: { errors: [{ code: 'X', message: 'y' }] } }), { ok: false, error: 'operation operation-1 failed: X: y', retryable: false }],
    [answer(429, { error: { code: 429, message: 'Quota exceeded', errors: [{ reason: 'rateLimitExceeded' }] } }), { ok: false, error: 'HTTP 429 rateLimitExceeded: Quota exceeded', retryable: true }],
    [answer(403, { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] } }), { ok: false, error: 'HTTP 403 rateLimitExceeded: Rate Limit Exceeded', retryable: true }],
    [answer(404, { error: { code: 404, message: "The resource 'projects/p/global/urlMaps/t' was not found", errors: [{ reason: 'notFound' }] } }), { ok: false, error: expect.stringContaining('(check project and url-map: "t" must be a global URL map of the project)'), retryable: false }],
    [answer(503, 'busy'), { ok: false, error: 'HTTP 503: busy' }],
  ])('%j', (given, outcome) => {
    expect(cloudCdn.readAnswer(given, paths)).toEqual(outcome)
  })
})

describe('pollDelayMs', () => {
  it('starts at 2 s and grows to every 10 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(pollDelayMs)).toEqual([2000, 3000, 4500, 6750, 10000, 10000])
  })
})
