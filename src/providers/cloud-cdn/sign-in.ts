import { createSign } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { bodySnippet, type Answer, type HttpClient } from '../../http/client.js'
import { quote } from '../../inputs/lists.js'
import { registerSecret } from '../../secrets.js'
import { readClaims, requestOidcToken } from '../../sign-in/github-oidc.js'

/**
 * Signs in to Google Cloud for the Compute API, in the contract's order: `token` (an OAuth 2.0
 * access token); else `workload-identity-provider` (the job's GitHub OIDC token exchanged at
 * Google STS, then, with `service-account`, an access token for that account from IAM
 * Credentials); else the file named by GOOGLE_APPLICATION_CREDENTIALS (`external_account`, as
 * google-github-actions/auth writes it, or a `service_account` key). Written by hand on
 * node:crypto and the action's HttpClient (so the exchanges get its retries, `timeout` and
 * proxy) rather than google-auth-library, which brings its own HTTP stack and ~1 MB.
 * Every token is masked the moment it exists. Facts: shared/PROVIDERS-CLOUDS.md §1, §3.
 */

export interface GoogleSignInInputs {
  token?: string | undefined
  workloadIdentityProvider?: string | undefined
  serviceAccount?: string | undefined
}

export type Env = Readonly<Record<string, string | undefined>>

export type SignInResult =
  | { ok: true; accessToken: string; via: string }
  /** `input`: a setup problem found before anything was sent; else Google refused (or did not answer). */
  | { ok: false; error: string; input?: true }

export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform'
const tokenExchangeGrant = 'urn:ietf:params:oauth:grant-type:token-exchange'
const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token'
const jwtTokenType = 'urn:ietf:params:oauth:token-type:jwt'
const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

const providerPattern = /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([a-z0-9-]{4,32})\/providers\/([a-z0-9-]{4,32})$/
const serviceAccountPattern = /^[a-z0-9-]{1,100}@[a-z0-9.-]{1,200}\.gserviceaccount\.com$/
/** A credentials file or a subject token source is small; anything bigger is not one. */
const maxFileBytes = 64 * 1024
const maxAnswerChars = 64 * 1024

export const signInWays =
  '`token` (an OAuth 2.0 access token), `workload-identity-provider` (keyless: the job needs `permissions: id-token: write`), ' +
  'or a GOOGLE_APPLICATION_CREDENTIALS file (as google-github-actions/auth writes it)'

/**
 * Google's token endpoints. Tests (and nothing else) point them elsewhere with
 * CDN_PURGE_GOOGLE_STS_URL, CDN_PURGE_GOOGLE_IAM_CREDENTIALS_URL and CDN_PURGE_GOOGLE_OAUTH_TOKEN_URL.
 */
export interface GoogleEndpoints {
  sts: string
  iamCredentials: string
  oauthToken: string
}

export function googleEndpoints(env: Env): GoogleEndpoints {
  return {
    sts: env.CDN_PURGE_GOOGLE_STS_URL || 'https://sts.googleapis.com/v1/token',
    iamCredentials: (env.CDN_PURGE_GOOGLE_IAM_CREDENTIALS_URL || 'https://iamcredentials.googleapis.com/v1').replace(/\/+$/, ''),
    oauthToken: env.CDN_PURGE_GOOGLE_OAUTH_TOKEN_URL || 'https://oauth2.googleapis.com/token',
  }
}

/**
 * Whether a URL read from a credentials file may receive a token: https on a googleapis.com host
 * (Private Service Connect names included), or the origin of an endpoint override. A file that
 * names any other host could send the job's OIDC token or a key's assertion there, the risk
 * google-auth-library warns of ("credential configurations with malicious URLs").
 */
export function isTrustedGoogleUrl(url: string, endpoints: GoogleEndpoints): boolean {
  const parsed = URL.parse(url)
  if (!parsed) return false
  if (parsed.protocol === 'https:' && (parsed.hostname === 'googleapis.com' || parsed.hostname.endsWith('.googleapis.com'))) return true
  return [endpoints.sts, endpoints.iamCredentials, endpoints.oauthToken].some((endpoint) => URL.parse(endpoint)?.origin === parsed.origin)
}

/** Input errors in the sign-in inputs' form, found before anything is sent (dry-run too). */
export function signInInputErrors(inputs: GoogleSignInInputs, env: Env): string[] {
  const errors: string[] = []
  if (inputs.workloadIdentityProvider !== undefined && !providerPattern.test(inputs.workloadIdentityProvider)) {
    const given = inputs.workloadIdentityProvider
    const hint = given.startsWith('//') || given.startsWith('https:')
      ? ' (without the //iam.googleapis.com/ prefix)'
      : /^projects\/[^/]*[a-z][^/]*\//.test(given)
        ? ' (the project NUMBER, not its ID: `gcloud projects describe PROJECT_ID --format="value(projectNumber)"`)'
        : ''
    errors.push(
      `input workload-identity-provider: expected the provider's full name, projects/<project number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>${hint}, got ${quote(given)}`,
    )
  }
  if (inputs.serviceAccount !== undefined) {
    if (!serviceAccountPattern.test(inputs.serviceAccount)) {
      errors.push(`input service-account: expected a service account email (name@project.iam.gserviceaccount.com), got ${quote(inputs.serviceAccount)}`)
    } else if (inputs.workloadIdentityProvider === undefined) {
      errors.push('input service-account: it is impersonated through workload identity federation: give `workload-identity-provider` too')
    }
  }
  for (const name of ['CDN_PURGE_GOOGLE_STS_URL', 'CDN_PURGE_GOOGLE_IAM_CREDENTIALS_URL', 'CDN_PURGE_GOOGLE_OAUTH_TOKEN_URL']) {
    const value = env[name]
    if (value && !/^https?:$/.test(URL.parse(value)?.protocol ?? '')) errors.push(`${name} must be an http(s) URL, got ${quote(value)}`)
  }
  return errors
}

/** Signs in the first way the inputs and environment offer, and returns an access token (masked). */
export async function signIn(http: HttpClient, inputs: GoogleSignInInputs, env: Env): Promise<SignInResult> {
  const endpoints = googleEndpoints(env)
  if (inputs.token !== undefined && inputs.token !== '') {
    registerSecret(inputs.token)
    return { ok: true, accessToken: inputs.token, via: 'token' }
  }
  if (inputs.workloadIdentityProvider !== undefined) {
    return signInWithWorkloadIdentity(http, endpoints, inputs.workloadIdentityProvider, inputs.serviceAccount, env)
  }
  const file = env.GOOGLE_APPLICATION_CREDENTIALS
  if (file) return signInWithCredentialsFile(http, endpoints, file)
  return { ok: false, input: true, error: `input token: cloud-cdn needs a way to sign in to Google Cloud: ${signInWays}` }
}

async function signInWithWorkloadIdentity(http: HttpClient, endpoints: GoogleEndpoints, provider: string, serviceAccount: string | undefined, env: Env): Promise<SignInResult> {
  const oidc = await requestOidcToken(http, `https://iam.googleapis.com/${provider}`, env, 'workload-identity-provider')
  if (!oidc.ok) return { ok: false, error: oidc.error, ...(oidc.error.includes('id-token: write') ? { input: true as const } : {}) }
  const federated = await exchangeToken(http, endpoints.sts, { audience: `//iam.googleapis.com/${provider}`, subjectToken: oidc.token, subjectTokenType: jwtTokenType }, oidc.subject)
  if (!federated.ok || serviceAccount === undefined) return federated.ok ? { ...federated, via: `workload-identity-provider ${provider}` } : federated
  const impersonated = await generateAccessToken(http, `${endpoints.iamCredentials}/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken`, serviceAccount, federated.accessToken, 3600)
  return impersonated.ok ? { ...impersonated, via: `workload-identity-provider ${provider} as ${serviceAccount}` } : impersonated
}

/** The STS token exchange (RFC 8693), sent as JSON camelCase like google-github-actions/auth does. */
async function exchangeToken(
  http: HttpClient,
  url: string,
  request: { audience: string; subjectToken: string; subjectTokenType: string },
  subject: string | undefined,
): Promise<SignInResult> {
  const body = JSON.stringify({
    grantType: tokenExchangeGrant,
    requestedTokenType: accessTokenType,
    subjectToken: request.subjectToken,
    subjectTokenType: request.subjectTokenType,
    audience: request.audience,
    scope: cloudPlatformScope,
  })
  return postForToken(http, { url, body, contentType: 'application/json' }, 'access_token', (answer) => {
    const { error, description } = readOAuthError(answer.body)
    return `Google STS refused the token exchange (HTTP ${answer.status}): ${error}: ${description}${exchangeHint(error, description, request.audience, subject)}`
  }).then((result) => (result.ok ? { ...result, via: 'workload identity federation' } : result))
}

/** What usually causes each refusal, worded for the person who set the pool up. */
function exchangeHint(error: string, description: string, audience: string, subject: string | undefined): string {
  const provider = audience.replace(/^\/\/iam\.googleapis\.com\//, '')
  const token = subject === undefined ? "this job's token" : `this job's token (sub ${quote(subject)})`
  if (error === 'unauthorized_client') {
    return ` (hint: the provider's attribute condition rejects ${token}; make it accept this repository, e.g. assertion.repository == 'OWNER/REPO', and check any ref or environment it names)`
  }
  if (error === 'invalid_target') return ` (hint: the pool or provider ${quote(provider)} does not exist or is disabled; check the project number, pool and provider IDs)`
  if (error === 'invalid_grant' && /audience/i.test(description)) {
    return ` (hint: the provider's allowed audiences must include https://iam.googleapis.com/${provider}, the default when it lists none)`
  }
  if (error === 'invalid_grant') return ` (hint: the provider's issuer must be https://token.actions.githubusercontent.com, and ${token} must not have expired)`
  if (error === 'invalid_request' && /audience/i.test(description)) return ' (hint: workload-identity-provider must be the full provider name, with the project number)'
  return ''
}

async function generateAccessToken(http: HttpClient, url: string, serviceAccount: string, federatedToken: string, lifetimeSeconds: number): Promise<SignInResult> {
  const body = JSON.stringify({ scope: [cloudPlatformScope], lifetime: `${lifetimeSeconds}s` })
  const result = await postForToken(http, { url, body, contentType: 'application/json', bearer: federatedToken }, 'accessToken', (answer) => {
    const { status, message } = readRpcError(answer.body)
    const hint =
      answer.status === 403
        ? ` (hint: grant this repository's principals in the pool roles/iam.workloadIdentityUser on ${serviceAccount}, and check the account exists)`
        : ''
    return `IAM Credentials refused an access token for ${serviceAccount} (HTTP ${answer.status}): ${status}: ${message}${hint}`
  })
  return result.ok ? { ...result, via: `service account ${serviceAccount}` } : result
}

/** POSTs to a token endpoint and reads `field` from a success; the token is masked before anything else. */
async function postForToken(
  http: HttpClient,
  request: { url: string; body: string; contentType: string; bearer?: string },
  field: string,
  refusal: (answer: Answer) => string,
): Promise<SignInResult> {
  let token: string | undefined
  const headers: Record<string, string> = { 'content-type': request.contentType, accept: 'application/json' }
  if (request.bearer !== undefined) headers.authorization = `Bearer ${request.bearer}`
  const { verdict } = await http.send({ url: request.url, method: 'POST', headers, body: request.body }, (answer) => {
    const value = answer.body.length > maxAnswerChars ? undefined : readField(answer.body, field)
    if (value !== undefined) registerSecret(value)
    if (answer.status >= 200 && answer.status < 300 && value !== undefined) {
      token = value
      return { ok: true }
    }
    if (answer.status === 408 || answer.status === 429 || answer.status >= 500) return { ok: false, error: `HTTP ${answer.status} from ${new URL(request.url).host}: ${bodySnippet(answer.body)}` }
    if (answer.status >= 200 && answer.status < 300) return { ok: false, error: `HTTP ${answer.status} from ${new URL(request.url).host}, no ${field} in the answer`, retryable: false }
    return { ok: false, error: refusal(answer), retryable: false }
  })
  if (!verdict.ok || token === undefined) return { ok: false, error: verdict.ok ? `no ${field}` : verdict.error }
  return { ok: true, accessToken: token, via: '' }
}

function readField(body: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(body) as Record<string, unknown> | null)?.[field]
    return typeof value === 'string' && value !== '' && value.length <= 8192 ? value : undefined
  } catch {
    return undefined
  }
}

/** `{"error", "error_description"}` (RFC 6749 §5.2), as STS and the OAuth endpoint answer a refusal. */
function readOAuthError(body: string): { error: string; description: string } {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown } | null
    if (typeof parsed?.error === 'string') {
      return { error: bodySnippet(parsed.error), description: typeof parsed.error_description === 'string' ? bodySnippet(parsed.error_description) : '(no description)' }
    }
  } catch {
    // not JSON: a snippet below
  }
  return { error: 'error', description: bodySnippet(body) }
}

/** `{"error": {"code", "message", "status"}}`, as IAM Credentials answers a refusal. */
function readRpcError(body: string): { status: string; message: string } {
  try {
    const error = (JSON.parse(body) as { error?: { status?: unknown; message?: unknown } } | null)?.error
    if (typeof error?.message === 'string') return { status: typeof error.status === 'string' ? bodySnippet(error.status) : 'ERROR', message: bodySnippet(error.message) }
  } catch {
    // not JSON: a snippet below
  }
  return { status: 'ERROR', message: bodySnippet(body) }
}

// ---- GOOGLE_APPLICATION_CREDENTIALS ----

interface ExternalAccountFile {
  type: 'external_account'
  audience?: unknown
  subject_token_type?: unknown
  token_url?: unknown
  service_account_impersonation_url?: unknown
  service_account_impersonation?: { token_lifetime_seconds?: unknown }
  credential_source?: {
    url?: unknown
    file?: unknown
    headers?: unknown
    format?: { type?: unknown; subject_token_field_name?: unknown }
    [other: string]: unknown
  }
  universe_domain?: unknown
}

interface ServiceAccountFile {
  type: 'service_account'
  client_email?: unknown
  private_key?: unknown
  private_key_id?: unknown
  token_uri?: unknown
  universe_domain?: unknown
}

async function signInWithCredentialsFile(http: HttpClient, endpoints: GoogleEndpoints, path: string): Promise<SignInResult> {
  const source = `GOOGLE_APPLICATION_CREDENTIALS (${path})`
  const text = await readSmallFile(path)
  if ('error' in text) return { ok: false, input: true, error: `${source}: ${text.error}` }
  let parsed: unknown
  try {
    parsed = JSON.parse(text.content)
  } catch {
    return { ok: false, input: true, error: `${source} is not a JSON credentials file` }
  }
  const type = (parsed as { type?: unknown } | null)?.type
  const universe = (parsed as { universe_domain?: unknown } | null)?.universe_domain
  if (universe !== undefined && universe !== 'googleapis.com') {
    return { ok: false, input: true, error: `${source}: universe_domain ${quote(String(universe))} is not covered (only the public cloud, googleapis.com)` }
  }
  if (type === 'external_account') return signInWithExternalAccount(http, endpoints, parsed as ExternalAccountFile, source)
  if (type === 'service_account') return signInWithServiceAccountKey(http, endpoints, parsed as ServiceAccountFile, source)
  return {
    ok: false,
    input: true,
    error: `${source}: credentials of type ${quote(String(type))} are not supported; use an external_account file (google-github-actions/auth) or a service_account key, or the input workload-identity-provider`,
  }
}

async function readSmallFile(path: string): Promise<{ content: string } | { error: string }> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return { error: 'not a file' }
    if (info.size > maxFileBytes) return { error: `larger than ${maxFileBytes} bytes, not a credentials file` }
    return { content: await readFile(path, 'utf8') }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    return { error: code === 'ENOENT' ? 'no such file' : `unreadable (${typeof code === 'string' ? code : 'error'})` }
  }
}

async function signInWithExternalAccount(http: HttpClient, endpoints: GoogleEndpoints, file: ExternalAccountFile, source: string): Promise<SignInResult> {
  const problem = (text: string): SignInResult => ({ ok: false, input: true, error: `${source}: ${text}` })
  const audience = typeof file.audience === 'string' ? file.audience : ''
  if (!audience.startsWith('//iam.googleapis.com/')) return problem('its audience is not a //iam.googleapis.com/ workload identity provider')
  const subjectTokenType = typeof file.subject_token_type === 'string' ? file.subject_token_type : jwtTokenType
  const tokenUrl = typeof file.token_url === 'string' ? file.token_url : endpoints.sts
  if (!isTrustedGoogleUrl(tokenUrl, endpoints)) return problem(`token_url ${quote(tokenUrl)} is not a googleapis.com https URL; refusing to send a token there`)
  const impersonationUrl = file.service_account_impersonation_url
  let serviceAccount: string | undefined
  if (impersonationUrl !== undefined) {
    serviceAccount = typeof impersonationUrl === 'string' ? /\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(impersonationUrl)?.[1] : undefined
    if (serviceAccount === undefined) return problem('service_account_impersonation_url is not an IAM Credentials generateAccessToken URL')
    if (!isTrustedGoogleUrl(impersonationUrl as string, endpoints)) {
      return problem(`service_account_impersonation_url ${quote(impersonationUrl as string)} is not a googleapis.com https URL; refusing to send a token there`)
    }
  }
  const lifetime = file.service_account_impersonation?.token_lifetime_seconds
  const lifetimeSeconds = typeof lifetime === 'number' && Number.isInteger(lifetime) && lifetime >= 600 && lifetime <= 43_200 ? lifetime : 3600

  const subjectToken = await readSubjectToken(http, file.credential_source)
  if ('error' in subjectToken) return { ok: false, error: `${source}: ${subjectToken.error}`, ...(subjectToken.input ? { input: true as const } : {}) }
  const federated = await exchangeToken(http, tokenUrl, { audience, subjectToken: subjectToken.token, subjectTokenType }, readClaims(subjectToken.token).sub)
  if (!federated.ok || serviceAccount === undefined) return federated.ok ? { ...federated, via: `${source}, workload identity federation` } : federated
  const impersonated = await generateAccessToken(http, impersonationUrl as string, decodeURIComponent(serviceAccount), federated.accessToken, lifetimeSeconds)
  return impersonated.ok ? { ...impersonated, via: `${source}, as ${decodeURIComponent(serviceAccount)}` } : impersonated
}

/**
 * The subject token an external_account file names: from a URL (google-github-actions/auth points
 * it at the runner's OIDC URL, with the request token in `headers`), or from a file.
 */
async function readSubjectToken(http: HttpClient, credentialSource: ExternalAccountFile['credential_source']): Promise<{ token: string } | { error: string; input?: true }> {
  if (typeof credentialSource !== 'object' || credentialSource === null) return { error: 'no credential_source', input: true }
  const format = credentialSource.format
  const field = format?.type === 'json' ? format.subject_token_field_name : undefined
  if (format?.type === 'json' && (typeof field !== 'string' || field === '')) return { error: 'credential_source.format json needs subject_token_field_name', input: true }
  const read = (text: string): string | undefined => {
    const token = format?.type === 'json' ? readField(text, field as string) : text.trim()
    return token !== undefined && token !== '' && token.length <= 20_000 ? token : undefined
  }

  if (typeof credentialSource.url === 'string') {
    const url = credentialSource.url
    if (!/^https?:$/.test(URL.parse(url)?.protocol ?? '')) return { error: 'credential_source.url is not an http(s) URL', input: true }
    const headers: Record<string, string> = {}
    if (typeof credentialSource.headers === 'object' && credentialSource.headers !== null) {
      for (const [name, value] of Object.entries(credentialSource.headers)) {
        if (typeof value !== 'string') continue
        registerSecret(value.replace(/^Bearer\s+/i, ''))
        headers[name] = value
      }
    }
    let token: string | undefined
    const { verdict } = await http.send({ url, method: 'GET', headers }, (answer) => {
      const value = answer.body.length > maxAnswerChars ? undefined : read(answer.body)
      if (value !== undefined) registerSecret(value)
      if (answer.status >= 200 && answer.status < 300 && value !== undefined) {
        token = value
        return { ok: true }
      }
      return { ok: false, error: `the subject token was not obtained from credential_source.url (HTTP ${answer.status})` }
    })
    if (!verdict.ok || token === undefined) return { error: verdict.ok ? 'no subject token' : verdict.error }
    return { token }
  }
  if (typeof credentialSource.file === 'string') {
    const text = await readSmallFile(credentialSource.file)
    if ('error' in text) return { error: `credential_source.file: ${text.error}`, input: true }
    const token = read(text.content)
    if (token === undefined) return { error: 'credential_source.file holds no subject token', input: true }
    registerSecret(token)
    return { token }
  }
  const kind = Object.keys(credentialSource).find((key) => key !== 'format' && key !== 'headers') ?? 'none'
  return { error: `credential_source ${quote(kind)} is not supported (only url and file)`, input: true }
}

async function signInWithServiceAccountKey(http: HttpClient, endpoints: GoogleEndpoints, file: ServiceAccountFile, source: string): Promise<SignInResult> {
  const problem = (text: string): SignInResult => ({ ok: false, input: true, error: `${source}: ${text}` })
  if (typeof file.private_key !== 'string' || !file.private_key.includes('PRIVATE KEY')) return problem('the service_account key has no private_key')
  maskPem(file.private_key)
  if (typeof file.client_email !== 'string' || file.client_email === '') return problem('the service_account key has no client_email')
  const tokenUri = typeof file.token_uri === 'string' ? file.token_uri : endpoints.oauthToken
  if (!isTrustedGoogleUrl(tokenUri, endpoints)) return problem(`token_uri ${quote(tokenUri)} is not a googleapis.com https URL; refusing to send a signed assertion there`)

  let assertion: string
  try {
    assertion = signAssertion(file.private_key, typeof file.private_key_id === 'string' ? file.private_key_id : undefined, file.client_email, tokenUri, Date.now())
  } catch {
    return problem('the private_key could not sign (not an RSA private key in PEM)')
  }
  registerSecret(assertion)
  const email = file.client_email
  const body = new URLSearchParams({ grant_type: jwtBearerGrant, assertion }).toString()
  const result = await postForToken(http, { url: tokenUri, body, contentType: 'application/x-www-form-urlencoded' }, 'access_token', (answer) => {
    const { error, description } = readOAuthError(answer.body)
    return `Google's token endpoint refused the key of ${email} (HTTP ${answer.status}): ${error}: ${description} (hint: the key may be deleted or disabled, or the account disabled; keyless workload-identity-provider needs no key at all)`
  })
  return result.ok ? { ...result, via: `${source}, service account key of ${email}` } : result
}

/** RFC 7523 JWT bearer assertion for a service account key, RS256, valid one hour. */
export function signAssertion(privateKeyPem: string, keyId: string | undefined, email: string, audience: string, now: number): string {
  const iat = Math.floor(now / 1000)
  const header = { alg: 'RS256', typ: 'JWT', ...(keyId === undefined ? {} : { kid: keyId }) }
  const claims = { iss: email, scope: cloudPlatformScope, aud: audience, iat, exp: iat + 3600 }
  const unsigned = `${base64url(header)}.${base64url(claims)}`
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem, 'base64url')
  return `${unsigned}.${signature}`
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** The key, and each of its lines, so no part of it can show in a log. */
function maskPem(pem: string): void {
  registerSecret(pem)
  for (const line of pem.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith('-----')) registerSecret(line)
}
