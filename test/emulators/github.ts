// Loopback emulator of the GitHub REST endpoints `changed-since` reads: compare two commits, list
// releases, and (for `last-success`) get a workflow run and list a workflow's runs. Spec:
// /work/shared/PROVIDERS.md, section "GitHub REST"; PROVIDERS-CLOUDS.md, section 9. Where GitHub's
// behaviour is not documented, the choice made here is written next to the code that makes it.
import { createHash } from 'node:crypto'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged'

export interface EmulatedFile {
  filename: string
  status: FileStatus
  previous_filename?: string
}

/** What GitHub knows about base...head: its status, how many commits, which files. */
export interface EmulatedComparison {
  base: string
  head: string
  status?: 'ahead' | 'behind' | 'diverged'
  aheadBy?: number
  behindBy?: number
  /** Commits from the merge base to the head. */
  commits: number
  /** Every changed file; answers list at most the first 300. */
  files: EmulatedFile[]
}

export interface EmulatedRelease {
  id: number
  tag_name: string
  created_at: string
  draft?: boolean
  prerelease?: boolean
}

export interface GithubEmulatorOptions {
  token?: string
  /** owner/name */
  repository?: string
  /** `/api/v3` to look like GitHub Enterprise Server. */
  basePath?: string
  /** Branch and tag names -> commit SHAs. Every SHA of a comparison is a ref too. */
  refs?: Record<string, string>
  comparisons?: EmulatedComparison[]
  releases?: EmulatedRelease[]
  /** false: no Link header, so clients must page by `total_commits` and the request URL. */
  linkHeaders?: boolean
  /** Workflow runs of the repository, in any order. */
  runs?: EmulatedRun[]
  /** false: the token lacks `actions: read`, and the runs API answers 403 as GitHub does. */
  actionsRead?: boolean
  /** How the list of a workflow's runs is ordered: newest first (what GitHub does in practice), or as given. */
  runsOrder?: 'newest-first' | 'as-given'
  /** Where every `next` link points instead (a hostile or broken API). */
  nextLinkOrigin?: string
}

/** A workflow run as GitHub lists it (the fields the action reads, and a few more). */
export interface EmulatedRun {
  id: number
  run_number?: number
  workflow_id: number
  head_branch: string | null
  head_sha: string
  event?: string
  status?: 'completed' | 'in_progress' | 'queued'
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | null
  created_at: string
  /** owner/name of the repository the head commit is in (a fork for a pull request from one). */
  head_repository?: string
}

export interface GithubEmulator {
  url: string
  requests: RecordedRequest[]
  /** Shifted one per request. */
  faults: Fault[]
  close(): Promise<void>
}

export const DEFAULT_GITHUB_TOKEN = 'ghs_emulatedToken0123456789abcdefABCDEF'
/** GitHub lists at most this many files for one comparison. */
export const COMPARE_FILE_LIMIT = 300
/** Commits in an answer when the request names neither page nor per_page. */
export const UNPAGED_COMMITS = 250

export function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

export async function startGithubEmulator(options: GithubEmulatorOptions = {}): Promise<GithubEmulator> {
  const token = options.token ?? DEFAULT_GITHUB_TOKEN
  const repository = options.repository ?? 'acme/site'
  const basePath = options.basePath ?? ''
  const refs = options.refs ?? {}
  const comparisons = options.comparisons ?? []
  const releases = options.releases ?? []
  const runs = options.runs ?? []
  const faults: Fault[] = []
  const knownShas = new Set([...Object.values(refs), ...comparisons.flatMap((comparison) => [comparison.base, comparison.head])])

  const server = await startLoopback({
    basePath,
    faultFor: () => faults.shift(),
    errorBody: (status) => error(status, status >= 500 ? 'Server Error' : 'Error').body,
    handle: (request) => answer(request),
  })

  function answer(request: RecordedRequest): Reply {
    const route = matchRoute(request.path.slice(basePath.length))
    if (request.method !== 'GET' || !route) return error(404, 'Not Found')
    // GitHub rejects API requests without a User-Agent.
    if (!request.headers['user-agent']) {
      return error(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header')
    }
    const credential = /^(?:token|bearer) (.+)$/i.exec(request.headers.authorization ?? '')?.[1]
    if (credential !== undefined && credential !== token) return error(401, 'Bad credentials')
    // The repository is private: without a token it does not exist.
    if (credential === undefined || route.repository !== repository) return error(404, 'Not Found')
    const query = new URLSearchParams(request.query)
    if (route.kind === 'releases') return listReleases(query, request)
    if (route.kind === 'run' || route.kind === 'workflow-runs') {
      if (options.actionsRead === false) return error(403, 'Resource not accessible by integration')
      return route.kind === 'run' ? getRun(route.runId) : listWorkflowRuns(route.workflow, query, request)
    }
    return compare(route.basehead, query, request)
  }

  function getRun(runId: string): Reply {
    const run = runs.find((each) => String(each.id) === runId)
    return run ? { status: 200, body: runObject(run) } : error(404, 'Not Found')
  }

  // Statuses and conclusions the `status` parameter takes (GitHub's list), each filtering its own field.
  const runStatuses = new Set(['in_progress', 'queued', 'requested', 'waiting', 'pending', 'completed'])
  const runConclusions = new Set(['action_required', 'cancelled', 'failure', 'neutral', 'skipped', 'stale', 'success', 'timed_out'])

  function listWorkflowRuns(workflow: string, query: URLSearchParams, request: RecordedRequest): Reply {
    const workflowId = Number(workflow)
    if (!runs.some((run) => run.workflow_id === workflowId)) return error(404, 'Not Found')
    const status = query.get('status')
    if (status !== null && !runStatuses.has(status) && !runConclusions.has(status)) return error(422, 'Validation Failed')
    const branch = query.get('branch')
    const event = query.get('event')
    const matching = runs.filter(
      (run) =>
        run.workflow_id === workflowId &&
        (branch === null || run.head_branch === branch) &&
        (event === null || (run.event ?? 'push') === event) &&
        (status === null || (runStatuses.has(status) ? (run.status ?? 'completed') === status : run.conclusion === status)),
    )
    const ordered = options.runsOrder === 'as-given' ? matching : [...matching].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    const paging = paged(query, { ...request.query, per_page: request.query.per_page ?? '30' }, 30)
    // With a filter, GitHub answers at most 1,000 runs.
    const reachable = ordered.slice(0, 1_000)
    const headers = linkHeader(request, paging, reachable.length)
    if (options.nextLinkOrigin !== undefined && headers.link) headers.link = headers.link.replaceAll(server.origin, options.nextLinkOrigin)
    return {
      status: 200,
      headers,
      body: { total_count: matching.length, workflow_runs: reachable.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage).map(runObject) },
    }
  }

  function runObject(run: EmulatedRun) {
    const headRepository = run.head_repository ?? repository
    return {
      id: run.id,
      name: 'Deploy',
      run_number: run.run_number ?? run.id,
      run_attempt: 1,
      workflow_id: run.workflow_id,
      head_branch: run.head_branch,
      head_sha: run.head_sha,
      event: run.event ?? 'push',
      status: run.status ?? 'completed',
      conclusion: run.conclusion,
      created_at: run.created_at,
      updated_at: run.created_at,
      run_started_at: run.created_at,
      url: `${server.url}/repos/${repository}/actions/runs/${run.id}`,
      html_url: `https://github.com/${repository}/actions/runs/${run.id}`,
      head_repository: { full_name: headRepository },
      repository: { full_name: repository },
    }
  }

  function resolve(ref: string): string | undefined {
    if (refs[ref] !== undefined) return refs[ref]
    if (/^[0-9a-f]{7,40}$/i.test(ref)) {
      const matches = [...knownShas].filter((known) => known.startsWith(ref.toLowerCase()))
      if (matches.length === 1) return matches[0]
    }
    return undefined
  }

  function compare(basehead: string, query: URLSearchParams, request: RecordedRequest): Reply {
    const [baseRef, headRef, ...rest] = basehead.split('...')
    if (!baseRef || !headRef || rest.length > 0) return error(404, 'Not Found')
    const base = resolve(baseRef)
    const head = resolve(headRef)
    if (!base || !head) return error(404, 'Not Found')
    const comparison: EmulatedComparison | undefined =
      base === head ? { base, head, commits: 0, files: [] } : comparisons.find((each) => each.base === base && each.head === head)
    if (!comparison) return error(404, `No common ancestor between ${baseRef} and ${headRef}.`)

    const paging = paged(query, request.query, UNPAGED_COMMITS)
    const allCommits = Array.from({ length: comparison.commits }, (_, index) => commitObject(sha(`${base}...${head}#${index}`), `commit ${index + 1}`))
    const status = base === head ? 'identical' : (comparison.status ?? 'ahead')
    const self = `${server.url}/repos/${repository}/compare/${encodeURIComponent(basehead)}`
    return {
      status: 200,
      headers: linkHeader(request, paging, comparison.commits),
      body: {
        // `url` is what tells Octokit's paginate that this body is one object, not a wrapped list.
        url: self,
        html_url: `https://github.com/${repository}/compare/${basehead}`,
        permalink_url: `https://github.com/${repository}/compare/${base}...${head}`,
        diff_url: `https://github.com/${repository}/compare/${basehead}.diff`,
        patch_url: `https://github.com/${repository}/compare/${basehead}.patch`,
        base_commit: commitObject(base, 'base'),
        merge_base_commit: commitObject(status === 'ahead' || status === 'identical' ? base : sha(`merge-base ${base} ${head}`), 'merge base'),
        status,
        ahead_by: comparison.aheadBy ?? (status === 'behind' ? 0 : comparison.commits),
        behind_by: comparison.behindBy ?? 0,
        total_commits: comparison.commits,
        commits: allCommits.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage),
        // The files come on the first page only, and never more than 300 of them.
        files: paging.page === 1 ? comparison.files.slice(0, COMPARE_FILE_LIMIT).map(fileObject) : [],
      },
    }
  }

  function listReleases(query: URLSearchParams, request: RecordedRequest): Reply {
    const paging = paged(query, request.query, 30)
    const newestFirst = [...releases].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    return {
      status: 200,
      headers: linkHeader(request, paging, newestFirst.length),
      body: newestFirst.slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage).map((release) => ({
        url: `${server.url}/repos/${repository}/releases/${release.id}`,
        html_url: `https://github.com/${repository}/releases/tag/${release.tag_name}`,
        id: release.id,
        tag_name: release.tag_name,
        name: release.tag_name,
        draft: release.draft ?? false,
        prerelease: release.prerelease ?? false,
        created_at: release.created_at,
        published_at: release.draft ? null : release.created_at,
      })),
    }
  }

  function linkHeader(request: RecordedRequest, paging: Paging, total: number): Record<string, string> {
    const last = Math.max(1, Math.ceil(total / paging.perPage))
    if (options.linkHeaders === false || paging.page >= last) return {}
    const page = (number: number) => {
      const query = new URLSearchParams({ ...request.query, per_page: String(paging.perPage), page: String(number) })
      return `<${server.origin}${request.path}?${query}>`
    }
    return { link: `${page(paging.page + 1)}; rel="next", ${page(last)}; rel="last"` }
  }

  return { url: server.url, requests: server.requests, faults, close: () => server.close() }
}

type Route =
  | { kind: 'compare'; repository: string; basehead: string }
  | { kind: 'releases'; repository: string }
  | { kind: 'run'; repository: string; runId: string }
  | { kind: 'workflow-runs'; repository: string; workflow: string }

function matchRoute(path: string): Route | undefined {
  const compare = /^\/repos\/([^/]+)\/([^/]+)\/compare\/(.+)$/.exec(path)
  if (compare) return { kind: 'compare', repository: `${compare[1]}/${compare[2]}`, basehead: decodeURIComponent(compare[3] ?? '') }
  const releases = /^\/repos\/([^/]+)\/([^/]+)\/releases$/.exec(path)
  if (releases) return { kind: 'releases', repository: `${releases[1]}/${releases[2]}` }
  const run = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/.exec(path)
  if (run) return { kind: 'run', repository: `${run[1]}/${run[2]}`, runId: run[3] ?? '' }
  const workflowRuns = /^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/runs$/.exec(path)
  if (workflowRuns) return { kind: 'workflow-runs', repository: `${workflowRuns[1]}/${workflowRuns[2]}`, workflow: decodeURIComponent(workflowRuns[3] ?? '') }
  return undefined
}

interface Paging {
  page: number
  perPage: number
}

/** page and per_page as GitHub reads them: per_page at most 100; without either, `unpaged` items. */
function paged(query: URLSearchParams, raw: Record<string, string>, unpaged: number): Paging {
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1)
  if (raw.page === undefined && raw.per_page === undefined) return { page: 1, perPage: unpaged }
  const perPage = Math.min(100, Math.max(1, Number.parseInt(query.get('per_page') ?? '30', 10) || 30))
  return { page, perPage }
}

function commitObject(commitSha: string, message: string) {
  return { sha: commitSha, commit: { message }, parents: [] }
}

function fileObject(file: EmulatedFile) {
  return {
    sha: sha(`blob ${file.filename}`),
    filename: file.filename,
    status: file.status,
    additions: file.status === 'removed' ? 0 : 1,
    deletions: file.status === 'added' ? 0 : 1,
    changes: file.status === 'renamed' ? 0 : 1,
    blob_url: `https://github.com/blob/${file.filename}`,
    raw_url: `https://github.com/raw/${file.filename}`,
    contents_url: `https://api.github.com/contents/${file.filename}`,
    ...(file.previous_filename !== undefined ? { previous_filename: file.previous_filename } : {}),
  }
}

function error(status: number, message: string): Reply {
  return { status, body: { message, documentation_url: 'https://docs.github.com/rest', status: String(status) } }
}
