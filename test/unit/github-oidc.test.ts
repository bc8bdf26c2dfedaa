import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import { redact } from '../../src/secrets.js'
import { oidcInputError, oidcRequestUrl, readClaims, readOidcAnswer, requestOidcToken } from '../../src/sign-in/github-oidc.js'
import { DEFAULT_SUBJECT, GITHUB_OIDC_ISSUER, mintJwt, startGitHubOidcEmulator, type GitHubOidcEmulator } from '../emulators/github-oidc.js'

// registerSecret writes `::add-mask::` lines; kept off the test output (one test reads them).
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  vi.restoreAllMocks()
})

const http = () => new HttpClient({ deadline: Date.now() + 20_000, retries: 2, sleep: async () => {} })

describe('oidcInputError', () => {
  it.each([
    [{}, 'ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
    [{ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x.test/t?api-version=2.0' }, 'no ACTIONS_ID_TOKEN_REQUEST_TOKEN:'],
    [{ ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'abcd', ACTIONS_ID_TOKEN_REQUEST_URL: '' }, 'no ACTIONS_ID_TOKEN_REQUEST_URL:'],
  ])('names the missing variable and the permission (%j)', (env, missing) => {
    const error = oidcInputError(env, 'role-to-assume')
    expect(error).toContain(missing)
    expect(error).toMatch(/^input role-to-assume: signs in with the job's GitHub OIDC token/)
    expect(error).toContain('`permissions: id-token: write`')
  })

  it('refuses a request URL that is not http(s), and accepts one that is', () => {
    expect(oidcInputError({ ACTIONS_ID_TOKEN_REQUEST_URL: 'file:///etc/passwd', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'abcd' }, 'tenant-id')).toBe(
      'input tenant-id: ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL',
    )
    expect(oidcInputError({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x.test/t?api-version=2.0', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'abcd' }, 'x')).toBeUndefined()
  })
})

describe('oidcRequestUrl', () => {
  it.each([
    ['https://r.test/t?api-version=2.0', 'sts.amazonaws.com', 'https://r.test/t?api-version=2.0&audience=sts.amazonaws.com'],
    ['https://r.test/t?api-version=2.0', 'api://AzureADTokenExchange', 'https://r.test/t?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange'],
    ['https://r.test/t', 'a b&c', 'https://r.test/t?audience=a%20b%26c'],
  ])('%s + %s', (url, audience, expected) => {
    expect(oidcRequestUrl(url, audience)).toBe(expected)
  })
})

describe('readOidcAnswer', () => {
  const jwt = mintJwt({ iss: GITHUB_OIDC_ISSUER, sub: DEFAULT_SUBJECT, aud: 'x' }, 'k')
  it.each([
    [{ status: 200, body: 'x'.repeat(70_000) }, 'HTTP 200: answer larger than 65536 characters'],
    [{ status: 200, body: '<html><title>Sign in</title></html>' }, 'HTTP 200: the answer has no "value" string'],
    [{ status: 200, body: '{"value": 42}' }, 'HTTP 200: the answer has no "value" string'],
    [{ status: 200, body: '{"value": "not-a-jwt-token"}' }, 'HTTP 200: the "value" is not a JWT'],
    [{ status: 200, body: `{"value": "${'a'.repeat(20_001)}.b.c"}` }, 'HTTP 200: the token is longer than 20000 characters'],
    [{ status: 403, body: '{"message":"Can\'t issue ID_TOKEN for audience"}' }, 'HTTP 403: {"message":"Can\'t issue ID_TOKEN for audience"}'],
  ])('refuses %#', (answer, error) => {
    expect(readOidcAnswer({ headers: {}, ...answer })).toEqual({ error })
  })

  it('masks a value it refuses, so the error path cannot print it', () => {
    expect(readOidcAnswer({ status: 200, headers: {}, body: '{"value": "leaky-not-a-jwt"}' })).toEqual({ error: 'HTTP 200: the "value" is not a JWT' })
    expect(redact('got leaky-not-a-jwt')).toBe('got ***')
  })

  it('accepts a JWT', () => {
    expect(readOidcAnswer({ status: 200, headers: {}, body: JSON.stringify({ count: 1, value: jwt }) })).toEqual({ token: jwt })
  })
})

describe('readClaims', () => {
  it('reads sub, aud and iss, and nothing from garbage', () => {
    const jwt = mintJwt({ iss: GITHUB_OIDC_ISSUER, sub: DEFAULT_SUBJECT, aud: 'sts.amazonaws.com' }, 'k')
    expect(readClaims(jwt)).toEqual({ iss: GITHUB_OIDC_ISSUER, sub: DEFAULT_SUBJECT, aud: 'sts.amazonaws.com' })
    expect(readClaims('a.!!!.c')).toEqual({})
    expect(readClaims(`a.${Buffer.from('[1]').toString('base64url')}.c`)).toEqual({})
  })
})

describe('requestOidcToken against the emulator', () => {
  let oidc: GitHubOidcEmulator
  beforeEach(async () => {
    // The masked-secret set lives for the whole process (shared by the test files of a worker):
    // a request token of its own, so that this test sees it masked the first time.
    oidc = await startGitHubOidcEmulator({ requestToken: `runtime-request-token-${randomUUID()}` })
  })
  afterEach(() => oidc.close())

  it('asks with the request token and audience, and masks both tokens', async () => {
    const result = await requestOidcToken(http(), 'api://AzureADTokenExchange', oidc.env())
    const written = vi.mocked(process.stdout.write).mock.calls.map((call) => String(call[0])).join('')

    expect(oidc.requests).toHaveLength(1)
    expect(oidc.requests[0]?.query).toEqual({ 'api-version': '2.0', audience: 'api://AzureADTokenExchange' })
    expect(oidc.requests[0]?.headers.authorization).toBe(`Bearer ${oidc.requestToken}`)
    const token = oidc.minted[0]?.token as string
    expect(result).toEqual({ ok: true, token, subject: DEFAULT_SUBJECT })
    expect(readClaims(token).aud).toBe('api://AzureADTokenExchange')
    expect(written).toContain(`::add-mask::${token}`)
    expect(written).toContain(`::add-mask::${oidc.requestToken}`)
    expect(redact(`a ${token} b ${oidc.requestToken}`)).toBe('a *** b ***')
  })

  it('retries a 503 and a reset, like every other request', async () => {
    oidc.faults.push({ status: 503 }, { reset: true })
    const result = await requestOidcToken(http(), 'sts.amazonaws.com', oidc.env())
    expect(result.ok).toBe(true)
    expect(oidc.requests).toHaveLength(3)
  })

  it('does not retry a refused request token, and says what the runner answered', async () => {
    const result = await requestOidcToken(http(), 'sts.amazonaws.com', { ...oidc.env(), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong-request-token' })
    expect(result).toEqual({ ok: false, error: 'GitHub OIDC token for audience sts.amazonaws.com not obtained: HTTP 401: {"message":"Unauthorized"}' })
    expect(oidc.requests).toHaveLength(1)
  })

  it('sends nothing without the runner variables, and names the permission', async () => {
    const result = await requestOidcToken(http(), 'sts.amazonaws.com', {}, 'role-to-assume')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toContain('permissions: id-token: write')
    expect(oidc.requests).toHaveLength(0)
  })
})
