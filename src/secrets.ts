import * as core from './core.js'

/**
 * Secrets are masked for the runner's log the moment they are known, and also removed by the
 * action itself from everything it writes (outputs, summary, messages): a provider may echo a
 * token back in an error, and not every place that shows outputs or summaries masks them.
 */
const secrets = new Set<string>()

export function registerSecret(value: string): void {
  const trimmed = value.trim()
  if (trimmed.length < 4 || secrets.has(trimmed)) return
  secrets.add(trimmed)
  core.setSecret(trimmed)
}

export function redact(text: string): string {
  let result = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) result = result.replaceAll(secret, '***')
  return result
}
