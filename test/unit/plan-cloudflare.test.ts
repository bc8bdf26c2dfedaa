import { describe, expect, it } from 'vitest'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import { cloudflare } from '../support/providers.js'
import type { Target } from '../../src/providers/index.js'

const base: RawInputs = { provider: 'cloudflare', token: 'tok-123456', zone: 'example.com', scope: 'listed', timeout: '300', retries: '5' }
const idA = 'a'.repeat(32)

function plan(raw: RawInputs, targets?: Target[]) {
  const { settings, errors } = parseInputs({ ...base, ...raw }, { workspace: '/ws' })
  if (!settings) throw new Error(errors.join('\n'))
  const result = planBatches(settings, cloudflare, targets ?? cloudflare.targets(settings))
  return { ...result, shape: result.batches.map((batch) => `${batch.target.label} ${batch.kind} ${batch.items.length}`) }
}

const urls = (count: number, host = 'example.com') => Array.from({ length: count }, (_, index) => `https://${host}/p/${index}`).join('\n')

describe('Cloudflare plan', () => {
  it('cuts 75 URLs into 30/30/15 and 250 tags into 100/100/50', () => {
    const tags = Array.from({ length: 250 }, (_, index) => `tag-${index}`).join(',')
    expect(plan({ paths: urls(75), keys: tags }).shape).toEqual([
      'example.com files 30',
      'example.com files 30',
      'example.com files 15',
      'example.com tags 100',
      'example.com tags 100',
      'example.com tags 50',
    ])
  })

  it('honours batch-size and rejects one above the maximum for a kind in the plan', () => {
    expect(plan({ paths: urls(5), 'batch-size': '2' }).shape).toEqual(['example.com files 2', 'example.com files 2', 'example.com files 1'])
    expect(plan({ keys: 'a,b', 'batch-size': '101' }).errors).toEqual(['input batch-size: at most 100 for tags on Cloudflare, got 101'])
    expect(plan({ paths: urls(3), 'batch-size': '101' }).errors).toEqual([])
  })

  it('sends a trailing * as a prefix purge, and resolves relative paths against base-url', () => {
    const { batches } = plan({ paths: '/a.css?v=2\nhttps://Example.com/blog/*\n/img/*', 'base-url': 'https://example.com' })
    expect(batches.map((batch) => [batch.kind, batch.items])).toEqual([
      ['files', ['https://example.com/a.css?v=2']],
      ['prefixes', ['example.com/blog/', 'example.com/img/']],
    ])
  })

  it('reduces host URLs to hostnames and strips the scheme of prefixes', () => {
    const { batches } = plan({ hosts: 'https://www.example.com/anything\nimg.example.com', prefixes: 'https://www.example.com/blog/\nexample.com/x' })
    expect(batches.map((batch) => [batch.kind, batch.items])).toEqual([
      ['prefixes', ['www.example.com/blog/', 'example.com/x']],
      ['hosts', ['www.example.com', 'img.example.com']],
    ])
  })

  it('expands purge-headers to the cartesian product of variants, as objects', () => {
    const { batches } = plan({ paths: 'https://example.com/', 'purge-headers': 'CF-Device-Type: mobile, desktop\nAccept-Language: en, es' })
    expect(batches[0]?.items).toEqual([
      { url: 'https://example.com/', headers: { 'CF-Device-Type': 'mobile', 'Accept-Language': 'en' } },
      { url: 'https://example.com/', headers: { 'CF-Device-Type': 'mobile', 'Accept-Language': 'es' } },
      { url: 'https://example.com/', headers: { 'CF-Device-Type': 'desktop', 'Accept-Language': 'en' } },
      { url: 'https://example.com/', headers: { 'CF-Device-Type': 'desktop', 'Accept-Language': 'es' } },
    ])
  })

  it('routes each URL, host and prefix to its zone (closest parent domain), tags to every zone', () => {
    const { shape, batches } = plan({
      zone: 'example.com, shop.example.com, example.org',
      paths: 'https://www.example.com/a\nhttps://shop.example.com/b\nhttps://cdn.shop.example.com/c\nhttps://example.org/d',
      hosts: 'example.org',
      keys: 'release',
    })
    expect(shape).toEqual([
      'example.com files 1',
      'example.com tags 1',
      'shop.example.com files 2',
      'shop.example.com tags 1',
      'example.org files 1',
      'example.org hosts 1',
      'example.org tags 1',
    ])
    expect(batches[2]?.items).toEqual(['https://shop.example.com/b', 'https://cdn.shop.example.com/c'])
  })

  it('rejects an item that belongs to none of several zones', () => {
    expect(plan({ zone: 'example.com, example.org', paths: 'https://example.net/a' }).errors).toEqual([
      'input paths: "https://example.net/a" belongs to none of the zones example.com, example.org',
    ])
  })

  it('routes by resolved names when zones were given by id', () => {
    const targets = [
      { label: idA, id: idA, name: 'example.com' },
      { label: 'b'.repeat(32), id: 'b'.repeat(32), name: 'example.org' },
    ]
    expect(plan({ zone: `${idA},${'b'.repeat(32)}`, paths: 'https://example.org/x' }, targets).shape).toEqual([`${'b'.repeat(32)} files 1`])
  })

  it('purges everything once per zone for scope: all', () => {
    expect(plan({ zone: 'example.com,example.org', scope: 'all' }).shape).toEqual(['example.com everything 0', 'example.org everything 0'])
  })

  it.each([
    ['a relative path without base-url', { paths: '/a.css' }, /^input paths: "\/a.css" is not an absolute URL; give base-url/],
    ['ftp://', { paths: 'ftp://example.com/a' }, /^input paths: expected an http\(s\) URL/],
    ['a * in the middle', { paths: 'https://example.com/*/a.css' }, /^input paths: a \* is allowed only at the very end/],
    ['a * after a query', { paths: 'https://example.com/a?x=*' }, /^input paths: a \* is allowed only at the very end/],
    ['a host with a path', { hosts: 'www.example.com/blog' }, /^input hosts: expected a bare hostname/],
    ['a host with a port', { hosts: 'www.example.com:8080' }, /^input hosts: expected a bare hostname/],
    ['a prefix with a query', { prefixes: 'example.com/a?b=1' }, /^input prefixes: expected host\/path/],
    ['a tag over 1,024 characters', { keys: 'x'.repeat(1025) }, /^input keys: cache tags are 1 to 1,024 printable ASCII/],
    ['a tag with non-ASCII', { keys: 'café' }, /^input keys: cache tags/],
    ['a prefix with 32 separators', { prefixes: `example.com${'/a'.repeat(32)}` }, /^input prefixes: a prefix has at most 31/],
  ])('rejects %s', (_name, raw, message) => {
    const { errors } = plan(raw)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
  })

  it('plans 100,000 URLs into full batches, none lost (timing is for the benchmark)', () => {
    const { batches } = plan({ paths: urls(100_000) })
    expect(batches).toHaveLength(Math.ceil(100_000 / 30))
    expect(batches.reduce((sum, batch) => sum + batch.items.length, 0)).toBe(100_000)
  })
})
