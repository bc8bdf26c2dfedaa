/**
 * The runner's side of the step, spoken directly: workflow commands on stdout (`::error::`,
 * `::add-mask::`, groups) and file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), as GitHub
 * documents them ("Workflow commands for GitHub Actions"). Everything else imports `core` from
 * here; the functions keep @actions/core's names and write byte for byte what its own do
 * (test/unit/core.test.ts compares the two on awkward values).
 *
 * Why not `import * as core from '@actions/core'`: its only entry also loads the OIDC client
 * (getIDToken), and with it @actions/http-client and undici 6, whose HTTP parser (WebAssembly) is
 * compiled as it loads. ncc keeps all of it (the package declares no `sideEffects`, so webpack
 * cannot drop the unused import): built that way, dist/index.js grows from 157 KB to 644 KB and a
 * dry-run's cold start by 60-70% (CPU 0.38 s against 0.24 s, `node -e 0` 0.12 s; 70-90 ms on an
 * idle machine, `npm run bench`), for a function this action never calls. Importing the package's own modules by a ../node_modules path avoided that, but
 * broke under other package layouts. The protocol below is small and stable, and needs no package.
 */
import { randomUUID } from 'node:crypto'
import { access, appendFile } from 'node:fs/promises'
import { appendFileSync, constants, existsSync } from 'node:fs'
import { EOL } from 'node:os'

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setOutput(name: string, value: unknown): void {
  const file = process.env.GITHUB_OUTPUT
  if (!file) {
    process.stdout.write(EOL)
    return issueCommand('set-output', { name }, commandValue(value))
  }
  // A fresh random delimiter: no value can end the heredoc early.
  const delimiter = `ghadelimiter_${randomUUID()}`
  const text = commandValue(value)
  if (name.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  if (text.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' })
}

export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function error(message: string | Error): void {
  issueCommand('error', {}, messageText(message))
}

export function warning(message: string | Error): void {
  issueCommand('warning', {}, messageText(message))
}

export function notice(message: string | Error): void {
  issueCommand('notice', {}, messageText(message))
}

export function startGroup(name: string): void {
  issueCommand('group', {}, name)
}

export function endGroup(): void {
  issueCommand('endgroup', {}, '')
}

/** The job summary: text is collected, then appended to the file GITHUB_STEP_SUMMARY names. */
class Summary {
  private buffer = ''

  addRaw(text: string): this {
    this.buffer += text
    return this
  }

  async write(): Promise<this> {
    const file = process.env.GITHUB_STEP_SUMMARY
    if (!file) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.')
    try {
      await access(file, constants.R_OK | constants.W_OK)
    } catch {
      throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`)
    }
    await appendFile(file, this.buffer, { encoding: 'utf8' })
    this.buffer = ''
    return this
  }
}

export const summary = new Summary()

function issueCommand(command: string, properties: Record<string, string>, message: string): void {
  const given = Object.entries(properties).filter(([, value]) => value)
  const props = given.length > 0 ? ` ${given.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',')}` : ''
  process.stdout.write(`::${command}${props}::${escapeData(message)}${EOL}`)
}

function messageText(message: string | Error): string {
  return message instanceof Error ? message.toString() : message
}

function commandValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' || value instanceof String ? String(value) : JSON.stringify(value)
}

// The runner decodes these; a message can then hold any text without ending the command.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
