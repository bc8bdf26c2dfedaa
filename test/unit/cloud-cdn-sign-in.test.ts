import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import { isTrustedGoogleUrl, googleEndpoints, signIn, signInInputErrors, type Env } from '../../src/providers/cloud-cdn/sign-in.js'
import { redact } from '../../src/secrets.js'
import { startGitHubOidcEmulator, verifyJwt, type GitHubOidcEmulator } from '../emulators/github-oidc.js'
import { DEFAULT_PROVIDER, DEFAULT_SERVICE_ACCOUNT, startGoogleAuthEmulator, type GoogleAuthEmulator, type GoogleAuthEmulatorOptions } from '../emulators/google-auth.js'

const signingKey = 'sign-in-test-key'
let github: GitHubOidcEmulator
let google: GoogleAuthEmulator
let directory: string

beforeEach(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  directory = mkdtempSync(join(tmpdir(), 'cloud-cdn-sign-in-'))
  github = await startGitHubOidcEmulator({ signingKey })
})
afterEach(async () => {
  vi.restoreAllMocks()
  await github.close()
  await google?.close()
})

async function startGoogle(options: Partial<GoogleAuthEmulatorOptions> = {}) {
  google = await startGoogleAuthEmulator({ verifySubjectToken: (token) => verifyJwt(token, signingKey), ...options })
}

const http = () => new HttpClient({ deadline: Date.now() + 20_000, retries: 2, sleep: async () => {} })
const endpointsEnv = (): Env => ({
  CDN_PURGE_GOOGLE_STS_URL: google.stsUrl,
  CDN_PURGE_GOOGLE_IAM_CREDENTIALS_URL: google.iamCredentialsUrl,
  CDN_PURGE_GOOGLE_OAUTH_TOKEN_URL: google.oauthTokenUrl,
})
const keylessEnv = (): Env => ({ ...endpointsEnv(), ...github.env() })

function writeJson(name: string, value: unknown): string {
  const path = join(directory, name)
  writeFileSync(path, JSON.stringify(value))
  return path
}

function externalAccountFile(overrides: Record<string, unknown> = {}) {
  return {
    type: 'external_account',
    audience: `//iam.googleapis.com/${DEFAULT_PROVIDER}`,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: google.stsUrl,
    credential_source: {
      url: `${github.requestUrl}&audience=${encodeURIComponent(`https://iam.googleapis.com/${DEFAULT_PROVIDER}`)}`,
      headers: { Authorization: `Bearer ${github.requestToken}` },
      format: { type: 'json', subject_token_field_name: 'value' },
    },
    ...overrides,
  }
}

describe('signIn', () => {
  it('`token` wins and sends nothing', async () => {
    await startGoogle()
    const result = await signIn(http(), { token: 'ya29.given', workloadIdentityProvider: DEFAULT_PROVIDER }, keylessEnv())
    expect(result).toEqual({ ok: true, accessToken: 'ya29.given', via: 'token' })
    expect([...google.requests, ...github.requests]).toEqual([])
  })

  it('workload-identity-provider: an OIDC token for https://iam.googleapis.com/<provider>, exchanged at STS as JSON', async () => {
    await startGoogle()
    const result = await signIn(http(), { workloadIdentityProvider: DEFAULT_PROVIDER }, keylessEnv())
    expect(result.ok).toBe(true)
    const accessToken = result.ok ? result.accessToken : ''
    expect(google.principalOf(accessToken)).toMatch(/^principal:\/\/iam\.googleapis\.com\/projects\/123456789012\/locations\/global\/workloadIdentityPools\/github\/subject\/repo:/)
    expect(github.minted.map((each) => each.audience)).toEqual([`https://iam.googleapis.com/${DEFAULT_PROVIDER}`])
    expect(google.requests[0]?.body).toMatchObject({ audience: `//iam.googleapis.com/${DEFAULT_PROVIDER}`, scope: 'https://www.googleapis.com/auth/cloud-platform' })
    expect(redact(`${accessToken} ${github.minted[0]?.token} ${github.requestToken}`)).toBe('*** *** ***')
  })

  it('with service-account: the federated token impersonates it', async () => {
    await startGoogle()
    const result = await signIn(http(), { workloadIdentityProvider: DEFAULT_PROVIDER, serviceAccount: DEFAULT_SERVICE_ACCOUNT }, keylessEnv())
    expect(result.ok && google.principalOf(result.accessToken)).toBe(DEFAULT_SERVICE_ACCOUNT)
    expect(result.ok && result.via).toContain(`as ${DEFAULT_SERVICE_ACCOUNT}`)
  })

  it('without the runner OIDC variables: an input error naming id-token: write, nothing sent', async () => {
    await startGoogle()
    const result = await signIn(http(), { workloadIdentityProvider: DEFAULT_PROVIDER }, endpointsEnv())
    expect(result).toMatchObject({ ok: false, input: true, error: expect.stringContaining('permissions: id-token: write') })
    expect(google.requests).toEqual([])
  })

  it('a refusal by the attribute condition names it, with the token subject', async () => {
    await startGoogle({ providers: [{ name: DEFAULT_PROVIDER, condition: () => false }] })
    const result = await signIn(http(), { workloadIdentityProvider: DEFAULT_PROVIDER }, keylessEnv())
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toBe(
      'Google STS refused the token exchange (HTTP 400): unauthorized_client: The given credential is rejected by the attribute condition. ' +
        `(hint: the provider's attribute condition rejects this job's token (sub "${github.subject}"); make it accept this repository, e.g. assertion.repository == 'OWNER/REPO', and check any ref or environment it names)`,
    )
    expect(google.requests).toHaveLength(1)
  })

  it('an unknown provider: invalid_target with a hint', async () => {
    await startGoogle({ providers: [] })
    const result = await signIn(http(), { workloadIdentityProvider: DEFAULT_PROVIDER }, keylessEnv())
    expect(!result.ok && result.error).toMatch(/invalid_target: The target service .* \(hint: the pool or provider ".*" does not exist or is disabled/)
  })

  it('impersonation refused: PERMISSION_DENIED with the workloadIdentityUser hint', async () => {
    await startGoogle({ serviceAccounts: { [DEFAULT_SERVICE_ACCOUNT]: { impersonators: () => false } } })
    const result = await signIn(http(), { workloadIdentityProvider: DEFAULT_PROVIDER, serviceAccount: DEFAULT_SERVICE_ACCOUNT }, keylessEnv())
    expect(!result.ok && result.error).toBe(
      `IAM Credentials refused an access token for ${DEFAULT_SERVICE_ACCOUNT} (HTTP 403): PERMISSION_DENIED: Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist). ` +
        `(hint: grant this repository's principals in the pool roles/iam.workloadIdentityUser on ${DEFAULT_SERVICE_ACCOUNT}, and check the account exists)`,
    )
  })

  it('STS answering 503 is retried', async () => {
    await startGoogle()
    google.stsFaults.push({ status: 503 })
    const result = await signIn(http(), { workloadIdentityProvider: DEFAULT_PROVIDER }, keylessEnv())
    expect(result.ok).toBe(true)
    expect(google.requests.filter((request) => request.path === '/v1/token')).toHaveLength(2)
  })

  it('GOOGLE_APPLICATION_CREDENTIALS external_account (as google-github-actions/auth writes it), with impersonation', async () => {
    await startGoogle()
    const file = writeJson('gha-creds.json', externalAccountFile({ service_account_impersonation_url: `${google.iamCredentialsUrl}/projects/-/serviceAccounts/${DEFAULT_SERVICE_ACCOUNT}:generateAccessToken` }))
    const result = await signIn(http(), {}, { ...endpointsEnv(), GOOGLE_APPLICATION_CREDENTIALS: file })
    expect(result.ok && google.principalOf(result.accessToken)).toBe(DEFAULT_SERVICE_ACCOUNT)
    expect(github.requests[0]?.headers.authorization).toBe(`Bearer ${github.requestToken}`)
    expect(redact(github.requestToken)).toBe('***')
  })

  it('GOOGLE_APPLICATION_CREDENTIALS service_account key: an RS256 assertion the token endpoint verifies', async () => {
    await startGoogle()
    const key = google.keyFile()
    const result = await signIn(http(), {}, { ...endpointsEnv(), GOOGLE_APPLICATION_CREDENTIALS: writeJson('key.json', key) })
    expect(result.ok && google.principalOf(result.accessToken)).toBe(key.client_email)
    const line = key.private_key.split('\n')[5] ?? ''
    expect(redact(`${key.private_key.trim()} ${line}`)).toBe('*** ***')
  })

  it.each([
    ['a token_url off googleapis.com', () => externalAccountFile({ token_url: 'https://sts.evil.example/v1/token' }), 'token_url "https://sts.evil.example/v1/token" is not a googleapis.com https URL'],
    ['an http googleapis URL', () => externalAccountFile({ token_url: 'http://sts.googleapis.com/v1/token' }), 'is not a googleapis.com https URL'],
    ['an impersonation URL elsewhere', () => externalAccountFile({ service_account_impersonation_url: 'https://evil.example/v1/projects/-/serviceAccounts/a@b.iam.gserviceaccount.com:generateAccessToken' }), 'refusing to send a token there'],
    ['an executable source', () => externalAccountFile({ credential_source: { executable: { command: 'x' } } }), 'credential_source "executable" is not supported'],
    ['a sovereign universe', () => externalAccountFile({ universe_domain: 'example.sovereign' }), 'universe_domain "example.sovereign" is not covered'],
    ['an authorized_user file', () => ({ type: 'authorized_user', refresh_token: 'x' }), 'credentials of type "authorized_user" are not supported'],
    ['a key file naming another token_uri', () => ({ ...google.keyFile(), token_uri: 'https://oauth2.evil.example/token' }), 'refusing to send a signed assertion there'],
  ])('refuses %s before sending anything', async (_case, content, message) => {
    await startGoogle()
    const result = await signIn(http(), {}, { ...endpointsEnv(), ...github.env(), GOOGLE_APPLICATION_CREDENTIALS: writeJson('creds.json', content()) })
    expect(result).toMatchObject({ ok: false, input: true, error: expect.stringContaining(message) })
    expect([...google.requests, ...github.requests]).toEqual([])
  })

  it('a missing file is an input error naming it', async () => {
    const result = await signIn(http(), {}, { GOOGLE_APPLICATION_CREDENTIALS: join(directory, 'nope.json') })
    expect(result).toEqual({ ok: false, input: true, error: `GOOGLE_APPLICATION_CREDENTIALS (${join(directory, 'nope.json')}): no such file` })
  })

  it('no way at all: an input error naming every way', async () => {
    const result = await signIn(http(), {}, {})
    expect(result).toEqual({
      ok: false,
      input: true,
      error:
        'input token: cloud-cdn needs a way to sign in to Google Cloud: `token` (an OAuth 2.0 access token), `workload-identity-provider` (keyless: the job needs `permissions: id-token: write`), or a GOOGLE_APPLICATION_CREDENTIALS file (as google-github-actions/auth writes it)',
    })
  })
})

describe('signInInputErrors', () => {
  it.each([
    [{ workloadIdentityProvider: DEFAULT_PROVIDER, serviceAccount: DEFAULT_SERVICE_ACCOUNT }, []],
    [{ workloadIdentityProvider: `//iam.googleapis.com/${DEFAULT_PROVIDER}` }, ['without the //iam.googleapis.com/ prefix']],
    [{ workloadIdentityProvider: 'projects/acme-site/locations/global/workloadIdentityPools/github/providers/acme' }, ['the project NUMBER, not its ID']],
    [{ workloadIdentityProvider: 'github/acme' }, ['expected the provider\'s full name']],
    [{ serviceAccount: DEFAULT_SERVICE_ACCOUNT }, ['give `workload-identity-provider` too']],
    [{ workloadIdentityProvider: DEFAULT_PROVIDER, serviceAccount: 'someone@example.com' }, ['expected a service account email']],
  ])('%j', (inputs, messages) => {
    const errors = signInInputErrors(inputs, {})
    expect(errors).toHaveLength(messages.length)
    messages.forEach((message, index) => expect(errors[index]).toContain(message))
  })
})

describe('isTrustedGoogleUrl', () => {
  const endpoints = googleEndpoints({ CDN_PURGE_GOOGLE_STS_URL: 'http://127.0.0.1:9999/v1/token' })
  it.each([
    ['https://sts.googleapis.com/v1/token', true],
    ['https://sts-xyz.p.googleapis.com/v1/token', true],
    ['https://oauth2.googleapis.com/token', true],
    ['http://127.0.0.1:9999/token', true],
    ['http://sts.googleapis.com/v1/token', false],
    ['https://googleapis.com.evil.example/v1/token', false],
    ['https://evilgoogleapis.com/v1/token', false],
    ['http://127.0.0.1:9998/v1/token', false],
  ])('%s: %s', (url, trusted) => expect(isTrustedGoogleUrl(url, endpoints)).toBe(trusted))
})
