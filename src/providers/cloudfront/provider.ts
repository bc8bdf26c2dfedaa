import { createHash, randomUUID } from 'node:crypto'
import { AwsV4Signer } from 'aws4fetch'
import { bodySnippet, formatSeconds, mapConcurrent, type Answer, type HttpRequest } from '../../http/client.js'
import { escapeXml, xmlText } from '../../http/xml.js'
import { dedupe, parseHttpUrl, quote } from '../../inputs/lists.js'
import type { CommonSettings, Settings } from '../../inputs/settings.js'
import { assumeRoleWithWebIdentity, roleInputErrors } from '../../sign-in/aws-sts.js'
import { oidcInputError } from '../../sign-in/github-oidc.js'
import { callApi, isSuccess, pollUntil } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type BatchResult, type Outcome, type SignInContext, type Target } from '../provider.js'
import { maxPaths } from './limits.js'
import type { CloudfrontOptions } from './description.js'

/**
 * CloudFront `CreateInvalidation` (REST with XML bodies), signed with AWS Signature V4, and
 * `GetInvalidation` for `wait`. One invalidation per distribution per batch; paths and `#tag`
 * items share it.
 */

const apiVersion = '2020-05-31'
const xmlNamespace = `http://cloudfront.amazonaws.com/doc/${apiVersion}/`
// In progress at once per distribution: 3,000 paths (maxPaths), and independently 15 wildcard paths.
const maxWildcards = 15
const maxPathLength = 4_000
// Distribution IDs are upper-case letters and digits (E2QWRUHAPOMQZL).
const distributionIdPattern = /^[A-Z0-9]{1,128}$/
// Tags: visible ASCII (33-126) except the comma, at most 256 characters, no wildcard.
const tagPattern = /^[\x21-\x29\x2b\x2d-\x7e]{1,256}$/
// Sent with HTTP 400, yet they mean "later", not "never".
const retryableCodes = new Set(['Throttling', 'TooManyInvalidationsInProgress'])
const pollFirstMs = 1_000
const pollCapMs = 20_000
const pollConcurrency = 4

type CloudfrontSettings = Settings<CloudfrontOptions>

export class Cloudfront extends Provider<CloudfrontOptions> {
  targets(settings: CloudfrontSettings): Target[] {
    return settings.distributions.map((id) => ({ label: id, id }))
  }

  override credentials(settings: CloudfrontSettings): { secrets: string[]; errors: string[] } {
    const env = settings.env
    // The key ID too, as configure-aws-credentials masks it: with it, half a credential is known.
    const secrets = [env.AWS_ACCESS_KEY_ID ?? '', env.AWS_SECRET_ACCESS_KEY ?? '', env.AWS_SESSION_TOKEN ?? ''].filter((value) => value.trim() !== '')
    if (settings.roleToAssume !== '') {
      // The role's credentials win: the AWS_* variables are not needed, only the OIDC token.
      const oidcError = settings.dryRun ? undefined : oidcInputError(env, 'role-to-assume')
      return { secrets, errors: [...roleInputErrors(settings.roleToAssume, env), ...(oidcError === undefined ? [] : [oidcError])] }
    }
    const missing = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].filter((name) => (env[name] ?? '').trim() === '')
    if (missing.length === 0 || settings.dryRun) return { secrets, errors: [] }
    return {
      secrets,
      errors: [
        `AWS credentials: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set; CloudFront takes no token: give role-to-assume ` +
          '(keyless, with permissions: id-token: write), or set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (for temporary credentials) ' +
          'AWS_SESSION_TOKEN in the environment, e.g. with aws-actions/configure-aws-credentials',
      ],
    }
  }

  group(settings: CloudfrontSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    return groupItems(settings, targets)
  }

  async signIn(settings: CloudfrontSettings, context: SignInContext): Promise<Auth> {
    const credentials = settings.roleToAssume !== '' ? await assumeRole(settings.roleToAssume, context) : environmentCredentials(settings.env)
    return { sign: (request: HttpRequest) => signRequest(request, credentials) }
  }

  request(batch: Batch, settings: CloudfrontSettings): ApiRequest {
    const paths = pathsOf(batch)
    const items = paths.map((path) => `<Path>${escapeXml(path)}</Path>`).join('')
    return {
      method: 'POST',
      path: `/${apiVersion}/distribution/${encodeURIComponent(batch.target.id)}/invalidation`,
      headers: { 'Content-Type': 'application/xml' },
      body:
        `<?xml version="1.0" encoding="UTF-8"?><InvalidationBatch xmlns="${xmlNamespace}">` +
        `<Paths><Quantity>${paths.length}</Quantity><Items>${items}</Items></Paths>` +
        `<CallerReference>${escapeXml(callerReference(batch, settings))}</CallerReference></InvalidationBatch>`,
    }
  }

  readAnswer(answer: Answer): Outcome {
    return readInvalidation(answer)
  }

  override async settle(results: BatchResult[], settings: CloudfrontSettings, api: ApiContext): Promise<void> {
    if (!settings.wait) return
    const pending = results.filter((result) => result.status === 'purged' && result.id !== undefined && result.detail !== 'Completed')
    await mapConcurrent(pending, pollConcurrency, (result) => waitUntilCompleted(result, api))
  }
}


// ---------------------------------------------------------------- items

function groupItems(settings: CloudfrontSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
  const errors: string[] = []
  for (const id of settings.distributions) {
    if (!distributionIdPattern.test(id)) {
      errors.push(`input distribution: expected a CloudFront distribution ID such as E2QWRUHAPOMQZL (not its domain name or ARN), got ${quote(id)}`)
    }
  }
  if (settings.scope === 'all') return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors }

  const { items, errors: itemErrors } = invalidationItems(settings)
  errors.push(...itemErrors)
  const wildcards = items.filter((item) => item.endsWith('*') && !item.startsWith('#'))
  if (wildcards.length > maxWildcards) {
    errors.push(
      `input paths: ${wildcards.length} wildcard paths, but CloudFront allows at most ${maxWildcards} in progress per distribution; ` +
        'use fewer, broader ones (such as /assets/*), or scope: all',
    )
  }
  if (items.length === 0) return { groups: [], errors }
  return { groups: targets.map((target) => ({ target, kind: 'paths', items })), errors }
}

/** Every path and `#tag` to invalidate, in input order, as CloudFront takes them. */
function invalidationItems(settings: CommonSettings): { items: string[]; errors: string[] } {
  const items: string[] = []
  const errors: string[] = []
  for (const value of settings.paths) {
    const result = readPath(value)
    if ('error' in result) errors.push(`input paths: ${result.error}`)
    else items.push(result.path)
  }
  for (const tag of settings.keys) {
    if (tagPattern.test(tag)) items.push(`#${tag}`)
    else errors.push(`input keys: CloudFront cache tags are 1 to 256 visible ASCII characters, no comma, space or *, got ${quote(tag)}`)
  }
  return { items: dedupe(items), errors }
}

function readPath(value: string): { path: string } | { error: string } {
  let path = value
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const url = parseHttpUrl(value)
    if (!url) {
      return { error: `expected a path from the root such as /index.html or /img/*, or an http(s) URL, got ${quote(value)}` }
    }
    path = url.pathname + url.search
  }
  if (!path.startsWith('/')) {
    return { error: `expected a path from the root such as /index.html or /img/* (CloudFront paths begin with /), got ${quote(value)}` }
  }
  const star = path.indexOf('*')
  if (star !== -1 && star !== path.length - 1) {
    return { error: `a * is allowed only as the last character (/images/* or /images*), got ${quote(value)}` }
  }
  const encoded = encodeUnsafe(path)
  if (encoded.length > maxPathLength) return { error: `a path has at most ${maxPathLength} characters, got ${encoded.length}: ${quote(value)}` }
  return { path: encoded }
}

// CloudFront's rule: percent-encode non-ASCII characters and RFC 1738's unsafe ones, nothing
// else (an encoded safe character no longer names the cached object). `%` is left alone, so a
// path that is already encoded stays as it is.
function encodeUnsafe(path: string): string {
  return path.replace(/[^\x21-\x7e]|["<>\\^`{|}[\]~#]/gu, (character) => encodeURIComponent(character).replace(/~/g, '%7E'))
}

function pathsOf(batch: Batch): string[] {
  return batch.kind === 'everything' ? ['/*'] : (batch.items as string[])
}

// ---------------------------------------------------------------- idempotency

let localRunId: string | undefined

/**
 * The same batch of the same run attempt always gets the same reference, so a request retried
 * after CloudFront created the invalidation (a reset, a timeout) returns that invalidation
 * instead of making a second one. A re-run of the workflow is a new attempt: it invalidates again.
 */
export function callerReference(batch: Batch, settings: CommonSettings): string {
  const paths = pathsOf(batch)
  const hash = createHash('sha256').update([batch.target.id, ...paths].join('\n')).digest('hex').slice(0, 16)
  // Outside Actions there is no run id: a random one keeps two local runs apart.
  const run = settings.env.GITHUB_RUN_ID || `local-${(localRunId ??= randomUUID())}`
  return `cdn-purge-${run}-${settings.env.GITHUB_RUN_ATTEMPT || '1'}-${batchIndex(batch, settings)}-${hash}`
}

/** The batch's place among its distribution's batches (plan.ts cuts the items in order). */
function batchIndex(batch: Batch, settings: CommonSettings): number {
  const first = batch.items[0]
  if (batch.kind === 'everything' || typeof first !== 'string') return 0
  const position = invalidationItems(settings).items.indexOf(first)
  return Math.max(0, Math.floor(position / (settings.batchSize ?? maxPaths)))
}

// ---------------------------------------------------------------- signing

interface SigningCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** The role's temporary credentials, masked before anything can print them (aws-sts.ts). */
async function assumeRole(roleArn: string, context: SignInContext): Promise<SigningCredentials> {
  const assumed = await assumeRoleWithWebIdentity(context.http, roleArn, context.env)
  if (!assumed.ok) throw new Error(assumed.error)
  const { accessKeyId, secretAccessKey, sessionToken } = assumed.credentials
  for (const secret of [accessKeyId, secretAccessKey, sessionToken]) context.registerSecret(secret)
  return { accessKeyId, secretAccessKey, sessionToken }
}

function environmentCredentials(env: Record<string, string | undefined>): SigningCredentials {
  const sessionToken = env.AWS_SESSION_TOKEN?.trim()
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID?.trim() ?? '',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY?.trim() ?? '',
    ...(sessionToken ? { sessionToken } : {}),
  }
}

async function signRequest(request: HttpRequest, credentials: SigningCredentials): Promise<HttpRequest> {
  const signer = new AwsV4Signer({
    url: request.url,
    method: request.method,
    headers: request.headers ?? {},
    body: request.body ?? '',
    ...credentials,
    service: 'cloudfront',
    region: 'us-east-1',
  })
  const signed = await signer.sign()
  return { ...request, headers: Object.fromEntries(signed.headers) }
}

// ---------------------------------------------------------------- answers

function readInvalidation(answer: Answer): Outcome {
  if (isSuccess(answer.status)) {
    // A cut-off answer is not an accepted invalidation, even if its Id made it through.
    const complete = /<\/Invalidation>\s*$/.test(answer.body)
    const id = complete ? xmlText(answer.body, 'Id') : undefined
    const status = xmlText(answer.body, 'Status')
    if (id) return { ok: true, id, ...(status ? { detail: status } : {}) }
    return { ok: false, error: `HTTP ${answer.status}, not a CloudFront invalidation: ${bodySnippet(answer.body)}` }
  }
  const code = xmlText(answer.body, 'Code')
  if (code === undefined) return { ok: false, error: `HTTP ${answer.status}, not a CloudFront API answer: ${bodySnippet(answer.body)}` }
  const message = xmlText(answer.body, 'Message')
  return {
    ok: false,
    error: `HTTP ${answer.status}, CloudFront error ${code}${message ? `: ${message}` : ''}`,
    ...(retryableCodes.has(code) ? { retryable: true } : {}),
  }
}

/** Polls GetInvalidation until `Completed`, backing off to CloudFront's own waiter interval. */
async function waitUntilCompleted(result: BatchResult, api: ApiContext): Promise<void> {
  const started = api.now()
  const id = result.id ?? ''
  const outcome = await pollUntil(
    api,
    async () => {
      const { verdict } = await callApi(
        api,
        { method: 'GET', path: `/${apiVersion}/distribution/${encodeURIComponent(result.target.id)}/invalidation/${encodeURIComponent(id)}` },
        readInvalidation,
      )
      if (!verdict.ok) return { failed: `waiting for invalidation ${id}: ${verdict.error}` }
      const status = verdict.detail ?? 'unknown'
      return status === 'Completed' ? { done: `Completed after ${formatSeconds(api.now() - started)}` } : { pending: status }
    },
    (pollsDone) => Math.min(pollCapMs, pollFirstMs * 2 ** (pollsDone - 1)),
  )
  if ('done' in outcome) result.detail = outcome.done
  else if ('failed' in outcome) Object.assign(result, { status: 'failed', error: outcome.failed })
  else {
    Object.assign(result, {
      status: 'failed',
      detail: outcome.timedOut,
      error: `invalidation ${id} was still ${outcome.timedOut} when the timeout ran out (it goes on; raise timeout to wait for it)`,
    })
  }
}
