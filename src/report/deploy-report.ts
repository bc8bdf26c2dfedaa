import type { BaseRun } from '../changes/last-success.js'
import { everythingLine, type EverythingReason } from '../deploy/everything.js'
import type { OriginCheck, OriginCheckResult } from '../deploy/origin-check.js'
import { formatSeconds } from '../http/client.js'

/** What the deploy-aware inputs did, for the job summary: origin-check, a purge of everything, the base run. */

export type OriginReport = OriginCheckResult | { planned: OriginCheck }

export interface DeployAware {
  origin?: OriginReport | undefined
  everything?: { reason: EverythingReason; targets: number } | undefined
  baseRun?: BaseRun | undefined
}

export function deployAwareSummary(deploy: DeployAware, dryRun: boolean, escape: (text: string) => string): string[] {
  const lines: string[] = []
  const code = (text: string) => `<code>${escape(text)}</code>`
  if (deploy.baseRun) {
    const run = deploy.baseRun
    const name = run.number !== undefined ? `run #${run.number}` : `run ${run.id}`
    lines.push(`**Base:** <a href="${escape(run.url)}">${escape(name)}</a>, the last successful run of this workflow on this branch (created ${escape(run.createdAt)}), at ${code(run.sha.slice(0, 7))}`, '')
  }
  const origin = deploy.origin
  if (origin && 'planned' in origin) {
    lines.push(`**Origin:** would request ${code(origin.planned.url)} until it serves ${escape(origin.planned.expectedLabel)}, then purge (dry run: not requested)`, '')
  } else if (origin?.matched) {
    const at = origin.matchedAt !== undefined ? ` at ${new Date(origin.matchedAt).toISOString()}` : ''
    lines.push(`**Origin:** ${code(origin.url)} served ${escape(origin.expectedLabel)}${at}, after ${plural(origin.checks, 'check')} (${formatSeconds(origin.elapsedMs)}); the purge came after that`, '')
  } else if (origin) {
    lines.push(
      `**Origin:** ${code(origin.url)} did not serve ${escape(origin.expectedLabel)} within the timeout (${plural(origin.checks, 'check')}, ${formatSeconds(origin.elapsedMs)}); ` +
        `its last answer: ${code(origin.lastAnswer)}. Nothing was purged.`,
      '',
    )
  }
  if (deploy.everything) {
    const line = everythingLine(deploy.everything.reason, deploy.everything.targets)
    lines.push(`**${dryRun ? 'Would purge' : 'Purged'} everything:** ${escape(line)}`, '')
  }
  return lines
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
