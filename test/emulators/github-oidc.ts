// Loopback emulator of the runner's OIDC token service (what ACTIONS_ID_TOKEN_REQUEST_URL points at).
// Spec: /work/shared/PROVIDERS-CLOUDS.md section 1; actions/toolkit packages/core/src/oidc-utils.ts.
// It checks the Bearer request token and `api-version`, and mints an HS256 JWT with GitHub's
// issuer, a `sub` of the configured repository and ref, and the audience asked for.
import { createHmac } from 'node:crypto'
import { randomHex, startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com'
export const DEFAULT_SUBJECT = 'repo:acme/site:ref:refs/heads/main'
export const DEFAULT_REQUEST_TOKEN = 'runtime-request-token-0123456789abcdef'
const TOKEN_PATH = '/_apis/oidc/token'

export interface GitHubOidcEmulatorOptions {
  requestToken?: string
  subject?: string
  /** Key the tokens are signed with (HS256), so another emulator can verify them. */
  signingKey?: string
}

export interface MintedToken {
  audience: string
  token: string
}

export interface GitHubOidcEmulator {
  /** The full ACTIONS_ID_TOKEN_REQUEST_URL, with `?api-version=2.0`. */
  requestUrl: string
  requestToken: string
  requests: RecordedRequest[]
  minted: MintedToken[]
  faults: Fault[]
  /** Changeable between runs: the `sub` of the next tokens. */
  subject: string
  /** The variables a runner sets with `id-token: write`. */
  env(): Record<string, string>
  close(): Promise<void>
}

export async function startGitHubOidcEmulator(options: GitHubOidcEmulatorOptions = {}): Promise<GitHubOidcEmulator> {
  const requestToken = options.requestToken ?? DEFAULT_REQUEST_TOKEN
  const signingKey = options.signingKey ?? 'github-oidc-emulator-key'
  const minted: MintedToken[] = []
  const faults: Fault[] = []

  const server = await startLoopback({
    faultFor: () => faults.shift(),
    errorBody: (status) => ({ message: `emulated ${status}` }),
    handle: (request) => token(request),
  })

  const emulator: GitHubOidcEmulator = {
    requestUrl: `${server.url}${TOKEN_PATH}?api-version=2.0`,
    requestToken,
    requests: server.requests,
    minted,
    faults,
    subject: options.subject ?? DEFAULT_SUBJECT,
    env: () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: emulator.requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }),
    close: server.close,
  }

  function token(request: RecordedRequest): Reply {
    if (request.method !== 'GET' || request.path !== TOKEN_PATH) return { status: 404, body: { message: 'Not Found' } }
    if (request.headers.authorization !== `Bearer ${requestToken}`) return { status: 401, body: { message: 'Unauthorized' } }
    if (request.query['api-version'] !== '2.0') return { status: 400, body: { message: 'api-version 2.0 is required' } }
    const audience = request.query.audience
    if (audience === undefined || audience === '') return { status: 400, body: { message: 'audience is required' } }
    const value = mintJwt({ iss: GITHUB_OIDC_ISSUER, sub: emulator.subject, aud: audience }, signingKey)
    minted.push({ audience, token: value })
    return { status: 200, body: { count: 1, value } }
  }

  return emulator
}

/** An HS256 JWT with the usual GitHub claims around `claims`; valid for 5 minutes. */
export function mintJwt(claims: { iss: string; sub: string; aud: string }, key: string): string {
  const now = Math.floor(Date.now() / 1000)
  const header = { typ: 'JWT', alg: 'HS256', kid: 'emulator' }
  const payload = { jti: randomHex(8), ...claims, repository: 'acme/site', ref: 'refs/heads/main', nbf: now - 5, iat: now, exp: now + 300 }
  const signed = `${base64url(header)}.${base64url(payload)}`
  return `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`
}

/** The claims of a token minted here, when its signature checks with `key`; undefined otherwise. */
export function verifyJwt(token: string, key: string): Record<string, unknown> | undefined {
  const [header, payload, signature] = token.split('.')
  if (header === undefined || payload === undefined || signature === undefined) return undefined
  if (createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url') !== signature) return undefined
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
    return typeof claims.exp === 'number' && claims.exp * 1000 > Date.now() ? claims : undefined
  } catch {
    return undefined
  }
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}
