// Loopback emulator of the Microsoft Entra token endpoint for a client credentials grant with a
// federated client assertion (a GitHub OIDC token), strict like the real one: the form fields,
// a `/.default` scope, the app in the tenant, and the app's federated credentials (issuer,
// subject case-sensitively, audience). It also serves the metadata MSAL reads first, so the
// official client (@azure/identity) can be pointed at it.
// Spec: /work/shared/PROVIDERS-CLOUDS.md section 5. AADSTS codes as Entra sends them (quoted in
// Azure/login and azure-workload-identity issues); the HTTP status per code is chosen (400 for
// invalid_request, 401 for invalid_client) where it is not documented.
import { randomUUID } from 'node:crypto'
import { DEFAULT_SIGNING_KEY, GITHUB_OIDC_ISSUER, mintJwt, verifyJwt } from './github-oidc.js'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export const DEFAULT_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47'
export const DEFAULT_CLIENT = '04b07795-8ddb-461a-bbee-02f9e1bf7b46'
export const ARM_SCOPE = 'https://management.azure.com/.default'
export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
/** The key the access tokens are signed with, so the ARM emulator can tell them apart. */
export const ACCESS_TOKEN_KEY = 'entra-emulator-access-token-key'

export interface FederatedCredential {
  issuer: string
  subject: string
  audience: string
}

export interface App {
  tenant: string
  clientId: string
  federatedCredentials: FederatedCredential[]
}

export interface IssuedToken {
  tenant: string
  clientId: string
  scope: string
  subject: string
  accessToken: string
}

export interface EntraEmulatorOptions {
  apps?: App[]
  /** The key the GitHub OIDC emulator signs with. */
  signingKey?: string
  /**
   * The origin the metadata names (default: the emulator's own). MSAL takes only an https
   * authority, so the official client's check gives it one and routes it here.
   */
  publicOrigin?: string
}

export interface EntraEmulator {
  /** The authority host: `{url}/{tenant}/oauth2/v2.0/token`. */
  url: string
  requests: RecordedRequest[]
  issued: IssuedToken[]
  apps: App[]
  faults: Fault[]
  close(): Promise<void>
}

export const DEFAULT_APP: App = {
  tenant: DEFAULT_TENANT,
  clientId: DEFAULT_CLIENT,
  federatedCredentials: [{ issuer: GITHUB_OIDC_ISSUER, subject: 'repo:acme/site:ref:refs/heads/main', audience: 'api://AzureADTokenExchange' }],
}

interface Refusal {
  status: number
  error: string
  code: number
  description: string
}

export async function startEntraEmulator(options: EntraEmulatorOptions = {}): Promise<EntraEmulator> {
  const apps = options.apps ?? [structuredClone(DEFAULT_APP)]
  const signingKey = options.signingKey ?? DEFAULT_SIGNING_KEY
  const issued: IssuedToken[] = []
  const faults: Fault[] = []

  const server = await startLoopback({
    faultFor: (request) => (request.method === 'POST' ? faults.shift() : undefined),
    errorBody: (status) => refusalBody({ error: 'temporarily_unavailable', code: 50012, description: `AADSTS50012: emulated HTTP ${status}` }),
    handle: (request) => route(request),
  })
  const origin = options.publicOrigin ?? server.url

  function route(request: RecordedRequest): Reply {
    const parts = request.path.split('/').filter(Boolean)
    const tenant = decodeURIComponent(parts[0] ?? '')
    if (request.method === 'POST' && parts.length === 4 && parts[1] === 'oauth2' && parts[2] === 'v2.0' && parts[3] === 'token') return token(tenant, request)
    if (request.method === 'GET' && request.path.endsWith('/v2.0/.well-known/openid-configuration') && parts.length === 4) return metadata(tenant)
    if (request.method === 'GET' && request.path === '/common/discovery/instance') {
      const host = new URL(origin).host
      return { status: 200, body: { tenant_discovery_endpoint: `${origin}/{tenant}/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }] } }
    }
    return { status: 404, body: { error: 'not_found', error_description: `No route for ${request.method} ${request.path}` } }
  }

  function metadata(tenant: string): Reply {
    if (!apps.some((app) => app.tenant === tenant)) return refuse(tenantNotFound(tenant))
    return {
      status: 200,
      body: {
        token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
        authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
        issuer: `${origin}/${tenant}/v2.0`,
        jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        response_modes_supported: ['query', 'fragment', 'form_post'],
      },
    }
  }

  function token(tenant: string, request: RecordedRequest): Reply {
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
      return refuse({ status: 400, error: 'invalid_request', code: 900144, description: "AADSTS900144: The request body must contain the following parameter: 'grant_type'." })
    }
    const form = new URLSearchParams(request.rawBody)
    for (const name of ['grant_type', 'client_id', 'scope', 'client_assertion_type', 'client_assertion']) {
      if (!form.get(name)) return refuse({ status: 400, error: 'invalid_request', code: 900144, description: `AADSTS900144: The request body must contain the following parameter: '${name}'.` })
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return refuse({ status: 400, error: 'unsupported_grant_type', code: 70003, description: 'AADSTS70003: The app requested an unsupported grant type.' })
    }
    if (!apps.some((app) => app.tenant === tenant)) return refuse(tenantNotFound(tenant))
    const clientId = form.get('client_id') ?? ''
    const app = apps.find((each) => each.tenant === tenant && each.clientId === clientId)
    if (!app) {
      return refuse({
        status: 400,
        error: 'unauthorized_client',
        code: 700016,
        description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
      })
    }
    const scope = form.get('scope') ?? ''
    const scopes = scope.split(' ').filter(Boolean)
    if (scopes.length !== 1 || !scopes[0]?.endsWith('/.default')) {
      return refuse({ status: 400, error: 'invalid_scope', code: 70011, description: `AADSTS70011: The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.` })
    }
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) {
      return refuse({ status: 400, error: 'invalid_request', code: 700020, description: `AADSTS700020: The client_assertion_type must be '${ASSERTION_TYPE}'.` })
    }
    const refusal = checkAssertion(app, form.get('client_assertion') ?? '')
    if (typeof refusal !== 'string') return refuse(refusal)
    const accessToken = mintJwt({ iss: `https://sts.windows.net/${tenant}/`, sub: clientId, aud: scopes[0].slice(0, -'/.default'.length) }, ACCESS_TOKEN_KEY)
    issued.push({ tenant, clientId, scope, subject: refusal, accessToken })
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } }
  }

  /** The assertion's subject when an app's federated credential accepts it; the refusal otherwise. */
  function checkAssertion(app: App, assertion: string): string | Refusal {
    const claims = verifyJwt(assertion, signingKey)
    if (!claims) return { status: 401, error: 'invalid_client', code: 700027, description: 'AADSTS700027: Client assertion failed signature validation.' }
    const [issuer, subject, audience] = [String(claims.iss), String(claims.sub), String(claims.aud)]
    const byIssuer = app.federatedCredentials.filter((each) => each.issuer === issuer)
    if (byIssuer.length === 0) {
      return { status: 401, error: 'invalid_client', code: 700211, description: `AADSTS700211: No matching federated identity record found for presented assertion issuer '${issuer}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.` }
    }
    const bySubject = byIssuer.filter((each) => each.subject === subject)
    if (bySubject.length === 0) {
      if (byIssuer.some((each) => each.subject.toLowerCase() === subject.toLowerCase())) {
        return { status: 401, error: 'invalid_client', code: 7002138, description: `AADSTS7002138: No matching federated identity record found for presented assertion subject '${subject}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison.` }
      }
      return { status: 401, error: 'invalid_client', code: 700213, description: `AADSTS700213: No matching federated identity record found for presented assertion subject '${subject}'. Please note that the matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.` }
    }
    if (!bySubject.some((each) => each.audience === audience)) {
      return { status: 401, error: 'invalid_client', code: 700212, description: `AADSTS700212: No matching federated identity record found for presented assertion audience '${audience}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.` }
    }
    return subject
  }

  return { url: server.url, requests: server.requests, issued, apps, faults, close: server.close }
}

function tenantNotFound(tenant: string): Refusal {
  return {
    status: 400,
    error: 'invalid_request',
    code: 90002,
    description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  }
}

function refuse(refusal: Refusal): Reply {
  return { status: refusal.status, body: refusalBody(refusal) }
}

export function refusalBody(refusal: Omit<Refusal, 'status'>): Record<string, unknown> {
  const traceId = randomUUID()
  const correlationId = randomUUID()
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')
  return {
    error: refusal.error,
    error_description: `${refusal.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [refusal.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${refusal.code}`,
  }
}
