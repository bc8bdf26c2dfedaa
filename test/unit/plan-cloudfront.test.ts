import { describe, expect, it } from 'vitest'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import { callerReference } from '../../src/providers/cloudfront/provider.js'
import { cloudfront } from '../support/providers.js'

const base: RawInputs = { provider: 'cloudfront', distribution: 'E2QWRUHAPOMQZL', scope: 'listed', timeout: '300', retries: '5' }
const env = { GITHUB_RUN_ID: '1234', GITHUB_RUN_ATTEMPT: '2', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-0123' }

function plan(raw: RawInputs) {
  const { settings, errors } = parseInputs({ ...base, ...raw }, { workspace: '/ws', env })
  if (!settings) throw new Error(errors.join('\n'))
  return { settings, ...planBatches(settings, cloudfront, cloudfront.targets(settings)) }
}

describe('CloudFront paths', () => {
  it.each([
    ['/index.html', '/index.html'],
    ['/img/*', '/img/*'],
    ['/img*', '/img*'],
    ['/*', '/*'],
    ['/search?q=a&page=2', '/search?q=a&page=2'],
    ['https://www.example.com/a/b.css?v=3#top', '/a/b.css?v=3'],
    ['https://www.example.com', '/'],
    ['https://www.example.com/blog/*', '/blog/*'],
    ['/café.html', '/caf%C3%A9.html'],
    ['/a b.html', '/a%20b.html'],
    ['/already%20encoded.html', '/already%20encoded.html'],
    ['/runtime~main.js', '/runtime%7Emain.js'],
    ['/a{b}|c^d.html', '/a%7Bb%7D%7Cc%5Ed.html'],
  ])('%s is invalidated as %s', (path, expected) => {
    const { batches, errors } = plan({ paths: JSON.stringify([path]) })
    expect(errors).toEqual([])
    expect(batches.map((batch) => batch.items)).toEqual([[expected]])
  })

  it.each([
    ['index.html', 'expected a path from the root such as /index.html or /img/* (CloudFront paths begin with /), got "index.html"'],
    ['/a*/b', 'a * is allowed only as the last character (/images/* or /images*), got "/a*/b"'],
    ['/a/**', 'a * is allowed only as the last character (/images/* or /images*), got "/a/**"'],
    ['ftp://example.com/a', 'expected a path from the root such as /index.html or /img/*, or an http(s) URL, got "ftp://example.com/a"'],
    [`/${'a'.repeat(4_000)}`, `a path has at most 4000 characters, got 4001: "/${'a'.repeat(199)}..."`],
  ])('%s is an input error', (path, error) => {
    expect(plan({ paths: JSON.stringify([path]) }).errors).toEqual([`input paths: ${error}`])
  })

  it('turns keys into #tag items beside the paths, deduplicated, and checks the tag rules', () => {
    expect(plan({ paths: '/a.css\nhttps://x.example/a.css', keys: 'product:42, Release' }).batches.map((batch) => batch.items)).toEqual([
      ['/a.css', '#product:42', '#Release'],
    ])
    expect(plan({ keys: JSON.stringify(['a,b', 'x*', 't'.repeat(257)]) }).errors).toHaveLength(3)
    expect(plan({ keys: 't'.repeat(256) }).errors).toEqual([])
  })

  it('counts wildcards per distribution: 15 pass, 16 fail; tags and plain paths do not count', () => {
    const wildcards = (count: number) => Array.from({ length: count }, (_, index) => `/w${index}/*`).join('\n')
    expect(plan({ paths: `${wildcards(15)}\n/plain.css`, keys: 'tag' }).errors).toEqual([])
    expect(plan({ paths: wildcards(16) }).errors).toHaveLength(1)
  })

  it('scope: all is one /* purge per distribution', () => {
    const { batches, settings } = plan({ distribution: 'E1, E2', scope: 'all' })
    expect(batches.map((batch) => [batch.target.id, batch.kind, batch.items])).toEqual([
      ['E1', 'everything', []],
      ['E2', 'everything', []],
    ])
    expect(cloudfront.request(batches[0]!, settings).body).toContain('<Quantity>1</Quantity><Items><Path>/*</Path></Items>')
  })
})

describe('CloudFront CallerReference', () => {
  it('is run id, run attempt, batch index and a hash of the distribution and paths: stable for a batch, distinct between batches', () => {
    const { batches, settings } = plan({ distribution: 'E1, E2', paths: '/a\n/b\n/c', 'batch-size': '2' })
    const references = batches.map((batch) => callerReference(batch, settings))
    expect(references.map((reference) => reference.replace(/-[0-9a-f]{16}$/, ''))).toEqual([
      'cdn-purge-1234-2-0',
      'cdn-purge-1234-2-1',
      'cdn-purge-1234-2-0',
      'cdn-purge-1234-2-1',
    ])
    expect(new Set(references).size).toBe(4)
    expect(batches.map((batch) => callerReference(batch, settings))).toEqual(references)
  })

  it('escapes paths for XML in the InvalidationBatch', () => {
    const { batches, settings } = plan({ paths: '/q?a=1&b=<2>' })
    expect(cloudfront.request(batches[0]!, settings).body).toContain('<Path>/q?a=1&amp;b=%3C2%3E</Path>')
  })
})

describe('CloudFront credentials', () => {
  it('masks the secret key and session token, not the access key id', () => {
    const settings = plan({ paths: '/a' }).settings
    expect(cloudfront.credentials?.({ ...settings, env: { ...env, AWS_SESSION_TOKEN: 'session-0123' } })).toEqual({
      secrets: ['secret-0123', 'session-0123'],
      errors: [],
    })
  })

  it('needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY unless dry-run', () => {
    const settings = plan({ paths: '/a' }).settings
    expect(cloudfront.credentials?.({ ...settings, env: {} }).errors).toHaveLength(1)
    expect(cloudfront.credentials?.({ ...settings, env: {}, dryRun: true }).errors).toEqual([])
  })
})
