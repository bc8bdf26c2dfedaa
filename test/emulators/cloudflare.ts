// Loopback emulator of the Cloudflare API (zone lookup and cache purge), strict like the real one.
// Spec: /work/shared/PROVIDERS.md, section "Cloudflare". Where the real API's answer is not
// documented, the choice made here is written next to the code that makes it.
import http from 'node:http'
import { randomHex, startLoopback, type Fault as LoopbackFault, type RecordedRequest, type Reply } from './loopback.js'

export type { RecordedRequest } from './loopback.js'

export interface CloudflareZone {
  id: string
  name: string
  accountId?: string
}

/** The shared faults, plus HTTP 200 with `success: false`. */
export type Fault = LoopbackFault | { successFalse: { code: number; message: string } }

export interface RateLimit {
  ratePerSecond: number
  bucket: number
  retryAfter?: boolean
  /** A `files` purge costs one token per URL instead of one per request. */
  costPerUrl?: boolean
}

export interface CloudflareEmulatorOptions {
  zones?: CloudflareZone[]
  token?: string
  email?: string
  globalKey?: string
  zoneReadToken?: boolean
  filesLimit?: number
  echoToken?: boolean
  rateLimit?: RateLimit
  /** Told of every purge accepted, as it is accepted (an edge emulator drops its copies). */
  onPurge?: (purge: AcceptedPurge, zone: CloudflareZone) => void
}

export interface AcceptedPurge {
  zoneId: string
  body: Record<string, unknown>
  id: string
}

export interface CloudflareEmulator {
  url: string
  requests: RecordedRequest[]
  purges: AcceptedPurge[]
  faults: Fault[]
  lookupFaults: Fault[]
  close(): Promise<void>
}

export interface CloudflareError {
  code: number
  message: string
  error_chain?: CloudflareError[]
}

export const DEFAULT_TOKEN = 'cf-test-token-0123456789'
export const DEFAULT_EMAIL = 'ops@example.com'
export const DEFAULT_GLOBAL_KEY = 'global-key-0123456789abcdef'
export const DEFAULT_ACCOUNT = { id: '01a7362d577a6c3019a474fd6f485823', name: 'Emulated Account' }
export const DEFAULT_ZONES: CloudflareZone[] = [
  { id: '023e105f4ecef8ad9ca31a8372d0c353', name: 'example.com' },
  { id: '9a7806061c88ada191ed06f989cc3dac', name: 'example.org' },
]
export const BASE_PATH = '/client/v4'
export const LIST_LIMIT = 100
export const MAX_TAG_LENGTH = 1024
export const MAX_PREFIX_SEPARATORS = 31

// Codes the real API documents (see PROVIDERS.md), plus a few the emulator had to choose.
export const ERRORS = {
  authentication: { code: 10000, message: 'Authentication error' },
  unauthorized: { code: 9109, message: 'Unauthorized to access requested resource' },
  noRoute: { code: 7000, message: 'No route for that URI' },
  missingKind: {
    code: 1012,
    message: 'Request must contain one of "purge_everything", "files", "tags", "hosts" or "prefixes"',
  },
  // Not documented: the emulator's code for a structurally invalid purge body.
  invalidPurge: { code: 1013, message: 'Invalid purge request' },
  outsideZone: { code: 1082, message: 'You can only purge files for this zone' },
  tooManyFiles: { code: 1094, message: 'Too many files in one purge request' },
  tagTooLong: { code: 1100, message: `Tags may be at most ${MAX_TAG_LENGTH} characters long` },
  tooManyTags: { code: 1101, message: 'Too many tags in one purge request' },
  tooManyPrefixes: { code: 1109, message: 'Too many prefixes in one purge request' },
  tooManyHosts: { code: 1111, message: 'Too many hosts in one purge request' },
  rateLimited: { code: 971, message: 'Please wait and consider throttling your request speed' },
  // Real API codes for a bad Content-Type / unparseable JSON.
  invalidHeaders: { code: 6003, message: 'Invalid request headers' },
  invalidContentType: { code: 6105, message: 'Invalid Content-Type header, valid values are application/json' },
  malformedJson: { code: 6007, message: 'Malformed JSON in request body' },
  // Not documented: the emulator rejects page/per_page outside the documented ranges.
  invalidPaging: { code: 1001, message: 'Invalid page or per_page: page >= 1, per_page from 5 to 50' },
} as const

const PURGE_KINDS = ['purge_everything', 'files', 'tags', 'hosts', 'prefixes'] as const
type PurgeKind = (typeof PURGE_KINDS)[number]

const HEX32 = /^[0-9a-f]{32}$/
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i
const PRINTABLE_ASCII_NO_SPACE = /^[\x21-\x7e]+$/

interface Settings {
  zones: CloudflareZone[]
  token: string
  email: string
  globalKey: string
  zoneReadToken: boolean
  filesLimit: number
  echoToken: boolean
  rateLimit: RateLimit | undefined
}

type Credential = { kind: 'token' } | { kind: 'globalKey' }

export async function startCloudflareEmulator(options: CloudflareEmulatorOptions = {}): Promise<CloudflareEmulator> {
  const settings: Settings = {
    zones: options.zones ?? DEFAULT_ZONES,
    token: options.token ?? DEFAULT_TOKEN,
    email: options.email ?? DEFAULT_EMAIL,
    globalKey: options.globalKey ?? DEFAULT_GLOBAL_KEY,
    zoneReadToken: options.zoneReadToken ?? true,
    filesLimit: options.filesLimit ?? 30,
    echoToken: options.echoToken ?? false,
    rateLimit: options.rateLimit,
  }
  const bucket = settings.rateLimit ? new TokenBucket(settings.rateLimit) : undefined
  const faults: Fault[] = []
  const lookupFaults: Fault[] = []
  const purges: AcceptedPurge[] = []

  const server = await startLoopback({
    basePath: BASE_PATH,
    faultFor(request) {
      const route = matchRoute(request.method, request.path)
      const fault = route.kind === 'purge' ? faults.shift() : route.kind === 'none' ? undefined : lookupFaults.shift()
      if (fault && 'successFalse' in fault) return { status: 200, body: JSON.stringify(errorEnvelope([fault.successFalse])) }
      return fault
    },
    errorBody: (status) => errorEnvelope([errorForStatus(status)]),
    handle: (request) => answer(matchRoute(request.method, request.path), request),
  })

  function answer(route: Route, request: RecordedRequest): Reply {
    if (route.kind === 'none') return failure(404, ERRORS.noRoute)
    const credential = authenticate(request, settings)
    if (!credential) return authenticationFailure(request, settings)
    if (route.kind === 'listZones') return listZones(new URLSearchParams(request.query), credential, settings)
    if (route.kind === 'getZone') return getZone(route.zoneId, request.path, credential, settings)
    return purge(route.zoneId, request)
  }

  function purge(zoneId: string, request: RecordedRequest): Reply {
    const zone = findZone(zoneId, settings)
    if (!zone) return unroutable(request.path)
    if (!isJsonContentType(request.headers['content-type'])) {
      return failure(400, { ...ERRORS.invalidHeaders, error_chain: [ERRORS.invalidContentType] })
    }
    const parsed = parsePurgeJson(request.rawBody)
    if ('error' in parsed) return failure(400, parsed.error)
    const problem = validatePurge(parsed.body, zone, settings)
    if (problem) return failure(400, problem)
    if (bucket) {
      const waitSeconds = bucket.take(purgeCost(parsed.body, settings.rateLimit))
      if (waitSeconds > 0) return rateLimited(waitSeconds, settings.rateLimit)
    }
    const id = randomHex(16)
    const accepted = { zoneId: zone.id, body: parsed.body, id }
    purges.push(accepted)
    options.onPurge?.(accepted, zone)
    return success({ id })
  }

  return { url: server.url, requests: server.requests, purges, faults, lookupFaults, close: server.close }
}

// ---------------------------------------------------------------- routing

type Route =
  | { kind: 'purge'; zoneId: string }
  | { kind: 'listZones' }
  | { kind: 'getZone'; zoneId: string }
  | { kind: 'none' }

// A known path with the wrong method is answered like an unknown route (7000, HTTP 404).
function matchRoute(method: string, pathname: string): Route {
  if (!pathname.startsWith(`${BASE_PATH}/`)) return { kind: 'none' }
  const segments = pathname.slice(BASE_PATH.length + 1).split('/')
  if (segments[0] !== 'zones') return { kind: 'none' }
  const zoneId = segments[1]
  if (segments.length === 1 && method === 'GET') return { kind: 'listZones' }
  if (segments.length === 2 && zoneId && method === 'GET') return { kind: 'getZone', zoneId }
  if (segments.length === 3 && zoneId && segments[2] === 'purge_cache' && method === 'POST') {
    return { kind: 'purge', zoneId }
  }
  return { kind: 'none' }
}

// ---------------------------------------------------------------- auth

// The Authorization header, when present, decides alone; otherwise the legacy pair must match.
function authenticate(request: RecordedRequest, settings: Settings): Credential | undefined {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    return bearerToken(authorization) === settings.token ? { kind: 'token' } : undefined
  }
  const email = request.headers['x-auth-email']
  const key = request.headers['x-auth-key']
  if (email === settings.email && key === settings.globalKey) return { kind: 'globalKey' }
  return undefined
}

function bearerToken(authorization: string): string | undefined {
  const match = /^Bearer (.+)$/i.exec(authorization)
  return match?.[1]
}

function presentedSecret(request: RecordedRequest): string | undefined {
  const authorization = request.headers.authorization
  if (authorization !== undefined) return bearerToken(authorization) ?? authorization
  const key = request.headers['x-auth-key']
  return typeof key === 'string' ? key : undefined
}

// The real API answers 400/9106 when no credentials are sent at all; the emulator answers
// every auth failure with 403/10000, the case the action must recognise.
function authenticationFailure(request: RecordedRequest, settings: Settings): Reply {
  const secret = presentedSecret(request)
  if (!settings.echoToken || secret === undefined) return failure(403, ERRORS.authentication)
  return failure(403, { code: ERRORS.authentication.code, message: `Authentication error: invalid credential '${secret}'` })
}

// ---------------------------------------------------------------- zones

function findZone(zoneId: string, settings: Settings): CloudflareZone | undefined {
  if (!HEX32.test(zoneId)) return undefined
  return settings.zones.find((zone) => zone.id === zoneId)
}

// The real API answers an id that is not 32 hex with 7003 and 7000 at HTTP 400; the emulator
// answers an unknown but well-formed id the same way.
function unroutable(pathname: string): Reply {
  const path = pathname.slice(BASE_PATH.length)
  return failure(
    400,
    { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
    ERRORS.noRoute,
  )
}

function zoneResult(zone: CloudflareZone): Record<string, unknown> {
  return {
    id: zone.id,
    name: zone.name,
    status: 'active',
    paused: false,
    type: 'full',
    account: { id: zone.accountId ?? DEFAULT_ACCOUNT.id, name: DEFAULT_ACCOUNT.name },
  }
}

// A token without Zone Read sees no zones in the list (success, empty) and 403/9109 on a single
// zone. The Global API key can do everything.
function canReadZones(credential: Credential, settings: Settings): boolean {
  return credential.kind === 'globalKey' || settings.zoneReadToken
}

function listZones(query: URLSearchParams, credential: Credential, settings: Settings): Reply {
  const page = integerParam(query.get('page'), 1)
  const perPage = integerParam(query.get('per_page'), 20)
  if (page === undefined || perPage === undefined || page < 1 || perPage < 5 || perPage > 50) {
    return failure(400, ERRORS.invalidPaging)
  }
  const name = query.get('name')
  const visible = canReadZones(credential, settings) ? settings.zones : []
  const matching = name === null ? visible : visible.filter((zone) => zone.name === name)
  const items = matching.slice((page - 1) * perPage, page * perPage).map(zoneResult)
  return success(items, {
    page,
    per_page: perPage,
    count: items.length,
    total_count: matching.length,
    total_pages: Math.ceil(matching.length / perPage),
  })
}

function getZone(zoneId: string, pathname: string, credential: Credential, settings: Settings): Reply {
  if (!canReadZones(credential, settings)) return failure(403, ERRORS.unauthorized)
  const zone = findZone(zoneId, settings)
  return zone ? success(zoneResult(zone)) : unroutable(pathname)
}

function integerParam(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback
  return /^\d+$/.test(value) ? Number(value) : undefined
}

// ---------------------------------------------------------------- purge validation

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

function parsePurgeJson(rawBody: string): { body: Record<string, unknown> } | { error: CloudflareError } {
  // An empty body is "no purge kind", never purge-everything.
  if (rawBody.trim() === '') return { error: ERRORS.missingKind }
  let value: unknown
  try {
    value = JSON.parse(rawBody)
  } catch {
    return { error: ERRORS.malformedJson }
  }
  if (!isPlainObject(value)) return { error: ERRORS.missingKind }
  return { body: value }
}

function validatePurge(body: Record<string, unknown>, zone: CloudflareZone, settings: Settings): CloudflareError | undefined {
  const kinds = PURGE_KINDS.filter((kind) => kind in body)
  if (kinds.length === 0) return ERRORS.missingKind
  if (kinds.length > 1) return invalid(`only one of ${kinds.join(', ')} may be given per request`)
  const unknownKeys = Object.keys(body).filter((key) => !(PURGE_KINDS as readonly string[]).includes(key))
  if (unknownKeys.length > 0) return invalid(`unknown field(s) ${unknownKeys.join(', ')}`)
  const kind = kinds[0] as PurgeKind
  const value = body[kind]
  if (kind === 'purge_everything') return value === true ? undefined : invalid('purge_everything must be true')
  if (!Array.isArray(value) || value.length === 0) return invalid(`${kind} must be a non-empty array`)
  if (kind === 'files') return validateFiles(value, zone, settings.filesLimit)
  if (kind === 'tags') return validateTags(value)
  if (kind === 'hosts') return validateHosts(value, zone)
  return validatePrefixes(value, zone)
}

function validateFiles(files: unknown[], zone: CloudflareZone, limit: number): CloudflareError | undefined {
  if (files.length > limit) return withDetail(ERRORS.tooManyFiles, `at most ${limit} URLs, got ${files.length}`)
  const allStrings = files.every((file) => typeof file === 'string')
  const allObjects = files.every(isFileObject)
  if (!allStrings && !allObjects) {
    return invalid('files must be all URL strings or all {url, headers} objects with string header values')
  }
  for (const file of files) {
    const url = typeof file === 'string' ? file : (file as { url: string }).url
    const problem = validateFileUrl(url, zone)
    if (problem) return problem
  }
  return undefined
}

function isFileObject(file: unknown): boolean {
  if (!isPlainObject(file) || typeof file.url !== 'string') return false
  if (Object.keys(file).some((key) => key !== 'url' && key !== 'headers')) return false
  if (file.headers === undefined) return true
  return isPlainObject(file.headers) && Object.values(file.headers).every((value) => typeof value === 'string')
}

// Relative, non-http(s) and wildcard URLs get 1082 too: the real API cannot place them in the
// zone, and the message says what is wrong with the URL.
function validateFileUrl(value: string, zone: CloudflareZone): CloudflareError | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return withDetail(ERRORS.outsideZone, `invalid url '${value}': it must be an absolute http(s) URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return withDetail(ERRORS.outsideZone, `invalid url '${value}': it must be an absolute http(s) URL`)
  }
  if (value.includes('*')) return withDetail(ERRORS.outsideZone, `invalid url '${value}': wildcards are not supported`)
  if (!inZone(url.hostname, zone)) return withDetail(ERRORS.outsideZone, `'${value}' is not in zone ${zone.name}`)
  return undefined
}

function validateTags(tags: unknown[]): CloudflareError | undefined {
  if (tags.length > LIST_LIMIT) return withDetail(ERRORS.tooManyTags, `at most ${LIST_LIMIT} tags, got ${tags.length}`)
  for (const tag of tags) {
    if (typeof tag !== 'string') return invalid('tags must be strings')
    if (tag.length > MAX_TAG_LENGTH) return ERRORS.tagTooLong
    if (!PRINTABLE_ASCII_NO_SPACE.test(tag)) return invalid(`tag '${tag}' must be printable ASCII without spaces`)
  }
  return undefined
}

// Hosts and prefixes must belong to the zone too: the action routes every item to its zone.
function validateHosts(hosts: unknown[], zone: CloudflareZone): CloudflareError | undefined {
  if (hosts.length > LIST_LIMIT) return withDetail(ERRORS.tooManyHosts, `at most ${LIST_LIMIT} hosts, got ${hosts.length}`)
  for (const host of hosts) {
    if (typeof host !== 'string' || !HOSTNAME.test(host)) return invalid(`host '${String(host)}' must be a bare hostname`)
    if (!inZone(host, zone)) return withDetail(ERRORS.outsideZone, `host '${host}' is not in zone ${zone.name}`)
  }
  return undefined
}

function validatePrefixes(prefixes: unknown[], zone: CloudflareZone): CloudflareError | undefined {
  if (prefixes.length > LIST_LIMIT) {
    return withDetail(ERRORS.tooManyPrefixes, `at most ${LIST_LIMIT} prefixes, got ${prefixes.length}`)
  }
  for (const prefix of prefixes) {
    if (typeof prefix !== 'string') return invalid('prefixes must be strings')
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(prefix)) return invalid(`prefix '${prefix}' must not have a scheme`)
    if (/[?#*\s]/.test(prefix)) return invalid(`prefix '${prefix}' must not have a query, fragment, wildcard or space`)
    const host = prefix.split('/')[0] ?? ''
    if (!HOSTNAME.test(host)) return invalid(`prefix '${prefix}' must start with a hostname`)
    if (prefix.split('/').length - 1 > MAX_PREFIX_SEPARATORS) {
      return invalid(`prefix '${prefix}' has more than ${MAX_PREFIX_SEPARATORS} '/' separators`)
    }
    if (!inZone(host, zone)) return withDetail(ERRORS.outsideZone, `prefix '${prefix}' is not in zone ${zone.name}`)
  }
  return undefined
}

function inZone(hostname: string, zone: CloudflareZone): boolean {
  const host = hostname.toLowerCase()
  const name = zone.name.toLowerCase()
  return host === name || host.endsWith(`.${name}`)
}

function invalid(detail: string): CloudflareError {
  return withDetail(ERRORS.invalidPurge, detail)
}

function withDetail(error: CloudflareError, detail: string): CloudflareError {
  return { code: error.code, message: `${error.message}: ${detail}` }
}

// ---------------------------------------------------------------- rate limit

class TokenBucket {
  private tokens: number
  private updatedAt = Date.now()

  constructor(private readonly limit: RateLimit) {
    this.tokens = limit.bucket
  }

  /** Takes `cost` tokens and returns 0, or returns the seconds until they will be there. */
  take(cost: number): number {
    const now = Date.now()
    this.tokens = Math.min(this.limit.bucket, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.ratePerSecond)
    this.updatedAt = now
    if (this.tokens >= cost) {
      this.tokens -= cost
      return 0
    }
    return (cost - this.tokens) / this.limit.ratePerSecond
  }
}

function purgeCost(body: Record<string, unknown>, limit: RateLimit | undefined): number {
  return limit?.costPerUrl && Array.isArray(body.files) ? body.files.length : 1
}

function rateLimited(waitSeconds: number, limit: RateLimit | undefined): Reply {
  const reply = failure(429, ERRORS.rateLimited)
  if (limit?.retryAfter !== false) reply.headers = { 'retry-after': String(Math.max(1, Math.ceil(waitSeconds))) }
  return reply
}

// ---------------------------------------------------------------- answers

function success(result: unknown, resultInfo?: Record<string, number>): Reply {
  const body: Record<string, unknown> = { success: true, errors: [], messages: [], result }
  if (resultInfo) body.result_info = resultInfo
  return { status: 200, body }
}

function failure(status: number, ...errors: CloudflareError[]): Reply {
  return { status, body: errorEnvelope(errors) }
}

function errorEnvelope(errors: CloudflareError[]): Record<string, unknown> {
  return { success: false, errors, messages: [], result: null }
}

// The default body of a `{status}` fault.
function errorForStatus(status: number): CloudflareError {
  if (status === 401 || status === 403) return ERRORS.authentication
  if (status === 429) return ERRORS.rateLimited
  return { code: status, message: http.STATUS_CODES[status] ?? 'Error' }
}





// ---------------------------------------------------------------- plumbing





function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}


