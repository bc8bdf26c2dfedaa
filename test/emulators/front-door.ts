// Loopback emulator of Azure Resource Manager for Front Door Standard/Premium purges
// (AFDEndpoints_PurgeContent) and their long-running operations, strict like the real one:
// Bearer token, api-version, the resource path, the body `{contentPaths, domains?}`, 202 with
// Azure-AsyncOperation and Location (signed URLs that must be polled as given), operations going
// InProgress -> Succeeded / Failed / Canceled, ARM's error envelope, 401/403/404/429.
// Spec: /work/shared/PROVIDERS-CLOUDS.md section 6 (afdx.json, azure-cli recordings, ARM RPC
// async-api-reference). Choices where Azure documents no wording are marked.
import { createHmac, randomUUID } from 'node:crypto'
import { ACCESS_TOKEN_KEY } from './entra.js'
import { verifyJwt } from './github-oidc.js'
import { startLoopback, type Fault as LoopbackFault, type RecordedRequest, type Reply } from './loopback.js'

export type { RecordedRequest } from './loopback.js'

export const API_VERSION = '2024-02-01'
const SUPPORTED_API_VERSIONS = ['2023-05-01', '2024-02-01', '2025-06-01']
export const DEFAULT_ARM_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.arm-static-token.signature0123456789'
export const MAX_PATHS = 100

export interface Endpoint {
  subscription: string
  resourceGroup: string
  profile: string
  endpoint: string
  /** The endpoint's domains: its own azurefd.net host and the custom domains on its routes. */
  domains: string[]
}

export const DEFAULT_ENDPOINT: Endpoint = {
  subscription: '00000000-1111-2222-3333-444444444444',
  resourceGroup: 'web-rg',
  profile: 'acme-fd',
  endpoint: 'acme-site',
  domains: ['acme-site-abc123.z01.azurefd.net', 'www.acme.test', 'static.acme.test'],
}

export type OperationStatus = 'Succeeded' | 'Failed' | 'Canceled'

export interface Purge {
  id: string
  contentPaths: string[]
  domains: string[] | undefined
  /** Polls answered so far. */
  polls: number
  outcome: OperationStatus
  status: 'InProgress' | OperationStatus
}

export type Fault =
  | LoopbackFault
  /** ARM's error envelope with this code (HTTP 400 unless given). */
  | { error: string; status?: number; message?: string; headers?: Record<string, string> }
  /** Accept the purge, then reset the connection before answering. */
  | { resetAfterAccept: true }

export interface FrontDoorEmulatorOptions {
  endpoints?: Endpoint[]
  /** Which Bearer tokens are valid (default: DEFAULT_ARM_TOKEN and any ARM token the Entra emulator issued). */
  acceptToken?: (token: string) => boolean
  /** Valid tokens whose identity lacks the purge permission. */
  forbiddenTokens?: string[]
  /** Operations answer InProgress this many times before their outcome. */
  pollsUntilDone?: number
  /** `Retry-After` on the 202 and on InProgress polls (absent, as in the azure-cli recordings, by default). */
  retryAfterSeconds?: number
  /** Sent on the 202: both headers (the default), or only one of them. */
  operationHeaders?: 'both' | 'azure-asyncoperation' | 'location'
  /** The origin operation URLs name (default: the emulator's own); the official client needs https. */
  publicOrigin?: string
}

export interface FrontDoorEmulator {
  url: string
  requests: RecordedRequest[]
  purges: Purge[]
  /** Outcomes of the next purges, in order (Succeeded when empty). */
  outcomes: OperationStatus[]
  faults: Fault[]
  pollFaults: Fault[]
  close(): Promise<void>
}

const operationKey = 'front-door-emulator-operation-signing'

export async function startFrontDoorEmulator(options: FrontDoorEmulatorOptions = {}): Promise<FrontDoorEmulator> {
  const endpoints = options.endpoints ?? [DEFAULT_ENDPOINT]
  const acceptToken = options.acceptToken ?? defaultAcceptToken
  const forbidden = new Set(options.forbiddenTokens ?? [])
  const pollsUntilDone = options.pollsUntilDone ?? 1
  const purges: Purge[] = []
  const outcomes: OperationStatus[] = []
  const faults: Fault[] = []
  const pollFaults: Fault[] = []
  const resetAfterAccept = new WeakSet<RecordedRequest>()

  const server = await startLoopback({
    faultFor(request) {
      const fault = request.method === 'POST' ? faults.shift() : pollFaults.shift()
      if (fault && 'error' in fault) return { status: fault.status ?? 400, body: JSON.stringify(armError(fault.error, fault.message ?? fault.error)), headers: fault.headers ?? {} }
      if (fault && 'resetAfterAccept' in fault) {
        resetAfterAccept.add(request)
        return undefined
      }
      return fault
    },
    errorBody: (status) => armError(status === 429 ? 'TooManyRequests' : status >= 500 ? 'InternalServerError' : 'BadRequest', `Emulated HTTP ${status}`),
    handle: (request, raw) => {
      const reply = route(request)
      if (resetAfterAccept.has(request) && reply.status === 202) {
        raw.socket.resetAndDestroy()
        return new Promise<Reply>(() => {})
      }
      return reply
    },
  })
  const origin = options.publicOrigin ?? server.url

  function route(request: RecordedRequest): Reply {
    const authProblem = authenticate(request)
    if (authProblem) return authProblem
    const apiVersion = request.query['api-version']
    if (apiVersion === undefined) return error(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.')
    if (!SUPPORTED_API_VERSIONS.includes(apiVersion)) {
      return error(400, 'InvalidApiVersionParameter', `The api-version '${apiVersion}' is invalid. The supported versions are '${SUPPORTED_API_VERSIONS.join(",")}'.`)
    }
    const purgeMatch = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cdn\/profiles\/([^/]+)\/afdEndpoints\/([^/]+)\/purge$/.exec(request.path)
    if (purgeMatch && request.method === 'POST') return purge(request, purgeMatch.slice(1).map(decodeURIComponent))
    const operationMatch = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Cdn\/locations\/global\/operationresults\/([0-9a-f-]{36})$/.exec(request.path)
    if (operationMatch && request.method === 'GET') return operation(request, operationMatch[2] ?? '')
    return error(404, 'NotFound', `No HTTP resource was found that matches the request URI '${request.path}'.`)
  }

  function authenticate(request: RecordedRequest): Reply | undefined {
    const authorization = request.headers.authorization
    if (authorization === undefined) return error(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.")
    const token = /^Bearer (\S+)$/.exec(authorization)?.[1]
    if (token === undefined) return error(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.")
    if (!acceptToken(token)) return error(401, 'InvalidAuthenticationToken', 'The access token is invalid.')
    if (forbidden.has(token) && request.method === 'POST') {
      return error(
        403,
        'AuthorizationFailed',
        `The client '${randomUUID()}' with object id '${randomUUID()}' does not have authorization to perform action 'Microsoft.Cdn/profiles/afdendpoints/purge/action' over scope '${request.path.replace(/\/purge$/, '')}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      )
    }
    return undefined
  }

  function purge(request: RecordedRequest, [subscription, resourceGroup, profile, endpointName]: string[]): Reply {
    const inSubscription = endpoints.filter((each) => each.subscription === subscription)
    if (inSubscription.length === 0) return error(404, 'SubscriptionNotFound', `The subscription '${subscription ?? ''}' could not be found.`)
    // Resource group names are case-insensitive in ARM.
    if (!inSubscription.some((each) => each.resourceGroup.toLowerCase() === resourceGroup?.toLowerCase())) {
      return error(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup ?? ''}' could not be found.`)
    }
    const endpoint = inSubscription.find(
      (each) => each.resourceGroup.toLowerCase() === resourceGroup?.toLowerCase() && each.profile.toLowerCase() === profile?.toLowerCase() && each.endpoint.toLowerCase() === endpointName?.toLowerCase(),
    )
    if (!endpoint) {
      return error(404, 'ResourceNotFound', `The Resource 'Microsoft.Cdn/profiles/${profile ?? ''}/afdEndpoints/${endpointName ?? ''}' under resource group '${resourceGroup ?? ''}' was not found.`)
    }
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      return error(415, 'UnsupportedMediaType', "The content media type '' is not supported. Only 'application/json' is supported.")
    }
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return error(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
    const fields = body as Record<string, unknown>
    const unknown = Object.keys(fields).filter((key) => key !== 'contentPaths' && key !== 'domains')
    // Chosen: ARM's deserializer refuses members the model does not have.
    if (unknown.length > 0) return error(400, 'InvalidRequestContent', `Could not find member '${unknown[0] ?? ''}' on object of type 'AfdPurgeParameters'.`)
    const { contentPaths, domains } = fields
    if (!Array.isArray(contentPaths) || contentPaths.length === 0 || !contentPaths.every((path) => typeof path === 'string')) {
      return error(400, 'BadRequest', 'ContentPaths is required and must be a non-empty list of paths.')
    }
    // Chosen wording: the limit is documented (100 URLs a call), the error is not.
    if (contentPaths.length > MAX_PATHS) return error(400, 'BadRequest', `A purge request can have at most ${MAX_PATHS} content paths.`)
    const badPath = (contentPaths as string[]).find((path) => !isValidPath(path))
    if (badPath !== undefined) return error(400, 'BadRequest', `The content path '${badPath}' is invalid.`)
    if (domains !== undefined) {
      if (!Array.isArray(domains) || !domains.every((domain) => typeof domain === 'string')) return error(400, 'InvalidRequestContent', 'domains must be a list of strings.')
      // Chosen: a domain not on the endpoint is refused (Azure's behaviour is UNCONFIRMED).
      const foreign = (domains as string[]).find((domain) => !endpoint.domains.includes(domain.toLowerCase()))
      if (foreign !== undefined) return error(400, 'BadRequest', `The domain '${foreign}' is not associated with the endpoint '${endpoint.endpoint}'.`)
    }
    const record: Purge = {
      id: randomUUID(),
      contentPaths: contentPaths as string[],
      domains: domains as string[] | undefined,
      polls: 0,
      outcome: outcomes.shift() ?? 'Succeeded',
      status: 'InProgress',
    }
    purges.push(record)
    const which = options.operationHeaders ?? 'both'
    const headers: Record<string, string> = {}
    if (which !== 'location') headers['azure-asyncoperation'] = operationUrl(endpoint.subscription, record.id, 'async')
    if (which !== 'azure-asyncoperation') headers.location = operationUrl(endpoint.subscription, record.id, 'location')
    if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds)
    return { status: 202, headers }
  }

  /** A signed operation URL, as ARM hands them out (about 2 KB in real life; the signature is checked). */
  function operationUrl(subscription: string, id: string, kind: 'async' | 'location'): string {
    const query = new URLSearchParams({ 'api-version': API_VERSION, t: String(Date.now()), c: 'MIIHhzCCBm-gAwIBAgITfAla', ...(kind === 'location' ? { operationResultResponseType: 'Location' } : {}) })
    query.set('s', sign(`${id}|${kind}|${query.get('t') ?? ''}`))
    query.set('h', 'emulated-hash')
    return `${origin}/subscriptions/${subscription}/providers/Microsoft.Cdn/locations/global/operationresults/${id}?${query.toString()}`
  }

  function operation(request: RecordedRequest, id: string): Reply {
    const kind = request.query.operationResultResponseType === 'Location' ? 'location' : 'async'
    // Chosen: an altered operation URL is refused (Azure's answer is UNCONFIRMED).
    if (request.query.s !== sign(`${id}|${kind}|${request.query.t ?? ''}`)) return error(400, 'InvalidOperationSignature', 'The operation URL signature is not valid.')
    const record = purges.find((each) => each.id === id)
    if (!record) return error(404, 'OperationNotFound', `The operation '${id}' could not be found.`)
    record.polls++
    if (record.polls > pollsUntilDone) record.status = record.outcome
    const retryAfter: Record<string, string> = options.retryAfterSeconds !== undefined ? { 'retry-after': String(options.retryAfterSeconds) } : {}
    if (kind === 'location') {
      if (record.status === 'InProgress') return { status: 202, headers: { ...retryAfter, location: request.path } }
      if (record.status === 'Succeeded') return { status: 204 }
      return error(400, record.status === 'Failed' ? 'PurgeFailed' : 'OperationCanceled', `The purge operation ${record.status === 'Failed' ? 'failed' : 'was canceled'}.`)
    }
    const body: Record<string, unknown> = { status: record.status, error: { code: 'None', message: null } }
    if (record.status === 'Failed') body.error = { code: 'PurgeFailed', message: 'The purge operation failed. Try again later.' }
    if (record.status === 'Canceled') body.error = { code: 'OperationCanceled', message: 'The purge operation was canceled.' }
    return { status: 200, headers: record.status === 'InProgress' ? retryAfter : {}, body }
  }

  return { url: server.url, requests: server.requests, purges, outcomes, faults, pollFaults, close: server.close }
}

function defaultAcceptToken(token: string): boolean {
  if (token === DEFAULT_ARM_TOKEN) return true
  const claims = verifyJwt(token, ACCESS_TOKEN_KEY)
  return claims?.aud === 'https://management.azure.com'
}

/** A path from the root; `*` only as the last character, right after a `/` (Azure's docs: `/pictures/*`). */
function isValidPath(path: string): boolean {
  if (!path.startsWith('/')) return false
  const star = path.indexOf('*')
  return star === -1 || (star === path.length - 1 && path[star - 1] === '/')
}

function sign(text: string): string {
  return createHmac('sha256', operationKey).update(text).digest('base64url')
}

function error(status: number, code: string, message: string): Reply {
  return { status, body: armError(code, message) }
}

export function armError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message } }
}
