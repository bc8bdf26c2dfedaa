import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { context as upstreamContext } from '@actions/github'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readGithubContext } from '../../src/github-context.js'

/** src/github-context.ts reads the run as @actions/github's own Context does (see there why not through it). */

const Context = upstreamContext.constructor as new () => typeof upstreamContext
const dir = mkdtempSync(join(tmpdir(), 'cdn-purge-context-'))
const event = join(dir, 'event.json')
writeFileSync(event, JSON.stringify({ release: { tag_name: 'v1.2.0' }, after: 'abc' }))

const variables = ['GITHUB_EVENT_PATH', 'GITHUB_EVENT_NAME', 'GITHUB_SHA', 'GITHUB_REF', 'GITHUB_SERVER_URL', 'GITHUB_API_URL', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID'] as const

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('readGithubContext, against @actions/github Context', () => {
  it.for([
    { name: 'a release on GitHub Enterprise Server', env: { GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'release', GITHUB_SHA: 'f'.repeat(40), GITHUB_REF: 'refs/tags/v1.2.0', GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_API_URL: 'https://ghe.example.com/api/v3', GITHUB_REPOSITORY: 'acme/site', GITHUB_RUN_ID: '7' } },
    { name: 'nothing set (outside Actions)', env: {} },
    { name: 'empty values', env: { GITHUB_EVENT_PATH: '', GITHUB_SERVER_URL: '', GITHUB_API_URL: '' } },
  ])('$name', ({ env }) => {
    for (const name of variables) vi.stubEnv(name, (env as Record<string, string>)[name])
    const theirs = new Context()
    const ours = readGithubContext()
    expect(ours).toMatchObject({ eventName: theirs.eventName ?? '', payload: theirs.payload, ref: theirs.ref ?? '', sha: theirs.sha ?? '' })
    expect(ours.serverUrl).toBe(theirs.serverUrl || 'https://github.com')
    expect(ours.apiUrl).toBe(theirs.apiUrl || 'https://api.github.com')
    expect(ours.runId).toBe(Number.isNaN(theirs.runId) ? '' : String(theirs.runId))
  })

  it('says a named event file that is missing on stdout, as Context does, and reads no payload', () => {
    vi.stubEnv('GITHUB_EVENT_PATH', join(dir, 'missing.json'))
    const said: string[] = []
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      said.push(String(chunk))
      return true
    })
    try {
      const theirs = new Context()
      const ours = readGithubContext()
      expect(ours.payload).toEqual(theirs.payload)
    } finally {
      write.mockRestore()
    }
    expect(said).toHaveLength(2)
    expect(said[0]).toBe(said[1])
    expect(said[0]).toBe(`GITHUB_EVENT_PATH ${join(dir, 'missing.json')} does not exist\n`)
  })

  it('fails, as Context does, on an event file that is not JSON', () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"release":')
    vi.stubEnv('GITHUB_EVENT_PATH', broken)
    expect(() => new Context()).toThrow(SyntaxError)
    expect(() => readGithubContext()).toThrow(SyntaxError)
  })
})
