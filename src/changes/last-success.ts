import type { getOctokit } from '@actions/github'

/**
 * `changed-since: last-success`: the base is the head commit of the newest successful run of
 * this same workflow on the same branch, older than this run. A deploy whose run failed after
 * deploying (or was cancelled) is then purged by the next good one.
 */

type GitHubClient = ReturnType<typeof getOctokit>

/** The run this step is part of, and where to look. */
export interface LastSuccessRequest {
  owner: string
  repo: string
  runId: number
  branch: string
  apiUrl: string
  serverUrl: string
}

/** The slice of a workflow run used here (GitHub's names). */
export interface WorkflowRun {
  id: number
  run_number?: number
  workflow_id: number
  head_branch: string | null
  head_sha: string
  event: string
  status: string | null
  conclusion: string | null
  created_at: string
  head_repository?: { full_name?: string } | null
}

/** The run the base came from, for the log and the summary. */
export interface BaseRun {
  id: number
  number: number | undefined
  url: string
  createdAt: string
  sha: string
}

/** GitHub answers at most 1,000 runs for a filtered list: 10 pages of 100. */
const maxPages = 10
const pullRequestEvents = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'])

/**
 * The newest run by `created_at` (GitHub does not document the order of the list; run ids break
 * ties) that succeeded on this branch before the current run. Runs of pull requests do not count
 * (a fork's `main` has this branch's name but deploys nothing), nor the current run itself (a
 * re-run of a run that once succeeded). Pure.
 */
export function pickLastSuccess(runs: readonly WorkflowRun[], current: Pick<WorkflowRun, 'id' | 'created_at'>, branch: string, repository: string): WorkflowRun | undefined {
  const currentTime = Date.parse(current.created_at)
  const older = runs.filter(
    (run) =>
      run.id !== current.id &&
      run.conclusion === 'success' &&
      run.head_branch === branch &&
      !pullRequestEvents.has(run.event) &&
      (run.head_repository?.full_name === undefined || run.head_repository.full_name.toLowerCase() === repository.toLowerCase()) &&
      /^[0-9a-f]{40}$/i.test(run.head_sha) &&
      Date.parse(run.created_at) < currentTime,
  )
  return older.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)[0]
}

/**
 * The `next` URL of a `Link` header, only when it stays on the API's own origin: the token goes
 * with it, so a link elsewhere is an error, never followed. Read without regexes that backtrack.
 */
export function nextPageUrl(link: string | undefined, apiUrl: string): string | undefined {
  if (link === undefined) return undefined
  for (const part of link.split(',')) {
    const open = part.indexOf('<')
    const close = part.indexOf('>', open + 1)
    if (open === -1 || close === -1) continue
    const parameters = part.slice(close + 1).split(';').map((each) => each.trim().toLowerCase())
    if (!parameters.includes('rel="next"') && !parameters.includes('rel=next')) continue
    const url = URL.parse(part.slice(open + 1, close).trim())
    const api = URL.parse(apiUrl)
    if (!url || !api || url.origin !== api.origin || !url.pathname.startsWith(api.pathname.replace(/\/+$/, ''))) {
      throw new Error(`GitHub's next-page link points away from ${api?.origin ?? apiUrl}, where the token may not go; not followed`)
    }
    return url.href
  }
  return undefined
}

/** The newest earlier successful run's head commit; thrown errors say what to do. */
export async function findLastSuccess(github: GitHubClient, request: LastSuccessRequest): Promise<BaseRun> {
  const where = `${request.owner}/${request.repo}`
  const current = await readRuns(`read this run (${request.runId})`, async () => {
    const { data } = await github.rest.actions.getWorkflowRun({ owner: request.owner, repo: request.repo, run_id: request.runId })
    return data as unknown as WorkflowRun
  })
  if (typeof current.workflow_id !== 'number' || typeof current.created_at !== 'string') {
    throw new Error(`changed-since: GitHub's answer for run ${request.runId} of ${where} has no workflow_id or created_at`)
  }

  const runs: WorkflowRun[] = []
  let next: string | undefined
  for (let page = 1; page <= maxPages; page++) {
    const answer = await readRuns(`list the successful runs of workflow ${current.workflow_id} on ${request.branch}`, async () => {
      const response =
        next === undefined
          ? await github.rest.actions.listWorkflowRuns({
              owner: request.owner,
              repo: request.repo,
              workflow_id: current.workflow_id,
              branch: request.branch,
              status: 'success',
              per_page: 100,
            })
          : await github.request({ method: 'GET', url: next })
      return { data: response.data as { workflow_runs?: unknown }, link: response.headers.link }
    })
    if (!Array.isArray(answer.data.workflow_runs)) throw new Error(`changed-since: GitHub's list of workflow runs for ${where} has no workflow_runs`)
    const pageRuns = answer.data.workflow_runs as WorkflowRun[]
    runs.push(...pageRuns)
    // The list is newest first in practice: once a page holds an older success, the newest older
    // one is read too. Were the order ever different, an older base only purges more, never less.
    if (pickLastSuccess(pageRuns, current, request.branch, where)) break
    next = nextPageUrl(answer.link, request.apiUrl)
    if (next === undefined) break
  }

  const found = pickLastSuccess(runs, current, request.branch, where)
  if (!found) {
    throw new Error(
      `changed-since: last-success found no successful run of this workflow on ${request.branch} in ${where} before this one (run ${request.runId}); ` +
        'for a first deploy there is nothing to compare with: give changed-since a commit SHA, tag or branch, or purge with paths or scope: all. Nothing was purged.',
    )
  }
  return {
    id: found.id,
    number: typeof found.run_number === 'number' ? found.run_number : undefined,
    url: `${request.serverUrl}/${where}/actions/runs/${found.id}`,
    createdAt: found.created_at,
    sha: found.head_sha,
  }
}

async function readRuns<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    throw new Error(`changed-since: last-success cannot ${what}: ${runsError(error)}`, { cause: error })
  }
}

/** GitHub's own message, with what its status usually means for the runs API. */
function runsError(error: unknown): string {
  const { status, response, message } = error as {
    status?: number
    response?: { data?: { message?: unknown }; headers?: Record<string, string | number | undefined> }
    message?: string
  }
  const said = typeof response?.data?.message === 'string' ? response.data.message : (message ?? String(error))
  if (response === undefined) return said
  const rateLimited = String(response.headers?.['x-ratelimit-remaining'] ?? '') === '0'
  const hint = rateLimited
    ? ' (the GitHub API rate limit of this token is used up; try again after it resets)'
    : status === 403 || status === 404
      ? ' (the job\'s token needs permissions: actions: read, besides contents: read, to read workflow runs)'
      : status === 401
        ? ' (github-token is not a valid token)'
        : ''
  return `HTTP ${status}, ${said}${hint}`
}
