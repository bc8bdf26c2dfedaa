import { getOctokit } from '@actions/github'
import { afterEach, describe, expect, it } from 'vitest'
import { chooseBase, fetchThrough } from '../../src/changes/changes.js'
import { findLastSuccess, nextPageUrl, pickLastSuccess, type WorkflowRun } from '../../src/changes/last-success.js'
import { HttpClient } from '../../src/http/client.js'
import { DEFAULT_GITHUB_TOKEN, sha, startGithubEmulator, type EmulatedRun, type GithubEmulator, type GithubEmulatorOptions } from '../emulators/github.js'

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString()
const run = (id: number, createdMinute: number, more: Partial<WorkflowRun> = {}): WorkflowRun => ({
  id,
  workflow_id: 77,
  head_branch: 'main',
  head_sha: sha(`run ${id}`),
  event: 'push',
  status: 'completed',
  conclusion: 'success',
  created_at: minute(createdMinute),
  ...more,
})

describe('chooseBase: last-success', () => {
  it.each([
    ['on a push to a branch', 'refs/heads/main', '42', { lastSuccessOf: { runId: 42, branch: 'main' } }],
    ['on a branch with a slash, any case', 'refs/heads/release/1.x', '7', { lastSuccessOf: { runId: 7, branch: 'release/1.x' } }],
  ])('%s', (_name, ref, runId, expected) => {
    expect(chooseBase(_name.includes('case') ? 'Last-Success' : 'last-success', { eventName: 'push', payload: {}, ref, runId })).toEqual(expected)
  })
  it.each([
    ['a tag', 'refs/tags/v1.0.0', '42', /^last-success is for branch deploys .* this run is for "refs\/tags\/v1\.0\.0"; on tag and release events use auto, or give a ref$/],
    ['a pull request', 'refs/pull/3/merge', '42', /this run is for "refs\/pull\/3\/merge"/],
    ['no run id', 'refs/heads/main', '', /^last-success needs GITHUB_RUN_ID/],
  ])('rejects %s', (_name, ref, runId, expected) => {
    const choice = chooseBase('last-success', { eventName: 'push', payload: {}, ref, runId })
    expect('error' in choice && choice.error).toMatch(expected)
  })
})

describe('pickLastSuccess: by created_at, never by position', () => {
  const current = run(100, 50)
  it.each<[string, WorkflowRun[], number | undefined]>([
    ['the newest older success, wherever it is in the list', [run(10, 10), run(30, 30), run(20, 20)], 30],
    ['not a newer success (started after this run)', [run(110, 60), run(30, 30)], 30],
    ['not a failed or cancelled run', [run(40, 40, { conclusion: 'failure' }), run(45, 45, { conclusion: 'cancelled' }), run(30, 30)], 30],
    ['not this run itself (a re-run of a run that once succeeded)', [run(100, 50), run(30, 30)], 30],
    ['not a run on another branch', [run(40, 40, { head_branch: 'feature' }), run(30, 30)], 30],
    ['not a pull request run, even on a fork branch named main', [run(40, 40, { event: 'pull_request' }), run(41, 41, { head_repository: { full_name: 'someone/site' } }), run(30, 30)], 30],
    ['ties on created_at go to the later run id', [run(31, 30), run(32, 30)], 32],
    ['none', [run(110, 60), run(40, 40, { conclusion: 'failure' })], undefined],
  ])('%s', (_name, runs, expected) => {
    expect(pickLastSuccess(runs, current, 'main', 'acme/site')?.id).toBe(expected)
  })
})

describe('nextPageUrl', () => {
  const api = 'https://ghe.example.com/api/v3'
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['<https://ghe.example.com/api/v3/x?page=2>; rel="next", <https://ghe.example.com/api/v3/x?page=5>; rel="last"', 'https://ghe.example.com/api/v3/x?page=2'],
    ['<https://ghe.example.com/api/v3/x?page=1>; rel="prev", <https://ghe.example.com/api/v3/x?page=1>; rel="first"', undefined],
    ['garbage', undefined],
  ])('%s -> %s', (link, expected) => {
    expect(nextPageUrl(link, api)).toBe(expected)
  })
  it.each(['<https://evil.example/api/v3/x?page=2>; rel="next"', '<http://ghe.example.com/api/v3/x?page=2>; rel="next"', '<https://ghe.example.com/other?page=2>; rel="next"'])(
    'refuses a next link off the API: %s',
    (link) => {
      expect(() => nextPageUrl(link, api)).toThrow(/points away from https:\/\/ghe\.example\.com, where the token may not go/)
    },
  )
  it('reads a long hostile header in linear time', () => {
    const link = `${'<'.repeat(50_000)}${';'.repeat(50_000)}`
    const started = performance.now()
    expect(nextPageUrl(link, api)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(200)
  })
})

describe('findLastSuccess against the GitHub emulator (real Octokit, the action HTTP policy)', () => {
  const running: GithubEmulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()))
  })
  async function find(options: GithubEmulatorOptions, runId = 500) {
    const github = await startGithubEmulator(options)
    running.push(github)
    const http = new HttpClient({ deadline: Date.now() + 10_000, retries: 0 })
    const client = getOctokit(DEFAULT_GITHUB_TOKEN, { baseUrl: github.url, request: { fetch: fetchThrough(http, github.url) } })
    const request = { owner: 'acme', repo: 'site', runId, branch: 'main', apiUrl: github.url, serverUrl: 'https://github.com' }
    return { github, found: await findLastSuccess(client, request).catch((error: unknown) => error as Error) }
  }
  const emulated = (id: number, createdMinute: number, more: Partial<EmulatedRun> = {}): EmulatedRun => ({
    id,
    run_number: id - 400,
    workflow_id: 77,
    head_branch: 'main',
    head_sha: sha(`run ${id}`),
    conclusion: 'success',
    created_at: minute(createdMinute),
    ...more,
  })
  const current = emulated(500, 500, { conclusion: null, status: 'in_progress' })

  it('skips failed, cancelled and newer runs; reads pages until an older success, and links the run', async () => {
    // 150 newer successes (started while this run was running) fill page 1 and half of page 2.
    const newer = Array.from({ length: 150 }, (_, index) => emulated(600 + index, 600 + index))
    const runs = [current, ...newer, emulated(499, 499, { conclusion: 'failure' }), emulated(498, 498, { conclusion: 'cancelled' }), emulated(497, 497), emulated(496, 496), ...Array.from({ length: 200 }, (_, index) => emulated(100 + index, 100 + index))]
    const { github, found } = await find({ runs })
    expect(found).toEqual({ id: 497, number: 97, url: 'https://github.com/acme/site/actions/runs/497', createdAt: minute(497), sha: sha('run 497') })
    expect(github.requests.map((request) => [request.path, request.query])).toEqual([
      ['/repos/acme/site/actions/runs/500', {}],
      ['/repos/acme/site/actions/workflows/77/runs', { branch: 'main', status: 'success', per_page: '100' }],
      ['/repos/acme/site/actions/workflows/77/runs', { branch: 'main', status: 'success', per_page: '100', page: '2' }],
    ])
    expect(github.requests.every((request) => request.headers.authorization === `token ${DEFAULT_GITHUB_TOKEN}`)).toBe(true)
  })

  it('picks by created_at when the list is not newest first', async () => {
    const runs = [current, emulated(300, 300), emulated(497, 497), emulated(400, 400)]
    const { found } = await find({ runs, runsOrder: 'as-given' })
    expect(found).toMatchObject({ id: 497 })
  })

  it('no earlier success: an error that suggests a ref, after every page', async () => {
    const runs = [current, ...Array.from({ length: 120 }, (_, index) => emulated(600 + index, 600 + index)), emulated(499, 499, { conclusion: 'failure' })]
    const { github, found } = await find({ runs })
    expect(found).toBeInstanceOf(Error)
    expect((found as Error).message).toBe(
      'changed-since: last-success found no successful run of this workflow on main in acme/site before this one (run 500); for a first deploy there is nothing to compare with: give changed-since a commit SHA, tag or branch, or purge with paths or scope: all. Nothing was purged.',
    )
    expect(github.requests).toHaveLength(3)
  })

  it('403 names permissions: actions: read', async () => {
    const { found } = await find({ runs: [current], actionsRead: false })
    expect((found as Error).message).toBe(
      "changed-since: last-success cannot read this run (500): HTTP 403, Resource not accessible by integration (the job's token needs permissions: actions: read, besides contents: read, to read workflow runs)",
    )
  })

  it('never follows a next link to another host', async () => {
    const runs = [current, ...Array.from({ length: 120 }, (_, index) => emulated(600 + index, 600 + index)), emulated(497, 497)]
    const { github, found } = await find({ runs, nextLinkOrigin: 'http://127.0.0.2:9' })
    expect((found as Error).message).toMatch(/next-page link points away from http:\/\/127\.0\.0\.1:\d+, where the token may not go; not followed/)
    expect(github.requests).toHaveLength(2)
  })
})
