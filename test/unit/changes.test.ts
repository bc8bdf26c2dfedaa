import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  changedPaths,
  chooseBase,
  findChanges,
  gitChangedFiles,
  incompleteReason,
  parseNameStatus,
  previousRelease,
  readChangeRequest,
  type ChangeRequest,
  type CompareAnswer,
  type Release,
} from '../../src/changes/changes.js'
import type { GithubContext } from '../../src/github-context.js'
import { HttpClient } from '../../src/http/client.js'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { parsePathMap } from '../../src/changes/path-map.js'
import { DEFAULT_GITHUB_TOKEN, sha, startGithubEmulator, type EmulatedFile, type GithubEmulator, type GithubEmulatorOptions } from '../emulators/github.js'
import { createGitRepo, shallowClone, type GitRepo } from '../support/git-repo.js'

const before = sha('before')
const after = sha('after')

describe('chooseBase: what changed-since compares from', () => {
  const push = { eventName: 'push', payload: { before, after } }
  const release = { eventName: 'release', payload: { action: 'published', release: { id: 7, tag_name: 'v1.1.0', created_at: '2025-03-01T00:00:00Z' } } }
  it.each<[string, string, Pick<GithubContext, 'eventName' | 'payload'>, ReturnType<typeof chooseBase>]>([
    ['a tag, on any event', 'v1.0.0', { eventName: 'workflow_dispatch', payload: {} }, { ref: 'v1.0.0', reason: 'changed-since' }],
    ['a SHA', before, push, { ref: before, reason: 'changed-since' }],
    ['a branch with a slash', 'release/1.x', push, { ref: 'release/1.x', reason: 'changed-since' }],
    ['auto on push: the before commit', 'auto', push, { ref: before, reason: "the push's before commit" }],
    ['Auto, any case', 'Auto', push, { ref: before, reason: "the push's before commit" }],
    ['auto on release: the previous release, looked up later', 'auto', release, { previousReleaseOf: { id: 7, tag: 'v1.1.0', createdAt: '2025-03-01T00:00:00Z' } }],
  ])('%s', (_name, changedSince, github, expected) => {
    expect(chooseBase(changedSince, github)).toEqual(expected)
  })

  it.each<[string, string, Pick<GithubContext, 'eventName' | 'payload'>, RegExp]>([
    ['auto on workflow_dispatch', 'auto', { eventName: 'workflow_dispatch', payload: {} }, /^auto knows the base only on push .* and release .* events, not on workflow_dispatch; give a commit SHA, tag or branch$/],
    ['auto on pull_request', 'auto', { eventName: 'pull_request', payload: { before } }, /not on pull_request; give a commit SHA, tag or branch/],
    ['auto on a push that created the branch', 'auto', { eventName: 'push', payload: { before: '0'.repeat(40), after } }, /^auto on this push has no previous commit \(the push created the branch or tag\)/],
    ['auto on a push without a payload', 'auto', { eventName: 'push', payload: {} }, /no previous commit/],
    ['auto on a release event without the release', 'auto', { eventName: 'release', payload: {} }, /needs the release in the event payload/],
    ['a range instead of a ref', 'v1.0.0..v1.1.0', push, /^expected a commit SHA, tag or branch name, or auto; got "v1\.0\.0\.\.v1\.1\.0"$/],
    ['a ref with a space', 'v1 .0', push, /^expected a commit SHA, tag or branch name/],
  ])('rejects %s', (_name, changedSince, github, expected) => {
    const choice = chooseBase(changedSince, github)
    expect('error' in choice && choice.error).toMatch(expected)
  })
})

describe('previousRelease: by creation date, drafts and the current release excluded', () => {
  const releases: Release[] = [
    { id: 5, tag_name: 'v1.2.0', draft: false, created_at: '2025-04-01T00:00:00Z' },
    { id: 4, tag_name: 'v1.1.0', draft: false, created_at: '2025-03-01T00:00:00Z' },
    { id: 3, tag_name: 'v1.1.0-draft', draft: true, created_at: '2025-02-15T00:00:00Z' },
    { id: 2, tag_name: 'v1.1.0-rc.1', draft: false, created_at: '2025-02-01T00:00:00Z' },
    { id: 1, tag_name: 'v1.0.0', draft: false, created_at: '2025-01-01T00:00:00Z' },
  ]
  it.each<[string, number, string | undefined]>([
    ['v1.1.0: the prerelease before it (a published release too), not the draft', 4, 'v1.1.0-rc.1'],
    ['v1.2.0, published while a later release already exists: still the one before it', 5, 'v1.1.0'],
    ['v1.0.0: none', 1, undefined],
  ])('%s', (_name, id, expected) => {
    const current = releases.find((release) => release.id === id) as Release
    const found = previousRelease(releases, { id, tag: current.tag_name, createdAt: current.created_at })
    expect(found?.tag_name).toBe(expected)
    expect(previousRelease([...releases].reverse(), { id, tag: current.tag_name, createdAt: current.created_at })?.tag_name).toBe(expected)
  })

  it('does not count the current release when the payload and the list disagree on nothing but the id', () => {
    const current = { id: 99, tag: 'v1.1.0', createdAt: '2025-03-01T00:00:01Z' }
    expect(previousRelease(releases, current)?.tag_name).toBe('v1.1.0-rc.1')
  })
})

describe('incompleteReason: when the compare API does not list what the deploy changed', () => {
  const answer = (more: Partial<CompareAnswer>): CompareAnswer => ({
    status: 'ahead',
    ahead_by: 3,
    behind_by: 0,
    total_commits: 3,
    base_commit: { sha: before },
    files: Array.from({ length: 10 }, (_, index) => ({ filename: `f${index}`, status: 'modified' })),
    ...more,
  })
  const files = (count: number) => Array.from({ length: count }, (_, index) => ({ filename: `f${index}`, status: 'modified' }))
  it.each<[string, Partial<CompareAnswer>, RegExp | undefined]>([
    ['ahead, 10 files', {}, undefined],
    ['ahead, 299 files', { files: files(299) }, undefined],
    ['identical', { status: 'identical', files: [] }, undefined],
    ['exactly 300 files: maybe cut short', { files: files(300) }, /^GitHub lists at most 300 changed files for one comparison and listed 300, so the list may be cut short$/],
    ['no file list', { files: undefined }, /no file list/],
    ['diverged (a force push)', { status: 'diverged', ahead_by: 2, behind_by: 5 }, /^v1 is not an ancestor of [0-9a-f]{7} \(2 ahead, 5 behind\): GitHub lists only the changes since their merge base/],
    ['behind (a rollback)', { status: 'behind', ahead_by: 0, behind_by: 4, files: [] }, /^[0-9a-f]{7} is older than v1 \(4 commits behind, a rollback\)/],
  ])('%s', (_name, more, expected) => {
    const reason = incompleteReason(answer(more), 'v1', after)
    if (expected) expect(reason).toMatch(expected)
    else expect(reason).toBeUndefined()
  })
})

describe('changed paths', () => {
  it('counts a rename as its new and old path, a copy as its new path, every path once', () => {
    expect(
      changedPaths([
        { path: 'b.css', status: 'renamed', previousPath: 'a.css' },
        { path: 'c.css', status: 'removed' },
        { path: 'a.css', status: 'added' },
        { path: 'd.css', status: 'copied', previousPath: 'b.css' },
        { path: 'e.css', status: 'copied', previousPath: 'unchanged.css' },
      ]),
    ).toEqual(['b.css', 'a.css', 'c.css', 'd.css', 'e.css'])
  })

  it('reads git diff --name-status -z, names with spaces, newlines and non-ASCII included', () => {
    expect(parseNameStatus('M\0public/a b.css\0D\0gone\nline.txt\0A\0café.html\0T\0link\0')).toEqual([
      { path: 'public/a b.css', status: 'modified' },
      { path: 'gone\nline.txt', status: 'removed' },
      { path: 'café.html', status: 'added' },
      { path: 'link', status: 'changed' },
    ])
    expect(parseNameStatus('')).toEqual([])
  })
})

describe('readChangeRequest: every input problem before any request', () => {
  const github: GithubContext = {
    eventName: 'push',
    payload: { before },
    ref: 'refs/heads/main',
    sha: after,
    repository: 'acme/site',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runId: '1',
    workspace: '/ws',
  }
  const settingsFor = (raw: RawInputs) => {
    const { settings } = parseInputs({ provider: 'cloudflare', zone: 'example.com', token: 'tok-123456', 'github-token': 'ghs_x1234', ...raw }, { workspace: '/ws' })
    if (!settings) throw new Error('no settings')
    return settings
  }

  it('turns the inputs and the run into a request', () => {
    const { request, errors } = readChangeRequest(settingsFor({ 'changed-since': 'auto', 'path-map': 'public/** => https://example.com/**' }), github)
    expect(errors).toEqual([])
    expect(request).toMatchObject({ owner: 'acme', repo: 'site', head: after, base: { ref: before }, token: 'ghs_x1234', apiUrl: 'https://api.github.com', workspace: '/ws' })
    expect(request?.rules).toHaveLength(1)
  })

  it('reports a bad rule, auto on the wrong event and a missing GITHUB_SHA together', () => {
    const { request, errors } = readChangeRequest(settingsFor({ 'changed-since': 'auto', 'path-map': 'public/**\nok/** => /**' }), {
      ...github,
      eventName: 'schedule',
      sha: '',
    })
    expect(request).toBeUndefined()
    expect(errors).toEqual([
      expect.stringMatching(/^input path-map: line 1: expected "<glob> => <target>"/),
      expect.stringMatching(/^input changed-since: auto knows the base only on push .* not on schedule/),
      expect.stringMatching(/^input changed-since: needs GITHUB_REPOSITORY \(owner\/name\) and GITHUB_SHA/),
    ])
  })
})

describe('findChanges against the GitHub emulator (real Octokit, the action HTTP policy)', () => {
  const running: GithubEmulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()))
  })
  async function start(options: GithubEmulatorOptions) {
    const emulator = await startGithubEmulator(options)
    running.push(emulator)
    return emulator
  }
  const rules = parsePathMap('public/** => https://example.com/**\ndrafts/** => !').rules
  const http = () => new HttpClient({ deadline: Date.now() + 20_000, retries: 2, sleep: async () => {} })
  const request = (github: GithubEmulator, more: Partial<ChangeRequest> = {}): ChangeRequest => ({
    owner: 'acme',
    repo: 'site',
    base: { ref: 'v1.0.0', reason: 'changed-since' },
    head: after,
    rules,
    token: DEFAULT_GITHUB_TOKEN,
    apiUrl: github.url,
    workspace: mkdtempSync(join(tmpdir(), 'cdn-purge-empty-')),
    ...more,
  })
  const changed: EmulatedFile[] = [
    { filename: 'public/index.html', status: 'modified' },
    { filename: 'public/new.css', status: 'renamed', previous_filename: 'public/old.css' },
    { filename: 'public/gone.js', status: 'removed' },
    { filename: 'drafts/post.md', status: 'added' },
    { filename: 'README.md', status: 'modified' },
  ]

  it('reads every page, and maps removed files and both paths of a rename', async () => {
    const github = await start({ refs: { 'v1.0.0': before }, comparisons: [{ base: before, head: after, commits: 205, files: changed }] })
    const changes = await findChanges(request(github), http())
    expect(github.requests.map((each) => each.query.page ?? '1')).toEqual(['1', '2', '3'])
    expect(changes).toMatchObject({ base: 'v1.0.0', baseSha: before, head: after, commits: 205, source: 'compare API' })
    expect(changes.fallbackReason).toBeUndefined()
    expect(changes.mapping).toEqual({
      mapped: [
        { file: 'public/index.html', targets: ['https://example.com/index.html'] },
        { file: 'public/new.css', targets: ['https://example.com/new.css'] },
        { file: 'public/old.css', targets: ['https://example.com/old.css'] },
        { file: 'public/gone.js', targets: ['https://example.com/gone.js'] },
      ],
      unmapped: ['README.md'],
      excluded: ['drafts/post.md'],
      targets: ['https://example.com/index.html', 'https://example.com/new.css', 'https://example.com/old.css', 'https://example.com/gone.js'],
    })
  })

  it('auto on a release compares from the previous release tag', async () => {
    const github = await start({
      refs: { 'v1.0.0': before },
      releases: [
        { id: 1, tag_name: 'v1.0.0', created_at: '2025-01-01T00:00:00Z' },
        { id: 2, tag_name: 'v1.1.0-draft', created_at: '2025-02-01T00:00:00Z', draft: true },
        { id: 3, tag_name: 'v1.1.0', created_at: '2025-03-01T00:00:00Z' },
      ],
      comparisons: [{ base: before, head: after, commits: 2, files: changed.slice(0, 1) }],
    })
    const changes = await findChanges(request(github, { base: { previousReleaseOf: { id: 3, tag: 'v1.1.0', createdAt: '2025-03-01T00:00:00Z' } } }), http())
    expect(changes).toMatchObject({ base: 'v1.0.0', baseReason: 'the release before v1.1.0', commits: 2 })
    expect(github.requests.map((each) => each.path)).toEqual(['/repos/acme/site/releases', `/repos/acme/site/compare/v1.0.0...${after}`])
  })

  it('stops reading releases at the first page that holds an older one', async () => {
    const releases = Array.from({ length: 250 }, (_, index) => ({ id: index + 1, tag_name: `v${index}`, created_at: new Date(Date.UTC(2020, 0, 1) + index * 86_400_000).toISOString() }))
    const newest = releases[249] as (typeof releases)[number]
    const github = await start({ refs: { v248: before }, releases, comparisons: [{ base: before, head: after, commits: 1, files: [] }] })
    const changes = await findChanges(request(github, { base: { previousReleaseOf: { id: newest.id, tag: newest.tag_name, createdAt: newest.created_at } } }), http())
    expect(changes.base).toBe('v248')
    expect(github.requests.filter((each) => each.path.endsWith('/releases'))).toHaveLength(1)
  })

  it('fails for a first release, saying what to do', async () => {
    const github = await start({ releases: [{ id: 1, tag_name: 'v1.0.0', created_at: '2025-01-01T00:00:00Z' }] })
    await expect(findChanges(request(github, { base: { previousReleaseOf: { id: 1, tag: 'v1.0.0', createdAt: '2025-01-01T00:00:00Z' } } }), http())).rejects.toThrow(
      /^changed-since: auto found no published release before v1\.0\.0 in acme\/site \(drafts do not count\); for a first release there is nothing to compare with/,
    )
  })

  it.each([
    ['an unknown ref', { ref: 'v9.9.9' }, {}, /^changed-since: GitHub cannot compare v9\.9\.9\.\.\.[0-9a-f]{40} in acme\/site: HTTP 404, Not Found \(a ref that does not exist in the repository, or a github-token that cannot read it\)$/],
    ['a refused token', { ref: 'v1.0.0' }, { token: 'ghs_refused1234' }, /HTTP 401, Bad credentials \(github-token needs read access to contents: permissions: contents: read\)$/],
  ])('fails on %s, in GitHub words, with a hint', async (_name, base, more, expected) => {
    const github = await start({ refs: { 'v1.0.0': before }, comparisons: [{ base: before, head: after, commits: 1, files: [] }] })
    await expect(findChanges(request(github, { base: { ...base, reason: 'changed-since' }, ...more }), http())).rejects.toThrow(expected)
  })

  it('retries a 502 and a reset under the action policy', async () => {
    const github = await start({ refs: { 'v1.0.0': before }, comparisons: [{ base: before, head: after, commits: 1, files: changed }] })
    github.faults.push({ status: 502 }, { reset: true })
    const changes = await findChanges(request(github), http())
    expect(github.requests).toHaveLength(3)
    expect(changes.files).toHaveLength(5)
  })

  it('fails when the retries run out, with the last reason', async () => {
    const github = await start({ refs: { 'v1.0.0': before }, comparisons: [{ base: before, head: after, commits: 1, files: changed }] })
    github.faults.push({ status: 503 }, { status: 503 }, { status: 503 })
    await expect(findChanges(request(github), http())).rejects.toThrow(/^changed-since: GitHub cannot compare .*: HTTP 503 from GitHub$/)
  })
})

describe('the git diff fallback, in a real repository', () => {
  const running: GithubEmulator[] = []
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()))
  })

  // Built once (640 files, 3 commits): the tests only read it, and a clone copies it.
  let built: { repo: GitRepo; base: string; head: string } | undefined
  const history = () => (built ??= buildHistory())
  function buildHistory() {
    const repo = createGitRepo()
    const many = Object.fromEntries(Array.from({ length: 320 }, (_, index) => [`public/p/${index}.html`, `v1 ${index}`]))
    const base = repo.commit({ ...many, 'public/old name.css': 'a {}', 'public/keep.js': '1', 'README.md': 'hi' })
    const changedMany = Object.fromEntries(Array.from({ length: 320 }, (_, index) => [`public/p/${index}.html`, `v2 ${index}`]))
    repo.commit({ ...changedMany, 'public/old name.css': null, 'public/new name.css': 'a {}' })
    const head = repo.commit({ 'public/keep.js': null, 'public/café.html': 'x' })
    return { repo, base, head }
  }

  it('lists the files between two commits: removals, renames as both paths, any file name', async () => {
    const { repo, base, head } = history()
    const result = await gitChangedFiles(repo.dir, base, head)
    if (!('files' in result)) throw new Error(result.unavailable)
    expect(result.files).toHaveLength(320 + 4)
    expect(result.files.filter((file) => !file.path.startsWith('public/p/'))).toEqual([
      { path: 'public/café.html', status: 'added' },
      { path: 'public/keep.js', status: 'removed' },
      { path: 'public/new name.css', status: 'added' },
      { path: 'public/old name.css', status: 'removed' },
    ])
  })

  it.each([
    ['a shallow clone (fetch-depth: 1)', 'shallow', /^the checkout in .* does not have commit [0-9a-f]{7} \(a shallow clone\?\)$/],
    ['a directory that is not a checkout', 'empty', / is not a git checkout$/],
  ])('is unavailable in %s, and says why', async (_name, kind, expected) => {
    const { repo, base, head } = history()
    const dir = kind === 'shallow' ? shallowClone(repo) : mkdtempSync(join(tmpdir(), 'cdn-purge-empty-'))
    const result = await gitChangedFiles(dir, base, head)
    expect('unavailable' in result && result.unavailable).toMatch(expected)
  })

  async function compareWith(options: { base: string; head: string; status?: 'ahead' | 'diverged' | 'behind'; files: EmulatedFile[] }) {
    const github = await startGithubEmulator({ refs: { 'v1.0.0': options.base }, comparisons: [{ commits: 2, ...options }] })
    running.push(github)
    return github
  }
  const apiFiles = (count: number): EmulatedFile[] => Array.from({ length: count }, (_, index) => ({ filename: `public/p/${index}.html`, status: 'modified' }))
  const changeRequest = (github: GithubEmulator, workspace: string, head: string): ChangeRequest => ({
    owner: 'acme',
    repo: 'site',
    base: { ref: 'v1.0.0', reason: 'changed-since' },
    head,
    rules: parsePathMap('public/** => https://example.com/**').rules,
    token: DEFAULT_GITHUB_TOKEN,
    apiUrl: github.url,
    workspace,
  })
  const http = () => new HttpClient({ deadline: Date.now() + 20_000, retries: 0 })

  it('takes over when the API lists 300 files, from the SHA GitHub resolved the base to', async () => {
    const { repo, base, head } = history()
    const github = await compareWith({ base, head, files: apiFiles(324) })
    const changes = await findChanges(changeRequest(github, repo.dir, head), http())
    expect(changes.source).toBe('git diff')
    expect(changes.fallbackReason).toMatch(/^GitHub lists at most 300 changed files/)
    expect(changes.files).toHaveLength(324)
    expect(changes.mapping.targets).toContain('https://example.com/new%20name.css')
    expect(changes.mapping.targets).toContain('https://example.com/old%20name.css')
    expect(changes.mapping.targets).toContain('https://example.com/caf%C3%A9.html')
  })

  it('takes over when the base is not an ancestor: it compares the two trees', async () => {
    const repo = createGitRepo()
    const root = repo.commit({ 'public/a.css': '1', 'public/b.css': '1' })
    const forcePushedAway = repo.commit({ 'public/b.css': '2' })
    repo.git('checkout', '--quiet', '-b', 'rewritten', root)
    const head = repo.commit({ 'public/a.css': '2' })
    // GitHub lists only a.css (changed since the merge base); b.css changed too, on the old side.
    const github = await compareWith({ base: forcePushedAway, head, status: 'diverged', files: [{ filename: 'public/a.css', status: 'modified' }] })
    const changes = await findChanges(changeRequest(github, repo.dir, head), http())
    expect(changes.source).toBe('git diff')
    expect(changes.fallbackReason).toMatch(/is not an ancestor of/)
    expect(changes.mapping.targets).toEqual(['https://example.com/a.css', 'https://example.com/b.css'])
  })

  it('fails, purging nothing, when no checkout holds both commits; the message says what to do', async () => {
    const { repo, base, head } = history()
    const github = await compareWith({ base, head, files: apiFiles(324) })
    await expect(findChanges(changeRequest(github, shallowClone(repo), head), http())).rejects.toThrow(
      /^changed-since: cannot list every file changed between v1\.0\.0 and [0-9a-f]{7}: GitHub lists at most 300 changed files .*\. The fallback, git diff in GITHUB_WORKSPACE, needs a checkout that holds both commits, and the checkout in .* does not have commit [0-9a-f]{7} \(a shallow clone\?\)\. Check out the full history before this step \(actions\/checkout with fetch-depth: 0\), or give a narrower changed-since\. Nothing was purged\.$/,
    )
  })
})
