import type { Answer, HttpClient, HttpRequest, Verdict } from '../http/client.js'
import type { Settings } from '../inputs/settings.js'
import type { ProviderDescription } from './description.js'

/**
 * # The provider seam: how a CDN plugs in
 *
 * A provider is two modules in its own folder, `src/providers/<name>/`:
 *
 * - `description.ts`, data only, loaded in every run: its name and title, its own inputs (zod/mini
 *   schemas from src/inputs/schemas.ts, which are required, which list what to purge), its token
 *   rule, default API URL, batch sizes, concurrency, pacing, capabilities and cache-status style.
 *   The inputs module derives everything from the descriptions: which input applies to which
 *   provider ("input zone: does not apply to provider fastly; it is for cloudflare"), the
 *   required and token checks, and the typed options each provider reads
 *   (`Settings<OptionsOf<typeof description>>`: the common settings plus its own inputs).
 * - `provider.ts`, its behaviour, loaded only when it is the one chosen: a short class that
 *   extends `Provider` below, exported; the registry makes it with its description (the class
 *   imports the description's types only: see index.ts). Five members are required:
 *     - `targets(settings)`: what the purge goes to, as the inputs name it (zone, service...);
 *     - `group(settings, targets)`: pure; every item checked (input errors name the input) and
 *       grouped into batches by target and kind (plan.ts cuts them to the batch size);
 *     - `signIn(settings, context)`: async; the headers that authenticate every API call and/or a
 *       signer run before each attempt. It gets the HTTP client (same deadline, retries, proxy)
 *       and the run's environment, so it can exchange a GitHub OIDC token for an access token;
 *       anything secret it obtains goes to `context.registerSecret` first. Never called in a
 *       dry-run, nor when there is nothing to send;
 *     - `request(batch, settings)`: the API request for one batch (pure: a dry-run shows it);
 *     - `readAnswer(answer, batch)`: the provider's answer -> purged, or failed and why.
 *   The rest have defaults, overridden where a CDN needs them: `apiUrl` (from the settings),
 *   `credentials` (checks and secrets known before anything is sent), `resolveTargets` (API
 *   lookups, Cloudflare's zone names), `settle` (after every batch: `wait` polling, with
 *   `pollUntil` from helpers.ts), `explainNetworkError`.
 *
 * Shared helpers for providers: src/providers/helpers.ts (isSuccess, parseJson, isObject,
 * callApi, pollUntil, wait, requiredForKeysOrEverything), urls.ts (absoluteUrl), src/inputs/lists.ts
 * (quote, dedupe, parseHttpUrl), src/http/client.ts (bodySnippet, header, formatSeconds).
 *
 * To add a CDN:
 *   1. its name in names.ts;
 *   2. its folder: description.ts and provider.ts (plus helper modules of its own: signing, an
 *      OIDC exchange...). provider.ts imports description.ts for types only (`import type`);
 *      a constant both need goes in a small module of its own (cloudfront/limits.ts);
 *   3. in index.ts: the description's import and its entry in `descriptions`, and the lazy
 *      `import()` of the class in `behaviours`;
 *   4. its inputs in action.yml and its README section (a test checks both list every input);
 *   5. its emulator in test/emulators/, its tests, and its line in test/support/providers.ts.
 * Nothing else names a provider. An input two providers share (`base-url`) is declared by both
 * descriptions with the same schema. A provider that can `wait`, `soft`-purge or purge `tags`
 * joins the "it is for ..." list in the error for that input, which a few tests in
 * test/unit/inputs.test.ts spell out in full. A new cache-status style goes in
 * src/after-purge/cache-status.ts.
 *
 * Edgio (src/providers/edgio/) is the smallest complete example: a token header, one target,
 * three kinds of items, no lookups and no waiting. CloudFront shows a signer and `wait`;
 * Cloudflare shows `resolveTargets`.
 */
export abstract class Provider<Options extends object = Record<string, unknown>> {
  /** Given by the registry (index.ts): the behaviour's chunk does not load the description's schemas again. */
  constructor(readonly description: ProviderDescription) {}

  /** Targets as the inputs name them, before any lookup (what a dry-run shows). */
  abstract targets(settings: Settings<Options>): Target[]

  /**
   * Pure: the validated items of each kind for each target, or input errors naming the input;
   * `notes` are said once in the log (a query string the CDN ignores, dropped).
   */
  abstract group(settings: Settings<Options>, targets: Target[]): { groups: Batch[]; errors: string[]; notes?: string[] }

  /** Authenticates the run: see above. */
  abstract signIn(settings: Settings<Options>, context: SignInContext): Promise<Auth>

  abstract request(batch: Batch, settings: Settings<Options>): ApiRequest

  abstract readAnswer(answer: Answer, batch: Batch): Outcome

  /** The API URL: `api-url`, else the description's default. */
  apiUrl(settings: Settings<Options>): string {
    return settings.apiUrl ?? this.description.defaultApiUrl
  }

  /**
   * Credentials beyond a plain token (parsed from `token`, or read from the environment), checked
   * before anything is sent: their secret values, masked before anything is logged, and input
   * errors, reported with the others.
   */
  credentials(_settings: Settings<Options>): { secrets: string[]; errors: string[] } {
    return { secrets: [], errors: [] }
  }

  /**
   * Looks the targets up through the API, when sending for real (Cloudflare zone names). The
   * batches are planned again only for targets it changed (a new array).
   */
  resolveTargets(targets: Target[], _settings: Settings<Options>, _api: ApiContext): Promise<Target[]> {
    return Promise.resolve(targets)
  }

  /**
   * Lines the log shows before anything is sent, and in a dry-run: what the plan will take
   * (DigitalOcean: how long its pacing lasts).
   */
  planNotes(_batches: Batch[], _settings: Settings<Options>): string[] {
    return []
  }

  /** Runs after every batch was sent, e.g. polling asynchronous purges (`wait`). May split a result (see `continued`). */
  settle(_results: BatchResult[], _settings: Settings<Options>, _api: ApiContext): Promise<void> {
    return Promise.resolve()
  }

  /** Adds what the provider knows about its API host being unreachable (DNS failure, refused). */
  explainNetworkError(message: string, _apiUrl: string): string {
    return message
  }
}

/** Where a purge goes: a zone, a site environment, a distribution... */
export interface Target {
  /** What users read in the log and summary. */
  label: string
  /** What the API path takes (zone id); empty while unresolved. */
  id: string
  /** A hostname, when the target has one (Cloudflare zone name): used for routing. */
  name?: string
}

export type Item = string | { url: string; headers: Record<string, string> }

/** Items of one kind for one target: what `group` returns, and (cut to the batch size) one request. */
export interface Batch {
  target: Target
  kind: string
  /** Empty for kind `everything`. */
  items: Item[]
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE'
  /** Appended to the API URL. */
  path: string
  headers?: Record<string, string>
  body?: string
}

/** The shared verdict; a success may also say more (shown in the summary) and when it will be done (for `wait`). */
export type Outcome = Exclude<Verdict, { ok: true }> | { ok: true; id?: string; ids?: string[]; detail?: string; estimatedSeconds?: number }

export type BatchStatus = 'purged' | 'failed' | 'planned' | 'skipped'

export interface BatchResult extends Batch {
  status: BatchStatus
  id?: string
  /** Every id, when one request got several (a Fastly batch of keys: one purge id per key). */
  ids?: string[]
  attempts: number
  error?: string
  /** Provider detail worth a summary column (Cloudimage final state and time). */
  detail?: string
  /** Epoch milliseconds when the provider's answer accepting the purge arrived (`verify`). */
  acceptedAt?: number
  /** The provider's estimate of the seconds until the purge is done everywhere (Akamai), for `wait`. */
  estimatedSeconds?: number
  /**
   * Part of the same request as the result before it, split off by `settle` because its items
   * fared differently (jsDelivr paths throttled): not counted again as a request, nor its id.
   */
  continued?: true
}

/** Signs a request before each attempt (a time or nonce in each signature: AWS Signature V4, EdgeGrid). */
export type Signer = (request: HttpRequest) => HttpRequest | Promise<HttpRequest>

/** What `signIn` returns: headers for every API call (their values are secrets) and/or a signer. */
export interface Auth {
  headers?: Record<string, string>
  sign?: Signer
}

/** What `signIn` gets. */
export interface SignInContext {
  /** Under the step's deadline, retries and proxy, like every API call. */
  http: HttpClient
  apiUrl: string
  /** The process environment (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN for GitHub OIDC, AWS_*). */
  env: Record<string, string | undefined>
  /** Masks a secret the sign-in obtained (an access token) in everything the action writes. */
  registerSecret(value: string): void
}

/** What a provider gets to make its own API calls (lookups, polling) under the shared policy. */
export interface ApiContext {
  http: HttpClient
  apiUrl: string
  /** From `signIn`. */
  headers: Record<string, string>
  sign?: Signer
  /** The clock and the sleep of `wait` loops (see `pollUntil`). */
  now(): number
  sleep(ms: number): Promise<void>
  /** Waits run this many times faster: CDN_PURGE_TIME_SCALE, for tests; 1 for users. */
  timeScale: number
}
