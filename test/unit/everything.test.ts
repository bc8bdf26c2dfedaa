import { describe, expect, it } from 'vitest'
import { mapFiles, parsePathMap } from '../../src/changes/path-map.js'
import { countItems, everythingErrors, everythingLine, everythingReason, everythingSettings, listedAsPurged } from '../../src/deploy/everything.js'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import { loadProvider, type BatchResult, type ProviderName } from '../../src/providers/index.js'

const urls = (count: number) => Array.from({ length: count }, (_, index) => `https://example.com/p/${index}`).join('\n')

async function planOf(raw: RawInputs) {
  const { settings, errors } = parseInputs({ token: 'tok-123456', ...raw }, { workspace: '/ws' })
  if (!settings) throw new Error(errors.join('\n'))
  const provider = await loadProvider(settings.provider)
  return { settings, provider, plan: planBatches(settings, provider, provider.targets(settings)) }
}

describe('countItems: every list and target; tags count, variants do not', () => {
  it.each<[string, RawInputs, number]>([
    ['URLs in batches of 30', { provider: 'cloudflare', zone: 'example.com', paths: urls(95) }, 95],
    ['URLs and tags', { provider: 'cloudflare', zone: 'example.com', paths: urls(3), keys: 'a,b' }, 5],
    ['purge-headers variants count once', { provider: 'cloudflare', zone: 'example.com', paths: urls(4), 'purge-headers': 'CF-Device-Type: mobile, desktop, tablet' }, 4],
    ['tags go to every zone: counted per zone', { provider: 'cloudflare', zone: 'example.com, example.org', keys: 'a,b,c' }, 6],
    ['per distribution', { provider: 'cloudfront', distribution: 'E1, E2', paths: '/a\n/b' }, 4],
    ['everything counts nothing', { provider: 'cloudflare', zone: 'example.com', scope: 'all' }, 0],
  ])('%s', async (_name, raw, expected) => {
    const { plan } = await planOf(raw)
    expect(plan.errors).toEqual([])
    expect(countItems(plan.batches)).toBe(expected)
  })
})

describe('everythingReason', () => {
  const rules = parsePathMap('src/layouts/** => @all\npublic/** => https://example.com/**').rules
  it('max-items: just under and at the limit is a list, one over is everything', async () => {
    const { plan } = await planOf({ provider: 'cloudflare', zone: 'example.com', paths: urls(10) })
    expect(everythingReason(plan.batches, 10, undefined)).toBeUndefined()
    expect(everythingReason(plan.batches, 11, undefined)).toBeUndefined()
    expect(everythingReason(plan.batches, 9, undefined)).toEqual({ by: 'max-items', count: 10, maxItems: 9 })
  })
  it('@all: names the first file that matched, however few items', async () => {
    const { plan } = await planOf({ provider: 'cloudflare', zone: 'example.com', paths: urls(1) })
    const mapping = mapFiles(['public/a.css', 'src/layouts/base.njk', 'src/layouts/post.njk'], rules)
    expect(everythingReason(plan.batches, 100, mapping)).toEqual({ by: 'path-map', file: 'src/layouts/base.njk', line: 1, glob: 'src/layouts/**', moreFiles: 1, count: 1 })
    expect(everythingReason(plan.batches, 100, mapFiles(['public/a.css'], rules))).toBeUndefined()
  })
})

describe('everythingErrors: a provider that cannot purge everything as configured', () => {
  it.each<[ProviderName, RawInputs, RegExp | undefined]>([
    ['cloudflare', { zone: 'example.com', paths: urls(1) }, undefined],
    ['cloudfront', { distribution: 'E1', paths: '/a' }, undefined],
    ['edgio', { team: 't', site: 's', environment: 'production', paths: '/a' }, undefined],
    ['cloudimage', { paths: '/sample.li/a.jpg' }, undefined],
    ['bunny', { 'pull-zone': '12', paths: 'https://cdn.example.com/a' }, undefined],
    ['fastly', { service: 'SU1Z0isxPaozGVKXdv0eY', paths: 'https://example.com/a' }, undefined],
    ['akamai', { paths: 'https://example.com/a' }, /^input max-items: past max-items everything is purged, and Akamai cannot purge everything$/],
    ['fastly', { paths: 'https://example.com/a' }, /^input max-items: .* Fastly cannot do that as configured: input service: required for scope: all on Fastly/],
    ['bunny', { paths: 'https://cdn.example.com/a' }, /^input max-items: .* Bunny.* cannot do that as configured: input pull-zone: required for scope: all/],
    ['fastly', { service: 'SU1Z0isxPaozGVKXdv0eY', soft: 'true', paths: 'https://example.com/a' }, /input soft: Fastly cannot soft-purge everything/],
  ])('%s %j', async (name, raw, expected) => {
    const { settings, provider } = await planOf({ provider: name, ...raw })
    const errors = everythingErrors('max-items', 'past max-items everything is purged', settings, provider, provider.targets(settings))
    if (expected === undefined) expect(errors).toEqual([])
    else expect(errors[0]).toMatch(expected)
  })

  it('the switch empties every list and sets scope: all', async () => {
    const { settings, provider } = await planOf({ provider: 'cloudflare', zone: 'example.com', paths: urls(2), keys: 'a', hosts: 'www.example.com', prefixes: 'example.com/x/' })
    expect(everythingSettings(settings, provider.description)).toMatchObject({ scope: 'all', paths: [], keys: [], hosts: [], prefixes: [], zones: ['example.com'] })
    const akamai = await planOf({ provider: 'akamai', paths: urls(1), 'cp-codes': '123' })
    expect(everythingSettings(akamai.settings, akamai.provider.description)).toMatchObject({ scope: 'all', paths: [], cpCodes: [] })
  })
})

describe('messages and what verify sees', () => {
  it.each([
    [{ by: 'max-items', count: 1_201, maxItems: 1_000 } as const, 2, 'max-items: 1201 items would be purged, more than max-items (1000), so everything is purged instead (one purge-everything request for each of the 2 targets)'],
    [
      { by: 'path-map', file: 'src/layouts/a\nb.njk', line: 3, glob: 'src/layouts/**', moreFiles: 2, count: 7 } as const,
      1,
      'path-map: "src/layouts/a\\nb.njk" (and 2 more files) changed, and line 3 (src/layouts/** => @all) purges everything, so everything is purged instead of 7 items (one purge-everything request)',
    ],
  ])('%j', (reason, targets, line) => {
    expect(everythingLine(reason, targets)).toBe(line)
  })

  it('listed batches take the status and time of the purge of everything on their target', () => {
    const com = { label: 'example.com', id: 'a' }
    const org = { label: 'example.org', id: 'b' }
    const results: BatchResult[] = [
      { target: com, kind: 'everything', items: [], status: 'purged', attempts: 1, acceptedAt: 5 },
      { target: org, kind: 'everything', items: [], status: 'failed', attempts: 3, error: 'x' },
    ]
    expect(listedAsPurged([{ target: com, kind: 'files', items: ['https://example.com/a'] }, { target: org, kind: 'files', items: ['https://example.org/b'] }], results)).toEqual([
      { target: com, kind: 'files', items: ['https://example.com/a'], status: 'purged', attempts: 1, acceptedAt: 5 },
      { target: org, kind: 'files', items: ['https://example.org/b'], status: 'failed', attempts: 3 },
    ])
  })
})
