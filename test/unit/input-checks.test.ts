import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { controlCharacterProblem, maxListFileBytes, plainHttpProblem, readListFileText, urlCredentials, urlCredentialsProblem } from '../../src/inputs/input-checks.js'

describe('controlCharacterProblem', () => {
  it.each([
    ['acme', undefined],
    ['a b-c.d_e', undefined],
    ['acme\n## Injected heading', 'a single value, without control characters (newline, tab...); got "acme\\n## Injected heading"'],
    ['a\tb', 'a single value, without control characters (newline, tab...); got "a\\tb"'],
    ['a\u2028b', 'a single value, without control characters (newline, tab...); got "a\\u2028b"'],
  ])('%j', (value, expected) => {
    expect(controlCharacterProblem(value)).toBe(expected)
  })

  it('quotes at most 100 characters of a long value', () => {
    expect(controlCharacterProblem(`${'x'.repeat(5000)}\n`)?.length).toBeLessThan(200)
  })
})

describe('URLs with credentials', () => {
  it.each([
    ['https://api.example.com/v4', undefined],
    ['/relative/path', undefined],
    ['user:pass@host/no-scheme', undefined],
    ['https://user:s3cret@api.example.com/v4', 'a URL with a user name or password (https://***@api.example.com/v4) is not accepted'],
    ['https://only-user@api.example.com', 'a URL with a user name or password (https://***@api.example.com) is not accepted'],
    ['http://:p%40ss@127.0.0.1:8080/x', 'a URL with a user name or password (http://***@127.0.0.1:8080/x) is not accepted'],
  ])('%j', (value, expected) => {
    const error = urlCredentialsProblem(value)
    if (expected === undefined) expect(error).toBeUndefined()
    else expect(error).toContain(expected)
    expect(error ?? '').not.toMatch(/s3cret|p%40ss|p@ss|only-user/)
  })

  it('names what to mask: the password as written and decoded, or a user name without one', () => {
    expect(urlCredentials('http://:p%40ss@127.0.0.1/')).toEqual(['p%40ss', 'p@ss'])
    expect(urlCredentials('https://user:pass@example.com/')).toEqual(['pass'])
    expect(urlCredentials('https://ghp_token0123@example.com/')).toEqual(['ghp_token0123'])
    expect(urlCredentials('https://example.com/')).toEqual([])
  })
})

describe('plainHttpProblem', () => {
  it.each([
    ['https://api.example.com', false],
    ['http://127.0.0.1:8080', false],
    ['http://127.1.2.3', false],
    ['http://localhost:3000/api', false],
    ['http://[::1]:8080', false],
    ['http://api.example.com', true],
    ['http://127.0.0.1.example.com', true],
    ['http://10.0.0.1', true],
    ['http://[::2]', true],
  ])('%s: error %s', (value, isError) => {
    expect(plainHttpProblem(value) !== undefined).toBe(isError)
  })
})

describe('readListFileText', () => {
  const dir = mkdtempSync(join(tmpdir(), 'list-file-'))

  it('reads a regular file', () => {
    writeFileSync(join(dir, 'urls.txt'), '/a\n/b\n')
    expect(readListFileText(join(dir, 'urls.txt'))).toEqual({ text: '/a\n/b\n' })
  })

  it.each([
    ['a directory', () => dir, 'expected a regular file, and it is a directory'],
    ['a device', () => '/dev/zero', 'expected a regular file, and it is a device'],
    [
      'a FIFO with no writer (it hung past timeout before)',
      () => {
        const fifo = join(dir, 'fifo')
        execFileSync('mkfifo', [fifo])
        return fifo
      },
      'expected a regular file, and it is a named pipe (FIFO)',
    ],
  ])('refuses %s', (_name, path, expected) => {
    const started = performance.now()
    expect(readListFileText(path())).toEqual({ error: expected })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('says why a file cannot be opened', () => {
    expect(readListFileText(join(dir, 'missing'))).toEqual({ error: 'cannot read it (ENOENT)', code: 'ENOENT' })
  })

  it('refuses a file over 64 MiB without reading it', () => {
    const big = join(dir, 'big')
    execFileSync('truncate', ['-s', String(maxListFileBytes + 1), big])
    expect(readListFileText(big)).toEqual({ error: `the file is ${maxListFileBytes + 1} bytes; at most ${maxListFileBytes} (64 MiB) are read` })
  })
})
