// @actions/github's own Context, imported by path for the reason given in core.ts: the package's
// entry also loads the whole REST client, which only `changed-since` needs (and loads itself).
import { Context } from '../node_modules/@actions/github/lib/context.js'

/**
 * The workflow run this step is part of (`GITHUB_*` variables and the event file), as the pure
 * parts of the action (changes.ts, the summary header) take it.
 */
export interface GithubContext {
  eventName: string
  /** The event's payload (the file at GITHUB_EVENT_PATH); {} when there is none. */
  payload: Record<string, unknown>
  ref: string
  sha: string
  /** `owner/name`; empty outside Actions. */
  repository: string
  serverUrl: string
  /** `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  apiUrl: string
  runId: string
  workspace: string
}

export function readGithubContext(): GithubContext {
  const context = new Context()
  return {
    eventName: context.eventName ?? '',
    payload: context.payload as Record<string, unknown>,
    ref: context.ref ?? '',
    sha: context.sha ?? '',
    repository: process.env.GITHUB_REPOSITORY ?? '',
    serverUrl: (context.serverUrl || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (context.apiUrl || 'https://api.github.com').replace(/\/+$/, ''),
    runId: process.env.GITHUB_RUN_ID ?? '',
    workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
  }
}
