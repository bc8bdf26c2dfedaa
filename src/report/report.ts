import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Changes } from '../changes/changes.js'
import * as core from '../core.js'
import type { BatchResult, Item, Target } from '../providers/provider.js'
import { formatSeconds } from '../http/client.js'
import { redact, redactedJson } from '../secrets.js'
import { showControls } from '../visible.js'
import { deployAwareSummary, type DeployAware } from './deploy-report.js'
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
  /** What origin-check, max-items, `@all` and last-success did. */
  deployAware?: DeployAware | undefined
  /** The full result JSON, written to RUNNER_TEMP (output `result-file`). */
  resultFile?: string | undefined
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

/**
 * The runner's limits: GitHub refuses an output over 1 MB and a step summary over 1 MiB (and
 * fails the job). Both stay under these budgets, with room to spare; whatever does not fit is in
 * the result file.
 */
export const outputBudgetBytes = 900_000
export const summaryBudgetBytes = 1_000_000

interface ResultBatch {
  target: string
  kind: string
  items?: unknown[]
  /** In a truncated result: how many items the batch had, whether or not they are listed. */
  itemCount?: number
  status: string
  id?: string | null
  ids?: string[]
  attempts?: number
  error?: string | null
}

interface ResultObject {
  provider: string
  dryRun: boolean
  targets: string[]
  batches: (ResultBatch | { status: string })[]
  purged: number
  failed: number
  requests: number
  verification: object[]
  truncated?: true
  resultFile?: string
}

function resultObject(report: RunReport): ResultObject {
  const sums = totals(report.batches)
  return {
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
  }
}

/** The `result` output: the whole result, or, past the budget, one with exact counts and every batch's status but fewer item lists. */
export function resultJson(report: RunReport, budgetBytes = outputBudgetBytes): string {
  const full = resultObject(report)
  const text = redactedJson(full)
  if (Buffer.byteLength(text) <= budgetBytes) return text
  return redactedJson(truncatedResult(full, report.resultFile, budgetBytes))
}

/**
 * Cut in steps until it fits: item lists (those of failed batches kept first, since they are
 * the ones to act on), then long texts, then all but the status of the last batches, then the
 * lists of targets and verified URLs. Counts are never cut.
 */
function truncatedResult(full: ResultObject, resultFile: string | undefined, budgetBytes: number): ResultObject {
  const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value)) + 1
  const batches = full.batches as ResultBatch[]
  const result: ResultObject = { ...full, truncated: true, ...(resultFile ? { resultFile } : {}) }
  const shortText = (text: string | null | undefined) => (typeof text === 'string' && text.length > 500 ? `${text.slice(0, 500)}...` : (text ?? null))
  const bare = batches.map((batch): ResultBatch => ({
    target: shortText(batch.target) ?? '',
    kind: batch.kind,
    itemCount: batch.items?.length ?? 0,
    status: batch.status,
    id: shortText(batch.id),
    ...(batch.ids ? { ids: batch.ids.slice(0, 10) } : {}),
    attempts: batch.attempts ?? 0,
    error: shortText(batch.error),
  }))
  result.targets = full.targets.slice(0, 1_000).map((target) => shortText(target) ?? '')
  result.verification = full.verification.slice(0, 200)
  let room = budgetBytes - size({ ...result, batches: [] })
  // Every batch's status first, then the rest of each batch, then the item lists.
  room -= batches.length * size({ status: 'skipped' })
  const entries: (ResultBatch | { status: string })[] = batches.map((batch) => ({ status: batch.status }))
  for (const [index, batch] of bare.entries()) {
    const cost = size(batch) - size({ status: batch.status })
    if (cost > room) break
    room -= cost
    entries[index] = batch
  }
  const order = [...batches.keys()].sort((a, b) => Number(isFailed(batches[b])) - Number(isFailed(batches[a])))
  for (const index of order) {
    const entry = entries[index] as ResultBatch
    const items = batches[index]?.items ?? []
    if (!('kind' in entry) || items.length === 0) continue
    const cost = size(items) + ',"items":'.length
    if (cost > room) continue
    room -= cost
    entries[index] = { ...entry, items }
  }
  result.batches = entries
  // Past some 40,000 batches even their statuses do not fit: the first ones are listed, the counts stay exact.
  while (entries.length > 0 && size(result) > budgetBytes) {
    entries.length = Math.floor(entries.length * 0.9)
    result.batches = entries
    ;(result as ResultObject & { batchesListed: number }).batchesListed = entries.length
  }
  return result
}

function isFailed(batch: ResultBatch | undefined): boolean {
  return batch?.status === 'failed' || batch?.status === 'skipped'
}

/** Writes the full result JSON (secrets removed) where later steps of the job can read it. */
export function writeResultFile(report: RunReport, directory = process.env.RUNNER_TEMP || tmpdir()): string | undefined {
  const file = join(directory, `cdn-purge-result-${process.env.GITHUB_RUN_ID ?? 'local'}-${process.pid}-${Date.now()}.json`)
  try {
    writeFileSync(file, redactedJson(resultObject(report)), { mode: 0o600 })
    return file
  } catch (error) {
    core.warning(`could not write the result file ${file}: ${error instanceof Error ? error.message : String(error)}`)
    return undefined
  }
}

export function setOutputs(report: RunReport): void {
  const sums = totals(report.batches)
  core.setOutput('purged', sums.purged)
  core.setOutput('failed', sums.failed)
  core.setOutput('requests', sums.requests)
  const ids = fitIds(sums.ids.map(redact))
  if (ids.length < sums.ids.length) {
    core.info(`ids: the output lists the first ${ids.length} of ${sums.ids.length} ids (GitHub takes at most 1 MB an output); all of them are in the result file`)
  }
  core.setOutput('ids', redactedJson(ids))
  core.setOutput('result', resultJson(report))
  core.setOutput('result-file', report.resultFile ?? '')
  const after = afterPurgeCounts(report.afterPurge)
  core.setOutput('verified', after.verified)
  core.setOutput('stale', after.stale)
  core.setOutput('warmed', after.warmed)
}

/** As many ids as fit the output budget, in order. */
function fitIds(ids: string[]): string[] {
  let room = outputBudgetBytes - 2
  const kept: string[] = []
  for (const id of ids) {
    room -= Buffer.byteLength(JSON.stringify(id)) + 1
    if (room < 0) break
    kept.push(id)
  }
  return kept
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
const maxTableRows = 1_000
const maxTargetsNamed = 100
const whereTheRestIs = 'every one is in the JSON file named by the <code>result-file</code> output'

function andMore(count: number, noun: string): string {
  return `... and ${count} more ${noun} (${whereTheRestIs})`
}

export function summaryMarkdown(report: RunReport): string {
  const sums = totals(report.batches)
  const lines: string[] = []
  lines.push(`## CDN purge: ${escapeHtml(report.title)}${report.dryRun ? ' (dry run: nothing was sent)' : ''}`, '')
  if (report.deploy) {
    const { event, ref, sha, runUrl } = report.deploy
    lines.push(`After ${escapeHtml(event)} of <code>${escapeHtml(ref)}</code> at <code>${escapeHtml(sha.slice(0, 7))}</code> · <a href="${escapeHtml(runUrl)}">workflow run</a>`, '')
  }
  if (report.changes) lines.push(escapeHtml(changesLine(report.changes)).replace(/`([^`]*)`/g, '<code>$1</code>'), '')
  if (report.deployAware) lines.push(...deployAwareSummary(report.deployAware, report.dryRun, cell))
  const namedTargets = report.targets.slice(0, maxTargetsNamed).map((target) => `<code>${cell(target.label)}</code>`)
  if (report.targets.length > maxTargetsNamed) namedTargets.push(andMore(report.targets.length - maxTargetsNamed, 'targets'))
  lines.push(`**Targets:** ${namedTargets.join(', ')}`, '')

  const header = ['Target', 'Kind', 'Items', 'Status', 'ID', 'Attempts', report.dryRun ? '' : 'Error'].filter(Boolean)
  const rows = report.batches.slice(0, maxTableRows).map((batch) =>
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
  if (report.batches.length > maxTableRows) lines.push(andMore(report.batches.length - maxTableRows, 'batches'), '')

  if (report.dryRun) {
    lines.push(`**Planned:** ${report.batches.length} requests, ${countPlanned(report.batches)} items`, '')
  } else {
    lines.push(`**Totals:** ${sums.purged} purged, ${sums.failed} failed, ${sums.requests} requests in ${formatSeconds(report.durationMs)}`, '')
  }

  const listed = report.batches.filter((batch) => batch.status === (report.dryRun ? 'planned' : 'purged') && batch.kind !== 'everything')
  const items = listed.flatMap((batch) => batch.items.map((item) => `${batch.kind}: ${itemText(item)}`))
  if (items.length > 0) {
    const shown = items.slice(0, maxListedItems).map((item) => `<li>${cell(item)}</li>`)
    if (items.length > maxListedItems) shown.push(`<li>${andMore(items.length - maxListedItems, 'items')}</li>`)
    lines.push(`<details><summary>${report.dryRun ? 'Planned' : 'Purged'} items (${items.length})</summary>`, '', `<ul>${shown.join('')}</ul>`, '', '</details>', '')
  }
  if (report.changes) lines.push(...changedFilesSections(report.changes))
  lines.push(...afterPurgeSummary(report.afterPurge))
  return fitSummary(redact(lines.join('\n')))
}

/** The last guard of the 1 MiB limit: cut at a line that fits, and say so. */
export function fitSummary(markdown: string, budgetBytes = summaryBudgetBytes): string {
  if (Buffer.byteLength(markdown) <= budgetBytes) return markdown
  const note = `\n\n**The summary was cut here** (GitHub shows at most 1 MiB); ${whereTheRestIs}.\n`
  let cut = markdown.slice(0, budgetBytes - note.length)
  while (Buffer.byteLength(cut) > budgetBytes - note.length) cut = cut.slice(0, Math.floor(cut.length * 0.9))
  const lastLine = cut.lastIndexOf('\n')
  return `${lastLine > 0 ? cut.slice(0, lastLine) : cut}${note}`
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
  const shown = value.length > 1_000 ? `${value.slice(0, 1_000)}...` : value
  return escapeHtml(showControls(shown).replace(/\s+/g, ' ').trim()).replace(/\|/g, '&#124;').replace(/`/g, '&#96;')
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
    if (mapped.length > maxListedItems) rows.push([andMore(mapped.length - maxListedItems, 'files'), '', ''])
    lines.push(`<details><summary>Changed files and what they purge (${mapped.length})</summary>`, '', table(['File', 'Change', 'Purges'], rows), '', '</details>', '')
  }
  const list = (title: string, files: string[]) => {
    if (files.length === 0) return
    const shown = files.slice(0, maxListedItems).map((file) => `<li>${cell(file)} (${cell(labels.get(file) ?? '')})</li>`)
    if (files.length > maxListedItems) shown.push(`<li>${andMore(files.length - maxListedItems, 'files')}</li>`)
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
