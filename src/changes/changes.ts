import { execFile } from 'node:child_process'
import type { getOctokit } from '@actions/github'
import type { GithubContext } from '../github-context.js'
import { header, isRetryableStatus, type Answer, type HttpClient } from '../http/client.js'
import type { Settings } from '../inputs/settings.js'
import { dedupe } from '../inputs/lists.js'
import { mapFiles, parsePathMap, type MappedFiles, type PathRule } from './path-map.js'

/**
 * `changed-since`: which files the deploy changed, from GitHub's compare API (or `git diff` in
 * the workspace when the API cannot list them all), mapped to URLs with `path-map`. Loaded only
 * when `changed-since` is set; the GitHub client it uses is loaded only here.
 */

/** What to compare, decided from the inputs and the run before any request. */
export interface ChangeRequest {
  owner: string
  repo: string
  base: BaseChoice
  /** The deployed commit (GITHUB_SHA). */
  head: string
  rules: PathRule[]
  token: string
  apiUrl: string
  workspace: string
}

export type BaseChoice =
  | { ref: string; reason: string }
  | { previousReleaseOf: CurrentRelease }

export interface CurrentRelease {
  id: number
  tag: string
  createdAt: string
}

/** One entry of the comparison, as GitHub names it (`removed`, `renamed`...). */
export interface ChangedFile {
  path: string
  status: string
  /** The old path of a rename. */
  previousPath?: string
}

export interface Changes {
  /** The base as named (a tag, a branch, a SHA), and why it is the base. */
  base: string
  baseReason: string
  baseSha: string
  head: string
  /** Commits from the base to the head, as GitHub counts them. */
  commits: number
  files: ChangedFile[]
  /** Where the file list came from; the reason when it is not the compare API. */
  source: 'compare API' | 'git diff'
  fallbackReason?: string
  mapping: MappedFiles
}

/** GitHub lists at most this many files for one comparison, and says nothing when it stops. */
export const compareFileLimit = 300

const shaPattern = /^[0-9a-f]{40}$/i
const zeroSha = /^0+$/
// What git allows in a ref name, roughly: enough to reject a typo before any request.
const refPattern = /^(?!.*\.\.)(?!.*@\{)[^\s~^:?*[\\]+$/

/** Pure: the inputs and the run -> what to compare, or input errors naming the input. */
export function readChangeRequest(settings: Settings, github: GithubContext): { request?: ChangeRequest; errors: string[] } {
  const errors: string[] = []
  const parsed = parsePathMap(settings.pathMap)
  errors.push(...parsed.errors.map((error) => `input path-map: ${error}`))

  const base = chooseBase(settings.changedSince ?? '', github)
  if ('error' in base) errors.push(`input changed-since: ${base.error}`)

  const [owner = '', repo = ''] = github.repository.split('/')
  if (!owner || !repo || !shaPattern.test(github.sha)) {
    errors.push('input changed-since: needs GITHUB_REPOSITORY (owner/name) and GITHUB_SHA (the deployed commit), which the runner sets; run it in a workflow')
  }
  if (errors.length > 0 || 'error' in base) return { errors }
  return {
    errors,
    request: { owner, repo, base, head: github.sha, rules: parsed.rules, token: settings.githubToken, apiUrl: github.apiUrl, workspace: github.workspace },
  }
}

/** `changed-since` -> the base: the ref as given, or for `auto` what the event says. */
export function chooseBase(changedSince: string, github: Pick<GithubContext, 'eventName' | 'payload'>): BaseChoice | { error: string } {
  if (changedSince.toLowerCase() !== 'auto') {
    if (!refPattern.test(changedSince)) return { error: `expected a commit SHA, tag or branch name, or auto; got ${JSON.stringify(changedSince)}` }
    return { ref: changedSince, reason: 'changed-since' }
  }
  const { eventName, payload } = github
  if (eventName === 'push') {
    const before = typeof payload.before === 'string' ? payload.before : ''
    if (!shaPattern.test(before) || zeroSha.test(before)) {
      return { error: 'auto on this push has no previous commit (the push created the branch or tag); give a commit SHA, tag or branch' }
    }
    return { ref: before, reason: "the push's before commit" }
  }
  if (eventName === 'release') {
    const release = (payload.release ?? {}) as { id?: unknown; tag_name?: unknown; created_at?: unknown }
    if (typeof release.id !== 'number' || typeof release.tag_name !== 'string' || typeof release.created_at !== 'string') {
      return { error: 'auto on a release event needs the release in the event payload, and it has none; give a tag or commit SHA' }
    }
    return { previousReleaseOf: { id: release.id, tag: release.tag_name, createdAt: release.created_at } }
  }
  return {
    error: `auto knows the base only on push (the before commit) and release (the previous release) events, not on ${eventName || 'this run'}; give a commit SHA, tag or branch`,
  }
}

export interface Release {
  id: number
  tag_name: string
  draft: boolean
  created_at: string
}

/** The newest published release created before the current one (drafts and itself excluded). */
export function previousRelease(releases: readonly Release[], current: CurrentRelease): Release | undefined {
  const currentTime = Date.parse(current.createdAt)
  return releases
    .filter((release) => !release.draft && release.id !== current.id && release.tag_name !== current.tag && Date.parse(release.created_at) < currentTime)
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))[0]
}

/** The slice of the compare answer used here. */
export interface CompareAnswer {
  status: string
  ahead_by: number
  behind_by: number
  total_commits: number
  base_commit: { sha: string }
  files?: { filename: string; status: string; previous_filename?: string }[] | undefined
}

/**
 * Why the compare API's file list is not what the deploy changed, if it is not: the 300-file
 * cap, or a base that is not an ancestor of the head (GitHub compares from their merge base, so
 * files changed on the base's side, or undone by a rollback, would be missed).
 */
export function incompleteReason(answer: CompareAnswer, base: string, head: string): string | undefined {
  const files = answer.files?.length
  if (files === undefined) return 'the compare API gave no file list'
  if (files >= compareFileLimit) return `GitHub lists at most ${compareFileLimit} changed files for one comparison and listed ${files}, so the list may be cut short`
  const short = head.slice(0, 7)
  if (answer.status === 'diverged') {
    return `${base} is not an ancestor of ${short} (${answer.ahead_by} ahead, ${answer.behind_by} behind): GitHub lists only the changes since their merge base, not the ones made on the side of ${base}`
  }
  if (answer.status === 'behind') {
    return `${short} is older than ${base} (${answer.behind_by} commits behind, a rollback): GitHub lists the changes since their merge base, which is ${short} itself`
  }
  return undefined
}

/** A rename counts its old and its new path (a copy only its new one); every path once, in order. */
export function changedPaths(files: readonly ChangedFile[]): string[] {
  return dedupe(files.flatMap((file) => (file.status === 'renamed' && file.previousPath !== undefined ? [file.path, file.previousPath] : [file.path])))
}

type GitHubClient = ReturnType<typeof getOctokit>

/**
 * Lists the files changed between the base and the head, and maps them. Errors are thrown with
 * a message that says what to do; nothing is purged from a list that may be incomplete.
 */
export async function findChanges(request: ChangeRequest, http: HttpClient): Promise<Changes> {
  const github = await githubClient(request, http)
  const { base, baseReason } =
    'ref' in request.base
      ? { base: request.base.ref, baseReason: request.base.reason }
      : { base: await previousReleaseTag(github, request, request.base.previousReleaseOf), baseReason: `the release before ${request.base.previousReleaseOf.tag}` }

  const answer = await compare(github, request, base)
  const reason = incompleteReason(answer, base, request.head)
  let files = (answer.files ?? []).map(
    (file): ChangedFile => ({ path: file.filename, status: file.status, ...(file.previous_filename !== undefined ? { previousPath: file.previous_filename } : {}) }),
  )
  if (reason !== undefined) {
    const fromGit = await gitChangedFiles(request.workspace, answer.base_commit.sha, request.head)
    if ('unavailable' in fromGit) {
      throw new Error(
        `changed-since: cannot list every file changed between ${base} and ${request.head.slice(0, 7)}: ${reason}. ` +
          `The fallback, git diff in GITHUB_WORKSPACE, needs a checkout that holds both commits, and ${fromGit.unavailable}. ` +
          'Check out the full history before this step (actions/checkout with fetch-depth: 0), or give a narrower changed-since. Nothing was purged.',
      )
    }
    files = fromGit.files
  }
  return {
    base,
    baseReason,
    baseSha: answer.base_commit.sha,
    head: request.head,
    commits: answer.total_commits,
    files,
    source: reason === undefined ? 'compare API' : 'git diff',
    ...(reason !== undefined ? { fallbackReason: reason } : {}),
    mapping: mapFiles(changedPaths(files), request.rules),
  }
}

async function githubClient(request: ChangeRequest, http: HttpClient): Promise<GitHubClient> {
  const { getOctokit } = await import('@actions/github')
  return getOctokit(request.token, { baseUrl: request.apiUrl, request: { fetch: fetchThrough(http) } })
}

/** Every page of the comparison: the files come on the first, the commits on all. */
export async function compare(github: GitHubClient, request: Pick<ChangeRequest, 'owner' | 'repo' | 'head'>, base: string): Promise<CompareAnswer> {
  const basehead = `${base}...${request.head}`
  const pages: CompareAnswer[] = []
  let commits = 0
  try {
    const parameters = { owner: request.owner, repo: request.repo, basehead, per_page: 100 }
    for await (const response of github.paginate.iterator(github.rest.repos.compareCommitsWithBasehead, parameters)) {
      // With `url` in the body, paginate hands over each page as GitHub sent it.
      const page = response.data as unknown as CompareAnswer & { commits?: unknown[] }
      pages.push(page)
      commits += page.commits?.length ?? 0
    }
  } catch (error) {
    throw new Error(`changed-since: GitHub cannot compare ${basehead} in ${request.owner}/${request.repo}: ${githubError(error, 'a ref that does not exist in the repository, or a github-token that cannot read it')}`, {
      cause: error,
    })
  }
  const [first] = pages
  if (!first) throw new Error(`changed-since: GitHub answered no comparison for ${basehead}`)
  const files = pages.flatMap((page) => page.files ?? [])
  return { ...first, total_commits: first.total_commits ?? commits, ...(first.files !== undefined ? { files } : {}) }
}

/** The release before the current one; pages of releases are read until one is older than it. */
export async function previousReleaseTag(github: GitHubClient, request: Pick<ChangeRequest, 'owner' | 'repo'>, current: CurrentRelease): Promise<string> {
  const releases: Release[] = []
  try {
    const parameters = { owner: request.owner, repo: request.repo, per_page: 100 }
    for await (const response of github.paginate.iterator(github.rest.repos.listReleases, parameters)) {
      releases.push(...response.data)
      // Releases come newest first: once one older than the current is in, the previous is too.
      if (previousRelease(response.data, current)) break
    }
  } catch (error) {
    throw new Error(`changed-since: cannot list the releases of ${request.owner}/${request.repo} to find the one before ${current.tag}: ${githubError(error, 'a github-token that cannot read the repository')}`, {
      cause: error,
    })
  }
  const previous = previousRelease(releases, current)
  if (!previous) {
    throw new Error(
      `changed-since: auto found no published release before ${current.tag} in ${request.owner}/${request.repo} (drafts do not count); ` +
        'for a first release there is nothing to compare with: give changed-since a ref, or purge with paths or scope: all',
    )
  }
  return previous.tag_name
}

/** GitHub's own message, with what its status usually means here. */
function githubError(error: unknown, notFoundMeans: string): string {
  const { status, response, message } = error as { status?: number; response?: { data?: { message?: unknown } }; message?: string }
  const said = typeof response?.data?.message === 'string' ? response.data.message : (message ?? String(error))
  if (response === undefined) return said
  const hint =
    status === 404
      ? ` (${notFoundMeans})`
      : status === 401 || status === 403
        ? ' (github-token needs read access to contents: permissions: contents: read)'
        : ''
  return `HTTP ${status}, ${said}${hint}`
}

/**
 * Octokit's requests through the action's HttpClient: the same retries, Retry-After, timeouts,
 * deadline and proxy settings as every other call of the step.
 */
export function fetchThrough(http: HttpClient): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const method = (init?.method ?? 'GET').toUpperCase()
    if (method !== 'GET') throw new Error(`only GET requests are expected, got ${method} ${url}`)
    let final: Answer | undefined
    const { verdict } = await http.send({ url, method: 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()) }, (answer) => {
      final = answer
      return isRetryableStatus(answer.status) ? { ok: false, error: `HTTP ${answer.status} from GitHub` } : { ok: true }
    })
    if (!verdict.ok || final === undefined) throw new Error(verdict.ok ? 'no answer' : verdict.error)
    const headers = new Headers()
    for (const name of Object.keys(final.headers)) {
      const value = header(final, name)
      if (value !== undefined && !['content-length', 'content-encoding', 'transfer-encoding'].includes(name)) headers.set(name, value)
    }
    const response = new Response([204, 205, 304].includes(final.status) ? null : final.body, { status: final.status, headers })
    // paginate reads the URL of each answer to ask for the next page.
    Object.defineProperty(response, 'url', { value: url })
    return response
  }
}

/**
 * The files that differ between the two commits' trees, from the checkout in the workspace:
 * `git diff --name-status`, renames as a removal and an addition (both paths count).
 */
export async function gitChangedFiles(workspace: string, base: string, head: string): Promise<{ files: ChangedFile[] } | { unavailable: string }> {
  for (const commit of [base, head]) {
    if (!shaPattern.test(commit)) return { unavailable: `${JSON.stringify(commit)} is not a commit SHA` }
    const found = await git(workspace, ['cat-file', '-e', `${commit}^{commit}`])
    if ('error' in found) {
      if (found.missingGit) return { unavailable: 'git is not installed on this runner' }
      const isRepository = await git(workspace, ['rev-parse', '--git-dir'])
      if ('error' in isRepository) return { unavailable: `${workspace} is not a git checkout` }
      return { unavailable: `the checkout in ${workspace} does not have commit ${commit.slice(0, 7)} (a shallow clone?)` }
    }
  }
  const diff = await git(workspace, ['diff', '--name-status', '-z', '--no-renames', '--no-color', '--no-ext-diff', base, head, '--'])
  if ('error' in diff) return { unavailable: `git diff failed: ${diff.error}` }
  return { files: parseNameStatus(diff.stdout) }
}

const gitStatuses: Record<string, string> = { A: 'added', M: 'modified', D: 'removed', T: 'changed' }

/** `git diff --name-status -z` (without renames): status and path, each ended by NUL. */
export function parseNameStatus(output: string): ChangedFile[] {
  const fields = output.split('\0')
  const files: ChangedFile[] = []
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const status = fields[index] ?? ''
    const path = fields[index + 1] ?? ''
    if (path !== '') files.push({ path, status: gitStatuses[status.charAt(0)] ?? 'changed' })
  }
  return files
}

function git(workspace: string, args: string[]): Promise<{ stdout: string } | { error: string; missingGit: boolean }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', workspace, ...args],
      // A read: no optional locks, never a prompt.
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout })
        const missingGit = (error as NodeJS.ErrnoException).code === 'ENOENT'
        resolve({ error: stderr.trim() || error.message, missingGit })
      },
    )
  })
}
