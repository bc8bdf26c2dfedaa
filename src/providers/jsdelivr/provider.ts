import { bodySnippet, mapConcurrent, type Answer } from '../../http/client.js'
import type { Settings } from '../../inputs/settings.js'
import { callApi, isSuccess, parseJson, pollUntil, type PollState } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type BatchResult, type Outcome, type Target } from '../provider.js'
import type { JsdelivrOptions } from './description.js'
import { readJsdelivrPath } from './paths.js'
import { readPurgeId, readPurgeStatus, type PathOutcome } from './status.js'

/**
 * jsDelivr: `POST /` with `{"path": [...]}` answers only a purge id; `GET /status/{id}` says, once
 * `finished`, which paths were purged and which were `throttled` (purged again too soon: not
 * purged). The status is always read, and a throttled path is reported failed, never resent.
 */

type JsdelivrSettings = Settings<JsdelivrOptions>

/** Items are the files' URLs on cdn.jsdelivr.net (what `verify` requests); the API takes their paths. */
const cdnOrigin = 'https://cdn.jsdelivr.net'
/** jsDelivr's own purge tool reads the status every second. */
const pollIntervalMs = 1_000
const pollConcurrency = 4

export class Jsdelivr extends Provider<JsdelivrOptions> {
  targets(): Target[] {
    return [{ label: 'cdn.jsdelivr.net', id: 'cdn.jsdelivr.net', name: 'cdn.jsdelivr.net' }]
  }

  group(settings: JsdelivrSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    const errors: string[] = []
    if (settings.scope === 'all') {
      errors.push('input scope: jsDelivr cannot purge everything (its purge API takes listed paths only); list the files in paths, or map the changed files with changed-since and path-map')
    }
    const items = new Set<string>()
    for (const item of settings.paths) {
      const result = readJsdelivrPath(item)
      if ('error' in result) errors.push(`input paths: ${result.error}`)
      else items.add(`${cdnOrigin}${result.path}`)
    }
    return { groups: items.size > 0 ? [{ target: targets[0] as Target, kind: 'paths', items: [...items] }] : [], errors }
  }

  signIn(): Promise<Auth> {
    return Promise.resolve({})
  }

  request(batch: Batch): ApiRequest {
    return { method: 'POST', path: '/', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: pathsOf(batch) }) }
  }

  readAnswer(answer: Answer): Outcome {
    if (!isSuccess(answer.status)) return failure(answer)
    const id = readPurgeId(parseJson(answer.body))
    return 'id' in id ? { ok: true, id: id.id } : { ok: false, error: `HTTP ${answer.status}: ${id.error}: ${bodySnippet(answer.body)}` }
  }

  /** Reads every purge's status until finished, and splits off the paths that were not purged. */
  override async settle(results: BatchResult[], _settings: JsdelivrSettings, api: ApiContext): Promise<void> {
    const accepted = results.filter((result) => result.status === 'purged' && result.id !== undefined)
    const outcomes = await mapConcurrent(accepted, pollConcurrency, (result) => finalStatus(result, api))
    accepted.forEach((result, index) => {
      const outcome = outcomes[index] as Final
      const at = results.indexOf(result)
      results.splice(at, 1, ...splitResult(result, outcome))
    })
  }
}

function pathsOf(batch: Batch): string[] {
  return batch.items.map((item) => (item as string).slice(cdnOrigin.length))
}

type Final = { paths: PathOutcome[] } | { failed: string }

async function finalStatus(result: BatchResult, api: ApiContext): Promise<Final> {
  const id = result.id as string
  const sent = pathsOf(result)
  const outcome = await pollUntil(api, () => readStatus(id, sent, api), () => pollIntervalMs)
  if ('done' in outcome) return { paths: outcome.done }
  if ('failed' in outcome) return { failed: outcome.failed }
  return { failed: pendingAtTimeout(id) }
}

function pendingAtTimeout(id: string): string {
  return `still pending at the timeout (jsDelivr purge ${id}): whether these paths were purged is not known`
}

async function readStatus(id: string, sent: string[], api: ApiContext): Promise<PollState<PathOutcome[]>> {
  const { verdict, attempts } = await callApi(api, { method: 'GET', path: `/status/${encodeURIComponent(id)}` }, (answer) =>
    isSuccess(answer.status) ? { ok: true as const, body: answer.body } : failure(answer),
  )
  // The deadline came during the wait before this poll.
  if (!verdict.ok && attempts === 0) return { failed: pendingAtTimeout(id) }
  if (!verdict.ok) return { failed: `reading the status of jsDelivr purge ${id}: ${verdict.error}` }
  const status = readPurgeStatus(parseJson((verdict as { body: string }).body), sent)
  if ('error' in status) return { failed: `jsDelivr purge ${id}: ${status.error}` }
  if (status.state === 'pending') return { pending: 'pending' }
  if (status.state === 'failed') return { failed: `jsDelivr reported purge ${id} failed` }
  return { done: status.paths }
}

/** The result as purged, and, split off it, each group of paths that were not purged and why. */
function splitResult(result: BatchResult, final: Final): BatchResult[] {
  if ('failed' in final) return [{ ...result, status: 'failed', error: final.failed }]
  const purged = final.paths.filter((path) => path.purged).map((path) => `${cdnOrigin}${path.path}`)
  const byReason = new Map<string, string[]>()
  for (const path of final.paths) {
    if (path.purged === true) continue
    const reason = notPurgedReason(path)
    byReason.set(reason, [...(byReason.get(reason) ?? []), `${cdnOrigin}${path.path}`])
  }
  const parts: BatchResult[] = []
  if (purged.length > 0) parts.push({ ...result, items: purged })
  for (const [error, items] of byReason) {
    // The same request as the part before it: counted once, with its id once.
    parts.push({ ...result, items, status: 'failed', error, ...(parts.length > 0 ? { continued: true } : {}) })
  }
  return parts
}

function notPurgedReason(path: Exclude<PathOutcome, { purged: true }>): string {
  if ('throttled' in path) return 'throttled: jsDelivr purged these paths a short while ago and refuses to purge them again so soon; purge them again later'
  if (path.notPurgedBy.length === 0) return "jsDelivr's finished status does not list these paths"
  return `jsDelivr reports that its CDN ${path.notPurgedBy.join(', ')} did not purge these paths; purge them again later`
}

/** jsDelivr's error bodies are not documented: the status and a short snippet. */
function failure(answer: Answer): { ok: false; error: string } {
  return { ok: false, error: `HTTP ${answer.status}: ${bodySnippet(answer.body)}` }
}
