import { describe, expect, it } from 'vitest'
import { startCloudflareEmulator } from '../emulators/cloudflare.js'
import type { Fault } from '../emulators/loopback.js'
import { startCloudimageEmulator } from '../emulators/cloudimage.js'
import { startEdgioEmulator } from '../emulators/edgio.js'
import { startFastlyEmulator } from '../emulators/fastly.js'
import { startBunnyEmulator } from '../emulators/bunny.js'
import { DEFAULT_CREDENTIALS as AWS, startCloudFrontEmulator } from '../emulators/cloudfront.js'
import { DEFAULT_CREDENTIALS as EDGEGRID, startAkamaiEmulator } from '../emulators/akamai.js'
import { result, runAction } from './run-action.js'

/**
 * The fault matrix: every provider against its emulator, one fault per row, through the runner
 * contract. Each cell says what users must see: retried and purged, or failed in the provider's
 * own words. In every cell the outputs add up (purged + failed = items planned) and the step ends
 * within its timeout (+2 s by the action's own clock; the process must also exit by itself).
 *
 * The transport rows (hang, trickle, reset, 408, 5xx, the Retry-After forms) are the shared code
 * of src/http/client.ts, unit-tested with injected clocks in test/unit/http.test.ts: they run
 * here end to end for Cloudflare only. Every provider runs the rows where its own code reads the
 * answer (its words for a 502, a 401, a 403, a 404, a 200 that is no answer or says failure, a
 * 429), plus any transport row whose outcome differs for it. The 502 row fails after 3 attempts,
 * so it also proves every provider's reading of a 5xx leaves it to the shared retry. The cells
 * run concurrently: each has its own emulator.
 */

type Expected = { purged: true; attempts: number } | { failed: RegExp; attempts: number }
const purged = (attempts = 2): Expected => ({ purged: true, attempts })
const failed = (words: RegExp, attempts = 1): Expected => ({ failed: words, attempts })

interface Row {
  faults: () => Fault[]
  /** Step timeout in seconds; the rows that hang use a short one. */
  timeout?: number
  retries?: number
}

const httpDate = (secondsFromNow: number) => new Date(Date.now() + secondsFromNow * 1000).toUTCString()

const rows = {
  '429 with Retry-After in seconds': { faults: () => [{ status: 429, headers: { 'Retry-After': '1' } }] },
  '429 with Retry-After as an HTTP date': { faults: () => [{ status: 429, headers: { 'Retry-After': httpDate(2) } }] },
  '429 without Retry-After': { faults: () => [{ status: 429 }] },
  '503 with Retry-After': { faults: () => [{ status: 503, headers: { 'Retry-After': '1' } }] },
  '500': { faults: () => [{ status: 500 }] },
  '502 with an HTML body, every time': {
    faults: () => Array.from({ length: 3 }, () => ({ status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' })),
    retries: 2,
  },
  '408': { faults: () => [{ status: 408 }] },
  'connection reset': { faults: () => [{ reset: true as const }] },
  'a server that never answers': { faults: () => Array.from({ length: 5 }, () => ({ hang: true as const })), timeout: 3 },
  'a body that trickles slower than the timeout': {
    faults: () => Array.from({ length: 5 }, () => ({ trickle: { intervalMs: 1000, chunks: 20 } })),
    timeout: 3,
  },
  'truncated JSON': { faults: () => [{ truncated: true as const }] },
  'a non-JSON 2xx': { faults: () => [{ nonJson: true as const }] },
  'success: false with HTTP 200': {
    faults: () => [{ status: 200, body: JSON.stringify({ success: false, status: 'error', errors: [{ code: 1082, message: 'You can only purge files for this zone' }], messages: [], result: null }) }],
  },
  '401': { faults: () => [{ status: 401 }] },
  '403': { faults: () => [{ status: 403 }] },
  '404': { faults: () => [{ status: 404, body: JSON.stringify({ success: false, errors: [{ code: 7003, message: 'Could not route to /zones/x/purge_cache, perhaps your object identifier is invalid?' }], messages: [], result: null }) }] },
} satisfies Record<string, Row>
type RowName = keyof typeof rows

/** Shared code: run end to end for Cloudflare only (and for a provider whose outcome differs). */
const transportRows: RowName[] = [
  '429 with Retry-After in seconds',
  '429 with Retry-After as an HTTP date',
  '503 with Retry-After',
  '500',
  '408',
  'connection reset',
  'a server that never answers',
  'a body that trickles slower than the timeout',
]

interface ProviderFixture {
  /** Starts the provider's emulator with the row's faults queued; returns the inputs for one item. */
  start(faults: Fault[]): Promise<{ inputs: Record<string, string>; env?: Record<string, string>; secrets?: string[]; close(): Promise<void> }>
  /** Every row but the transport rows, which only Cloudflare must list (see above). */
  expected: Partial<Record<RowName, Expected>>
}

const fixtures: Record<string, ProviderFixture> = {
  cloudflare: {
    async start(faults) {
      const cf = await startCloudflareEmulator({ token: 'cf-test-token-0123456789', zones: [{ id: 'a'.repeat(32), name: 'example.com' }] })
      cf.faults.push(...faults)
      return {
        inputs: { provider: 'cloudflare', token: 'cf-test-token-0123456789', zone: 'a'.repeat(32), paths: 'https://example.com/a.css', 'api-url': cf.url },
        close: cf.close,
      }
    },
    expected: {
      '429 with Retry-After in seconds': purged(),
      '429 with Retry-After as an HTTP date': purged(),
      '429 without Retry-After': purged(),
      '503 with Retry-After': purged(),
      '500': purged(),
      '502 with an HTML body, every time': failed(/HTTP 502, not a Cloudflare API answer: 502 Bad Gateway/, 3),
      '408': purged(),
      'connection reset': purged(),
      'a server that never answers': failed(/no complete answer within \d+(\.\d)? s from 127\.0\.0\.1:\d+/),
      'a body that trickles slower than the timeout': failed(/no complete answer within/),
      'truncated JSON': failed(/HTTP 200, not a Cloudflare API answer: \{"success":true/),
      'a non-JSON 2xx': failed(/HTTP 200, not a Cloudflare API answer: Just a moment\.\.\./),
      'success: false with HTTP 200': failed(/HTTP 200, Cloudflare error 1082: You can only purge files for this zone/),
      '401': failed(/HTTP 401, Cloudflare error 10000: Authentication error/),
      '403': failed(/HTTP 403, Cloudflare error 10000: Authentication error/),
      '404': failed(/HTTP 404, Cloudflare error 7003: Could not route/),
    },
  },
  edgio: {
    async start(faults) {
      const edgio = await startEdgioEmulator({ token: 'edgio-deploy-token-0123456789', team: 'acme', site: 'shop', environment: 'production' })
      edgio.faults.push(...faults)
      return {
        inputs: { provider: 'edgio', token: 'edgio-deploy-token-0123456789', team: 'acme', site: 'shop', environment: 'production', paths: '/a.css', 'api-url': edgio.url },
        close: edgio.close,
      }
    },
    // Edgio never documented its answers: any 2xx is success, whatever the body.
    expected: {
      '429 without Retry-After': purged(),
      '502 with an HTML body, every time': failed(/HTTP 502: 502 Bad Gateway/, 3),
      'truncated JSON': purged(1),
      'a non-JSON 2xx': purged(1),
      'success: false with HTTP 200': purged(1),
      '401': failed(/HTTP 401: /),
      '403': failed(/HTTP 403: /),
      '404': failed(/HTTP 404: .*Could not route/),
    },
  },
  cloudimage: {
    async start(faults) {
      const api = await startCloudimageEmulator({ apiKey: 'cloudimage-api-key-0123456789' })
      api.faults.push(...faults)
      return {
        inputs: { provider: 'cloudimage', token: 'cloudimage-api-key-0123456789', paths: '/sample.li/birds.jpg', 'api-url': api.url },
        close: api.close,
      }
    },
    expected: {
      '429 without Retry-After': purged(),
      '502 with an HTML body, every time': failed(/HTTP 502: 502 Bad Gateway/, 3),
      'truncated JSON': failed(/HTTP 201, not a Cloudimage API answer: \{"status":"success"/),
      'a non-JSON 2xx': failed(/HTTP 200, not a Cloudimage API answer: Just a moment\.\.\./),
      'success: false with HTTP 200': failed(/HTTP 200, status is not success: .*"status":"error"/),
      '401': failed(/HTTP 401: /),
      '403': failed(/HTTP 403: /),
      '404': failed(/HTTP 404: .*Could not route/),
    },
  },
  fastly: {
    async start(faults) {
      const token = 'fastly-test-token-0123456789abcdef'
      const fastly = await startFastlyEmulator({ tokens: [{ token, scopes: ['global'] }], services: ['SU1Z0isxPaozGVKXdv0eY'] })
      fastly.faults.push(...faults)
      return {
        inputs: { provider: 'fastly', token, paths: 'https://www.example.com/a.css', 'api-url': fastly.url },
        close: fastly.close,
      }
    },
    expected: {
      '429 without Retry-After': purged(),
      '502 with an HTML body, every time': failed(/HTTP 502, Fastly: 502 Bad Gateway/, 3),
      'truncated JSON': failed(/HTTP 200, not a Fastly purge answer: \{"status":"ok"/),
      'a non-JSON 2xx': failed(/HTTP 200, not a Fastly purge answer: Just a moment\.\.\./),
      'success: false with HTTP 200': failed(/HTTP 200, not a Fastly purge answer: .*"status":"error"/),
      '401': failed(/HTTP 401, Fastly: Provided credentials are missing or invalid \(token must be a Fastly API token/),
      '403': failed(/HTTP 403, Fastly: Forbidden \(the token needs the purge_select scope/),
      // An error body Fastly cannot read must still be shown, as for a 502 (it currently says "Fastly: " and nothing).
      '404': failed(/HTTP 404, Fastly: .*Could not route/),
    },
  },
  bunny: {
    async start(faults) {
      const token = 'bunny-account-key-0123456789abcdef'
      const bunny = await startBunnyEmulator({ accessKey: token })
      bunny.faults.push(...faults)
      return {
        inputs: { provider: 'bunny', token, paths: 'https://cdn.example.com/a.css', 'api-url': bunny.url },
        close: bunny.close,
      }
    },
    // Bunny's /purge answers a 2xx with an empty body: any 2xx is success, whatever the body.
    expected: {
      '429 without Retry-After': purged(),
      '502 with an HTML body, every time': failed(/HTTP 502, Bunny: 502 Bad Gateway/, 3),
      // The empty body trickles in no time.
      'a body that trickles slower than the timeout': purged(1),
      'truncated JSON': purged(1),
      'a non-JSON 2xx': purged(1),
      'success: false with HTTP 200': purged(1),
      '401': failed(/HTTP 401, Bunny: \(empty body\); token must be the account API key/),
      '403': failed(/HTTP 403, Bunny error error\.403: HTTP 403/),
      '404': failed(/HTTP 404, Bunny: .*Could not route/),
    },
  },
  cloudfront: {
    async start(faults) {
      const cf = await startCloudFrontEmulator({ distributions: ['E2QWRUHAPOMQZL'] })
      cf.faults.push(...faults)
      return {
        inputs: { provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', paths: '/a.css', 'api-url': cf.url },
        env: { AWS_ACCESS_KEY_ID: AWS.accessKeyId, AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey, AWS_SESSION_TOKEN: AWS.sessionToken ?? '' },
        secrets: [AWS.secretAccessKey, AWS.sessionToken ?? ''],
        close: cf.close,
      }
    },
    expected: {
      '429 without Retry-After': purged(),
      '502 with an HTML body, every time': failed(/HTTP 502, not a CloudFront API answer: 502 Bad Gateway/, 3),
      // CloudFront always answers a whole XML document; half of one is no answer (it is currently purged).
      'truncated JSON': failed(/HTTP 201, not a CloudFront invalidation: <\?xml/),
      'a non-JSON 2xx': failed(/HTTP 200, not a CloudFront invalidation: Just a moment\.\.\./),
      'success: false with HTTP 200': failed(/HTTP 200, not a CloudFront invalidation: \{"success":false/),
      // The emulator's XML for a bare 401 is InvalidArgument.
      '401': failed(/HTTP 401, CloudFront error InvalidArgument: /),
      '403': failed(/HTTP 403, CloudFront error AccessDenied: .*not authorized to perform: cloudfront:CreateInvalidation/),
      '404': failed(/HTTP 404, not a CloudFront API answer: .*Could not route/),
    },
  },
  akamai: {
    async start(faults) {
      const akamai = await startAkamaiEmulator()
      akamai.faults.push(...faults)
      const host = new URL(akamai.url).host
      const edgerc = `[default]\nclient_secret = ${EDGEGRID.clientSecret}\nhost = ${host}\naccess_token = ${EDGEGRID.accessToken}\nclient_token = ${EDGEGRID.clientToken}\n`
      return {
        inputs: { provider: 'akamai', token: edgerc, paths: 'https://www.example.com/a.css', 'api-url': akamai.url },
        secrets: [EDGEGRID.clientSecret, EDGEGRID.accessToken, EDGEGRID.clientToken],
        close: akamai.close,
      }
    },
    // The .edgerc host is the emulator's, so it is masked in the messages as a secret.
    expected: {
      '429 without Retry-After': purged(),
      '502 with an HTML body, every time': failed(/HTTP 502, not an Akamai API answer: 502 Bad Gateway/, 3),
      'a server that never answers': failed(/no complete answer within \d+(\.\d)? s from \*\*\*/),
      'truncated JSON': failed(/HTTP 201, not an Akamai API answer: \{"httpStatus":201/),
      'a non-JSON 2xx': failed(/HTTP 200, not an Akamai API answer: Just a moment\.\.\./),
      'success: false with HTTP 200': failed(/HTTP 200, no purgeId in the answer: \{"success":false/),
      '401': failed(/HTTP 401, Bad Request \(supportId edcp-/),
      '403': failed(/HTTP 403, unauthorized arl: https:\/\/www\.example\.com\/a\.css \(supportId edcp-/),
      '404': failed(/HTTP 404, .*Could not route/),
    },
  },
}

describe('fault matrix coverage', () => {
  it('runs every row for Cloudflare, and every row that is not shared transport code for every provider', () => {
    expect(Object.keys(fixtures.cloudflare?.expected ?? {}).sort()).toEqual(Object.keys(rows).sort())
    const perProvider = (Object.keys(rows) as RowName[]).filter((name) => !transportRows.includes(name))
    for (const [provider, fixture] of Object.entries(fixtures)) {
      for (const name of perProvider) expect(fixture.expected[name], `${provider}: ${name}`).toBeDefined()
    }
  })
})

const cells = Object.entries(fixtures).flatMap(([provider, fixture]) =>
  (Object.entries(fixture.expected) as [RowName, Expected][]).map(([name, expected]) => ({ provider, fixture, name, expected })),
)

describe.concurrent('fault matrix', () => {
  it.for(cells)('$provider: $name', async ({ fixture, name, expected }, { expect }) => {
    const row: Row = rows[name]
    const timeout = row.timeout ?? 20
    const emulator = await fixture.start(row.faults())
    try {
      const run = await runAction(
        { ...emulator.inputs, timeout: String(timeout), retries: String(row.retries ?? 3) },
        // The step must end by itself: a process still alive well past its timeout is killed and fails here.
        { env: emulator.env ?? {}, secrets: emulator.secrets ?? [], killAfterMs: timeout * 1000 + 20_000 },
      )
      const json = result(run)
      expect(json.purged + json.failed).toBe(1)
      expect(Number(run.outputs.purged) + Number(run.outputs.failed)).toBe(1)
      expect(json.batches[0]?.attempts).toBe(expected.attempts)
      if ('purged' in expected) {
        expect(run.exitCode).toBe(0)
        expect(json.batches[0]?.status).toBe('purged')
      } else {
        expect(run.exitCode).toBe(1)
        expect(json.batches[0]?.status).toBe('failed')
        expect(run.errors.join('\n')).toMatch(expected.failed)
      }
      // By the action's own clock: the wall clock of a loaded machine says more about the machine.
      expect(run.actionMs).toBeDefined()
      expect((run.actionMs ?? Infinity) - timeout * 1000).toBeLessThan(2_000)
    } finally {
      await emulator.close()
    }
  })
})
