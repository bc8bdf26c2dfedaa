import type { CacheVerdict } from '../after-purge/cache-status.js'
import { formatSeconds } from '../http/client.js'

/**
 * What verify and warm found, and how users read it: counts for the outputs, the summary's
 * verification table and warm line, the failure and warning messages. Pure; the work itself is
 * in verify.ts and warm.ts, loaded only when asked for.
 */

export interface VerificationEntry {
  url: string
  /** The `purge-headers` variant checked, when there is one. */
  variant?: Record<string, string>
  /** The status header read (`cf-cache-status`), when the answer had one. */
  header?: string
  /** Its value (`HIT`), or null. */
  status: string | null
  /** `Age` in seconds, or null. */
  age: number | null
  verdict: CacheVerdict
  /** Requests made for this URL, first check and re-checks. */
  checks: number
  /** Why there is no answer to judge (network error, timeout). */
  error?: string
}

export interface VerificationReport {
  mode: true | 'warn'
  entries: VerificationEntry[]
  durationMs: number
  /** Why nothing was checked, when nothing was. */
  skipped?: string
  /** Dry run: the URLs that would be checked. */
  planned?: string[]
}

export interface WarmReport {
  /** URLs (variants counted) to warm, after the limit. */
  requested: number
  warmed: number
  failures: { url: string; error: string }[]
  /** URLs past `warm-limit`, not requested. */
  overLimit: number
  durationMs: number
  skipped?: string
  /** Dry run: how many would be requested. */
  planned?: number
}

export interface AfterPurge {
  verification?: VerificationReport
  warm?: WarmReport
}

export interface AfterPurgeCounts {
  verified: number
  stale: number
  warmed: number
}

export function afterPurgeCounts(after: AfterPurge | undefined): AfterPurgeCounts {
  const entries = after?.verification?.entries ?? []
  return {
    verified: entries.filter((entry) => entry.verdict === 'fresh').length,
    stale: entries.filter((entry) => entry.verdict === 'stale').length,
    warmed: after?.warm?.warmed ?? 0,
  }
}

/** `result.verification`. */
export function verificationJson(after: AfterPurge | undefined): object[] {
  return (after?.verification?.entries ?? []).map((entry) => ({
    url: entry.url,
    ...(entry.variant ? { variant: entry.variant } : {}),
    header: entry.header ?? null,
    status: entry.status,
    age: entry.age,
    verdict: entry.verdict,
    checks: entry.checks,
    error: entry.error ?? null,
  }))
}

export function pageText(entry: { url: string; variant?: Record<string, string> }): string {
  if (!entry.variant) return entry.url
  return `${entry.url} [${Object.entries(entry.variant).map(([name, value]) => `${name}: ${value}`).join(', ')}]`
}

function statusText(entry: VerificationEntry): string {
  if (entry.status === null) return entry.error ?? 'no status header'
  return `${entry.header}: ${entry.status}`
}

const maxNamed = 10

function namedList(entries: VerificationEntry[]): string {
  const named = entries.slice(0, maxNamed).map((entry) => `${pageText(entry)} (${statusText(entry)}, age ${entry.age ?? '-'})`)
  if (entries.length > maxNamed) named.push(`and ${entries.length - maxNamed} more`)
  return named.join('; ')
}

/** The stale URLs at the deadline, named: a failure for `verify: true`, a warning for `warn`. */
export function staleMessage(verification: VerificationReport | undefined): string | undefined {
  const stale = verification?.entries.filter((entry) => entry.verdict === 'stale') ?? []
  if (!verification || stale.length === 0) return undefined
  return (
    `${stale.length} of ${verification.entries.length} checked URLs are still served from a copy older than the purge ` +
    `after ${formatSeconds(verification.durationMs)}: ${namedList(stale)}`
  )
}

/** Warnings that never fail the step: stale URLs under `verify: warn`, unknown verdicts, warm failures. */
export function afterPurgeWarnings(after: AfterPurge | undefined): string[] {
  const warnings: string[] = []
  const verification = after?.verification
  if (verification?.mode === 'warn') {
    const stale = staleMessage(verification)
    if (stale) warnings.push(stale)
  }
  const unknown = verification?.entries.filter((entry) => entry.verdict === 'unknown') ?? []
  if (unknown.length > 0) {
    const count = unknown.length === 1 ? '1 URL is' : `${unknown.length} URLs are`
    warnings.push(`verify could not tell whether ${count} fresh (no answer, or no cache status or Age to judge by): ${namedList(unknown)}`)
  }
  if (verification?.skipped) warnings.push(`verify: ${verification.skipped}`)
  const warm = after?.warm
  if (warm && warm.failures.length > 0) {
    const named = warm.failures.slice(0, maxNamed).map((failure) => `${failure.url} (${failure.error})`)
    if (warm.failures.length > maxNamed) named.push(`and ${warm.failures.length - maxNamed} more`)
    warnings.push(`warm: ${warm.failures.length} of ${warm.requested} URLs were not warmed: ${named.join('; ')}`)
  }
  if (warm?.skipped) warnings.push(`warm: ${warm.skipped}`)
  return warnings
}

/** For the log: a group title and one line per checked URL, and the warm line. */
export function afterPurgeLog(after: AfterPurge | undefined): { title?: string; lines: string[]; warm?: string } {
  const log: { title?: string; lines: string[]; warm?: string } = { lines: [] }
  const verification = after?.verification
  if (verification?.planned) log.lines.push(`verify (dry run): would check ${verification.planned.length} URLs: ${verification.planned.join(', ')}`)
  else if (verification?.skipped) log.lines.push(`verify: skipped, ${verification.skipped}`)
  else if (verification) {
    log.title = `Verify: ${verification.entries.length} URLs checked in ${formatSeconds(verification.durationMs)}: ${verdictCounts(verification.entries)}`
    for (const entry of verification.entries) {
      const checks = entry.checks === 1 ? '1 check' : `${entry.checks} checks`
      log.lines.push(`${entry.verdict} ${pageText(entry)} (${statusText(entry)}, age ${entry.age ?? '-'}, ${checks})`)
    }
  }
  const warm = warmLine(after?.warm)
  if (warm) log.warm = `${warm.label}: ${warm.text}`
  return log
}

/** `4 fresh, 1 stale`: the verdicts found, most telling first. */
function verdictCounts(entries: VerificationEntry[]): string {
  const counts = (['fresh', 'not-cached', 'stale', 'unknown'] as const)
    .map((verdict) => [verdict, entries.filter((entry) => entry.verdict === verdict).length] as const)
    .filter(([, count]) => count > 0)
  return counts.length === 0 ? 'none' : counts.map(([verdict, count]) => `${count} ${verdict}`).join(', ')
}

function warmLine(warm: WarmReport | undefined): { label: string; text: string } | undefined {
  if (!warm) return undefined
  if (warm.planned !== undefined) {
    return { label: 'Warm (dry run)', text: `would request ${warm.planned} URLs${warm.overLimit > 0 ? `, and ${warm.overLimit} more over warm-limit` : ''}` }
  }
  if (warm.skipped) return { label: 'Warm', text: `skipped: ${warm.skipped}` }
  const parts = [`${warm.warmed} of ${warm.requested} URLs warmed in ${formatSeconds(warm.durationMs)}`]
  if (warm.failures.length > 0) parts.push(`${warm.failures.length} failed`)
  if (warm.overLimit > 0) parts.push(`${warm.overLimit} more not requested (warm-limit)`)
  return { label: 'Warm', text: parts.join(', ') }
}

const maxRows = 50
const verdictOrder: CacheVerdict[] = ['stale', 'unknown', 'not-cached', 'fresh']

/** The summary's verification table (stale URLs first, capped) and warm line. */
export function afterPurgeSummary(after: AfterPurge | undefined): string[] {
  const lines: string[] = []
  const verification = after?.verification
  if (verification) {
    lines.push('### Verification', '')
    if (verification.planned) {
      lines.push(`Dry run: would check ${verification.planned.length} URLs after the purge.`, '')
    } else if (verification.skipped) {
      lines.push(`Skipped: ${escape(verification.skipped)}`, '')
    } else {
      lines.push(`**Checked:** ${verification.entries.length} URLs in ${formatSeconds(verification.durationMs)}: ${verdictCounts(verification.entries)}`, '')
      const sorted = [...verification.entries].sort((a, b) => verdictOrder.indexOf(a.verdict) - verdictOrder.indexOf(b.verdict))
      const rows = sorted.slice(0, maxRows).map((entry) =>
        `<tr>${[pageText(entry), statusText(entry), entry.age === null ? '' : String(entry.age), entry.verdict].map((value) => `<td>${escape(value)}</td>`).join('')}</tr>`,
      )
      if (sorted.length > maxRows) rows.push(`<tr><td colspan="4">and ${sorted.length - maxRows} more</td></tr>`)
      lines.push(`<table><tr><th>URL</th><th>Status header</th><th>Age</th><th>Verdict</th></tr>${rows.join('')}</table>`, '')
    }
  }
  const warm = warmLine(after?.warm)
  if (warm) lines.push(`**${warm.label}:** ${escape(warm.text)}`, '')
  return lines
}

/** A table cell: HTML-escaped and on one line. */
function escape(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
}
