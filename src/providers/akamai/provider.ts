import { createHash, createHmac, randomUUID } from 'node:crypto'
import { bodySnippet, formatSeconds, header, type Answer, type HttpRequest } from '../../http/client.js'
import { parseHttpUrl, quote } from '../../inputs/lists.js'
import type { Settings } from '../../inputs/settings.js'
import { isSuccess, parseJson, wait } from '../helpers.js'
import { Provider, type ApiContext, type ApiRequest, type Auth, type Batch, type BatchResult, type Item, type Outcome, type Target } from '../provider.js'
import { maxBodyBytes } from './limits.js'
import type { AkamaiOptions } from './description.js'

/**
 * Akamai Fast Purge (CCU v3): `POST /ccu/v3/{invalidate|delete}/{url|tag|cpcode}/{network}`
 * with `{"objects": [...]}`, one object type per request, signed with EdgeGrid.
 */

const emptyBodyBytes = Buffer.byteLength('{"objects":[]}')
const apiTypes: Record<string, string> = { urls: 'url', tags: 'tag', 'cp-codes': 'cpcode' }
// Cache tags: at most 128 characters, letters, digits and !#$%'+./^_`|~-
const tagPattern = /^[A-Za-z0-9!#$%'+./^_`|~-]{1,128}$/
// Akamai's advice on a 429 without a wait of its own: "wait five seconds, then retry".
const rateLimitWaitMs = 5_000

export interface EdgeGridCredentials {
  host: string
  clientToken: string
  clientSecret: string
  accessToken: string
}

type AkamaiSettings = Settings<AkamaiOptions>

export class Akamai extends Provider<AkamaiOptions> {
  /** `api-url`, else the host of the EdgeGrid credentials. */
  override apiUrl(settings: AkamaiSettings): string {
    if (settings.apiUrl) return settings.apiUrl
    const parsed = readEdgeGrid(settings.token)
    return 'credentials' in parsed ? `https://${parsed.credentials.host}` : this.description.defaultApiUrl
  }

  targets(settings: AkamaiSettings): Target[] {
    return [{ label: settings.network, id: settings.network }]
  }

  override credentials(settings: AkamaiSettings): { secrets: string[]; errors: string[] } {
    if (settings.token.trim() === '') return { secrets: [], errors: [] }
    const parsed = readEdgeGrid(settings.token)
    if ('error' in parsed) {
      return {
        secrets: [],
        errors: [
          `input token: expected Akamai EdgeGrid credentials, an .edgerc section (host, client_token, client_secret and access_token lines) ` +
            `or a JSON object with those four keys; ${parsed.error}`,
        ],
      }
    }
    const { host, clientToken, clientSecret, accessToken } = parsed.credentials
    return { secrets: [clientSecret, accessToken, clientToken, host], errors: [] }
  }

  group(settings: AkamaiSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
    return groupItems(settings, targets)
  }

  signIn(settings: AkamaiSettings): Promise<Auth> {
    const parsed = readEdgeGrid(settings.token)
    // Checked with the other inputs (credentials) before anything is sent.
    if ('error' in parsed) return Promise.reject(new Error(`input token: ${parsed.error}`))
    return Promise.resolve({ sign: (request: HttpRequest) => signRequest(request, parsed.credentials) })
  }

  request(batch: Batch, settings: AkamaiSettings): ApiRequest {
    const action = settings.soft === false ? 'delete' : 'invalidate'
    const objects = batch.kind === 'cp-codes' ? batch.items.map(Number) : batch.items
    return {
      method: 'POST',
      path: `/ccu/v3/${action}/${apiTypes[batch.kind] ?? batch.kind}/${settings.network}`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ objects }),
    }
  }

  readAnswer(answer: Answer): Outcome {
    return readPurgeAnswer(answer)
  }

  override async settle(results: BatchResult[], settings: AkamaiSettings, api: ApiContext): Promise<void> {
    if (!settings.wait) return
    // Fast Purge has no status to poll: its own estimate is all there is to wait for.
    const accepted = results.filter((result) => result.status === 'purged')
    const leftMs = api.http.deadline - api.now()
    const onTime = accepted.filter((result) => (result.estimatedSeconds ?? 0) * 1000 < leftMs)
    for (const result of accepted.filter((each) => !onTime.includes(each))) {
      Object.assign(result, {
        status: 'failed',
        error:
          `accepted (purgeId ${result.id ?? '?'}), but Akamai estimates ${result.estimatedSeconds ?? '?'} s to finish, ` +
          `more than the ${formatSeconds(Math.max(0, leftMs))} left of timeout`,
      })
    }
    const waitMs = Math.max(0, ...onTime.map((result) => (result.estimatedSeconds ?? 0) * 1000))
    await wait(api, waitMs)
    for (const result of onTime) result.detail = `${result.detail ?? ''}; waited out the estimate (${formatSeconds(waitMs)})`.replace(/^; /, '')
  }
}


// ---------------------------------------------------------------- credentials

const edgeGridKeys = [
  ['host', 'host'],
  ['client_token', 'clientToken'],
  ['client_secret', 'clientSecret'],
  ['access_token', 'accessToken'],
] as const

/**
 * An .edgerc section (`key = value` lines, optionally under one `[section]` header, `;` or `#`
 * comments, values optionally quoted) or a JSON object with the same keys. Errors never repeat
 * a value: they are secrets.
 */
export function readEdgeGrid(token: string): { credentials: EdgeGridCredentials } | { error: string } {
  const text = token.trim()
  let values: Record<string, unknown>
  if (text.startsWith('{')) {
    try {
      values = JSON.parse(text) as Record<string, unknown>
    } catch {
      return { error: 'it starts with { but is not valid JSON' }
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return { error: 'the JSON is not an object' }
  } else {
    const parsed = readEdgerc(text)
    if ('error' in parsed) return parsed
    values = parsed.values
  }
  const missing = edgeGridKeys.filter(([key]) => typeof values[key] !== 'string' || values[key].trim() === '').map(([key]) => key)
  if (missing.length > 0) return { error: `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` }
  const credentials = Object.fromEntries(edgeGridKeys.map(([key, name]) => [name, String(values[key]).trim()])) as unknown as EdgeGridCredentials
  credentials.host = credentials.host.replace(/^https:\/\//i, '').replace(/\/+$/, '')
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/i.test(credentials.host)) {
    return { error: 'host is not a hostname such as akab-xxxx.luna.akamaiapis.net' }
  }
  return { credentials }
}

function readEdgerc(text: string): { values: Record<string, string> } | { error: string } {
  const values: Record<string, string> = {}
  const sections: string[] = []
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.trim()
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue
    const section = /^\[([^\]]*)\]$/.exec(line)
    if (section) {
      sections.push(section[1] ?? '')
      if (sections.length > 1) return { error: `it holds several sections (${sections.map((name) => `[${name}]`).join(', ')}); give only the one for the purge API client` }
      continue
    }
    const equals = line.indexOf('=')
    if (equals <= 0) return { error: `line ${index + 1} is not "key = value"` }
    const key = line.slice(0, equals).trim().toLowerCase().replace(/-/g, '_')
    const value = line.slice(equals + 1).trim()
    const quoted = /^(['"])(.*)\1$/.exec(value)
    // As the official parser does: an unquoted value ends at a `;` comment.
    values[key] = quoted ? (quoted[2] ?? '') : (value.split(';')[0] ?? '').trim()
  }
  return { values }
}

// ---------------------------------------------------------------- EdgeGrid

export interface EdgeGridInput {
  method: string
  url: string
  body: string
  credentials: Pick<EdgeGridCredentials, 'clientToken' | 'clientSecret' | 'accessToken'>
  /** `yyyyMMddTHH:mm:ss+0000`, UTC. */
  timestamp: string
  nonce: string
  /** Bytes of a POST body the signature covers (the official signer's default). */
  maxBody?: number
}

/** The `Authorization` header of EdgeGrid (EG1-HMAC-SHA256), as Akamai's official signers make it. */
export function edgeGridAuthorization(input: EdgeGridInput): string {
  const { clientToken, clientSecret, accessToken } = input.credentials
  const authorization = `EG1-HMAC-SHA256 client_token=${clientToken};access_token=${accessToken};timestamp=${input.timestamp};nonce=${input.nonce};`
  const url = new URL(input.url)
  const body = input.body.slice(0, input.maxBody ?? 131_072)
  const contentHash = input.method.toUpperCase() === 'POST' && body.length > 0 ? createHash('sha256').update(body).digest('base64') : ''
  // No headers are signed (the purge API needs none): that field stays empty.
  const dataToSign = [input.method.toUpperCase(), url.protocol.replace(':', ''), url.host, url.pathname + url.search, '', contentHash, authorization].join('\t')
  const signingKey = createHmac('sha256', clientSecret).update(input.timestamp).digest('base64')
  return `${authorization}signature=${createHmac('sha256', signingKey).update(dataToSign).digest('base64')}`
}

export function edgeGridTimestamp(date: Date): string {
  const iso = date.toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}+0000`
}

function signRequest(request: HttpRequest, credentials: EdgeGridCredentials): HttpRequest {
  const authorization = edgeGridAuthorization({
    method: request.method,
    url: request.url,
    body: request.body ?? '',
    credentials,
    timestamp: edgeGridTimestamp(new Date()),
    nonce: randomUUID(),
  })
  return { ...request, headers: { ...request.headers, Authorization: authorization } }
}

// ---------------------------------------------------------------- items

function groupItems(settings: AkamaiSettings, targets: Target[]): { groups: Batch[]; errors: string[] } {
  const errors: string[] = []
  if (settings.scope === 'all') {
    errors.push(
      'input scope: Akamai Fast Purge cannot purge everything in one call; list the CP codes of your properties in cp-codes (with scope: listed) to purge all their content',
    )
    return { groups: [], errors }
  }
  const urls: string[] = []
  for (const value of settings.paths) {
    const problem = urlProblem(value)
    if (problem) errors.push(`input paths: ${problem}`)
    else urls.push(value)
  }
  const tags = settings.keys.filter((tag) => {
    const ok = tagPattern.test(tag)
    if (!ok) errors.push(`input keys: Akamai cache tags are 1 to 128 letters, digits and !#$%'+./^_\`|~- (no spaces or commas), got ${quote(tag)}`)
    return ok
  })
  const cpCodes: string[] = []
  for (const value of settings.cpCodes) {
    if (/^\d{1,10}$/.test(value) && Number(value) > 0) cpCodes.push(String(Number(value)))
    else errors.push(`input cp-codes: expected CP codes as whole numbers such as 12345, got ${quote(value)}`)
  }

  const target = targets[0]
  const groups: Batch[] = []
  if (!target) return { groups, errors }
  for (const [kind, items] of [['urls', urls], ['tags', tags], ['cp-codes', [...new Set(cpCodes)]]] as const) {
    for (const chunk of byBodySize(items, kind === 'cp-codes')) groups.push({ target, kind, items: chunk })
  }
  return { groups, errors }
}

function urlProblem(value: string): string | undefined {
  if (!parseHttpUrl(value) || /\s/.test(value)) {
    return `expected an absolute http(s) URL such as https://www.example.com/a.css, got ${quote(value)}`
  }
  if (value.includes('*')) {
    return `Akamai Fast Purge has no wildcards; purge by cache tag (keys) or CP code (cp-codes) instead, got ${quote(value)}`
  }
  if (emptyBodyBytes + Buffer.byteLength(JSON.stringify(value)) > maxBodyBytes) {
    return `a URL longer than fits in one Fast Purge request (${maxBodyBytes} bytes): ${quote(value)}`
  }
  return undefined
}

/** Cuts the objects so that no `{"objects": [...]}` body exceeds 50,000 bytes. */
function byBodySize(items: readonly string[], numbers: boolean): Item[][] {
  const chunks: string[][] = []
  let chunk: string[] = []
  let size = emptyBodyBytes
  for (const item of items) {
    const bytes = Buffer.byteLength(numbers ? item : JSON.stringify(item))
    if (chunk.length > 0 && size + 1 + bytes > maxBodyBytes) {
      chunks.push(chunk)
      chunk = []
      size = emptyBodyBytes
    }
    size += bytes + (chunk.length > 0 ? 1 : 0)
    chunk.push(item)
  }
  if (chunk.length > 0) chunks.push(chunk)
  return chunks
}

// ---------------------------------------------------------------- answers

interface Problem {
  httpStatus?: number
  status?: number
  title?: string
  detail?: string
  type?: string
  supportId?: string
  purgeId?: string
  estimatedSeconds?: number
}

function readPurgeAnswer(answer: Answer): Outcome {
  const parsed = parseJson(answer.body) as Problem | null | undefined
  if (parsed === undefined) return { ok: false, error: `HTTP ${answer.status}, not an Akamai API answer: ${bodySnippet(answer.body)}` }
  const body = parsed ?? {}
  if (isSuccess(answer.status)) {
    if (typeof body.purgeId !== 'string') return { ok: false, error: `HTTP ${answer.status}, no purgeId in the answer: ${bodySnippet(answer.body)}` }
    return {
      ok: true,
      id: body.purgeId,
      ...(body.supportId ? { detail: `supportId ${body.supportId}` } : {}),
      ...(typeof body.estimatedSeconds === 'number' ? { estimatedSeconds: body.estimatedSeconds } : {}),
    }
  }
  // Akamai's problem details, as they came: the purge API's and the authentication layer's.
  const said = [body.title, body.detail].filter((part) => typeof part === 'string' && part !== '').join(': ')
  const error = `HTTP ${answer.status}, ${said || bodySnippet(answer.body)}${body.supportId ? ` (supportId ${body.supportId})` : ''}`
  if (answer.status === 429 && header(answer, 'retry-after') === undefined) return { ok: false, error, retryable: true, retryAfterMs: rateLimitWaitMs }
  return { ok: false, error }
}
