// Loopback emulator of Google's token services, strict like the real ones, on one server:
// - Security Token Service `POST /v1/token` (sts.googleapis.com): RFC 8693 token exchange of a
//   GitHub OIDC token for a federated access token, sent as JSON camelCase (as
//   google-github-actions/auth does) or form-encoded snake_case (as google-auth-library does);
// - IAM Credentials `POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken`
//   (iamcredentials.googleapis.com): the federated token impersonates a service account;
// - OAuth 2.0 `POST /token` (oauth2.googleapis.com, a key file's `token_uri`): the JWT bearer
//   grant of a service account key, RS256-signed, verified with the account's public key.
// Spec: /work/shared/PROVIDERS-CLOUDS.md section 3; cloud.google.com/iam/docs/reference/sts/rest,
// .../credentials/rest/v1/projects.serviceAccounts/generateAccessToken; RFC 7523 (JWT bearer).
// The error wordings are the ones users' logs show (gga#60, #161, #340; terraform-example-
// foundation#1362); the audience and expiry wordings are chosen (not confirmed).
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto'
import { randomHex, startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt'
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform'

export const DEFAULT_PROVIDER = 'projects/123456789012/locations/global/workloadIdentityPools/github/providers/acme'
export const DEFAULT_SERVICE_ACCOUNT = 'cdn-purger@acme-site.iam.gserviceaccount.com'
export const DEFAULT_KEY_ACCOUNT = 'ci-key@acme-site.iam.gserviceaccount.com'

const providerPattern = /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/
const audienceHelp = 'See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.'

export interface WorkloadIdentityProvider {
  /** `projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<id>`. */
  name: string
  /** The provider's allowed audiences; empty means the default: `https://iam.googleapis.com/` + name (and `//iam...`). */
  allowedAudiences?: string[]
  /** The attribute condition, over the token's claims; absent means every token of the issuer. */
  condition?: (claims: Record<string, unknown>) => boolean
}

export interface ServiceAccountKey {
  email: string
  privateKeyPem: string
  privateKeyId: string
  publicKey: KeyObject
}

export interface ServiceAccountKeyFile {
  type: 'service_account'
  project_id: string
  private_key_id: string
  private_key: string
  client_email: string
  client_id: string
  auth_uri: string
  token_uri: string
  auth_provider_x509_cert_url: string
  client_x509_cert_url: string
  universe_domain: string
}

/** Who a token speaks for: a federated principal (`principal://...`) or a service account email. */
export interface IssuedToken {
  token: string
  principal: string
  kind: 'federated' | 'service-account'
  expiresAt: number
}

export interface GoogleAuthEmulatorOptions {
  /** Verifies a subject token (the GitHub OIDC emulator's `verifyJwt`): its claims, or undefined if forged or expired. */
  verifySubjectToken: (token: string) => Record<string, unknown> | undefined
  providers?: WorkloadIdentityProvider[]
  /** Service accounts that exist, and which principals may impersonate each (default: any federated principal). */
  serviceAccounts?: Record<string, { impersonators?: (principal: string) => boolean }>
}

export interface GoogleAuthEmulator {
  origin: string
  /** What a credentials file's `token_url` names: `<origin>/v1/token`. */
  stsUrl: string
  /** The IAM Credentials base: `<origin>/v1`. */
  iamCredentialsUrl: string
  /** A service account key file's `token_uri`: `<origin>/token`. */
  oauthTokenUrl: string
  requests: RecordedRequest[]
  issued: IssuedToken[]
  /** Faults for STS, IAM Credentials and OAuth token requests respectively. */
  stsFaults: Fault[]
  iamFaults: Fault[]
  oauthFaults: Fault[]
  /** A service account key (created on first use): `key.email` can sign in with `keyFile()`. */
  serviceAccountKey(): ServiceAccountKey
  /** A `service_account` key file, as the console downloads it, pointing at this emulator. */
  keyFile(key?: ServiceAccountKey): ServiceAccountKeyFile
  /** The principal a token speaks for, if the emulator issued it and it has not expired. */
  principalOf(token: string): string | undefined
  close(): Promise<void>
}

export async function startGoogleAuthEmulator(options: GoogleAuthEmulatorOptions): Promise<GoogleAuthEmulator> {
  const providers = options.providers ?? [{ name: DEFAULT_PROVIDER }]
  const serviceAccounts = options.serviceAccounts ?? { [DEFAULT_SERVICE_ACCOUNT]: {} }
  const issued: IssuedToken[] = []
  const keys = new Map<string, ServiceAccountKey>()
  const stsFaults: Fault[] = []
  const iamFaults: Fault[] = []
  const oauthFaults: Fault[] = []
  let defaultKey: ServiceAccountKey | undefined

  const server = await startLoopback({
    faultFor: (request) => (request.path === '/v1/token' ? stsFaults : request.path === '/token' ? oauthFaults : iamFaults).shift(),
    errorBody: (status) => googleError(status, status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE', `emulated ${status}`).body,
    handle(request) {
      if (request.method === 'POST' && request.path === '/v1/token') return exchange(request)
      if (request.method === 'POST' && request.path === '/token') return jwtBearer(request)
      const impersonation = /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(request.path)
      if (request.method === 'POST' && impersonation) return generateAccessToken(request, impersonation[1] ?? '', decodeURIComponent(impersonation[2] ?? ''))
      return googleError(404, 'NOT_FOUND', `The requested URL ${request.path} was not found on this server.`)
    },
  })

  function issue(principal: string, kind: IssuedToken['kind'], lifetimeSeconds: number): IssuedToken {
    const token = `ya29.${kind === 'federated' ? 'd.' : 'c.'}${randomHex(24)}`
    const record = { token, principal, kind, expiresAt: Date.now() + lifetimeSeconds * 1000 }
    issued.push(record)
    return record
  }

  function principalOf(token: string): string | undefined {
    const record = issued.find((each) => each.token === token)
    return record && record.expiresAt > Date.now() ? record.principal : undefined
  }

  function exchange(request: RecordedRequest): Reply {
    const fields = stsFields(request)
    if (typeof fields === 'string') return oauthError('invalid_request', fields)
    if (fields.grantType !== TOKEN_EXCHANGE_GRANT) return oauthError('unsupported_grant_type', `Unsupported grant type: ${String(fields.grantType)}`)
    if (fields.requestedTokenType !== ACCESS_TOKEN_TYPE) return oauthError('invalid_request', 'Invalid value for "requested_token_type".')
    if (fields.subjectTokenType !== JWT_TOKEN_TYPE && fields.subjectTokenType !== 'urn:ietf:params:oauth:token-type:id_token') {
      return oauthError('invalid_request', 'Invalid value for "subject_token_type".')
    }
    if (typeof fields.subjectToken !== 'string' || fields.subjectToken === '') return oauthError('invalid_request', 'Missing value for "subject_token".')
    const scopes = typeof fields.scope === 'string' ? fields.scope.split(' ').filter(Boolean) : []
    if (!scopes.includes(CLOUD_PLATFORM_SCOPE)) return oauthError('invalid_scope', `The scope must include ${CLOUD_PLATFORM_SCOPE} for a workload identity pool provider.`)

    const audience = typeof fields.audience === 'string' ? fields.audience : ''
    const name = audience.startsWith('//iam.googleapis.com/') ? audience.slice('//iam.googleapis.com/'.length) : ''
    if (!providerPattern.test(name)) {
      return oauthError('invalid_request', `Invalid value for "audience". This value should be the full resource name of the Identity Provider. ${audienceHelp}`)
    }
    const provider = providers.find((each) => each.name === name)
    if (!provider) {
      return oauthError(
        'invalid_target',
        "The target service indicated by the \"audience\" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn't exist.",
      )
    }
    const claims = options.verifySubjectToken(fields.subjectToken)
    if (!claims) return oauthError('invalid_grant', 'The ID Token has an invalid signature or has expired.')
    const allowed = provider.allowedAudiences?.length ? provider.allowedAudiences : [`https://iam.googleapis.com/${name}`, `//iam.googleapis.com/${name}`]
    if (typeof claims.aud !== 'string' || !allowed.includes(claims.aud)) {
      return oauthError('invalid_grant', `The audience in ID Token [${String(claims.aud)}] does not match the expected audience.`)
    }
    if (provider.condition && !provider.condition(claims)) return oauthError('unauthorized_client', 'The given credential is rejected by the attribute condition.')

    const pool = name.slice(0, name.indexOf('/providers/'))
    const record = issue(`principal://iam.googleapis.com/${pool}/subject/${String(claims.sub)}`, 'federated', 3600)
    return { status: 200, body: { access_token: record.token, issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', expires_in: 3599 } }
  }

  function generateAccessToken(request: RecordedRequest, project: string, email: string): Reply {
    const principal = principalOf(bearer(request))
    if (!principal) return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.')
    if (project !== '-') return googleError(400, 'INVALID_ARGUMENT', 'The project ID of a service account must be the wildcard "-".')
    if (!isJson(request)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.')
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.')
    const { scope, lifetime, delegates, ...rest } = body as Record<string, unknown>
    const unknown = Object.keys(rest)[0]
    if (unknown !== undefined) return googleError(400, 'INVALID_ARGUMENT', `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`)
    if (!Array.isArray(scope) || scope.length === 0 || !scope.every((each) => typeof each === 'string' && each !== '')) {
      return googleError(400, 'INVALID_ARGUMENT', 'Scope required.')
    }
    if (delegates !== undefined && !Array.isArray(delegates)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid value at \'delegates\'.')
    let seconds = 3600
    if (lifetime !== undefined) {
      const match = typeof lifetime === 'string' ? /^(\d{1,6})(\.\d{1,9})?s$/.exec(lifetime) : null
      if (!match) return googleError(400, 'INVALID_ARGUMENT', `Invalid value at 'lifetime' (type.googleapis.com/google.protobuf.Duration), ${JSON.stringify(lifetime)}`)
      seconds = Number(match[1])
      if (seconds > 3600) return googleError(400, 'INVALID_ARGUMENT', 'The lifetime of the token must be at most 3600 seconds.')
    }
    const account = serviceAccounts[email]
    if (!account || (account.impersonators && !account.impersonators(principal))) {
      return googleError(403, 'PERMISSION_DENIED', "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).", [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'IAM_PERMISSION_DENIED', domain: 'iam.googleapis.com', metadata: { permission: 'iam.serviceAccounts.getAccessToken' } },
      ])
    }
    const record = issue(email, 'service-account', seconds)
    return { status: 200, body: { accessToken: record.token, expireTime: new Date(record.expiresAt).toISOString().replace(/\.\d+Z$/, 'Z') } }
  }

  function jwtBearer(request: RecordedRequest): Reply {
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError('invalid_request', 'Invalid Content-Type: the body must be application/x-www-form-urlencoded.')
    }
    const form = new URLSearchParams(request.rawBody)
    if (form.get('grant_type') !== JWT_BEARER_GRANT) return oauthError('unsupported_grant_type', 'Invalid grant_type: ' + String(form.get('grant_type')))
    const assertion = form.get('assertion') ?? ''
    const [header, payload, signature] = assertion.split('.')
    if (header === undefined || payload === undefined || signature === undefined || assertion.split('.').length !== 3) {
      return oauthError('invalid_request', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.')
    }
    const head = parsePart(header)
    const claims = parsePart(payload)
    if (head?.alg !== 'RS256' || !claims) return oauthError('invalid_grant', 'Invalid JWT: the header must name alg RS256.')
    const key = typeof claims.iss === 'string' ? keys.get(claims.iss) : undefined
    if (!key) return oauthError('invalid_grant', 'Invalid grant: account not found')
    if (head.kid !== undefined && head.kid !== key.privateKeyId) return oauthError('invalid_grant', 'Invalid JWT Signature.')
    if (!verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key.publicKey, Buffer.from(signature, 'base64url'))) {
      return oauthError('invalid_grant', 'Invalid JWT Signature.')
    }
    // The key file's token_uri is this emulator; google-auth-library always names Google's.
    if (claims.aud !== `${server.origin}/token` && claims.aud !== 'https://oauth2.googleapis.com/token') return oauthError('invalid_grant', 'Invalid JWT: Failed audience check.')
    const now = Date.now() / 1000
    const { iat, exp } = claims
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600 || exp < now || iat > now + 300) {
      return oauthError('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.')
    }
    if (typeof claims.scope !== 'string' || claims.scope === '') return oauthError('invalid_scope', 'Invalid OAuth scope or ID token audience provided.')
    const record = issue(key.email, 'service-account', 3600)
    return { status: 200, body: { access_token: record.token, expires_in: 3599, token_type: 'Bearer' } }
  }

  function serviceAccountKey(): ServiceAccountKey {
    if (defaultKey) return defaultKey
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    defaultKey = {
      email: DEFAULT_KEY_ACCOUNT,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      privateKeyId: randomHex(20),
      publicKey,
    }
    keys.set(defaultKey.email, defaultKey)
    return defaultKey
  }

  return {
    origin: server.origin,
    stsUrl: `${server.origin}/v1/token`,
    iamCredentialsUrl: `${server.origin}/v1`,
    oauthTokenUrl: `${server.origin}/token`,
    requests: server.requests,
    issued,
    stsFaults,
    iamFaults,
    oauthFaults,
    serviceAccountKey,
    keyFile: (key = serviceAccountKey()) => ({
      type: 'service_account',
      project_id: 'acme-site',
      private_key_id: key.privateKeyId,
      private_key: key.privateKeyPem,
      client_email: key.email,
      client_id: '109876543210987654321',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: `${server.origin}/token`,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(key.email)}`,
      universe_domain: 'googleapis.com',
    }),
    principalOf,
    close: server.close,
  }
}

interface StsFields {
  grantType?: unknown
  requestedTokenType?: unknown
  subjectToken?: unknown
  subjectTokenType?: unknown
  audience?: unknown
  scope?: unknown
}

/** The request's fields, from JSON (camelCase) or a form (snake_case), or what is wrong with it. */
function stsFields(request: RecordedRequest): StsFields | string {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type === 'application/json') {
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Invalid JSON payload received.'
    const known = ['grantType', 'requestedTokenType', 'subjectToken', 'subjectTokenType', 'audience', 'scope', 'options']
    const unknown = Object.keys(body).find((key) => !known.includes(key))
    if (unknown !== undefined) return `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`
    return body as StsFields
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(request.rawBody)
    return {
      grantType: form.get('grant_type') ?? undefined,
      requestedTokenType: form.get('requested_token_type') ?? undefined,
      subjectToken: form.get('subject_token') ?? undefined,
      subjectTokenType: form.get('subject_token_type') ?? undefined,
      audience: form.get('audience') ?? undefined,
      scope: form.get('scope') ?? undefined,
    }
  }
  return 'Unsupported Content-Type: send application/json or application/x-www-form-urlencoded.'
}

function bearer(request: RecordedRequest): string {
  const value = request.headers.authorization ?? ''
  return value.startsWith('Bearer ') ? value.slice('Bearer '.length) : ''
}

function isJson(request: RecordedRequest): boolean {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json'
}

function parsePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** OAuth 2.0 error answer (RFC 6749 section 5.2), as STS and the token endpoint send it: 400. */
export function oauthError(error: string, description: string): Reply {
  return { status: 400, body: { error, error_description: description } }
}

/** Google API error answer (google.rpc.Status in JSON), as IAM Credentials sends it. */
export function googleError(code: number, status: string, message: string, details: unknown[] = []): Reply & { body: unknown } {
  return { status: code, body: { error: { code, message, status, ...(details.length ? { details } : {}) } } }
}
