import { describe, expect, it } from 'vitest'
import { cacheTagProblem, isRateLimited, readGoogleError, readOperation, readPath, requestId, ruleForItem, type RequestIdParts } from '../../src/providers/cloud-cdn/rules.js'

describe('readPath: Cloud CDN path rules', () => {
  it.each([
    ['/index.html', '/index.html', { path: '/index.html' }],
    ['/img/*', '/img/*', { path: '/img/*' }],
    ['/*', '/*', { path: '/*' }],
    ['/', '/', { path: '/' }],
    ['/ü.css', '/%C3%BC.css', { path: '/%C3%BC.css' }],
    ['/a%20b.css', '/a%20b.css', { path: '/a%20b.css' }],
    ['https://www.example.com/a.css', 'https://www.example.com/a.css', { path: '/a.css', host: 'www.example.com' }],
    ['https://WWW.Example.com/Img/*', 'https://www.example.com/Img/*', { path: '/Img/*', host: 'www.example.com' }],
    ['https://example.com', 'https://example.com/', { path: '/', host: 'example.com' }],
    ['http://example.com:8080/a', 'http://example.com:8080/a', { path: '/a', host: 'example.com' }],
    ['https://*.example.com/a.css', 'https://*.example.com/a.css', { path: '/a.css', host: '*.example.com' }],
  ])('%s -> item %s, rule %j', (raw, item, rule) => {
    const reading = readPath(raw)
    expect(reading).toEqual({ ok: true, item, rule })
    expect(ruleForItem(item)).toEqual(rule)
  })

  it.each([
    ['/a.css?v=2', '/a.css', '"?v=2"'],
    ['/a.css#top', '/a.css', '"#top"'],
    ['https://example.com/img/*?x=1#y', 'https://example.com/img/*', '"?x=1#y"'],
    ['https://example.com?only=query', 'https://example.com/', '"?only=query"'],
  ])('%s drops the query or fragment with a note', (raw, item, dropped) => {
    const reading = readPath(raw)
    expect(reading).toMatchObject({ ok: true, item })
    expect(reading.ok && reading.note).toContain(`${dropped} dropped, Cloud CDN invalidates`)
  })

  it.each([
    ['index.html', 'start at the root'],
    ['//cdn.example.com/a', 'start at the root'],
    ['img/*', 'start at the root'],
    ['/img*', 'only as the last character, after a / ("/*")'],
    ['/img/a*', '("/img/*")'],
    ['/*/a.css', 'only as the last character'],
    ['/a b.css', 'spaces'],
    ['ftp://example.com/a', 'http(s) URL'],
    ['https://user:pw@example.com/a', 'user name or password'],
    ['https://*.*.example.com/a', 'single-level wildcard'],
    ['https://*.com/a', 'single-level wildcard'],
  ])('%s is an input error (%s)', (raw, message) => {
    const reading = readPath(raw)
    expect(reading.ok).toBe(false)
    expect(!reading.ok && reading.error).toContain(message)
  })
})

describe('cacheTagProblem', () => {
  it.each([['product-1'], ['a:b/c'], ['x'.repeat(120)]])('accepts %s', (tag) => expect(cacheTagProblem(tag)).toBeUndefined())
  it.each([['a b'], ['a,b'], ['x'.repeat(121)]])('refuses %s', (tag) => expect(cacheTagProblem(tag)).toBeDefined())
})

describe('requestId', () => {
  const parts: RequestIdParts = { runId: '123', runAttempt: '1', job: 'deploy', step: 'purge', project: 'acme-site', urlMap: 'web-map', rule: { path: '/a' } }

  it('is a version 5 UUID, never the zero UUID, and the same for the same parts', () => {
    const id = requestId(parts)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(requestId({ ...parts })).toBe(id)
  })

  it.each([
    ['run', { runId: '124' }],
    ['attempt', { runAttempt: '2' }],
    ['job', { job: 'other' }],
    ['step', { step: '__run_2' }],
    ['project', { project: 'other' }],
    ['URL map', { urlMap: 'assets-map' }],
    ['path', { rule: { path: '/b' } }],
    ['host', { rule: { path: '/a', host: 'example.com' } }],
    ['tags', { rule: { cacheTags: ['a'] } }],
  ])('changes with the %s', (_what, change) => {
    expect(requestId({ ...parts, ...change })).not.toBe(requestId(parts))
  })
})

const answer = (status: number, body: unknown) => ({ status, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) })

describe('readOperation', () => {
  it('reads name and status', () => {
    expect(readOperation(answer(200, { name: 'operation-1', status: 'RUNNING' }))).toEqual({ name: 'operation-1', status: 'RUNNING' })
  })
  it('reads an error of a DONE operation', () => {
    const reading = readOperation(answer(200, { name: 'op', status: 'DONE', error: { errors: [{ code: 'INTERNAL_ERROR', message: 'Internal error' }, { code: 'X', message: 'y' }] } }))
    expect(reading).toEqual({ name: 'op', status: 'DONE', error: 'INTERNAL_ERROR: Internal error; X: y' })
  })
  it.each([['<html><title>Bad gateway</title></html>', 'not a Compute API answer: Bad gateway'], [{ kind: 'x' }, 'no Operation name and status']])('%j is no Operation', (body, problem) => {
    expect(readOperation(answer(200, body))).toEqual({ problem: expect.stringContaining(problem) })
  })
})

describe('readGoogleError and isRateLimited', () => {
  it.each([
    [429, { error: { code: 429, message: 'Quota exceeded', errors: [{ reason: 'rateLimitExceeded' }], status: 'RESOURCE_EXHAUSTED' } }, true],
    [403, { error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }] } }, true],
    [403, { error: { code: 403, message: "Required 'compute.urlMaps.invalidateCache' permission", errors: [{ reason: 'forbidden' }] } }, false],
    [404, { error: { code: 404, message: 'not found', errors: [{ reason: 'notFound' }] } }, false],
  ])('%i %j: rate limited %s', (status, body, limited) => {
    const reading = readGoogleError(JSON.stringify(body))
    expect(reading.message).toBe(body.error.message)
    expect(isRateLimited(status, reading)).toBe(limited)
  })
  it('falls back to the rpc status, and to a snippet of a body that is not JSON', () => {
    expect(readGoogleError(JSON.stringify({ error: { message: 'denied', status: 'PERMISSION_DENIED' } }))).toEqual({ reason: 'PERMISSION_DENIED', message: 'denied' })
    expect(readGoogleError('<html><title>Oops</title>')).toEqual({ reason: undefined, message: 'Oops' })
  })
})
