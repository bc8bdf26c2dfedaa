import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import {
  HttpClient,
  bodySnippet,
  maxAnswerBytes,
  isRetryableStatus,
  mapConcurrent,
  retryAfterMs,
  type Answer,
  type HttpOptions,
  type Verdict,
} from '../../src/http/client.js'

const origin = 'https://api.example.test'
const url = `${origin}/purge`
/** A whole second, so an HTTP date (1 s resolution) converts back exactly. */
const t0 = Date.UTC(2025, 0, 1, 12, 0, 0)
const hour = 3_600_000

/** A clock whose sleep records the wait and advances `now` at once. */
function fakeClock(start = t0) {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms)
      clock.time += ms
    },
  }
  return clock
}

/** A clock whose sleeps stay pending until the test fires them, in time order. */
function manualClock(start = t0) {
  const timers: { at: number; resolve: () => void }[] = []
  const clock = {
    time: start,
    sleeps: [] as { from: number; ms: number }[],
    pending: () => timers.length,
    now: () => clock.time,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        clock.sleeps.push({ from: clock.time, ms })
        timers.push({ at: clock.time + ms, resolve })
      }),
    /** Advances to the earliest timer and fires every timer due by then. */
    fireNext: () => {
      timers.sort((a, b) => a.at - b.at)
      const at = timers[0]?.at
      if (at === undefined) throw new Error('no pending sleep')
      clock.time = at
      while (timers[0] !== undefined && timers[0].at <= at) timers.shift()?.resolve()
    },
  }
  return clock
}

/** Lets I/O and promise callbacks run until `done()` holds (no real waiting beyond event-loop turns). */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 1_000; turn++) {
    if (done()) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error(`never happened: ${what}`)
}

const agents: MockAgent[] = []
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()))
})

function mockApi() {
  const agent = new MockAgent()
  agent.disableNetConnect()
  agents.push(agent)
  return { agent, pool: agent.get(origin) }
}

/** Reads 2xx as success with the body's `id`; anything else as `HTTP <status>: <body>`. */
const readJson = (answer: Answer): Verdict =>
  answer.status >= 200 && answer.status < 300
    ? { ok: true, id: (JSON.parse(answer.body) as { id: string }).id }
    : { ok: false, error: `HTTP ${answer.status}: ${answer.body}` }

function client(agent: MockAgent, clock: { now: () => number; sleep: (ms: number) => Promise<void> }, options: Partial<HttpOptions> = {}) {
  const retried: { attempt: number; waitMs: number; reason: string }[] = []
  const http = new HttpClient({
    deadline: clock.now() + hour,
    retries: 5,
    dispatcher: agent,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 1,
    onRetry: ({ attempt, waitMs, reason }) => retried.push({ attempt, waitMs, reason }),
    ...options,
  })
  return { http, retried }
}

const ok = JSON.stringify({ id: 'purge-42' })

describe('HttpClient.send: answers and retries', () => {
  it('succeeds on the first try: one attempt, no wait, the id from read, the request sent as given', async () => {
    const { agent, pool } = mockApi()
    const seen: { method: string; body: unknown; auth: unknown }[] = []
    pool.intercept({ path: '/purge', method: 'POST' }).reply((opts) => {
      const headers = opts.headers as Record<string, string>
      seen.push({ method: opts.method, body: opts.body, auth: headers.authorization })
      return { statusCode: 200, data: ok }
    })
    const clock = fakeClock()
    const { http, retried } = client(agent, clock)

    const result = await http.send({ url, method: 'POST', headers: { authorization: 'Bearer t' }, body: '{"files":["a"]}' }, readJson)

    expect(result).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 1 })
    expect(seen).toEqual([{ method: 'POST', body: '{"files":["a"]}', auth: 'Bearer t' }])
    expect(clock.sleeps).toEqual([])
    expect(retried).toEqual([])
  })

  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i and then succeeds', async (status) => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(status, 'busy')
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok)
    const clock = fakeClock()
    const { http, retried } = client(agent, clock)

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 2 })
    expect(clock.sleeps).toEqual([1_000])
    expect(retried).toEqual([{ attempt: 1, waitMs: 1_000, reason: `HTTP ${status}: busy` }])
    agent.assertNoPendingInterceptors()
  })

  it.each([400, 401, 403, 404, 409])('does not retry HTTP %i', async (status) => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(status, 'no')
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok) // must stay unused
    const clock = fakeClock()
    const { http, retried } = client(agent, clock)

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result).toEqual({ verdict: { ok: false, error: `HTTP ${status}: no` }, attempts: 1 })
    expect(clock.sleeps).toEqual([])
    expect(retried).toEqual([])
    expect(agent.pendingInterceptors()).toHaveLength(1)
  })

  it('retries a 503 whose body read cannot parse, and reports a 200 it cannot parse without retrying', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(503, '<html>')
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, 'not json')
    const clock = fakeClock()
    const { http } = client(agent, clock)
    const strict = (answer: Answer): Verdict => ({ ok: true, id: (JSON.parse(answer.body) as { id: string }).id })

    const result = await http.send({ url, method: 'POST' }, strict)

    expect(result.attempts).toBe(2)
    expect(result.verdict.ok).toBe(false)
    expect(result.verdict).toMatchObject({ error: expect.stringMatching(/^HTTP 200: unreadable answer \(.+\)$/) })
    expect(clock.sleeps).toEqual([1_000])
  })
})

describe('HttpClient.send: signing', () => {
  it('signs every attempt afresh, after its wait, and sends what sign returns', async () => {
    const { agent, pool } = mockApi()
    const seen: unknown[] = []
    for (const status of [503, 200]) {
      pool.intercept({ path: '/purge', method: 'POST' }).reply((opts) => {
        seen.push((opts.headers as Record<string, string>).authorization)
        return { statusCode: status, data: status === 200 ? ok : 'busy' }
      })
    }
    const clock = fakeClock()
    const { http } = client(agent, clock)
    const signedAt: number[] = []

    const result = await http.send(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        sign: (request) => {
          signedAt.push(clock.now())
          return { ...request, headers: { ...request.headers, authorization: `signed at ${clock.now()}` } }
        },
      },
      readJson,
    )

    expect(result).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 2 })
    expect(signedAt).toEqual([t0, t0 + 1_000])
    expect(seen).toEqual([`signed at ${t0}`, `signed at ${t0 + 1_000}`])
  })
})

describe('HttpClient.send: how long it waits', () => {
  const in12s = new Date(t0 + 12_000).toUTCString()
  it.each([
    { status: 429, retryAfter: '7', wait: 7_000 },
    { status: 503, retryAfter: '7', wait: 7_000 },
    { status: 429, retryAfter: ' 2.5 ', wait: 2_500 },
    { status: 429, retryAfter: '0', wait: 0 },
    { status: 429, retryAfter: in12s, wait: 12_000 },
    { status: 503, retryAfter: in12s, wait: 12_000 },
    { status: 503, retryAfter: new Date(t0 - 60_000).toUTCString(), wait: 0 }, // a date already past
    { status: 500, retryAfter: '7', wait: 1_000 }, // ignored: backoff
    { status: 502, retryAfter: in12s, wait: 1_000 }, // ignored: backoff
    { status: 429, retryAfter: 'soon', wait: 1_000 }, // unreadable: backoff
    { status: 429, retryAfter: undefined, wait: 1_000 }, // absent: backoff
  ])('HTTP $status with Retry-After $retryAfter waits $wait ms', async ({ status, retryAfter, wait }) => {
    const { agent, pool } = mockApi()
    const headers = retryAfter === undefined ? {} : { 'retry-after': retryAfter }
    pool.intercept({ path: '/purge', method: 'POST' }).reply(status, 'slow down', { headers })
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok)
    const clock = fakeClock()
    const { http, retried } = client(agent, clock)

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 2 })
    expect(clock.sleeps).toEqual([wait])
    expect(retried.map((entry) => entry.waitMs)).toEqual([wait])
  })

  it.each([
    { random: 1, waits: [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000] },
    { random: 0.5, waits: [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000] },
    { random: 0, waits: [0, 0, 0, 0, 0, 0, 0] },
  ])('without Retry-After backs off with full jitter (random $random): $waits', async ({ random, waits }) => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(500, 'oops').times(waits.length + 1)
    const clock = fakeClock()
    const { http } = client(agent, clock, { random: () => random, retries: waits.length })

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result).toEqual({ verdict: { ok: false, error: 'HTTP 500: oops' }, attempts: waits.length + 1 })
    expect(clock.sleeps).toEqual(waits)
    agent.assertNoPendingInterceptors()
  })

  it.each([
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [6, 30_000],
    [40, 30_000],
  ])('backoffMs(%i) with random 1 is %i', (attempt, ms) => {
    const http = new HttpClient({ deadline: t0 + hour, retries: 0, dispatcher: new MockAgent(), random: () => 1 })
    expect(http.backoffMs(attempt)).toBe(ms)
  })
})

describe('HttpClient.send: the provider verdict decides', () => {
  it.each([
    {
      name: 'a retryable 400 (Cloudfront Throttling) waits what the verdict says',
      status: 400,
      headers: {},
      verdict: { ok: false, error: 'Throttling', retryable: true, retryAfterMs: 2_500 },
      wait: 2_500,
    },
    {
      name: 'a retryable 400 without a wait backs off',
      status: 400,
      headers: {},
      verdict: { ok: false, error: 'Throttling', retryable: true },
      wait: 1_000,
    },
    {
      name: "the verdict's wait (Fastly reset header) beats Retry-After",
      status: 429,
      headers: { 'retry-after': '10' },
      verdict: { ok: false, error: 'rate limited', retryable: true, retryAfterMs: 3_000 },
      wait: 3_000,
    },
  ] satisfies { name: string; status: number; headers: Record<string, string>; verdict: Verdict; wait: number }[])(
    '$name',
    async ({ status, headers, verdict, wait }) => {
      const { agent, pool } = mockApi()
      pool.intercept({ path: '/purge', method: 'POST' }).reply(status, 'x', { headers })
      pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok)
      const clock = fakeClock()
      const { http } = client(agent, clock)

      const result = await http.send({ url, method: 'POST' }, (answer) => (answer.status === 200 ? readJson(answer) : verdict))

      expect(result).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 2 })
      expect(clock.sleeps).toEqual([wait])
    },
  )

  it('retryable: false on a 500 (even with Retry-After on a 503) stops at once', async () => {
    for (const status of [500, 503]) {
      const { agent, pool } = mockApi()
      pool.intercept({ path: '/purge', method: 'POST' }).reply(status, 'x', { headers: { 'retry-after': '1' } })
      const clock = fakeClock()
      const { http } = client(agent, clock)
      const verdict = { ok: false as const, error: 'permanent', retryable: false }

      const result = await http.send({ url, method: 'POST' }, () => verdict)

      expect(result).toEqual({ verdict, attempts: 1 })
      expect(clock.sleeps).toEqual([])
    }
  })
})

describe('HttpClient.send: limits', () => {
  it.each([
    { retries: 0, attempts: 1, sleeps: [] },
    { retries: 1, attempts: 2, sleeps: [1_000] },
    { retries: 2, attempts: 3, sleeps: [1_000, 2_000] },
  ])('retries: $retries means $attempts attempts, and the verdict carries the last error', async ({ retries, attempts, sleeps }) => {
    const { agent, pool } = mockApi()
    for (let n = 1; n <= 4; n++) pool.intercept({ path: '/purge', method: 'POST' }).reply(502, `failure ${n}`)
    const clock = fakeClock()
    const { http } = client(agent, clock, { retries })

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result).toEqual({ verdict: { ok: false, error: `HTTP 502: failure ${attempts}` }, attempts })
    expect(clock.sleeps).toEqual(sleeps)
    expect(agent.pendingInterceptors()).toHaveLength(4 - attempts)
  })

  it.each([
    { name: 'a Retry-After past the deadline', deadlineIn: 10_000, retryAfter: '20', sleeps: [], attempts: 1, waitText: '20 s' },
    { name: 'a Retry-After landing on the deadline', deadlineIn: 10_000, retryAfter: '10', sleeps: [], attempts: 1, waitText: '10 s' },
    { name: 'a backoff past the deadline', deadlineIn: 2_500, retryAfter: undefined, sleeps: [1_000], attempts: 2, waitText: '2 s' },
  ])('$name: gives up at once, "would pass the timeout"', async ({ deadlineIn, retryAfter, sleeps, attempts, waitText }) => {
    const { agent, pool } = mockApi()
    const headers = retryAfter === undefined ? {} : { 'retry-after': retryAfter }
    pool.intercept({ path: '/purge', method: 'POST' }).reply(429, 'slow down', { headers }).times(3)
    const clock = fakeClock()
    const { http, retried } = client(agent, clock, { deadline: t0 + deadlineIn })

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result.attempts).toBe(attempts)
    expect(result.verdict).toEqual({
      ok: false,
      error: `HTTP 429: slow down; gave up: the next try (in ${waitText}) would pass the timeout`,
    })
    expect(clock.sleeps).toEqual(sleeps)
    expect(retried).toHaveLength(sleeps.length)
  })

  it.each([0, -1, -hour])('with the deadline passed (%i ms from now) sends nothing: attempts 0, "not sent"', async (deadlineIn) => {
    const { agent } = mockApi() // no interceptor: any request would fail with a different error
    const clock = fakeClock()
    const { http } = client(agent, clock, { deadline: t0 + deadlineIn })
    let reads = 0

    const result = await http.send({ url, method: 'POST' }, (answer) => {
      reads++
      return readJson(answer)
    })

    expect(result.attempts).toBe(0)
    expect(result.verdict).toMatchObject({ ok: false, error: expect.stringContaining('not sent') })
    expect(reads).toBe(0)
    expect(clock.sleeps).toEqual([])
  })
})

describe('HttpClient.send: Retry-After is shared by the requests in flight', () => {
  it('a 429 with Retry-After 5 on one request holds back the next attempt of another', async () => {
    const { agent, pool } = mockApi()
    const hits: { path: string; at: number }[] = []
    const clock = manualClock()
    const answer = (path: string, statusCode: number, headers: Record<string, string> = {}) =>
      pool.intercept({ path, method: 'POST' }).reply((opts) => {
        hits.push({ path: opts.path, at: clock.time })
        return { statusCode, data: path === '/a' || statusCode !== 200 ? ok : JSON.stringify({ id: 'b' }), responseOptions: { headers } }
      })
    answer('/a', 429, { 'retry-after': '5' })
    answer('/a', 200)
    answer('/b', 500)
    answer('/b', 200)
    const { http, retried } = client(agent, clock, { random: () => 1 })

    const a = http.send({ url: `${origin}/a`, method: 'POST' }, readJson)
    const b = http.send({ url: `${origin}/b`, method: 'POST' }, readJson)
    // A waits its 5 s; B backs off 1 s after its 500.
    await until(() => clock.pending() === 2, 'both requests waiting')
    expect(clock.sleeps).toEqual(expect.arrayContaining([{ from: t0, ms: 5_000 }, { from: t0, ms: 1_000 }]))
    expect(retried.map((entry) => entry.waitMs).sort()).toEqual([1_000, 5_000])

    // After its 1 s B must not try again: the Retry-After holds it until t0 + 5 s.
    clock.fireNext()
    await until(() => clock.pending() === 2, 'B waiting out the pause')
    expect(clock.sleeps).toHaveLength(3)
    expect(clock.sleeps[2]).toEqual({ from: t0 + 1_000, ms: 4_000 })
    expect(hits.map((hit) => hit.path).sort()).toEqual(['/a', '/b'])

    clock.fireNext()
    expect(await a).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 2 })
    expect(await b).toEqual({ verdict: { ok: true, id: 'b' }, attempts: 2 })
    const retries = hits.slice(2)
    expect(retries.map((hit) => hit.path).sort()).toEqual(['/a', '/b'])
    for (const hit of retries) expect(hit.at).toBe(t0 + 5_000)
    agent.assertNoPendingInterceptors()
  })

  it("a retryable verdict's own wait pauses a request that starts meanwhile", async () => {
    const { agent, pool } = mockApi()
    const clock = manualClock()
    pool.intercept({ path: '/a', method: 'POST' }).reply(400, 'Throttling')
    pool.intercept({ path: '/a', method: 'POST' }).reply(200, ok)
    pool.intercept({ path: '/c', method: 'POST' }).reply(200, ok)
    const { http } = client(agent, clock)

    const a = http.send({ url: `${origin}/a`, method: 'POST' }, (answer) =>
      answer.status === 400 ? { ok: false, error: 'Throttling', retryable: true, retryAfterMs: 3_000 } : readJson(answer),
    )
    await until(() => clock.pending() === 1, 'A waiting')
    const c = http.send({ url: `${origin}/c`, method: 'POST' }, readJson)
    await until(() => clock.pending() === 2, 'C held back before its first attempt')
    expect(clock.sleeps).toEqual([
      { from: t0, ms: 3_000 },
      { from: t0, ms: 3_000 },
    ])
    expect(agent.pendingInterceptors().map((interceptor) => interceptor.path)).toEqual(['/a', '/c'])

    clock.fireNext()
    expect((await a).attempts).toBe(2)
    expect(await c).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 1 })
  })
})

describe('HttpClient.send: paced to the rate an API allowed once it answered 429', () => {
  it('after two 429s with Retry-After 1, spaces requests at the learned rate instead of meeting a third', async () => {
    const { agent, pool } = mockApi()
    // A bucket of 3 requests refilled at 3 a second: 3 go, the 4th is told to wait 1 s, then 3
    // more go and the next is told to wait again. Then the bucket refills one every 1/3 s.
    const statuses = [200, 200, 200, 429, 200, 200, 200, 429, 200, 200, 200, 200]
    for (const statusCode of statuses) {
      pool.intercept({ path: '/purge', method: 'POST' }).reply(statusCode, ok, { headers: statusCode === 429 ? { 'retry-after': '1' } : {} })
    }
    const clock = fakeClock()
    const { http } = client(agent, clock)

    const results = []
    for (let request = 0; request < 10; request++) results.push(await http.send({ url, method: 'POST' }, readJson))

    expect(results.map((result) => result.verdict.ok)).toEqual(Array(10).fill(true))
    // The two Retry-After pauses. Then it paces at 3 a second less 5% (2.85): the 1 s pause
    // refilled 2.85 requests, so 2 go at once, the third when the bucket holds one more, the
    // fourth 1/2.85 s later: no third 429 and no third whole second of waiting.
    expect(clock.sleeps).toEqual([1_000, 1_000, Math.ceil((0.15 / 2.85) * 1_000), Math.ceil(1_000 / 2.85)])
    agent.assertNoPendingInterceptors()
  })
})

describe('HttpClient.send: network errors', () => {
  it('retries a network error, naming the host', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).replyWithError(new Error('socket hang up'))
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok)
    const clock = fakeClock()
    const { http, retried } = client(agent, clock)

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result).toEqual({ verdict: { ok: true, id: 'purge-42' }, attempts: 2 })
    expect(clock.sleeps).toEqual([1_000])
    expect(retried).toEqual([{ attempt: 1, waitMs: 1_000, reason: 'socket hang up (api.example.test)' }])
  })

  it('reports the last network error once the retries run out', async () => {
    const { agent, pool } = mockApi()
    const refused = Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' })
    pool.intercept({ path: '/purge', method: 'POST' }).replyWithError(new Error('socket hang up'))
    pool.intercept({ path: '/purge', method: 'POST' }).replyWithError(refused)
    const clock = fakeClock()
    const { http } = client(agent, clock, { retries: 1 })

    const result = await http.send({ url, method: 'POST' }, readJson)

    expect(result.attempts).toBe(2)
    expect(result.verdict).toMatchObject({ ok: false, error: 'connect failed (ECONNREFUSED) (api.example.test)' })
  })

  it.each([
    { name: 'a DNS failure', error: Object.assign(new Error('getaddrinfo ENOTFOUND api.example.test'), { code: 'ENOTFOUND' }), unreachable: true },
    { name: 'a refused connection (code on the cause)', error: Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), unreachable: true },
    { name: 'a reset after connecting', error: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }), unreachable: false },
  ])('marks $name as unreachable or not, also when the retry would pass the deadline', async ({ error, unreachable }) => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).replyWithError(error).times(2)
    const clock = fakeClock()
    const ranOut = await client(agent, clock, { retries: 0 }).http.send({ url, method: 'POST' }, readJson)
    const gaveUp = await client(agent, clock, { deadline: clock.now() + 500 }).http.send({ url, method: 'POST' }, readJson)

    for (const result of [ranOut, gaveUp]) {
      expect(result.verdict.ok).toBe(false)
      expect(!result.verdict.ok && result.verdict.unreachable === true).toBe(unreachable)
      expect(!result.verdict.ok && result.verdict.error).toContain('(api.example.test)')
    }
    expect(!gaveUp.verdict.ok && gaveUp.verdict.error).toMatch(/gave up: the next try \(in 1 s\) would pass the timeout$/)
  })
})

describe('HttpClient.send: the per-attempt timeout, against a real server', () => {
  let server: Server | undefined
  let dispatcher: Agent | undefined
  const timers: NodeJS.Timeout[] = []
  afterEach(async () => {
    for (const timer of timers.splice(0)) clearInterval(timer)
    server?.closeAllConnections()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    await dispatcher?.close()
    server = undefined
    dispatcher = undefined
  })

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    server = createServer(handler)
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  async function timed(base: string) {
    dispatcher = new Agent()
    const http = new HttpClient({ deadline: Date.now() + 60_000, retries: 0, requestTimeoutMs: 200, dispatcher })
    const started = performance.now()
    const result = await http.send({ url: `${base}/purge`, method: 'POST', body: '{}' }, (answer) =>
      answer.status === 200 ? { ok: true, id: answer.body } : { ok: false, error: `HTTP ${answer.status}` },
    )
    return { result, elapsedMs: performance.now() - started }
  }

  it('answers in time: ok', async () => {
    const base = await serve((_req, res) => res.end('fine'))
    const { result } = await timed(base)
    expect(result).toEqual({ verdict: { ok: true, id: 'fine' }, attempts: 1 })
  })

  it('a server that never answers: "no complete answer" after the 200 ms timeout', async () => {
    const base = await serve(() => {})
    const { result, elapsedMs } = await timed(base)
    expect(result.attempts).toBe(1)
    expect(result.verdict).toMatchObject({ ok: false, error: `no complete answer within 0.2 s from ${new URL(base).host}` })
    expect(elapsedMs).toBeGreaterThanOrEqual(150)
    expect(elapsedMs).toBeLessThan(1_000)
  })

  it('a server that sends headers then trickles the body: the timeout covers the body', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.flushHeaders()
      let sent = 0
      const timer = setInterval(() => {
        res.write('.')
        if (++sent === 20) {
          clearInterval(timer)
          res.end()
        }
      }, 100) // 2 s in all, ten times the timeout
      timers.push(timer)
    })
    const { result, elapsedMs } = await timed(base)
    expect(result.attempts).toBe(1)
    expect(result.verdict).toMatchObject({ ok: false, error: `no complete answer within 0.2 s from ${new URL(base).host}` })
    expect(elapsedMs).toBeLessThan(1_000)
  })
})

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [200, false],
    [304, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
  ])('%i -> %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected)
  })
})

describe('retryAfterMs', () => {
  const answer = (status: number, value: string | string[] | undefined): Answer => ({ status, headers: { 'retry-after': value }, body: '' })
  it.each([
    { status: 429, value: '120', ms: 120_000 },
    { status: 503, value: '1', ms: 1_000 },
    { status: 429, value: ['3', '9'], ms: 3_000 },
    { status: 429, value: new Date(t0 + 90_000).toUTCString(), ms: 90_000 },
    { status: 503, value: new Date(t0 - 1_000).toUTCString(), ms: 0 },
    { status: 429, value: 'later', ms: undefined },
    { status: 429, value: undefined, ms: undefined },
    { status: 500, value: '120', ms: undefined },
    { status: 200, value: '120', ms: undefined },
  ])('HTTP $status, Retry-After $value -> $ms', ({ status, value, ms }) => {
    expect(retryAfterMs(answer(status, value), t0)).toBe(ms)
  })
})

describe('mapConcurrent', () => {
  it.each([
    { count: 10, limit: 3 },
    { count: 5, limit: 1 },
    { count: 3, limit: 10 },
    { count: 7, limit: 7 },
    { count: 0, limit: 4 },
  ])('$count items, limit $limit: never more in flight, results in input order', async ({ count, limit }) => {
    const items = Array.from({ length: count }, (_, index) => `item${index}`)
    let inFlight = 0
    let most = 0
    const calls: number[] = []
    const results = await mapConcurrent(items, limit, async (item, index) => {
      calls.push(index)
      most = Math.max(most, ++inFlight)
      // Uneven durations (at least one turn), so later items may finish first.
      for (let turn = 0; turn <= ((count - index) * 7) % 5; turn++) await new Promise((resolve) => setImmediate(resolve))
      inFlight--
      return `${item}:${index}`
    })
    expect(results).toEqual(items.map((item, index) => `${item}:${index}`))
    expect(calls.sort((a, b) => a - b)).toEqual(items.map((_, index) => index))
    expect(most).toBe(Math.min(limit, count))
  })

  it('rejects with the failure of any item', async () => {
    await expect(
      mapConcurrent([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('item 2 failed')
        return item
      }),
    ).rejects.toThrow('item 2 failed')
  })
})

describe('bodySnippet', () => {
  it.each([
    ['<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1> nginx</body></html>', '502 Bad Gateway'],
    ['<HTML><TITLE lang="en">\n   Service\n\t Unavailable  </TITLE><p>long page</p>', 'Service Unavailable'],
    ['  {"errors":\n   [{"code": 10000}]}\n', '{"errors": [{"code": 10000}]}'],
    ['', '(empty body)'],
    [' \n\t  ', '(empty body)'],
    ['x'.repeat(300), 'x'.repeat(300)],
    ['x'.repeat(301), `${'x'.repeat(300)}...`],
    [`<title>${'long title '.repeat(50)}</title>`, `${'long title '.repeat(50).trim().slice(0, 300)}...`],
  ])('%j -> %j', (body, expected) => {
    expect(bodySnippet(body)).toBe(expected)
  })

  it.each([
    ['<title <x>a</title>', 'a'],
    ['<title<title>b</title>', 'b'],
    ['<title>no</titl><title>yes</title>', 'yes'],
    ['<title>x', '<title>x'],
    ['<TiTlE>Mixed</tItLe>', 'Mixed'],
    ['İ<title>after a letter that lowercases to two</title>', 'after a letter that lowercases to two'],
  ])('finds the title %j as the regex /<title[^>]*>([^<]*)</title>/i would', (body, expected) => {
    expect(bodySnippet(body)).toBe(expected)
  })

  it('makes control characters visible, so an answer cannot start a log line of its own', () => {
    expect(bodySnippet('a\u2028::error::x\u2029b\x1b[31m')).toBe('a ::error::x b\\x1b[31m')
  })

  // The regex took 40 s on this (it retried [^>]* from every "<title").
  it('reads 600 KB of "<title" in linear time', () => {
    const started = performance.now()
    expect(bodySnippet('<title'.repeat(100_000))).toMatch(/^<title<title/)
    expect(performance.now() - started).toBeLessThan(500)
  })

  // Bug in src/http/client.ts: an empty <title> is not `undefined`, so the page's text is dropped.
  it('an HTML page with an empty <title> is not "(empty body)"', () => {
    expect(bodySnippet('<html><head><title></title></head><body>Bad gateway</body></html>')).not.toBe('(empty body)')
  })
})

describe('HttpClient.send: pacing to a documented rate limit', () => {
  it('holds requests of a paced kind to the bucket, and leaves other requests alone', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok).times(5)
    const clock = fakeClock()
    const { http } = client(agent, clock, { pacing: { urls: { burst: 3, perSecond: 2 } } })

    for (let index = 0; index < 4; index++) await http.send({ url, method: 'POST', pace: 'urls' }, readJson)
    await http.send({ url, method: 'POST', pace: 'tags' }, readJson)

    // Two go at once (3 less the reserve), then one every 500 ms; the tag request does not wait.
    expect(clock.sleeps).toEqual([500, 500])
  })

  it('takes a token for a retry too, as the API counts every request', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(502, 'busy')
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok)
    const clock = fakeClock()
    const { http } = client(agent, clock, { pacing: { urls: { burst: 1, perSecond: 1 } } })

    const result = await http.send({ url, method: 'POST', pace: 'urls' }, readJson)

    expect(result.attempts).toBe(2)
    // The 1 s backoff (random: 1) already refilled the bucket, so the retry needs no extra wait.
    expect(clock.sleeps).toEqual([1_000])
  })

  it('sends nothing when its turn would come after the deadline, and says so at once', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok)
    const clock = fakeClock()
    const { http } = client(agent, clock, { deadline: clock.now() + 1_500, pacing: { urls: { burst: 1, perSecond: 0.5 } } })

    const first = await http.send({ url, method: 'POST', pace: 'urls' }, readJson)
    const second = await http.send({ url, method: 'POST', pace: 'urls' }, readJson)

    expect(first.verdict.ok).toBe(true)
    expect(second).toEqual({ verdict: { ok: false, error: "not sent: paced to the API's rate limit, its turn would come after the timeout" }, attempts: 0 })
    expect(clock.sleeps).toEqual([])
  })

  it('paceScale runs the bucket faster', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok).times(2)
    const clock = fakeClock()
    const { http } = client(agent, clock, { pacing: { urls: { burst: 1, perSecond: 1 } }, paceScale: 100 })

    await http.send({ url, method: 'POST', pace: 'urls' }, readJson)
    await http.send({ url, method: 'POST', pace: 'urls' }, readJson)

    expect(clock.sleeps).toEqual([10])
  })
})

describe('HttpClient.send: kinds paced by one shared rate', () => {
  it('draws two kinds that name the same rate object from one bucket', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok).times(3)
    const clock = fakeClock()
    const prefixBucket = { burst: 2, perSecond: 1 }
    const { http } = client(agent, clock, { pacing: { prefixes: prefixBucket, 'index-pages': prefixBucket, urls: { burst: 2, perSecond: 1 } } })

    await http.send({ url, method: 'POST', pace: 'prefixes' }, readJson)
    await http.send({ url, method: 'POST', pace: 'index-pages' }, readJson)
    await http.send({ url, method: 'POST', pace: 'urls' }, readJson)

    // One token (2 less the reserve): the second kind waits for the first's refill; urls do not.
    expect(clock.sleeps).toEqual([1_000])
  })
})

describe('HttpClient.send: pacing to sliding windows (DigitalOcean: files and requests)', () => {
  // Kept 5% longer than documented: 20 s is 21 s, 10 s is 10.5 s.
  const files = { limit: 50, windowSeconds: 20, counts: 'items' as const }
  const calls = { limit: 5, windowSeconds: 10 }

  it('counts a request\'s items in an items window and the request itself in the other, shared by name', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok).times(4)
    const clock = fakeClock()
    const { http } = client(agent, clock, { pacing: { files: [calls, files], lookup: [calls] } })

    await http.send({ url, method: 'POST', pace: 'lookup' }, readJson)
    await http.send({ url, method: 'POST', pace: 'files', paceItems: 30 }, readJson)
    await http.send({ url, method: 'POST', pace: 'files', paceItems: 20 }, readJson)
    // 50 files went out at t0: the next file waits for the first 30 to leave the window.
    await http.send({ url, method: 'POST', pace: 'files', paceItems: 1 }, readJson)

    expect(clock.sleeps).toEqual([21_000])
  })

  it('holds the sixth request in 10 s, whatever its items', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok).times(6)
    const clock = fakeClock()
    const { http } = client(agent, clock, { pacing: { files: [calls, files], lookup: [calls] } })

    for (let index = 0; index < 3; index++) await http.send({ url, method: 'POST', pace: 'lookup' }, readJson)
    for (let index = 0; index < 3; index++) await http.send({ url, method: 'POST', pace: 'files', paceItems: 1 }, readJson)

    expect(clock.sleeps).toEqual([10_500])
  })

  it('sends nothing when the windows leave no slot before the deadline', async () => {
    const { agent, pool } = mockApi()
    pool.intercept({ path: '/purge', method: 'POST' }).reply(200, ok)
    const clock = fakeClock()
    const { http } = client(agent, clock, { deadline: clock.now() + 20_000, pacing: { files: [calls, files] } })

    await http.send({ url, method: 'POST', pace: 'files', paceItems: 50 }, readJson)
    const second = await http.send({ url, method: 'POST', pace: 'files', paceItems: 50 }, readJson)

    expect(second).toEqual({ verdict: { ok: false, error: "not sent: paced to the API's rate limit, its turn would come after the timeout" }, attempts: 0 })
    expect(clock.sleeps).toEqual([])
  })
})

describe('answer bodies', () => {
  it('keeps the text (at most 1 MiB), drains it without keeping it, or skips it after the headers', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 97)
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-length': big.length, 'x-cache': 'HIT' })
      response.end(big)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const bigUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big`
      const client = new HttpClient({ deadline: Date.now() + 10_000, retries: 0 })
      const bodies: [number, boolean][] = []
      for (const answerBody of ['text', 'drain', 'skip', undefined] as const) {
        const { verdict } = await client.send({ url: bigUrl, method: 'GET', ...(answerBody ? { answerBody } : {}) }, (answer) => {
          expect(answer.headers['x-cache']).toBe('HIT')
          bodies.push([answer.body.length, answer.truncated === true])
          return { ok: true }
        })
        expect(verdict.ok).toBe(true)
      }
      expect(bodies).toEqual([
        [maxAnswerBytes, true],
        [0, false],
        [0, false],
        [maxAnswerBytes, true],
      ])
    } finally {
      server.close()
    }
  })

  it('stops reading an answer that never ends at 1 MiB, long before the request timeout', async () => {
    const chunk = Buffer.alloc(64 * 1024, 120)
    const server = createServer((_request, response) => {
      response.writeHead(200)
      const write = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', write)
      }
      write()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const endlessUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/endless`
      const client = new HttpClient({ deadline: Date.now() + 20_000, retries: 0, requestTimeoutMs: 15_000 })
      const started = performance.now()
      let length = 0
      const { verdict } = await client.send({ url: endlessUrl, method: 'GET' }, (answer) => {
        length = answer.body.length
        return { ok: true }
      })
      expect(verdict.ok).toBe(true)
      expect(length).toBe(maxAnswerBytes)
      expect(performance.now() - started).toBeLessThan(5_000)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
