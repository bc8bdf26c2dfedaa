import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import {
  bodyMatches,
  checkDelayMs,
  describeAnswer,
  originBodyLimitBytes,
  originFailure,
  originUserAgent,
  quoteAnswer,
  readOriginCheck,
  waitForOrigin,
  type OriginCheck,
} from '../../src/deploy/origin-check.js'
import { startOriginEmulator, type OriginEmulator } from '../emulators/origin.js'

const deployed = '0123456789abcdef0123456789abcdef01234567'
let origin: OriginEmulator | undefined
afterEach(async () => {
  await origin?.close()
  origin = undefined
})

describe('readOriginCheck', () => {
  it.each([
    ['https://origin.example.com/version.txt', '', { expected: ['0123456'], ignoreCase: true }],
    ['http://127.0.0.1:8080/v', 'build 42', { expected: ['build 42'], ignoreCase: false, expectedLabel: '"build 42"' }],
  ])('%s expecting %j', (url, expect_, want) => {
    const { check, errors } = readOriginCheck(url, expect_, deployed)
    expect(errors).toEqual([])
    expect(check).toMatchObject({ url, ...want })
  })

  it.each([
    ['origin.example.com/version.txt', '', deployed, /^input origin-check: expected an http\(s\) URL/],
    ['ftp://origin.example.com/v', '', deployed, /^input origin-check: expected an http\(s\) URL/],
    ['https://user:secret@origin.example.com/v', '', deployed, /^input origin-check: the URL must not carry credentials/],
    ['https://origin.example.com/v', '', '', /^input origin-expect: required when GITHUB_SHA/],
  ])('%s is an input error', (url, expect_, sha, error) => {
    const { check, errors } = readOriginCheck(url, expect_, sha)
    expect(check).toBeUndefined()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(error)
    expect(errors[0]).not.toContain('secret')
  })
})

describe('matching and quoting', () => {
  const sha = readOriginCheck('https://o.example/v', '', deployed).check as OriginCheck
  it.each([
    [`{"commit":"${deployed}"}`, true],
    ['build 0123456 at 12:00', true],
    ['BUILD 0123456789ABCDEF', true],
    ['build 012345', false],
    ['', false],
  ])('the default SHA in %j: %s', (body, matches) => {
    expect(bodyMatches(body, sha)).toBe(matches)
  })

  it('origin-expect is matched as written', () => {
    const check = readOriginCheck('https://o.example/v', 'Release-7', deployed).check as OriginCheck
    expect(bodyMatches('<meta name="version" content="Release-7">', check)).toBe(true)
    expect(bodyMatches('release-7', check)).toBe(false)
  })

  it.each([
    ['build 1111111\n', '"build 1111111\\n"'],
    ['line\r\n::error::injected', '"line\\r\\n::error::injected"'],
    ['a\u2028b\u2029c\u0085d\u202ee\u007f', '"a\\u2028b\\u2029c\\u0085d\\u202ee\\u007f"'],
    ['x'.repeat(200), `"${'x'.repeat(200)}"`],
    ['x'.repeat(201), `"${'x'.repeat(200)}"...`],
    ['😀'.repeat(250), `"${'😀'.repeat(200)}"...`],
  ])('quotes %j as %s', (text, quoted) => {
    expect(quoteAnswer(text)).toBe(quoted)
  })

  it('describes a redirect without following it, and an empty body', () => {
    expect(describeAnswer({ status: 302, headers: { location: 'https://login.example/\n' }, body: '' })).toBe(
      'HTTP 302, a redirect to "https://login.example/\\n" (not followed: give the final URL)',
    )
    expect(describeAnswer({ status: 503, headers: {}, body: '' })).toBe('HTTP 503 with an empty body')
  })

  it('waits 1, 2, 4, 8 s, then every 15 s', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(checkDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000])
  })
})

describe('waitForOrigin against a loopback origin', () => {
  const client = (timeoutMs: number) => new HttpClient({ deadline: Date.now() + timeoutMs, retries: 0 })

  it('checks until the new build is served, with no-cache and no credentials, and logs each check', async () => {
    origin = await startOriginEmulator({ before: 'build 1111111\n', after: `build ${deployed}\n`, switchAfterMs: 150, beforeStatus: 503 })
    const check = readOriginCheck(origin.url, '', deployed).check as OriginCheck
    const lines: string[] = []
    const result = await waitForOrigin(check, { http: client(10_000), log: (line) => lines.push(line), timeScale: 20 })
    expect(result).toMatchObject({ matched: true, url: origin.url })
    expect(result.checks).toBe(origin.served.length)
    expect(origin.served.at(-1)?.build).toBe('after')
    expect(origin.served.slice(0, -1).every((answer) => answer.build === 'before')).toBe(true)
    expect(result.matchedAt).toBeGreaterThanOrEqual(origin.served.at(-1)?.at ?? Infinity)
    for (const request of origin.requests) {
      expect(request.headers).toMatchObject({ 'cache-control': 'no-cache', 'user-agent': originUserAgent })
      expect(request.headers.authorization).toBeUndefined()
      expect(request.headers.cookie).toBeUndefined()
    }
    expect(lines).toHaveLength(result.checks)
    expect(lines[0]).toMatch(/^origin-check 1: HTTP 503: "build 1111111\\n"; not yet 0123456 \(the deployed commit, in full or its first 7 characters\), checking again in 0\.1 s$/)
    expect(lines.at(-1)).toMatch(new RegExp(`^origin-check ${result.checks}: .* answered HTTP 200 with 0123456 .*: the origin serves the new build \\(after \\d+(\\.\\d)? s\\)$`))
  })

  it('gives up at the deadline, quoting the last answer escaped', async () => {
    origin = await startOriginEmulator({ before: 'build 1111111\r\n::error::pwned' })
    const check = readOriginCheck(origin.url, '', deployed).check as OriginCheck
    const lines: string[] = []
    const started = Date.now()
    const result = await waitForOrigin(check, { http: client(1_500), log: (line) => lines.push(line), timeScale: 10 })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(result.matched).toBe(false)
    expect(result.checks).toBeGreaterThanOrEqual(3)
    expect(result.lastAnswer).toBe('HTTP 200: "build 1111111\\r\\n::error::pwned"')
    expect(lines.at(-1)).toMatch(/; no time left for another check$/)
    const message = originFailure(result)
    expect(message).toMatch(/^origin-check: http:\/\/127\.0\.0\.1:\d+\/version\.txt did not serve 0123456 .* within the timeout \(\d+ checks in .* s\); its last answer: HTTP 200: "build 1111111\\r\\n::error::pwned"\. Nothing was purged/)
    expect(message).not.toMatch(/[\r\n]/)
  })

  it('reads at most 1 MiB of an answer, so an endless body cannot stall the check', async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      const chunk = Buffer.alloc(64 * 1024, 'a')
      const pump = () => {
        while (response.write(chunk));
      }
      response.on('drain', pump)
      pump()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v`
    try {
      // The body never ends: only its first 1 MiB is read, and that is searched.
      const check: OriginCheck = { url, expected: ['aaaa'], expectedLabel: '"aaaa"', ignoreCase: false }
      const started = Date.now()
      const result = await waitForOrigin(check, { http: client(10_000), log: () => undefined })
      expect(result).toMatchObject({ matched: true, checks: 1 })
      expect(Date.now() - started).toBeLessThan(3_000)
      expect(result.lastAnswer).toBe(`HTTP 200: "${'a'.repeat(200)}"...`)
      expect(originBodyLimitBytes).toBe(1024 * 1024)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('a refused connection is a check that did not match, not a crash', async () => {
    const check: OriginCheck = { url: 'http://127.0.0.1:9/v', expected: ['x'], expectedLabel: '"x"', ignoreCase: false }
    const result = await waitForOrigin(check, { http: client(500), log: () => undefined, timeScale: 10 })
    expect(result.matched).toBe(false)
    expect(result.lastAnswer).toMatch(/^no answer: .*ECONNREFUSED/)
  })
})
