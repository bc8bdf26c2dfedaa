import type * as z from 'zod/mini'
import type { CacheStatusStyleName } from '../after-purge/cache-status.js'
import type { Pacing } from '../http/client.js'
import type { ProviderName } from './names.js'

/**
 * What a provider is, as data: loaded in every run (the inputs are checked against it) while the
 * provider's behaviour loads only when it is the one chosen. See provider.ts for how to add one.
 */
export interface ProviderDescription {
  name: ProviderName
  /** As users read it in the log and summary. */
  title: string
  /**
   * The provider's own inputs, by the settings field each becomes (`zones` from input `zone`).
   * Every input that no provider names here applies to all, or is tied to a capability below.
   */
  inputs: Record<string, InputDescription>
  /**
   * `required` (except in a dry-run), `optional`, or not taken at all: then `instead` says what
   * authenticates instead (read where the input is rejected: "it uses ...").
   */
  token: 'required' | 'optional' | { instead: string }
  /** The API URL when `api-url` is not given. */
  defaultApiUrl: string
  /** Items per request for each batch kind: the default and the documented maximum. */
  batchSizes: Record<string, { default: number; max: number }>
  /** Requests in flight at once. */
  concurrency: number
  /**
   * The CDN's documented rate limits by batch kind: requests of that kind are sent at this pace.
   * Kinds given the same object share one bucket.
   */
  pacing?: Record<string, Pacing>
  /**
   * What it can purge and do. `tags` takes the `keys` inputs, `soft` the `soft` input, `wait` the
   * `wait` input; the rest documents the CDN (the README's capability table).
   */
  can: Capabilities
  /** How the CDN's answers say they came from its cache (`verify`); see src/after-purge/cache-status.ts. */
  cacheStatus?: CacheStatusStyleName
}

export interface Capabilities {
  urls: boolean
  prefixes: boolean
  tags: boolean
  everything: boolean
  soft: boolean
  wait: boolean
}

export interface InputDescription {
  /** The input's name in action.yml. */
  input: string
  /** Raw text (undefined when not given) -> the typed value; see src/inputs/schemas.ts. */
  schema: z.ZodMiniType
  /** The action.yml default, when it has one (the runner passes it when the input is not given). */
  default?: string
  /** Without it the provider cannot run ("input zone: required for provider cloudflare"). */
  required?: boolean
  /** A list of what to purge, like `paths` (counts as something to purge; not with `scope: all`). */
  purges?: boolean
}

/** The typed options a provider reads: each of its inputs' parsed values, by settings field. */
export type OptionsOf<D extends { inputs: Record<string, { schema: z.ZodMiniType }> }> = {
  [Field in keyof D['inputs']]: z.output<D['inputs'][Field]['schema']>
}
