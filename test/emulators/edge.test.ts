import { ProxyAgent, request } from 'undici'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import type { Settings } from '../../src/inputs/inputs.js'
import type { BatchResult } from '../../src/providers/index.js'
import { verifyAndWarm } from '../../src/after-purge/verify.js'
import { makeThrowawayCa, startConnectProxy, type ConnectProxy, type ThrowawayCa } from '../e2e/site-network.js'
import { startEdge, type Edge, type EdgeOptions, type EdgeStyle } from './edge.js'

/**
 * The edge emulator, and the verification reading each CDN style from it, through the CONNECT
 * proxy and TLS with the throwaway CA (in process: the end-to-end tests run the bundle).
 */

let ca: ThrowawayCa
let edge: Edge | undefined
let proxy: ConnectProxy | undefined
let agent: ProxyAgent | undefined

beforeAll(() => {
  ca = makeThrowawayCa(['example.com'])
})
afterEach(async () => {
  await Promise.all([edge?.close(), proxy?.close(), agent?.close()])
  edge = proxy = agent = undefined
})

async function start(options: Partial<EdgeOptions> & { style: EdgeStyle }) {
  const started = await startEdge({ tls: ca, ...options })
  edge = started
  proxy = await startConnectProxy(['example.com'], () => started.port)
  agent = new ProxyAgent({ uri: proxy.url, requestTls: { ca: ca.caPem } })
  return { edge: started, agent }
}

async function get(url: string, headers: Record<string, string> = {}) {
  if (!agent) throw new Error('call start() first')
  const answer = await request(url, { dispatcher: agent, headers })
  await answer.body.dump()
  return { status: answer.statusCode, headers: answer.headers }
}

describe('edge emulator', () => {
  it('serves an old copy until a purge drops it, then misses once and stores a new one', async () => {
    await start({ style: 'cloudflare', initialAgeSeconds: 600 })
    expect((await get('https://www.example.com/a')).headers).toMatchObject({ 'cf-cache-status': 'HIT', age: '600' })
    edge?.purge({ files: ['https://www.example.com/a'] })
    expect((await get('https://www.example.com/a')).headers).toMatchObject({ 'cf-cache-status': 'MISS' })
    expect((await get('https://www.example.com/a')).headers).toMatchObject({ 'cf-cache-status': 'HIT', age: '0' })
    expect((await get('https://www.example.com/b')).headers['cf-cache-status']).toBe('HIT')
  })

  it('drops after the propagation delay, or never', async () => {
    await start({ style: 'cloudflare', propagationMs: 300 })
    edge?.purge({ prefixes: ['www.example.com/blog/'] })
    expect((await get('https://www.example.com/blog/x')).headers['cf-cache-status']).toBe('HIT')
    await new Promise((resolve) => setTimeout(resolve, 350))
    expect((await get('https://www.example.com/blog/x')).headers['cf-cache-status']).toBe('MISS')
    await edge?.close()
    await start({ style: 'cloudflare', propagationMs: 'never' })
    edge?.purge({ everything: 'example.com' })
    expect((await get('https://www.example.com/')).headers['cf-cache-status']).toBe('HIT')
  })

  it('keeps variants apart: a variant purge drops only that variant', async () => {
    await start({ style: 'cloudflare' })
    edge?.purge({ files: [{ url: 'https://www.example.com/', headers: { 'CF-Device-Type': 'mobile' } }] })
    const mobile = await get('https://www.example.com/', { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1' })
    const desktop = await get('https://www.example.com/', { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0.0.0' })
    expect([mobile.headers['cf-cache-status'], desktop.headers['cf-cache-status']]).toEqual(['MISS', 'HIT'])
    expect(edge?.requests.map((each) => each.variant.device)).toEqual(['mobile', 'desktop'])
  })

  it('answers tag purges for the tagged paths, and the status and uncached paths it is told', async () => {
    await start({ style: 'bunny', tags: { '/t': ['release'] }, uncached: ['/api'], statuses: { '/gone': 404 } })
    edge?.purge({ tags: ['RELEASE'] })
    expect((await get('https://www.example.com/t')).headers['cdn-cache']).toBe('MISS')
    expect((await get('https://www.example.com/u')).headers['cdn-cache']).toBe('HIT')
    expect((await get('https://www.example.com/api')).headers['cdn-cache']).toBe('BYPASS')
    expect((await get('https://www.example.com/gone')).status).toBe(404)
  })
})

const settings = { retries: 0, verify: true, verifyUrls: [], verifySample: 20, warm: false, warmLimit: 1000 } as unknown as Settings

async function verifyOn(style: EdgeStyle, purge: boolean) {
  const { edge: started, agent: dispatcher } = await start({ style })
  const url = 'https://www.example.com/page'
  if (purge) started.purge({ files: [url] })
  const deadline = Date.now() + 1_500
  const batches: BatchResult[] = [{ target: { label: 'z', id: 'z' }, kind: 'files', items: [url], status: 'purged', attempts: 1, acceptedAt: Date.now() }]
  const client = new HttpClient({ deadline, retries: 0, dispatcher })
  const after = await verifyAndWarm({ settings, cacheStatus: style, batches, deadline, log: () => undefined, client })
  return { entry: after.verification?.entries[0], requests: started.requests }
}

describe('verification of each CDN style against the edge', () => {
  it.each<[EdgeStyle, string, string]>([
    ['cloudflare', 'MISS', 'HIT'],
    ['fastly', 'MISS, MISS', 'MISS, HIT'],
    ['cloudfront', 'Miss from cloudfront', 'Hit from cloudfront'],
    ['bunny', 'MISS', 'HIT'],
  ])('%s: fresh once purged (%s), stale while the old copy stays (%s)', async (style, missValue, hitValue) => {
    const fresh = await verifyOn(style, true)
    expect(fresh.entry).toMatchObject({ status: missValue, verdict: 'fresh', checks: 1 })
    await Promise.all([edge?.close(), proxy?.close(), agent?.close()])
    const stale = await verifyOn(style, false)
    expect(stale.entry).toMatchObject({ status: hitValue, age: expect.any(Number), verdict: 'stale' })
    expect(stale.entry?.checks).toBeGreaterThanOrEqual(1)
  })

  it('akamai: asks with Pragma, fresh once purged; a hit without Age cannot be dated', async () => {
    const fresh = await verifyOn('akamai', true)
    expect(fresh.requests[0]?.headers.pragma).toBe('akamai-x-cache-on')
    expect(fresh.entry).toMatchObject({ status: expect.stringMatching(/^TCP_MISS from /), verdict: 'fresh' })
    await Promise.all([edge?.close(), proxy?.close(), agent?.close()])
    const old = await verifyOn('akamai', false)
    expect(old.entry).toMatchObject({ status: expect.stringMatching(/^TCP_HIT from /), age: null, verdict: 'unknown' })
  })
})
