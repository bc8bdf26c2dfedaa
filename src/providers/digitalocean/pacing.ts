import { SlidingWindow, reserveWindows, type WindowRate } from '../../http/pace.js'

/**
 * DigitalOcean's documented limits on `/v2/cdn/endpoints` (specification cdn_purge_cache.yml and
 * description.yml): "50 files per 20 seconds", and "only 5 requests to any and all
 * v2/cdn/endpoints" per 10 seconds, the listing included. Every call is paced to both.
 */
export const fileWindow: WindowRate = { limit: 50, windowSeconds: 20 }
export const requestWindow: WindowRate = { limit: 5, windowSeconds: 10 }

export interface DigitalOceanWindows {
  files: SlidingWindow
  requests: SlidingWindow
}

export function digitalOceanWindows(timeScale = 1): DigitalOceanWindows {
  return { files: new SlidingWindow(fileWindow, timeScale), requests: new SlidingWindow(requestWindow, timeScale) }
}

/** The windows a call counts in: every call in the request window, a purge's files in the file window. */
export function windowsFor(windows: DigitalOceanWindows, files: number): { window: SlidingWindow; units: number }[] {
  return files > 0 ? [{ window: windows.requests, units: 1 }, { window: windows.files, units: files }] : [{ window: windows.requests, units: 1 }]
}

/** How long sending purges of these file counts takes at the documented pace, from a fresh start. */
export function pacingEstimateMs(fileCounts: number[]): number {
  const windows = digitalOceanWindows()
  let now = 0
  for (const files of fileCounts) now += reserveWindows(windowsFor(windows, files), now) ?? 0
  return now
}

/** The log line that says up front how long the pacing will take. */
export function pacingLine(fileCounts: number[]): string {
  const files = fileCounts.reduce((sum, count) => sum + count, 0)
  const requests = fileCounts.length
  const estimate = Math.ceil(pacingEstimateMs(fileCounts) / 1000)
  const what = `${files} ${files === 1 ? 'file' : 'files'} in ${requests} ${requests === 1 ? 'request' : 'requests'}`
  const pace = `DigitalOcean allows ${fileWindow.limit} files per ${fileWindow.windowSeconds} s and ${requestWindow.limit} requests per ${requestWindow.windowSeconds} s`
  return estimate === 0 ? `${what}: within ${pace}, no wait` : `${what}, paced to the rate limits (${pace}): about ${formatDuration(estimate)}`
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  return `${seconds} s (${minutes} min ${seconds % 60} s)`
}
