import { generateKeyPairSync } from 'node:crypto'
import { IdentityPoolClient, JWT } from 'google-auth-library'
import { afterEach, describe, expect, it } from 'vitest'
import { startCloudCdnEmulator } from './cloud-cdn.js'
import { startGitHubOidcEmulator, verifyJwt, type GitHubOidcEmulator } from './github-oidc.js'
import {
  ACCESS_TOKEN_TYPE,
  CLOUD_PLATFORM_SCOPE,
  DEFAULT_PROVIDER,
  DEFAULT_SERVICE_ACCOUNT,
  JWT_TOKEN_TYPE,
  TOKEN_EXCHANGE_GRANT,
  startGoogleAuthEmulator,
  type GoogleAuthEmulator,
  type GoogleAuthEmulatorOptions,
} from './google-auth.js'

const signingKey = 'google-auth-test-key'
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function start(options: Partial<GoogleAuthEmulatorOptions> = {}): Promise<{ google: GoogleAuthEmulator; github: GitHubOidcEmulator }> {
  const github = await startGitHubOidcEmulator({ signingKey })
  const google = await startGoogleAuthEmulator({ verifySubjectToken: (token) => verifyJwt(token, signingKey), ...options })
  closers.push(github.close, google.close)
  return { google, github }
}

const oidcAudience = `https://iam.googleapis.com/${DEFAULT_PROVIDER}`

/** An `external_account` credentials file as google-github-actions/auth writes it, pointing at the emulators. */
function externalAccount(google: GoogleAuthEmulator, github: GitHubOidcEmulator, serviceAccount?: string) {
  return {
    type: 'external_account' as const,
    audience: `//iam.googleapis.com/${DEFAULT_PROVIDER}`,
    subject_token_type: JWT_TOKEN_TYPE,
    token_url: google.stsUrl,
    credential_source: {
      url: `${github.requestUrl}&audience=${encodeURIComponent(oidcAudience)}`,
      headers: { Authorization: `Bearer ${github.requestToken}` },
      format: { type: 'json' as const, subject_token_field_name: 'value' },
    },
    ...(serviceAccount ? { service_account_impersonation_url: `${google.iamCredentialsUrl}/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken` } : {}),
  }
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function oidcToken(github: GitHubOidcEmulator, audience = oidcAudience): Promise<string> {
  const response = await fetch(`${github.requestUrl}&audience=${encodeURIComponent(audience)}`, { headers: { authorization: `Bearer ${github.requestToken}` } })
  return ((await response.json()) as { value: string }).value
}

const exchangeBody = (subjectToken: string, overrides: Record<string, unknown> = {}) => ({
  grantType: TOKEN_EXCHANGE_GRANT,
  requestedTokenType: ACCESS_TOKEN_TYPE,
  subjectToken,
  subjectTokenType: JWT_TOKEN_TYPE,
  audience: `//iam.googleapis.com/${DEFAULT_PROVIDER}`,
  scope: CLOUD_PLATFORM_SCOPE,
  ...overrides,
})

describe('google-auth-library against the emulators', () => {
  it('an external_account file (as google-github-actions/auth writes it) gets a federated token: form-encoded STS exchange', async () => {
    const { google, github } = await start()
    const client = new IdentityPoolClient(externalAccount(google, github))
    const { token } = await client.getAccessToken()

    expect(token).toMatch(/^ya29\.d\./)
    expect(google.principalOf(token ?? '')).toBe(`principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/subject/${github.subject}`)
    const exchange = google.requests.find((request) => request.path === '/v1/token')
    expect(exchange?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/)
    expect(new URLSearchParams(exchange?.rawBody).get('grant_type')).toBe(TOKEN_EXCHANGE_GRANT)
    expect(github.minted.map((minted) => minted.audience)).toEqual([oidcAudience])
  })

  it('with service_account_impersonation_url it impersonates the service account, and the token works on Compute', async () => {
    const { google, github } = await start()
    const compute = await startCloudCdnEmulator({ authorize: google.principalOf })
    closers.push(compute.close)
    const client = new IdentityPoolClient(externalAccount(google, github, DEFAULT_SERVICE_ACCOUNT))

    const { token } = await client.getAccessToken()
    expect(google.principalOf(token ?? '')).toBe(DEFAULT_SERVICE_ACCOUNT)
    const impersonation = google.requests.find((request) => request.path.endsWith(':generateAccessToken'))
    expect(impersonation?.body).toMatchObject({ scope: [CLOUD_PLATFORM_SCOPE] })

    // The library's own authorized request, to the Compute emulator.
    const response = await client.request<{ name: string; status: string }>({
      url: `${compute.url}/projects/acme-site/global/urlMaps/web-map/invalidateCache?requestId=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b`,
      method: 'POST',
      data: { path: '/index.html' },
    })
    expect(response.data.status).toBe('RUNNING')
    expect(compute.invalidations.map((each) => each.rule)).toEqual([{ path: '/index.html' }])
  })

  it('a service_account key file gets an access token with an RS256 JWT bearer grant', async () => {
    const { google } = await start()
    const keyFile = google.keyFile()
    const client = new JWT({ email: keyFile.client_email, key: keyFile.private_key, keyId: keyFile.private_key_id, scopes: [CLOUD_PLATFORM_SCOPE] })
    // The library always posts to oauth2.googleapis.com (it ignores token_uri): send that to the emulator.
    client.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === 'https://oauth2.googleapis.com/token') config.url = new URL(google.oauthTokenUrl)
        return config
      },
    })

    const { token } = await client.getAccessToken()
    expect(google.principalOf(token ?? '')).toBe(keyFile.client_email)
  })

  it('a key signed with another private key is refused: invalid_grant, Invalid JWT Signature', async () => {
    const { google } = await start()
    const keyFile = google.keyFile()
    const forged = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const client = new JWT({ email: keyFile.client_email, key: forged, scopes: [CLOUD_PLATFORM_SCOPE] })
    client.transporter.interceptors.request.add({
      resolved: async (config) => {
        config.url = new URL(google.oauthTokenUrl)
        return config
      },
    })

    await expect(client.getAccessToken()).rejects.toThrow(/invalid_grant: Invalid JWT Signature/)
  })
})

describe('STS, as google-github-actions/auth calls it (JSON camelCase)', () => {
  it('exchanges a GitHub OIDC token and answers the token in snake_case', async () => {
    const { google, github } = await start()
    const answer = await postJson(google.stsUrl, exchangeBody(await oidcToken(github)))
    expect(answer).toMatchObject({ status: 200, body: { issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', expires_in: 3599 } })
    expect(answer.body.access_token).toMatch(/^ya29\.d\./)
  })

  it.each([
    ['a malformed audience', { audience: 'projects/123/locations/global/workloadIdentityPools/github/providers/acme' }, 'invalid_request', /full resource name of the Identity Provider/],
    ['an unknown provider', { audience: '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/other' }, 'invalid_target', /pool or provider is disabled or deleted/],
    ['no scope', { scope: undefined }, 'invalid_scope', /cloud-platform/],
    ['another subject token type', { subjectTokenType: 'urn:ietf:params:oauth:token-type:saml2' }, 'invalid_request', /subject_token_type/],
    ['a forged subject token', { subjectToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' }, 'invalid_grant', /invalid signature/],
    ['an unknown field', { audiences: 'x' }, 'invalid_request', /Unknown name "audiences"/],
  ])('refuses %s: 400 %s', async (_case, overrides, error, description) => {
    const { google, github } = await start()
    const answer = await postJson(google.stsUrl, exchangeBody(await oidcToken(github), overrides))
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe(error)
    expect(answer.body.error_description).toMatch(description)
    expect(google.issued).toEqual([])
  })

  it('refuses a token for another audience', async () => {
    const { google, github } = await start()
    const answer = await postJson(google.stsUrl, exchangeBody(await oidcToken(github, 'sts.amazonaws.com')))
    expect(answer.body).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/audience in ID Token \[sts\.amazonaws\.com\]/) })
  })

  it("refuses a token the provider's attribute condition rejects: unauthorized_client", async () => {
    const { google, github } = await start({ providers: [{ name: DEFAULT_PROVIDER, condition: (claims) => claims.repository === 'acme/other' }] })
    const answer = await postJson(google.stsUrl, exchangeBody(await oidcToken(github)))
    expect(answer).toEqual({ status: 400, body: { error: 'unauthorized_client', error_description: 'The given credential is rejected by the attribute condition.' } })
  })
})

describe('IAM Credentials generateAccessToken', () => {
  async function federatedToken(google: GoogleAuthEmulator, github: GitHubOidcEmulator): Promise<string> {
    return String((await postJson(google.stsUrl, exchangeBody(await oidcToken(github)))).body.access_token)
  }
  const generate = (google: GoogleAuthEmulator, token: string, email = DEFAULT_SERVICE_ACCOUNT, body: unknown = { scope: [CLOUD_PLATFORM_SCOPE], lifetime: '3600s' }) =>
    postJson(`${google.iamCredentialsUrl}/projects/-/serviceAccounts/${email}:generateAccessToken`, body, { authorization: `Bearer ${token}` })

  it('answers {accessToken, expireTime} for a federated token', async () => {
    const { google, github } = await start()
    const answer = await generate(google, await federatedToken(google, github))
    expect(answer.status).toBe(200)
    expect(answer.body.expireTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(google.principalOf(String(answer.body.accessToken))).toBe(DEFAULT_SERVICE_ACCOUNT)
  })

  it('403 PERMISSION_DENIED when the principal may not impersonate the account (or it does not exist)', async () => {
    const { google, github } = await start({ serviceAccounts: { [DEFAULT_SERVICE_ACCOUNT]: { impersonators: () => false } } })
    const token = await federatedToken(google, github)
    for (const email of [DEFAULT_SERVICE_ACCOUNT, 'missing@acme-site.iam.gserviceaccount.com']) {
      const answer = await generate(google, token, email)
      expect(answer.status).toBe(403)
      expect(answer.body.error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED', message: "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist)." })
    }
  })

  it.each([
    ['no scope', { lifetime: '3600s' }, 400],
    ['a lifetime over an hour', { scope: [CLOUD_PLATFORM_SCOPE], lifetime: '7200s' }, 400],
    ['a lifetime that is no duration', { scope: [CLOUD_PLATFORM_SCOPE], lifetime: 3600 }, 400],
  ])('refuses %s', async (_case, body, status) => {
    const { google, github } = await start()
    expect((await generate(google, await federatedToken(google, github), DEFAULT_SERVICE_ACCOUNT, body)).status).toBe(status)
  })

  it('401 without a token it issued', async () => {
    const { google } = await start()
    expect((await generate(google, 'ya29.d.not-issued')).status).toBe(401)
  })
})
