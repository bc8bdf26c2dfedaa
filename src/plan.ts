import type { Settings } from './inputs/settings.js'
import type { Batch, Provider, Target } from './providers/provider.js'

export interface Plan {
  batches: Batch[]
  /** Input errors, one line each naming the input. */
  errors: string[]
}

/**
 * Settings -> the batches to send, before anything is sent: the provider validates and groups
 * its items, then every group is cut to the batch size for its kind. Pure.
 */
export function planBatches(settings: Settings, provider: Provider, targets: Target[]): Plan {
  const { groups, errors } = provider.group(settings, targets)
  const batches: Batch[] = []
  const tooLarge = new Set<string>()
  for (const group of groups) {
    const limits = provider.description.batchSizes[group.kind]
    if (!limits || group.items.length === 0) {
      batches.push(group)
      continue
    }
    const size = settings.batchSize ?? limits.default
    if (size > limits.max) tooLarge.add(`input batch-size: at most ${limits.max} for ${group.kind} on ${provider.description.title}, got ${size}`)
    for (let start = 0; start < group.items.length; start += size) {
      batches.push({ ...group, items: group.items.slice(start, start + size) })
    }
  }
  return { batches, errors: [...errors, ...tooLarge] }
}
