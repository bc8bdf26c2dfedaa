import { describe, expect, it } from 'vitest'
import { isFullSemver, pinnedVersion, readJsdelivrPath } from '../../src/providers/jsdelivr/paths.js'
import { readPurgeId, readPurgeStatus } from '../../src/providers/jsdelivr/status.js'

describe('jsDelivr paths', () => {
  it.each([
    ['https://cdn.jsdelivr.net/gh/acme/site@main/app.js', '/gh/acme/site@main/app.js'],
    ['https://fastly.jsdelivr.net/npm/lib@1/dist/lib.min.js', '/npm/lib@1/dist/lib.min.js'],
    ['https://cdn.jsdelivr.net/npm/lib@latest/a.js#top', '/npm/lib@latest/a.js'],
    ['/gh/acme/site/app.js', '/gh/acme/site/app.js'],
    ['/npm/@scope/pkg@^1.2.3/a.js', '/npm/@scope/pkg@^1.2.3/a.js'],
    ['/npm/lib@1.2/a.js', '/npm/lib@1.2/a.js'],
    ['/gh/acme/site@v2/a.js', '/gh/acme/site@v2/a.js'],
    ['/gh/acme/site@release-1.2.3/a.js', '/gh/acme/site@release-1.2.3/a.js'],
    ['/wp/plugins/slimstat/trunk/wp-slimstat.js', '/wp/plugins/slimstat/trunk/wp-slimstat.js'],
  ])('%s -> %s', (item, path) => {
    expect(readJsdelivrPath(item)).toEqual({ path })
  })

  it.each([
    ['https://example.com/gh/acme/site@main/a.js', 'expected a jsDelivr URL'],
    ['https://purge.jsdelivr.net/gh/acme/site@main/a.js', 'expected a jsDelivr URL'],
    ['https://cdn.jsdelivr.net/npm/lib@1/a.js?v=2', 'without a query string'],
    ['gh/acme/site@main/a.js', 'starting with /gh/, /npm/ or /wp/'],
    ['/combine/npm/a,npm/b', 'starting with /gh/, /npm/ or /wp/'],
    ['/gh/acme/site@main/dist/*', 'no wildcard purge'],
    ['/gh/acme/site@main/a b.js', 'spaces'],
    ['/npm/lib@1.2.3/a.js', 'names the fixed version 1.2.3: jsDelivr caches a fixed version'],
    ['https://cdn.jsdelivr.net/gh/acme/site@v1.2.3/a.js', 'names the fixed version v1.2.3'],
    ['/npm/@scope/pkg@2.0.0-beta.1/a.js', 'names the fixed version 2.0.0-beta.1'],
    ['/gh/acme/site@0123456789abcdef0123456789abcdef01234567/a.js', 'names the commit 0123456789ab...'],
    ['/wp/plugins/slimstat/tags/4.6.5/wp-slimstat.js', 'names the fixed version 4.6.5'],
  ])('%s is an input error (%s)', (item, message) => {
    const result = readJsdelivrPath(item)
    expect('error' in result && result.error).toContain(message)
  })

  it('suggests a branch, a range or @latest for a pinned version', () => {
    expect(readJsdelivrPath('/npm/lib@1.2.3/a.js')).toEqual({
      error:
        '"/npm/lib@1.2.3/a.js" names the fixed version 1.2.3: jsDelivr caches a fixed version\'s files for good, because they never change, so purging them does nothing; ' +
        'purge the moving version instead: a branch (@main), a range (@1 or @1.2) or @latest',
    })
  })

  it.each([
    ['1.2.3', true],
    ['v1.2.3', true],
    ['10.20.30-rc.1+build.5', true],
    ['1.2', false],
    ['1.2.x', false],
    ['^1.2.3', false],
    ['1.2.3.4', false],
    ['latest', false],
    ['v', false],
    ['1..3', false],
  ])('isFullSemver(%s) is %s', (text, expected) => {
    expect(isFullSemver(text)).toBe(expected)
  })

  it('checks a long hostile version in linear time', () => {
    const long = `/npm/lib@${'1.'.repeat(50_000)}x/a.js`
    const started = performance.now()
    expect(pinnedVersion(long)).toBeUndefined()
    expect(isFullSemver(`1.2.3-${'-'.repeat(100_000)}!`)).toBe(false)
    expect(performance.now() - started).toBeLessThan(100)
  })

  it('takes the project segment of scoped npm packages and GitHub repos, not a later @', () => {
    expect(pinnedVersion('/npm/@scope/pkg/a@1.2.3.js')).toBeUndefined()
    expect(pinnedVersion('/gh/acme/site/docs/@1.2.3')).toBeUndefined()
    expect(pinnedVersion('/npm/@scope/pkg@1.2.3')).toBe('1.2.3')
  })
})

describe('jsDelivr answers', () => {
  it('reads the purge id, and refuses one that is missing or odd', () => {
    expect(readPurgeId({ id: 'CXWDAKcejkTaas0QS', status: 'pending' })).toEqual({ id: 'CXWDAKcejkTaas0QS' })
    expect(readPurgeId({ status: 'pending' })).toEqual({ error: 'the answer carries no purge id' })
    expect(readPurgeId({ id: '../../x' })).toEqual({ error: 'the answer carries no purge id' })
  })

  it('reads pending, failed and finished statuses, path by path', () => {
    const sent = ['/a.js', '/b.js', '/c.js', '/d.js']
    expect(readPurgeStatus({ status: 'pending' }, sent)).toEqual({ state: 'pending' })
    expect(readPurgeStatus({ status: 'failed' }, sent)).toEqual({ state: 'failed' })
    expect(
      readPurgeStatus(
        {
          status: 'finished',
          paths: {
            '/a.js': { throttled: false, providers: { CF: true, FY: true } },
            '/b.js': { throttled: true, providers: { CF: false, FY: false } },
            '/c.js': { throttled: false, providers: { CF: true, FY: false, '<b>x</b>': false } },
          },
        },
        sent,
      ),
    ).toEqual({
      state: 'finished',
      paths: [
        { path: '/a.js', purged: true },
        { path: '/b.js', purged: false, throttled: true },
        { path: '/c.js', purged: false, notPurgedBy: ['FY', '?'] },
        { path: '/d.js', purged: false, notPurgedBy: [] },
      ],
    })
  })

  it('treats an answer that is not a status as an error', () => {
    expect(readPurgeStatus([], ['/a.js'])).toEqual({ error: 'the status answer is not a JSON object' })
    expect(readPurgeStatus({ status: 'done' }, ['/a.js'])).toEqual({ error: 'the status answer has no known status (pending, finished or failed)' })
    // Only the answer's own entries count, never an inherited property.
    expect(readPurgeStatus({ status: 'finished', paths: {} }, ['constructor'])).toEqual({ state: 'finished', paths: [{ path: 'constructor', purged: false, notPurgedBy: [] }] })
  })
})
