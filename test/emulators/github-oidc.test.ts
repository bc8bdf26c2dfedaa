import { getIDToken } from '@actions/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_SIGNING_KEY, GITHUB_OIDC_ISSUER, startGitHubOidcEmulator, verifyJwt, type GitHubOidcEmulator } from './github-oidc.js'

describe("the GitHub OIDC emulator, through the official client (@actions/core's getIDToken)", () => {
  let oidc: GitHubOidcEmulator
  const saved = { ...process.env }
  beforeEach(async () => {
    oidc = await startGitHubOidcEmulator()
    Object.assign(process.env, oidc.env())
    // getIDToken masks the token with an ::add-mask:: line on stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    process.env = { ...saved }
    await oidc.close()
  })

  it('mints a token for the audience asked, with GitHub\'s issuer and the job\'s subject', async () => {
    const token = await getIDToken('api://AzureADTokenExchange')
    expect(token).toBe(oidc.minted[0]?.token)
    expect(verifyJwt(token, DEFAULT_SIGNING_KEY)).toMatchObject({ iss: GITHUB_OIDC_ISSUER, sub: 'repo:acme/site:ref:refs/heads/main', aud: 'api://AzureADTokenExchange' })
    expect(oidc.requests[0]?.query).toEqual({ 'api-version': '2.0', audience: 'api://AzureADTokenExchange' })
  })

  it('refuses a wrong request token, and the client reports it', async () => {
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'not-the-runtime-token'
    await expect(getIDToken('sts.amazonaws.com')).rejects.toThrow(/401/)
    expect(oidc.minted).toHaveLength(0)
  })
})
