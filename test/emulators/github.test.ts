import http from 'node:http'
import { getOctokit } from '@actions/github'
import { afterEach, describe, expect, it } from 'vitest'
import {
  COMPARE_FILE_LIMIT,
  DEFAULT_GITHUB_TOKEN,
  sha,
  startGithubEmulator,
  type EmulatedFile,
  type EmulatedRun,
  type GithubEmulator,
  type GithubEmulatorOptions,
} from './github.js'

const base = sha('base')
const head = sha('head')
const running: GithubEmulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

async function start(options: GithubEmulatorOptions = {}): Promise<GithubEmulator> {
  const emulator = await startGithubEmulator({ refs: { 'v1.0.0': base, main: head }, ...options })
  running.push(emulator)
  return emulator
}

/** The real client the action uses, pointed at the emulator. */
function octokit(emulator: GithubEmulator, token = DEFAULT_GITHUB_TOKEN) {
  return getOctokit(token, { baseUrl: emulator.url })
}

const files = (count: number): EmulatedFile[] => Array.from({ length: count }, (_, index) => ({ filename: `public/f${index}.css`, status: 'modified' }))

interface ComparePage {
  url: string
  status: string
  total_commits: number
  commits: { sha: string }[]
  files: { filename: string; status: string; previous_filename?: string }[]
}

describe('GitHub emulator, through Octokit from @actions/github', () => {
  it('pages the commits of a comparison with page/per_page via Link headers; files come on the first page', async () => {
    const github = await start({ comparisons: [{ base, head, commits: 230, files: files(3) }] })
    const client = octokit(github)
    const pages: ComparePage[] = []
    for await (const response of client.paginate.iterator(client.rest.repos.compareCommitsWithBasehead, { owner: 'acme', repo: 'site', basehead: 'v1.0.0...main', per_page: 100 })) {
      pages.push(response.data as unknown as ComparePage)
    }
    expect(pages.map((page) => page.commits.length)).toEqual([100, 100, 30])
    expect(new Set(pages.flatMap((page) => page.commits.map((commit) => commit.sha))).size).toBe(230)
    expect(pages.map((page) => page.files.length)).toEqual([3, 0, 0])
    expect(pages[0]).toMatchObject({ status: 'ahead', total_commits: 230 })
    expect(pages[0]?.url).toBe(`${github.url}/repos/acme/site/compare/v1.0.0...main`)
    expect(github.requests.map((request) => [request.query.page ?? '1', request.query.per_page])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['3', '100'],
    ])
  })

  it('pages by total_commits and the request URL when there is no Link header (the url field keeps the body whole)', async () => {
    const github = await start({ linkHeaders: false, comparisons: [{ base, head, commits: 120, files: files(1) }] })
    const client = octokit(github)
    const pages = await client.paginate(client.rest.repos.compareCommitsWithBasehead, { owner: 'acme', repo: 'site', basehead: `${base}...${head}`, per_page: 50 }, (response) => [
      response.data as unknown as ComparePage,
    ])
    expect(pages.map((page) => page.commits.length)).toEqual([50, 50, 20])
    expect(pages[0]?.files).toHaveLength(1)
  })

  it('answers 250 commits when asked without paging, as GitHub does', async () => {
    const github = await start({ comparisons: [{ base, head, commits: 260, files: [] }] })
    const { data } = await octokit(github).rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'site', basehead: 'v1.0.0...main' })
    expect(data.commits).toHaveLength(250)
    expect(data.total_commits).toBe(260)
  })

  it('lists renamed files with their previous name, and removed files', async () => {
    const changed: EmulatedFile[] = [
      { filename: 'public/new.css', status: 'renamed', previous_filename: 'public/old.css' },
      { filename: 'public/gone.html', status: 'removed' },
      { filename: 'public/added.js', status: 'added' },
    ]
    const github = await start({ comparisons: [{ base, head, commits: 2, files: changed }] })
    const { data } = await octokit(github).rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'site', basehead: 'v1.0.0...main' })
    expect(data.files?.map((file) => [file.filename, file.status, file.previous_filename])).toEqual([
      ['public/new.css', 'renamed', 'public/old.css'],
      ['public/gone.html', 'removed', undefined],
      ['public/added.js', 'added', undefined],
    ])
  })

  it('lists at most 300 files, and says nothing when it cuts the list', async () => {
    const github = await start({ comparisons: [{ base, head, commits: 1, files: files(450) }] })
    const { data } = await octokit(github).rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'site', basehead: 'v1.0.0...main' })
    expect(data.files).toHaveLength(COMPARE_FILE_LIMIT)
    expect(Object.keys(data).filter((key) => /truncat|incomplete/.test(key))).toEqual([])
  })

  it('resolves refs, full SHAs and abbreviated SHAs, and says identical for a commit compared with itself', async () => {
    const github = await start({ comparisons: [{ base, head, commits: 1, files: files(1) }] })
    const client = octokit(github)
    const compare = (basehead: string) => client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'site', basehead })
    expect((await compare(`${base.slice(0, 7)}...main`)).data.files).toHaveLength(1)
    expect((await compare(`main...${head}`)).data).toMatchObject({ status: 'identical', total_commits: 0, files: [] })
  })

  it.each([
    ['an unknown ref', 'v9.9.9...main', 404, 'Not Found'],
    ['two commits with no comparison', `main...v1.0.0`, 404, 'No common ancestor between main and v1.0.0.'],
    ['a malformed basehead', 'main..v1.0.0', 404, 'Not Found'],
  ])('answers %s (%s) with %i', async (_name, basehead, status, message) => {
    const github = await start({ comparisons: [{ base, head, commits: 1, files: [] }] })
    const failure = await octokit(github).rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'site', basehead }).catch((error: unknown) => error)
    expect(failure).toMatchObject({ status, response: { data: { message } } })
  })

  it('refuses a wrong token (401), and hides the private repository without one or under another name (404)', async () => {
    const github = await start()
    const compare = (client: ReturnType<typeof octokit>, repo = 'site') =>
      client.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo, basehead: 'v1.0.0...main' }).catch((error: unknown) => error)
    expect(await compare(octokit(github, 'ghs_wrong'))).toMatchObject({ status: 401 })
    expect(await compare(octokit(github), 'other')).toMatchObject({ status: 404 })
    const anonymous = await fetch(`${github.url}/repos/acme/site/compare/v1.0.0...main`, { headers: { 'user-agent': 'test' } })
    expect(anonymous.status).toBe(404)
    // fetch always sends a User-Agent; node:http sends none unless told.
    const noAgent = await new Promise<number | undefined>((resolve, reject) => {
      http.get(`${github.url}/repos/acme/site/compare/v1.0.0...main`, { headers: { authorization: `Bearer ${DEFAULT_GITHUB_TOKEN}` } }, (response) => {
        response.resume()
        resolve(response.statusCode)
      }).on('error', reject)
    })
    expect(noAgent).toBe(403)
  })

  it('lists releases newest first, drafts included, a page at a time', async () => {
    const releases = Array.from({ length: 130 }, (_, index) => ({
      id: index + 1,
      tag_name: `v1.${index}.0`,
      created_at: new Date(Date.UTC(2025, 0, 1) + index * 86_400_000).toISOString(),
      draft: index === 129,
    }))
    const github = await start({ releases })
    const client = octokit(github)
    const listed = await client.paginate(client.rest.repos.listReleases, { owner: 'acme', repo: 'site', per_page: 100 })
    expect(listed.map((release) => release.tag_name)).toEqual(releases.map((release) => release.tag_name).reverse())
    expect(listed[0]).toMatchObject({ draft: true, published_at: null })
    expect(github.requests.map((request) => request.query.page ?? '1')).toEqual(['1', '2'])
  })

  it('serves under /api/v3, as GitHub Enterprise Server does', async () => {
    const github = await start({ basePath: '/api/v3', comparisons: [{ base, head, commits: 1, files: files(1) }] })
    expect(github.url).toMatch(/\/api\/v3$/)
    const { data } = await octokit(github).rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'site', basehead: 'v1.0.0...main' })
    expect(data.files).toHaveLength(1)
    expect(github.requests[0]?.path).toBe('/api/v3/repos/acme/site/compare/v1.0.0...main')
  })

  it('gets a workflow run, and lists a workflow\'s successful runs on a branch, newest first, 100 a page, with Link', async () => {
    const runs: EmulatedRun[] = Array.from({ length: 230 }, (_, index) => ({
      id: 1_000 + index,
      workflow_id: 77,
      head_branch: index % 10 === 0 ? 'feature' : 'main',
      head_sha: sha(`run ${index}`),
      conclusion: index % 7 === 0 ? 'failure' : 'success',
      created_at: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    }))
    const github = await start({ runs })
    const client = octokit(github)
    const { data: run } = await client.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'site', run_id: 1_005 })
    expect(run).toMatchObject({ id: 1_005, workflow_id: 77, head_branch: 'main', conclusion: 'success', head_sha: sha('run 5') })
    const listed = await client.paginate(client.rest.actions.listWorkflowRuns, { owner: 'acme', repo: 'site', workflow_id: 77, branch: 'main', status: 'success', per_page: 100 })
    const expected = runs.filter((each) => each.head_branch === 'main' && each.conclusion === 'success').reverse()
    expect(listed.map((each) => each.id)).toEqual(expected.map((each) => each.id))
    expect(github.requests.slice(1).map((request) => [request.path, request.query.page ?? '1'])).toEqual([
      ['/repos/acme/site/actions/workflows/77/runs', '1'],
      ['/repos/acme/site/actions/workflows/77/runs', '2'],
    ])
  })

  it('answers 403 on the runs API when the token lacks actions: read, and 404 for an unknown run or workflow', async () => {
    const runs: EmulatedRun[] = [{ id: 5, workflow_id: 77, head_branch: 'main', head_sha: head, conclusion: 'success', created_at: '2026-01-01T00:00:00Z' }]
    const client = octokit(await start({ runs, actionsRead: false }))
    await expect(client.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'site', run_id: 5 })).rejects.toMatchObject({ status: 403, message: expect.stringContaining('Resource not accessible by integration') })
    const allowed = octokit(await start({ runs }))
    await expect(allowed.rest.actions.getWorkflowRun({ owner: 'acme', repo: 'site', run_id: 6 })).rejects.toMatchObject({ status: 404 })
    await expect(allowed.rest.actions.listWorkflowRuns({ owner: 'acme', repo: 'site', workflow_id: 78 })).rejects.toMatchObject({ status: 404 })
  })
})
