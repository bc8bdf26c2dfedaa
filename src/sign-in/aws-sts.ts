import { bodySnippet, isRetryableStatus, type Answer, type HttpClient } from '../http/client.js'
import { xmlText } from '../http/xml.js'
import { parseHttpUrl, quote } from '../inputs/lists.js'
import { registerSecret } from '../secrets.js'
import { requestOidcToken, type OidcEnv } from './github-oidc.js'
import { oneLine } from '../visible.js'

/**
 * AWS keyless sign-in: the job's OIDC token (audience `sts.amazonaws.com`) exchanged at STS
 * `AssumeRoleWithWebIdentity` for temporary credentials of `role-to-assume`, as
 * aws-actions/configure-aws-credentials does, without a step before this one. The call is
 * unsigned (the web identity token is the credential), a form POST with the token in the body,
 * never in the URL; the answer is a few XML fields, read without an XML library.
 */

export const stsAudience = 'sts.amazonaws.com'
export const defaultStsUrl = 'https://sts.amazonaws.com/'
/** Where STS is asked instead (tests; a regional endpoint such as https://sts.eu-west-1.amazonaws.com/). */
export const stsUrlVariable = 'CDN_PURGE_AWS_STS_URL'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: string | undefined
}

export type AssumedRole = { ok: true; credentials: AwsCredentials } | { ok: false; error: string }

// Commercial partition only: China and GovCloud have their own STS endpoints and OIDC providers.
const roleArnPattern = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/
const maxAnswerChars = 64 * 1024
// Sent with HTTP 400, yet STS says to retry them ("often a transient error").
const retryableCodes = new Set(['IDPCommunicationError', 'Throttling'])

/** The input errors of `role-to-assume` and the STS URL variable; empty when they are usable. */
export function roleInputErrors(roleArn: string, env: OidcEnv): string[] {
  const errors: string[] = []
  if (!roleArnPattern.test(roleArn)) {
    errors.push(
      `input role-to-assume: expected an IAM role ARN such as arn:aws:iam::123456789012:role/cdn-purge, got ${quote(roleArn)} ` +
        '(AWS China and GovCloud are not covered)',
    )
  }
  const stsUrl = env[stsUrlVariable]
  if (stsUrl && !parseHttpUrl(stsUrl)) errors.push(`${stsUrlVariable}: expected an http(s) URL, got ${quote(stsUrl)}`)
  return errors
}

/** `cdn-purge-<run id>`, within STS's 2-64 characters of `[\w+=,.@-]`. */
export function roleSessionName(runId: string | undefined): string {
  const id = (runId ?? '').replace(/[^\w+=,.@-]/g, '') || 'local'
  return `cdn-purge-${id}`.slice(0, 64)
}

export function assumeRoleForm(roleArn: string, sessionName: string, webIdentityToken: string): string {
  return new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: roleArn,
    RoleSessionName: sessionName,
    WebIdentityToken: webIdentityToken,
  }).toString()
}

/**
 * Gets the OIDC token and exchanges it for the role's credentials, all masked the moment they
 * are known. A refusal comes back in STS's own words, with a hint at the usual cause.
 */
export async function assumeRoleWithWebIdentity(http: HttpClient, roleArn: string, env: OidcEnv): Promise<AssumedRole> {
  const oidc = await requestOidcToken(http, stsAudience, env, 'role-to-assume')
  if (!oidc.ok) return oidc
  let credentials: AwsCredentials | undefined
  const { verdict } = await http.send(
    {
      url: env[stsUrlVariable] || defaultStsUrl,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/xml' },
      body: assumeRoleForm(roleArn, roleSessionName(env.GITHUB_RUN_ID), oidc.token),
    },
    (answer) => {
      const read = readAssumeRoleAnswer(answer)
      if ('credentials' in read) {
        credentials = read.credentials
        return { ok: true }
      }
      return { ok: false, error: read.error, retryable: read.retryable }
    },
  )
  if (verdict.ok && credentials) return { ok: true, credentials }
  const reason = verdict.ok ? 'no credentials' : verdict.error
  return { ok: false, error: `AWS STS refused to let this job assume ${roleArn}: ${reason}${stsHint(reason, oidc.subject)}` }
}

export function readAssumeRoleAnswer(answer: Answer): { credentials: AwsCredentials } | { error: string; retryable: boolean } {
  if (answer.body.length > maxAnswerChars) return { error: `HTTP ${answer.status}: answer larger than ${maxAnswerChars} characters`, retryable: false }
  if (answer.status >= 200 && answer.status < 300) {
    const accessKeyId = xmlText(answer.body, 'AccessKeyId')
    const secretAccessKey = xmlText(answer.body, 'SecretAccessKey')
    const sessionToken = xmlText(answer.body, 'SessionToken')
    for (const secret of [accessKeyId, secretAccessKey, sessionToken]) if (secret) registerSecret(secret)
    if (!accessKeyId || !secretAccessKey || !sessionToken) {
      return { error: `HTTP ${answer.status}: the answer has no Credentials (AccessKeyId, SecretAccessKey, SessionToken)`, retryable: false }
    }
    return { credentials: { accessKeyId, secretAccessKey, sessionToken, expiration: xmlText(answer.body, 'Expiration') } }
  }
  const code = xmlText(answer.body, 'Code')
  if (code === undefined) return { error: `HTTP ${answer.status}, not an STS answer: ${bodySnippet(answer.body)}`, retryable: isRetryableStatus(answer.status) }
  const message = xmlText(answer.body, 'Message')
  return {
    error: `HTTP ${answer.status}, ${code}${message ? `: ${oneLine(message)}` : ''}`,
    retryable: retryableCodes.has(code) || isRetryableStatus(answer.status),
  }
}

/** The usual cause of each refusal, for this job's token subject. */
function stsHint(reason: string, subject: string | undefined): string {
  const sub = subject ? `this job's token has sub ${quote(subject)}` : "this job's token subject"
  if (/\bAccessDenied\b/.test(reason)) {
    return (
      ` (hint: the role's trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal token.actions.githubusercontent.com ` +
      `with a "token.actions.githubusercontent.com:sub" condition that matches: ${sub})`
    )
  }
  if (/Incorrect token audience/.test(reason)) {
    return ` (hint: the IAM OIDC provider for token.actions.githubusercontent.com must list the audience ${stsAudience}, as must the trust policy's ":aud" condition)`
  }
  if (/No OpenIDConnect provider/.test(reason)) {
    return ' (hint: create the IAM OIDC identity provider https://token.actions.githubusercontent.com with audience sts.amazonaws.com in the role\'s account)'
  }
  if (/\bInvalidIdentityToken\b|\bExpiredTokenException\b/.test(reason)) return ` (hint: check the IAM OIDC provider for token.actions.githubusercontent.com; ${sub})`
  return ''
}

