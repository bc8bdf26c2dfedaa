import { describe, expect, it } from 'vitest'
import type { Changes } from '../../src/changes/changes.js'
import { mapFiles, parsePathMap } from '../../src/changes/path-map.js'
import { changesLine, summaryMarkdown, type RunReport } from '../../src/report/report.js'

const baseSha = 'a'.repeat(40)
const head = 'b'.repeat(40)

function changesOf(files: Changes['files'], rules = 'public/** => https://example.com/**\nprivate/** => !', more: Partial<Changes> = {}): Changes {
  const paths = files.flatMap((file) => (file.status === 'renamed' && file.previousPath ? [file.path, file.previousPath] : [file.path]))
  return {
    base: 'v1.0.0',
    baseReason: 'changed-since',
    baseSha,
    head,
    commits: 4,
    files,
    source: 'compare API',
    mapping: mapFiles(paths, parsePathMap(rules).rules),
    ...more,
  }
}

const report = (changes: Changes): RunReport => ({ provider: 'cloudflare', title: 'Cloudflare', dryRun: true, targets: [{ label: 'example.com', id: '' }], batches: [], durationMs: 0, changes })

describe('the changes in the summary', () => {
  it('says where the list came from, and what became of it', () => {
    expect(changesLine(changesOf([{ path: 'public/a.css', status: 'modified' }]))).toBe(
      'Changed since `v1.0.0` (changed-since, aaaaaaa) to `bbbbbbb`: 4 commits, 1 file changed (compare API); 1 mapped to 1 target, 0 unmapped',
    )
    const fromGit = changesOf([{ path: 'private/x', status: 'removed' }, { path: 'README.md', status: 'added' }], undefined, {
      source: 'git diff',
      fallbackReason: 'GitHub lists at most 300 changed files',
      commits: 1,
    })
    expect(changesLine(fromGit)).toBe(
      'Changed since `v1.0.0` (changed-since, aaaaaaa) to `bbbbbbb`: 1 commit, 2 files changed (git diff in the workspace, because GitHub lists at most 300 changed files); 0 mapped to 0 targets, 1 unmapped, 1 excluded',
    )
  })

  it('escapes file names, shows renames both ways and lists the excluded files', () => {
    const markdown = summaryMarkdown(
      report(
        changesOf([
          { path: 'public/<b>.html', status: 'added' },
          { path: 'public/new.css', status: 'renamed', previousPath: 'public/old.css' },
          { path: 'private/key.pem', status: 'modified' },
        ]),
      ),
    )
    expect(markdown).toContain('Changed since <code>v1.0.0</code> (changed-since, aaaaaaa) to <code>bbbbbbb</code>: 4 commits, 3 files changed')
    expect(markdown).toContain('<tr><td>public/&lt;b&gt;.html</td><td>added</td><td>https://example.com/%3Cb%3E.html</td></tr>')
    expect(markdown).toContain('<tr><td>public/old.css</td><td>renamed to public/new.css</td><td>https://example.com/old.css</td></tr>')
    expect(markdown).toContain('<details><summary>Files excluded by path-map (1)</summary>\n\n<ul><li>private/key.pem (modified)</li></ul>')
  })

  it('caps the lists at 500 entries, and says how many more', () => {
    const files = Array.from({ length: 620 }, (_, index) => ({ path: `docs/${index}.md`, status: 'modified' }))
    const markdown = summaryMarkdown(report(changesOf(files)))
    expect(markdown).toContain('<details><summary>Unmapped files: no path-map rule matches them, not purged (620)</summary>')
    expect(markdown.match(/<li>docs\//g)).toHaveLength(500)
    expect(markdown).toContain('<li>docs/499.md (modified)</li><li>... and 120 more files (every one is in the JSON file named by the <code>result-file</code> output)</li></ul>')
  })
})
