import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startCloudflareEmulator } from '../emulators/cloudflare.js'
import { DEFAULT_CREDENTIALS as akamaiCredentials } from '../emulators/akamai.js'
import { DEFAULT_CREDENTIALS as awsCredentials } from '../emulators/cloudfront.js'
import { sha, startGithubEmulator } from '../emulators/github.js'
import { startLoopback, type RecordedRequest, type Reply } from '../emulators/loopback.js'
import { result, RUN_GITHUB_TOKEN, runAction, type ActionRun, type RunOptions } from './run-action.js'

/**
 * Issue 13, each finding a row: hostile provider and GitHub answers, pull-request file names and
 * careless inputs, through the runner contract. The workflow author is trusted; nothing else is.
 */

const closers: (() => Promise<void>)[] = []
// Closed once the file is done: the rows run concurrently (but the timing rows), so none may
// close another's servers.
afterAll(async () => {
  for (const close of closers.splice(0)) await close()
})

/** An API that answers whatever the row says: a compromised or "compatible" endpoint. */
async function hostile(reply: (request: RecordedRequest, index: number) => Reply | Promise<Reply>) {
  let count = 0
  const server = await startLoopback({ handle: (request) => reply(request, count++) })
  closers.push(() => server.close())
  return server
}

/** A server that sends an answer that never ends. */
async function endless(status: number): Promise<string> {
  const chunk = Buffer.alloc(64 * 1024, '<title'.repeat(10_923) + 'xx')
  const server: Server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html' })
    const write = () => {
      while (!response.destroyed && response.write(chunk));
      if (!response.destroyed) response.once('drain', write)
    }
    write()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

// Three kinds of line break the runner or the log viewer splits on, each followed by a command.
const evil = 'x\n::error::INJECTED-1\r::add-mask::INJECTED-2\u2028::stop-commands::INJECTED-3\u2029::warning::INJECTED-4'
const evilXml = 'x&#10;::error::INJECTED-1&#13;::add-mask::INJECTED-2&#x2028;::stop-commands::INJECTED-3'

/** The lines the runner would read as commands the answer wrote. */
function injectedCommands(run: ActionRun): string[] {
  return run.stdout.split(/\r\n|\r|\n/).filter((line) => /^\s*::[a-z-]+::INJECTED/i.test(line))
}

function expectNoInjection(run: ActionRun): void {
  expect(injectedCommands(run)).toEqual([])
  expect(run.stdout).not.toMatch(/[\u2028\u2029]/)
  // The text did reach the log, made visible: the row tested something.
  expect(run.stdout).toContain('INJECTED-1')
}

const cfToken = 'cf-security-token-0123456789'
const zoneId = 'd'.repeat(32)
const cloudflare = (apiUrl: string, more: Record<string, string> = {}) => ({ provider: 'cloudflare', token: cfToken, zone: zoneId, 'api-url': apiUrl, paths: 'https://example.com/a', ...more })
const edgerc = (host: string) =>
  `[default]\nclient_secret = ${akamaiCredentials.clientSecret}\nhost = ${host}\naccess_token = ${akamaiCredentials.accessToken}\nclient_token = ${akamaiCredentials.clientToken}\n`
const awsEnv = { AWS_ACCESS_KEY_ID: awsCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: awsCredentials.secretAccessKey }
const xmlInvalidation = (id: string, status: string) =>
  `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${id}</Id><Status>${status}</Status><CreateTime>2026-01-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths><CallerReference>r</CallerReference></InvalidationBatch></Invalidation>`

interface Row {
  name: string
  run(): Promise<ActionRun>
  check(run: ActionRun): void
}

// ------------------------------------------------------------ 1. workflow-command injection

const injection: Row[] = [
  {
    name: 'Cloudflare errors[].message and a string code',
    run: async () => runAction(cloudflare((await hostile(() => ({ status: 400, body: { success: false, errors: [{ code: evil, message: evil }], messages: [], result: null } }))).url)),
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expectNoInjection(run)
    },
  },
  {
    name: 'Cloudflare result.id (log line and ids output)',
    run: async () => runAction(cloudflare((await hostile(() => ({ status: 200, body: { success: true, errors: [], messages: [], result: { id: evil } } }))).url)),
    check: (run) => {
      expect(run.exitCode).toBe(0)
      expectNoInjection(run)
      expect(JSON.parse(run.outputs.ids ?? '[]')).toEqual([expect.not.stringMatching(/[\n\r\u2028\u2029]/)])
    },
  },
  {
    name: 'Cloudflare, the retry line',
    run: async () =>
      runAction(
        cloudflare((await hostile(() => ({ status: 503, headers: { 'retry-after': '0' }, body: { success: false, errors: [{ code: 1, message: evil }], messages: [], result: null } }))).url, {
          retries: '1',
        }),
      ),
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/^retrying \/.* \(attempt 1 failed: HTTP 503, Cloudflare error 1: x\\n::error::INJECTED-1\\r/m)
      expectNoInjection(run)
    },
  },
  {
    name: 'Fastly msg and detail',
    run: async () => runAction({ provider: 'fastly', token: 'fastly-security-token-0123', 'api-url': (await hostile(() => ({ status: 400, body: { msg: evil, detail: evil } }))).url, paths: 'https://www.example.com/a' }),
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expectNoInjection(run)
    },
  },
  {
    name: 'Fastly id',
    run: async () => runAction({ provider: 'fastly', token: 'fastly-security-token-0123', 'api-url': (await hostile(() => ({ status: 200, body: { status: 'ok', id: evil } }))).url, paths: 'https://www.example.com/a' }),
    check: (run) => {
      expect(run.exitCode).toBe(0)
      expectNoInjection(run)
    },
  },
  {
    name: 'Bunny Message',
    run: async () =>
      runAction({ provider: 'bunny', token: 'bunny-security-key-0123456789', 'api-url': (await hostile(() => ({ status: 400, body: { ErrorKey: 'x', Field: 'url', Message: evil } }))).url, paths: 'https://cdn.example.com/a' }),
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expectNoInjection(run)
    },
  },
  {
    name: 'Edgio id',
    run: async () =>
      runAction({ provider: 'edgio', token: 'edgio-security-token-0123', team: 'acme', site: 'www', environment: 'production', 'api-url': (await hostile(() => ({ status: 200, body: { id: evil } }))).url, paths: '/a' }),
    check: (run) => {
      expect(run.exitCode).toBe(0)
      expectNoInjection(run)
    },
  },
  {
    name: 'Cloudimage uuid and the polled status',
    run: async () => {
      const api = await hostile((request) =>
        request.method === 'POST' ? { status: 200, body: { status: 'success', invalidation: { uuid: evil } } } : { status: 200, body: { status: 'success', invalidation: { uuid: 'u', status: evil } } },
      )
      return runAction({ provider: 'cloudimage', token: 'cloudimage-security-key-0123', 'api-url': api.url, paths: '/sample.li/a.jpg', wait: 'true', timeout: '3' })
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expectNoInjection(run)
      expect(run.stdout).toContain('INJECTED-4')
    },
  },
  {
    name: 'Akamai purgeId and supportId',
    run: async () => {
      const api = await hostile(() => ({ status: 201, body: { httpStatus: 201, purgeId: evil, supportId: evil, estimatedSeconds: 1, detail: 'Request accepted' } }))
      return runAction({ provider: 'akamai', token: edgerc('akab-security.luna.akamaiapis.net'), 'api-url': api.url, paths: 'https://www.example.com/a' }, { secrets: [akamaiCredentials.clientSecret] })
    },
    check: (run) => {
      expect(run.exitCode).toBe(0)
      expectNoInjection(run)
    },
  },
  {
    name: 'Akamai detail and supportId of an error',
    run: async () => {
      const api = await hostile(() => ({ status: 400, body: { type: 'x', title: 'Bad request', detail: evil, supportId: evil, httpStatus: 400 } }))
      return runAction({ provider: 'akamai', token: edgerc('akab-security.luna.akamaiapis.net'), 'api-url': api.url, paths: 'https://www.example.com/a' }, { secrets: [akamaiCredentials.clientSecret] })
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expectNoInjection(run)
    },
  },
  {
    name: 'CloudFront Message, with XML character references',
    run: async () => {
      const body = `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>InvalidArgument</Code><Message>${evilXml}</Message></Error><RequestId>r</RequestId></ErrorResponse>`
      const api = await hostile(() => ({ status: 400, body, headers: { 'content-type': 'text/xml' } }))
      return runAction({ provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', 'api-url': api.url, paths: '/a' }, { env: awsEnv, secrets: [awsCredentials.secretAccessKey] })
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expectNoInjection(run)
    },
  },
  {
    name: 'CloudFront Id and Status, polled',
    run: async () => {
      const api = await hostile((request) => ({ status: request.method === 'POST' ? 201 : 200, body: xmlInvalidation(evilXml, `InProgress${evilXml}`), headers: { 'content-type': 'text/xml' } }))
      return runAction({ provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', 'api-url': api.url, paths: '/a', wait: 'true', timeout: '3' }, { env: awsEnv, secrets: [awsCredentials.secretAccessKey] })
    },
    check: (run) => {
      expectNoInjection(run)
    },
  },
  {
    name: "GitHub's error message (changed-since)",
    run: async () => {
      const github = await hostile(() => ({ status: 404, body: { message: evil } }))
      return runAction(
        { ...cloudflare('http://127.0.0.1:9'), paths: '', 'changed-since': sha('base'), 'path-map': 'public/** => https://example.com/**' },
        { env: { GITHUB_API_URL: github.url, GITHUB_SHA: sha('head') } },
      )
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expectNoInjection(run)
    },
  },
]

// ------------------------------------------------------------ 2. work that ignores timeout

const changedSinceInputs = (apiUrl: string, pathMap: string) => ({ ...cloudflare(apiUrl), paths: '', 'base-url': 'https://example.com', 'changed-since': sha('base'), 'path-map': pathMap })
async function githubWith(files: { filename: string; status: 'added' | 'modified' }[]) {
  const github = await startGithubEmulator({ token: RUN_GITHUB_TOKEN, comparisons: [{ base: sha('base'), head: sha('head'), commits: 1, files }] })
  closers.push(() => github.close())
  return github
}
const githubEnv = (url: string): RunOptions => ({ env: { GITHUB_API_URL: url, GITHUB_SHA: sha('head') } })

const timeouts: Row[] = [
  {
    name: 'a 600 KB answer of "<title" (40 s before) fails within timeout: 5',
    run: async () => runAction(cloudflare((await hostile(() => ({ status: 502, body: '<title'.repeat(100_000) }))).url, { retries: '0', timeout: '5' })),
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toContain('HTTP 502, not a Cloudflare API answer: <title<title')
      expect(run.durationMs).toBeLessThan(7_000)
    },
  },
  {
    name: 'an answer that never ends is read up to 1 MiB, and the step ends within timeout + 2 s',
    run: async () => runAction(cloudflare(await endless(200), { retries: '0', timeout: '5' }), { killAfterMs: 30_000 }),
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toContain('HTTP 200, not a Cloudflare API answer')
      expect(run.durationMs).toBeLessThan(7_000)
    },
  },
  ...(
    [
      ['public/**/*-*-*-*-*.html => https://example.com/**/*', `public/${'-'.repeat(250)}`],
      ['*.*.*.*.*.*.js => https://example.com/*', '.'.repeat(250)],
    ] as const
  ).map(
    ([pathMap, name]): Row => ({
      name: `299 pull-request file names against ${pathMap.split(' ')[0]} (41 s and "never" before) within timeout: 5`,
      run: async () => {
        const cf = await startCloudflareEmulator({ token: cfToken, zones: [{ id: zoneId, name: 'example.com' }] })
        closers.push(() => cf.close())
        const github = await githubWith(Array.from({ length: 299 }, (_, index) => ({ filename: `${name}${index}`, status: 'modified' as const })))
        return runAction({ ...changedSinceInputs(cf.url, pathMap), timeout: '5' }, githubEnv(github.url))
      },
      check: (run) => {
        expect(run.errors).toEqual([])
        expect(run.stdout).toContain('299 files changed (compare API); 0 mapped to 0 targets, 299 unmapped')
        expect(run.durationMs).toBeLessThan(7_000)
      },
    }),
  ),
]

// ------------------------------------------------------------ 3. the runner's own limits

const longUrls = Array.from({ length: 30_000 }, (_, index) => `https://example.com/products/${String(index).padStart(6, '0')}/a-fairly-long-page-name.html`)

const limits: Row[] = [
  {
    name: '30,000 URLs: every output under 1 MB, result truncated with exact counts and every status, the full result in result-file, summary under 1 MiB',
    run: async () => {
      // An Enterprise zone: 500 URLs a request.
      const cf = await startCloudflareEmulator({ token: cfToken, zones: [{ id: zoneId, name: 'example.com' }], filesLimit: 500 })
      closers.push(() => cf.close())
      return runAction({ ...cloudflare(cf.url), paths: '', 'paths-file': 'urls.txt', 'batch-size': '500' }, { files: { 'urls.txt': longUrls.join('\n') } })
    },
    check: (run) => {
      expect(run.exitCode).toBe(0)
      for (const [name, value] of Object.entries(run.outputs)) expect(Buffer.byteLength(value), name).toBeLessThan(1_000_000)
      const json = result(run) as ReturnType<typeof result> & { truncated?: boolean }
      expect(json).toMatchObject({ purged: 30_000, failed: 0, requests: 60, truncated: true })
      expect(json.batches).toHaveLength(60)
      expect(json.batches.every((batch) => batch.status === 'purged')).toBe(true)
      const file = run.outputs['result-file'] ?? ''
      expect(existsSync(file)).toBe(true)
      const full = JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof result>
      expect(full.batches.flatMap((batch) => batch.items)).toEqual(longUrls)
      expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
      expect(run.summary).toContain('... and 29500 more items (every one is in the JSON file named by the <code>result-file</code> output)')
    },
  },
  {
    // 9,000 as many as one input variable holds (Linux: 128 KiB); 12,000 gave a 1.4 MB summary.
    name: '9,000 zone names: summary under 1 MiB, "... and N more"',
    run: async () => runAction({ provider: 'cloudflare', zone: Array.from({ length: 9_000 }, (_, index) => `z${index}.io`).join('\n'), scope: 'all', 'dry-run': 'true' }),
    check: (run) => {
      expect(run.exitCode).toBe(0)
      expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
      expect(run.summary).toContain('... and 8900 more targets')
      expect(run.summary).toContain('... and 8000 more batches')
      for (const [name, value] of Object.entries(run.outputs)) expect(Buffer.byteLength(value), name).toBeLessThan(1_000_000)
    },
  },
  {
    name: 'zone-name lookups go 4 at a time, like purges (12,000 names opened 11,707 sockets)',
    run: async () => {
      let inFlight = 0
      let most = 0
      const names = Array.from({ length: 40 }, (_, index) => `zone-${index}.example.com`)
      const api = await hostile(async (request) => {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 20))
        inFlight--
        const name = request.query.name ?? ''
        const id = sha(name).slice(0, 32)
        return { status: 200, body: { success: true, errors: [], messages: [], result: request.method === 'GET' ? [{ id, name }] : { id } } }
      })
      const run = await runAction({ ...cloudflare(api.url), zone: names.join('\n'), paths: '', scope: 'all' })
      return { ...run, stdout: `${run.stdout}\nmost in flight: ${most}` }
    },
    check: (run) => {
      expect(run.exitCode).toBe(0)
      const most = Number(/most in flight: (\d+)/.exec(run.stdout)?.[1])
      expect(most).toBeGreaterThan(1)
      expect(most).toBeLessThanOrEqual(4)
    },
  },
]

// ------------------------------------------------------------ 4. secrets

const awkwardToken = 'tok+en/with="quotes"&<b>\'=|`0123'
const encodedForms = (secret: string) => [encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')]

const secrets: Row[] = [
  {
    name: 'a token echoed back URL-encoded, JSON-escaped and HTML-escaped is masked in every form',
    run: async () => {
      const echoed = encodedForms(awkwardToken).join(' | ')
      const api = await hostile(() => ({ status: 403, body: { success: false, errors: [{ code: 10000, message: `bad token ${echoed}` }], messages: [], result: null } }))
      return runAction({ ...cloudflare(api.url), token: awkwardToken }, { secrets: encodedForms(awkwardToken) })
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toContain('bad token ***')
      for (const form of encodedForms(awkwardToken)) expect(run.stdout).toContain(`::add-mask::${form.replace(/%/g, '%25')}`)
    },
  },
  {
    name: 'an Akamai client_secret with +/= echoed URL-encoded is masked',
    run: async () => {
      const api = await hostile(() => ({ status: 401, body: { title: 'Unauthorized', detail: `signature does not match for ${encodeURIComponent(akamaiCredentials.clientSecret)}` } }))
      return runAction(
        { provider: 'akamai', token: edgerc('akab-security.luna.akamaiapis.net'), 'api-url': api.url, paths: 'https://www.example.com/a' },
        { secrets: [akamaiCredentials.clientSecret, ...encodedForms(akamaiCredentials.clientSecret)] },
      )
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toContain('signature does not match for ***')
    },
  },
  {
    name: 'AWS_ACCESS_KEY_ID is masked, as configure-aws-credentials does',
    run: async () => {
      const body = `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User with key ${awsCredentials.accessKeyId} is not authorized</Message></Error><RequestId>r</RequestId></ErrorResponse>`
      const api = await hostile(() => ({ status: 403, body, headers: { 'content-type': 'text/xml' } }))
      return runAction({ provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', 'api-url': api.url, paths: '/a' }, { env: awsEnv, secrets: [awsCredentials.accessKeyId, awsCredentials.secretAccessKey] })
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toContain(`::add-mask::${awsCredentials.accessKeyId}`)
      expect(run.errors.join('\n')).toContain('User with key *** is not authorized')
    },
  },
  {
    name: 'GitHub pagination: a next link to another host is not followed, and the token never goes there',
    run: async () => {
      const elsewhere = await hostile(() => ({ status: 200, body: {} }))
      const github = await hostile(() => ({
        status: 200,
        headers: { link: `<${elsewhere.origin}/steal?page=2>; rel="next"` },
        body: { url: 'x', status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, base_commit: { sha: sha('base') }, commits: [{ sha: sha('c') }], files: [{ filename: 'public/a.html', status: 'modified' }] },
      }))
      const run = await runAction(changedSinceInputs('http://127.0.0.1:9', 'public/** => /**'), githubEnv(github.url))
      return { ...run, stdout: `${run.stdout}\nrequests elsewhere: ${elsewhere.requests.length}` }
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.errors.join('\n')).toMatch(/links the next page to "http:\/\/127\.0\.0\.1:\d+", not to GITHUB_API_URL \(http:\/\/127\.0\.0\.1:\d+\); it was not followed, and the token was not sent there/)
      expect(run.stdout).toContain('requests elsewhere: 0')
    },
  },
]

// ------------------------------------------------------------ 5. bad input, clear errors

const clearErrors: Row[] = [
  {
    name: "a malformed GitHub answer names the API call and what is missing (not \"reading 'sha'\")",
    run: async () => {
      const github = await hostile(() => ({ status: 200, body: { url: 'x', status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files: [] } }))
      return runAction(changedSinceInputs('http://127.0.0.1:9', 'public/** => /**'), githubEnv(github.url))
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.errors).toEqual([
        `changed-since: GitHub's answer to GET /repos/acme/site/compare/${sha('base')}...${sha('head')} is not a comparison: base_commit.sha (a commit SHA) is missing. Nothing was purged.`,
      ])
    },
  },
  {
    name: "GitHub's total_commits carrying lines of its own: an error naming the field, nothing of it in the log",
    run: async () => {
      const github = await hostile(() => ({
        status: 200,
        body: { url: 'x', status: 'ahead', ahead_by: 1, behind_by: 0, total_commits: evil, base_commit: { sha: sha('base') }, commits: [], files: [] },
      }))
      return runAction(changedSinceInputs('http://127.0.0.1:9', 'public/** => /**'), githubEnv(github.url))
    },
    check: (run) => {
      expect(run.exitCode).toBe(1)
      expect(run.errors).toEqual([expect.stringContaining('is not a comparison: total_commits is not a number. Nothing was purged.')])
      expect(injectedCommands(run)).toEqual([])
    },
  },
  {
    name: 'changed file names: control characters are mapped from their bytes; a name GitHub could not give as UTF-8 (U+FFFD) is listed unmapped, with a warning that names it escaped',
    run: async () => {
      const cf = await startCloudflareEmulator({ token: cfToken, zones: [{ id: zoneId, name: 'example.com' }] })
      closers.push(() => cf.close())
      const github = await githubWith([
        { filename: 'public/new\nline.html', status: 'added' },
        { filename: 'public/caf\uFFFD.html', status: 'modified' },
      ])
      const run = await runAction(changedSinceInputs(cf.url, 'public/** => /**'), githubEnv(github.url))
      const purged = cf.requests.filter((request) => request.path.endsWith('/purge_cache')).map((request) => request.body)
      return { ...run, stdout: `${run.stdout}\npurged: ${JSON.stringify(purged)}` }
    },
    check: (run) => {
      expect(run.exitCode).toBe(0)
      expect(run.stdout).toContain('purged: [{"files":["https://example.com/new%0Aline.html"]}]')
      expect(run.warnings).toEqual([
        'changed-since: 1 changed file name is not valid UTF-8, so the URL to purge is unknown: not purged, listed as unmapped: "public/caf\uFFFD.html"',
      ])
      expect(run.summary).toContain('public/new\\nline.html')
    },
  },
]

// ------------------------------------------------------------ careless inputs: errors before any request

/** A run against an API that records what reaches it: the row checks that nothing did. */
async function inputRow(inputs: (apiUrl: string) => Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const api = await hostile(() => ({ status: 200, body: { success: true, errors: [], messages: [], result: { id: 'x' } } }))
  const run = await runAction(inputs(api.url), options)
  return { ...run, stdout: `${run.stdout}\nrequests sent: ${api.requests.length}` }
}

function expectInputError(run: ActionRun, pattern: RegExp): void {
  expect(run.exitCode).toBe(1)
  expect(run.errors).toHaveLength(1)
  // The first line; another input's own complaint about the same value may follow.
  expect(run.errors[0]?.split('\n')[0]).toMatch(pattern)
  expect(run.stdout).toContain('requests sent: 0')
  // The whole error is short, whatever the input held.
  expect(run.errors.join('').length).toBeLessThan(600)
}

const edgio = (apiUrl: string, more: Record<string, string> = {}) => ({ provider: 'edgio', token: 'edgio-security-token-0123', team: 'acme', site: 'www', environment: 'production', 'api-url': apiUrl, paths: '/a', ...more })

function workspaceWith(make: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-ws-'))
  make(dir)
  return dir
}

const inputErrors: Row[] = [
  ...(
    [
      ['team', edgio, { team: 'acme\n## Injected heading' }, /^input team: a single value, without control characters \(newline, tab\.\.\.\); got "acme\\n## Injected heading"$/],
      ['environment', edgio, { environment: 'production\r::warning::x' }, /^input environment: a single value, without control characters .*got "production\\r::warning::x"$/],
      ['service', (url: string, more: Record<string, string>) => ({ provider: 'fastly', token: 'fastly-security-token-0123', 'api-url': url, keys: 'k', ...more }), { service: 'SU1Z0isx\tPaozGVKXdv0eY' }, /^input service: a single value/],
      ['pull-zone', (url: string, more: Record<string, string>) => ({ provider: 'bunny', token: 'bunny-security-key-0123456789', 'api-url': url, keys: 'k', ...more }), { 'pull-zone': '12\u2028345' }, /^input pull-zone: a single value.*got "12\\u2028345"$/],
    ] as const
  ).map(
    ([name, base, more, pattern]): Row => ({
      name: `a control character in ${name} is an input error`,
      run: () => inputRow((url) => base(url, more)),
      check: (run) => expectInputError(run, pattern),
    }),
  ),
  ...(
    [
      ['api-url', (url: string) => cloudflare(url.replace('http://', 'http://user:s3cret-pass@'))],
      ['base-url', (url: string) => cloudflare(url, { paths: '/a', 'base-url': 'https://user:s3cret-pass@example.com' })],
      ['paths', (url: string) => cloudflare(url, { paths: 'https://user:s3cret-pass@example.com/a' })],
      ['verify-urls', (url: string) => cloudflare(url, { verify: 'true', 'verify-urls': 'https://user:s3cret-pass@example.com/a' })],
      ['paths-file', (url: string) => cloudflare(url, { paths: '', 'paths-file': 'urls.txt' })],
    ] as const
  ).map(
    ([name, inputs]): Row => ({
      name: `credentials in ${name}: an input error naming it, the password never shown`,
      run: () => inputRow(inputs, { files: { 'urls.txt': 'https://example.com/ok\nhttps://user:s3cret-pass@example.com/a*b\n' }, secrets: ['s3cret-pass'] }),
      check: (run) => expectInputError(run, new RegExp(`^input ${name}: a URL with a user name or password \\(https?://\\*\\*\\*@[^)]+\\) is not accepted`)),
    }),
  ),
  {
    name: 'an http:// api-url to another host is an input error (the token would go in clear text)',
    run: () => inputRow(() => cloudflare('http://api.example.com/client/v4')),
    check: (run) => expectInputError(run, /^input api-url: http:\/\/ would send the token in clear text; use https:\/\/, or http:\/\/ only to a loopback host \(localhost, 127\.0\.0\.0\/8, \[::1\]\)$/),
  },
  {
    name: 'paths-file on /dev/zero: not a regular file (it hung past timeout before)',
    run: () => inputRow((url) => cloudflare(url, { paths: '', 'paths-file': '/dev/zero', timeout: '5' })),
    check: (run) => {
      expectInputError(run, /^input paths-file: "\/dev\/zero": expected a regular file, and it is a device$/)
      expect(run.durationMs).toBeLessThan(7_000)
    },
  },
  {
    name: 'paths-file on a FIFO no one writes to: not a regular file, at once',
    run: () => inputRow((url) => cloudflare(url, { paths: '', 'paths-file': 'fifo', timeout: '5' }), { workspace: workspaceWith((dir) => execFileSync('mkfifo', [join(dir, 'fifo')])) }),
    check: (run) => {
      expectInputError(run, /^input paths-file: "fifo": expected a regular file, and it is a named pipe \(FIFO\)$/)
      expect(run.durationMs).toBeLessThan(7_000)
    },
  },
  {
    name: 'paths-file over 64 MiB: an input error, not read',
    run: () => inputRow((url) => cloudflare(url, { paths: '', 'paths-file': 'huge.txt' }), { workspace: workspaceWith((dir) => execFileSync('truncate', ['-s', '70M', join(dir, 'huge.txt')])) }),
    check: (run) => expectInputError(run, /^input paths-file: "huge\.txt": the file is 73400320 bytes; at most 67108864 \(64 MiB\) are read$/),
  },
  {
    name: 'paths-file with a 5 MB line holding a control character: the error quotes 100 characters, escaped',
    run: () => inputRow((url) => cloudflare(url, { paths: '', 'paths-file': 'urls.txt' }), { files: { 'urls.txt': `https://example.com/${'a'.repeat(5_000_000)}\u001b[31m\n` } }),
    check: (run) => expectInputError(run, /^input paths-file: "urls\.txt": items must not contain control characters \(tab, newline\.\.\.\), got "https:\/\/example\.com\/a{80}\.\.\."$/),
  },
  {
    name: 'paths-file with a 5 MB item the provider refuses: its error quotes 100 characters',
    run: () => inputRow((url) => cloudflare(url, { paths: '', 'paths-file': 'urls.txt' }), { files: { 'urls.txt': `https://example.com/${'*'.repeat(5_000_000)}x\n` } }),
    check: (run) => expectInputError(run, /^input paths: a \* is allowed only at the very end.*got "https:\/\/example\.com\/\*{80}\.\.\."$/),
  },
]

describe('security (issue 13)', () => {
  describe.each([
    ['1. workflow-command injection: no answer writes a line of its own', injection],
    ['2. nothing from outside stalls the step', timeouts],
    ["3. the runner's own limits", limits],
    ['4. secrets', secrets],
    ['5. clear errors', clearErrors],
    ['4 and 5. careless inputs: an input error, nothing sent', inputErrors],
  ] as const)('%s', (_title, rows) => {
    // The timing rows measure the action's own clock against timeout: alone, not beside others.
    const table = rows.map((row) => [row.name, row] as const)
    const check = async (_name: string, row: Row) => row.check(await row.run())
    if (rows === timeouts) it.each(table)('%s', check)
    else it.concurrent.each(table)('%s', check)
  })
})
