import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_CREDENTIALS,
  MESSAGES,
  NAMESPACE,
  startCloudFrontEmulator,
  type CloudFrontEmulator,
  type RecordedRequest,
} from '../emulators/cloudfront.js'
import { result, runAction, type RunOptions } from './run-action.js'

const [first = '', second = ''] = ['E2QWRUHAPOMQZL', 'E1ABCDEF234567']
const { accessKeyId, secretAccessKey, sessionToken = '' } = DEFAULT_CREDENTIALS
const awsEnv = { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken }
const secrets = [secretAccessKey, sessionToken]

let cf: CloudFrontEmulator
beforeEach(async () => {
  cf = await startCloudFrontEmulator({ distributions: [first, second] })
})
afterEach(async () => {
  await cf.close()
})

const inputs = (more: Record<string, string>) => ({ provider: 'cloudfront', distribution: first, 'api-url': cf.url, ...more })
const run = (more: Record<string, string>, options: RunOptions = {}) =>
  runAction(inputs(more), { ...options, env: { ...awsEnv, ...options.env }, secrets: [...secrets, ...(options.secrets ?? [])] })
/** The polls of `wait` run 10x faster (CDN_PURGE_TIME_SCALE): they must happen, not take seconds. */
const fastWaits = { CDN_PURGE_TIME_SCALE: '10' }
const creates = () => cf.requests.filter((request) => request.method === 'POST')
const polls = () => cf.requests.filter((request) => request.method === 'GET')

/** The paths and CallerReference of a CreateInvalidation body. */
function batchOf(request: RecordedRequest | undefined): { paths: string[]; reference: string } {
  const body = request?.rawBody ?? ''
  return {
    paths: [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((match) => match[1] ?? ''),
    reference: /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? '',
  }
}

describe('CloudFront end to end', () => {
  it('invalidates paths, URLs (reduced to path and query) and #tags, one signed invalidation per distribution', async () => {
    const action = await run({
      distribution: `${first}\n${second}`,
      paths: '/index.html\nhttps://www.example.com/img/a.png?v=2\n/assets/*\n/café & co.html',
      keys: 'product:42',
    })
    expect(action.exitCode).toBe(0)
    const expected = ['/index.html', '/img/a.png?v=2', '/assets/*', '/caf%C3%A9%20&amp;%20co.html', '#product:42']
    expect(creates().map((request) => [request.path, batchOf(request).paths])).toEqual([
      [`/2020-05-31/distribution/${first}/invalidation`, expected],
      [`/2020-05-31/distribution/${second}/invalidation`, expected],
    ])
    const body = creates()[0]?.rawBody ?? ''
    expect(body).toMatch(
      new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?><InvalidationBatch xmlns="${NAMESPACE.replace(/[./]/g, '\\$&')}"><Paths><Quantity>5</Quantity><Items><Path>/index.html</Path>`),
    )
    expect(batchOf(creates()[0]).reference).toMatch(/^cdn-purge-42-1-0-[0-9a-f]{16}$/)
    for (const request of creates()) {
      expect(request.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/us-east-1/cloudfront/aws4_request, SignedHeaders=`))
      expect(request.headers['x-amz-security-token']).toBe(sessionToken)
    }
    expect(cf.invalidations.map((each) => [each.distributionId, each.paths.length])).toEqual([
      [first, 5],
      [second, 5],
    ])
    expect(action.outputs).toMatchObject({ purged: '10', failed: '0', requests: '2' })
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual(cf.invalidations.map((each) => each.id))
    expect(result(action).batches.map((batch) => [batch.target, batch.kind, batch.status, batch.attempts])).toEqual([
      [first, 'paths', 'purged', 1],
      [second, 'paths', 'purged', 1],
    ])
    expect(action.summary).toContain('## CDN purge: CloudFront')
    expect(action.summary).toContain('<td>InProgress</td>')
    expect(action.stdout).toContain(`::add-mask::${secretAccessKey}`)
    expect(action.stdout).toContain(`::add-mask::${sessionToken}`)
  })

  it('cuts a distribution\'s items into batches of batch-size, each with its own CallerReference index', async () => {
    const paths = Array.from({ length: 5 }, (_, index) => `/p/${index}.html`)
    const action = await run({ paths: paths.join('\n'), 'batch-size': '2' })
    expect(action.exitCode).toBe(0)
    expect(creates().map((request) => batchOf(request).paths)).toEqual([paths.slice(0, 2), paths.slice(2, 4), paths.slice(4)])
    expect(creates().map((request) => batchOf(request).reference.split('-').slice(0, 5).join('-'))).toEqual([
      'cdn-purge-42-1-0',
      'cdn-purge-42-1-1',
      'cdn-purge-42-1-2',
    ])
    expect(action.outputs).toMatchObject({ purged: '5', requests: '3' })
  })

  it('a re-run (GITHUB_RUN_ATTEMPT 2) is a new invalidation, not the first one again', async () => {
    await run({ paths: '/a.css' })
    const again = await run({ paths: '/a.css' }, { env: { GITHUB_RUN_ATTEMPT: '2' } })
    expect(again.exitCode).toBe(0)
    expect(creates().map((request) => batchOf(request).reference.split('-').slice(2, 4).join('-'))).toEqual(['42-1', '42-2'])
    expect(cf.invalidations).toHaveLength(2)
  })

  it('puts 3,000 paths in one invalidation; the 3,001st waits its turn and fails at the timeout, saying why', async () => {
    const paths = Array.from({ length: 3_001 }, (_, index) => `/p/${index}`)
    const action = await run({ 'paths-file': 'paths.txt', retries: '1' }, { files: { 'paths.txt': paths.join('\n') } })
    expect(action.exitCode).toBe(1)
    expect(cf.invalidations.map((each) => each.paths.length)).toEqual([3_000])
    expect(action.outputs).toMatchObject({ purged: '3000', failed: '1', requests: '2' })
    expect(action.errors[0]).toBe(
      `1 of 3001 items were not purged (3000 purged): 1 paths on ${first}: HTTP 400, CloudFront error TooManyInvalidationsInProgress: ${MESSAGES.tooMany}`,
    )
  })

  it('scope: all invalidates /* once per distribution', async () => {
    const action = await run({ distribution: `${first},${second}`, scope: 'all' })
    expect(action.exitCode).toBe(0)
    expect(creates().map((request) => batchOf(request).paths)).toEqual([['/*'], ['/*']])
    expect(action.outputs).toMatchObject({ purged: '2', requests: '2' })
  })

  it('wait: true polls each invalidation, signed, until Completed', async () => {
    const action = await run({ paths: '/a.css', wait: 'true' }, { env: fastWaits })
    expect(action.exitCode).toBe(0)
    const id = cf.invalidations[0]?.id ?? ''
    expect(polls().map((request) => request.path)).toEqual([
      `/2020-05-31/distribution/${first}/invalidation/${id}`,
      `/2020-05-31/distribution/${first}/invalidation/${id}`,
    ])
    expect(polls().every((request) => request.headers.authorization?.startsWith('AWS4-HMAC-SHA256 '))).toBe(true)
    expect(cf.invalidations[0]?.status).toBe('Completed')
    expect(action.summary).toMatch(/<td>Completed after \d+(\.\d)? s<\/td>/)
    expect(action.stdout).toMatch(new RegExp(`purged 1 paths \\(id ${id}, 1 attempt\\) Completed after`))
  })

  it('wait: true fails at the timeout when the invalidation is still in progress, and says so', async () => {
    await cf.close()
    cf = await startCloudFrontEmulator({ distributions: [first], pollsUntilCompleted: 1_000 })
    const action = await run({ paths: '/a.css', wait: 'true', timeout: '3' })
    expect(action.exitCode).toBe(1)
    expect(action.actionMs).toBeLessThan(3_000 + 2_000)
    const id = cf.invalidations[0]?.id ?? ''
    expect(action.errors[0]).toBe(
      `1 of 1 items were not purged (0 purged): 1 paths on ${first}: invalidation ${id} was still InProgress when the timeout ran out (it goes on; raise timeout to wait for it)`,
    )
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual([id])
  })

  it('dry-run needs no AWS credentials and prints the exact request', async () => {
    const action = await runAction(inputs({ paths: '/a.css\n/b/*', 'dry-run': 'true' }), { env: { GITHUB_RUN_ATTEMPT: '3' } })
    expect(action.exitCode).toBe(0)
    expect(cf.requests).toHaveLength(0)
    expect(action.stdout).toMatch(
      new RegExp(
        `^POST ${cf.url}/2020-05-31/distribution/${first}/invalidation <\\?xml .*<Quantity>2</Quantity><Items><Path>/a.css</Path><Path>/b/\\*</Path></Items></Paths><CallerReference>cdn-purge-42-3-0-[0-9a-f]{16}</CallerReference></InvalidationBatch>$`,
        'm',
      ),
    )
    expect(action.outputs).toMatchObject({ purged: '0', requests: '0' })
  })
})

describe('CloudFront input errors: all reported at once, nothing sent', () => {
  it('a wildcard in the middle, a relative path, a bad tag, a distribution domain, a token, and no AWS credentials', async () => {
    const action = await runAction(
      inputs({ distribution: 'd111111abcdef8.cloudfront.net', paths: '/img/*.png\nindex.html', keys: 'has space', token: 'some-token-value' }),
      { env: { AWS_ACCESS_KEY_ID: accessKeyId } },
    )
    expect(action.exitCode).toBe(1)
    expect(cf.requests).toHaveLength(0)
    expect(action.errors).toHaveLength(1)
    expect(action.errors[0]?.split('\n').sort()).toEqual([
      'AWS credentials: AWS_SECRET_ACCESS_KEY is not set; CloudFront takes no token and reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (for temporary credentials) AWS_SESSION_TOKEN from the environment: run aws-actions/configure-aws-credentials (with OIDC) before this step',
      'input distribution: expected a CloudFront distribution ID such as E2QWRUHAPOMQZL (not its domain name or ARN), got "d111111abcdef8.cloudfront.net"',
      'input keys: CloudFront cache tags are 1 to 256 visible ASCII characters, no comma, space or *, got "has space"',
      'input paths: a * is allowed only as the last character (/images/* or /images*), got "/img/*.png"',
      'input paths: expected a path from the root such as /index.html or /img/* (CloudFront paths begin with /), got "index.html"',
      'input token: does not apply to provider cloudfront; it uses AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as aws-actions/configure-aws-credentials sets them',
    ])
  })

  it('names both AWS variables when neither is set', async () => {
    const action = await runAction(inputs({ paths: '/a.css' }))
    expect(action.exitCode).toBe(1)
    expect(action.errors[0]).toMatch(/^AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set; .*aws-actions\/configure-aws-credentials/)
    expect(cf.requests).toHaveLength(0)
  })

  it('16 wildcard paths for one distribution (CloudFront allows 15 in progress)', async () => {
    const wildcards = Array.from({ length: 16 }, (_, index) => `/w${index}/*`)
    const action = await run({ paths: wildcards.join('\n') })
    expect(action.exitCode).toBe(1)
    expect(action.errors).toEqual([
      'input paths: 16 wildcard paths, but CloudFront allows at most 15 in progress per distribution; use fewer, broader ones (such as /assets/*), or scope: all',
    ])
    expect(cf.requests).toHaveLength(0)
  })

  it('15 wildcard paths are fine', async () => {
    const wildcards = Array.from({ length: 15 }, (_, index) => `/w${index}/*`)
    const action = await run({ paths: wildcards.join('\n') })
    expect(action.exitCode).toBe(0)
    expect(batchOf(creates()[0]).paths).toEqual(wildcards)
  })

  it('a batch-size above 3,000', async () => {
    const action = await run({ paths: '/a.css', 'batch-size': '3001' })
    expect(action.exitCode).toBe(1)
    expect(action.errors).toEqual(['input batch-size: at most 3000 for paths on CloudFront, got 3001'])
  })
})

describe('CloudFront faults', () => {
  it.each([
    ['Throttling (HTTP 400)', { error: 'Throttling' }],
    ['TooManyInvalidationsInProgress (HTTP 400)', { error: 'TooManyInvalidationsInProgress' }],
    ['a 429 without Retry-After', { status: 429 }],
    ['a 503 ServiceUnavailable', { status: 503 }],
    ['a connection reset', { reset: true as const }],
  ])('retries %s and invalidates once', async (_name, fault) => {
    cf.faults.push(fault)
    const action = await run({ paths: '/a.css' })
    expect(action.exitCode).toBe(0)
    expect(creates()).toHaveLength(2)
    expect(cf.invalidations).toHaveLength(1)
    expect(result(action).batches[0]).toMatchObject({ status: 'purged', attempts: 2 })
    expect(action.outputs).toMatchObject({ purged: '1', requests: '1' })
  })

  it('honours Retry-After on a 429, and signs the retry afresh', async () => {
    cf.faults.push({ status: 429, headers: { 'Retry-After': '1' } })
    const action = await run({ paths: '/a.css' })
    expect(action.exitCode).toBe(0)
    const [before, after] = creates()
    expect((after?.at ?? 0) - (before?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(after?.headers['x-amz-date']).not.toBe(before?.headers['x-amz-date'])
    expect(action.stdout).toMatch(/retrying \/2020-05-31\/distribution\/E2QWRUHAPOMQZL\/invalidation in 1 s \(attempt 1 failed: HTTP 429, CloudFront error Throttling: Rate exceeded\)/)
  })

  it('a request reset after CloudFront made the invalidation is retried with the same CallerReference: still one invalidation', async () => {
    cf.faults.push({ resetAfterCreate: true })
    const action = await run({ paths: '/a.css\n/b.css' })
    expect(action.exitCode).toBe(0)
    expect(creates()).toHaveLength(2)
    expect(batchOf(creates()[1]).reference).toBe(batchOf(creates()[0]).reference)
    expect(cf.invalidations).toHaveLength(1)
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual([cf.invalidations[0]?.id])
    expect(action.outputs).toMatchObject({ purged: '2', failed: '0', requests: '1' })
  })

  it.each([
    ['AccessDenied (403)', { error: 'AccessDenied', status: 403, message: 'not authorized to perform: cloudfront:CreateInvalidation' }, 'HTTP 403, CloudFront error AccessDenied: not authorized to perform: cloudfront:CreateInvalidation'],
    ['InvalidArgument (400)', { error: 'InvalidArgument' }, `HTTP 400, CloudFront error InvalidArgument: ${MESSAGES.invalidPaths}`],
    ['a 200 HTML page', { nonJson: true as const }, 'HTTP 200, not a CloudFront invalidation: Just a moment...'],
  ])('does not retry %s, and says what CloudFront said', async (_name, fault, message) => {
    cf.faults.push(fault)
    const action = await run({ paths: '/a.css' })
    expect(action.exitCode).toBe(1)
    expect(creates()).toHaveLength(1)
    expect(action.errors[0]).toBe(`1 of 1 items were not purged (0 purged): 1 paths on ${first}: ${message}`)
  })

  it('a wrong secret key: the emulator recomputes the signature and refuses it, and nothing leaks', async () => {
    const wrong = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEYXX'
    const action = await run({ paths: '/a.css' }, { env: { AWS_SECRET_ACCESS_KEY: wrong }, secrets: [wrong] })
    expect(action.exitCode).toBe(1)
    expect(creates()).toHaveLength(1)
    expect(cf.invalidations).toHaveLength(0)
    expect(action.errors[0]).toContain(`HTTP 403, CloudFront error SignatureDoesNotMatch: ${MESSAGES.signature}`)
  })

  it('a missing session token is refused as InvalidClientTokenId', async () => {
    const action = await run({ paths: '/a.css' }, { env: { AWS_SESSION_TOKEN: '' } })
    expect(action.exitCode).toBe(1)
    expect(action.errors[0]).toContain(`HTTP 403, CloudFront error InvalidClientTokenId: ${MESSAGES.invalidToken}`)
  })

  it('a failed poll (no cloudfront:GetInvalidation) fails the wait, keeping the id', async () => {
    cf.pollFaults.push({ error: 'AccessDenied', status: 403, message: 'not authorized to perform: cloudfront:GetInvalidation' })
    const action = await run({ paths: '/a.css', wait: 'true' }, { env: fastWaits })
    expect(action.exitCode).toBe(1)
    const id = cf.invalidations[0]?.id ?? ''
    expect(action.errors[0]).toContain(`waiting for invalidation ${id}: HTTP 403, CloudFront error AccessDenied: not authorized to perform: cloudfront:GetInvalidation`)
    expect(JSON.parse(action.outputs.ids ?? '')).toEqual([id])
  })
})
