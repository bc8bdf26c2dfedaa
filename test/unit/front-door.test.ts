import { describe, expect, it } from 'vitest'
import { armError, operationUrlError, purgeBody, purgePath, readOperation, readPurgeAnswer } from '../../src/providers/front-door/arm.js'
import { addressErrors, cutGroup, groupByDomain, readDomain, readPath } from '../../src/providers/front-door/rules.js'

const address = { subscription: '00000000-1111-2222-3333-444444444444', resourceGroup: 'web-rg', profile: 'acme-fd', endpoint: 'acme-site' }
const answer = (status: number, body = '', headers: Record<string, string> = {}) => ({ status, headers, body })

describe('readPath', () => {
  it.each([
    ['/index.html', { host: undefined, path: '/index.html', droppedQuery: false }],
    ['/img/*', { host: undefined, path: '/img/*', droppedQuery: false }],
    ['/*', { host: undefined, path: '/*', droppedQuery: false }],
    ['/app.js?v=2', { host: undefined, path: '/app.js', droppedQuery: true }],
    ['/page#top', { host: undefined, path: '/page', droppedQuery: true }],
    ['https://WWW.acme.test/a b.css?x=1#y', { host: 'www.acme.test', path: '/a%20b.css', droppedQuery: true }],
    ['https://static.acme.test/img/*', { host: 'static.acme.test', path: '/img/*', droppedQuery: false }],
    ['https://static.acme.test/?', { host: 'static.acme.test', path: '/', droppedQuery: true }],
  ])('%s', (value, expected) => {
    expect(readPath(value)).toEqual(expected)
  })

  it.each([
    ['index.html', 'input paths: expected a path from the root such as /index.html or /img/* (Front Door paths begin with /), got "index.html"'],
    ['/img*', 'input paths: a * is allowed only at the end, right after a / (/img/* or /*), got "/img*"'],
    ['/img/*/a.png', 'input paths: a * is allowed only at the end, right after a / (/img/* or /*), got "/img/*/a.png"'],
    ['ftp://acme.test/a', 'input paths: expected a path from the root such as /index.html or /img/*, or an http(s) URL, got "ftp://acme.test/a"'],
  ])('refuses %s', (value, error) => {
    expect(readPath(value)).toEqual({ error })
  })
})

describe('groupByDomain', () => {
  it('sends paths from the root to the domains input, and each URL to its own host', () => {
    const { groups, notes, errors } = groupByDomain(
      ['/a.css', 'https://static.acme.test/img/*', '/a.css', 'https://www.acme.test/b.js?v=3', 'https://static.acme.test/c.png'],
      ['www.acme.test'],
      false,
    )
    expect(errors).toEqual([])
    expect(groups).toEqual([
      { domains: ['www.acme.test'], paths: ['/a.css', '/b.js'] },
      { domains: ['static.acme.test'], paths: ['/img/*', '/c.png'] },
    ])
    expect(notes).toEqual(['paths: "https://www.acme.test/b.js?v=3" is purged as /b.js: Front Door purges every query-string variant of a path'])
  })

  it('purges paths from the root on every domain when no domains are given', () => {
    expect(groupByDomain(['/a', '/b'], [], false).groups).toEqual([{ domains: [], paths: ['/a', '/b'] }])
  })

  it('scope all is /* on the domains given, or on every domain', () => {
    expect(groupByDomain(['/ignored'], ['www.acme.test'], true).groups).toEqual([{ domains: ['www.acme.test'], paths: ['/*'] }])
    expect(groupByDomain([], [], true).groups).toEqual([{ domains: [], paths: ['/*'] }])
  })

  it('collects every bad path', () => {
    expect(groupByDomain(['/ok', 'bad', '/x*y'], [], false).errors).toHaveLength(2)
  })
})

describe('cutGroup', () => {
  const paths = (count: number) => Array.from({ length: count }, (_, index) => `/p${index}`)
  it.each([
    [[], 250, 100, [100, 100, 50]],
    [['a.test'], 100, 100, [100]],
    [['a.test', 'b.test', 'c.test'], 100, 100, [33, 33, 33, 1]],
    [[], 10, 4, [4, 4, 2]],
    [['a.test', 'b.test'], 3, 1, [1, 1, 1]],
  ])('domains %j, %i paths, batch-size %i', (domains, count, batchSize, sizes) => {
    const requests = cutGroup({ domains, paths: paths(count) }, batchSize)
    expect(requests.map((request) => request.paths.length)).toEqual(sizes)
    expect(requests.flatMap((request) => request.paths)).toEqual(paths(count))
  })
})

describe('inputs', () => {
  it('accepts a well-formed address', () => {
    expect(addressErrors(address)).toEqual([])
  })

  it('names each bad part', () => {
    expect(addressErrors({ subscription: 'my-sub', resourceGroup: 'rg.', profile: '-fd', endpoint: 'site/x' })).toEqual([
      'input subscription: expected the Azure subscription ID, a GUID, got "my-sub"',
      'input resource-group: expected a resource group name (letters, digits, - _ . ( ), up to 90, not ending in .), got "rg."',
      'input profile: expected a Front Door profile name (letters, digits and inner hyphens), got "-fd"',
      'input endpoint: expected a Front Door endpoint name (letters, digits and inner hyphens), got "site/x"',
    ])
  })

  it.each([
    ['WWW.Acme.test', { domain: 'www.acme.test' }],
    ['*.acme.test', { error: 'input domains: a wildcard domain cannot be purged; list its subdomains instead, got "*.acme.test"' }],
    ['https://www.acme.test', { error: 'input domains: expected a domain name such as www.example.com, got "https://www.acme.test"' }],
  ])('domain %s', (value, expected) => {
    expect(readDomain(value)).toEqual(expected)
  })
})

describe('the ARM request and answers', () => {
  it('addresses the endpoint with the api-version', () => {
    expect(purgePath(address)).toBe(
      '/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/web-rg/providers/Microsoft.Cdn/profiles/acme-fd/afdEndpoints/acme-site/purge?api-version=2024-02-01',
    )
    expect(purgeBody({ domains: [], paths: ['/a'] })).toBe('{"contentPaths":["/a"]}')
    expect(purgeBody({ domains: ['www.acme.test'], paths: ['/a'] })).toBe('{"contentPaths":["/a"],"domains":["www.acme.test"]}')
  })

  it.each([
    [answer(202, '', { 'azure-asyncoperation': 'https://m/op/1', location: 'https://m/loc/1' }), { ok: true, operationUrl: 'https://m/op/1', done: false }],
    [answer(202, '', { location: 'https://m/loc/1' }), { ok: true, operationUrl: 'https://m/loc/1', done: false }],
    [answer(202), { ok: true, operationUrl: undefined, done: false }],
    [answer(200), { ok: true, operationUrl: undefined, done: true }],
    [answer(404, '{"error":{"code":"ResourceNotFound","message":"The Resource \'x\' was not found."}}'), { ok: false, error: "HTTP 404, ResourceNotFound: The Resource 'x' was not found." }],
    [answer(502, '<html><title>Bad Gateway</title></html>'), { ok: false, error: 'HTTP 502, not an Azure Resource Manager answer: Bad Gateway' }],
  ])('purge answer %#', (given, expected) => {
    expect(readPurgeAnswer(given)).toEqual(expected)
  })

  it('hints at the permission on a 403 and at the token on a 401', () => {
    expect(armError(answer(403, '{"error":{"code":"AuthorizationFailed","message":"no"}}'))).toBe(
      'HTTP 403, AuthorizationFailed: no (hint: the signed-in identity needs Microsoft.Cdn/profiles/afdendpoints/Purge/action on the endpoint or profile, e.g. the role CDN Profile Contributor)',
    )
    expect(armError(answer(401, '{"error":{"code":"InvalidAuthenticationToken","message":"The access token is invalid."}}'))).toContain('(hint: the token must be an ARM access token')
  })

  const now = Date.UTC(2026, 0, 1)
  it.each([
    [answer(200, '{"status":"InProgress","error":{"code":"None","message":null}}', { 'retry-after': '7' }), { state: 'running', status: 'InProgress', retryAfterMs: 7000 }],
    [answer(200, '{"status":"Succeeded","error":{"code":"None","message":null}}'), { state: 'succeeded' }],
    [answer(200, '{"status":"Failed","error":{"code":"PurgeFailed","message":"nope"}}'), { state: 'failed', error: 'operation Failed: PurgeFailed: nope' }],
    [answer(200, '{"status":"Canceled"}'), { state: 'failed', error: 'operation Canceled' }],
    [answer(202, '', { 'retry-after': '3' }), { state: 'running', status: 'Accepted', retryAfterMs: 3000 }],
    [answer(204), { state: 'succeeded' }],
    [answer(200, ''), { state: 'succeeded' }],
    [answer(400, '{"error":{"code":"PurgeFailed","message":"The purge operation failed."}}'), { state: 'failed', error: 'HTTP 400, PurgeFailed: The purge operation failed.' }],
    [answer(200, '<html>captive portal</html>'), { unreadable: 'HTTP 200, not an operation status: <html>captive portal</html>' }],
  ])('operation answer %#', (given, expected) => {
    expect(readOperation(given, now)).toEqual(expected)
  })

  it('polls an operation URL only on the API origin', () => {
    expect(operationUrlError('https://management.azure.com/subscriptions/x/operationresults/1?s=a', 'https://management.azure.com')).toBeUndefined()
    expect(operationUrlError('https://evil.test/op', 'https://management.azure.com')).toBe(
      'the operation URL is not on management.azure.com, so it is not polled (the token goes only to the API)',
    )
    expect(operationUrlError('http://management.azure.com/op', 'https://management.azure.com')).toBeDefined()
  })
})
