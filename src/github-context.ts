import { readFileSync } from 'node:fs'

/**
 * The workflow run this step is part of, from the runner's `GITHUB_*` variables and event file.
 * Read here rather than through `@actions/github`'s `context`, whose import loads the whole REST
 * client: only `changed-since` needs that, and only it loads it.
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

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path) return {}
  try {
    const payload: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
