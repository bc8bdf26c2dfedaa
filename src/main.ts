import type { Changes } from './changes/changes.js'
import * as core from './core.js'
import { errorMessage } from './errors.js'
import { readGithubContext, type GithubContext } from './github-context.js'
import { HttpClient, formatSeconds, mapConcurrent, type HttpOptions, type HttpRequest } from './http/client.js'
import { inputNames, parseInputs, type RawInputs, type Settings } from './inputs/inputs.js'
import { dedupe } from './inputs/lists.js'
import { planBatches } from './plan.js'
import { loadProvider, type ApiContext, type Batch, type BatchResult, type Provider } from './providers/index.js'
import { changesLine, failureMessage, logAfterPurge, logBatches, setOutputs, summaryMarkdown, writeResultFile, type DeployInfo, type RunReport } from './report/report.js'
import { redact, registerSecret } from './secrets.js'
import { afterPurgeWarnings } from './report/verify-report.js'
import { quoteOutside } from './visible.js'

/** inputs -> plan -> send -> report. The one place that fails the step. */
export async function run(): Promise<void> {
  try {
    const startedAt = Date.now()
    const raw = readRawInputs()
    registerSecret(raw.token ?? '')
    registerSecret(raw['github-token'] ?? '')
    const github = readGithubContext()

    const parsed = parseInputs(raw, { workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(), env: process.env })
    if (!parsed.settings) return core.setFailed(redact(parsed.errors.join('\n')))
    let settings = parsed.settings
    const provider = await loadProvider(settings.provider)
    const credentials = provider.credentials?.(settings) ?? { secrets: [], errors: [] }
    for (const secret of credentials.secrets) registerSecret(secret)
    const changesModule = settings.changedSince ? await import('./changes/changes.js') : undefined
    const asked = changesModule?.readChangeRequest(settings, github)
    // Verify and warm are loaded only when asked for.
    const afterPurge = settings.verify || settings.warm ? await import('./after-purge/verify.js') : undefined

    let plan = planBatches(settings, provider, provider.targets(settings))
    // With changed-since, what verify can check is known only after the mapping.
    const verifyErrors = asked ? [] : (afterPurge?.inputErrors(settings, plan.batches, provider.targets(settings)) ?? [])
    const inputErrors = [...parsed.errors, ...credentials.errors, ...(asked?.errors ?? []), ...plan.errors, ...verifyErrors]
    if (inputErrors.length > 0) return core.setFailed(redact(inputErrors.join('\n')))

    // The changed files' URLs join paths and go through the provider's rules like any other.
    let changes: Changes | undefined
    if (changesModule && asked?.request) {
      changes = await changesModule.findChanges(asked.request, httpClient(settings, startedAt))
      core.info(redact(changesLine(changes)))
      if (changes.unreadable) core.warning(redact(unreadableNamesWarning(changes.unreadable)))
      settings = { ...settings, paths: dedupe([...settings.paths, ...changes.mapping.targets]) }
      plan = planBatches(settings, provider, provider.targets(settings))
      const mappedVerifyErrors = plan.batches.length > 0 ? (afterPurge?.inputErrors(settings, plan.batches, provider.targets(settings)) ?? []) : []
      const mappedErrors = [...plan.errors, ...mappedVerifyErrors]
      if (mappedErrors.length > 0) return core.setFailed(redact(mappedErrors.join('\n')))
      if (plan.batches.length === 0) core.notice(redact(`Nothing to purge. ${changesLine(changes)}`))
    }

    const report: RunReport = {
      provider: settings.provider,
      title: provider.title,
      dryRun: settings.dryRun,
      targets: provider.targets(settings),
      batches: [],
      durationMs: 0,
      changes,
    }
    const api = settings.dryRun ? undefined : apiContext(provider, settings, startedAt)
    if (!api) {
      report.batches = plan.batches.map((batch) => ({ ...batch, status: 'planned', attempts: 0 }))
      report.requests = plan.batches.map((batch) => describeRequest(provider, settings, batch))
    } else if (plan.batches.length > 0) {
      const purge = await purgeAll(provider, settings, api)
      if ('inputErrors' in purge) return core.setFailed(redact(purge.inputErrors.join('\n')))
      Object.assign(report, purge)
    }
    report.durationMs = Date.now() - startedAt
    report.deploy = deployInfo(github)

    logBatches(report)
    if (afterPurge) {
      const log = (line: string) => core.info(redact(line))
      report.afterPurge = api
        ? await afterPurge.verifyAndWarm({ settings, provider, batches: report.batches, deadline: api.http.deadline, log })
        : afterPurge.planned(settings, plan.batches)
      logAfterPurge(report)
    }
    report.resultFile = writeResultFile(report)
    setOutputs(report)
    await core.summary.addRaw(summaryMarkdown(report)).write()

    for (const warning of afterPurgeWarnings(report.afterPurge)) core.warning(redact(warning))
    const failure = failureMessage(report)
    if (failure && settings.failOnError) core.setFailed(failure)
    else if (failure) core.warning(failure)
  } catch (error) {
    core.setFailed(redact(errorMessage(error)))
  }
}

function unreadableNamesWarning(names: string[]): string {
  const shown = names.slice(0, 20).map((name) => quoteOutside(name, 200))
  const more = names.length > shown.length ? ` and ${names.length - shown.length} more (see the summary)` : ''
  return `changed-since: ${names.length} changed file ${names.length === 1 ? 'name is' : 'names are'} not valid UTF-8, so the URL to purge is unknown: not purged, listed as unmapped: ${shown.join(', ')}${more}`
}

function readRawInputs(): RawInputs {
  return Object.fromEntries(inputNames.map((name) => [name, core.getInput(name)]))
}

function apiContext(provider: Provider, settings: Settings, startedAt: number): ApiContext {
  const pacing = provider.pacing ? { pacing: provider.pacing, paceScale: paceScale() } : {}
  return { http: httpClient(settings, startedAt, pacing), apiUrl: apiUrlOf(provider, settings), headers: provider.authHeaders(settings) }
}

/** One per API, under the step's deadline and retry policy. */
function httpClient(settings: Settings, startedAt: number, pacing: Pick<HttpOptions, 'pacing' | 'paceScale'> = {}): HttpClient {
  return new HttpClient({
    deadline: startedAt + settings.timeoutSeconds * 1000,
    retries: settings.retries,
    onRetry: ({ url, attempt, waitMs, reason }) =>
      core.info(redact(`retrying ${new URL(url).pathname} in ${formatSeconds(waitMs)} (attempt ${attempt} failed: ${reason})`)),
    ...pacing,
  })
}

function apiUrlOf(provider: Provider, settings: Settings): string {
  return settings.apiUrl ?? provider.apiUrl?.(settings) ?? provider.defaultApiUrl
}

/** The end-to-end tests run rate-limit pacing faster through this variable; it is 1 for users. */
function paceScale(): number {
  const scale = Number(process.env.CDN_PURGE_PACE_SCALE)
  return Number.isFinite(scale) && scale > 0 ? scale : 1
}

type Purge = { targets: RunReport['targets']; batches: BatchResult[] } | { inputErrors: string[] }

async function purgeAll(provider: Provider, settings: Settings, api: ApiContext): Promise<Purge> {
  let targets = provider.targets(settings)
  try {
    if (provider.resolveTargets) targets = await provider.resolveTargets(settings, api)
  } catch (error) {
    // Without its targets nothing can be sent: every batch fails with the lookup's reason.
    const reason = errorMessage(error)
    const { batches } = planBatches(settings, provider, targets)
    return { targets, batches: batches.map((batch) => ({ ...batch, status: 'failed', attempts: 0, error: reason })) }
  }
  const plan = planBatches(settings, provider, targets)
  if (plan.errors.length > 0) return { inputErrors: plan.errors }

  const batches = await mapConcurrent(plan.batches, provider.concurrency, (batch) => sendBatch(provider, settings, api, batch))
  await provider.settle?.(batches, settings, api)
  return { targets, batches }
}

async function sendBatch(provider: Provider, settings: Settings, api: ApiContext, batch: Batch): Promise<BatchResult> {
  const request = provider.request(batch, settings)
  const url = api.apiUrl + request.path
  if (request.body !== undefined) core.debug(`${request.method} ${url} ${request.body}`)
  const sign = provider.sign
  const { verdict, attempts } = await api.http.send(
    {
      url,
      method: request.method,
      headers: { ...api.headers, ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
      pace: batch.kind,
      ...(sign ? { sign: (unsigned: HttpRequest) => sign.call(provider, unsigned, settings) } : {}),
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
  const error = verdict.unreachable && provider.explainNetworkError ? provider.explainNetworkError(verdict.error, api.apiUrl) : verdict.error
  return { ...batch, status: attempts === 0 ? 'skipped' : 'failed', attempts, error }
}

function describeRequest(provider: Provider, settings: Settings, batch: Batch): string {
  const request = provider.request(batch, settings)
  return `${request.method} ${apiUrlOf(provider, settings)}${request.path}${request.body !== undefined ? ` ${request.body}` : ''}`
}

/** The deploy this purge follows, for the summary. */
function deployInfo(github: GithubContext): DeployInfo | undefined {
  if (!github.repository) return undefined
  const release = (github.payload.release as { tag_name?: unknown } | undefined)?.tag_name
  const ref = typeof release === 'string' ? release : github.ref.replace(/^refs\/(heads|tags)\//, '')
  return { event: github.eventName, ref, sha: github.sha, runUrl: `${github.serverUrl}/${github.repository}/actions/runs/${github.runId}` }
}
