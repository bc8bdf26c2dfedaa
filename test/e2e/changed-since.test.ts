import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCloudflareEmulator, type CloudflareEmulator } from '../emulators/cloudflare.js'
import { sha, startGithubEmulator, type EmulatedFile, type GithubEmulator, type GithubEmulatorOptions } from '../emulators/github.js'
import { createGitRepo, shallowClone } from '../support/git-repo.js'
import { entry, result, RUN_GITHUB_TOKEN, runAction, type RunOptions } from './run-action.js'

const token = 'cf-test-token-0123456789'
const zoneId = '0123456789abcdef0123456789abcdef'
const before = sha('before')
const deployed = sha('deployed')

let cf: CloudflareEmulator
let github: GithubEmulator | undefined
beforeEach(async () => {
  cf = await startCloudflareEmulator({ token, zones: [{ id: zoneId, name: 'example.com' }] })
})
afterEach(async () => {
  await cf.close()
  await github?.close()
  github = undefined
})

async function startGithub(options: GithubEmulatorOptions): Promise<GithubEmulator> {
  github = await startGithubEmulator({ token: RUN_GITHUB_TOKEN, ...options })
  return github
}

const pathMap = `
  public/**/index.html => /**/
  public/** => /**
  content/blog/** => https://example.com/blog/\\*
  public/**/*.map => !
`
const inputs = (more: Record<string, string>) => ({ provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, 'base-url': 'https://example.com', 'path-map': pathMap, ...more })
const runOn = (eventName: string, event: Record<string, unknown>, more: RunOptions = {}): RunOptions => ({
  event,
  ...more,
  env: { GITHUB_EVENT_NAME: eventName, GITHUB_SHA: deployed, GITHUB_API_URL: github?.url ?? 'http://127.0.0.1:9', ...more.env },
})
const purgeBodies = () => cf.requests.filter((request) => request.path.endsWith('/purge_cache')).map((request) => request.body)

const changed: EmulatedFile[] = [
  { filename: 'public/index.html', status: 'modified' },
  { filename: 'public/docs/index.html', status: 'added' },
  { filename: 'public/css/new.css', status: 'renamed', previous_filename: 'public/css/old.css' },
  { filename: 'public/js/app.js.map', status: 'modified' },
  { filename: 'public/img/logo 2.png', status: 'removed' },
  { filename: 'content/blog/hello.md', status: 'added' },
  { filename: 'src/build.ts', status: 'modified' },
  { filename: 'README.md', status: 'modified' },
]

describe('changed-since end to end', () => {
  it('on push, auto purges what the push changed: mapped URLs, a prefix, removed files, both paths of a rename', async () => {
    await startGithub({ comparisons: [{ base: before, head: deployed, commits: 3, files: changed }] })
    const run = await runAction(inputs({ 'changed-since': 'auto' }), runOn('push', { before, after: deployed }))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(github?.requests.map((request) => [request.path, request.query, request.headers.authorization])).toEqual([
      [`/repos/acme/site/compare/${before}...${deployed}`, { per_page: '100' }, `token ${RUN_GITHUB_TOKEN}`],
    ])
    expect(purgeBodies()).toEqual([
      {
        files: [
          'https://example.com/',
          'https://example.com/index.html',
          'https://example.com/docs/',
          'https://example.com/docs/index.html',
          'https://example.com/css/new.css',
          'https://example.com/css/old.css',
          'https://example.com/js/app.js.map',
          'https://example.com/img/logo%202.png',
        ],
      },
      { prefixes: ['example.com/blog/'] },
    ])
    expect(run.outputs).toMatchObject({ purged: '9', failed: '0', requests: '2' })
    expect(run.stdout).toContain(`Changed since \`${before}\` (the push's before commit, ${before.slice(0, 7)}) to \`${deployed.slice(0, 7)}\`: 3 commits, 8 files changed (compare API); 7 mapped to 9 targets, 2 unmapped`)
    expect(run.summary).toContain(
      `Changed since <code>${before}</code> (the push's before commit, ${before.slice(0, 7)}) to <code>${deployed.slice(0, 7)}</code>: 3 commits, 8 files changed (compare API); 7 mapped to 9 targets, 2 unmapped`,
    )
    expect(run.summary.slice(run.summary.indexOf('<details><summary>Changed files'))).toBe(
      [
        '<details><summary>Changed files and what they purge (7)</summary>',
        '',
        '<table><tr><th>File</th><th>Change</th><th>Purges</th></tr>' +
          '<tr><td>public/index.html</td><td>modified</td><td>/<br>/index.html</td></tr>' +
          '<tr><td>public/docs/index.html</td><td>added</td><td>/docs/<br>/docs/index.html</td></tr>' +
          '<tr><td>public/css/new.css</td><td>renamed from public/css/old.css</td><td>/css/new.css</td></tr>' +
          '<tr><td>public/css/old.css</td><td>renamed to public/css/new.css</td><td>/css/old.css</td></tr>' +
          '<tr><td>public/js/app.js.map</td><td>modified</td><td>/js/app.js.map</td></tr>' +
          '<tr><td>public/img/logo 2.png</td><td>removed</td><td>/img/logo%202.png</td></tr>' +
          '<tr><td>content/blog/hello.md</td><td>added</td><td>https://example.com/blog/*</td></tr></table>',
        '',
        '</details>',
        '',
        '<details><summary>Unmapped files: no path-map rule matches them, not purged (2)</summary>',
        '',
        '<ul><li>src/build.ts (modified)</li><li>README.md (modified)</li></ul>',
        '',
        '</details>',
        '',
      ].join('\n'),
    )
  })

  it('on release, auto compares from the previous published release, through GITHUB_API_URL (GitHub Enterprise Server)', async () => {
    await startGithub({
      basePath: '/api/v3',
      refs: { 'v1.0.0': before },
      releases: [
        { id: 1, tag_name: 'v1.0.0', created_at: '2025-01-01T00:00:00Z' },
        { id: 2, tag_name: 'v1.1.0-draft', created_at: '2025-02-01T00:00:00Z', draft: true },
        { id: 3, tag_name: 'v1.1.0', created_at: '2025-03-01T00:00:00Z' },
      ],
      comparisons: [{ base: before, head: deployed, commits: 12, files: changed.slice(0, 1) }],
    })
    const event = { action: 'published', release: { id: 3, tag_name: 'v1.1.0', created_at: '2025-03-01T00:00:00Z', draft: false } }
    const run = await runAction(inputs({ 'changed-since': 'auto' }), runOn('release', event))
    expect(run.exitCode).toBe(0)
    expect(github?.requests.map((request) => request.path)).toEqual(['/api/v3/repos/acme/site/releases', `/api/v3/repos/acme/site/compare/v1.0.0...${deployed}`])
    expect(purgeBodies()).toEqual([{ files: ['https://example.com/', 'https://example.com/index.html'] }])
    expect(run.summary).toContain('After release of <code>v1.1.0</code>')
    expect(run.summary).toContain(`Changed since <code>v1.0.0</code> (the release before v1.1.0, ${before.slice(0, 7)}) to <code>${deployed.slice(0, 7)}</code>: 12 commits, 1 file changed`)
  })

  it('joins the mapped URLs to paths and keys: duplicates dropped, order kept, every list purged', async () => {
    await startGithub({ refs: { 'v1.0.0': before }, comparisons: [{ base: before, head: deployed, commits: 1, files: changed.slice(0, 2) }] })
    const run = await runAction(inputs({ 'changed-since': 'v1.0.0', paths: '/feed.xml\n/index.html', keys: 'release' }), runOn('workflow_dispatch', {}))
    expect(run.exitCode).toBe(0)
    expect(purgeBodies()).toEqual([
      { files: ['https://example.com/feed.xml', 'https://example.com/index.html', 'https://example.com/', 'https://example.com/docs/', 'https://example.com/docs/index.html'] },
      { tags: ['release'] },
    ])
  })

  it('succeeds with a notice and purged 0 when nothing maps, sending nothing to the CDN', async () => {
    await startGithub({ refs: { 'v1.0.0': before }, comparisons: [{ base: before, head: deployed, commits: 2, files: changed.slice(6) }] })
    const run = await runAction(inputs({ 'changed-since': 'v1.0.0', zone: 'example.com' }), runOn('push', { before }))
    expect(run.exitCode).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.notices).toEqual([`Nothing to purge. Changed since \`v1.0.0\` (changed-since, ${before.slice(0, 7)}) to \`${deployed.slice(0, 7)}\`: 2 commits, 2 files changed (compare API); 0 mapped to 0 targets, 2 unmapped`])
    // Not even the zone lookup: there is nothing to send.
    expect(cf.requests).toEqual([])
    expect(run.outputs).toMatchObject({ purged: '0', failed: '0', requests: '0' })
    expect(result(run).batches).toEqual([])
    expect(run.summary).toContain('<ul><li>src/build.ts (modified)</li><li>README.md (modified)</li></ul>')
  })

  it('also when nothing changed at all', async () => {
    await startGithub({ refs: { 'v1.0.0': deployed } })
    const run = await runAction(inputs({ 'changed-since': 'v1.0.0' }), runOn('push', { before }))
    expect(run.exitCode).toBe(0)
    expect(run.notices[0]).toMatch(/^Nothing to purge\. .*: 0 commits, 0 files changed/)
    expect(cf.requests).toEqual([])
  })

  it('dry-run makes the compare call (a read) and shows what would be purged, sending no purge', async () => {
    await startGithub({ comparisons: [{ base: before, head: deployed, commits: 3, files: changed }] })
    const run = await runAction(inputs({ 'changed-since': 'auto', token: '', 'dry-run': 'true' }), runOn('push', { before }))
    expect(run.exitCode).toBe(0)
    expect(github?.requests).toHaveLength(1)
    expect(cf.requests).toEqual([])
    expect(result(run).batches.map((batch) => [batch.kind, batch.items.length, batch.status])).toEqual([
      ['files', 8, 'planned'],
      ['prefixes', 1, 'planned'],
    ])
    expect(run.summary).toContain('(dry run: nothing was sent)')
    expect(run.summary).toContain('<details><summary>Changed files and what they purge (7)</summary>')
  })

  it('rejects mapped targets the provider cannot purge, as input errors, before any purge', async () => {
    await startGithub({ comparisons: [{ base: before, head: deployed, commits: 1, files: changed.slice(0, 1) }] })
    const run = await runAction({ ...inputs({ 'changed-since': 'auto' }), 'base-url': '' }, runOn('push', { before }))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]?.split('\n')).toEqual([
      'input paths: "/" is not an absolute URL; give base-url (e.g. https://www.example.com) for relative paths, or the full https:// URL',
      'input paths: "/index.html" is not an absolute URL; give base-url (e.g. https://www.example.com) for relative paths, or the full https:// URL',
    ])
    expect(cf.requests).toEqual([])
  })
})

describe('changed-since: input errors come before any request', () => {
  it('reports auto on the wrong event, a bad rule and the other inputs together, and calls nobody', async () => {
    await startGithub({})
    const run = await runAction(inputs({ 'changed-since': 'auto', 'path-map': 'public/**\npublic/** => /**', retries: '99' }), runOn('workflow_dispatch', {}))
    expect(run.exitCode).toBe(1)
    expect(run.errors[0]?.split('\n')).toEqual([
      'input retries: expected a whole number from 0 to 20, got "99"',
      'input path-map: line 1: expected "<glob> => <target>" (e.g. "public/** => https://example.com/**") or "<glob> => !", got "public/**"',
      'input changed-since: auto knows the base only on push (the before commit) and release (the previous release) events, not on workflow_dispatch; give a commit SHA, tag or branch',
    ])
    expect(github?.requests).toEqual([])
    expect(cf.requests).toEqual([])
  })

  it('asks for a ref on a push that created the branch', async () => {
    await startGithub({})
    const run = await runAction(inputs({ 'changed-since': 'auto' }), runOn('push', { before: '0'.repeat(40), created: true }))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual(['input changed-since: auto on this push has no previous commit (the push created the branch or tag); give a commit SHA, tag or branch'])
  })
})

describe('changed-since: when GitHub cannot list every changed file', () => {
  const many = (version: string) => Object.fromEntries(Array.from({ length: 310 }, (_, index) => [`public/p/${index}.html`, `${version} ${index}`]))

  it('falls back to git diff in a checkout with both commits (fetch-depth: 0), and purges all of them', async () => {
    const repo = createGitRepo()
    const base = repo.commit({ ...many('v1'), 'README.md': 'hi' })
    const head = repo.commit({ ...many('v2'), 'README.md': 'hello' })
    const apiFiles = Array.from({ length: 311 }, (_, index): EmulatedFile => ({ filename: `public/p/${index}.html`, status: 'modified' }))
    await startGithub({ refs: { 'v1.0.0': base }, comparisons: [{ base, head, commits: 1, files: apiFiles }] })
    const run = await runAction(inputs({ 'changed-since': 'v1.0.0' }), runOn('push', { before: base }, { workspace: repo.dir, env: { GITHUB_SHA: head } }))
    expect(run.errors).toEqual([])
    expect(run.exitCode).toBe(0)
    expect(purgeBodies().map((body) => (body as { files: string[] }).files.length)).toEqual([...Array.from({ length: 10 }, () => 30), 10])
    expect(run.outputs.purged).toBe('310')
    expect(run.stdout).toContain('311 files changed (git diff in the workspace, because GitHub lists at most 300 changed files for one comparison and listed 300, so the list may be cut short); 310 mapped to 310 targets, 1 unmapped')
  })

  it('fails in a shallow checkout, purging nothing, and says what to do', async () => {
    const repo = createGitRepo()
    const base = repo.commit(many('v1'))
    const head = repo.commit(many('v2'))
    await startGithub({ refs: { 'v1.0.0': base }, comparisons: [{ base, head, commits: 1, files: Array.from({ length: 310 }, (_, index) => ({ filename: `public/p/${index}.html`, status: 'modified' })) }] })
    const run = await runAction(inputs({ 'changed-since': 'v1.0.0' }), runOn('push', {}, { workspace: shallowClone(repo), env: { GITHUB_SHA: head } }))
    expect(run.exitCode).toBe(1)
    expect(cf.requests).toEqual([])
    expect(run.errors[0]).toMatch(/needs a checkout that holds both commits, and the checkout in .* does not have commit [0-9a-f]{7} \(a shallow clone\?\)\. Check out the full history before this step \(actions\/checkout with fetch-depth: 0\), or give a narrower changed-since\. Nothing was purged\.$/)
  })

  it('fails on an unknown ref with GitHub words, and the github-token given as an input stays secret', async () => {
    const ownToken = 'ghp_personalAccessToken0123456789abcdef'
    await startGithub({ token: ownToken })
    const run = await runAction(inputs({ 'changed-since': 'v9.9.9', 'github-token': ownToken }), runOn('push', {}))
    expect(run.exitCode).toBe(1)
    expect(run.errors).toEqual([
      `changed-since: GitHub cannot compare v9.9.9...${deployed} in acme/site: HTTP 404, Not Found (a ref that does not exist in the repository, or a github-token that cannot read it)`,
    ])
    expect(run.stdout).toContain(`::add-mask::${ownToken}`)
    expect(github?.requests[0]?.headers.authorization).toBe(`token ${ownToken}`)
    expect(cf.requests).toEqual([])
  })
})

describe('the GitHub client loads only for changed-since', () => {
  // Records every module file the action loads, through Node's own module hooks.
  function loadedFiles(): { hook: string; log: string } {
    const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-hook-'))
    const log = join(dir, 'loaded.txt')
    const hook = join(dir, 'hook.mjs')
    writeFileSync(
      hook,
      `import { registerHooks } from 'node:module'\nimport { appendFileSync } from 'node:fs'\n` +
        `registerHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context) } })\n`,
    )
    return { hook, log }
  }
  const distDir = dirname(entry)
  const githubChunks = readdirSync(distDir).filter((name) => /\.index\.js$/.test(name) && readFileSync(join(distDir, name), 'utf8').includes('octokit'))

  it('is bundled in its own chunk', () => {
    expect(githubChunks).toHaveLength(1)
    expect(readFileSync(entry, 'utf8')).not.toContain('octokit')
  })

  it('is not loaded by a run without changed-since, and is by one with it', async () => {
    const without = loadedFiles()
    const plain = await runAction(inputs({ paths: '/a.css', 'path-map': '' }), { env: { NODE_OPTIONS: `--import=${without.hook}` } })
    expect(plain.exitCode).toBe(0)
    const loadedWithout = readFileSync(without.log, 'utf8')
    expect(loadedWithout).toContain('dist/index.js')
    for (const chunk of githubChunks) expect(loadedWithout).not.toContain(chunk)

    await startGithub({ comparisons: [{ base: before, head: deployed, commits: 1, files: changed.slice(0, 1) }] })
    const withIt = loadedFiles()
    const changedRun = await runAction(inputs({ 'changed-since': 'auto' }), runOn('push', { before }, { env: { NODE_OPTIONS: `--import=${withIt.hook}` } }))
    expect(changedRun.exitCode).toBe(0)
    for (const chunk of githubChunks) expect(readFileSync(withIt.log, 'utf8')).toContain(chunk)
  })
})
