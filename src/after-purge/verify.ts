import { judge, readCacheStatus, cacheStatusStyles } from './cache-status.js'
import { HttpClient, formatSeconds, isRetryableStatus, mapConcurrent, type Answer } from '../http/client.js'
import type { CacheStatusStyleName } from './cache-status.js'
import type { Settings } from '../inputs/settings.js'
import type { Batch, BatchResult, Target } from '../providers/provider.js'
import { describeHosts, isOnPurgedHost, pageKey, pagesOf, purgedHosts, variantRequestHeaders, type CheckedPage, type SitePage } from './site.js'
import type { AfterPurge, VerificationEntry, VerificationReport } from '../report/verify-report.js'
import { pageText } from '../report/verify-report.js'
import { plannedWarm, warm } from './warm.js'

/**
 * Verify and warm, after the purge: request a sample of the purged URLs on the site and read the
 * CDN's cache status and `Age` against the time each purge was accepted; re-check the stale ones
 * with backoff until they are fresh or the deadline passes; then warm. Loaded only when `verify`
 * or `warm` is set. Site requests go through the same HTTP policy as the API calls (proxy,
 * per-attempt timeout, retries, deadline) and carry no provider credential.
 */

/** Site requests in flight at once. */
export const siteConcurrency = 8

/** Input errors only the plan can show: nothing to check, or a verify-url off the purged hosts. */
export function inputErrors(settings: Settings, batches: Batch[], targets: Target[]): string[] {
  const errors: string[] = []
  const hosts = purgedHosts(batches, targets)
  for (const url of settings.verifyUrls) {
    if (!isOnPurgedHost(url, hosts)) {
      errors.push(`input verify-urls: ${JSON.stringify(url)} is not on a host this purge covers (${describeHosts(hosts)}); verify and warm request only the purged site`)
    }
  }
  if (settings.verify && settings.verifyUrls.length === 0 && batches.length > 0 && batches.every((batch) => pagesOf(batch).length === 0)) {
    const kinds = [...new Set(batches.map((batch) => batch.kind))].join(', ')
    errors.push(
      `input verify-urls: verify needs URLs to check, and this purge names none (it purges ${kinds}); give verify-urls: pages the purge covers, such as https://www.example.com/`,
    )
  }
  return errors
}

/**
 * At most `size` pages, spread over the targets and batches: every batch gets its share in turn
 * (batches of different targets alternate), and within a batch the picks are evenly spaced.
 */
export function samplePages<B extends Batch>(batches: B[], size: number): { page: SitePage; batch: B }[] {
  const seen = new Set<string>()
  const withPages = batches
    .map((batch) => ({
      batch,
      pages: pagesOf(batch).filter((page) => {
        const key = pageKey(page)
        return seen.has(key) ? false : (seen.add(key), true)
      }),
    }))
    .filter((entry) => entry.pages.length > 0)

  const byTarget = new Map<string, typeof withPages>()
  for (const entry of withPages) {
    const label = entry.batch.target.label
    byTarget.set(label, [...(byTarget.get(label) ?? []), entry])
  }
  const queues = [...byTarget.values()]
  const order: typeof withPages = []
  for (let index = 0; order.length < withPages.length; index++) {
    for (const queue of queues) if (queue[index]) order.push(queue[index] as (typeof withPages)[number])
  }

  const quotas = order.map(() => 0)
  for (let left = size; left > 0; ) {
    let given = false
    order.forEach((entry, index) => {
      if (left > 0 && (quotas[index] ?? 0) < entry.pages.length) {
        quotas[index] = (quotas[index] ?? 0) + 1
        left--
        given = true
      }
    })
    if (!given) break
  }

  const picks = order.map((entry, index) => {
    const quota = quotas[index] ?? 0
    const count = entry.pages.length
    return Array.from({ length: quota }, (_, pick) => entry.pages[Math.floor(((2 * pick + 1) * count) / (2 * quota))] as SitePage)
  })
  const sample: { page: SitePage; batch: B }[] = []
  for (let round = 0; sample.length < size && picks.some((each) => each.length > round); round++) {
    picks.forEach((each, index) => {
      const page = each[round]
      if (page) sample.push({ page, batch: (order[index] as (typeof withPages)[number]).batch })
    })
  }
  return sample
}

/** What would be checked and warmed, for a dry run: nothing is requested. */
export function planned(settings: Settings, batches: Batch[]): AfterPurge {
  const after: AfterPurge = {}
  if (settings.verify) {
    const urls = settings.verifyUrls.length > 0 ? settings.verifyUrls : samplePages(batches, settings.verifySample).map(({ page }) => pageText(variantOf(page)))
    after.verification = { mode: settings.verify, entries: [], durationMs: 0, planned: urls }
  }
  if (settings.warm) after.warm = plannedWarm(batches, settings)
  return after
}

export interface AfterPurgeOptions {
  settings: Settings
  /** The provider's cache-status style (its description's `cacheStatus`). */
  cacheStatus?: CacheStatusStyleName | undefined
  batches: BatchResult[]
  /** Epoch ms: the step's deadline, shared with the purge. */
  deadline: number
  /** Progress lines for the log (re-check waits, retries). */
  log: (line: string) => void
  client?: HttpClient
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export async function verifyAndWarm(options: AfterPurgeOptions): Promise<AfterPurge> {
  const { settings } = options
  const client =
    options.client ??
    new HttpClient({
      deadline: options.deadline,
      retries: settings.retries,
      onRetry: ({ url, attempt, waitMs, reason }) => options.log(`retrying ${url} in ${formatSeconds(waitMs)} (attempt ${attempt} failed: ${reason})`),
    })
  const context = { ...options, client, now: options.now ?? Date.now, sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))) }
  const after: AfterPurge = {}
  if (settings.verify) after.verification = await verify(context, settings.verify)
  if (settings.warm) after.warm = await warm(context)
  return after
}

type Context = Required<Pick<AfterPurgeOptions, 'client' | 'now' | 'sleep'>> & AfterPurgeOptions

async function verify(context: Context, mode: true | 'warn'): Promise<VerificationReport> {
  const started = context.now()
  const purged = context.batches.filter((batch) => batch.status === 'purged')
  if (purged.length === 0) return { mode, entries: [], durationMs: 0, skipped: 'nothing was purged, so nothing was checked' }
  const pages = pagesToCheck(context.settings, purged, started)
  const entries = await checkUntilFresh(pages, context)
  return { mode, entries, durationMs: context.now() - started }
}

/** The sample, or `verify-urls`; each with the time its purge was accepted. */
function pagesToCheck(settings: Settings, purged: BatchResult[], now: number): CheckedPage[] {
  const acceptedAt = (batch: BatchResult) => batch.acceptedAt ?? now
  if (settings.verifyUrls.length === 0) {
    return samplePages(purged, settings.verifySample).map(({ page, batch }) => ({ ...page, acceptedAt: acceptedAt(batch) }))
  }
  // A verify-url that was itself purged is judged against its batch; any other (under a purged
  // tag, prefix or host) against the first purge accepted, the earliest it could have taken.
  const earliest = Math.min(...purged.map(acceptedAt))
  return settings.verifyUrls.map((url) => {
    const batch = purged.find((each) => pagesOf(each).some((page) => page.url === url))
    return { url, variant: {}, acceptedAt: batch ? acceptedAt(batch) : earliest }
  })
}

const recheckBaseMs = 1_000
const recheckCapMs = 30_000
/** A last re-check is worth starting only with this much of the timeout left. */
const lastCheckMs = 1_000

/** Waits between re-checks: 1 s, 2 s, 4 s... capped at 30 s. */
export function recheckDelayMs(round: number): number {
  return Math.min(recheckCapMs, recheckBaseMs * 2 ** (round - 1))
}

async function checkUntilFresh(pages: CheckedPage[], context: Context): Promise<VerificationEntry[]> {
  const entries: VerificationEntry[] = pages.map((page) => ({ ...variantOf(page), status: null, age: null, verdict: 'unknown', checks: 0 }))
  let pending = pages.map((_, index) => index)
  for (let round = 1; ; round++) {
    await mapConcurrent(pending, siteConcurrency, async (index) => {
      entries[index] = await check(pages[index] as CheckedPage, entries[index] as VerificationEntry, context)
    })
    pending = pending.filter((index) => entries[index]?.verdict === 'stale')
    if (pending.length === 0) break
    // The last wait ends with exactly `lastCheckMs` left; after that check, none is started.
    const waitMs = Math.min(recheckDelayMs(round), context.deadline - context.now() - lastCheckMs)
    if (waitMs <= 0) break
    const first = entries[pending[0] as number] as VerificationEntry
    context.log(
      `verify: ${pending.length} of ${pages.length} URLs still served from a copy older than the purge ` +
        `(${pageText(first)}: ${first.header}: ${first.status}, age ${first.age}); checking again in ${formatSeconds(waitMs)}`,
    )
    await context.sleep(waitMs)
  }
  return entries
}

async function check(page: CheckedPage, previous: VerificationEntry, context: Context): Promise<VerificationEntry> {
  const style = context.cacheStatus
  const headers = { ...variantRequestHeaders(page.variant).headers, ...(style ? cacheStatusStyles[style].requestHeaders : {}) }
  const received: { answer?: Answer } = {}
  const { verdict, attempts } = await context.client.send({ url: page.url, method: 'GET', headers, answerBody: 'skip' }, (answer) => {
    if (isRetryableStatus(answer.status)) return { ok: false, error: `HTTP ${answer.status}` }
    received.answer = answer
    return { ok: true }
  })
  const checks = previous.checks + attempts
  if (!received.answer) {
    const error = verdict.ok ? 'no answer' : verdict.error
    // A re-check cut short by the deadline leaves the last verdict standing.
    return previous.verdict === 'stale' ? { ...previous, checks } : { ...previous, checks, verdict: 'unknown', error }
  }
  const reading = readCacheStatus(style, received.answer.headers)
  const entry: VerificationEntry = {
    ...variantOf(page),
    status: reading.status,
    age: reading.age,
    verdict: judge(reading, (context.now() - page.acceptedAt) / 1000),
    checks,
  }
  if (reading.header) entry.header = reading.header
  return entry
}

function variantOf(page: SitePage): { url: string; variant?: Record<string, string> } {
  return Object.keys(page.variant).length > 0 ? { url: page.url, variant: page.variant } : { url: page.url }
}
