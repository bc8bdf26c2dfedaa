import { isRetryableStatus, mapConcurrent, type HttpClient } from '../http/client.js'
import type { Settings } from '../inputs/settings.js'
import type { Batch, BatchResult } from '../providers/provider.js'
import { pageKey, pagesOf, variantRequestHeaders, type SitePage } from './site.js'
import { pageText, type WarmReport } from '../report/verify-report.js'

/**
 * Warm: after the purge (and the verification), request every purged URL once so the first
 * visitor gets a cached copy. A variant is requested with the headers that select it. A failed
 * request is a warning, never a failure of the step.
 */

export interface WarmRequest {
  url: string
  /** The variant, for the log. */
  text: string
  headers: Record<string, string>
}

/** URLs requested at once. */
export const warmConcurrency = 8

/**
 * The purged pages, then the verify-urls not among them; one request per distinct set of
 * request headers (variants that differ only in a header the runner cannot send collapse).
 */
export function warmRequests(batches: Batch[], verifyUrls: string[]): { requests: WarmRequest[]; leftOut: string[] } {
  const pages: SitePage[] = [...batches.flatMap(pagesOf), ...verifyUrls.map((url) => ({ url, variant: {} }))]
  const requests = new Map<string, WarmRequest>()
  const leftOut = new Set<string>()
  for (const page of pages) {
    const { headers, leftOut: unsent } = variantRequestHeaders(page.variant)
    for (const header of unsent) leftOut.add(header.split(':')[0] ?? header)
    const key = pageKey({ url: page.url, variant: headers })
    if (!requests.has(key)) requests.set(key, { url: page.url, text: pageText(Object.keys(page.variant).length > 0 ? page : { url: page.url }), headers })
  }
  return { requests: [...requests.values()], leftOut: [...leftOut] }
}

export function plannedWarm(batches: Batch[], settings: Settings): WarmReport {
  const { requests } = warmRequests(batches, settings.verifyUrls)
  const planned = Math.min(requests.length, settings.warmLimit)
  return { requested: 0, warmed: 0, failures: [], overLimit: requests.length - planned, durationMs: 0, planned }
}

export interface WarmContext {
  settings: Settings
  batches: BatchResult[]
  client: HttpClient
  log: (line: string) => void
  now: () => number
}

export async function warm(context: WarmContext): Promise<WarmReport> {
  const started = context.now()
  const purged = context.batches.filter((batch) => batch.status === 'purged')
  const empty = { requested: 0, warmed: 0, failures: [], overLimit: 0, durationMs: 0 }
  if (purged.length === 0) return { ...empty, skipped: 'nothing was purged, so nothing was warmed' }
  const { requests, leftOut } = warmRequests(purged, context.settings.verifyUrls)
  if (requests.length === 0) {
    return { ...empty, skipped: 'the purge named no URLs to request (tags, hosts, prefixes or everything); give verify-urls to warm pages' }
  }
  if (leftOut.length > 0) {
    context.log(`warm: ${leftOut.join(', ')} cannot be chosen by the runner (Cloudflare derives CF- headers from the visitor); those variants are warmed without ${leftOut.length === 1 ? 'it' : 'them'}`)
  }
  const chosen = requests.slice(0, context.settings.warmLimit)
  const failures = await mapConcurrent(chosen, warmConcurrency, async (request) => {
    const { verdict } = await context.client.send({ url: request.url, method: 'GET', headers: request.headers, answerBody: 'drain' }, (answer) => {
      if (answer.status < 400) return { ok: true }
      return { ok: false, error: `HTTP ${answer.status}`, retryable: isRetryableStatus(answer.status) }
    })
    return verdict.ok ? undefined : { url: request.text, error: verdict.error }
  })
  const failed = failures.filter((failure) => failure !== undefined)
  return {
    requested: chosen.length,
    warmed: chosen.length - failed.length,
    failures: failed,
    overLimit: requests.length - chosen.length,
    durationMs: context.now() - started,
  }
}
