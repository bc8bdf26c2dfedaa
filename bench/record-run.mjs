// Preloaded with `node --import` into a benchmarked run of dist/index.js: records every module
// file the run loads (the entry and each chunk) and the process's peak memory, and writes them
// as JSON to the file named by BENCH_RECORD when the process exits. Plain JavaScript so that
// node loads it without a TypeScript loader, which would itself change what is measured.
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import process from 'node:process'

const loaded = new Set()
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:')) loaded.add(url)
    return nextLoad(url, context)
  },
})

process.on('exit', () => {
  const usage = process.resourceUsage()
  writeFileSync(
    process.env.BENCH_RECORD,
    JSON.stringify({ loaded: [...loaded], maxRssBytes: usage.maxRSS * 1024, cpuMicros: usage.userCPUTime + usage.systemCPUTime }),
  )
})
