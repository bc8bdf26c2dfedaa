import { CdnManagementClient } from '@azure/arm-cdn'
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline'
import { afterEach, describe, expect, it } from 'vitest'
import { API_VERSION, DEFAULT_ARM_TOKEN, DEFAULT_ENDPOINT, startFrontDoorEmulator, type FrontDoorEmulator, type FrontDoorEmulatorOptions } from './front-door.js'

// The official client sends a Bearer token only over https: it gets an https host, and this
// transport (the SDK's own extension point) carries its requests to the loopback emulator.
const publicOrigin = 'https://management.emulator.test'
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

describe('the Front Door emulator, through the official client (@azure/arm-cdn)', () => {
  let emulator: FrontDoorEmulator
  afterEach(() => emulator.close())

  async function client(options: FrontDoorEmulatorOptions = {}, token = DEFAULT_ARM_TOKEN) {
    emulator = await startFrontDoorEmulator({ publicOrigin, ...options })
    const credential = { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) }
    return new CdnManagementClient(credential, DEFAULT_ENDPOINT.subscription, {
      endpoint: publicOrigin,
      httpClient: loopbackTransport(emulator.url),
      retryOptions: { maxRetries: 0 },
    })
  }
  const purge = (cdn: CdnManagementClient, contents: { contentPaths: string[]; domains?: string[] }) =>
    cdn.afdEndpoints.beginPurgeContentAndWait(DEFAULT_ENDPOINT.resourceGroup, DEFAULT_ENDPOINT.profile, DEFAULT_ENDPOINT.endpoint, contents, { updateIntervalInMs: 1 })

  it('accepts a purge, and the client follows the operation to Succeeded', async () => {
    const cdn = await client({ pollsUntilDone: 2 })
    await purge(cdn, { contentPaths: ['/index.html', '/img/*'], domains: ['www.acme.test'] })
    expect(emulator.purges).toMatchObject([{ contentPaths: ['/index.html', '/img/*'], domains: ['www.acme.test'], status: 'Succeeded' }])
    const post = emulator.requests[0]
    expect(post?.path).toBe(
      `/subscriptions/${DEFAULT_ENDPOINT.subscription}/resourceGroups/web-rg/providers/Microsoft.Cdn/profiles/acme-fd/afdEndpoints/acme-site/purge`,
    )
    expect(post?.query['api-version']).toBe(API_VERSION)
    expect(post?.headers.authorization).toBe(`Bearer ${DEFAULT_ARM_TOKEN}`)
    // The client polled the Azure-AsyncOperation URL, as the operation's spec says (final-state-via).
    expect(emulator.requests.slice(1).every((request) => request.method === 'GET' && request.path.includes('/operationresults/'))).toBe(true)
    expect(emulator.requests.length).toBeGreaterThanOrEqual(3)
  })

  it.each([
    ['Failed', 'PurgeFailed'],
    ['Canceled', 'OperationCanceled'],
  ] as const)('reports an operation that ends %s', async (outcome, code) => {
    const cdn = await client()
    emulator.outcomes.push(outcome)
    const error = (await purge(cdn, { contentPaths: ['/a'] }).catch((caught: unknown) => caught)) as Error
    expect(String(error)).toMatch(new RegExp(`${code}|${outcome.toLowerCase()}`, 'i'))
  })

  it.each([
    ['a token it does not know', {}, 'not-a-token', 401, 'InvalidAuthenticationToken'],
    ['an identity without the purge permission', { forbiddenTokens: [DEFAULT_ARM_TOKEN] }, DEFAULT_ARM_TOKEN, 403, 'AuthorizationFailed'],
  ])('refuses %s in ARM’s envelope, which the client reads', async (_name, options, token, status, code) => {
    const cdn = await client(options, token)
    const error = (await purge(cdn, { contentPaths: ['/a'] }).catch((caught: unknown) => caught)) as { statusCode: number; code: string }
    expect(error.statusCode).toBe(status)
    expect(error.code).toBe(code)
    expect(emulator.purges).toHaveLength(0)
  })

  it.each([
    ['more than 100 paths', { contentPaths: Array.from({ length: 101 }, (_, index) => `/p${index}`) }, 'BadRequest'],
    ['a * in the middle', { contentPaths: ['/img/*/a.png'] }, 'BadRequest'],
    ['a domain not on the endpoint', { contentPaths: ['/a'], domains: ['other.test'] }, 'BadRequest'],
  ])('refuses %s', async (_name, contents, code) => {
    const cdn = await client()
    const error = (await purge(cdn, contents).catch((caught: unknown) => caught)) as { statusCode: number; code: string }
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe(code)
  })

  it('refuses an unknown endpoint with 404 ResourceNotFound', async () => {
    const cdn = await client()
    const error = (await cdn.afdEndpoints
      .beginPurgeContentAndWait(DEFAULT_ENDPOINT.resourceGroup, DEFAULT_ENDPOINT.profile, 'other', { contentPaths: ['/a'] }, { updateIntervalInMs: 1 })
      .catch((caught: unknown) => caught)) as { statusCode: number; code: string }
    expect([error.statusCode, error.code]).toEqual([404, 'ResourceNotFound'])
  })
})

describe('the emulator refuses what ARM refuses', () => {
  let emulator: FrontDoorEmulator
  afterEach(() => emulator.close())
  const purgePath = `/subscriptions/${DEFAULT_ENDPOINT.subscription}/resourceGroups/web-rg/providers/Microsoft.Cdn/profiles/acme-fd/afdEndpoints/acme-site/purge`
  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${emulator.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${DEFAULT_ARM_TOKEN}`, 'content-type': 'application/json' }, body: '{"contentPaths":["/a"]}', ...init }).then(async (response) => ({
      status: response.status,
      headers: response.headers,
      body: await response.text(),
    }))

  it.each([
    ['no api-version', purgePath, {}, 400, 'MissingApiVersionParameter'],
    ['an unknown api-version', `${purgePath}?api-version=2019-01-01`, {}, 400, 'InvalidApiVersionParameter'],
    ['no token', `${purgePath}?api-version=${API_VERSION}`, { headers: { 'content-type': 'application/json' } }, 401, 'AuthenticationFailed'],
    ['a member the model lacks', `${purgePath}?api-version=${API_VERSION}`, { body: '{"contentPaths":["/a"],"tags":["x"]}' }, 400, 'InvalidRequestContent'],
    ['no contentPaths', `${purgePath}?api-version=${API_VERSION}`, { body: '{"domains":["www.acme.test"]}' }, 400, 'BadRequest'],
  ])('%s', async (_name, path, init, status, code) => {
    emulator = await startFrontDoorEmulator()
    const answer = await send(path, init)
    expect(answer.status).toBe(status)
    expect(JSON.parse(answer.body)).toEqual({ error: { code, message: expect.any(String) } })
  })

  it('answers 202 with both operation URLs, polls InProgress then Succeeded, and refuses an altered URL', async () => {
    emulator = await startFrontDoorEmulator({ retryAfterSeconds: 2 })
    const accepted = await send(`${purgePath}?api-version=${API_VERSION}`)
    expect(accepted.status).toBe(202)
    expect(accepted.body).toBe('')
    expect(accepted.headers.get('retry-after')).toBe('2')
    const asyncUrl = accepted.headers.get('azure-asyncoperation') ?? ''
    const locationUrl = accepted.headers.get('location') ?? ''
    expect(asyncUrl).not.toBe(locationUrl)
    const poll = (url: string) =>
      fetch(url, { headers: { authorization: `Bearer ${DEFAULT_ARM_TOKEN}` } }).then(async (response) => ({ status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') }))
    expect(await poll(asyncUrl)).toEqual({ status: 200, body: '{"status":"InProgress","error":{"code":"None","message":null}}', retryAfter: '2' })
    expect(await poll(asyncUrl)).toEqual({ status: 200, body: '{"status":"Succeeded","error":{"code":"None","message":null}}', retryAfter: null })
    expect((await poll(locationUrl)).status).toBe(204)
    expect((await poll(asyncUrl.replace(/([?&]s=)[^&]+/, '$1forged'))).status).toBe(400)
  })
})
