// `npm run bench`: the action's performance figures, measured on this machine, loopback only.
// Runs the committed dist/index.js the way the runner does (inputs as INPUT_* variables, outputs
// and summary as files) and prints a table, also written to bench/RESULTS.md. Not part of
// `npm test`: timings belong here, never in a test's assertion. Stops by itself: every run of
// the action is killed after runTimeoutMs, and the whole bench after benchTimeoutMs.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { DEFAULT_TOKEN, startCloudflareEmulator, type RateLimit } from '../test/emulators/cloudflare.js'

const root = fileURLToPath(new URL('..', import.meta.url))
// BENCH_DIST=<dir> measures another build (an older commit's dist/, to compare); only runs of
// the committed dist/ write RESULTS.md.
const dist = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(root, 'dist')
const entry = join(dist, 'index.js')
const recorder = join(root, 'bench/record-run.mjs')
const resultsFile = join(root, 'bench/RESULTS.md')

const coldStartRuns = 20
const runTimeoutMs = 60_000
const benchTimeoutMs = 5 * 60_000

// The targets of issue 6; sizes in decimal units, the stricter reading.
const targets = {
  coldStartRatio: 2,
  entryBytes: 600_000,
  bucketRatio: 1.2,
  scaleSeconds: 1,
  scaleBytes: 200_000_000,
}

interface Row {
  measure: string
  value: string
  target: string
  met?: boolean
}

interface ActionRun {
  exitCode: number | null
  /** Epoch milliseconds when the process was started, for comparing with the emulator's log. */
  startedAt: number
  wallMs: number
  outputs: Record<string, string>
  stdout: string
  record?: { loaded: string[]; maxRssBytes: number; cpuMicros: number }
}

const workDir = mkdtempSync(join(tmpdir(), 'cdn-purge-bench-'))
const inputDefaults = readInputDefaults()

async function main(): Promise<void> {
  const stop = setTimeout(() => {
    console.error(`bench: still running after ${benchTimeoutMs / 1000} s; stopping`)
    process.exit(2)
  }, benchTimeoutMs)
  stop.unref()

  statSync(entry) // dist/ is committed; a missing bundle is a clear error here, not a wrong figure
  const rows: Row[] = []
  const sections: [string, () => Promise<Row[]> | Row[]][] = [
    ['cold start', coldStart],
    ['bundle', bundle],
    ['large purge', largePurge],
    ['tight plan', tightPlan],
    ['scale', scale],
  ]
  // `npm run bench -- large tight` runs only the sections whose names contain a word given,
  // and leaves RESULTS.md alone: it holds whole runs only.
  const only = process.argv.slice(2)
  const chosen = sections.filter(([name]) => only.length === 0 || only.some((word) => name.includes(word)))
  if (chosen.length === 0) throw new Error(`no section matches ${only.join(' ')}; sections: ${sections.map(([name]) => name).join(', ')}`)
  process.stderr.write(`bench: measuring ${relative(process.cwd(), entry) || entry}\n`)
  for (const [name, section] of chosen) {
    process.stderr.write(`bench: ${name}...\n`)
    rows.push(...(await section()))
  }
  const table = renderTable(rows)
  console.log(table)
  if (chosen.length === sections.length && !process.env.BENCH_DIST) {
    writeFileSync(resultsFile, renderResults(table))
    console.log(`\nwritten to ${relative(process.cwd(), resultsFile)}`)
  }
  rmSync(workDir, { recursive: true, force: true })
}

// ---------------------------------------------------------------- cold start

function coldStart(): Row[] {
  const bare = (): number => timeSync(['-e', '0'], {})
  const action = (env: Record<string, string>) => (): number => {
    writeFileSync(env.GITHUB_OUTPUT as string, '')
    writeFileSync(env.GITHUB_STEP_SUMMARY as string, '')
    return timeSync([entry], env)
  }
  const dryRun = action(actionEnv('cold', dryRunInputs(), { runner: false }))
  const onRunner = action(actionEnv('cold-runner', dryRunInputs(), { runner: true }))

  // One unmeasured run each fills the file cache; then the three alternate, so that a change in
  // the machine's load hits all of them alike.
  bare()
  dryRun()
  onRunner()
  const times = { bare: [] as number[], dryRun: [] as number[], onRunner: [] as number[] }
  for (let run = 0; run < coldStartRuns; run++) {
    times.bare.push(bare())
    times.dryRun.push(dryRun())
    times.onRunner.push(onRunner())
  }
  const bareMs = median(times.bare)
  const dryRunMs = median(times.dryRun)
  const onRunnerMs = median(times.onRunner)
  return [
    { measure: `cold start: \`node -e 0\`, median of ${coldStartRuns}`, value: ms(bareMs), target: '' },
    { measure: `cold start: \`node dist/index.js\`, dry-run of 1 URL, median of ${coldStartRuns}`, value: ms(dryRunMs), target: '' },
    { measure: 'cold start: ratio to `node -e 0`', value: ratio(dryRunMs / bareMs), target: `<= ${targets.coldStartRatio}x`, met: dryRunMs / bareMs <= targets.coldStartRatio },
    {
      measure: 'cold start with the runner\'s GITHUB_* variables (summary names the deploy): ratio',
      value: `${ratio(onRunnerMs / bareMs)} (${ms(onRunnerMs)})`,
      target: `<= ${targets.coldStartRatio}x`,
      met: onRunnerMs / bareMs <= targets.coldStartRatio,
    },
  ]
}

function dryRunInputs(): Record<string, string> {
  return { provider: 'cloudflare', zone: 'example.com', paths: 'https://example.com/index.html', 'dry-run': 'true' }
}

// stdout and stderr are pipes, as on the runner (a pipe costs a little more to set up than a file).
function timeSync(args: string[], env: Record<string, string>): number {
  const started = performance.now()
  const child = spawnSync(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: runTimeoutMs })
  const elapsed = performance.now() - started
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status ?? child.signal}`)
  return elapsed
}

// ---------------------------------------------------------------- bundle

async function bundle(): Promise<Row[]> {
  const rows: Row[] = []
  const entryBytes = statSync(entry).size
  rows.push({ measure: 'bundle: dist/index.js', value: bytes(entryBytes), target: `<= ${bytes(targets.entryBytes)}`, met: entryBytes <= targets.entryBytes })
  for (const [label, runner] of [['dry-run', false], ['dry-run with the runner\'s GITHUB_* variables', true]] as const) {
    const run = await runAction(dryRunInputs(), { name: `bundle-${runner}`, runner, record: true })
    expectSuccess(run, label)
    const chunks = (run.record?.loaded ?? [])
      .map((url) => fileURLToPath(url))
      .filter((path) => path.startsWith(dist) && path !== entry)
      .map((path) => `${relative(dist, path)} ${bytes(statSync(path).size)}`)
    const total = (run.record?.loaded ?? []).map((url) => fileURLToPath(url)).filter((path) => path.startsWith(dist)).reduce((sum, path) => sum + statSync(path).size, 0)
    rows.push({ measure: `bundle: chunks a ${label} loads`, value: chunks.length > 0 ? chunks.join(', ') : 'none', target: '' })
    rows.push({ measure: `bundle: all a ${label} loads`, value: bytes(total), target: '' })
  }
  return rows
}

// ---------------------------------------------------------------- rate-limited purges

interface BucketCase {
  name: string
  label: string
  rateLimit: RateLimit
  /** Tokens the run needs: URLs with costPerUrl, else requests. */
  cost: number
  inputs: Record<string, string>
  files: Record<string, string>
}

async function largePurge(): Promise<Row[]> {
  const urlCount = 10_000
  const rateLimit: RateLimit = { ratePerSecond: 3_000, bucket: 3_000, costPerUrl: true }
  const urls = Array.from({ length: urlCount }, (_, index) => `https://example.com/assets/${index}.js`)
  return bucketCase({
    name: 'large purge',
    label: `10,000 URLs, ${rateLimit.ratePerSecond.toLocaleString('en')} URLs/s, bucket ${rateLimit.bucket.toLocaleString('en')}, batch-size 500`,
    rateLimit,
    cost: urlCount,
    inputs: { 'paths-file': 'urls.txt', 'batch-size': '500' },
    files: { 'urls.txt': urls.join('\n') },
  })
}

async function tightPlan(): Promise<Row[]> {
  // The Free plan's shape for tags: 5 requests a minute, bucket 25, time-scaled. At 60 times
  // faster (the issue's example) a token comes every 0.2 s but Retry-After still says whole
  // seconds; at 12 times faster a token comes every second, and Retry-After's resolution is one
  // token, as in the real plan (both 12 s). Both are measured.
  const tagCount = 3_000
  const requests = tagCount / 100
  const tags = Array.from({ length: tagCount }, (_, index) => `release-tag-${index}`)
  const rows: Row[] = []
  for (const speedUp of [60, 12]) {
    const ratePerSecond = (5 * speedUp) / 60
    rows.push(
      ...(await bucketCase({
        name: `tight plan ${speedUp}x`,
        label: `3,000 tags (${requests} requests), Free plan shape ${speedUp}x faster: ${ratePerSecond} requests/s, bucket 25`,
        rateLimit: { ratePerSecond, bucket: 25 },
        cost: requests,
        inputs: { 'keys-file': 'tags.txt' },
        files: { 'tags.txt': tags.join('\n') },
      })),
    )
  }
  return rows
}

async function bucketCase(bucketCase: BucketCase): Promise<Row[]> {
  const { rateLimit } = bucketCase
  const emulator = await startCloudflareEmulator({ token: DEFAULT_TOKEN, rateLimit, filesLimit: 500 })
  try {
    const run = await runAction(
      { provider: 'cloudflare', token: DEFAULT_TOKEN, zone: 'example.com', 'api-url': emulator.url, ...bucketCase.inputs },
      { name: bucketCase.name.replace(/ /g, '-'), runner: true, files: bucketCase.files },
    )
    const purgeRequests = emulator.requests.filter((request) => request.path.endsWith('/purge_cache'))
    const rejected = purgeRequests.length - emulator.purges.length
    const failed = Number(run.outputs.failed ?? Number.NaN)
    const attempts = (JSON.parse(run.outputs.result ?? '{"batches":[]}') as { batches: { attempts: number }[] }).batches.map((batch) => batch.attempts)
    // The bucket starts full: what it holds goes at once, the rest at its rate.
    const minimumMs = (Math.max(0, bucketCase.cost - rateLimit.bucket) / rateLimit.ratePerSecond) * 1000
    const firstAt = purgeRequests[0]?.at ?? run.startedAt
    const lastAt = purgeRequests.at(-1)?.at ?? run.startedAt
    const wallRatio = run.wallMs / minimumMs
    return [
      {
        measure: `${bucketCase.name}: ${bucketCase.label}; wall time of the step / the bucket's minimum`,
        value: `${seconds(run.wallMs)} / ${seconds(minimumMs)} = ${ratio(wallRatio)}`,
        target: `<= ${targets.bucketRatio}x`,
        met: wallRatio <= targets.bucketRatio,
      },
      {
        measure: `${bucketCase.name}: start-up to the first purge request; first to last purge request (/ the minimum)`,
        value: `${seconds(firstAt - run.startedAt)}; ${seconds(lastAt - firstAt)} (${ratio((lastAt - firstAt) / minimumMs)})`,
        target: '',
      },
      {
        measure: `${bucketCase.name}: purge requests sent (retries included), 429s met, most attempts of one batch, items failed`,
        value: `${purgeRequests.length}, ${rejected}, ${Math.max(0, ...attempts)}, ${Number.isNaN(failed) ? `no output (exit ${run.exitCode})` : failed}`,
        target: 'failed 0',
        met: failed === 0 && run.exitCode === 0,
      },
    ]
  } finally {
    await emulator.close()
  }
}

// ---------------------------------------------------------------- scale

async function scale(): Promise<Row[]> {
  const urlCount = 100_000
  const urls = Array.from({ length: urlCount }, (_, index) => `https://example.com/p/${index}/page.html?v=${index % 7}`)
  const run = await runAction(
    { provider: 'cloudflare', zone: 'example.com', 'paths-file': 'urls.txt', 'dry-run': 'true' },
    { name: 'scale', runner: true, record: true, files: { 'urls.txt': urls.join('\n') } },
  )
  expectSuccess(run, 'the 100,000-URL dry-run')
  const peak = run.record?.maxRssBytes ?? Number.NaN
  const cpuMs = (run.record?.cpuMicros ?? Number.NaN) / 1000
  return [
    {
      measure: 'scale: dry-run of 100,000 URLs (paths-file), wall time of the step (its CPU time)',
      value: `${seconds(run.wallMs)} (${seconds(cpuMs)})`,
      target: `< ${targets.scaleSeconds} s`,
      met: run.wallMs < targets.scaleSeconds * 1000,
    },
    { measure: 'scale: peak memory (max RSS)', value: megabytes(peak), target: `< ${megabytes(targets.scaleBytes)}`, met: peak < targets.scaleBytes },
  ]
}

// ---------------------------------------------------------------- running the action

interface RunOptions {
  name: string
  /** Set the variables the runner sets (repository, event, sha...), as on GitHub. */
  runner: boolean
  record?: boolean
  files?: Record<string, string>
}

function actionEnv(name: string, inputs: Record<string, string>, options: { runner: boolean }): Record<string, string> {
  const dir = join(workDir, name)
  mkdirSync(dir, { recursive: true })
  const env: Record<string, string> = {
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  }
  writeFileSync(env.GITHUB_OUTPUT as string, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY as string, '')
  if (options.runner) {
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ ref: 'refs/heads/main' }))
    Object.assign(env, {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REPOSITORY: 'acme/site',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '42',
    })
  }
  for (const [input, value] of Object.entries({ ...inputDefaults, ...inputs })) env[`INPUT_${input.toUpperCase()}`] = value
  return env
}

async function runAction(inputs: Record<string, string>, options: RunOptions): Promise<ActionRun> {
  const env = actionEnv(options.name, inputs, options)
  const dir = env.GITHUB_WORKSPACE as string
  for (const [file, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, file), content)
  const recordFile = join(dir, 'record.json')
  const args = options.record ? ['--import', recorder, entry] : [entry]
  if (options.record) env.BENCH_RECORD = recordFile

  const startedAt = Date.now()
  const started = performance.now()
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const killer = setTimeout(() => child.kill('SIGKILL'), runTimeoutMs)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const wallMs = performance.now() - started
  clearTimeout(killer)

  const run: ActionRun = { exitCode, startedAt, wallMs, outputs: readOutputs(readFileSync(env.GITHUB_OUTPUT as string, 'utf8')), stdout }
  if (options.record) run.record = JSON.parse(readFileSync(recordFile, 'utf8')) as ActionRun['record'] & object
  return run
}

function expectSuccess(run: ActionRun, what: string): void {
  if (run.exitCode === 0) return
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
  throw new Error(`${what} exited with ${run.exitCode}: ${errors.join(' ') || run.stdout.slice(-500)}`)
}

function readInputDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: unknown }> }
  const defaults: Record<string, string> = {}
  for (const [name, input] of Object.entries(action.inputs)) if (input.default !== undefined) defaults[name] = String(input.default)
  return defaults
}

function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  for (const match of text.matchAll(/^([^\n<]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1] as string] = match[3] as string
  return outputs
}

// ---------------------------------------------------------------- formatting

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

const ms = (value: number) => `${value.toFixed(1)} ms`
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`
const ratio = (value: number) => `${value.toFixed(2)}x`
const bytes = (value: number) => `${value.toLocaleString('en')} B`
const megabytes = (value: number) => `${(value / 1_000_000).toFixed(1)} MB`

function renderTable(rows: Row[]): string {
  const lines = ['| measure | value | target | met |', '|---|---|---|---|']
  for (const row of rows) lines.push(`| ${row.measure} | ${row.value} | ${row.target} | ${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`)
  return lines.join('\n')
}

function renderResults(table: string): string {
  const [load1, load5] = loadavg()
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/bench.ts); rerun it to replace this file. Loopback only: the',
    'Cloudflare figures come from the emulator in test/emulators/cloudflare.ts with a token bucket.',
    '',
    `- CPU: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical CPUs)`,
    `- Node: ${process.version} (${process.platform} ${process.arch})`,
    `- Load average when it finished: ${load1?.toFixed(2)} (1 min), ${load5?.toFixed(2)} (5 min)`,
    `- Date: ${new Date().toISOString()}`,
    '',
    table,
    '',
  ].join('\n')
}

await main()
