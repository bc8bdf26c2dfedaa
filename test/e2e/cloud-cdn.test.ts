import { afterEach, describe, expect, it } from 'vitest'
import { STATIC_ACCESS_TOKEN, startCloudCdnEmulator, type CloudCdnEmulator, type CloudCdnEmulatorOptions } from '../emulators/cloud-cdn.js'
import { startGitHubOidcEmulator, verifyJwt, type GitHubOidcEmulator } from '../emulators/github-oidc.js'
import { DEFAULT_PROVIDER, DEFAULT_SERVICE_ACCOUNT, startGoogleAuthEmulator, type GoogleAuthEmulator, type GoogleAuthEmulatorOptions } from '../emulators/google-auth.js'
import { auditSecrets, result, runAction, type ActionRun, type RunOptions } from './run-action.js'

const signingKey = 'cloud-cdn-e2e-key'
const runEnv = { GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'deploy', GITHUB_ACTION: 'purge', CDN_PURGE_TIME_SCALE: '1000' }

interface World {
  github: GitHubOidcEmulator
  google: GoogleAuthEmulator
  compute: CloudCdnEmulator
}
let world: World | undefined
afterEach(async () => {
  if (world) await Promise.all([world.github.close(), world.google.close(), world.compute.close()])
  world = undefined
})

async function start(options: { google?: Partial<GoogleAuthEmulatorOptions>; compute?: CloudCdnEmulatorOptions } = {}): Promise<World> {
  const github = await startGitHubOidcEmulator({ signingKey })
  const google = await startGoogleAuthEmulator({ verifySubjectToken: (token) => verifyJwt(token, signingKey), ...options.google })
  const compute = await startCloudCdnEmulator({ authorize: (token) => (token === STATIC_ACCESS_TOKEN ? 'user:ci@example.com' : google.principalOf(token)), ...options.compute })
  world = { github, google, compute }
  return world
}

const endpointsEnv = ({ google }: World) => ({
  CDN_PURGE_GOOGLE_STS_URL: google.stsUrl,
  CDN_PURGE_GOOGLE_IAM_CREDENTIALS_URL: google.iamCredentialsUrl,
  CDN_PURGE_GOOGLE_OAUTH_TOKEN_URL: google.oauthTokenUrl,
})

/** A run as a job with `id-token: write` would make it, against the emulators. */
function run(w: World, inputs: Record<string, string>, options: RunOptions & { oidc?: boolean } = {}): Promise<ActionRun> {
  const { oidc = true, env, ...rest } = options
  return runAction(
    { provider: 'cloud-cdn', project: 'acme-site', 'url-map': 'web-map', 'api-url': w.compute.url, ...inputs },
    { ...rest, env: { ...runEnv, ...endpointsEnv(w), ...(oidc ? w.github.env() : {}), ...env } },
  )
}

/** Every token the run could have seen: none may show anywhere. */
function auditTokens(w: World, actionRun: ActionRun, more: string[] = []): void {
  auditSecrets(actionRun, [w.github.requestToken, ...w.github.minted.map((each) => each.token), ...w.google.issued.map((each) => each.token), ...more])
}

const invalidations = (w: World) => w.compute.invalidations.map((each) => ({ urlMap: each.urlMap, ...each.rule }))
const posts = (w: World) => w.compute.requests.filter((request) => request.method === 'POST')
const keyless = { 'workload-identity-provider': DEFAULT_PROVIDER }

describe('Cloud CDN end to end: sign-in', () => {
  it('token: sent as Bearer, nothing exchanged', async () => {
    const w = await start()
    const actionRun = await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(0)
    expect(posts(w)[0]?.headers.authorization).toBe(`Bearer ${STATIC_ACCESS_TOKEN}`)
    expect([...w.google.requests, ...w.github.requests]).toEqual([])
  })

  it('workload-identity-provider: the OIDC token, STS, then the federated token on Compute; every token masked', async () => {
    const w = await start()
    const actionRun = await run(w, { ...keyless, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(0)
    expect(w.github.minted.map((each) => each.audience)).toEqual([`https://iam.googleapis.com/${DEFAULT_PROVIDER}`])
    expect(w.google.requests.map((request) => request.path)).toEqual(['/v1/token'])
    expect(w.compute.invalidations[0]?.operation.user).toMatch(/^principal:\/\/iam\.googleapis\.com\/projects\/123456789012\/locations\/global\/workloadIdentityPools\/github\/subject\/repo:acme\/site:ref:refs\/heads\/main$/)
    auditTokens(w, actionRun)
  })

  it('workload-identity-provider + service-account: impersonated through IAM Credentials', async () => {
    const w = await start()
    const actionRun = await run(w, { ...keyless, 'service-account': DEFAULT_SERVICE_ACCOUNT, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(0)
    expect(w.google.requests.map((request) => request.path)).toEqual(['/v1/token', `/v1/projects/-/serviceAccounts/${DEFAULT_SERVICE_ACCOUNT}:generateAccessToken`])
    expect(w.compute.invalidations[0]?.operation.user).toBe(DEFAULT_SERVICE_ACCOUNT)
    auditTokens(w, actionRun)
  })

  it('GOOGLE_APPLICATION_CREDENTIALS: an external_account file as google-github-actions/auth writes it', async () => {
    const w = await start()
    const file = {
      type: 'external_account',
      audience: `//iam.googleapis.com/${DEFAULT_PROVIDER}`,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: w.google.stsUrl,
      credential_source: {
        url: `${w.github.requestUrl}&audience=${encodeURIComponent(`https://iam.googleapis.com/${DEFAULT_PROVIDER}`)}`,
        headers: { Authorization: `Bearer ${w.github.requestToken}` },
        format: { type: 'json', subject_token_field_name: 'value' },
      },
      service_account_impersonation_url: `${w.google.iamCredentialsUrl}/projects/-/serviceAccounts/${DEFAULT_SERVICE_ACCOUNT}:generateAccessToken`,
    }
    const actionRun = await run(w, { paths: '/index.html' }, { files: { 'gha-creds-0123456789abcdef.json': JSON.stringify(file) }, env: { GOOGLE_APPLICATION_CREDENTIALS: 'gha-creds-0123456789abcdef.json' } })
    expect(actionRun.exitCode).toBe(0)
    expect(w.compute.invalidations[0]?.operation.user).toBe(DEFAULT_SERVICE_ACCOUNT)
    auditTokens(w, actionRun)
  })

  it('GOOGLE_APPLICATION_CREDENTIALS: a service_account key file', async () => {
    const w = await start()
    const key = w.google.keyFile()
    const actionRun = await run(w, { paths: '/index.html' }, { oidc: false, files: { 'key.json': JSON.stringify(key) }, env: { GOOGLE_APPLICATION_CREDENTIALS: 'key.json' } })
    expect(actionRun.exitCode).toBe(0)
    expect(w.compute.invalidations[0]?.operation.user).toBe(key.client_email)
    auditTokens(w, actionRun, key.private_key.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')))
  })

  it('no way to sign in: one input error naming every way, nothing sent', async () => {
    const w = await start()
    const actionRun = await run(w, { paths: '/index.html' }, { oidc: false })
    expect(actionRun.exitCode).toBe(1)
    expect(actionRun.errors).toEqual([
      'input token: cloud-cdn needs a way to sign in to Google Cloud: `token` (an OAuth 2.0 access token), `workload-identity-provider` (keyless: the job needs `permissions: id-token: write`), or a GOOGLE_APPLICATION_CREDENTIALS file (as google-github-actions/auth writes it)',
    ])
    expect([...w.compute.requests, ...w.google.requests, ...w.github.requests]).toEqual([])
  })

  it('workload-identity-provider without id-token: write: an input error naming the permission, nothing sent', async () => {
    const w = await start()
    const actionRun = await run(w, { ...keyless, paths: '/index.html' }, { oidc: false })
    expect(actionRun.exitCode).toBe(1)
    expect(actionRun.errors.join('\n')).toContain('`permissions: id-token: write`')
    expect([...w.compute.requests, ...w.google.requests]).toEqual([])
  })

  it("refused by the pool's attribute condition: Google's words, the hint and the token's subject; nothing purged", async () => {
    const w = await start({ google: { providers: [{ name: DEFAULT_PROVIDER, condition: (claims) => claims.repository === 'acme/other' }] } })
    const actionRun = await run(w, { ...keyless, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(1)
    const message = actionRun.errors.join('\n')
    expect(message).toContain('unauthorized_client: The given credential is rejected by the attribute condition.')
    expect(message).toContain('hint: the provider\'s attribute condition rejects this job\'s token (sub "repo:acme/site:ref:refs/heads/main")')
    expect(w.compute.requests).toEqual([])
    expect(actionRun.outputs).toMatchObject({ purged: '0', failed: '1' })
    auditTokens(w, actionRun)
  })

  it('impersonation refused (no roles/iam.workloadIdentityUser): PERMISSION_DENIED with the hint', async () => {
    const w = await start({ google: { serviceAccounts: { [DEFAULT_SERVICE_ACCOUNT]: { impersonators: () => false } } } })
    const actionRun = await run(w, { ...keyless, 'service-account': DEFAULT_SERVICE_ACCOUNT, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(1)
    expect(actionRun.errors.join('\n')).toContain(`PERMISSION_DENIED: Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist). (hint: grant this repository's principals in the pool roles/iam.workloadIdentityUser on ${DEFAULT_SERVICE_ACCOUNT}`)
    expect(w.compute.requests).toEqual([])
    auditTokens(w, actionRun)
  })

  it('missing compute.urlMaps.invalidateCache: the item fails with Google\'s message and the hint', async () => {
    const w = await start({ compute: { canInvalidate: () => false } })
    const actionRun = await run(w, { ...keyless, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(1)
    expect(result(actionRun).batches[0]?.error).toBe(
      "HTTP 403 forbidden: Required 'compute.urlMaps.invalidateCache' permission for 'projects/acme-site/global/urlMaps/web-map' (the signed-in account needs compute.urlMaps.invalidateCache on the project; see the README for a least-permission role)",
    )
    expect(posts(w)).toHaveLength(1)
    auditTokens(w, actionRun)
  })

  it('dry-run: no OIDC request, no exchange, no purge; the plan shows each request', async () => {
    const w = await start()
    const actionRun = await run(w, { ...keyless, 'service-account': DEFAULT_SERVICE_ACCOUNT, paths: '/a.css\n/img/*', 'dry-run': 'true' })
    expect(actionRun.exitCode).toBe(0)
    expect([...w.compute.requests, ...w.google.requests, ...w.github.requests]).toEqual([])
    expect(actionRun.outputs).toMatchObject({ requests: '0' })
    expect(result(actionRun).batches.map((batch) => [batch.kind, batch.items, batch.status])).toEqual([
      ['paths', ['/a.css'], 'planned'],
      ['paths', ['/img/*'], 'planned'],
    ])
  })
})

describe('Cloud CDN end to end: what is invalidated', () => {
  it('paths from the root and URLs (host in `host`), on every URL map; query strings dropped with a note; ids are operation names', async () => {
    const w = await start()
    const paths = ['/index.html', '/img/*', 'https://www.example.com/a.css?v=2', '/b.css#top', '/index.html']
    const actionRun = await run(w, { token: STATIC_ACCESS_TOKEN, paths: paths.join('\n'), 'url-map': 'web-map, assets-map' })
    expect(actionRun.exitCode).toBe(0)
    const rules = [{ path: '/index.html' }, { path: '/img/*' }, { path: '/a.css', host: 'www.example.com' }, { path: '/b.css' }]
    expect(invalidations(w).sort(byJson)).toEqual([...rules.map((rule) => ({ urlMap: 'web-map', ...rule })), ...rules.map((rule) => ({ urlMap: 'assets-map', ...rule }))].sort(byJson))
    for (const request of posts(w)) {
      expect(request.path).toMatch(/^\/compute\/v1\/projects\/acme-site\/global\/urlMaps\/(web|assets)-map\/invalidateCache$/)
      expect(request.query.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(request.headers['content-type']).toBe('application/json')
    }
    expect(new Set(posts(w).map((request) => request.query.requestId)).size).toBe(8)
    expect(actionRun.outputs).toMatchObject({ purged: '8', failed: '0', requests: '8' })
    expect(JSON.parse(actionRun.outputs.ids ?? '').sort()).toEqual(w.compute.invalidations.map((each) => each.operation.name).sort())
    expect(actionRun.stdout).toContain('"https://www.example.com/a.css?v=2": "?v=2" dropped, Cloud CDN invalidates "/a.css" with all its query strings')
    expect(actionRun.stdout).toContain('"/b.css#top": "#top" dropped')
  })

  it('keys are cache tags, 10 an invalidation; scope: all is /* on each URL map', async () => {
    const w = await start()
    const tags = Array.from({ length: 12 }, (_, index) => `tag-${index}`)
    expect((await run(w, { token: STATIC_ACCESS_TOKEN, keys: tags.join(',') })).exitCode).toBe(0)
    expect(invalidations(w)).toEqual([
      { urlMap: 'web-map', cacheTags: tags.slice(0, 10) },
      { urlMap: 'web-map', cacheTags: tags.slice(10) },
    ])
    const all = await run(w, { token: STATIC_ACCESS_TOKEN, scope: 'all', 'url-map': 'web-map\nassets-map' })
    expect(all.exitCode).toBe(0)
    expect(invalidations(w).slice(2).sort(byJson)).toEqual([{ urlMap: 'assets-map', path: '/*' }, { urlMap: 'web-map', path: '/*' }])
  })

  it('every input error at once, one line each, and nothing sent', async () => {
    const w = await start()
    const actionRun = await run(w, {
      token: STATIC_ACCESS_TOKEN,
      project: 'Acme Site',
      'url-map': 'web-map, Web_Map',
      paths: '/img*\nindex.html\n/*/a.css\nhttps://*.*.example.com/a',
      keys: 'a b',
      'batch-size': '11',
      'workload-identity-provider': 'projects/acme-site/locations/global/workloadIdentityPools/github/providers/acme',
    })
    expect(actionRun.exitCode).toBe(1)
    const lines = actionRun.errors.join('\n').split('\n')
    const expected = [
      'input project: expected a Google Cloud project ID',
      'input url-map: expected URL map names (lowercase letters, digits and hyphens, starting with a letter), got "Web_Map"',
      'input paths: Cloud CDN takes a * only as the last character, after a / ("/*"), meaning everything under that path; got "/img*"',
      'input paths: Cloud CDN paths start at the root (/a.css, /img/*) or are absolute URLs, got "index.html"',
      'input paths: Cloud CDN takes a * only as the last character, after a / ("/*"), meaning everything under that path; got "/*/a.css"',
      'input paths: the host of "https://*.*.example.com/a" must be one hostname or a single-level wildcard (*.example.com)',
      'input keys: cache tags have no spaces or commas (one tag an item), got "a b"',
      'input batch-size:',
      'input workload-identity-provider: expected the provider\'s full name',
    ]
    expect(lines).toHaveLength(expected.length)
    for (const start of expected) expect(lines.filter((line) => line.startsWith(start)), start).toHaveLength(1)
    expect([...w.compute.requests, ...w.google.requests, ...w.github.requests]).toEqual([])
  })
})

describe('Cloud CDN end to end: retries, pacing and wait', () => {
  it('a connection reset after the invalidation was created: the retry carries the same requestId, and no second invalidation is made', async () => {
    const w = await start()
    w.compute.resetAfterCreate = 1
    const actionRun = await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(0)
    expect(posts(w)).toHaveLength(2)
    expect(posts(w)[1]?.query.requestId).toBe(posts(w)[0]?.query.requestId)
    expect(w.compute.invalidations).toHaveLength(1)
    expect(result(actionRun).batches[0]).toMatchObject({ status: 'purged', attempts: 2, id: w.compute.invalidations[0]?.operation.name })
  })

  it('the same run, attempt, job and step again makes no new invalidation; another step or attempt does', async () => {
    const w = await start()
    await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/index.html' })
    await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/index.html' })
    expect(w.compute.invalidations).toHaveLength(1)
    await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/index.html' }, { env: { GITHUB_ACTION: 'purge-again' } })
    await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/index.html' }, { env: { GITHUB_RUN_ATTEMPT: '2' } })
    expect(w.compute.invalidations).toHaveLength(3)
  })

  it.each([
    ['429', { status: 429 }],
    ['403 rateLimitExceeded', { status: 403, body: JSON.stringify({ error: { code: 403, message: 'Rate Limit Exceeded', errors: [{ message: 'Rate Limit Exceeded', domain: 'usageLimits', reason: 'rateLimitExceeded' }] } }) }],
  ])('%s is retried like a 429', async (_case, fault) => {
    const w = await start()
    w.compute.faults.push(fault)
    const actionRun = await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/index.html' })
    expect(actionRun.exitCode).toBe(0)
    expect(posts(w)).toHaveLength(2)
    expect(w.compute.invalidations).toHaveLength(1)
  })

  it('paces invalidations under the documented 500 a minute: at most a burst of 40, then 7 a second', async () => {
    // At the real pace (time scale 1), in any stretch of time the count the API sees stays under
    // the burst of 40 + 7 a second (one more for timing jitter): at most 40 + 420 = 460 a minute.
    // 50 invalidations take about 1.5 s; unpaced they would break the bound.
    const w = await start()
    const paths = Array.from({ length: 50 }, (_, index) => `/p${index}.css`)
    const actionRun = await run(w, { token: STATIC_ACCESS_TOKEN, paths: paths.join('\n') }, { env: { CDN_PURGE_TIME_SCALE: '1' } })
    expect(actionRun.exitCode).toBe(0)
    const times = w.compute.invalidations.map((each) => each.at).sort((a, b) => a - b)
    expect(times).toHaveLength(50)
    let worst = 0
    for (let first = 0; first < times.length; first++) {
      for (let last = first; last < times.length; last++) {
        worst = Math.max(worst, last - first + 1 - ((times[last] ?? 0) - (times[first] ?? 0)) * 0.007)
      }
    }
    expect(worst).toBeLessThanOrEqual(41)
    expect(posts(w)).toHaveLength(50)
  })

  it('wait: polls each Operation until DONE; an operation error fails its item', async () => {
    const w = await start({ compute: { pollsUntilDone: 2, operationErrors: [undefined, { code: 'INTERNAL_ERROR', message: 'Internal error. Please try again.' }] } })
    const actionRun = await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/a.css\n/b.css', wait: 'true' })
    expect(actionRun.exitCode).toBe(1)
    const batches = result(actionRun).batches
    const failed = w.compute.invalidations[1]?.operation.name
    expect(batches.map((batch) => batch.status).sort()).toEqual(['failed', 'purged'])
    expect(batches.find((batch) => batch.status === 'failed')?.error).toBe(`operation ${failed} failed: INTERNAL_ERROR: Internal error. Please try again.`)
    expect(actionRun.summary).toMatch(/DONE after/)
    expect(w.compute.requests.filter((request) => request.method === 'GET')).toHaveLength(4)
  })

  it('wait: an operation still RUNNING at the timeout fails its item, saying so', async () => {
    const w = await start({ compute: { pollsUntilDone: 1_000 } })
    const actionRun = await run(w, { token: STATIC_ACCESS_TOKEN, paths: '/a.css', wait: 'true', timeout: '2' }, { env: { CDN_PURGE_TIME_SCALE: '10' } })
    expect(actionRun.exitCode).toBe(1)
    const name = w.compute.invalidations[0]?.operation.name ?? ''
    expect(result(actionRun).batches[0]?.error).toMatch(new RegExp(`^operation ${name} was still RUNNING after [\\d.]+ s, when the timeout ran out \\(the invalidation goes on\\)$`))
    expect(w.compute.requests.filter((request) => request.method === 'GET').length).toBeGreaterThan(1)
  })
})

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b))
}
