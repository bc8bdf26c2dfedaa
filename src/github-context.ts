import { existsSync, readFileSync } from 'node:fs'
import { EOL } from 'node:os'

/**
 * The workflow run this step is part of (`GITHUB_*` variables and the event file), as the pure
 * parts of the action (changes.ts, the summary header) take it. Read as @actions/github's
 * `Context` reads it (test/unit/github-context.test.ts compares the two), not through it: that
 * package's only entry also loads the whole REST client, which only `changed-since` needs (and
 * loads itself); its Context module was imported by a ../node_modules path, which broke under
 * other package layouts.
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

export function readGithubContext(env: NodeJS.ProcessEnv = process.env): GithubContext {
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    runId: env.GITHUB_RUN_ID ?? '',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  }
}

/** The event payload; a file that is named but missing is said on stdout, as Context says it. */
function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {}
  if (!existsSync(path)) {
    process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist${EOL}`)
    return {}
  }
  return JSON.parse(readFileSync(path, { encoding: 'utf8' })) as Record<string, unknown>
}
