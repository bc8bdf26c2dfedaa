import type { MappedFiles } from '../changes/path-map.js'
import type { Settings } from '../inputs/inputs.js'
import { planBatches } from '../plan.js'
import type { ProviderDescription } from '../providers/description.js'
import type { Batch, BatchResult, Provider, Target } from '../providers/index.js'

/**
 * When a list becomes a purge of everything: past `max-items`, or when a changed file matched a
 * `path-map` rule with the target `@all`. Then the purge is done as `scope: all` (one
 * purge-everything per target), and verify and warm still use the URLs the list named. Pure.
 */

export type EverythingReason =
  | { by: 'max-items'; count: number; maxItems: number }
  | { by: 'path-map'; file: string; line: number; glob: string; moreFiles: number; count: number }

/**
 * Items a plan purges, over every list and target: tags count, `purge-headers` variants of one
 * URL count once, a purge of everything counts nothing (it is already everything).
 */
export function countItems(batches: readonly Batch[]): number {
  const seen = new Map<string, Set<string>>()
  for (const batch of batches) {
    if (batch.kind === 'everything') continue
    const key = `${batch.target.label}\n${batch.kind}`
    const items = seen.get(key) ?? new Set<string>()
    for (const item of batch.items) items.add(typeof item === 'string' ? item : item.url)
    seen.set(key, items)
  }
  let count = 0
  for (const items of seen.values()) count += items.size
  return count
}

/** Why this plan is a purge of everything, if it is: an `@all` file first, then `max-items`. */
export function everythingReason(batches: readonly Batch[], maxItems: number | undefined, mapping: MappedFiles | undefined): EverythingReason | undefined {
  const count = countItems(batches)
  const first = mapping?.everything[0]
  if (first && mapping) return { by: 'path-map', ...first, moreFiles: mapping.everything.length - 1, count }
  if (maxItems !== undefined && count > maxItems) return { by: 'max-items', count, maxItems }
  return undefined
}

/** The same settings as `scope: all`: every list emptied (`paths`, `keys` and the provider's own lists). */
export function everythingSettings(settings: Settings, description: ProviderDescription): Settings {
  const ownLists = Object.entries(description.inputs).filter(([, input]) => input.purges)
  return { ...settings, scope: 'all', paths: [], keys: [], ...Object.fromEntries(ownLists.map(([field]) => [field, []])) }
}

/**
 * Input errors when an input may lead to a purge of everything that this provider cannot do: it
 * has none (its description says so), or its needs an input not given (found by planning it).
 */
export function everythingErrors(input: string, why: string, settings: Settings, provider: Provider, targets: Target[]): string[] {
  const { title, can } = provider.description
  if (!can.everything) return [`input ${input}: ${why}, and ${title} cannot purge everything`]
  const { errors } = planBatches(everythingSettings(settings, provider.description), provider, targets)
  return errors.map((error) => `input ${input}: ${why}, and ${title} cannot do that as configured: ${error.replace(/^input scope: /, '')}`)
}

/** The notice in the log and the line in the summary. */
export function everythingLine(reason: EverythingReason, targets: number): string {
  const each = targets === 1 ? 'one purge-everything request' : `one purge-everything request for each of the ${targets} targets`
  if (reason.by === 'max-items') {
    return `max-items: ${reason.count} items would be purged, more than max-items (${reason.maxItems}), so everything is purged instead (${each})`
  }
  const more = reason.moreFiles > 0 ? ` (and ${reason.moreFiles} more ${reason.moreFiles === 1 ? 'file' : 'files'})` : ''
  return `path-map: ${JSON.stringify(reason.file)}${more} changed, and line ${reason.line} (${reason.glob} => @all) purges everything, so everything is purged instead of ${reason.count} items (${each})`
}

/**
 * What verify and warm see after a purge of everything: the batches the list named, each with
 * the status and acceptance time of the purge of everything on its target.
 */
export function listedAsPurged(listed: readonly Batch[], results: readonly BatchResult[]): BatchResult[] {
  return listed.flatMap((batch) => {
    const everything = results.find((result) => result.kind === 'everything' && result.target.label === batch.target.label) ?? (results.length === 1 ? results[0] : undefined)
    if (!everything) return []
    const { status, attempts, acceptedAt } = everything
    return [{ ...batch, status, attempts, ...(acceptedAt !== undefined ? { acceptedAt } : {}) }]
  })
}
