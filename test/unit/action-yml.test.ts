import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { inputNames, inputSchema } from '../../src/inputs/inputs.js'

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>
  outputs: Record<string, { description?: string }>
  runs: { using: string; main: string }
  branding?: { icon?: string; color?: string }
}
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionYml

describe('action.yml agrees with the code', () => {
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...inputNames].sort())
  })

  it.each(inputNames)('input %s: one-line description, and its default agrees with the schema', (name) => {
    const declared = action.inputs[name]
    expect(declared?.description?.trim()).toMatch(/^[^\n]+$/)
    const entry = inputSchema[name]!
    const declaredDefault = declared?.default
    expect('default' in entry ? entry.default : undefined).toBe(declaredDefault)
    if (declaredDefault !== undefined) {
      // The schema's own default (input absent) must equal what the runner passes (the default).
      expect(entry.schema.parse(undefined)).toEqual(entry.schema.parse(declaredDefault))
    }
  })

  it('declares every output the code sets', () => {
    const source = readFileSync(new URL('../../src/report/report.ts', import.meta.url), 'utf8')
    const set = [...source.matchAll(/core\.setOutput\('([^']+)'/g)].map((match) => match[1])
    expect(set.length).toBeGreaterThan(0)
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(set)].sort())
    for (const output of Object.values(action.outputs)) expect(output.description?.trim()).toMatch(/^[^\n]+$/)
  })

  it('runs the bundle on node24 and is branded', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(action.branding?.icon).toBeTruthy()
    expect(action.branding?.color).toBeTruthy()
  })

  it('the README inputs table lists every input, no more', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const table = readme.slice(readme.indexOf('## Inputs'), readme.indexOf('## Outputs'))
    const documented = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]))
    expect(documented.sort()).toEqual([...inputNames].sort())
  })

  it('marks only provider as required', () => {
    const required = Object.entries(action.inputs).filter(([, input]) => input.required).map(([name]) => name)
    expect(required).toEqual(['provider'])
  })
})
