import { bodySnippet, isRetryableStatus, type Answer, type HttpClient } from '../http/client.js'
import { parseHttpUrl, quote } from '../inputs/lists.js'
import { registerSecret } from '../secrets.js'
import { requestOidcToken, type OidcEnv } from './github-oidc.js'
import { oneLine } from '../visible.js'

/**
 * Microsoft Entra keyless sign-in, as azure/login does it: the job's OIDC token (audience
 * `api://AzureADTokenExchange`) is the client assertion of a client credentials grant for an
 * app registration (or user-assigned identity) with a federated credential for this repository.
 * One form POST, one JSON answer: no MSAL needed.
 */

export const entraAudience = 'api://AzureADTokenExchange'
export const defaultLoginUrl = 'https://login.microsoftonline.com'
/** Where Entra is asked instead (tests). Sovereign clouds are not covered (their ARM differs too). */
export const loginUrlVariable = 'CDN_PURGE_AZURE_LOGIN_URL'
const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const maxAnswerChars = 64 * 1024

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// A tenant is named by its ID or one of its domains (contoso.onmicrosoft.com).
const tenantDomainPattern = /^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/i

export type EntraToken = { ok: true; token: string } | { ok: false; error: string }

/** The input errors of `tenant-id` and `client-id` (given together) and the login URL variable. */
export function entraInputErrors(tenantId: string, clientId: string, env: OidcEnv): string[] {
  const errors: string[] = []
  if (tenantId === '' || clientId === '') {
    errors.push(`input ${tenantId === '' ? 'tenant-id' : 'client-id'}: tenant-id and client-id go together (the Entra app or managed identity with a federated credential for this repository)`)
    return errors
  }
  if (!guidPattern.test(tenantId) && !tenantDomainPattern.test(tenantId)) {
    errors.push(`input tenant-id: expected the Microsoft Entra tenant ID (a GUID) or one of its domains, got ${quote(tenantId)}`)
  }
  if (!guidPattern.test(clientId)) errors.push(`input client-id: expected the application (client) ID, a GUID, got ${quote(clientId)}`)
  const loginUrl = env[loginUrlVariable]
  if (loginUrl && !parseHttpUrl(loginUrl)) errors.push(`${loginUrlVariable}: expected an http(s) URL, got ${quote(loginUrl)}`)
  return errors
}

export function tokenUrl(loginUrl: string, tenantId: string): string {
  return `${loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`
}

export function tokenForm(clientId: string, scope: string, assertion: string): string {
  return new URLSearchParams({
    client_id: clientId,
    scope,
    client_assertion_type: assertionType,
    client_assertion: assertion,
    grant_type: 'client_credentials',
  }).toString()
}

/**
 * Gets the OIDC token and exchanges it for an access token for `scope`, both masked the moment
 * they are known. A refusal comes back in Entra's words (the AADSTS line), with a hint.
 */
export async function federatedAccessToken(http: HttpClient, ids: { tenantId: string; clientId: string; scope: string }, env: OidcEnv): Promise<EntraToken> {
  const oidc = await requestOidcToken(http, entraAudience, env, 'tenant-id')
  if (!oidc.ok) return oidc
  let token: string | undefined
  const { verdict } = await http.send(
    {
      url: tokenUrl(env[loginUrlVariable] || defaultLoginUrl, ids.tenantId),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: tokenForm(ids.clientId, ids.scope, oidc.token),
    },
    (answer) => {
      const read = readTokenAnswer(answer)
      if ('token' in read) {
        token = read.token
        return { ok: true }
      }
      return { ok: false, error: read.error, retryable: isRetryableStatus(answer.status) }
    },
  )
  if (verdict.ok && token !== undefined) return { ok: true, token }
  const reason = verdict.ok ? 'no token' : verdict.error
  return { ok: false, error: `Microsoft Entra refused the federated sign-in of client ${ids.clientId} in tenant ${ids.tenantId}: ${reason}${entraHint(reason, oidc.subject)}` }
}

export function readTokenAnswer(answer: Answer): { token: string } | { error: string } {
  if (answer.body.length > maxAnswerChars) return { error: `HTTP ${answer.status}: answer larger than ${maxAnswerChars} characters` }
  let body: Record<string, unknown> | undefined
  try {
    const parsed: unknown = JSON.parse(answer.body)
    body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined
  } catch {
    body = undefined
  }
  const accessToken = body?.access_token
  if (typeof accessToken === 'string' && accessToken !== '') registerSecret(accessToken)
  if (answer.status >= 200 && answer.status < 300) {
    if (typeof accessToken === 'string' && accessToken !== '') return { token: accessToken }
    return { error: `HTTP ${answer.status}: the answer has no access_token${body ? '' : `: ${bodySnippet(answer.body)}`}` }
  }
  const error = typeof body?.error === 'string' ? body.error : undefined
  if (error === undefined) return { error: `HTTP ${answer.status}, not an Entra answer: ${bodySnippet(answer.body)}` }
  // error_description is "AADSTS700213: ...\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ...":
  // the first line says what is wrong; the trace ID is what Microsoft support asks for.
  const description = typeof body?.error_description === 'string' ? body.error_description : ''
  const [first = ''] = description.split(/\r?\n/, 1)
  const traceId = typeof body?.trace_id === 'string' && /^[0-9a-f-]{36}$/i.test(body.trace_id) ? ` (trace ID ${body.trace_id})` : ''
  return { error: `HTTP ${answer.status}, ${error}${first ? `: ${oneLine(first)}` : ''}${traceId}` }
}

/** The usual cause of each refusal, for this job's token subject. */
function entraHint(reason: string, subject: string | undefined): string {
  const sub = subject ? ` ${quote(subject)}` : ''
  if (/AADSTS(70021|700211|700212|700213|7002138)\b/.test(reason)) {
    return (
      ` (hint: the app needs a federated credential with issuer https://token.actions.githubusercontent.com, audience ${entraAudience} ` +
      `and subject exactly, case included, this job's token subject${sub})`
    )
  }
  if (/AADSTS700016\b/.test(reason)) return ' (hint: client-id must be the application (client) ID of an app registered in tenant-id)'
  if (/AADSTS90002\b/.test(reason)) return ' (hint: check tenant-id; sovereign clouds are not covered)'
  return ''
}
