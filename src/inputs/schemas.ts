import * as z from 'zod/mini'
import { parseHttpUrl, parseList } from './lists.js'

/**
 * The building blocks of every input's schema (raw string -> typed value), for the common inputs
 * (inputs.ts) and for each provider's own inputs (its description). A provider's input is parsed
 * even when absent (as undefined), so its schema gives the value an absent input has: an empty
 * list, an empty text, or undefined.
 *
 * zod/mini, not the classic `zod`: the same engine with functions instead of methods, which
 * lets the bundler leave out what these schemas do not use. Every run loads it before anything
 * else; measured with `npm run bench`, it made dist/index.js 43 KB smaller and the start faster.
 */

type Context = z.core.ParsePayload

function fail(ctx: Context, message: string): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', message, input: ctx.value })
  return z.NEVER
}

/** A string input turned into a typed value by `convert`, which calls `fail` for a bad one. */
function input<T>(convert: (value: string, ctx: Context) => T) {
  return z.pipe(z.string(), z.transform(convert))
}

export const text = input((value) => value.trim())

export const list = input((value, ctx) => {
  const result = parseList(value)
  return 'error' in result ? fail(ctx, result.error) : result.items
})

/** true or false with no default (undefined when not given): the provider decides its default. */
export const optionalBoolean = input((value, ctx) => {
  const lower = value.trim().toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  return fail(ctx, `expected true or false, got ${JSON.stringify(value)}`)
})

export function boolean(defaultValue: 'true' | 'false') {
  return z.prefault(optionalBoolean, defaultValue)
}

export function wholeNumber(min: number, max: number) {
  return input((value, ctx) => {
    const trimmed = value.trim()
    const number = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
    if (number >= min && number <= max) return number
    return fail(ctx, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  })
}

export function oneOf<T extends string>(values: readonly T[]) {
  return input((value, ctx) => {
    const lower = value.trim().toLowerCase()
    const match = values.find((allowed) => allowed === lower)
    return match ?? fail(ctx, `expected one of ${values.join(', ')}, got ${JSON.stringify(value)}`)
  })
}

export const httpUrl = input((value, ctx) => {
  const trimmed = value.trim()
  if (parseHttpUrl(trimmed)) return trimmed.replace(/\/+$/, '')
  return fail(ctx, `expected an http(s) URL such as https://api.example.com, got ${JSON.stringify(value)}`)
})

/** A list of absolute http(s) URLs (no wildcard): pages to request on the purged site. */
export const siteUrlList = z.pipe(
  list,
  z.transform((items: string[], ctx) => {
    for (const item of items) {
      if (!parseHttpUrl(item) || item.includes('*')) {
        return fail(ctx, `expected absolute http(s) URLs without a wildcard, such as https://www.example.com/, got ${JSON.stringify(item)}`)
      }
    }
    return items
  }),
)

export const verifyMode = z.prefault(
  z.pipe(
    oneOf(['false', 'true', 'warn'] as const),
    z.transform((value: 'false' | 'true' | 'warn') => (value === 'warn' ? value : value === 'true')),
  ),
  'false',
)

export interface PurgeHeader {
  name: string
  values: string[]
}

export const purgeHeaderLines = input((value, ctx) => {
  const headers: PurgeHeader[] = []
  for (const line of value.split(/\r?\n/).map((each) => each.trim())) {
    if (line === '' || line.startsWith('#')) continue
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/.exec(line)
    const values = (match?.[2] ?? '').split(',').map((each) => each.trim()).filter(Boolean)
    if (!match || values.length === 0) {
      return fail(ctx, `expected lines "Header-Name: value1, value2" (e.g. "CF-Device-Type: mobile, desktop"), got ${JSON.stringify(line)}`)
    }
    headers.push({ name: match[1] ?? '', values: [...new Set(values)] })
  }
  return headers
})

// An expression the runner did not evaluate (`${{ github.token }}` outside Actions) is no value.
export const expressionDefault = z.pipe(
  z.optional(z.string()),
  z.transform((value: string | undefined) => {
    const trimmed = (value ?? '').trim()
    return trimmed.startsWith('${{') ? '' : trimmed
  }),
)

// For providers' own inputs: what each is when the input is not given.

/** A list; empty when not given. */
export const listOrEmpty = z.prefault(list, '')
/** A text; empty when not given. */
export const textOrEmpty = z.prefault(text, '')
/** Undefined when not given. */
export const optional = z.optional
