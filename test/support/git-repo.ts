import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A real git repository in a temporary directory, for the `git diff` fallback of changed-since. */
export interface GitRepo {
  dir: string
  /** Writes (a string) or deletes (null) files, commits everything, returns the new commit's SHA. */
  commit(files: Record<string, string | null>, message?: string): string
  git(...args: string[]): string
}

// The developer's own git configuration (signing, hooks, default branch) stays out of the tests.
const isolated = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z' }

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { encoding: 'utf8', env: isolated })
}

export function createGitRepo(dir = mkdtempSync(join(tmpdir(), 'cdn-purge-repo-'))): GitRepo {
  git(dir, 'init', '--quiet', '--initial-branch=main')
  let count = 0
  return {
    dir,
    git: (...args) => git(dir, ...args),
    commit(files, message = `commit ${++count}`) {
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path)
        if (content === null) rmSync(full, { force: true })
        else {
          mkdirSync(dirname(full), { recursive: true })
          writeFileSync(full, content)
        }
      }
      git(dir, 'add', '--all')
      git(dir, 'commit', '--quiet', '--allow-empty', '--message', message)
      return git(dir, 'rev-parse', 'HEAD').trim()
    },
  }
}

/** A clone with only the newest commit, as actions/checkout makes by default (fetch-depth: 1). */
export function shallowClone(repo: GitRepo): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-shallow-'))
  execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo.dir}`, dir], { env: isolated })
  return dir
}
