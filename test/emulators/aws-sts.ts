// Loopback emulator of AWS STS AssumeRoleWithWebIdentity (query protocol: a form POST, an XML
// answer), strict like the real one: it checks the action, version and parameter constraints,
// verifies the web identity token (signed by the GitHub OIDC emulator's key), and applies a role
// trust policy the way IAM does for token.actions.githubusercontent.com (aud, then sub).
// Spec: /work/shared/PROVIDERS-CLOUDS.md section 2 (botocore sts service-2.json; AWS API reference).
// Choices where AWS documents no wording are marked.
import { randomBytes, randomUUID } from 'node:crypto'
import { DEFAULT_SIGNING_KEY, GITHUB_OIDC_ISSUER, verifyJwt } from './github-oidc.js'
import { startLoopback, type Fault as LoopbackFault, type RecordedRequest, type Reply } from './loopback.js'

export type { RecordedRequest } from './loopback.js'

export const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'
export const DEFAULT_ROLE_ARN = 'arn:aws:iam::123456789012:role/cdn-purge'

export type Fault =
  | LoopbackFault
  /** An XML ErrorResponse with this code (HTTP 400 unless given): `IDPCommunicationError`... */
  | { error: string; status?: number; message?: string }

export interface Role {
  arn: string
  /** The trust policy's `token.actions.githubusercontent.com:sub` condition (StringLike: `*` and `?`). */
  subjects: string[]
  /** The trust policy's `:aud` condition. */
  audience: string
  maxSessionSeconds: number
}

export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

export interface AssumedRole {
  roleArn: string
  roleSessionName: string
  durationSeconds: number
  subject: string
  credentials: IssuedCredentials
}

export interface AwsStsEmulatorOptions {
  /** The key the GitHub OIDC emulator signs with (its default when omitted). */
  signingKey?: string
  roles?: Role[]
  /** The credentials every successful call hands out (random ones when omitted). */
  credentials?: IssuedCredentials
}

export interface AwsStsEmulator {
  url: string
  requests: RecordedRequest[]
  assumed: AssumedRole[]
  faults: Fault[]
  roles: Role[]
  close(): Promise<void>
}

export const DEFAULT_ROLE: Role = { arn: DEFAULT_ROLE_ARN, subjects: ['repo:acme/site:ref:refs/heads/main'], audience: 'sts.amazonaws.com', maxSessionSeconds: 3600 }

// Messages as STS writes them (aws/aws-sdk-js-v3#6225, configure-aws-credentials#775 and #1446).
export const MESSAGES = {
  notAuthorized: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  audience: 'Incorrect token audience',
  // Chosen: STS's wording for a token whose signature does not verify is not documented.
  signature: 'The web identity token could not be verified.',
  expired: 'Token expired: current date/time must be before the expiration date/time.',
} as const

const sessionNamePattern = /^[\w+=,.@-]{2,64}$/

export async function startAwsStsEmulator(options: AwsStsEmulatorOptions = {}): Promise<AwsStsEmulator> {
  const signingKey = options.signingKey ?? DEFAULT_SIGNING_KEY
  const roles = options.roles ?? [DEFAULT_ROLE]
  const assumed: AssumedRole[] = []
  const faults: Fault[] = []

  const server = await startLoopback({
    faultFor() {
      const fault = faults.shift()
      if (fault && 'error' in fault) return { status: fault.status ?? 400, body: errorXml(fault.error, fault.message ?? fault.error), headers: xmlHeaders }
      return fault
    },
    errorBody: (status) => errorXml(status >= 500 ? 'ServiceUnavailable' : 'Throttling', status >= 500 ? 'Service unavailable' : 'Rate exceeded', status >= 500 ? 'Receiver' : 'Sender'),
    handle: (request) => assumeRole(request),
  })

  function assumeRole(request: RecordedRequest): Reply {
    if (request.method !== 'POST' || request.path !== '/') return error(404, 'UnknownOperationException', `No operation for ${request.method} ${request.path}`)
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
      // Chosen: the query protocol takes only a form body.
      return error(400, 'InvalidAction', 'Could not find operation for the request: expected a form-encoded body')
    }
    const form = new URLSearchParams(request.rawBody)
    if (Object.keys(request.query).length > 0) return error(400, 'InvalidAction', 'Parameters belong in the form body')
    if (form.get('Action') !== 'AssumeRoleWithWebIdentity') return error(400, 'InvalidAction', `Could not find operation ${form.get('Action') ?? ''} for version ${form.get('Version') ?? ''}`)
    if (form.get('Version') !== '2011-06-15') return error(400, 'InvalidAction', `Could not find operation AssumeRoleWithWebIdentity for version ${form.get('Version') ?? 'NO_VERSION_SPECIFIED'}`)

    const roleArn = form.get('RoleArn')
    const roleSessionName = form.get('RoleSessionName')
    const token = form.get('WebIdentityToken')
    const duration = form.get('DurationSeconds')
    for (const [name, value] of [['roleArn', roleArn], ['roleSessionName', roleSessionName], ['webIdentityToken', token]] as const) {
      if (value === null) return error(400, 'ValidationError', `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`)
    }
    if (!sessionNamePattern.test(roleSessionName ?? '')) {
      return error(400, 'ValidationError', `1 validation error detected: Value '${roleSessionName ?? ''}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`)
    }
    if ((token ?? '').length < 4 || (token ?? '').length > 20_000) {
      return error(400, 'ValidationError', "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000")
    }
    const role = roles.find((each) => each.arn === roleArn)
    const durationSeconds = duration === null ? 3600 : Number(duration)
    if (!Number.isInteger(durationSeconds) || durationSeconds < 900) {
      return error(400, 'ValidationError', `1 validation error detected: Value '${duration ?? ''}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`)
    }

    const claims = verifyJwt(token ?? '', signingKey)
    if (claims === undefined) return error(400, 'InvalidIdentityToken', MESSAGES.signature)
    if (claims.iss !== GITHUB_OIDC_ISSUER) return error(400, 'InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${String(claims.iss)}`)
    // IAM checks the audience the provider was registered with before any role's trust policy.
    if (claims.aud !== (role?.audience ?? 'sts.amazonaws.com')) return error(400, 'InvalidIdentityToken', MESSAGES.audience)
    const subject = String(claims.sub)
    if (role === undefined || !role.subjects.some((pattern) => stringLike(pattern, subject))) return error(403, 'AccessDenied', MESSAGES.notAuthorized)
    if (durationSeconds > role.maxSessionSeconds) {
      return error(400, 'ValidationError', `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`)
    }

    const credentials = options.credentials ?? {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(64).toString('base64')}`,
    }
    assumed.push({ roleArn: role.arn, roleSessionName: roleSessionName ?? '', durationSeconds, subject, credentials })
    const account = role.arn.split(':')[4] ?? ''
    const roleName = role.arn.split('/').pop() ?? ''
    const requestId = randomUUID()
    const expiration = new Date(Date.now() + durationSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    return {
      status: 200,
      headers: { ...xmlHeaders, 'x-amzn-requestid': requestId },
      body:
        `<AssumeRoleWithWebIdentityResponse xmlns="${NAMESPACE}">\n  <AssumeRoleWithWebIdentityResult>\n` +
        `    <Audience>${escapeXml(String(claims.aud))}</Audience>\n` +
        `    <AssumedRoleUser>\n      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:${escapeXml(roleSessionName ?? '')}</AssumedRoleId>\n` +
        `      <Arn>arn:aws:sts::${account}:assumed-role/${escapeXml(roleName)}/${escapeXml(roleSessionName ?? '')}</Arn>\n    </AssumedRoleUser>\n` +
        `    <Provider>${escapeXml(GITHUB_OIDC_ISSUER)}</Provider>\n` +
        `    <Credentials>\n      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${escapeXml(credentials.secretAccessKey)}</SecretAccessKey>\n` +
        `      <SessionToken>${escapeXml(credentials.sessionToken)}</SessionToken>\n      <Expiration>${expiration}</Expiration>\n    </Credentials>\n` +
        `    <SubjectFromWebIdentityToken>${escapeXml(subject)}</SubjectFromWebIdentityToken>\n  </AssumeRoleWithWebIdentityResult>\n` +
        `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</AssumeRoleWithWebIdentityResponse>\n`,
    }
  }

  return { url: `${server.url}/`, requests: server.requests, assumed, faults, roles, close: server.close }
}

const xmlHeaders = { 'content-type': 'text/xml' }

function error(status: number, code: string, message: string): Reply {
  const requestId = randomUUID()
  return { status, headers: { ...xmlHeaders, 'x-amzn-requestid': requestId }, body: errorXml(code, message, status >= 500 ? 'Receiver' : 'Sender', requestId) }
}

export function errorXml(code: string, message: string, type: 'Sender' | 'Receiver' = 'Sender', requestId = randomUUID()): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n` +
    `    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`
  )
}

/** IAM's StringLike: `*` any run of characters, `?` any one; case-sensitive. */
export function stringLike(pattern: string, value: string): boolean {
  // Iterative matching with one backtrack point: linear enough for claims, no RegExp built from input.
  let p = 0
  let v = 0
  let star = -1
  let mark = 0
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++
      v++
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++
      mark = v
    } else if (star !== -1) {
      p = star + 1
      v = ++mark
    } else {
      return false
    }
  }
  while (pattern[p] === '*') p++
  return p === pattern.length
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}
