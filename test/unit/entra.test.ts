import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import { redact } from '../../src/secrets.js'
import { entraInputErrors, federatedAccessToken, readTokenAnswer, tokenForm, tokenUrl } from '../../src/sign-in/entra.js'
import { ARM_SCOPE, DEFAULT_CLIENT, DEFAULT_TENANT, refusalBody, startEntraEmulator, type EntraEmulator } from '../emulators/entra.js'
import { startGitHubOidcEmulator, type GitHubOidcEmulator } from '../emulators/github-oidc.js'

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  vi.restoreAllMocks()
})

describe('entraInputErrors', () => {
  it.each([
    [DEFAULT_TENANT, DEFAULT_CLIENT, []],
    ['contoso.onmicrosoft.com', DEFAULT_CLIENT, []],
    ['', DEFAULT_CLIENT, ['input tenant-id: tenant-id and client-id go together (the Entra app or managed identity with a federated credential for this repository)']],
    [DEFAULT_TENANT, '', ['input client-id: tenant-id and client-id go together (the Entra app or managed identity with a federated credential for this repository)']],
    ['contoso', 'my-app', ['input tenant-id: expected the Microsoft Entra tenant ID (a GUID) or one of its domains, got "contoso"', 'input client-id: expected the application (client) ID, a GUID, got "my-app"']],
    ['../../evil', DEFAULT_CLIENT, ['input tenant-id: expected the Microsoft Entra tenant ID (a GUID) or one of its domains, got "../../evil"']],
  ])('%s / %s', (tenant, client, errors) => {
    expect(entraInputErrors(tenant, client, {})).toEqual(errors)
  })
})

describe('the token request and answer', () => {
  it('posts the client assertion as a form to the tenant', () => {
    expect(tokenUrl('https://login.microsoftonline.com/', DEFAULT_TENANT)).toBe(`https://login.microsoftonline.com/${DEFAULT_TENANT}/oauth2/v2.0/token`)
    expect(Object.fromEntries(new URLSearchParams(tokenForm(DEFAULT_CLIENT, ARM_SCOPE, 'a.b.c')))).toEqual({
      client_id: DEFAULT_CLIENT,
      scope: ARM_SCOPE,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'a.b.c',
      grant_type: 'client_credentials',
    })
  })

  it("keeps the AADSTS line and the trace ID, not the rest of Entra's description", () => {
    const body = refusalBody({ error: 'invalid_client', code: 700213, description: "AADSTS700213: No matching federated identity record found for presented assertion subject 'x'." })
    expect(readTokenAnswer({ status: 401, headers: {}, body: JSON.stringify(body) })).toEqual({
      error: `HTTP 401, invalid_client: AADSTS700213: No matching federated identity record found for presented assertion subject 'x'. (trace ID ${String(body.trace_id)})`,
    })
  })

  it.each([
    [200, '{"token_type":"Bearer"}', { error: 'HTTP 200: the answer has no access_token' }],
    [502, '<html><title>Bad Gateway</title></html>', { error: 'HTTP 502, not an Entra answer: Bad Gateway' }],
    [200, 'x'.repeat(70_000), { error: 'HTTP 200: answer larger than 65536 characters' }],
  ])('reads HTTP %s', (status, body, expected) => {
    expect(readTokenAnswer({ status, headers: {}, body })).toEqual(expected)
  })
})

describe('federatedAccessToken, against the OIDC and Entra emulators', () => {
  let oidc: GitHubOidcEmulator
  let entra: EntraEmulator
  beforeEach(async () => {
    oidc = await startGitHubOidcEmulator()
    entra = await startEntraEmulator()
  })
  afterEach(async () => {
    await oidc.close()
    await entra.close()
  })
  const http = () => new HttpClient({ deadline: Date.now() + 20_000, retries: 2, sleep: async () => {} })
  const env = () => ({ ...oidc.env(), CDN_PURGE_AZURE_LOGIN_URL: entra.url })
  const ids = { tenantId: DEFAULT_TENANT, clientId: DEFAULT_CLIENT, scope: ARM_SCOPE }

  it('exchanges a token for audience api://AzureADTokenExchange for an ARM token, both masked', async () => {
    const result = await federatedAccessToken(http(), ids, env())
    expect(oidc.minted.map((each) => each.audience)).toEqual(['api://AzureADTokenExchange'])
    expect(result).toEqual({ ok: true, token: entra.issued[0]?.accessToken })
    expect(redact(`${entra.issued[0]?.accessToken ?? ''} ${oidc.minted[0]?.token ?? ''}`)).toBe('*** ***')
  })

  it('retries a 503 from Entra', async () => {
    entra.faults.push({ status: 503 })
    expect((await federatedAccessToken(http(), ids, env())).ok).toBe(true)
    expect(entra.requests).toHaveLength(2)
  })

  it("refuses in Entra's words, with the subject the federated credential must name", async () => {
    oidc.subject = 'repo:acme/site:environment:production'
    const result = await federatedAccessToken(http(), ids, env())
    expect(result.ok).toBe(false)
    const error = result.ok ? '' : result.error
    expect(error).toMatch(
      new RegExp(
        `^Microsoft Entra refused the federated sign-in of client ${DEFAULT_CLIENT} in tenant ${DEFAULT_TENANT}: HTTP 401, invalid_client: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:acme/site:environment:production'\\..* \\(trace ID [0-9a-f-]{36}\\) \\(hint: `,
      ),
    )
    expect(error).toContain('subject exactly, case included, this job\'s token subject "repo:acme/site:environment:production")')
    expect(entra.requests).toHaveLength(1)
  })

  it('names the client ID when the app is not in the tenant', async () => {
    const result = await federatedAccessToken(http(), { ...ids, clientId: '11111111-2222-3333-4444-555555555555' }, env())
    expect(!result.ok && result.error).toContain("AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555' was not found")
    expect(!result.ok && result.error).toContain('(hint: client-id must be the application (client) ID of an app registered in tenant-id)')
  })

  it('asks nothing of Entra without the OIDC variables', async () => {
    const result = await federatedAccessToken(http(), ids, { CDN_PURGE_AZURE_LOGIN_URL: entra.url })
    expect(!result.ok && result.error).toContain('permissions: id-token: write')
    expect(entra.requests).toHaveLength(0)
  })
})
