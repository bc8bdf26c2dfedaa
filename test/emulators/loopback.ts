// The plumbing every provider emulator shares: a node:http server on 127.0.0.1 that records each
// request, answers through the emulator's own handler, and can be told to misbehave (faults), the
// same way for every provider, so the fault matrix reads one vocabulary.
import { randomBytes } from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Fault =
  /** Answer this instead (default body: the emulator's error body for that status). */
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Destroy the socket without answering (the client sees a connection reset). */
  | { reset: true }
  /** Never answer; the socket stays open until the client gives up or close() ends it. */
  | { hang: true }
  /** Answer normally, but send the body one small chunk per interval. */
  | { trickle: { intervalMs: number; chunks: number } }
  /** Answer normally, but cut the body in half (with a matching content-length). */
  | { truncated: true }
  /** A 200 with an HTML page, as a proxy or a bot challenge would send. */
  | { nonJson: true }
  /** No fault: answer normally (a placeholder in a queue of faults). */
  | { pass: true }

export interface Reply {
  status: number
  /** An object is sent as JSON, a string as text, undefined as an empty body. */
  body?: unknown
  headers?: Record<string, string>
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  /** Parsed JSON, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown
  rawBody: string
  at: number
}

export interface LoopbackOptions {
  /** Prefix of the API on the server (`/client/v4`); `url` ends with it. */
  basePath?: string
  handle(request: RecordedRequest, raw: IncomingMessage): Reply | Promise<Reply>
  /** The fault, if any, for this request (usually shifted from a queue). */
  faultFor?(request: RecordedRequest): Fault | undefined
  /** The body of a status fault that gives none. */
  errorBody?(status: number): unknown
}

export interface Loopback {
  url: string
  origin: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export async function startLoopback(options: LoopbackOptions): Promise<Loopback> {
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const requests: RecordedRequest[] = []

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = Date.now()
    const rawBody = await readBody(request)
    const url = new URL(request.url ?? '/', 'http://emulator.invalid')
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: flattenHeaders(request.headers),
      body: parseBody(rawBody),
      rawBody,
      at,
    }
    requests.push(recorded)

    const drawn = options.faultFor?.(recorded)
    const fault = drawn && 'pass' in drawn ? undefined : drawn
    if (fault && 'reset' in fault) {
      request.socket.resetAndDestroy()
      return
    }
    if (fault && 'hang' in fault) return
    if (fault && 'nonJson' in fault) return send(response, { status: 200, body: '<html><title>Just a moment...</title></html>', headers: { 'content-type': 'text/html; charset=UTF-8' } })
    if (fault && 'status' in fault) {
      const body = fault.body ?? options.errorBody?.(fault.status) ?? http.STATUS_CODES[fault.status] ?? ''
      return send(response, { status: fault.status, body, headers: fault.headers ?? {} })
    }

    const reply = await options.handle(recorded, request)
    if (fault && 'trickle' in fault) sendTrickled(response, reply, fault.trickle, timers)
    else if (fault && 'truncated' in fault) send(response, reply, (text) => text.subarray(0, Math.floor(text.length / 2)))
    else send(response, reply)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}${options.basePath ?? ''}`,
    origin,
    requests,
    close: () => closeServer(server, sockets, timers),
  }
}

function encode(reply: Reply): { text: Buffer; contentType: string } {
  if (reply.body === undefined) return { text: Buffer.alloc(0), contentType: 'text/plain' }
  if (typeof reply.body === 'string') return { text: Buffer.from(reply.body), contentType: looksLikeJson(reply.body) ? 'application/json' : 'text/plain' }
  return { text: Buffer.from(JSON.stringify(reply.body)), contentType: 'application/json' }
}

function send(response: ServerResponse, reply: Reply, cut: (text: Buffer) => Buffer = (text) => text): void {
  const { text, contentType } = encode(reply)
  const body = cut(text)
  response.writeHead(reply.status, { 'content-type': contentType, 'content-length': body.length, ...lowercase(reply.headers) })
  response.end(body)
}

function sendTrickled(response: ServerResponse, reply: Reply, trickle: { intervalMs: number; chunks: number }, timers: Set<NodeJS.Timeout>): void {
  const { text, contentType } = encode(reply)
  response.writeHead(reply.status, { 'content-type': contentType, 'content-length': text.length, ...lowercase(reply.headers) })
  response.flushHeaders()
  const size = Math.ceil(text.length / Math.max(1, trickle.chunks))
  let offset = 0
  const timer = setInterval(() => {
    if (response.destroyed) offset = text.length
    else response.write(text.subarray(offset, offset + size))
    offset += size
    if (offset >= text.length) {
      clearInterval(timer)
      timers.delete(timer)
      if (!response.destroyed) response.end()
    }
  }, trickle.intervalMs)
  timers.add(timer)
}

function lowercase(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function parseBody(rawBody: string): unknown {
  if (rawBody === '') return undefined
  try {
    return JSON.parse(rawBody)
  } catch {
    return rawBody
  }
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

async function closeServer(server: http.Server, sockets: Set<Socket>, timers: Set<NodeJS.Timeout>): Promise<void> {
  for (const timer of timers) clearInterval(timer)
  timers.clear()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  for (const socket of sockets) socket.destroy()
  await closed
}
