// Loopback emulator of the Edgio (Layer0) clear-cache API, strict like the real one.
// Spec: /work/shared/PROVIDERS.md, section "Edgio", and docs.edg.io/applications/v7/rest_api/cache_purge.
// Edgio documented neither its answers nor its errors: the statuses and bodies chosen here are
// marked where they are chosen.
import { randomUUID } from 'node:crypto'
import { startLoopback, type Fault, type RecordedRequest, type Reply } from './loopback.js'

export type { Fault, RecordedRequest } from './loopback.js'

/** How a successful clear is answered: the real format is not documented, so each is possible. */
export type AnswerStyle = 'text' | 'json' | 'empty'

export interface EdgioEmulatorOptions {
  token?: string
  team?: string
  site?: string
  environment?: string
  answer?: AnswerStyle
}

export interface AcceptedClear {
  body: Record<string, unknown>
  /** The id answered in `json` style. */
  id: string
}

export interface EdgioEmulator {
  url: string
  requests: RecordedRequest[]
  clears: AcceptedClear[]
  faults: Fault[]
  /** Changeable between runs. */
  answer: AnswerStyle
  close(): Promise<void>
}

export const DEFAULT_TOKEN = 'edgio-deploy-token-0123456789'
export const CLEAR_CACHE_PATH = '/api/v1/clear-cache'
const siteFields = ['team', 'site', 'environment'] as const
const listFields = ['paths', 'surrogateKeys', 'cacheHashes'] as const

export async function startEdgioEmulator(options: EdgioEmulatorOptions = {}): Promise<EdgioEmulator> {
  const expected = {
    token: options.token ?? DEFAULT_TOKEN,
    team: options.team ?? 'acme',
    site: options.site ?? 'www',
    environment: options.environment ?? 'production',
  }
  const clears: AcceptedClear[] = []
  const faults: Fault[] = []

  const server = await startLoopback({
    faultFor: () => faults.shift(),
    handle: (request) => clearCache(request),
  })

  const emulator: EdgioEmulator = { url: server.url, requests: server.requests, clears, faults, answer: options.answer ?? 'text', close: server.close }

  function clearCache(request: RecordedRequest): Reply {
    if (request.method !== 'POST' || request.path !== CLEAR_CACHE_PATH) return text(404, 'Not Found')
    // Chosen: 401 without a token, 403 with a wrong one.
    const token = request.headers['x-api-key']
    if (token === undefined || token === '') return text(401, 'Unauthorized: missing x-api-key header')
    if (token !== expected.token) return text(403, 'Forbidden: invalid deploy token')
    if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      return text(400, 'content-type must be application/json')
    }
    const body = request.body
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return text(400, 'Body must be a JSON object')
    const fields = body as Record<string, unknown>

    const unknown = Object.keys(fields).filter((key) => !(siteFields as readonly string[]).includes(key) && !(listFields as readonly string[]).includes(key))
    if (unknown.length > 0) return text(400, `Unknown field(s): ${unknown.join(', ')}`)
    for (const field of siteFields) {
      if (typeof fields[field] !== 'string') return text(400, `${field} is required`)
    }
    // Chosen: 404 for a team, site or environment the token does not reach.
    if (siteFields.some((field) => fields[field] !== expected[field])) {
      return text(404, `Environment ${String(fields.team)}/${String(fields.site)}/${String(fields.environment)} not found`)
    }
    const given = listFields.filter((field) => field in fields)
    if (given.length > 1) return text(400, `Only one of paths, surrogateKeys or cacheHashes can be cleared at once, got ${given.join(', ')}`)
    const field = given[0]
    if (field !== undefined) {
      const list = fields[field]
      // Stricter than documented: an empty list must never be read as "everything".
      if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
        return text(400, `${field} must be a non-empty array of strings`)
      }
      const relative = field === 'paths' ? list.find((item: string) => !item.startsWith('/')) : undefined
      if (relative !== undefined) return text(400, `paths must start with /, got ${String(relative)}`)
    }

    const id = randomUUID()
    clears.push({ body: fields, id })
    if (emulator.answer === 'json') return { status: 200, body: { id, status: 'pending' } }
    if (emulator.answer === 'empty') return { status: 204 }
    return text(200, field === undefined ? 'Cleared the whole environment' : `Cleared ${(fields[field] as unknown[]).length} ${field}`)
  }

  return emulator
}

function text(status: number, body: string): Reply {
  return { status, body }
}
