import type { Changes } from './changes/changes.js'
import * as core from './core.js'
import { errorMessage, InputError, PurgeFailed } from './errors.js'
import { readGithubContext, type GithubContext } from './github-context.js'
import { HttpClient, formatSeconds, mapConcurrent, type HttpOptions } from './http/client.js'
import { inputNames, parseInputs, type RawInputs } from './inputs/inputs.js'
import { dedupe } from './inputs/lists.js'
import type { Settings } from './inputs/settings.js'
import { planBatches, type Plan } from './plan.js'
import { loadProvider } from './providers/index.js'
import type { ApiContext, Batch, BatchResult, Provider, Target } from './providers/provider.js'
import { changesLine, failureMessage, logAfterPurge, logBatches, setOutputs, summaryMarkdown, writeResultFile, type DeployInfo, type RunReport } from './report/report.js'
import { redact, registerSecret } from './secrets.js'
import { quoteOutside } from './visible.js'
import { afterPurgeWarnings } from './report/verify-report.js'
import type { DeployAware } from './report/deploy-report.js'
import { everythingErrors, everythingLine, everythingReason, everythingSettings, listedAsPurged } from './deploy/everything.js'
import { originFailure, plannedOriginLine, readOriginCheck, waitForOrigin, type OriginCheck } from './deploy/origin-check.js'

type VerifyModule = typeof import('./after-purge/verify.js')
type ChangesModule = typeof import('./changes/changes.js')
type ChangeRequest = NonNullable<ReturnType<ChangesModule['readChangeRequest']>['request']>

/** What the run works on; `settings`, `targets` and `plan` grow with the changed files and the target lookup. */
interface Job {
  settings: Settings
  provider: Provider
  targets: Target[]
  plan: Plan
  /** Loaded only when verify or warm is asked for. */
  verifyModule: VerifyModule | undefined
  /** With changed-since: the module (loaded only then) and what to compare. */
  changeRequest: { module: ChangesModule; request: ChangeRequest } | undefined
  /** `origin-check`: what to wait for before anything is purged. */
  origin: OriginCheck | undefined
  /** After a switch to a purge of everything: the batches the lists named (verify and warm use them). */
  listed?: Batch[]
  /** What origin-check, max-items, `@all` and last-success did, for the summary. */
  deployAware: DeployAware
  startedAt: number
}

/**
 * One run: inputs -> changed files -> targets -> plan (a purge of everything past max-items or
 * for an @all file) -> wait for the origin -> send (or describe, in a dry-run) -> verify and warm
 * -> report. Problems with the inputs are an InputError, thrown where found and
 * before anything is sent; the one catch below fails the step with any error.
 */
export async function run(): Promise<void> {
  try {
    const github = readGithubContext()
    const job = await readInputs(github, Date.now())
    const changes = job.changeRequest ? await addChangedFiles(job, job.changeRequest) : undefined
    switchToEverything(job, changes)
    if (changes && job.plan.batches.length === 0) core.notice(redact(`Nothing to purge. ${changesLine(changes)}`))
    const { settings, provider, verifyModule } = job
    for (const note of job.plan.notes) core.info(redact(note))
    for (const line of provider.planNotes(job.plan.batches, settings)) core.info(redact(line))
    const sent = settings.dryRun ? describe(job) : await purge(job)

    const report: RunReport = {
      provider: settings.provider,
      title: provider.description.title,
      dryRun: settings.dryRun,
      targets: job.targets,
      batches: sent.batches,
      durationMs: Date.now() - job.startedAt,
      changes,
      deploy: deployInfo(github),
      ...(sent.requests ? { requests: sent.requests } : {}),
      deployAware: { ...job.deployAware, baseRun: changes?.baseRun },
    }
    logBatches(report)
    // Nothing was sent when the origin never served the new build: nothing to verify or warm either.
    if (verifyModule && !sent.originFailure) {
      const log = (line: string) => core.info(redact(line))
      // After a purge of everything, verify and warm still take the URLs the lists named.
      const batches = job.listed ? listedAsPurged(job.listed, sent.batches) : sent.batches
      report.afterPurge = settings.dryRun
        ? verifyModule.planned(settings, job.listed ?? job.plan.batches)
        : await verifyModule.verifyAndWarm({ settings, cacheStatus: provider.description.cacheStatus, batches, deadline: deadlineOf(job), log })
      logAfterPurge(report)
    }
    report.resultFile = writeResultFile(report)
    setOutputs(report)
    await core.summary.addRaw(summaryMarkdown(report)).write()

    // The origin never served the new build: nothing was sent, and the step fails whatever fail-on-error says.
    if (sent.originFailure) throw new PurgeFailed(sent.originFailure)
    for (const warning of afterPurgeWarnings(report.afterPurge)) core.warning(redact(warning))
    const failure = failureMessage(report)
    if (failure && settings.failOnError) throw new PurgeFailed(failure)
    if (failure) core.warning(failure)
  } catch (error) {
    core.setFailed(redact(errorMessage(error)))
  }
}

/**
 * The inputs, the provider's credentials, the changed-since request and the plan of what the
 * inputs name, checked together: every problem at once, in one InputError.
 */
async function readInputs(github: GithubContext, startedAt: number): Promise<Job> {
  const raw: RawInputs = Object.fromEntries(inputNames.map((name) => [name, core.getInput(name)]))
  registerSecret(raw.token ?? '')
  registerSecret(raw['github-token'] ?? '')
  const parsed = parseInputs(raw, { workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(), env: process.env })
  for (const secret of parsed.secrets) registerSecret(secret)
  if (!parsed.settings) throw new InputError(parsed.errors)
  const settings = parsed.settings
  const provider = await loadProvider(settings.provider)
  const credentials = provider.credentials(settings)
  for (const secret of credentials.secrets) registerSecret(secret)
  const changesModule = settings.changedSince ? await import('./changes/changes.js') : undefined
  const changeRequest = changesModule?.readChangeRequest(settings, github)
  const verifyModule = settings.verify || settings.warm ? await import('./after-purge/verify.js') : undefined

  const targets = provider.targets(settings)
  const plan = planBatches(settings, provider, targets)
  // With changed-since, what verify can check is known only after the mapping.
  const verifyErrors = changesModule ? [] : (verifyModule?.inputErrors(settings, plan.batches, targets) ?? [])
  const origin = settings.originCheck ? readOriginCheck(settings.originCheck, settings.originExpect, github.sha) : undefined
  // A purge of everything that may come (past max-items, for an @all file) must be one the provider can send.
  const allRule = changeRequest?.request?.rules.find((rule) => rule.everything)
  const everythingProblems = [
    // Where the provider cannot purge everything at all, max-items does not apply to it (an input error already).
    ...(settings.maxItems !== undefined && provider.description.can.everything ? everythingErrors('max-items', 'past max-items everything is purged', settings, provider, targets) : []),
    ...(allRule ? everythingErrors('path-map', `line ${allRule.line} (${allRule.glob} => @all) purges everything`, settings, provider, targets) : []),
  ]
  InputError.throwIfAny([
    ...parsed.errors,
    ...credentials.errors,
    ...(changeRequest?.errors ?? []),
    ...plan.errors,
    ...verifyErrors,
    ...(origin?.errors ?? []),
    ...everythingProblems,
  ])
  const request = changeRequest?.request
  return {
    settings,
    provider,
    targets,
    plan,
    verifyModule,
    changeRequest: changesModule && request ? { module: changesModule, request } : undefined,
    origin: origin?.check,
    deployAware: {},
    startedAt,
  }
}

/** The changed files' URLs join paths and go through the provider's rules like any other. */
async function addChangedFiles(job: Job, { module, request }: NonNullable<Job['changeRequest']>): Promise<Changes> {
  const changes = await module.findChanges(request, httpClient(job))
  core.info(redact(changesLine(changes)))
  if (changes.unreadable) core.warning(redact(unreadableNamesWarning(changes.unreadable)))
  job.settings = { ...job.settings, paths: dedupe([...job.settings.paths, ...changes.mapping.targets]) }
  job.targets = job.provider.targets(job.settings)
  job.plan = planBatches(job.settings, job.provider, job.targets)
  const verifyErrors = job.plan.batches.length > 0 ? (job.verifyModule?.inputErrors(job.settings, job.plan.batches, job.targets) ?? []) : []
  InputError.throwIfAny([...job.plan.errors, ...verifyErrors])
  return changes
}

/** Past max-items, or for a changed file under an @all rule: everything instead, one request per target. */
function switchToEverything(job: Job, changes: Changes | undefined): void {
  const reason = everythingReason(job.plan.batches, job.settings.maxItems, changes?.mapping)
  if (!reason) return
  job.listed = job.plan.batches
  job.settings = everythingSettings(job.settings, job.provider.description)
  job.targets = job.provider.targets(job.settings)
  job.plan = planBatches(job.settings, job.provider, job.targets)
  InputError.throwIfAny(job.plan.errors)
  job.deployAware.everything = { reason, targets: job.plan.batches.length }
  core.notice(redact(everythingLine(reason, job.plan.batches.length)))
}

function unreadableNamesWarning(names: string[]): string {
  const shown = names.slice(0, 20).map((name) => quoteOutside(name, 200))
  const more = names.length > shown.length ? ` and ${names.length - shown.length} more (see the summary)` : ''
  return `changed-since: ${names.length} changed file ${names.length === 1 ? 'name is' : 'names are'} not valid UTF-8, so the URL to purge is unknown: not purged, listed as unmapped: ${shown.join(', ')}${more}`
}

interface Sent {
  batches: BatchResult[]
  /** The exact requests, for a dry-run. */
  requests?: string[]
  /** Why nothing was sent: the origin never served the new build. */
  originFailure?: string
}

function describe({ plan, provider, settings, origin, deployAware }: Job): Sent {
  if (origin && plan.batches.length > 0) {
    deployAware.origin = { planned: origin }
    core.info(redact(plannedOriginLine(origin)))
  }
  return {
    batches: plan.batches.map((batch) => ({ ...batch, status: 'planned', attempts: 0 })),
    requests: plan.batches.map((batch) => {
      const request = provider.request(batch, settings)
      return `${request.method} ${provider.apiUrl(settings)}${request.path}${request.body !== undefined ? ` ${request.body}` : ''}`
    }),
  }
}

/** Wait for the origin, sign in, look the targets up, send every batch, settle (wait). */
async function purge(job: Job): Promise<Sent> {
  const { provider, settings } = job
  if (job.plan.batches.length === 0) return { batches: [] }
  // Before the sign-in, whose tokens may be short-lived: the wait can take minutes.
  if (job.origin) {
    const http = new HttpClient({ deadline: deadlineOf(job), retries: 0 })
    const checked = await waitForOrigin(job.origin, { http, log: (line) => core.info(redact(line)), timeScale: timeScale() })
    job.deployAware.origin = checked
    if (!checked.matched) {
      const error = 'not sent: the origin did not serve the new build (origin-check)'
      return { batches: job.plan.batches.map((batch) => ({ ...batch, status: 'skipped', attempts: 0, error })), originFailure: originFailure(checked) }
    }
  }
  let api: ApiContext
  try {
    api = await connect(job)
    const targets = await provider.resolveTargets(job.targets, settings, api)
    // Routing can depend on what the lookup found (Cloudflare zone names): plan for the targets found.
    if (targets !== job.targets) {
      job.targets = targets
      job.plan = planBatches(settings, provider, targets)
      InputError.throwIfAny(job.plan.errors)
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    // Without its targets or credentials nothing can be sent: every batch fails with the reason.
    const reason = errorMessage(error)
    return { batches: job.plan.batches.map((batch) => ({ ...batch, status: 'failed', attempts: 0, error: reason })) }
  }
  const batches = await mapConcurrent(job.plan.batches, provider.description.concurrency, (batch) => sendBatch(provider, settings, api, batch))
  await provider.settle(batches, settings, api)
  return { batches }
}

/** The provider's sign-in, and the context of every API call after it. */
async function connect(job: Job): Promise<ApiContext> {
  const { provider, settings } = job
  const scale = timeScale()
  const pacing = provider.description.pacing
  const http = httpClient(job, pacing ? { pacing, paceScale: scale } : {})
  const apiUrl = provider.apiUrl(settings)
  const auth = await provider.signIn(settings, { http, apiUrl, env: settings.env, registerSecret })
  return {
    http,
    apiUrl,
    headers: auth.headers ?? {},
    ...(auth.sign ? { sign: auth.sign } : {}),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    timeScale: scale,
  }
}

/** One per API, under the step's deadline and retry policy. */
function httpClient(job: Job, pacing: Pick<HttpOptions, 'pacing' | 'paceScale'> = {}): HttpClient {
  return new HttpClient({
    deadline: deadlineOf(job),
    retries: job.settings.retries,
    onRetry: ({ url, attempt, waitMs, reason }) =>
      core.info(redact(`retrying ${new URL(url).pathname} in ${formatSeconds(waitMs)} (attempt ${attempt} failed: ${reason})`)),
    ...pacing,
  })
}

function deadlineOf(job: Job): number {
  return job.startedAt + job.settings.timeoutSeconds * 1000
}

/** The end-to-end tests run pacing and waits faster through this variable; it is 1 for users. */
function timeScale(): number {
  const scale = Number(process.env.CDN_PURGE_TIME_SCALE)
  return Number.isFinite(scale) && scale > 0 ? scale : 1
}

async function sendBatch(provider: Provider, settings: Settings, api: ApiContext, batch: Batch): Promise<BatchResult> {
  const request = provider.request(batch, settings)
  const url = api.apiUrl + request.path
  if (request.body !== undefined) core.debug(`${request.method} ${url} ${request.body}`)
  const { verdict, attempts } = await api.http.send(
    {
      url,
      method: request.method,
      headers: { ...api.headers, ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
      pace: batch.kind,
      paceItems: batch.kind === 'everything' ? 1 : batch.items.length,
      ...(api.sign ? { sign: api.sign } : {}),
    },
    (answer) => provider.readAnswer(answer, batch),
  )
  if (verdict.ok) {
    const { id, ids, detail, estimatedSeconds } = verdict
    return {
      ...batch,
      status: 'purged',
      attempts,
      acceptedAt: Date.now(),
      ...(id ? { id } : {}),
      ...(ids ? { ids } : {}),
      ...(detail ? { detail } : {}),
      ...(estimatedSeconds !== undefined ? { estimatedSeconds } : {}),
    }
  }
  const error = verdict.unreachable ? provider.explainNetworkError(verdict.error, api.apiUrl) : verdict.error
  return { ...batch, status: attempts === 0 ? 'skipped' : 'failed', attempts, error }
}

/** The deploy this purge follows, for the summary. */
function deployInfo(github: GithubContext): DeployInfo | undefined {
  if (!github.repository) return undefined
  const release = (github.payload.release as { tag_name?: unknown } | undefined)?.tag_name
  const ref = typeof release === 'string' ? release : github.ref.replace(/^refs\/(heads|tags)\//, '')
  return { event: github.eventName, ref, sha: github.sha, runUrl: `${github.serverUrl}/${github.repository}/actions/runs/${github.runId}` }
}
