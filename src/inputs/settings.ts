import type { ProviderName } from '../providers/names.js'

/**
 * What the user asked for, typed: the seam between the inputs and everything else. The inputs
 * every provider shares are here; a provider's own inputs (its description's `inputs`) are
 * `Options`, typed for that provider alone: `Settings<OptionsOf<typeof description>>`. Outside
 * the provider they are some provider's options, unknown.
 */
export type Settings<Options extends object = Record<string, unknown>> = CommonSettings & Options

export type CommonSettings = {
  provider: ProviderName
  token: string
  paths: string[]
  /** Cache tags or surrogate keys (`keys`, for providers that purge tags). */
  keys: string[]
  scope: 'listed' | 'all'
  /** Not given: the provider's own default (`soft`, for providers that soft-purge). */
  soft: boolean | undefined
  /** `wait`, for providers that can wait for the purge to finish. */
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
  /** The process environment, for providers whose own tools read credentials or run ids there (AWS). */
  env: Record<string, string | undefined>
}
