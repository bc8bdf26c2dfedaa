// Loopback emulator of Akamai Fast Purge (CCU v3), strict like the real one: it verifies every
// EdgeGrid signature with the credentials it was given (its own code, apart from the action's
// signer), refuses a replayed nonce or a stale timestamp, checks the body shape per object type
// and the 50,000-byte cap (413), and answers 201 with purgeId and estimatedSeconds.
// Spec: /work/shared/PROVIDERS-MORE.md, section 4; akamai/akamai-apis apis/ccu/v3. Where the real
// API's answer is not documented, the choice made here is written next to the code that makes it.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export interface EdgeGridCredentials {
  clientToken: string
  clientSecret: string
  accessToken: string
}

export interface AkamaiEmulatorOptions {
  credentials?: EdgeGridCredentials
  /** What each 201 says. */
  estimatedSeconds?: number
}

export interface AcceptedPurge {
  action: 'invalidate' | 'delete'
  type: 'url' | 'tag' | 'cpcode'
  network: 'production' | 'staging'
  objects: (string | number)[]
  purgeId: string
  supportId: string
}

export interface AkamaiEmulator {
  url: string
  requests: RecordedRequest[]
  purges: AcceptedPurge[]
  faults: Fault[]
  close(): Promise<void>
}

export const DEFAULT_CREDENTIALS: EdgeGridCredentials = {
  clientToken: 'akab-client-token-emulated-0123456789',
  clientSecret: 'Q2xpZW50U2VjcmV0RW11bGF0ZWQwMTIzNDU2Nzg5MA==',
  accessToken: 'akab-access-token-emulated-0123456789',
}
export const MAX_BODY_BYTES = 50_000
// A ±30 s window was reported for "Invalid timestamp" (terraform-provider-akamai #758).
const MAX_CLOCK_SKEW_MS = 30_000
const DESCRIBED_BY = 'https://techdocs.akamai.com/purge-cache/reference/api-errors'
const AUTHN = 'https://problems.luna.akamaiapis.net/-/pep-authn'
const TAG = /^[A-Za-z0-9!#$%'+./^_`|~-]{1,128}$/

export async function startAkamaiEmulator(options: AkamaiEmulatorOptions = {}): Promise<AkamaiEmulator> {
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS
  const estimatedSeconds = options.estimatedSeconds ?? 5
  const purges: AcceptedPurge[] = []
  const faults: Fault[] = []
  const nonces = new Set<string>()
  const replayedNonces = new WeakMap<RecordedRequest, boolean>()

  const server = await startLoopback({
    faultFor(request) {
      // Every request that reaches Akamai spends its nonce, answered or not.
      const nonce = /;nonce=([^;]+);/.exec(request.headers.authorization ?? '')?.[1]
      const replayed = nonce !== undefined && nonces.has(nonce)
      if (nonce !== undefined) nonces.add(nonce)
      replayedNonces.set(request, replayed)
      return matchRoute(request.method, request.path) ? faults.shift() : undefined
    },
    errorBody: (status) => problemForStatus(status),
    handle: (request, raw) => answer(request, raw.url ?? '/'),
  })

  function answer(request: RecordedRequest, target: string): Reply {
    const route = matchRoute(request.method, request.path)
    if (!route) return problem(404, 'Not Found', `No resource at ${request.method} ${request.path}`)
    const denied = authenticate(request, target, credentials, replayedNonces.get(request) === true)
    if (denied) return denied
    if (Buffer.byteLength(request.rawBody) > MAX_BODY_BYTES) {
      return problem(413, 'Request Entity Too Large', `The request body is ${Buffer.byteLength(request.rawBody)} bytes; the limit is ${MAX_BODY_BYTES}.`)
    }
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      return problem(415, 'Unsupported Media Type', 'Content-Type must be application/json.')
    }
    const objects = readObjects(request.rawBody, route.type)
    if ('error' in objects) return objects.error
    const purgeId = `edcp-${randomBytes(11).toString('base64url')}`
    const supportId = `edcp-${randomBytes(11).toString('base64url')}`
    purges.push({ ...route, objects: objects.objects, purgeId, supportId })
    return { status: 201, body: { httpStatus: 201, estimatedSeconds, purgeId, supportId, detail: 'Request accepted' } }
  }

  return { url: server.url, requests: server.requests, purges, faults, close: server.close }
}

// ---------------------------------------------------------------- routing

type Route = Pick<AcceptedPurge, 'action' | 'type' | 'network'>

// The network segment may be left out (with its slash): production.
function matchRoute(method: string, pathname: string): Route | undefined {
  const match = /^\/ccu\/v3\/(invalidate|delete)\/(url|tag|cpcode)(?:\/(production|staging))?$/.exec(pathname)
  if (!match || method !== 'POST') return undefined
  return { action: match[1] as Route['action'], type: match[2] as Route['type'], network: (match[3] ?? 'production') as Route['network'] }
}

// ---------------------------------------------------------------- EdgeGrid

// The authentication layer's answers (shape from akamai/AkamaiOPEN-edgegrid-node #62, #234).
// Not documented: its exact wording for a bad token or a replayed nonce; these are the emulator's.
function authenticate(request: RecordedRequest, target: string, credentials: EdgeGridCredentials, replayed: boolean): Reply | undefined {
  const authorization = request.headers.authorization ?? ''
  const match =
    /^EG1-HMAC-SHA256 client_token=([^;]+);access_token=([^;]+);timestamp=(\d{8}T\d{2}:\d{2}:\d{2}\+0000);nonce=([^;]+);signature=([A-Za-z0-9+/=]+)$/.exec(authorization)
  if (!match) return authnProblem(401, 'deny', 'Not authorized', 'The signature does not match')
  const [, clientToken, accessToken, timestamp = '', , signature] = match
  if (clientToken !== credentials.clientToken) return authnProblem(401, 'deny', 'Not authorized', 'Invalid authorization client token')
  if (accessToken !== credentials.accessToken) return authnProblem(401, 'deny', 'Not authorized', 'Invalid authorization access token')
  const at = Date.parse(`${timestamp.slice(0, 4)}-${timestamp.slice(4, 6)}-${timestamp.slice(6, 8)}T${timestamp.slice(9, 17)}Z`)
  if (Number.isNaN(at) || Math.abs(Date.now() - at) > MAX_CLOCK_SKEW_MS) return authnProblem(400, 'request-error', 'Bad request', 'Invalid timestamp')
  if (replayed) return authnProblem(401, 'deny', 'Not authorized', 'Invalid nonce: it was used before')
  const unsigned = authorization.slice(0, authorization.indexOf('signature='))
  const expected = edgeGridSignature(
    // The emulator listens on plain http; the real API is https.
    { method: request.method, scheme: 'http', host: request.headers.host ?? '', target, body: request.rawBody },
    unsigned,
    timestamp,
    credentials.clientSecret,
  )
  return expected === signature ? undefined : authnProblem(401, 'deny', 'Not authorized', 'The signature does not match')
}

/** EG1-HMAC-SHA256 as Akamai's EdgeGrid docs define it, over the request as received. */
export function edgeGridSignature(
  request: { method: string; scheme: string; host: string; target: string; body: string },
  unsignedAuthorization: string,
  timestamp: string,
  clientSecret: string,
): string {
  const contentHash = request.method === 'POST' && request.body !== '' ? createHash('sha256').update(request.body.slice(0, 131_072)).digest('base64') : ''
  const data = [request.method, request.scheme, request.host, request.target, '', contentHash, unsignedAuthorization].join('\t')
  const key = createHmac('sha256', clientSecret).update(timestamp).digest('base64')
  return createHmac('sha256', key).update(data).digest('base64')
}

// ---------------------------------------------------------------- the body

// Per object type, as schemas/post-url.yaml, post-tag.yaml and post-cpcode.yaml describe it:
// URLs absolute (no wildcard), tags strings, CP codes integers. Not documented: the exact
// titles of these 400s; they are the emulator's.
function readObjects(rawBody: string, type: Route['type']): { objects: (string | number)[] } | { error: Reply } {
  let body: unknown
  try {
    body = JSON.parse(rawBody)
  } catch {
    return { error: problem(400, 'Bad Request', 'The request body is not valid JSON.') }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: problem(400, 'Bad Request', 'The request body must be a JSON object.') }
  const keys = Object.keys(body)
  if (keys.some((key) => key !== 'objects' && key !== 'hostname')) return { error: problem(400, 'Bad Request', `Unknown field(s): ${keys.join(', ')}`) }
  const objects = (body as { objects?: unknown }).objects
  if (!Array.isArray(objects) || objects.length === 0) return { error: problem(400, 'Bad Request', 'objects must be a non-empty array.') }
  for (const object of objects) {
    if (type === 'cpcode' && !(Number.isInteger(object) && (object as number) > 0)) return { error: problem(400, 'bad cpcode', `CP codes are integers, got ${JSON.stringify(object)}`) }
    if (type === 'tag' && !(typeof object === 'string' && TAG.test(object))) return { error: problem(400, 'bad tag', `Invalid cache tag ${JSON.stringify(object)}`) }
    if (type === 'url') {
      const url = typeof object === 'string' ? URL.parse(object) : null
      if (!url || !/^https?:$/.test(url.protocol) || (object as string).includes('*')) return { error: problem(400, 'bad URL hostname', 'Invalid or malformed hostname') }
    }
  }
  return { objects: objects as (string | number)[] }
}

// ---------------------------------------------------------------- answers

function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    body: { httpStatus: status, title, detail, supportId: `edcp-${randomBytes(11).toString('base64url')}`, describedBy: DESCRIBED_BY, ...extra },
    headers: { 'content-type': 'application/problem+json' },
  }
}

function authnProblem(status: number, kind: 'deny' | 'request-error', title: string, detail: string): Reply {
  return {
    status,
    body: { type: `${AUTHN}/${kind}`, title, status, detail, instance: `${AUTHN}/${kind}`, method: 'POST', requestId: randomBytes(4).toString('hex') },
    headers: { 'content-type': 'application/problem+json' },
  }
}

// The body of a `{status}` fault, from examples/*.json.
function problemForStatus(status: number): unknown {
  const supportId = `edcp-${randomBytes(11).toString('base64url')}`
  if (status === 429) {
    return { supportId, title: 'Rate Limit exceeded', httpStatus: 429, describedBy: DESCRIBED_BY, detail: '', rateLimit: 100, rateLimitCurrentRequestSize: 1, rateLimitRemaining: 0 }
  }
  if (status === 403) return { httpStatus: 403, supportId, title: 'unauthorized arl', detail: 'https://www.example.com/a.css', describedBy: DESCRIBED_BY }
  if (status >= 500) return { httpStatus: status, supportId, title: 'internal error', detail: 'An internal error occurred.', describedBy: DESCRIBED_BY }
  return { httpStatus: status, supportId, title: 'Bad Request', detail: '', describedBy: DESCRIBED_BY }
}
