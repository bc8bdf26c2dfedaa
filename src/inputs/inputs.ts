import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import * as z from 'zod/mini'
import { parseList } from './lists.js'
import { providerNames, type ProviderName } from '../providers/index.js'

/**
 * The whole input contract in one place: each input's zod schema (raw string -> typed value,
 * defaults as in action.yml) and the providers it applies to. Adding an input is one line here
 * and one in action.yml; a test keeps the two in step.
 *
 * zod/mini, not the classic `zod`: the same engine with functions instead of methods, which
 * lets the bundler leave out what these schemas do not use. Every run loads it before anything
 * else; measured with `npm run bench`, it made dist/index.js 43 KB smaller and the start faster.
 */

type Issue = { message: string }
type Context = z.core.ParsePayload

function fail(ctx: Context, message: string): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', message, input: ctx.value })
  return z.NEVER
}

/** A string input turned into a typed value by `convert`, which calls `fail` for a bad one. */
function input<T>(convert: (value: string, ctx: Context) => T) {
  return z.pipe(z.string(), z.transform(convert))
}

const text = input((value) => value.trim())

const list = input((value, ctx) => {
  const result = parseList(value)
  return 'error' in result ? fail(ctx, result.error) : result.items
})

/** true or false with no default (undefined when not given): the provider decides its default. */
const optionalBoolean = input((value, ctx) => {
  const lower = value.trim().toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  return fail(ctx, `expected true or false, got ${JSON.stringify(value)}`)
})

function boolean(defaultValue: 'true' | 'false') {
  return z.prefault(optionalBoolean, defaultValue)
}

function wholeNumber(min: number, max: number) {
  return input((value, ctx) => {
    const trimmed = value.trim()
    const number = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
    if (number >= min && number <= max) return number
    return fail(ctx, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  })
}

function oneOf<T extends string>(values: readonly T[]) {
  return input((value, ctx) => {
    const lower = value.trim().toLowerCase()
    const match = values.find((allowed) => allowed === lower)
    return match ?? fail(ctx, `expected one of ${values.join(', ')}, got ${JSON.stringify(value)}`)
  })
}

const httpUrl = input((value, ctx) => {
  const trimmed = value.trim()
  const url = URL.parse(trimmed)
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '') {
    return trimmed.replace(/\/+$/, '')
  }
  return fail(ctx, `expected an http(s) URL such as https://api.example.com, got ${JSON.stringify(value)}`)
})

/** A list of absolute http(s) URLs (no wildcard): pages to request on the purged site. */
const siteUrlList = z.pipe(
  list,
  z.transform((items: string[], ctx) => {
    for (const item of items) {
      const url = URL.parse(item)
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '' || item.includes('*')) {
        return fail(ctx, `expected absolute http(s) URLs without a wildcard, such as https://www.example.com/, got ${JSON.stringify(item)}`)
      }
    }
    return items
  }),
)

const verifyMode = z.prefault(
  z.pipe(
    oneOf(['false', 'true', 'warn'] as const),
    z.transform((value: 'false' | 'true' | 'warn') => (value === 'warn' ? value : value === 'true')),
  ),
  'false',
)

const purgeHeaderLines = input((value, ctx) => {
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
const expressionDefault = z.pipe(
  z.optional(z.string()),
  z.transform((value: string | undefined) => {
    const trimmed = (value ?? '').trim()
    return trimmed.startsWith('${{') ? '' : trimmed
  }),
)

const every = 'all' as const

/** name -> schema, the action.yml default (when it has one), and the providers it applies to. */
export const inputSchema = {
  provider: { schema: oneOf(providerNames), for: every },
  token: { schema: text, for: every },
  paths: { schema: list, for: every },
  keys: { schema: list, for: ['cloudflare', 'edgio', 'fastly', 'bunny', 'cloudfront', 'akamai'] },
  'paths-file': { schema: text, for: every },
  'keys-file': { schema: text, for: ['cloudflare', 'edgio', 'fastly', 'bunny', 'cloudfront', 'akamai'] },
  scope: { schema: z.prefault(oneOf(['listed', 'all'] as const), 'listed'), default: 'listed', for: every },
  zone: { schema: list, for: ['cloudflare'] },
  hosts: { schema: list, for: ['cloudflare'] },
  prefixes: { schema: list, for: ['cloudflare'] },
  'base-url': { schema: httpUrl, for: ['cloudflare', 'fastly'] },
  'purge-headers': { schema: purgeHeaderLines, for: ['cloudflare'] },
  email: { schema: text, for: ['cloudflare'] },
  team: { schema: text, for: ['edgio'] },
  site: { schema: text, for: ['edgio'] },
  environment: { schema: text, for: ['edgio'] },
  'cache-hashes': { schema: list, for: ['edgio'] },
  service: { schema: text, for: ['fastly'] },
  'pull-zone': { schema: text, for: ['bunny'] },
  distribution: { schema: list, for: ['cloudfront'] },
  network: { schema: z.prefault(oneOf(['production', 'staging'] as const), 'production'), default: 'production', for: ['akamai'] },
  'cp-codes': { schema: list, for: ['akamai'] },
  soft: { schema: optionalBoolean, for: ['fastly', 'akamai'] },
  wait: { schema: boolean('false'), default: 'false', for: ['cloudimage', 'cloudfront', 'akamai'] },
  'api-url': { schema: httpUrl, for: every },
  'dry-run': { schema: boolean('false'), default: 'false', for: every },
  'batch-size': { schema: wholeNumber(1, 100_000), for: every },
  timeout: { schema: z.prefault(wholeNumber(1, 21_600), '300'), default: '300', for: every },
  retries: { schema: z.prefault(wholeNumber(0, 20), '5'), default: '5', for: every },
  'fail-on-error': { schema: boolean('true'), default: 'true', for: every },
  'changed-since': { schema: text, for: every },
  'path-map': { schema: z.string(), for: every },
  'github-token': { schema: expressionDefault, default: '${{ github.token }}', for: every },
  verify: { schema: verifyMode, default: 'false', for: every },
  'verify-urls': { schema: siteUrlList, for: every },
  'verify-sample': { schema: z.prefault(wholeNumber(1, 1_000), '20'), default: '20', for: every },
  warm: { schema: boolean('false'), default: 'false', for: every },
  'warm-limit': { schema: z.prefault(wholeNumber(1, 100_000), '1000'), default: '1000', for: every },
  'origin-check': { schema: text, for: every },
  'origin-expect': { schema: text, for: every },
  'max-items': { schema: wholeNumber(1, 10_000_000), for: every },
} satisfies Record<string, { schema: z.ZodMiniType; default?: string; for: typeof every | readonly string[] }>

export type InputName = keyof typeof inputSchema
export const inputNames = Object.keys(inputSchema) as InputName[]
type Values = { [Name in InputName]?: z.output<(typeof inputSchema)[Name]['schema']> }

export interface PurgeHeader {
  name: string
  values: string[]
}

/** What the user asked for, typed: the seam between the inputs and everything else. */
export interface Settings {
  provider: ProviderName
  token: string
  paths: string[]
  keys: string[]
  hosts: string[]
  prefixes: string[]
  cacheHashes: string[]
  scope: 'listed' | 'all'
  zones: string[]
  baseUrl: string | undefined
  purgeHeaders: PurgeHeader[]
  email: string | undefined
  team: string
  site: string
  environment: string
  /** Fastly service ID. */
  service: string
  /** Bunny pull zone ID. */
  pullZone: string
  distributions: string[]
  network: 'production' | 'staging'
  cpCodes: string[]
  /** Not given: the provider's own default. */
  soft: boolean | undefined
  wait: boolean
  apiUrl: string | undefined
  dryRun: boolean
  batchSize: number | undefined
  timeoutSeconds: number
  retries: number
  failOnError: boolean
  /** A ref, or `auto`; the files changed since it are mapped with `pathMap` and purged too. */
  changedSince: string | undefined
  /** The `path-map` rules, as written (read by changes.ts, which loads only with changed-since). */
  pathMap: string
  githubToken: string
  /** After the purge, check a sample of URLs: `true` fails on a stale one, `warn` warns. */
  verify: boolean | 'warn'
  verifyUrls: string[]
  verifySample: number
  warm: boolean
  warmLimit: number
  /** A URL on the origin to request until it serves `originExpect` (or the deployed SHA), before any purge. */
  originCheck: string | undefined
  /** Empty: the deployed commit SHA. */
  originExpect: string
  /** Past this many items, purge everything instead. */
  maxItems: number | undefined
  /** The process environment, for providers whose own tools read credentials or run ids there (AWS). */
  env: Record<string, string | undefined>
}

/** The list inputs that name what to purge, with their files. */
const listInputs = ['paths', 'keys', 'hosts', 'prefixes', 'cache-hashes', 'cp-codes'] as const
const listFiles = { 'paths-file': 'paths', 'keys-file': 'keys' } as const

/** Inputs some providers cannot do without. */
const requiredFor: Partial<Record<InputName, readonly string[]>> = {
  zone: ['cloudflare'],
  distribution: ['cloudfront'],
  team: ['edgio'],
  site: ['edgio'],
  environment: ['edgio'],
}

/** Providers that take no token, and what they authenticate with instead. */
const noToken: Partial<Record<string, string>> = {
  cloudfront: 'AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as aws-actions/configure-aws-credentials sets them',
}

export type RawInputs = Partial<Record<InputName, string>>

export interface ParseOptions {
  workspace: string
  readFile?: (path: string) => string
  env?: Record<string, string | undefined>
}

/**
 * Settings are built whenever the provider is known, even beside errors, so that the provider's
 * own item checks can report their problems in the same run.
 */
export interface ParsedInputs {
  settings: Settings | undefined
  errors: string[]
}

/**
 * Raw input strings -> Settings, or every problem at once, one line each naming the input.
 */
export function parseInputs(raw: RawInputs, options: ParseOptions): ParsedInputs {
  const errors: string[] = []
  const values: Values = {}
  const given = (name: InputName) => (raw[name] ?? '').trim() !== ''

  for (const name of inputNames) {
    const entry = inputSchema[name]
    const rawValue = given(name) ? raw[name] : undefined
    if (rawValue === undefined && !('default' in entry)) continue
    const result = entry.schema.safeParse(rawValue)
    if (result.success) Object.assign(values, { [name]: result.data })
    else errors.push(...result.error.issues.map((issue: Issue) => `input ${name}: ${issue.message}`))
  }

  const provider = values.provider
  if (!given('provider')) errors.unshift(`input provider: required; expected one of ${providerNames.join(', ')}`)

  const lists = { paths: values.paths ?? [], keys: values.keys ?? [] }
  for (const [fileInput, listInput] of Object.entries(listFiles)) {
    const path = values[fileInput as keyof typeof listFiles]
    if (!path) continue
    const result = readListFile(path, options)
    if ('error' in result) errors.push(`input ${fileInput}: ${result.error}`)
    // Both lists are deduplicated already: with nothing in the input itself, the file's list is it.
    else lists[listInput] = lists[listInput].length === 0 ? result.items : [...new Set([...lists[listInput], ...result.items])]
  }

  if (provider) {
    for (const name of inputNames) {
      const applies = inputSchema[name].for
      const isDefault = 'default' in inputSchema[name] && raw[name]?.trim() === inputSchema[name].default
      if (applies !== every && given(name) && !isDefault && !(applies as readonly string[]).includes(provider)) {
        errors.push(`input ${name}: does not apply to provider ${provider}; it is for ${applies.join(', ')}`)
      }
    }
    for (const [name, providers] of Object.entries(requiredFor)) {
      if (providers.includes(provider) && !given(name as InputName)) {
        errors.push(`input ${name}: required for provider ${provider}`)
      }
    }
    const tokenless = noToken[provider]
    if (tokenless !== undefined) {
      if (given('token')) errors.push(`input token: does not apply to provider ${provider}; it uses ${tokenless}`)
    } else if (!given('token') && !values['dry-run']) {
      errors.push(`input token: required for provider ${provider} (only a dry-run needs none)`)
    }
  }

  if (given('origin-expect') && !given('origin-check')) {
    errors.push('input origin-expect: used only with origin-check (the origin URL whose body must contain it)')
  }
  if (given('max-items') && values.scope === 'all') {
    errors.push('input max-items: scope: all purges everything already; remove max-items or use scope: listed')
  }

  if (given('verify-urls') && !values.verify && !values.warm) {
    errors.push('input verify-urls: used only by verify and warm; set verify: true (or warn), or warm: true, or remove it')
  }

  const changedSince = given('changed-since')
  const named = [
    ...listInputs.filter((name) => given(name)),
    ...Object.keys(listFiles).filter((name) => given(name as InputName)),
    ...(changedSince ? ['changed-since'] : []),
  ]
  if (values.scope === 'all' && named.length > 0) {
    errors.push(`input scope: "all" purges everything and cannot be combined with ${named.join(', ')}; remove them or use scope: listed`)
  }
  const itemCount =
    lists.paths.length + lists.keys.length + (values.hosts ?? []).length + (values.prefixes ?? []).length + (values['cache-hashes'] ?? []).length + (values['cp-codes'] ?? []).length
  if (changedSince && !given('path-map')) errors.push('input path-map: required with changed-since; rules "<glob> => <target>", e.g. "public/** => https://example.com/**"')
  if (!changedSince && given('path-map')) errors.push('input path-map: used only with changed-since (the ref the changed files are counted from)')
  if (changedSince && !values['github-token']) errors.push('input github-token: required with changed-since, to read the comparison (the default is the job\'s own token)')
  // With changed-since, what to purge is known only once the changed files are mapped.
  if (values.scope === 'listed' && itemCount === 0 && !changedSince && !errors.some((error) => /^input (paths|keys|hosts|prefixes|cache-hashes|cp-codes)/.test(error))) {
    errors.push(
      'input paths: nothing to purge; give paths, keys or another list of what to purge (or scope: all to purge everything, which is never done by default)',
    )
  }

  if (!provider) return { settings: undefined, errors }
  return {
    errors,
    settings: {
      provider,
      token: values.token ?? '',
      paths: lists.paths,
      keys: lists.keys,
      hosts: values.hosts ?? [],
      prefixes: values.prefixes ?? [],
      cacheHashes: values['cache-hashes'] ?? [],
      scope: values.scope ?? 'listed',
      zones: values.zone ?? [],
      baseUrl: values['base-url'],
      purgeHeaders: values['purge-headers'] ?? [],
      email: values.email || undefined,
      team: values.team ?? '',
      site: values.site ?? '',
      environment: values.environment ?? '',
      service: values.service ?? '',
      pullZone: values['pull-zone'] ?? '',
      distributions: values.distribution ?? [],
      network: values.network ?? 'production',
      cpCodes: values['cp-codes'] ?? [],
      soft: values.soft,
      wait: values.wait ?? false,
      apiUrl: values['api-url'],
      dryRun: values['dry-run'] ?? false,
      batchSize: values['batch-size'],
      timeoutSeconds: values.timeout ?? 300,
      retries: values.retries ?? 5,
      failOnError: values['fail-on-error'] ?? true,
      changedSince: values['changed-since'] || undefined,
      pathMap: values['path-map'] ?? '',
      githubToken: values['github-token'] ?? '',
      verify: values.verify ?? false,
      verifyUrls: values['verify-urls'] ?? [],
      verifySample: values['verify-sample'] ?? 20,
      warm: values.warm ?? false,
      warmLimit: values['warm-limit'] ?? 1000,
      originCheck: values['origin-check'] || undefined,
      originExpect: values['origin-expect'] ?? '',
      maxItems: values['max-items'],
      env: options.env ?? {},
    },
  }
}

function readListFile(path: string, options: ParseOptions): { items: string[] } | { error: string } {
  const fullPath = isAbsolute(path) ? path : resolve(options.workspace, path)
  let content: string
  try {
    content = (options.readFile ?? ((file: string) => readFileSync(file, 'utf8')))(fullPath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return { error: `cannot read ${JSON.stringify(path)} (${code}); expected a file in the workspace with one item a line or a JSON array` }
  }
  const result = parseList(content)
  return 'error' in result ? { error: `${JSON.stringify(path)}: ${result.error}` } : result
}
