import * as core from '@actions/core'
import { errorMessage } from './errors.js'
import { HttpClient, formatSeconds, mapConcurrent, type HttpRequest } from './http.js'
import { inputNames, parseInputs, type RawInputs, type Settings } from './inputs.js'
import { planBatches } from './plan.js'
import { loadProvider, type ApiContext, type Batch, type BatchResult, type Provider } from './providers/index.js'
import { failureMessage, logBatches, setOutputs, summaryMarkdown, type DeployInfo, type RunReport } from './report.js'
import { redact, registerSecret } from './secrets.js'

/** inputs -> plan -> send -> report. The one place that fails the step. */
export async function run(): Promise<void> {
  try {
    const startedAt = Date.now()
    const raw = readRawInputs()
    registerSecret(raw.token ?? '')
    const deploy = readDeployInfo()

    const { settings, errors } = parseInputs(raw, { workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(), env: process.env })
    if (!settings) return core.setFailed(redact(errors.join('\n')))
    const provider = await loadProvider(settings.provider)
    const credentials = provider.credentials?.(settings) ?? { secrets: [], errors: [] }
    for (const secret of credentials.secrets) registerSecret(secret)

    const plan = planBatches(settings, provider, provider.targets(settings))
    const inputErrors = [...errors, ...credentials.errors, ...plan.errors]
    if (inputErrors.length > 0) return core.setFailed(redact(inputErrors.join('\n')))

    const report: RunReport = {
      provider: settings.provider,
      title: provider.title,
      dryRun: settings.dryRun,
      targets: provider.targets(settings),
      batches: [],
      durationMs: 0,
    }
    if (settings.dryRun) {
      report.batches = plan.batches.map((batch) => ({ ...batch, status: 'planned', attempts: 0 }))
      report.requests = plan.batches.map((batch) => describeRequest(provider, settings, batch))
    } else {
      const api = apiContext(provider, settings, startedAt)
      const purge = await purgeAll(provider, settings, api)
      if ('inputErrors' in purge) return core.setFailed(redact(purge.inputErrors.join('\n')))
      Object.assign(report, purge)
    }
    report.durationMs = Date.now() - startedAt
    report.deploy = await deploy

    logBatches(report)
    setOutputs(report)
    await core.summary.addRaw(summaryMarkdown(report)).write()

    const failure = failureMessage(report)
    if (failure && settings.failOnError) core.setFailed(failure)
    else if (failure) core.warning(failure)
  } catch (error) {
    core.setFailed(redact(errorMessage(error)))
  }
}

function readRawInputs(): RawInputs {
  return Object.fromEntries(inputNames.map((name) => [name, core.getInput(name)]))
}

function apiContext(provider: Provider, settings: Settings, startedAt: number): ApiContext {
  const http = new HttpClient({
    deadline: startedAt + settings.timeoutSeconds * 1000,
    retries: settings.retries,
    onRetry: ({ url, attempt, waitMs, reason }) =>
      core.info(redact(`retrying ${new URL(url).pathname} in ${formatSeconds(waitMs)} (attempt ${attempt} failed: ${reason})`)),
  })
  return { http, apiUrl: apiUrlOf(provider, settings), headers: provider.authHeaders(settings) }
}

function apiUrlOf(provider: Provider, settings: Settings): string {
  return settings.apiUrl ?? provider.apiUrl?.(settings) ?? provider.defaultApiUrl
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
      ...(sign ? { sign: (unsigned: HttpRequest) => sign.call(provider, unsigned, settings) } : {}),
    },
    (answer) => provider.readAnswer(answer, batch),
  )
  if (verdict.ok) {
    const { id, detail, estimatedSeconds } = verdict
    return { ...batch, status: 'purged', attempts, ...(id ? { id } : {}), ...(detail ? { detail } : {}), ...(estimatedSeconds !== undefined ? { estimatedSeconds } : {}) }
  }
  return { ...batch, status: attempts === 0 ? 'skipped' : 'failed', attempts, error: verdict.error }
}

function describeRequest(provider: Provider, settings: Settings, batch: Batch): string {
  const request = provider.request(batch, settings)
  return `${request.method} ${apiUrlOf(provider, settings)}${request.path}${request.body !== undefined ? ` ${request.body}` : ''}`
}

/** The deploy this purge follows, for the summary; loaded beside the work, not before it. */
async function readDeployInfo(): Promise<DeployInfo | undefined> {
  if (!process.env.GITHUB_REPOSITORY) return undefined
  try {
    const { context } = await import('@actions/github')
    const release = (context.payload.release as { tag_name?: string } | undefined)?.tag_name
    const ref = release ?? context.ref.replace(/^refs\/(heads|tags)\//, '')
    const { owner, repo } = context.repo
    return { event: context.eventName, ref, sha: context.sha, runUrl: `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}` }
  } catch {
    return undefined
  }
}
