/**
 * The part of @actions/core this action uses: the runner's workflow commands, outputs and job
 * summary, from the package's own modules. Everything else imports `core` from here.
 *
 * Why not `import * as core from '@actions/core'`: its entry module also imports the OIDC client
 * (getIDToken), and with it @actions/http-client and undici 6, whose HTTP parser (WebAssembly)
 * is compiled as it loads. That was most of the action's start-up time, in every run, for a
 * function this action never calls (`npm run bench`; see README, Performance). The package's
 * exports map offers only that entry, so its modules are imported by path (@actions/core is a
 * direct dependency, so npm always installs it at the top of node_modules), and the functions
 * below are core.js's own, unchanged. A newer @actions/core that moves these files fails the
 * typecheck and the build, not a run.
 */
import { EOL } from 'node:os'
import { issue, issueCommand } from '../node_modules/@actions/core/lib/command.js'
import { issueFileCommand, prepareKeyValueMessage } from '../node_modules/@actions/core/lib/file-command.js'
import { toCommandProperties, toCommandValue } from '../node_modules/@actions/core/lib/utils.js'
import type { AnnotationProperties } from '../node_modules/@actions/core/lib/core.js'
import { showControls, showControlsPerLine } from './visible.js'

export { summary } from '../node_modules/@actions/core/lib/summary.js'

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setOutput(name: string, value: unknown): void {
  if (process.env.GITHUB_OUTPUT) return issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value))
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, toCommandValue(value))
}

export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

/**
 * The log sink: every line the action writes goes through these functions, and each makes line
 * breaks and control characters visible (src/visible.ts), so that no text from outside, even one
 * a boundary missed, starts a line of its own and with it a workflow command. Annotations keep
 * the action's own `\n` (they are sent as one command, the runner shows them as several lines).
 */
export function debug(message: string): void {
  issueCommand('debug', {}, showControlsPerLine(message))
}

export function info(message: string): void {
  process.stdout.write(showControls(message) + EOL)
}

export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('error', toCommandProperties(visibleProperties(properties)), annotationText(message))
}

export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('warning', toCommandProperties(visibleProperties(properties)), annotationText(message))
}

export function startGroup(name: string): void {
  issue('group', showControls(name))
}

export function endGroup(): void {
  issue('endgroup')
}

export function notice(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('notice', toCommandProperties(visibleProperties(properties)), annotationText(message))
}

function annotationText(message: string | Error): string {
  return showControlsPerLine(message instanceof Error ? message.toString() : message)
}

function visibleProperties(properties: AnnotationProperties): AnnotationProperties {
  return properties.title === undefined ? properties : { ...properties, title: showControls(properties.title) }
}
