import { describe, expect, it } from 'vitest'
import { fastly } from '../support/providers.js'
import type { Answer } from '../../src/http/client.js'
import { answer, batch, plan } from './provider-helpers.js'

describe('Fastly requests', () => {
  it.each([
    ['https://www.example.com/a.css', '/purge/www.example.com/a.css'],
    ['https://WWW.Example.com:443/a%20b?x=1#frag', '/purge/www.example.com/a%20b?x=1'],
    ['http://www.example.com:8080/', '/purge/www.example.com:8080/'],
    ['/relative?q=%2F', '/purge/origin.example.com/relative?q=%2F'],
  ])('sends %s as POST %s', (path, expected) => {
    const { requests, errors } = plan(fastly, { provider: 'fastly', paths: path, 'base-url': 'https://origin.example.com' })
    expect(errors).toEqual([])
    expect(requests[0]?.[0]).toBe(expected)
  })

  it('sends the soft header only for a soft purge, and never on purge_all', () => {
    const soft = plan(fastly, { provider: 'fastly', paths: 'https://a.example/x', keys: 'k', service: 'svc1', soft: 'true' })
    expect(soft.requests.map(([, headers]) => headers['Fastly-Soft-Purge'])).toEqual(['1', '1'])
    for (const value of ['false', '']) {
      const hard = plan(fastly, { provider: 'fastly', paths: 'https://a.example/x', keys: 'k', service: 'svc1', soft: value })
      expect(hard.requests.every(([, headers]) => !('Fastly-Soft-Purge' in headers))).toBe(true)
    }
    const all = plan(fastly, { provider: 'fastly', scope: 'all', service: 'svc1' })
    expect(all.requests).toEqual([['/service/svc1/purge_all', { Accept: 'application/json' }, undefined]])
  })

  it('rejects a service ID that is not letters and digits', () => {
    expect(plan(fastly, { provider: 'fastly', keys: 'k', service: 'my service' }).errors).toEqual([
      'input service: expected a Fastly service ID (letters and digits, such as SU1Z0isxPaozGVKXdv0eY), got "my service"',
    ])
  })
})

describe('Fastly answers', () => {
  it.each<[string, Answer, string, unknown]>([
    ['a URL purge', answer(200, { status: 'ok', id: '108-1-2' }), 'urls', { ok: true, id: '108-1-2' }],
    ['purge_all', answer(200, { status: 'ok' }), 'everything', { ok: true }],
    ['a key batch, ids in key order', answer(200, { b: 'id-b', a: 'id-a' }), 'keys', { ok: true, ids: ['id-a', 'id-b'] }],
    ['a URL purge not ok', answer(200, { status: 'fail' }), 'urls', { ok: false, error: 'HTTP 200, not a Fastly purge answer: {"status":"fail"}' }],
    ['{msg, detail}', answer(404, { msg: 'Record not found', detail: "Cannot find service 'x'" }), 'keys', { ok: false, error: "HTTP 404, Fastly: Record not found: Cannot find service 'x'" }],
    ['{status: fail, reason}', answer(400, { status: 'fail', reason: 'Too many' }), 'keys', { ok: false, error: 'HTTP 400, Fastly: Too many' }],
    ['problem+json', answer(400, { title: 'Bad', detail: 'worse' }), 'keys', { ok: false, error: 'HTTP 400, Fastly: Bad: worse' }],
    ['HTML', answer(502, '<html><title>Bad gateway</title></html>'), 'urls', { ok: false, error: 'HTTP 502, Fastly: Bad gateway' }],
  ])('reads %s', (_name, given, kind, expected) => {
    expect(fastly.readAnswer(given, batch(kind, ['a', 'b']))).toEqual(expected)
  })

  it('turns Fastly-RateLimit-Reset into the wait, on a 429 only', () => {
    const reset = Math.floor(Date.now() / 1000) + 60
    const limited = fastly.readAnswer(answer(429, { msg: 'slow down' }, { 'fastly-ratelimit-reset': String(reset) }), batch('everything'))
    expect(limited.ok).toBe(false)
    const waitMs = (limited as { retryAfterMs?: number }).retryAfterMs ?? 0
    expect(waitMs).toBeGreaterThan(58_000)
    expect(waitMs).toBeLessThanOrEqual(60_000)
    expect(fastly.readAnswer(answer(503, {}, { 'fastly-ratelimit-reset': String(reset) }), batch('everything'))).not.toHaveProperty('retryAfterMs')
    expect(fastly.readAnswer(answer(429, {}, { 'fastly-ratelimit-reset': 'soon' }), batch('everything'))).not.toHaveProperty('retryAfterMs')
  })
})
