import { formatSeconds, isRetryableStatus, mapConcurrent, type Answer } from '../../http/client.js'
import { quote } from '../../inputs/lists.js'
import type { Settings } from '../../inputs/settings.js'
import { entraInputErrors, federatedAccessToken } from '../../sign-in/entra.js'
import { oidcInputError } from '../../sign-in/github-oidc.js'
import { pollUntil, type PollState } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type BatchResult, type Outcome, type SignInContext, type Target } from '../provider.js'
import { armError, armScope, defaultPollMs, operationUrlError, purgeBody, purgePath, readOperation, readPurgeAnswer } from './arm.js'
import type { FrontDoorOptions } from './description.js'
import { maxPathsPerRequest } from './limits.js'
import { addressErrors, cutGroup, groupByDomain, readDomain, type DomainGroup, type EndpointAddress } from './rules.js'

/**
 * Azure Front Door Standard/Premium: `AFDEndpoints_PurgeContent` on Azure Resource Manager, one
 * request per domain set and up to 100 paths, answered 202 with a long-running operation that
 * `wait` follows. Signs in with an ARM token, or keyless with the job's OIDC token exchanged at
 * Microsoft Entra for a federated app (src/sign-in/entra.ts).
 */

type FrontDoorSettings = Settings<FrontDoorOptions>

const pollConcurrency = 4

export class FrontDoor extends Provider<FrontDoorOptions> {
  /** One target per set of domains the paths go to: the `domains` input, or an absolute URL's host. */
  targets(settings: FrontDoorSettings): Target[] {
    const endpoint = addressOf(settings).endpoint
    return domainGroups(settings).groups.map((group) => ({
      label: group.domains.length === 0 ? endpoint : `${endpoint} (${group.domains.join(', ')})`,
      id: group.domains.join(','),
    }))
  }

  override credentials(settings: FrontDoorSettings): { secrets: string[]; errors: string[] } {
    if (settings.token !== '') return { secrets: [], errors: [] }
    const keyless = settings.tenantId !== '' || settings.clientId !== ''
    if (!keyless) {
      if (settings.dryRun) return { secrets: [], errors: [] }
      return {
        secrets: [],
        errors: [
          'input token: Front Door signs in with token (an ARM access token) or with tenant-id and client-id ' +
            '(an Entra app with a federated credential for this repository, and permissions: id-token: write); neither is given',
        ],
      }
    }
    const errors = entraInputErrors(settings.tenantId, settings.clientId, settings.env)
    const oidcError = settings.dryRun ? undefined : oidcInputError(settings.env, 'tenant-id')
    return { secrets: [], errors: oidcError === undefined ? errors : [...errors, oidcError] }
  }

  group(settings: FrontDoorSettings, targets: Target[]): { groups: Batch[]; errors: string[]; notes: string[] } {
    const errors = settings.endpoint.length > 1 ? [`input endpoint: Front Door takes one endpoint a step, got ${settings.endpoint.length}`] : addressErrors(addressOf(settings))
    const { groups, notes, errors: pathErrors } = domainGroups(settings)
    errors.push(...pathErrors)
    const batchSize = settings.batchSize ?? maxPathsPerRequest
    const batches: Batch[] = []
    for (const group of groups) {
      const target = targets.find((each) => each.id === group.domains.join(','))
      if (!target) continue
      if (settings.scope === 'all') {
        batches.push({ target, kind: 'everything', items: [] })
        continue
      }
      // Cut here, not in plan.ts: how many paths fit depends on the group's domains.
      for (const request of cutGroup(group, batchSize)) batches.push({ target, kind: 'paths', items: request.paths })
    }
    return { groups: batches, errors, notes }
  }

  async signIn(settings: FrontDoorSettings, context: SignInContext): Promise<Auth> {
    if (settings.token !== '') return { headers: { authorization: `Bearer ${settings.token}` } }
    const result = await federatedAccessToken(context.http, { tenantId: settings.tenantId, clientId: settings.clientId, scope: armScope }, context.env)
    if (!result.ok) throw new Error(result.error)
    context.registerSecret(result.token)
    return { headers: { authorization: `Bearer ${result.token}` } }
  }

  request(batch: Batch, settings: FrontDoorSettings): ApiRequest {
    return {
      method: 'POST',
      path: purgePath(addressOf(settings)),
      headers: { 'content-type': 'application/json' },
      body: purgeBody(requestOf(batch)),
    }
  }

  readAnswer(answer: Answer): Outcome {
    const read = readPurgeAnswer(answer)
    if (!read.ok) return read
    if (read.done) return { ok: true, detail: 'Succeeded' }
    return read.operationUrl === undefined ? { ok: true, detail: 'accepted' } : { ok: true, id: read.operationUrl, detail: 'InProgress' }
  }

  override async settle(results: BatchResult[], settings: FrontDoorSettings, api: ApiContext): Promise<void> {
    if (!settings.wait) return
    const pending = results.filter((result) => result.status === 'purged' && result.id !== undefined)
    await mapConcurrent(pending, pollConcurrency, (result) => waitForOperation(result, api))
  }
}

function addressOf(settings: FrontDoorSettings): EndpointAddress {
  return { subscription: settings.subscription, resourceGroup: settings.resourceGroup, profile: settings.profile, endpoint: settings.endpoint[0] ?? '' }
}

function domainGroups(settings: FrontDoorSettings): { groups: DomainGroup[]; notes: string[]; errors: string[] } {
  const errors: string[] = []
  const domains: string[] = []
  for (const value of settings.domains) {
    const read = readDomain(value)
    if ('error' in read) errors.push(read.error)
    else if (!domains.includes(read.domain)) domains.push(read.domain)
  }
  const grouped = groupByDomain(settings.paths, domains, settings.scope === 'all')
  return { groups: grouped.groups, notes: grouped.notes, errors: [...errors, ...grouped.errors] }
}

function requestOf(batch: Batch): DomainGroup {
  const domains = batch.target.id === '' ? [] : batch.target.id.split(',')
  return { domains, paths: batch.kind === 'everything' ? ['/*'] : (batch.items as string[]) }
}

/** Polls the operation (honouring Retry-After) until Succeeded; Failed, Canceled or the timeout fail the batch. */
async function waitForOperation(result: BatchResult, api: ApiContext): Promise<void> {
  const operationUrl = result.id ?? ''
  const refused = operationUrlError(operationUrl, api.apiUrl)
  if (refused !== undefined) {
    Object.assign(result, { status: 'failed', error: `waiting for the purge: ${refused}` })
    return
  }
  const started = api.now()
  const poll = async (): Promise<PollState<true>> => {
    let state: ReturnType<typeof readOperation> | undefined
    const { verdict } = await api.http.send({ url: operationUrl, method: 'GET', headers: api.headers }, (answer) => {
      // A 429 or 5xx is the poll failing, not the purge: the client retries it.
      if (isRetryableStatus(answer.status)) return { ok: false, error: armError(answer) }
      state = readOperation(answer, api.now())
      if ('unreadable' in state) return { ok: false, error: state.unreadable }
      return { ok: true }
    })
    if (!verdict.ok || state === undefined || 'unreadable' in state) return { failed: verdict.ok ? 'no answer' : verdict.error }
    if (state.state === 'succeeded') return { done: true }
    if (state.state === 'failed') return { failed: state.error }
    return { pending: state.status, retryAfterMs: state.retryAfterMs }
  }
  const outcome = await pollUntil(api, poll, (_polls, retryAfterMs) => retryAfterMs ?? defaultPollMs)
  if ('done' in outcome) {
    result.detail = `Succeeded after ${formatSeconds(api.now() - started)}`
    return
  }
  if ('failed' in outcome) {
    Object.assign(result, { status: 'failed', detail: 'Failed', error: `purge operation: ${outcome.failed}` })
    return
  }
  Object.assign(result, {
    status: 'failed',
    detail: outcome.timedOut,
    error: `the purge was still ${quote(outcome.timedOut)} when the timeout ran out (it goes on; raise timeout to wait for it)`,
  })
}
