import { SlidingWindow, reserveWindows, unitsIn, type WindowRate } from '../../http/pace.js'

/**
 * DigitalOcean's documented limits on `/v2/cdn/endpoints` (specification cdn_purge_cache.yml and
 * description.yml): "50 files per 20 seconds", and "only 5 requests to any and all
 * v2/cdn/endpoints" per 10 seconds, the listing included. Every call is paced to both.
 */
export const fileWindow: WindowRate = { limit: 50, windowSeconds: 20, counts: 'items' }
export const requestWindow: WindowRate = { limit: 5, windowSeconds: 10 }

/** How long sending purges of these file counts takes at the documented pace, from a fresh start. */
export function pacingEstimateMs(fileCounts: number[]): number {
  const windows = [fileWindow, requestWindow].map((rate) => ({ rate, window: new SlidingWindow(rate) }))
  let now = 0
  for (const files of fileCounts) now += reserveWindows(windows.map(({ rate, window }) => ({ window, units: unitsIn(rate, files) })), now) ?? 0
  return now
}

/** The log line that says up front how long the pacing will take. */
export function pacingLine(fileCounts: number[]): string {
  const files = fileCounts.reduce((sum, count) => sum + count, 0)
  const requests = fileCounts.length
  const estimate = Math.ceil(pacingEstimateMs(fileCounts) / 1000)
  const what = `${files} ${files === 1 ? 'file' : 'files'} in ${requests} ${requests === 1 ? 'request' : 'requests'}`
  const limits = `DigitalOcean's rate limits (${fileWindow.limit} files per ${fileWindow.windowSeconds} s, ${requestWindow.limit} requests per ${requestWindow.windowSeconds} s)`
  return estimate === 0 ? `${what}: within ${limits}, no wait` : `${what}, paced to ${limits}: about ${formatDuration(estimate)}`
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  return `${seconds} s (${minutes} min ${seconds % 60} s)`
}
