import { MockAgent } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import { edgio } from '../support/providers.js'

const base: RawInputs = { provider: 'edgio', token: 'tok-123456', team: 'acme', site: 'www', environment: 'production', scope: 'listed' }

function settingsOf(raw: RawInputs) {
  const { settings, errors } = parseInputs({ ...base, ...raw }, { workspace: '/ws' })
  if (!settings) throw new Error(errors.join('\n'))
  return settings
}

function plan(raw: RawInputs) {
  const settings = settingsOf(raw)
  return planBatches(settings, edgio, edgio.targets(settings))
}

describe('Edgio paths', () => {
  it.each([
    ['/index.html', '/index.html'],
    ['/sports/*', '/sports/*'],
    ['/search?q=a', '/search?q=a'],
    ['https://www.example.com/sports/*', '/sports/*'],
    ['https://www.example.com/a.css?v=2#x', '/a.css?v=2'],
    ['HTTP://www.example.com', '/'],
  ])('%s is sent as %s', (path, sent) => {
    const { batches, errors } = plan({ paths: path })
    expect(errors).toEqual([])
    expect(batches.map((batch) => [batch.kind, batch.items])).toEqual([['paths', [sent]]])
  })

  it.each(['sports/a', 'www.example.com/a', '//cdn.example.com/a', 'ftp://example.com/a', 'https://', '/a b'])('%s is an input error naming it', (path) => {
    const { errors } = plan({ paths: path })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^input paths: /)
    expect(errors[0]).toContain(JSON.stringify(path))
  })

  it('drops a path that an absolute URL reduces to twice', () => {
    expect(plan({ paths: '/a\nhttps://x.example.com/a\nhttps://y.example.com/a' }).batches[0]?.items).toEqual(['/a'])
  })
})

describe('Edgio requests', () => {
  it('puts each kind in its own body, with the site, and nothing but the site for scope: all', () => {
    const settings = settingsOf({ paths: '/a', keys: 'k', 'cache-hashes': 'h' })
    const target = edgio.targets(settings)[0]!
    const site = { team: 'acme', site: 'www', environment: 'production' }
    const bodyOf = (kind: string, items: string[]) => JSON.parse(edgio.request({ target, kind, items }, settings).body ?? '') as unknown
    expect(bodyOf('paths', ['/a'])).toEqual({ ...site, paths: ['/a'] })
    expect(bodyOf('surrogateKeys', ['k'])).toEqual({ ...site, surrogateKeys: ['k'] })
    expect(bodyOf('cacheHashes', ['h'])).toEqual({ ...site, cacheHashes: ['h'] })
    expect(bodyOf('everything', [])).toEqual(site)
  })

  it.each(['paths', 'surrogateKeys', 'cacheHashes'])('refuses to build a request with an empty %s list', (kind) => {
    const settings = settingsOf({ paths: '/a' })
    const target = edgio.targets(settings)[0]!
    expect(() => edgio.request({ target, kind, items: [] }, settings)).toThrow(/would clear the whole environment/)
  })

  it('plans no group for an empty kind', () => {
    expect(plan({ keys: 'k' }).batches.map((batch) => batch.kind)).toEqual(['surrogateKeys'])
  })
})

describe('Edgio answers', () => {
  it.each([
    { name: 'text', status: 200, body: 'Cache cleared', verdict: { ok: true } },
    { name: 'empty', status: 204, body: '', verdict: { ok: true } },
    { name: 'JSON with a string id', status: 200, body: '{"id":"abc-1"}', verdict: { ok: true, id: 'abc-1' } },
    { name: 'JSON with a number id', status: 202, body: '{"id":42}', verdict: { ok: true, id: '42' } },
    { name: 'JSON without an id', status: 200, body: '{"status":"ok"}', verdict: { ok: true } },
    { name: 'JSON null', status: 200, body: 'null', verdict: { ok: true } },
    { name: 'a 403 with text', status: 403, body: '  Forbidden\n', verdict: { ok: false, error: 'HTTP 403: Forbidden' } },
    { name: 'a 502 page', status: 502, body: '<html><title>502 Bad Gateway</title></html>', verdict: { ok: false, error: 'HTTP 502: 502 Bad Gateway' } },
    { name: 'a 404 without a body', status: 404, body: '', verdict: { ok: false, error: 'HTTP 404: (empty body)' } },
  ])('$name', ({ status, body, verdict }) => {
    const settings = settingsOf({ paths: '/a' })
    const batch = { target: edgio.targets(settings)[0]!, kind: 'paths', items: ['/a'] }
    expect(edgio.readAnswer({ status, headers: {}, body }, batch)).toEqual(verdict)
  })
})

describe('Edgio: an unreachable API host', () => {
  const agents: MockAgent[] = []
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((agent) => agent.close()))
  })

  /** The message a DNS failure for `apiUrl` ends in, as the runner shows it. */
  async function notFound(apiUrl: string): Promise<string> {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agents.push(agent)
    const host = new URL(apiUrl).hostname
    const dnsFailure = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    agent.get(new URL(apiUrl).origin).intercept({ path: /.*/, method: 'POST' }).replyWithError(dnsFailure)
    const http = new HttpClient({ deadline: Date.now() + 60_000, retries: 0, dispatcher: agent })
    const { verdict } = await http.send({ url: `${apiUrl}/api/v1/clear-cache`, method: 'POST', body: '{}' }, (answer) => edgio.readAnswer(answer, { target: { label: '', id: '' }, kind: 'everything', items: [] }))
    if (verdict.ok || !verdict.unreachable) throw new Error(`expected an unreachable host, got ${JSON.stringify(verdict)}`)
    return edgio.explainNetworkError?.(verdict.error, apiUrl) ?? verdict.error
  }

  it.each(['https://edgio.app', 'https://app.layer0.co'])('%s: names the host and says the platform ended service', async (apiUrl) => {
    const host = new URL(apiUrl).hostname
    expect(await notFound(apiUrl)).toBe(
      `getaddrinfo ENOTFOUND ${host} (${host}). The Edgio platform ended service on 2025-01-15, and its API no longer answers; ` +
        'if your sites moved to a compatible endpoint, set api-url to it',
    )
  })

  it('a compatible endpoint of your own: names the host, nothing about Edgio', async () => {
    expect(await notFound('https://cdn-api.example.com')).toBe('getaddrinfo ENOTFOUND cdn-api.example.com (cdn-api.example.com)')
  })
})
