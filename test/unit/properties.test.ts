/* eslint-disable no-control-regex -- stripping control characters is the point here */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseInputs } from '../../src/inputs/inputs.js'
import { parseList } from '../../src/inputs/lists.js'
import { planBatches } from '../../src/plan.js'
import { cloudflare } from '../support/providers.js'

/** Properties of list parsing and URL/path normalisation: no input throws; valid items survive. */

// An item as users write them: no separators, no control characters, no leading # or [, not blank.
const item = fc
  .string({ minLength: 1, maxLength: 40 })
  .map((value) => value.replace(/[\s,\u0000-\u001f\u007f]/g, '').trim())
  .filter((value) => value !== '' && !value.startsWith('#') && !value.startsWith('['))

describe('parseList properties', () => {
  it('never throws, and returns items or one error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (value) => {
        const result = parseList(value)
        expect('items' in result !== 'error' in result).toBe(true)
      }),
    )
  })

  it('keeps valid items unchanged, in order, without duplicates, whatever the separators', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.constantFrom('\n', ',', ', ', '\r\n', ' ,\n '), (items, separator) => {
        expect(parseList(items.join(separator))).toEqual({ items: [...new Set(items)] })
      }),
    )
  })

  it('reads the same items back from a JSON array', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        expect(parseList(JSON.stringify(items))).toEqual({ items: [...new Set(items)] })
      }),
    )
  })
})

const pathSegment = fc.stringMatching(/^[a-zA-Z0-9._~%-]{1,12}$/)
const query = fc.option(fc.stringMatching(/^[a-z0-9=&]{1,20}$/), { nil: undefined })
const validUrl = fc
  .tuple(fc.constantFrom('https', 'http'), fc.constantFrom('example.com', 'www.example.com', 'a.b.example.com'), fc.array(pathSegment, { maxLength: 5 }), query)
  .map(([scheme, host, segments, search]) => `${scheme}://${host}/${segments.join('/')}${search ? `?${search}` : ''}`)

function plan(paths: string[]) {
  const { settings } = parseInputs({ provider: 'cloudflare', token: 'tok-123456', zone: 'example.com', paths: JSON.stringify(paths) }, { workspace: '/ws' })
  if (!settings) throw new Error('no settings')
  return planBatches(settings, cloudflare, cloudflare.targets(settings))
}

describe('Cloudflare URL normalisation properties', () => {
  it('sends every valid URL exactly as written', () => {
    fc.assert(
      fc.property(fc.uniqueArray(validUrl, { maxLength: 40 }), (urls) => {
        const { batches, errors } = plan(urls)
        expect(errors).toEqual([])
        expect(batches.flatMap((batch) => batch.items)).toEqual(urls)
      }),
    )
  })

  it('never throws on arbitrary text, and names the paths input for what it rejects', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 10 }), (values) => {
        const { errors } = plan(values.map((value) => value.replace(/[\u0000-\u001f\u007f]/g, '')))
        for (const error of errors) expect(error).toMatch(/^input (paths|zone): /)
      }),
    )
  })
})
