// The network a self-hosted runner sees: the site's https:// URLs reached through an HTTP proxy
// (HTTPS_PROXY, CONNECT), served with a certificate from a CA the runner was given
// (NODE_EXTRA_CA_CERTS), and the provider API reached directly (NO_PROXY). Everything here is
// made at test time and lives on loopback.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net, { type AddressInfo, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ThrowawayCa {
  /** PEM file of the CA, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  caPem: string
  /** The site's certificate (for `hosts`, with their subdomains) and key, PEM. */
  cert: string
  key: string
}

/** A CA and a site certificate made with `openssl`, valid for two days, thrown away after. */
export function makeThrowawayCa(hosts: string[]): ThrowawayCa {
  const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-ca-'))
  const file = (name: string) => join(dir, name)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=cdn-purge throwaway test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  openssl('req', ...ec, '-keyout', file('site.key'), '-out', file('site.csr'), '-subj', `/CN=${hosts[0] ?? 'localhost'}`)
  const names = hosts.flatMap((host) => [`DNS:${host}`, `DNS:*.${host}`]).join(',')
  writeFileSync(file('site.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=${names}`,
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ].join('\n'))
  openssl('x509', '-req', '-in', file('site.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-set_serial', `0x${randomBytes(8).toString('hex')}`,
    '-days', '2', '-extfile', file('site.ext'), '-out', file('site.pem'))
  return { caFile: file('ca.pem'), caPem: readFileSync(file('ca.pem'), 'utf8'), cert: readFileSync(file('site.pem'), 'utf8'), key: readFileSync(file('site.key'), 'utf8') }
}

export interface ConnectProxy {
  url: string
  /** `host:port` of every CONNECT, in order. */
  connects: string[]
  /** Every CONNECT's headers (a proxy could be handed credentials: none may be). */
  connectHeaders: Record<string, string | string[] | undefined>[]
  /** Plain (non-CONNECT) requests: none are expected, the API is under NO_PROXY. */
  plainRequests: string[]
  close(): Promise<void>
}

/**
 * A CONNECT proxy that tunnels every host ending in one of `siteHosts` to the edge on loopback
 * (as DNS would send it to the CDN), and refuses anything else.
 */
export async function startConnectProxy(siteHosts: string[], edgePort: () => number): Promise<ConnectProxy> {
  const sockets = new Set<Socket>()
  const server = http.createServer((request, response) => {
    proxy.plainRequests.push(`${request.method} ${request.url}`)
    response.writeHead(502).end('this proxy only tunnels')
  })
  const proxy: ConnectProxy = {
    url: '',
    connects: [],
    connectHeaders: [],
    plainRequests: [],
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('connect', (request: http.IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? ''
    proxy.connects.push(target)
    proxy.connectHeaders.push(request.headers)
    const host = target.replace(/:\d+$/, '').toLowerCase()
    if (!siteHosts.some((site) => host === site || host.endsWith(`.${site}`))) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n')
      return
    }
    const upstream = net.connect(edgePort(), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return proxy
}
