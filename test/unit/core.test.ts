import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as upstream from '@actions/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as core from '../../src/core.js'

/**
 * src/core.ts speaks the runner's protocol itself (see there why); here it must write exactly
 * what @actions/core's public entry writes, for the same calls, on values that need escaping.
 */

const awkward = ['plain', '', '  spaced  ', 'line 1\nline 2\r\n', '100% done: a, b', '%0A is no newline', '::error::injected', 'ünïcödé ✓']

function capture(calls: () => void): { stdout: string; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-core-'))
  const output = join(dir, 'output')
  writeFileSync(output, '')
  vi.stubEnv('GITHUB_OUTPUT', output)
  let stdout = ''
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  })
  try {
    calls()
  } finally {
    write.mockRestore()
  }
  const delimiters = /ghadelimiter_[0-9a-f-]{36}/g
  return { stdout, output: readFileSync(output, 'utf8').replace(delimiters, 'ghadelimiter_{uuid}') }
}

afterEach(() => {
  vi.unstubAllEnvs()
  process.exitCode = undefined
})

describe('src/core.ts writes what @actions/core writes', () => {
  type Commands = Omit<typeof core, 'summary'>
  function both(calls: (api: Commands) => void): void {
    const ours = capture(() => calls(core))
    const theirs = capture(() => calls(upstream))
    expect(ours).toEqual(theirs)
  }
  // Line breaks are the one place the two differ on purpose: see 'the log sink' below.
  it.each(awkward.filter((text) => !/[\r\n]/.test(text)))('for the workflow commands, on %j', (text) => {
    both((api) => {
      api.info(text)
      api.debug(text)
      api.notice(text)
      api.warning(text)
      api.error(text)
      api.error(new Error(text))
      api.setSecret(text)
      api.startGroup(text)
      api.endGroup()
    })
  })

  it('for multi-line annotations from the action itself (one command, lines kept)', () => {
    both((api) => {
      api.error('input zone: required\ninput token: required')
      api.warning('first\nsecond')
    })
  })

  it.for([...awkward, 42, true, null, undefined, { a: 'b\nc' }, ['x', 1]])('for outputs, on %j', (value) => {
    both((api) => api.setOutput('name', value))
    const withoutFile = (api: Commands) => {
      vi.stubEnv('GITHUB_OUTPUT', '')
      api.setOutput('name', value)
    }
    both(withoutFile)
  })

  it('fails the step as setFailed does: exit code 1 and an error', () => {
    let ours: string | number | undefined
    both((api) => {
      process.exitCode = undefined
      api.setFailed('input zone: required\ninput token: required')
      ours = process.exitCode
    })
    expect(ours).toBe(1)
  })

  it.each([
    ['INPUT_ZONE', 'zone', '  example.com \n'],
    ['INPUT_DRY-RUN', 'dry-run', 'true'],
    ['INPUT_PATH_MAP', 'path map', 'a => b'],
    ['INPUT_NONE', 'missing', undefined],
  ])('reads %s for getInput(%j), trimmed', (variable, name, value) => {
    if (value !== undefined) vi.stubEnv(variable, value)
    expect(core.getInput(name)).toBe(upstream.getInput(name))
  })

  it('appends the job summary as addRaw().write() does, and fails the same way without a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-summary-'))
    const file = join(dir, 'summary')
    writeFileSync(file, 'before\n')
    vi.stubEnv('GITHUB_STEP_SUMMARY', file)
    await core.summary.addRaw('## ours\n').write()
    await upstream.summary.addRaw('## theirs\n').write()
    await core.summary.addRaw('second ').addRaw('part').write()
    expect(readFileSync(file, 'utf8')).toBe('before\n## ours\n## theirs\nsecond part')

    // A fresh upstream Summary: the shared one keeps the path it found first.
    const fresh = () => new (upstream.summary.constructor as new () => typeof upstream.summary)()
    vi.stubEnv('GITHUB_STEP_SUMMARY', '')
    const ours = await core.summary.write().catch((error: Error) => error.message)
    expect(ours).toBe(await fresh().write().catch((error: Error) => error.message))
    vi.stubEnv('GITHUB_STEP_SUMMARY', join(dir, 'missing'))
    const oursMissing = await core.summary.write().catch((error: Error) => error.message)
    expect(oursMissing).toBe(await fresh().write().catch((error: Error) => error.message))
  })
})

describe('the log sink', () => {
  // A provider's answer with line breaks must not start a line of its own in the log: the runner
  // would obey a `::add-mask::` or `::stop-commands::` at its start (src/visible.ts).
  it('shows line breaks in log lines and group titles instead of writing them', () => {
    const { stdout } = capture(() => {
      core.info('id 42\n::add-mask::x\r::error::y\u2028z')
      core.startGroup('zone\n::stop-commands::t')
      core.error('from the API: a\r::warning::b')
    })
    expect(stdout.split(/\r\n|\r|\n/).filter((line) => line !== '')).toEqual([
      'id 42\\n::add-mask::x\\r::error::y\\u2028z',
      '::group::zone\\n::stop-commands::t',
      '::error::from the API: a\\r::warning::b',
    ])
  })
})
