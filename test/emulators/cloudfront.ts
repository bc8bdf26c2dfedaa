// Loopback emulator of the CloudFront invalidation API (CreateInvalidation, GetInvalidation),
// strict like the real one: it recomputes every AWS Signature V4 with the credentials it was
// given, and checks the XML body, the path rules, the CallerReference and the in-progress limits.
// Spec: /work/shared/PROVIDERS-MORE.md, section 3; the AWS docs named there. Where the real API's
// answer is not documented, the choice made here is written next to the code that makes it.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { startLoopback, type Fault as LoopbackFault, type RecordedRequest, type Reply } from './loopback.js'

export type { RecordedRequest } from './loopback.js'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** The shared faults, plus CloudFront's XML errors and a reset after the invalidation was made. */
export type Fault =
  | LoopbackFault
  /** An XML ErrorResponse with this code (HTTP 400 unless given): `Throttling`, `AccessDenied`... */
  | { error: string; status?: number; message?: string }
  /** Create the invalidation, then reset the connection before answering. */
  | { resetAfterCreate: true }

export interface Invalidation {
  distributionId: string
  id: string
  callerReference: string
  paths: string[]
  status: 'InProgress' | 'Completed'
  createTime: string
  polls: number
}

export interface CloudFrontEmulatorOptions {
  credentials?: AwsCredentials
  distributions?: string[]
  /** GetInvalidation answers InProgress this many times before Completed. */
  pollsUntilCompleted?: number
}

export interface CloudFrontEmulator {
  url: string
  requests: RecordedRequest[]
  /** Every invalidation created, in order. */
  invalidations: Invalidation[]
  /** Faults for CreateInvalidation requests, in order. */
  faults: Fault[]
  /** Faults for GetInvalidation requests, in order. */
  pollFaults: Fault[]
  close(): Promise<void>
}

export const API_VERSION = '2020-05-31'
export const NAMESPACE = `http://cloudfront.amazonaws.com/doc/${API_VERSION}/`
export const DEFAULT_CREDENTIALS: AwsCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789',
}
export const DEFAULT_DISTRIBUTIONS = ['E2QWRUHAPOMQZL', 'E1ABCDEF234567']
export const MAX_PATHS_IN_PROGRESS = 3_000
export const MAX_WILDCARDS_IN_PROGRESS = 15
export const MAX_PATH_LENGTH = 4_000
const MAX_CLOCK_SKEW_MS = 5 * 60_000

// Messages as CloudFront and the AWS request layer write them.
export const MESSAGES = {
  signature:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  missingToken: 'Missing Authentication Token',
  invalidToken: 'The security token included in the request is invalid.',
  invalidPaths: 'Your request contains one or more invalid invalidation paths.',
  tooMany: 'Processing your request will cause you to exceed the maximum number of in-progress invalidations.',
  throttling: 'Rate exceeded',
  noDistribution: 'The specified distribution does not exist.',
  noInvalidation: 'The specified invalidation does not exist.',
  inconsistent: 'The value of Quantity and the size of Items don\'t match.',
  alreadyExists: 'Batch already exists with the same CallerReference but different paths.',
  // Not documented: the emulator's words for a body it cannot read.
  malformed: 'Could not parse the request body as an InvalidationBatch.',
} as const

export async function startCloudFrontEmulator(options: CloudFrontEmulatorOptions = {}): Promise<CloudFrontEmulator> {
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS
  const distributions = options.distributions ?? DEFAULT_DISTRIBUTIONS
  const pollsUntilCompleted = options.pollsUntilCompleted ?? 1
  const invalidations: Invalidation[] = []
  const faults: Fault[] = []
  const pollFaults: Fault[] = []
  const ownFaults = new WeakMap<RecordedRequest, Fault>()

  const server = await startLoopback({
    faultFor(request) {
      const route = matchRoute(request.method, request.path)
      const fault = route.kind === 'create' ? faults.shift() : route.kind === 'get' ? pollFaults.shift() : undefined
      if (fault && ('error' in fault || 'resetAfterCreate' in fault)) {
        if ('error' in fault) return { status: fault.status ?? 400, body: errorXml(fault.error, fault.message ?? messageFor(fault.error)), headers: xmlHeaders }
        ownFaults.set(request, fault)
        return undefined
      }
      return fault
    },
    errorBody: (status) => errorXml(codeForStatus(status), messageFor(codeForStatus(status))),
    handle: (request, raw) => answer(request, raw),
  })

  function answer(request: RecordedRequest, raw: IncomingMessage): Reply | Promise<Reply> {
    const route = matchRoute(request.method, request.path)
    if (route.kind === 'none') return error(404, 'UnknownOperationException', `No operation for ${request.method} ${request.path}`)
    const problem = authenticate(request, credentials)
    if (problem) return problem
    if (!distributions.includes(route.distributionId)) return error(404, 'NoSuchDistribution', MESSAGES.noDistribution)
    if (route.kind === 'get') return getInvalidation(route.distributionId, route.invalidationId)
    const reply = createInvalidation(route.distributionId, request.rawBody)
    if (ownFaults.get(request)) {
      // The invalidation exists now; the client never hears so.
      raw.socket.resetAndDestroy()
      return new Promise<Reply>(() => {})
    }
    return reply
  }

  function createInvalidation(distributionId: string, rawBody: string): Reply {
    if (rawBody.trim() === '') return error(400, 'MissingBody', 'The request body is empty.')
    const batch = parseBatch(rawBody)
    if ('error' in batch) return batch.error
    const invalid = batch.paths.find((path) => !isValidItem(path))
    if (invalid !== undefined) return error(400, 'InvalidArgument', MESSAGES.invalidPaths)

    const mine = invalidations.filter((each) => each.distributionId === distributionId)
    const earlier = mine.find((each) => each.callerReference === batch.callerReference)
    if (earlier) {
      // Same reference and paths: the same invalidation again, nothing new made.
      if (sameItems(earlier.paths, batch.paths)) return created(earlier)
      return error(409, 'InvalidationBatchAlreadyExists', MESSAGES.alreadyExists)
    }
    // Not documented: whether tags count toward the limits. Here they count as paths.
    const inProgress = mine.filter((each) => each.status === 'InProgress').flatMap((each) => each.paths)
    const wildcards = (paths: string[]) => paths.filter((path) => path.endsWith('*')).length
    if (batch.paths.length > MAX_PATHS_IN_PROGRESS) return error(413, 'BatchTooLarge', 'Invalidation batch specified is too large.')
    if (
      inProgress.length - wildcards(inProgress) + batch.paths.length - wildcards(batch.paths) > MAX_PATHS_IN_PROGRESS ||
      wildcards(inProgress) + wildcards(batch.paths) > MAX_WILDCARDS_IN_PROGRESS
    ) {
      return error(400, 'TooManyInvalidationsInProgress', MESSAGES.tooMany)
    }
    const invalidation: Invalidation = {
      distributionId,
      id: `I${randomId(13)}`,
      callerReference: batch.callerReference,
      paths: batch.paths,
      status: 'InProgress',
      createTime: new Date().toISOString(),
      polls: 0,
    }
    invalidations.push(invalidation)
    return created(invalidation)
  }

  function getInvalidation(distributionId: string, invalidationId: string): Reply {
    const invalidation = invalidations.find((each) => each.distributionId === distributionId && each.id === invalidationId)
    if (!invalidation) return error(404, 'NoSuchInvalidation', MESSAGES.noInvalidation)
    invalidation.polls++
    if (invalidation.polls > pollsUntilCompleted) invalidation.status = 'Completed'
    return { status: 200, body: invalidationXml(invalidation), headers: xmlHeaders }
  }

  return { url: server.url, requests: server.requests, invalidations, faults, pollFaults, close: server.close }
}

// ---------------------------------------------------------------- routing

type Route =
  | { kind: 'create'; distributionId: string }
  | { kind: 'get'; distributionId: string; invalidationId: string }
  | { kind: 'none' }

function matchRoute(method: string, pathname: string): Route {
  const segments = pathname.split('/').slice(1)
  if (segments[0] !== API_VERSION || segments[1] !== 'distribution' || !segments[2] || segments[3] !== 'invalidation') return { kind: 'none' }
  const distributionId = decodeURIComponent(segments[2])
  if (segments.length === 4 && method === 'POST') return { kind: 'create', distributionId }
  if (segments.length === 5 && segments[4] && method === 'GET') return { kind: 'get', distributionId, invalidationId: decodeURIComponent(segments[4]) }
  return { kind: 'none' }
}

// ---------------------------------------------------------------- Signature V4

function authenticate(request: RecordedRequest, credentials: AwsCredentials): Reply | undefined {
  const authorization = request.headers.authorization
  if (authorization === undefined) return error(403, 'MissingAuthenticationToken', MESSAGES.missingToken, 'Sender')
  const parsed = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(authorization)
  if (!parsed) return error(400, 'IncompleteSignature', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`)
  const [, accessKeyId, day, region, service, signedHeaders = '', signature] = parsed
  if (accessKeyId !== credentials.accessKeyId) return error(403, 'InvalidClientTokenId', MESSAGES.invalidToken)
  if (credentials.sessionToken !== undefined && request.headers['x-amz-security-token'] !== credentials.sessionToken) {
    return error(403, 'InvalidClientTokenId', MESSAGES.invalidToken)
  }
  const amzDate = request.headers['x-amz-date'] ?? ''
  const signed = signedHeaders.split(';')
  if (!signed.includes('host') || !signed.includes('x-amz-date') || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return error(403, 'SignatureDoesNotMatch', MESSAGES.signature)
  }
  if (region !== 'us-east-1' || service !== 'cloudfront' || day !== amzDate.slice(0, 8)) {
    return error(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region and to the service 'cloudfront'.`)
  }
  const at = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`)
  if (Math.abs(Date.now() - at) > MAX_CLOCK_SKEW_MS) {
    return error(403, 'SignatureDoesNotMatch', `Signature expired: ${amzDate} is now earlier or later than the server time by more than 5 min.`)
  }
  const expected = sigV4Signature({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    signedHeaders: signed,
    body: request.rawBody,
    amzDate,
    region: region ?? '',
    service: service ?? '',
    secretAccessKey: credentials.secretAccessKey,
  })
  return expected === signature ? undefined : error(403, 'SignatureDoesNotMatch', MESSAGES.signature)
}

export interface SigV4Input {
  method: string
  /** As sent: already percent-encoded. */
  path: string
  query: Record<string, string>
  /** Lower-case names. */
  headers: Record<string, string>
  signedHeaders: string[]
  body: string
  amzDate: string
  region: string
  service: string
  secretAccessKey: string
}

/** AWS Signature V4 as the AWS docs define it, written here apart from the action's signer. */
export function sigV4Signature(input: SigV4Input): string {
  // Services other than S3 encode each path segment once more.
  const canonicalPath = input.path.split('/').map(rfc3986).join('/')
  const canonicalQuery = Object.entries(input.query)
    .map(([key, value]) => [rfc3986(key), rfc3986(value)])
    .sort(([a = '', x = ''], [b = '', y = '']) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&')
  const canonicalHeaders = input.signedHeaders.map((name) => `${name}:${(input.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('')
  const canonicalRequest = [input.method, canonicalPath, canonicalQuery, canonicalHeaders, input.signedHeaders.join(';'), sha256Hex(input.body)].join('\n')
  const day = input.amzDate.slice(0, 8)
  const scope = `${day}/${input.region}/${input.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  let key: Buffer = hmac(`AWS4${input.secretAccessKey}`, day)
  for (const part of [input.region, input.service, 'aws4_request']) key = hmac(key, part)
  return createHmac('sha256', key).update(stringToSign).digest('hex')
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest()
}

// ---------------------------------------------------------------- the body

const BATCH_PATTERN = new RegExp(
  '^(?:<\\?xml[^>]*\\?>)?\\s*' +
    `<InvalidationBatch xmlns="${NAMESPACE.replace(/[./]/g, '\\$&')}">\\s*` +
    '<Paths>\\s*<Quantity>(\\d+)</Quantity>\\s*(?:<Items>((?:\\s*<Path>[^<]*</Path>)*)\\s*</Items>)?\\s*</Paths>\\s*' +
    '<CallerReference>([^<]+)</CallerReference>\\s*</InvalidationBatch>\\s*$',
)

function parseBatch(rawBody: string): { paths: string[]; callerReference: string } | { error: Reply } {
  const match = BATCH_PATTERN.exec(rawBody)
  if (!match) return { error: error(400, 'MalformedInput', MESSAGES.malformed) }
  const paths = [...(match[2] ?? '').matchAll(/<Path>([^<]*)<\/Path>/g)].map((each) => unescapeXml(each[1] ?? ''))
  if (Number(match[1]) !== paths.length) return { error: error(400, 'InconsistentQuantities', MESSAGES.inconsistent) }
  if (paths.length === 0) return { error: error(400, 'InvalidArgument', MESSAGES.invalidPaths) }
  return { paths, callerReference: unescapeXml(match[3] ?? '') }
}

// Paths begin with "/", may end in "*" (nowhere else), hold only visible ASCII (what must be
// percent-encoded is), and a raw "~" is refused (reported: aws/aws-sdk-js-v3 #4042). Tags
// begin with "#": visible ASCII without comma or "*", at most 256 characters.
function isValidItem(item: string): boolean {
  if (item.startsWith('#')) return /^#[\x21-\x29\x2b\x2d-\x7e]{1,256}$/.test(item)
  if (!item.startsWith('/') || item.length > MAX_PATH_LENGTH || /[^\x21-\x7e]|~/.test(item)) return false
  const star = item.indexOf('*')
  return star === -1 || star === item.length - 1
}

function sameItems(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

// ---------------------------------------------------------------- answers

const xmlHeaders = { 'content-type': 'text/xml' }

function created(invalidation: Invalidation): Reply {
  return {
    status: 201,
    body: invalidationXml(invalidation),
    headers: {
      ...xmlHeaders,
      location: `https://cloudfront.amazonaws.com/${API_VERSION}/distribution/${invalidation.distributionId}/invalidation/${invalidation.id}`,
    },
  }
}

function invalidationXml(invalidation: Invalidation): string {
  const items = invalidation.paths.map((path) => `<Path>${escapeXml(path)}</Path>`).join('')
  return (
    `<?xml version="1.0"?>\n<Invalidation xmlns="${NAMESPACE}"><Id>${invalidation.id}</Id><Status>${invalidation.status}</Status>` +
    `<CreateTime>${invalidation.createTime}</CreateTime><InvalidationBatch><Paths><Quantity>${invalidation.paths.length}</Quantity>` +
    `<Items>${items}</Items></Paths><CallerReference>${escapeXml(invalidation.callerReference)}</CallerReference></InvalidationBatch></Invalidation>`
  )
}

function error(status: number, code: string, message: string, type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender'): Reply {
  return { status, body: errorXml(code, message, type), headers: xmlHeaders }
}

export function errorXml(code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return (
    `<?xml version="1.0"?>\n<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${code}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomBytes(16).toString('hex')}</RequestId></ErrorResponse>`
  )
}

// The body of a `{status}` fault. CloudFront itself never answers 429 (it says Throttling with
// 400); a 429 here stands for a proxy or gateway in between.
function codeForStatus(status: number): string {
  if (status === 429) return 'Throttling'
  if (status === 403) return 'AccessDenied'
  if (status === 503) return 'ServiceUnavailable'
  if (status >= 500) return 'InternalError'
  return 'InvalidArgument'
}

function messageFor(code: string): string {
  if (code === 'Throttling') return MESSAGES.throttling
  if (code === 'TooManyInvalidationsInProgress') return MESSAGES.tooMany
  if (code === 'ServiceUnavailable' || code === 'InternalError') return 'CloudFront encountered an internal error. Please try again.'
  if (code === 'AccessDenied') return 'User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: cloudfront:CreateInvalidation'
  return MESSAGES.invalidPaths
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

function unescapeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_entity: string, name: string) => named[name] ?? '')
}

function randomId(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('')
}
