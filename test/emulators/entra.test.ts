import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline'
import { ClientAssertionCredential } from '@azure/identity'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ARM_SCOPE, ASSERTION_TYPE, DEFAULT_CLIENT, DEFAULT_TENANT, startEntraEmulator, type EntraEmulator } from './entra.js'
import { DEFAULT_SIGNING_KEY, GITHUB_OIDC_ISSUER, mintJwt } from './github-oidc.js'

const assertion = (claims: Partial<{ iss: string; sub: string; aud: string }> = {}, key = DEFAULT_SIGNING_KEY) =>
  mintJwt({ iss: GITHUB_OIDC_ISSUER, sub: 'repo:acme/site:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', ...claims }, key)

// @azure/identity takes only an https authority host: the client gets one, and this transport
// (the SDK's own extension point) carries its requests to the loopback emulator unchanged.
const publicOrigin = 'https://login.emulator.test'
function loopbackTransport(emulatorUrl: string): HttpClient {
  return {
    async sendRequest(request: PipelineRequest) {
      const url = new URL(request.url)
      if (url.origin !== publicOrigin) throw new Error(`unexpected request to ${url.origin}`)
      const response = await fetch(`${emulatorUrl}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers.toJSON(),
        body: typeof request.body === 'string' ? request.body : null,
      })
      return { request, status: response.status, headers: createHttpHeaders(Object.fromEntries(response.headers)), bodyAsText: await response.text() }
    },
  }
}

describe('the Entra emulator, through the official client (@azure/identity ClientAssertionCredential)', () => {
  let entra: EntraEmulator
  beforeEach(async () => {
    entra = await startEntraEmulator({ publicOrigin })
  })
  afterEach(() => entra.close())

  const credential = (getAssertion: () => string, tenant = DEFAULT_TENANT, client = DEFAULT_CLIENT) =>
    new ClientAssertionCredential(tenant, client, async () => getAssertion(), {
      authorityHost: publicOrigin,
      disableInstanceDiscovery: true,
      httpClient: loopbackTransport(entra.url),
      retryOptions: { maxRetries: 0 },
    })

  it('issues an ARM token for a federated assertion, and the client reads it', async () => {
    const token = await credential(() => assertion()).getToken(ARM_SCOPE)
    expect(token.token).toBe(entra.issued[0]?.accessToken)
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 3_000_000)
    const post = entra.requests.find((request) => request.method === 'POST')
    expect(post?.path).toBe(`/${DEFAULT_TENANT}/oauth2/v2.0/token`)
    expect(Object.fromEntries(new URLSearchParams(post?.rawBody))).toMatchObject({
      grant_type: 'client_credentials',
      client_id: DEFAULT_CLIENT,
      scope: ARM_SCOPE,
      client_assertion_type: ASSERTION_TYPE,
    })
  })

  it.each([
    ['a subject no federated credential names', () => assertion({ sub: 'repo:acme/site:pull_request' }), DEFAULT_TENANT, DEFAULT_CLIENT, 'AADSTS700213'],
    ['a subject that differs only in case', () => assertion({ sub: 'repo:Acme/site:ref:refs/heads/main' }), DEFAULT_TENANT, DEFAULT_CLIENT, 'AADSTS7002138'],
    ['another issuer', () => assertion({ iss: 'https://issuer.example.test' }), DEFAULT_TENANT, DEFAULT_CLIENT, 'AADSTS700211'],
    ['another audience', () => assertion({ aud: 'sts.amazonaws.com' }), DEFAULT_TENANT, DEFAULT_CLIENT, 'AADSTS700212'],
    ['a forged assertion', () => assertion({}, 'not-github'), DEFAULT_TENANT, DEFAULT_CLIENT, 'AADSTS700027'],
    ['an app that is not in the tenant', () => assertion(), DEFAULT_TENANT, '11111111-2222-3333-4444-555555555555', 'AADSTS700016'],
  ])('refuses %s, and the client shows the AADSTS code', async (_name, getAssertion, tenant, client, code) => {
    const error = (await credential(getAssertion, tenant, client).getToken(ARM_SCOPE).catch((caught: unknown) => caught)) as Error
    expect(error.name).toMatch(/^Authentication(Required)?Error$/)
    expect(error.message).toContain(code)
    expect(entra.issued).toHaveLength(0)
  })
})

describe('the emulator refuses malformed token requests', () => {
  let entra: EntraEmulator
  beforeEach(async () => {
    entra = await startEntraEmulator()
  })
  afterEach(() => entra.close())

  const post = (form: Record<string, string>, tenant = DEFAULT_TENANT) =>
    fetch(`${entra.url}/${tenant}/oauth2/v2.0/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() }).then(
      async (response) => ({ status: response.status, body: (await response.json()) as { error: string; error_description: string; error_codes: number[] } }),
    )
  const base = { grant_type: 'client_credentials', client_id: DEFAULT_CLIENT, scope: ARM_SCOPE, client_assertion_type: ASSERTION_TYPE, client_assertion: assertion() }

  it.each([
    ['no client_assertion', (({ client_assertion: _dropped, ...rest }) => rest)(base), DEFAULT_TENANT, 400, 'invalid_request', 900144],
    ['another grant', { ...base, grant_type: 'password' }, DEFAULT_TENANT, 400, 'unsupported_grant_type', 70003],
    ['a scope without /.default', { ...base, scope: 'https://management.azure.com/user_impersonation' }, DEFAULT_TENANT, 400, 'invalid_scope', 70011],
    ['two resources', { ...base, scope: `${ARM_SCOPE} https://graph.microsoft.com/.default` }, DEFAULT_TENANT, 400, 'invalid_scope', 70011],
    ['another assertion type', { ...base, client_assertion_type: 'jwt' }, DEFAULT_TENANT, 400, 'invalid_request', 700020],
    ['an unknown tenant', base, '00000000-0000-0000-0000-000000000000', 400, 'invalid_request', 90002],
  ])('%s', async (_name, form, tenant, status, error, code) => {
    const answer = await post(form, tenant)
    expect(answer.status).toBe(status)
    expect(answer.body.error).toBe(error)
    expect(answer.body.error_codes).toEqual([code])
    expect(answer.body.error_description).toMatch(new RegExp(`^AADSTS${code}: .*\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: `))
  })
})
