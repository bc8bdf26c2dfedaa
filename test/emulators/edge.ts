// Loopback emulator of a CDN's edge: the site as visitors (and `verify`/`warm`) see it, over TLS.
// It holds a copy of every URL, stored long before the test started, and answers with the status
// header and `Age` of the CDN style it plays. A purge (told by the provider emulator when it
// accepts one) drops the matching copies, at once, after a propagation delay, or never (an API
// that says success and purges nothing). A request without a copy is a miss that stores one.
import https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'

export type EdgeStyle = 'cloudflare' | 'fastly' | 'cloudfront' | 'akamai' | 'bunny'

export interface EdgeOptions {
  style: EdgeStyle
  /** The site's certificate and key (PEM), issued by the test's throwaway CA. */
  tls: { cert: string; key: string }
  /** How old the copies held at the start are, in seconds. */
  initialAgeSeconds?: number
  /** Milliseconds from an accepted purge to the copies being dropped; `never` for a lying API. */
  propagationMs?: number | 'never'
  /** Paths the CDN does not cache (answered DYNAMIC, BYPASS, MISS...). */
  uncached?: string[]
  /** Cache tags of each path. */
  tags?: Record<string, string[]>
  /** HTTP status of each path, when not 200. */
  statuses?: Record<string, number>
  /** Whether answers from a copy carry `Age` (Akamai sends none by default). */
  sendsAge?: boolean
}

/** A purge, in the edge's terms. */
export interface EdgePurge {
  /** URLs, or `{url, headers}` for one variant (Cloudflare custom cache keys). */
  files?: (string | { url: string; headers?: Record<string, string> })[]
  tags?: string[]
  hosts?: string[]
  /** `host/path` prefixes. */
  prefixes?: string[]
  /** Everything on this domain and its subdomains. */
  everything?: string
}

export interface EdgeRequest {
  method: string
  url: string
  headers: Record<string, string>
  /** The cache-key variant the request selects. */
  variant: { device: string; language: string }
  status: number
  cacheStatus: string | undefined
  age: number | undefined
  at: number
}

export interface Edge {
  port: number
  requests: EdgeRequest[]
  /** Purges as told, with the time their copies go (undefined: never). */
  purges: { purge: EdgePurge; dropsAt: number | undefined }[]
  purge(purge: EdgePurge): void
  close(): Promise<void>
}

interface Drop {
  at: number
  matches(url: URL, variant: EdgeRequest['variant']): boolean
}

export async function startEdge(options: EdgeOptions): Promise<Edge> {
  const startedAt = Date.now()
  const oldCopyAt = startedAt - (options.initialAgeSeconds ?? 3600) * 1000
  const sendsAge = options.sendsAge ?? options.style !== 'akamai'
  /** Copies stored by a miss since the start: key -> stored at. Others date from before. */
  const stored = new Map<string, number>()
  const drops: Drop[] = []
  const sockets = new Set<Duplex>()

  const edge: Edge = {
    port: 0,
    requests: [],
    purges: [],
    purge(purge) {
      const propagation = options.propagationMs ?? 0
      const dropsAt = propagation === 'never' ? undefined : Date.now() + propagation
      edge.purges.push({ purge, dropsAt })
      if (dropsAt !== undefined) drops.push({ at: dropsAt, matches: (url, variant) => purgeMatches(purge, url, variant, options.tags ?? {}) })
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }

  const server = https.createServer({ cert: options.tls.cert, key: options.tls.key }, (request, response) => answer(request, response))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const now = Date.now()
    const url = new URL(request.url ?? '/', `https://${request.headers.host ?? 'unknown.invalid'}`)
    const headers = flatten(request.headers)
    const variant = { device: deviceOf(headers['user-agent'] ?? ''), language: headers['accept-language'] ?? '' }
    const key = `${url.host}${url.pathname}${url.search} ${variant.device} ${variant.language}`
    const status = options.statuses?.[url.pathname] ?? 200

    let cached: 'hit' | 'miss' | 'uncached'
    let age: number | undefined
    if (options.uncached?.includes(url.pathname)) {
      cached = 'uncached'
    } else {
      const copyAt = stored.get(key) ?? oldCopyAt
      const dropped = drops.some((drop) => drop.at <= now && drop.at > copyAt && drop.matches(url, variant))
      if (dropped) {
        stored.set(key, now)
        cached = 'miss'
      } else {
        cached = 'hit'
        age = Math.floor((now - copyAt) / 1000)
      }
    }

    const statusHeader = cacheStatusHeader(options.style, cached, headers.pragma ?? '')
    const body = `page ${url.pathname} (${variant.device}, ${variant.language || 'any language'})\n`
    const responseHeaders: Record<string, string> = { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)) }
    if (statusHeader) responseHeaders[statusHeader.name] = statusHeader.value
    if (age !== undefined && sendsAge) responseHeaders.age = String(age)
    edge.requests.push({
      method: request.method ?? '',
      url: url.href,
      headers,
      variant,
      status,
      cacheStatus: statusHeader?.value,
      age: age !== undefined && sendsAge ? age : undefined,
      at: now,
    })
    response.writeHead(status, responseHeaders)
    response.end(request.method === 'HEAD' ? undefined : body)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  edge.port = (server.address() as AddressInfo).port
  return edge
}

/** What a Cloudflare purge body means to the edge. */
export function cloudflarePurge(body: Record<string, unknown>, zoneName: string): EdgePurge {
  if (body.purge_everything === true) return { everything: zoneName }
  const purge: EdgePurge = {}
  if (Array.isArray(body.files)) purge.files = body.files as NonNullable<EdgePurge['files']>
  if (Array.isArray(body.tags)) purge.tags = body.tags as string[]
  if (Array.isArray(body.hosts)) purge.hosts = body.hosts as string[]
  if (Array.isArray(body.prefixes)) purge.prefixes = body.prefixes as string[]
  return purge
}

function purgeMatches(purge: EdgePurge, url: URL, variant: EdgeRequest['variant'], tags: Record<string, string[]>): boolean {
  const host = url.hostname.toLowerCase()
  if (purge.everything !== undefined) return host === purge.everything || host.endsWith(`.${purge.everything}`)
  const files = (purge.files ?? []).some((file) => {
    const target = typeof file === 'string' ? { url: file, headers: {} } : { url: file.url, headers: file.headers ?? {} }
    if (new URL(target.url).href !== url.href) return false
    // A variant purge drops only that variant; a plain URL drops every variant of it.
    return Object.entries(target.headers).every(([name, value]) => {
      const lower = name.toLowerCase()
      if (lower === 'cf-device-type') return value.toLowerCase() === variant.device
      if (lower === 'accept-language') return value === variant.language
      return true
    })
  })
  const tagged = (purge.tags ?? []).some((tag) => (tags[url.pathname] ?? []).some((each) => each.toLowerCase() === tag.toLowerCase()))
  const hosted = (purge.hosts ?? []).some((each) => each.toLowerCase() === host)
  const prefixed = (purge.prefixes ?? []).some((prefix) => `${host}${url.pathname}`.startsWith(prefix.toLowerCase()))
  return files || tagged || hosted || prefixed
}

/** Cloudflare's device classes, from the User-Agent as its "Cache by device type" reads it. */
function deviceOf(userAgent: string): string {
  if (/ipad|playbook|(android|silk)(?!.*mobile)/i.test(userAgent)) return 'tablet'
  if (/phone|ipod|android.*mobile|mobile safari|blackberry|opera mini/i.test(userAgent)) return 'mobile'
  return 'desktop'
}

function cacheStatusHeader(style: EdgeStyle, cached: 'hit' | 'miss' | 'uncached', pragma: string): { name: string; value: string } | undefined {
  switch (style) {
    case 'cloudflare':
      return { name: 'cf-cache-status', value: { hit: 'HIT', miss: 'MISS', uncached: 'DYNAMIC' }[cached] }
    case 'fastly':
      // With shielding: the shield's entry first, the edge's last.
      return { name: 'x-cache', value: { hit: 'MISS, HIT', miss: 'MISS, MISS', uncached: 'MISS, MISS' }[cached] }
    case 'cloudfront':
      return { name: 'x-cache', value: `${{ hit: 'Hit', miss: 'Miss', uncached: 'Miss' }[cached]} from cloudfront` }
    case 'akamai':
      if (!/akamai-x-cache-on/i.test(pragma)) return undefined
      return { name: 'x-cache', value: `${{ hit: 'TCP_HIT', miss: 'TCP_MISS', uncached: 'TCP_MISS' }[cached]} from a23-62-98-66.deploy.akamaitechnologies.com (AkamaiGHost/10.10.3-45298580) (-)` }
    case 'bunny':
      return { name: 'cdn-cache', value: { hit: 'HIT', miss: 'MISS', uncached: 'BYPASS' }[cached] }
  }
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  return flat
}
