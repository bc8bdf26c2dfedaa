import { randomUUID } from 'node:crypto'
import * as core from '../../core.js'
import { formatSeconds, isRetryableStatus, type Answer } from '../../http/client.js'
import { quote } from '../../inputs/lists.js'
import type { Settings } from '../../inputs/settings.js'
import { InputError } from '../../errors.js'
import { callApi, isSuccess, pollUntil, type PollState } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type BatchResult, type Outcome, type SignInContext, type Target } from '../provider.js'
import type { CloudCdnOptions } from './description.js'
import { cacheTagProblem, isRateLimited, readGoogleError, readOperation, readPath, requestId, ruleForItem, type InvalidationRule } from './rules.js'
import { signIn, signInInputErrors } from './sign-in.js'

/**
 * Google Cloud CDN: `POST {api-url}/projects/{project}/global/urlMaps/{url-map}/invalidateCache`,
 * one cache invalidation rule a call (a path, with the URL's host, or up to 10 cache tags), on
 * every URL map named. Each answer is a Compute Operation, polled with `wait` until DONE.
 * The rules are in rules.ts, the sign-in (token, keyless, credentials file) in sign-in.ts.
 */

type CloudCdnSettings = Settings<CloudCdnOptions>

const projectPattern = /^(?:[a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/
const urlMapPattern = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/

// Polling: Google says an invalidation takes effect in about 10 seconds.
const firstPollDelayMs = 2_000
const maxPollDelayMs = 10_000

/** Notes already logged: the plan is made again after a lookup or changed files, the note once. */
const notesLogged = new Set<string>()

/** Outside GitHub Actions there is no run id: one random id per process keeps retries idempotent. */
const localRunId = randomUUID()

export class CloudCdn extends Provider<CloudCdnOptions> {
  targets(settings: CloudCdnSettings): Target[] {
    return settings.urlMaps.map((urlMap) => ({ label: `${settings.project}/${urlMap}`, id: urlMap }))
  }

  group(settings: CloudCdnSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    const errors: string[] = []
    if (settings.project !== '' && !projectPattern.test(settings.project)) {
      errors.push(`input project: expected a Google Cloud project ID (6 to 30 lowercase letters, digits and hyphens), got ${quote(settings.project)}`)
    }
    for (const urlMap of settings.urlMaps.filter((each) => !urlMapPattern.test(each))) {
      errors.push(`input url-map: expected URL map names (lowercase letters, digits and hyphens, starting with a letter), got ${quote(urlMap)}`)
    }
    if (settings.scope === 'all') return { groups: targets.map((target) => ({ target, kind: 'everything', items: [] })), errors }

    const paths: string[] = []
    for (const raw of settings.paths) {
      const reading = readPath(raw)
      if (!reading.ok) {
        errors.push(`input paths: ${reading.error}`)
        continue
      }
      if (!paths.includes(reading.item)) paths.push(reading.item)
      if (reading.note !== undefined && !notesLogged.has(reading.note)) {
        notesLogged.add(reading.note)
        core.info(reading.note)
      }
    }
    for (const tag of settings.keys) {
      const problem = cacheTagProblem(tag)
      if (problem) errors.push(`input keys: ${problem}`)
    }
    const groups: Batch[] = []
    for (const target of targets) {
      if (paths.length > 0) groups.push({ target, kind: 'paths', items: paths })
      if (settings.keys.length > 0) groups.push({ target, kind: 'cacheTags', items: settings.keys })
    }
    return { groups, errors }
  }

  override credentials(settings: CloudCdnSettings): { secrets: string[]; errors: string[] } {
    return { secrets: [], errors: signInInputErrors(signInInputs(settings), settings.env) }
  }

  async signIn(settings: CloudCdnSettings, context: SignInContext): Promise<Auth> {
    const result = await signIn(context.http, signInInputs(settings), context.env)
    if (!result.ok) {
      if (result.input) throw new InputError([result.error])
      throw new Error(`sign-in to Google Cloud failed: ${result.error}`)
    }
    context.registerSecret(result.accessToken)
    return { headers: { authorization: `Bearer ${result.accessToken}` } }
  }

  request(batch: Batch, settings: CloudCdnSettings): ApiRequest {
    const rule = ruleOf(batch)
    const env = settings.env
    const id = requestId({
      runId: env.GITHUB_RUN_ID || localRunId,
      runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
      job: env.GITHUB_JOB ?? '',
      step: env.GITHUB_ACTION ?? '',
      project: settings.project,
      urlMap: batch.target.id,
      rule,
    })
    return {
      method: 'POST',
      path: `${urlMapPath(settings.project, batch.target.id)}/invalidateCache?requestId=${id}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    }
  }

  readAnswer(answer: Answer, batch: Batch): Outcome {
    if (!isSuccess(answer.status)) return refusal(answer, batch)
    const operation = readOperation(answer)
    if ('problem' in operation) return { ok: false, error: operation.problem }
    if (operation.error !== undefined) return { ok: false, error: `operation ${operation.name} failed: ${operation.error}`, retryable: false }
    return { ok: true, id: operation.name, ...(operation.status === 'DONE' ? { detail: 'DONE' } : {}) }
  }

  override async settle(results: BatchResult[], settings: CloudCdnSettings, api: ApiContext): Promise<void> {
    if (!settings.wait) return
    const startedAt = api.now()
    await Promise.all(
      results
        .filter((result) => result.status === 'purged' && result.id !== undefined && result.detail !== 'DONE')
        .map(async (result) => {
          const name = result.id as string
          const outcome = await pollUntil(api, () => pollOperation(api, settings.project, name), pollDelayMs)
          const took = formatSeconds(api.now() - startedAt)
          if ('done' in outcome) {
            result.detail = `DONE after ${took}`
          } else {
            result.status = 'failed'
            result.error = 'failed' in outcome ? outcome.failed : `operation ${name} was still ${outcome.timedOut} after ${took}, when the timeout ran out (the invalidation goes on)`
          }
        }),
    )
  }
}

function signInInputs(settings: CloudCdnSettings) {
  return {
    token: settings.token === '' ? undefined : settings.token,
    workloadIdentityProvider: settings.workloadIdentityProvider === '' ? undefined : settings.workloadIdentityProvider,
    serviceAccount: settings.serviceAccount === '' ? undefined : settings.serviceAccount,
  }
}

function urlMapPath(project: string, urlMap: string): string {
  return `/projects/${encodeURIComponent(project)}/global/urlMaps/${encodeURIComponent(urlMap)}`
}

function ruleOf(batch: Batch): InvalidationRule {
  if (batch.kind === 'everything') return { path: '/*' }
  const items = batch.items.map((item) => (typeof item === 'string' ? item : item.url))
  if (batch.kind === 'cacheTags') return { cacheTags: items }
  if (items.length !== 1) throw new Error(`a Cloud CDN invalidation takes one path, got ${items.length}`)
  return ruleForItem(items[0] as string)
}

/** A refused invalidation in Google's words, with the usual cause; rate limits are retried like a 429. */
function refusal(answer: Answer, batch: Batch): Outcome {
  const reading = readGoogleError(answer.body)
  const said = `HTTP ${answer.status}${reading.reason ? ` ${reading.reason}` : ''}: ${reading.message}`
  if (isRateLimited(answer.status, reading)) return { ok: false, error: said, retryable: true }
  if (isRetryableStatus(answer.status)) return { ok: false, error: said }
  const hint =
    answer.status === 401
      ? ' (the access token is not valid, or has expired)'
      : answer.status === 403
        ? ' (the signed-in account needs compute.urlMaps.invalidateCache on the project; see the README for a least-permission role)'
        : answer.status === 404
          ? ` (check project and url-map: ${quote(batch.target.id)} must be a global URL map of the project)`
          : ''
  return { ok: false, error: `${said}${hint}`, retryable: false }
}

async function pollOperation(api: ApiContext, project: string, name: string): Promise<PollState<true>> {
  let state: PollState<true> | undefined
  const { verdict } = await callApi(api, { method: 'GET', path: `/projects/${encodeURIComponent(project)}/global/operations/${encodeURIComponent(name)}` }, (answer) => {
    if (!isSuccess(answer.status)) {
      const reading = readGoogleError(answer.body)
      return { ok: false, error: `HTTP ${answer.status}${reading.reason ? ` ${reading.reason}` : ''}: ${reading.message}`, ...(isRateLimited(answer.status, reading) ? { retryable: true } : {}) }
    }
    const operation = readOperation(answer)
    if ('problem' in operation) return { ok: false, error: operation.problem }
    if (operation.status !== 'DONE') state = { pending: operation.status }
    else if (operation.error !== undefined) state = { failed: `operation ${name} failed: ${operation.error}` }
    else state = { done: true }
    return { ok: true }
  })
  if (!verdict.ok) return { failed: `could not read operation ${name}: ${verdict.error}` }
  return state ?? { failed: `could not read operation ${name}` }
}

/** 2 s, growing to every 10 s. */
export function pollDelayMs(pollsDone: number): number {
  return Math.min(maxPollDelayMs, Math.round(firstPollDelayMs * 1.5 ** (pollsDone - 1)))
}
