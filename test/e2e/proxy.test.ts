import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startCloudflareEmulator, type CloudflareEmulator } from '../emulators/cloudflare.js'
import { runAction } from './run-action.js'

/** Self-hosted runners behind a proxy: the API calls go through HTTP(S)_PROXY unless NO_PROXY says not. */

const token = 'cf-test-token-0123456789'
const zoneId = 'e'.repeat(32)
let cf: CloudflareEmulator
let proxy: http.Server
let tunnels: string[]

beforeEach(async () => {
  cf = await startCloudflareEmulator({ token, zones: [{ id: zoneId, name: 'example.com' }] })
  tunnels = []
  // A forward proxy, as corporate proxies are: plain http:// requests come in absolute form,
  // https:// ones as CONNECT tunnels. It records where each one goes.
  proxy = http.createServer((request, response) => {
    const target = new URL(request.url ?? '')
    tunnels.push(target.host)
    const upstream = http.request(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    upstream.on('error', () => response.destroy())
    request.pipe(upstream)
  })
  proxy.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(request.url ?? '')
    const [host, port] = (request.url ?? '').split(':')
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
})
afterEach(async () => {
  await cf.close()
  proxy.closeAllConnections()
  await new Promise((resolve) => proxy.close(resolve))
})

const proxyUrl = () => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`

it('sends the API calls through HTTP_PROXY', async () => {
  const run = await runAction({ provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, paths: 'https://example.com/a' }, { env: { HTTP_PROXY: proxyUrl() } })
  expect(run.exitCode).toBe(0)
  expect(tunnels).toEqual([new URL(cf.url).host])
  expect(cf.purges).toHaveLength(1)
})

it('goes direct for hosts in NO_PROXY', async () => {
  const run = await runAction(
    { provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, paths: 'https://example.com/a' },
    { env: { HTTP_PROXY: proxyUrl(), NO_PROXY: '127.0.0.1' } },
  )
  expect(run.exitCode).toBe(0)
  expect(tunnels).toEqual([])
  expect(cf.purges).toHaveLength(1)
})
