import { describe, expect, it } from 'vitest'
import { encodePath, mapFiles, parsePathMap } from '../../src/changes/path-map.js'

function map(rules: string, files: string[]) {
  const parsed = parsePathMap(rules)
  expect(parsed.errors).toEqual([])
  return mapFiles(files, parsed.rules)
}

/** One file through the rules: its targets, or how it was left out. */
function targetsOf(rules: string, file: string): string[] | 'unmapped' | 'excluded' {
  const result = map(rules, [file])
  if (result.unmapped.includes(file)) return 'unmapped'
  if (result.excluded.includes(file)) return 'excluded'
  return result.mapped[0]?.targets ?? []
}

describe('path-map: one file, one rule', () => {
  it.each<[string, string, string | 'unmapped']>([
    // The README's example: ** carries the rest of the path over.
    ['public/** => https://example.com/**', 'public/a/b.css', 'https://example.com/a/b.css'],
    ['public/** => https://example.com/**', 'public/index.html', 'https://example.com/index.html'],
    ['public/** => https://example.com/**', 'src/main.ts', 'unmapped'],
    // Dotfiles are files like any other.
    ['public/** => https://example.com/**', 'public/.well-known/security.txt', 'https://example.com/.well-known/security.txt'],
    // * stays within one segment.
    ['public/*.css => https://example.com/css/*.css', 'public/site.css', 'https://example.com/css/site.css'],
    ['public/*.css => https://example.com/css/*.css', 'public/a/site.css', 'unmapped'],
    // Captures carry over in order, * and ** alike.
    ['src/*/img/** => https://img.example.com/*/**', 'src/en/img/a/b.png', 'https://img.example.com/en/a/b.png'],
    ['content/**/*.md => https://example.com/**/*/', 'content/blog/2025/hello.md', 'https://example.com/blog/2025/hello/'],
    // An empty ** takes one slash with it.
    ['content/**/*.md => https://example.com/**/*/', 'content/about.md', 'https://example.com/about/'],
    ['public/**/index.html => https://example.com/**/', 'public/index.html', 'https://example.com/'],
    ['public/**/index.html => https://example.com/**/', 'public/docs/v2/index.html', 'https://example.com/docs/v2/'],
    ['**/*.html => /**/*.html', 'a.html', '/a.html'],
    ['**/*.html => **/*.html', 'a.html', 'a.html'],
    // Braces, brackets and extglobs match, and are not captures.
    ['public/**/*.{css,js} => https://example.com/**/*.min', 'public/x/app.js', 'https://example.com/x/app.min'],
    ['docs/@(en|es)/*.md => https://example.com/*', 'docs/es/intro.md', 'https://example.com/intro'],
    ['public/[ab]*.css => https://example.com/*.css', 'public/bold.css', 'https://example.com/old.css'],
    // A target without wildcards: any change purges that one URL.
    ['data/** => https://example.com/api/catalog.json', 'data/x/y.json', 'https://example.com/api/catalog.json'],
    // \* is a literal *: a provider wildcard (a Cloudflare prefix purge).
    ['content/blog/** => https://example.com/blog/\\*', 'content/blog/a.md', 'https://example.com/blog/*'],
    ['content/blog/*.md => https://example.com/blog/*/\\*', 'content/blog/a.md', 'https://example.com/blog/a/*'],
    // A leading ./ or / in the glob is the repository root.
    ['./public/** => /**', 'public/a.css', '/a.css'],
    ['/public/** => /**', 'public/a.css', '/a.css'],
    // Case matters, as on the web server.
    ['public/** => /**', 'Public/a.css', 'unmapped'],
  ])('%s: %s -> %s', (rules, file, expected) => {
    expect(targetsOf(rules, file)).toEqual(expected === 'unmapped' ? 'unmapped' : [expected])
  })
})

describe('path-map: captured text is encoded the way browsers request it', () => {
  it.each([
    ['public/my page.html', 'https://example.com/my%20page.html'],
    ['public/café/menü.html', 'https://example.com/caf%C3%A9/men%C3%BC.html'],
    ['public/100%.html', 'https://example.com/100%25.html'],
    ['public/a?b#c.html', 'https://example.com/a%3Fb%23c.html'],
    ['public/a+b,c;d=e@f:g$h&i.html', 'https://example.com/a+b,c;d=e@f:g$h&i.html'],
    ['public/star*.css', 'https://example.com/star%2A.css'],
  ])('%s -> %s', (file, expected) => {
    expect(targetsOf('public/** => https://example.com/**', file)).toEqual([expected])
  })

  it('leaves the target text as written', () => {
    expect(encodePath('a b/c')).toBe('a%20b/c')
    expect(targetsOf('x/* => https://example.com/a%20b/*?v=1', 'x/y')).toEqual(['https://example.com/a%20b/y?v=1'])
  })
})

describe('path-map: several rules', () => {
  const rules = `
    # pages: the page and its directory URL
    public/**/index.html => https://example.com/**/
    public/** => https://example.com/**
    # source maps are never requested by visitors
    public/**/*.map => !
    public/**/*.css => https://cdn.example.com/**/*.css
    drafts/** => !
    **/*.md => https://example.com/docs/**/*
  `

  it.each<[string, string[] | 'unmapped' | 'excluded']>([
    ['public/index.html', ['https://example.com/', 'https://example.com/index.html']],
    ['public/docs/index.html', ['https://example.com/docs/', 'https://example.com/docs/index.html']],
    // Every matching rule contributes...
    ['public/css/site.css', ['https://example.com/css/site.css', 'https://cdn.example.com/css/site.css']],
    // ...until a ! rule drops the file: what earlier rules made stays.
    ['public/app.js.map', ['https://example.com/app.js.map']],
    // A ! before any mapping excludes the file.
    ['drafts/notes.md', 'excluded'],
    ['notes/guide.md', ['https://example.com/docs/notes/guide']],
    ['README', 'unmapped'],
  ])('%s', (file, expected) => {
    expect(targetsOf(rules, file)).toEqual(expected)
  })

  it('keeps the order of the files, drops duplicate files and targets', () => {
    const result = map('a/** => https://example.com/x\nb/** => https://example.com/**\nc/** => !', ['b/1', 'a/1', 'z', 'a/2', 'b/1', 'c/1'])
    expect(result).toEqual({
      mapped: [
        { file: 'b/1', targets: ['https://example.com/1'] },
        { file: 'a/1', targets: ['https://example.com/x'] },
        { file: 'a/2', targets: ['https://example.com/x'] },
      ],
      unmapped: ['z'],
      excluded: ['c/1'],
      targets: ['https://example.com/1', 'https://example.com/x'],
      everything: [],
    })
  })

  it('maps nothing with no rules', () => {
    expect(mapFiles(['a'], [])).toEqual({ mapped: [], unmapped: ['a'], excluded: [], targets: [], everything: [] })
  })
})

describe('path-map: @all purges everything', () => {
  const rules = 'drafts/** => !\nsrc/layouts/** => @all\npublic/** => https://example.com/**\nshared/** => @ALL\nshared/** => /**'
  it.each<[string, string[], { everything: { file: string; line: number; glob: string }[]; targets: string[] }]>([
    ['a changed layout: the file and its rule are named', ['public/a.css', 'src/layouts/base.njk', 'src/layouts/post.njk'], {
      everything: [
        { file: 'src/layouts/base.njk', line: 2, glob: 'src/layouts/**' },
        { file: 'src/layouts/post.njk', line: 2, glob: 'src/layouts/**' },
      ],
      targets: ['https://example.com/a.css'],
    }],
    ['not hit: only listed targets', ['public/a.css', 'README.md'], { everything: [], targets: ['https://example.com/a.css'] }],
    ['a file excluded before the @all rule does not count', ['drafts/layouts/x'], { everything: [], targets: [] }],
    ['@all in any case; the file still maps through later rules', ['shared/x.js'], { everything: [{ file: 'shared/x.js', line: 4, glob: 'shared/**' }], targets: ['/x.js'] }],
  ])('%s', (_name, files, expected) => {
    expect(map(rules, files)).toMatchObject(expected)
  })

  it('lists an @all file among the mapped ones, with @all as what it purges', () => {
    expect(map(rules, ['src/layouts/base.njk']).mapped).toEqual([{ file: 'src/layouts/base.njk', targets: ['@all'] }])
  })

  it('rejects any other @ target', () => {
    expect(parsePathMap('a/** => @everything').errors).toEqual(['line 1: "@everything" is not a target; the one special target is @all (purge everything)'])
  })
})

describe('path-map: parsing', () => {
  it('skips blank lines and # comments, trims, and numbers rules by their line', () => {
    const { rules, errors } = parsePathMap('\n# comment\n  public/**   =>   https://example.com/**  \r\ndrafts/** => !\n')
    expect(errors).toEqual([])
    expect(rules.map((rule) => [rule.line, rule.glob, rule.target === undefined ? '!' : 'target'])).toEqual([
      [3, 'public/**', 'target'],
      [4, 'drafts/**', '!'],
    ])
  })

  it.each([
    ['public/**', /^line 1: expected "<glob> => <target>" \(e\.g\. "public\/\*\* => https:\/\/example\.com\/\*\*"\) or "<glob> => !", got "public\/\*\*"$/],
    ['=> https://example.com/', /^line 1: expected "<glob> => <target>"/],
    ['public/** =>', /^line 1: expected "<glob> => <target>"/],
    ['index.html => https://example.com/*', /^line 1: the target "https:\/\/example\.com\/\*" has 1 \* or \*\* but the glob "index\.html" captures nothing \(they carry over in order\); write \\\* for a literal \*/],
    ['public/*.css => https://example.com/**/*', /^line 1: the target .* has 2 \* or \*\* but the glob "public\/\*\.css" captures only 1/],
  ])('rejects %j', (text, expected) => {
    const { errors } = parsePathMap(text)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(expected)
  })

  it('reports every bad line, with its number', () => {
    const { rules, errors } = parsePathMap('ok/** => /**\nbad\n\nworse =>\nfine/* => /*')
    expect(rules).toHaveLength(2)
    expect(errors.map((error) => error.split(':')[0])).toEqual(['line 2', 'line 4'])
  })
})

describe('path-map: matching is linear in the file name (the names come from pull requests)', () => {
  // Each took from 41 s to "never ended" with the backtracking regexes picomatch makes.
  const hostile: [string, string][] = [
    ['public/**/*-*-*-*-*.html => /**/*-*-*-*-*.html', `public/${'-'.repeat(250)}`],
    ['*.*.*.*.*.*.js => /*.*.*.*.*.*', '.'.repeat(250)],
    ['**/*a*a*a*a*a*b => /x', `${'a/'.repeat(60)}${'a'.repeat(250)}`],
    ['**/**/**/**/x => /x', `${'y/'.repeat(250)}z`],
    ['+(a|aa|a*)c => /x', 'a'.repeat(250)],
  ]
  it.each(hostile)('1,000 hostile names against %s in under 1 s', (rule, name) => {
    const { rules } = parsePathMap(rule)
    const files = Array.from({ length: 1000 }, (_, index) => `${name}${index % 2 === 0 ? '' : '!'}${index}`)
    const started = performance.now()
    const result = mapFiles(files, rules)
    const elapsedMs = performance.now() - started
    expect(result.unmapped.length + result.mapped.length).toBe(1000)
    expect(elapsedMs).toBeLessThan(1000)
  })

  it('still matches them when they do match', () => {
    expect(targetsOf('*.*.*.*.*.*.js => /*/*/*/*/*/*', 'a.b.c.d.e.f.js')).toEqual(['/a/b/c/d/e/f'])
    expect(targetsOf('public/**/*-*-*.html => /**/*+*+*', 'public/x/y/a-b-c-d.html')).toEqual(['/x/y/a+b+c-d'])
  })
})

describe('path-map: globs match what picomatch matches', () => {
  const globs = ['public/**', '**/*.html', 'a/**/b', 'src/*/img/**', '*.{css,js}', 'docs/@(en|es)/*.md', '[ab]*.css', '[^a]*', 'x/?.txt', 'a/*(b|c)/d', 'file{1..3}.txt', '**', 'a**b', 'content/**/*.md', 'a/+(x|y).js']
  const names = ['public/a.css', 'public/a/b.css', 'a.html', 'x/y/z.html', 'a/b', 'a/x/b', 'a/x/y/b', 'a/xb', 'src/en/img/a.png', 'src/en/fr/img/a', 'x.css', 'x.js', 'x/y.js', 'docs/en/a.md', 'docs/de/a.md', 'bold.css', 'cold.css', 'a', 'b', 'x/a.txt', 'x/ab.txt', 'a/bcb/d', 'a//d', 'file2.txt', 'file4.txt', 'aXYb', 'content/about.md', 'a/xyx.js', '.hidden/a.html']
  it.each(globs)('%s', async (glob) => {
    const picomatch = (await import('picomatch')).default
    const theirs = picomatch(glob, { dot: true, windows: false })
    const { rules, errors } = parsePathMap(`${glob} => !`)
    expect(errors).toEqual([])
    const excluded = new Set(mapFiles(names, rules).excluded)
    expect(names.filter((name) => excluded.has(name))).toEqual(names.filter((name) => theirs(name)))
  })

  it('reads [!a] as "not a", as shells do (picomatch reads it as "! or a")', () => {
    expect(targetsOf('x/[!a]* => /*', 'x/b.txt')).toEqual(['/.txt'])
    expect(targetsOf('x/[!a]* => /*', 'x/a.txt')).toBe('unmapped')
  })

  it('rejects a negated extglob with a clear message', () => {
    expect(parsePathMap('a/!(b) => /x').errors).toEqual([expect.stringContaining('negated extglobs !(...) are not supported')])
  })
})
