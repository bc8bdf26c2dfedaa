import { bodySnippet, isRetryableStatus, type Answer, type HttpClient } from '../http/client.js'
import { registerSecret } from '../secrets.js'
import { parseHttpUrl } from '../inputs/lists.js'

/**
 * The job's own GitHub OIDC token, asked for with the audience a cloud's token exchange expects,
 * so a purge needs no login step and no stored cloud key. The request goes through the action's
 * HttpClient (its retries, `timeout` and proxy) rather than `core.getIDToken`, which would load a
 * second HTTP stack; the runner's protocol is the same: `GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=<aud>`
 * with `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>`, answered `{"value": "<JWT>"}`.
 */

export type OidcEnv = Readonly<Record<string, string | undefined>>

export type OidcToken =
  | {
      ok: true
      /** The JWT, already masked. */
      token: string
      /** The token's `sub` claim, for hints when a cloud refuses it (not a secret). */
      subject: string | undefined
    }
  | { ok: false; error: string }

export const idTokenPermission = 'permissions: id-token: write'

/** An answer much larger than a JWT is not one; the cap keeps a hostile answer out of memory and logs. */
const maxAnswerChars = 64 * 1024
/** AWS STS takes a web identity token of at most 20000 characters; GitHub's are about 1 KB. */
const maxTokenChars = 20_000

/**
 * The input error for a run that needs an OIDC token but cannot get one, or undefined when it can:
 * checked with the other inputs, before any request. `wantedBy` names what needs it (`role-to-assume`).
 */
export function oidcInputError(env: OidcEnv, wantedBy: string): string | undefined {
  const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter((name) => !env[name])
  if (missing.length > 0) {
    return (
      `input ${wantedBy}: signs in with the job's GitHub OIDC token, but the runner gave no ${missing.join(' or ')}: ` +
      `add \`${idTokenPermission}\` to the job's (or workflow's) permissions ` +
      '(a pull request from a fork never gets one)'
    )
  }
  if (!parseHttpUrl(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '')) return `input ${wantedBy}: ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL`
  return undefined
}

/** The URL the token is asked at, for `audience`; the runner's URL already carries `?api-version=`. */
export function oidcRequestUrl(requestUrl: string, audience: string): string {
  return `${requestUrl}${requestUrl.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`
}

/**
 * Asks the runner for the job's OIDC token for `audience`. The request token and the JWT are
 * masked the moment they are known; the answer is never logged, only its status and a short
 * snippet when it is an error.
 */
export async function requestOidcToken(http: HttpClient, audience: string, env: OidcEnv, wantedBy = 'the sign-in'): Promise<OidcToken> {
  const inputError = oidcInputError(env, wantedBy)
  if (inputError !== undefined) return { ok: false, error: inputError }
  const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL as string
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN as string
  registerSecret(requestToken)

  let token: string | undefined
  const { verdict } = await http.send(
    {
      url: oidcRequestUrl(requestUrl, audience),
      method: 'GET',
      headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json; api-version=2.0' },
    },
    (answer) => {
      const read = readOidcAnswer(answer)
      if ('token' in read) {
        token = read.token
        return { ok: true }
      }
      return { ok: false, error: read.error, retryable: isRetryableStatus(answer.status) }
    },
  )
  if (!verdict.ok || token === undefined) {
    return { ok: false, error: `GitHub OIDC token for audience ${audience} not obtained: ${verdict.ok ? 'no token' : verdict.error}` }
  }
  return { ok: true, token, subject: readClaims(token).sub }
}

/** Reads the runner's answer; the token is masked before anything else can print it. */
export function readOidcAnswer(answer: Answer): { token: string } | { error: string } {
  if (answer.body.length > maxAnswerChars) return { error: `HTTP ${answer.status}: answer larger than ${maxAnswerChars} characters` }
  let value: unknown
  try {
    value = (JSON.parse(answer.body) as { value?: unknown } | null)?.value
  } catch {
    value = undefined
  }
  // Masked even on an error status or when refused below: nothing may print it afterwards.
  if (typeof value === 'string' && value.length <= maxTokenChars) registerSecret(value)
  if (answer.status < 200 || answer.status > 299) {
    return { error: `HTTP ${answer.status}${typeof value === 'string' ? '' : `: ${bodySnippet(answer.body)}`}` }
  }
  if (typeof value !== 'string') return { error: `HTTP ${answer.status}: the answer has no "value" string` }
  if (value.length > maxTokenChars) return { error: `HTTP ${answer.status}: the token is longer than ${maxTokenChars} characters` }
  if (!isJwtShaped(value)) return { error: `HTTP ${answer.status}: the "value" is not a JWT` }
  return { token: value }
}

/** Three base64url parts (the signature may be empty), checked without a backtracking pattern. */
function isJwtShaped(value: string): boolean {
  const parts = value.split('.')
  return parts.length === 3 && parts[0] !== '' && parts[1] !== '' && parts.every((part) => /^[A-Za-z0-9_-]*$/.test(part))
}

export interface OidcClaims {
  sub?: string
  aud?: string
  iss?: string
}

/**
 * A few claims of the token (unverified: the token is ours, read only to word a hint such as the
 * subject a trust policy must name). Values are capped; anything unreadable is left out.
 */
export function readClaims(token: string): OidcClaims {
  const payload = token.split('.')[1]
  if (payload === undefined || payload.length > maxTokenChars) return {}
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return {}
  }
  if (typeof claims !== 'object' || claims === null) return {}
  const result: OidcClaims = {}
  for (const name of ['sub', 'aud', 'iss'] as const) {
    const raw = (claims as Record<string, unknown>)[name]
    const value = Array.isArray(raw) ? raw.filter((item) => typeof item === 'string').join(',') : raw
    if (typeof value === 'string' && value !== '') result[name] = value.length > 300 ? `${value.slice(0, 300)}...` : value
  }
  return result
}
