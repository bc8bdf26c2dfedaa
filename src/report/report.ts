import type { Changes } from '../changes/changes.js'
import * as core from '../core.js'
import type { BatchResult, Item, Target } from '../providers/provider.js'
import { formatSeconds } from '../http/client.js'
import { redact } from '../secrets.js'
import { afterPurgeCounts, afterPurgeLog, afterPurgeSummary, staleMessage, verificationJson, type AfterPurge } from './verify-report.js'

/** Everything the step tells users, built from one RunReport: outputs, summary, log. */

export interface DeployInfo {
  event: string
  /** Branch, tag or release tag the run is for. */
  ref: string
  sha: string
  runUrl: string
}

export interface RunReport {
  provider: string
  title: string
  dryRun: boolean
  targets: Target[]
  batches: BatchResult[]
  durationMs: number
  deploy?: DeployInfo | undefined
  /** The exact requests, for a dry-run. */
  requests?: string[]
  /** What changed-since found and path-map made of it. */
  changes?: Changes | undefined
  /** What verify and warm found (or would do, in a dry run). */
  afterPurge?: AfterPurge | undefined
}

export interface Totals {
  purged: number
  failed: number
  requests: number
  ids: string[]
}

/** Items a batch stands for: its items, or one purge-everything request. */
function weight(batch: BatchResult): number {
  return batch.kind === 'everything' ? 1 : batch.items.length
}

export function totals(batches: BatchResult[]): Totals {
  const count = (statuses: string[]) => batches.filter((batch) => statuses.includes(batch.status)).reduce((sum, batch) => sum + weight(batch), 0)
  return {
    purged: count(['purged']),
    failed: count(['failed', 'skipped']),
    requests: batches.filter((batch) => batch.attempts > 0 && !batch.continued).length,
    ids: batches.filter((batch) => !batch.continued).flatMap((batch) => batch.ids ?? (batch.id ? [batch.id] : [])),
  }
}

export function resultJson(report: RunReport): string {
  const sums = totals(report.batches)
  return JSON.stringify({
    provider: report.provider,
    dryRun: report.dryRun,
    targets: report.targets.map((target) => target.label),
    batches: report.batches.map((batch) => ({
      target: batch.target.label,
      kind: batch.kind,
      items: batch.items,
      status: batch.status,
      id: batch.id ?? null,
      ...(batch.ids ? { ids: batch.ids } : {}),
      attempts: batch.attempts,
      error: batch.error ?? null,
    })),
    purged: sums.purged,
    failed: sums.failed,
    requests: sums.requests,
    verification: verificationJson(report.afterPurge),
  })
}

export function setOutputs(report: RunReport): void {
  const sums = totals(report.batches)
  core.setOutput('purged', sums.purged)
  core.setOutput('failed', sums.failed)
  core.setOutput('requests', sums.requests)
  core.setOutput('ids', redact(JSON.stringify(sums.ids)))
  core.setOutput('result', redact(resultJson(report)))
  const after = afterPurgeCounts(report.afterPurge)
  core.setOutput('verified', after.verified)
  core.setOutput('stale', after.stale)
  core.setOutput('warmed', after.warmed)
}

/**
 * The failure, in one message: how many items of which kind failed where, and why; and, for
 * `verify: true`, the URLs still served from an old copy.
 */
export function failureMessage(report: RunReport): string | undefined {
  const stale = report.afterPurge?.verification?.mode === true ? staleMessage(report.afterPurge.verification) : undefined
  const purge = purgeFailureMessage(report)
  if (!purge && !stale) return undefined
  return redact([purge, stale].filter(Boolean).join('\n'))
}

function purgeFailureMessage(report: RunReport): string | undefined {
  const sums = totals(report.batches)
  if (sums.failed === 0) return undefined
  const reasons = new Map<string, number>()
  for (const batch of report.batches) {
    if (batch.status !== 'failed' && batch.status !== 'skipped') continue
    const what = batch.kind === 'everything' ? 'purge everything' : batch.kind
    const key = `${what} on ${batch.target.label}: ${batch.error ?? 'failed'}`
    reasons.set(key, (reasons.get(key) ?? 0) + weight(batch))
  }
  const lines = [...reasons].map(([reason, count]) => `${count} ${reason}`)
  const all = sums.purged + sums.failed
  return redact(`${sums.failed} of ${all} items were not purged (${sums.purged} purged): ${lines.join('; ')}`)
}

/** One line per batch, in a log group per target. */
export function logBatches(report: RunReport): void {
  for (const target of report.targets) {
    const batches = report.batches.filter((batch) => batch.target.label === target.label)
    if (batches.length === 0) continue
    core.startGroup(redact(`${report.title} ${target.label}: ${batches.length} ${batches.length === 1 ? 'batch' : 'batches'}`))
    for (const batch of batches) core.info(redact(batchLine(batch)))
    core.endGroup()
  }
  // Batches whose target is not one of the named ones (dry-run routing placeholders).
  for (const batch of report.batches.filter((each) => !report.targets.some((target) => target.label === each.target.label))) {
    core.info(redact(`${batch.target.label}: ${batchLine(batch)}`))
  }
  for (const request of report.requests ?? []) core.info(redact(request))
}

/** What verify and warm found: a log group with one line per checked URL, and the warm line. */
export function logAfterPurge(report: RunReport): void {
  const { title, lines, warm } = afterPurgeLog(report.afterPurge)
  if (title) core.startGroup(redact(title))
  for (const line of lines) core.info(redact(line))
  if (title) core.endGroup()
  if (warm) core.info(redact(warm))
}

function batchLine(batch: BatchResult): string {
  const size = batch.kind === 'everything' ? 'everything' : `${batch.items.length} ${batch.kind}`
  const tries = batch.attempts === 1 ? '1 attempt' : `${batch.attempts} attempts`
  const id = idText(batch)
  switch (batch.status) {
    case 'purged':
      return `purged ${size}${id ? ` (id ${id}` : ' ('}${id ? ', ' : ''}${tries})${batch.detail ? ` ${batch.detail}` : ''}`
    case 'planned':
      return `planned ${size}`
    case 'skipped':
      return `skipped ${size}: ${batch.error ?? ''}`
    case 'failed':
      return `FAILED ${size} after ${tries}: ${batch.error ?? ''}`
  }
}

/** A batch's id, or the first of its ids and how many more (all of them are in the outputs). */
function idText(batch: BatchResult): string | undefined {
  if (batch.id || !batch.ids?.length) return batch.id
  return batch.ids.length === 1 ? batch.ids[0] : `${batch.ids[0]} and ${batch.ids.length - 1} more`
}

const maxListedItems = 500

export function summaryMarkdown(report: RunReport): string {
  const sums = totals(report.batches)
  const lines: string[] = []
  lines.push(`## CDN purge: ${escapeHtml(report.title)}${report.dryRun ? ' (dry run: nothing was sent)' : ''}`, '')
  if (report.deploy) {
    const { event, ref, sha, runUrl } = report.deploy
    lines.push(`After ${escapeHtml(event)} of <code>${escapeHtml(ref)}</code> at <code>${escapeHtml(sha.slice(0, 7))}</code> · <a href="${escapeHtml(runUrl)}">workflow run</a>`, '')
  }
  if (report.changes) lines.push(escapeHtml(changesLine(report.changes)).replace(/`([^`]*)`/g, '<code>$1</code>'), '')
  lines.push(`**Targets:** ${report.targets.map((target) => `<code>${escapeHtml(target.label)}</code>`).join(', ')}`, '')

  const header = ['Target', 'Kind', 'Items', 'Status', 'ID', 'Attempts', report.dryRun ? '' : 'Error'].filter(Boolean)
  const rows = report.batches.map((batch) =>
    [
      batch.target.label,
      batch.kind,
      batch.kind === 'everything' ? 'everything' : String(batch.items.length),
      batch.status,
      idText(batch) ?? '',
      String(batch.attempts),
      ...(report.dryRun ? [] : [[batch.error, batch.detail].filter(Boolean).join(' ')]),
    ].map(cell),
  )
  lines.push(table(header, rows), '')

  if (report.dryRun) {
    lines.push(`**Planned:** ${report.batches.length} requests, ${countPlanned(report.batches)} items`, '')
  } else {
    lines.push(`**Totals:** ${sums.purged} purged, ${sums.failed} failed, ${sums.requests} requests in ${formatSeconds(report.durationMs)}`, '')
  }

  const listed = report.batches.filter((batch) => batch.status === (report.dryRun ? 'planned' : 'purged') && batch.kind !== 'everything')
  const items = listed.flatMap((batch) => batch.items.map((item) => `${batch.kind}: ${itemText(item)}`))
  if (items.length > 0) {
    const shown = items.slice(0, maxListedItems).map((item) => `<li>${cell(item)}</li>`)
    if (items.length > maxListedItems) shown.push(`<li>and ${items.length - maxListedItems} more</li>`)
    lines.push(`<details><summary>${report.dryRun ? 'Planned' : 'Purged'} items (${items.length})</summary>`, '', `<ul>${shown.join('')}</ul>`, '', '</details>', '')
  }
  if (report.changes) lines.push(...changedFilesSections(report.changes))
  lines.push(...afterPurgeSummary(report.afterPurge))
  return redact(lines.join('\n'))
}

function countPlanned(batches: BatchResult[]): number {
  return batches.filter((batch) => batch.status === 'planned').reduce((sum, batch) => sum + weight(batch), 0)
}

export function itemText(item: Item): string {
  if (typeof item === 'string') return item
  const variant = Object.entries(item.headers).map(([name, value]) => `${name}: ${value}`).join(', ')
  return `${item.url} [${variant}]`
}

function table(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((name) => `<th>${name}</th>`).join('')}</tr>`
  return `<table>${head}${rows.map((row) => `<tr>${row.map((value) => `<td>${value}</td>`).join('')}</tr>`).join('')}</table>`
}

/** A table cell or list entry: HTML-escaped and on one line, so no item can break the layout. */
function cell(value: string): string {
  return escapeHtml(value.replace(/\s+/g, ' ').trim()).replace(/\|/g, '&#124;').replace(/`/g, '&#96;')
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** The comparison in one line, for the log, the notice and the summary. */
export function changesLine(changes: Changes): string {
  const { mapping } = changes
  const source = changes.fallbackReason ? `git diff in the workspace, because ${changes.fallbackReason}` : changes.source
  const counts = [
    `${mapping.mapped.length} mapped to ${mapping.targets.length} ${mapping.targets.length === 1 ? 'target' : 'targets'}`,
    `${mapping.unmapped.length} unmapped`,
    ...(mapping.excluded.length > 0 ? [`${mapping.excluded.length} excluded`] : []),
  ]
  return (
    `Changed since \`${changes.base}\` (${changes.baseReason}, ${changes.baseSha.slice(0, 7)}) to \`${changes.head.slice(0, 7)}\`: ` +
    `${plural(changes.commits, 'commit')}, ${plural(changes.files.length, 'file')} changed (${source}); ${counts.join(', ')}`
  )
}

/** Collapsed lists: each mapped file with what it purges, the unmapped and the excluded files. */
function changedFilesSections(changes: Changes): string[] {
  const labels = changeLabels(changes)
  const { mapped, unmapped, excluded } = changes.mapping
  const lines: string[] = []
  if (mapped.length > 0) {
    const rows = mapped.slice(0, maxListedItems).map(({ file, targets }) => [cell(file), cell(labels.get(file) ?? ''), targets.map(cell).join('<br>')])
    if (mapped.length > maxListedItems) rows.push([`and ${mapped.length - maxListedItems} more`, '', ''])
    lines.push(`<details><summary>Changed files and what they purge (${mapped.length})</summary>`, '', table(['File', 'Change', 'Purges'], rows), '', '</details>', '')
  }
  const list = (title: string, files: string[]) => {
    if (files.length === 0) return
    const shown = files.slice(0, maxListedItems).map((file) => `<li>${cell(file)} (${cell(labels.get(file) ?? '')})</li>`)
    if (files.length > maxListedItems) shown.push(`<li>and ${files.length - maxListedItems} more</li>`)
    lines.push(`<details><summary>${title} (${files.length})</summary>`, '', `<ul>${shown.join('')}</ul>`, '', '</details>', '')
  }
  list('Unmapped files: no path-map rule matches them, not purged', unmapped)
  list('Files excluded by path-map', excluded)
  return lines
}

function changeLabels(changes: Changes): Map<string, string> {
  const labels = new Map<string, string>()
  for (const file of changes.files) {
    if (file.previousPath === undefined) labels.set(file.path, file.status)
    else {
      labels.set(file.path, `${file.status} from ${file.previousPath}`)
      labels.set(file.previousPath, `${file.status} to ${file.path}`)
    }
  }
  return labels
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
