import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { expect } from 'vitest'

/**
 * Runs the bundled action the way the runner does: every input as INPUT_<NAME> with action.yml
 * defaults filled in (`${{ github.token }}` evaluated to the run's token), GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY as files, the event payload at GITHUB_EVENT_PATH, `node dist/index.js`.
 * Every run is audited: no secret (the token input, the run's GitHub token, options.secrets) may
 * appear in stdout (but for ::add-mask::), stderr, an output or the summary.
 */

const root = fileURLToPath(new URL('../..', import.meta.url))
export const entry = join(root, 'dist/index.js')

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>
  outputs: Record<string, { description: string }>
}
export const actionYml = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYml

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Wall clock from spawn to exit, as the test saw it: slower on a loaded machine. */
  durationMs: number
  /**
   * The run's duration by the action's own clock, from its start to its report (the summary's
   * Totals line, to 0.1 s): what its timeout bounds, whatever the load on the machine. Undefined
   * for a run with no Totals line (dry-run, input error).
   */
  actionMs: number | undefined
  /** The `::error::` lines, decoded. */
  errors: string[]
  warnings: string[]
  notices: string[]
}

export interface RunOptions {
  env?: Record<string, string>
  /** Values that must appear nowhere; the token input is always one. */
  secrets?: string[]
  /** Kill the action after this long (a test of a hang must still end). */
  killAfterMs?: number
  /** Files to write into the workspace before the run. */
  files?: Record<string, string>
  /** The event payload (GITHUB_EVENT_PATH); GITHUB_EVENT_NAME is set through env. */
  event?: Record<string, unknown>
  /** GITHUB_WORKSPACE (and the working directory), e.g. a git checkout; a fresh directory by default. */
  workspace?: string
  /** What `${{ github.token }}` evaluates to in this run. */
  githubToken?: string
}

export const RUN_GITHUB_TOKEN = 'ghs_runTokenOfThisJob0123456789abcdefXYZ'

export async function runAction(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-'))
  const outputFile = join(dir, 'output')
  const summaryFile = join(dir, 'summary')
  const eventFile = join(dir, 'event.json')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}))
  const workspace = options.workspace ?? dir
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(workspace, name), content)
  const githubToken = options.githubToken ?? RUN_GITHUB_TOKEN

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'acme/site',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: dir,
  }
  for (const [name, input] of Object.entries(actionYml.inputs)) {
    if (input.default !== undefined) env[inputVariable(name)] = String(input.default).replaceAll('${{ github.token }}', githubToken)
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  Object.assign(env, options.env)

  const started = performance.now()
  const child = spawn(process.execPath, [entry], { env, cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  clearTimeout(killer)
  const durationMs = performance.now() - started

  const run: ActionRun = {
    exitCode,
    stdout,
    stderr,
    outputs: readOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    durationMs,
    actionMs: undefined,
    errors: commands(stdout, 'error'),
    warnings: commands(stdout, 'warning'),
    notices: commands(stdout, 'notice'),
  }
  run.actionMs = actionMs(run.summary)
  auditSecrets(run, [inputs.token ?? '', inputs['github-token'] ?? '', githubToken, ...(options.secrets ?? [])])
  return run
}

export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The secret scan every end-to-end run goes through. */
export function auditSecrets(run: ActionRun, secrets: string[]): void {
  const visibleStdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  const places = { stdout: visibleStdout, stderr: run.stderr, outputs: JSON.stringify(run.outputs), summary: run.summary }
  for (const secret of secrets.filter((value) => value.length >= 4)) {
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(secret), `secret ${secret.slice(0, 3)}... leaked into ${place}`).toBe(false)
    }
  }
  auditCount.scans++
}

export const auditCount = { scans: 0 }

function actionMs(summary: string): number | undefined {
  const seconds = /^\*\*Totals:\*\* .* requests in (\d+(?:\.\d)?) s$/m.exec(summary)?.[1]
  return seconds === undefined ? undefined : Number(seconds) * 1000
}

function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^([^\n<]+)<<(ghadelimiter_[^\n]+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string
  return outputs
}

function commands(stdout: string, kind: 'error' | 'warning' | 'notice'): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`::${kind}`))
    .map((line) => decodeCommand(line.slice(line.indexOf('::', 2) + 2)))
}

function decodeCommand(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

export interface ResultJson {
  provider: string
  dryRun: boolean
  targets: string[]
  batches: { target: string; kind: string; items: unknown[]; status: string; id: string | null; ids?: string[]; attempts: number; error: string | null }[]
  purged: number
  failed: number
  requests: number
  verification: { url: string; variant?: Record<string, string>; header: string | null; status: string | null; age: number | null; verdict: string; checks: number; error: string | null }[]
}

export function result(run: ActionRun): ResultJson {
  return JSON.parse(run.outputs.result ?? 'null') as ResultJson
}
