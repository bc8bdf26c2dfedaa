import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_CLIENT, DEFAULT_TENANT, startEntraEmulator, type EntraEmulator } from '../emulators/entra.js'
import { API_VERSION, DEFAULT_ARM_TOKEN, DEFAULT_ENDPOINT, startFrontDoorEmulator, type FrontDoorEmulator, type FrontDoorEmulatorOptions } from '../emulators/front-door.js'
import { startGitHubOidcEmulator, type GitHubOidcEmulator } from '../emulators/github-oidc.js'
import { auditSecrets, result, runAction, type ActionRun, type RunOptions } from './run-action.js'

let oidc: GitHubOidcEmulator
let entra: EntraEmulator
let arm: FrontDoorEmulator
beforeEach(async () => {
  oidc = await startGitHubOidcEmulator()
  entra = await startEntraEmulator()
  arm = await startFrontDoorEmulator()
})
afterEach(async () => {
  await Promise.all([oidc.close(), entra.close(), arm.close()])
})

async function restartArm(options: FrontDoorEmulatorOptions) {
  await arm.close()
  arm = await startFrontDoorEmulator(options)
}

const where = {
  provider: 'front-door',
  subscription: DEFAULT_ENDPOINT.subscription,
  'resource-group': DEFAULT_ENDPOINT.resourceGroup,
  profile: DEFAULT_ENDPOINT.profile,
  endpoint: DEFAULT_ENDPOINT.endpoint,
}
const keyless = { 'tenant-id': DEFAULT_TENANT, 'client-id': DEFAULT_CLIENT }
const purgePath = `/subscriptions/${DEFAULT_ENDPOINT.subscription}/resourceGroups/web-rg/providers/Microsoft.Cdn/profiles/acme-fd/afdEndpoints/acme-site/purge`

/** A run with the runner's OIDC variables and the login URL pointed at the emulators. */
async function run(inputs: Record<string, string>, options: RunOptions & { oidc?: boolean } = {}): Promise<ActionRun> {
  const env = { ...(options.oidc === false ? {} : oidc.env()), CDN_PURGE_AZURE_LOGIN_URL: entra.url, CDN_PURGE_TIME_SCALE: '1000', ...options.env }
  const action = await runAction({ ...where, 'api-url': arm.url, ...inputs }, { ...options, env, secrets: [oidc.requestToken, ...(options.secrets ?? [])] })
  // Tokens made during the run are audited after it: none may show anywhere.
  auditSecrets(action, [...oidc.minted.map((each) => each.token), ...entra.issued.map((each) => each.accessToken)])
  return action
}
const purges = () => arm.requests.filter((request) => request.method === 'POST')
const polls = () => arm.requests.filter((request) => request.method === 'GET')

describe('Front Door end to end: keyless sign-in', () => {
  it('trades the OIDC token at Entra for an ARM token, and purges with it', async () => {
    const action = await run({ ...keyless, paths: '/index.html\n/assets/*', domains: 'www.acme.test' })
    expect(action.exitCode).toBe(0)
    expect(oidc.minted.map((each) => each.audience)).toEqual(['api://AzureADTokenExchange'])
    expect(entra.issued).toMatchObject([{ tenant: DEFAULT_TENANT, clientId: DEFAULT_CLIENT, scope: 'https://management.azure.com/.default', subject: 'repo:acme/site:ref:refs/heads/main' }])
    expect(purges()).toHaveLength(1)
    expect(purges()[0]).toMatchObject({ path: purgePath, query: { 'api-version': API_VERSION }, body: { contentPaths: ['/index.html', '/assets/*'], domains: ['www.acme.test'] } })
    expect(purges()[0]?.headers.authorization).toBe(`Bearer ${entra.issued[0]?.accessToken ?? ''}`)
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual([expect.stringContaining(`/operationresults/${arm.purges[0]?.id ?? ''}?`)])
    expect(action.outputs).toMatchObject({ purged: '2', failed: '0', requests: '1' })
    expect(action.stdout).toContain(`::add-mask::${entra.issued[0]?.accessToken ?? ''}`)
    expect(action.stdout).toContain(`::add-mask::${oidc.minted[0]?.token ?? ''}`)
    expect(polls()).toHaveLength(0)
  })

  it('with token, uses it as the ARM token and asks GitHub and Entra for nothing', async () => {
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css' })
    expect(action.exitCode).toBe(0)
    expect([oidc.requests.length, entra.requests.length]).toEqual([0, 0])
    expect(purges()[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_ARM_TOKEN}`)
    expect(purges()[0]?.body).toEqual({ contentPaths: ['/a.css'] })
  })

  it("fails in Entra's words when no federated credential names this subject, and purges nothing", async () => {
    oidc.subject = 'repo:acme/site:pull_request'
    const action = await run({ ...keyless, paths: '/a.css' })
    expect(action.exitCode).toBe(1)
    const errors = action.errors.join('\n')
    expect(errors).toContain('AADSTS700213: No matching federated identity record found for presented assertion subject \'repo:acme/site:pull_request\'')
    expect(errors).toContain('hint: the app needs a federated credential with issuer https://token.actions.githubusercontent.com, audience api://AzureADTokenExchange')
    expect(entra.requests).toHaveLength(1)
    expect(arm.requests).toHaveLength(0)
  })

  it('without id-token: write, is an input error that names the permission, and nothing is sent', async () => {
    const action = await run({ ...keyless, paths: '/a.css' }, { oidc: false })
    expect(action.exitCode).toBe(1)
    expect(action.errors.join('\n')).toContain('`permissions: id-token: write`')
    expect([oidc.requests.length, entra.requests.length, arm.requests.length]).toEqual([0, 0, 0])
  })

  it('with neither token nor tenant-id + client-id, names both ways', async () => {
    const action = await run({ paths: '/a.css' })
    expect(action.exitCode).toBe(1)
    expect(action.errors.join('\n')).toContain('Front Door signs in with token (an ARM access token) or with tenant-id and client-id')
    expect(arm.requests).toHaveLength(0)
  })

  it('refuses a tenant-id without client-id, and a client-id that is not a GUID', async () => {
    const alone = await run({ 'tenant-id': DEFAULT_TENANT, paths: '/a.css' })
    expect(alone.errors.join('\n')).toContain('input client-id: tenant-id and client-id go together')
    const bad = await run({ 'tenant-id': DEFAULT_TENANT, 'client-id': 'cdn-purge', paths: '/a.css' })
    expect(bad.errors.join('\n')).toContain('input client-id: expected the application (client) ID, a GUID, got "cdn-purge"')
    expect([oidc.requests.length, entra.requests.length, arm.requests.length]).toEqual([0, 0, 0])
  })

  it('a dry-run exchanges no token at all, and shows the request', async () => {
    const action = await run({ ...keyless, paths: '/a.css', 'dry-run': 'true' })
    expect(action.exitCode).toBe(0)
    expect([oidc.requests.length, entra.requests.length, arm.requests.length]).toEqual([0, 0, 0])
    expect(action.stdout).toContain(`POST ${arm.url}${purgePath}?api-version=${API_VERSION} {"contentPaths":["/a.css"]}`)
  })
})

describe('Front Door end to end: paths', () => {
  it('groups by host: paths from the root go to domains, each URL to its own host; queries are dropped with a note', async () => {
    const action = await run({
      token: DEFAULT_ARM_TOKEN,
      domains: 'WWW.acme.test',
      paths: '/a.css\nhttps://static.acme.test/img/*\nhttps://www.acme.test/b.js?v=3\nhttps://static.acme.test/c.png#x',
    })
    expect(action.exitCode).toBe(0)
    expect(purges().map((request) => request.body)).toEqual([
      { contentPaths: ['/a.css', '/b.js'], domains: ['www.acme.test'] },
      { contentPaths: ['/img/*', '/c.png'], domains: ['static.acme.test'] },
    ])
    expect(action.stdout).toContain('"https://www.acme.test/b.js?v=3" is purged as /b.js: Front Door purges every query-string variant of a path')
  })

  it('sends at most 100 paths a request, and paths x domains within 100', async () => {
    const paths = Array.from({ length: 150 }, (_, index) => `/p/${index}`)
    const one = await run({ token: DEFAULT_ARM_TOKEN, paths: paths.join('\n') })
    expect(one.exitCode).toBe(0)
    expect(purges().map((request) => (request.body as { contentPaths: string[] }).contentPaths.length)).toEqual([100, 50])
    arm.requests.length = 0
    await run({ token: DEFAULT_ARM_TOKEN, domains: DEFAULT_ENDPOINT.domains.join(','), paths: paths.slice(0, 40).join('\n') })
    expect(purges().map((request) => (request.body as { contentPaths: string[] }).contentPaths.length)).toEqual([33, 7])
  })

  it('scope: all is /* on every domain', async () => {
    const action = await run({ token: DEFAULT_ARM_TOKEN, scope: 'all' })
    expect(action.exitCode).toBe(0)
    expect(purges().map((request) => request.body)).toEqual([{ contentPaths: ['/*'] }])
  })

  it.each([
    [{ paths: '/img*' }, 'input paths: a * is allowed only at the end, right after a / (/img/* or /*), got "/img*"'],
    [{ paths: 'index.html' }, 'input paths: expected a path from the root such as /index.html or /img/* (Front Door paths begin with /), got "index.html"'],
    [{ keys: 'product-42' }, 'input keys: does not apply to provider front-door; it is for cloudflare, edgio, fastly, bunny, cloudfront, akamai'],
    [{ paths: '/a', 'batch-size': '101' }, 'input batch-size: at most 100'],
    [{ paths: '/a', domains: '*.acme.test' }, 'input domains: a wildcard domain cannot be purged; list its subdomains instead'],
    [{ paths: '/a', subscription: 'acme' }, 'input subscription: expected the Azure subscription ID, a GUID, got "acme"'],
  ])('refuses %j before sending anything', async (inputs, error) => {
    const action = await run({ token: DEFAULT_ARM_TOKEN, ...inputs })
    expect(action.exitCode).toBe(1)
    expect(action.errors.join('\n')).toContain(error)
    expect(arm.requests).toHaveLength(0)
  })
})

describe('Front Door end to end: answers, retries, wait', () => {
  it('retries a 429 after its Retry-After, and a 503', async () => {
    arm.faults.push({ error: 'TooManyRequests', status: 429, message: 'Too many requests', headers: { 'retry-after': '1' } }, { status: 503 })
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css' })
    expect(action.exitCode).toBe(0)
    expect(purges()).toHaveLength(3)
    expect(arm.purges).toHaveLength(1)
  })

  it('retries a purge whose answer was lost: Front Door then purges those paths twice, which is harmless', async () => {
    arm.faults.push({ resetAfterAccept: true })
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css', retries: '2' })
    expect(action.exitCode).toBe(0)
    expect(arm.purges.map((each) => each.contentPaths)).toEqual([['/a.css'], ['/a.css']])
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual([expect.stringContaining(arm.purges[1]?.id ?? 'none')])
  })

  it.each([
    [{ forbiddenTokens: [DEFAULT_ARM_TOKEN] }, 'HTTP 403, AuthorizationFailed: The client', 'hint: the signed-in identity needs Microsoft.Cdn/profiles/afdendpoints/Purge/action'],
    [{ acceptToken: () => false }, 'HTTP 401, InvalidAuthenticationToken: The access token is invalid.', 'hint: the token must be an ARM access token'],
  ])('fails a refused purge without retrying it, with a hint (%#)', async (options, error, hint) => {
    await restartArm(options)
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css' })
    expect(action.exitCode).toBe(1)
    expect(action.errors.join('\n')).toContain(error)
    expect(action.errors.join('\n')).toContain(hint)
    expect(purges()).toHaveLength(1)
  })

  it('wait: true polls the Azure-AsyncOperation URL, honouring Retry-After, until Succeeded', async () => {
    await restartArm({ pollsUntilDone: 2, retryAfterSeconds: 30 })
    const action = await run({ ...keyless, paths: '/a.css', wait: 'true' })
    expect(action.exitCode).toBe(0)
    expect(polls()).toHaveLength(3)
    expect(polls().every((request) => request.headers.authorization === `Bearer ${entra.issued[0]?.accessToken ?? ''}`)).toBe(true)
    // 30 s each, run 1000 times faster: about 30 ms apart, not 10 s (the default without Retry-After).
    const gaps = polls().slice(1).map((request, index) => request.at - (polls()[index]?.at ?? 0))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(25)
    expect(action.summary).toContain('Succeeded after')
  })

  it('follows Location when Azure gives no Azure-AsyncOperation', async () => {
    await restartArm({ operationHeaders: 'location', pollsUntilDone: 1 })
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css', wait: 'true' })
    expect(action.exitCode).toBe(0)
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual([expect.stringContaining('operationResultResponseType=Location')])
    expect(polls().map((request) => request.query.operationResultResponseType)).toEqual(['Location', 'Location'])
  })

  it.each([
    ['Failed', 'purge operation: operation Failed: PurgeFailed: The purge operation failed. Try again later.'],
    ['Canceled', 'purge operation: operation Canceled: OperationCanceled: The purge operation was canceled.'],
  ] as const)('fails the batch when the operation ends %s', async (outcome, error) => {
    arm.outcomes.push(outcome)
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css', wait: 'true' })
    expect(action.exitCode).toBe(1)
    expect(result(action).batches[0]).toMatchObject({ status: 'failed', error })
  })

  it('stops waiting at the timeout, saying the purge goes on', async () => {
    await restartArm({ pollsUntilDone: 1_000, retryAfterSeconds: 60 })
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css', wait: 'true', timeout: '5' }, { env: { CDN_PURGE_TIME_SCALE: '10' } })
    expect(action.exitCode).toBe(1)
    expect(result(action).batches[0]?.error).toBe('the purge was still "InProgress" when the timeout ran out (it goes on; raise timeout to wait for it)')
  })

  it('does not send the token to an operation URL on another host', async () => {
    await restartArm({ publicOrigin: 'https://elsewhere.example.test' })
    const action = await run({ token: DEFAULT_ARM_TOKEN, paths: '/a.css', wait: 'true' })
    expect(action.exitCode).toBe(1)
    expect(result(action).batches[0]?.error).toContain('the operation URL is not on 127.0.0.1:')
    expect(polls()).toHaveLength(0)
  })
})
