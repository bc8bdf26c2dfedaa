import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import * as z from 'zod/mini'
import { parseList } from './lists.js'
import { boolean, expressionDefault, httpUrl, list, oneOf, optionalBoolean, siteUrlList, text, verifyMode, wholeNumber } from './schemas.js'
import type { CommonSettings, Settings } from './settings.js'

export type { Settings } from './settings.js'
export type { PurgeHeader } from './schemas.js'
import type { Capabilities } from '../providers/description.js'
import { descriptions } from '../providers/index.js'
import { providerNames, type ProviderName } from '../providers/names.js'

/**
 * The whole input contract: the inputs every provider shares (below, each with its zod schema and
 * its action.yml default) and each provider's own inputs, taken from its description
 * (src/providers/<name>/description.ts). Which input applies to which provider, which are
 * required and the token rules all come from the descriptions: nothing here names a provider.
 * A test keeps action.yml in step.
 */

type Issue = { message: string }

interface CommonInput {
  schema: z.ZodMiniType
  default?: string
  /** Only for providers with this capability (`keys` is for those that purge tags). */
  for?: keyof Capabilities
}

// The common inputs come in two parts with the providers' own inputs between them: the order of
// action.yml, and of the error lines.
const commonFirst = {
  provider: { schema: oneOf(providerNames) },
  token: { schema: text },
  paths: { schema: list },
  keys: { schema: list, for: 'tags' },
  'paths-file': { schema: text },
  'keys-file': { schema: text, for: 'tags' },
  scope: { schema: z.prefault(oneOf(['listed', 'all'] as const), 'listed'), default: 'listed' },
} satisfies Record<string, CommonInput>

const commonLast = {
  soft: { schema: optionalBoolean, for: 'soft' },
  wait: { schema: boolean('false'), default: 'false', for: 'wait' },
  'api-url': { schema: httpUrl },
  'dry-run': { schema: boolean('false'), default: 'false' },
  'batch-size': { schema: wholeNumber(1, 100_000) },
  timeout: { schema: z.prefault(wholeNumber(1, 21_600), '300'), default: '300' },
  retries: { schema: z.prefault(wholeNumber(0, 20), '5'), default: '5' },
  'fail-on-error': { schema: boolean('true'), default: 'true' },
  'changed-since': { schema: text },
  'path-map': { schema: z.string() },
  'github-token': { schema: expressionDefault, default: '${{ github.token }}' },
  verify: { schema: verifyMode, default: 'false' },
  'verify-urls': { schema: siteUrlList },
  'verify-sample': { schema: z.prefault(wholeNumber(1, 1_000), '20'), default: '20' },
  warm: { schema: boolean('false'), default: 'false' },
  'warm-limit': { schema: z.prefault(wholeNumber(1, 100_000), '1000'), default: '1000' },
} satisfies Record<string, CommonInput>

type CommonValues = { [Name in keyof typeof commonFirst]?: z.output<(typeof commonFirst)[Name]['schema']> } & {
  [Name in keyof typeof commonLast]?: z.output<(typeof commonLast)[Name]['schema']>
}

export interface InputEntry {
  schema: z.ZodMiniType
  default?: string
  /** The providers it applies to, in the order of names.ts; `all` for every one. */
  for: 'all' | ProviderName[]
  /** A provider's own input: parsed even when absent, for the value an absent one has. */
  own: boolean
  /** A list of what to purge. */
  purges: boolean
}

/** Every input, in order: name -> schema, action.yml default (when it has one), providers it applies to. */
export const inputSchema: Record<string, InputEntry> = buildInputSchema()
export type InputName = string
export const inputNames: InputName[] = Object.keys(inputSchema)

function buildInputSchema(): Record<string, InputEntry> {
  const common = (entries: Record<string, CommonInput>): Record<string, InputEntry> =>
    Object.fromEntries(
      Object.entries(entries).map(([name, entry]): [string, InputEntry] => {
        const capability = entry.for
        const applies = capability ? providerNames.filter((provider) => descriptions[provider].can[capability]) : 'all'
        return [name, { schema: entry.schema, ...(entry.default !== undefined ? { default: entry.default } : {}), for: applies, own: false, purges: false }]
      }),
    )
  const own: Record<string, InputEntry> = {}
  for (const provider of providerNames) {
    for (const input of Object.values(descriptions[provider].inputs)) {
      // An input two providers take (base-url) is one input: the first description's schema.
      const entry = (own[input.input] ??= {
        schema: input.schema,
        ...(input.default !== undefined ? { default: input.default } : {}),
        for: [],
        own: true,
        purges: input.purges === true,
      })
      if (entry.for !== 'all') entry.for.push(provider)
    }
  }
  const schema = { ...common(commonFirst), ...own, ...common(commonLast) }
  for (const entry of Object.values(schema)) if (entry.for !== 'all' && entry.for.length === providerNames.length) entry.for = 'all'
  return schema
}

/** The list inputs that name what to purge (paths, keys and the providers' own), with their files. */
const listInputs = ['paths', 'keys', ...inputNames.filter((name) => inputSchema[name]?.purges)]
const listFiles = { 'paths-file': 'paths', 'keys-file': 'keys' } as const

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
 * Raw input strings -> Settings (the common ones, and the chosen provider's own inputs by their
 * settings field), or every problem at once, one line each naming the input.
 */
export function parseInputs(raw: RawInputs, options: ParseOptions): ParsedInputs {
  const errors: string[] = []
  const values: Record<string, unknown> = {}
  const given = (name: InputName) => (raw[name] ?? '').trim() !== ''
  const chosen = providerNames.find((name) => name === raw.provider?.trim().toLowerCase())
  const chosenInputs = new Set(chosen ? Object.values(descriptions[chosen].inputs).map((input) => input.input) : [])

  for (const name of inputNames) {
    const entry = inputSchema[name] as InputEntry
    const rawValue = given(name) ? raw[name] : undefined
    if (rawValue === undefined && !('default' in entry) && !chosenInputs.has(name)) continue
    const result = entry.schema.safeParse(rawValue)
    if (result.success) values[name] = result.data
    else errors.push(...result.error.issues.map((issue: Issue) => `input ${name}: ${issue.message}`))
  }
  const common = values as CommonValues

  const provider = common.provider
  if (!given('provider')) errors.unshift(`input provider: required; expected one of ${providerNames.join(', ')}`)

  const lists = { paths: common.paths ?? [], keys: common.keys ?? [] }
  for (const [fileInput, listInput] of Object.entries(listFiles)) {
    const path = common[fileInput as keyof typeof listFiles]
    if (!path) continue
    const result = readListFile(path, options)
    if ('error' in result) errors.push(`input ${fileInput}: ${result.error}`)
    // Both lists are deduplicated already: with nothing in the input itself, the file's list is it.
    else lists[listInput] = lists[listInput].length === 0 ? result.items : [...new Set([...lists[listInput], ...result.items])]
  }

  if (provider) errors.push(...providerErrors(provider, raw, given, common['dry-run'] ?? false))

  if (given('verify-urls') && !common.verify && !common.warm) {
    errors.push('input verify-urls: used only by verify and warm; set verify: true (or warn), or warm: true, or remove it')
  }

  const changedSince = given('changed-since')
  const named = [
    ...listInputs.filter((name) => given(name)),
    ...Object.keys(listFiles).filter((name) => given(name)),
    ...(changedSince ? ['changed-since'] : []),
  ]
  if (common.scope === 'all' && named.length > 0) {
    errors.push(`input scope: "all" purges everything and cannot be combined with ${named.join(', ')}; remove them or use scope: listed`)
  }
  const itemCount = lists.paths.length + lists.keys.length + listInputs.slice(2).reduce((count, name) => count + ((values[name] as unknown[] | undefined)?.length ?? 0), 0)
  if (changedSince && !given('path-map')) errors.push('input path-map: required with changed-since; rules "<glob> => <target>", e.g. "public/** => https://example.com/**"')
  if (!changedSince && given('path-map')) errors.push('input path-map: used only with changed-since (the ref the changed files are counted from)')
  if (changedSince && !common['github-token']) errors.push('input github-token: required with changed-since, to read the comparison (the default is the job\'s own token)')
  // With changed-since, what to purge is known only once the changed files are mapped.
  const listError = (error: string) => listInputs.some((name) => error.startsWith(`input ${name}`))
  if (common.scope === 'listed' && itemCount === 0 && !changedSince && !errors.some(listError)) {
    errors.push(
      'input paths: nothing to purge; give paths, keys or another list of what to purge (or scope: all to purge everything, which is never done by default)',
    )
  }

  if (!provider) return { settings: undefined, errors }
  const settings: CommonSettings = {
    provider,
    token: common.token ?? '',
    paths: lists.paths,
    keys: lists.keys,
    scope: common.scope ?? 'listed',
    soft: common.soft,
    wait: common.wait ?? false,
    apiUrl: common['api-url'],
    dryRun: common['dry-run'] ?? false,
    batchSize: common['batch-size'],
    timeoutSeconds: common.timeout ?? 300,
    retries: common.retries ?? 5,
    failOnError: common['fail-on-error'] ?? true,
    changedSince: common['changed-since'] || undefined,
    pathMap: common['path-map'] ?? '',
    githubToken: common['github-token'] ?? '',
    verify: common.verify ?? false,
    verifyUrls: common['verify-urls'] ?? [],
    verifySample: common['verify-sample'] ?? 20,
    warm: common.warm ?? false,
    warmLimit: common['warm-limit'] ?? 1000,
    env: options.env ?? {},
  }
  // The provider's own inputs, by the field its description gives each; one that did not parse
  // (its error is above) has the value of an absent one, so the item checks can still run.
  const own = Object.fromEntries(
    Object.entries(descriptions[provider].inputs).map(([field, input]) => [field, input.input in values ? values[input.input] : input.schema.safeParse(undefined).data]),
  )
  return { errors, settings: { ...settings, ...own } }
}

/** Inputs given to a provider they are not for, its required inputs missing, and its token rule. */
function providerErrors(provider: ProviderName, raw: RawInputs, given: (name: InputName) => boolean, dryRun: boolean): string[] {
  const errors: string[] = []
  for (const name of inputNames) {
    const entry = inputSchema[name] as InputEntry
    const isDefault = entry.default !== undefined && raw[name]?.trim() === entry.default
    if (entry.for !== 'all' && given(name) && !isDefault && !entry.for.includes(provider)) {
      errors.push(`input ${name}: does not apply to provider ${provider}; it is for ${entry.for.join(', ')}`)
    }
  }
  const description = descriptions[provider]
  for (const input of Object.values(description.inputs)) {
    if (input.required && !given(input.input)) errors.push(`input ${input.input}: required for provider ${provider}`)
  }
  const token = description.token
  if (typeof token === 'object') {
    if (given('token')) errors.push(`input token: does not apply to provider ${provider}; it uses ${token.instead}`)
  } else if (token === 'required' && !given('token') && !dryRun) {
    errors.push(`input token: required for provider ${provider} (only a dry-run needs none)`)
  }
  return errors
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

