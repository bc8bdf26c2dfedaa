import type { Answer } from '../../src/http/client.js'
import { parseInputs, type RawInputs } from '../../src/inputs/inputs.js'
import { planBatches } from '../../src/plan.js'
import type { Batch, Provider } from '../../src/providers/index.js'

/** Shared by the provider unit tests: inputs -> plan -> the requests each batch becomes. */
const defaults: RawInputs = { token: 'tok-123456', scope: 'listed', timeout: '300', retries: '5' }

export function plan(provider: Provider, raw: RawInputs) {
  const { settings, errors } = parseInputs({ ...defaults, ...raw }, { workspace: '/ws' })
  if (!settings) throw new Error(errors.join('\n'))
  const result = planBatches(settings, provider, provider.targets(settings))
  const requests = result.batches.map((batch) => {
    const request = provider.request(batch, settings)
    return [request.path, request.headers ?? {}, request.body] as const
  })
  return { ...result, errors: [...errors, ...result.errors], settings, requests }
}

export const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

export const batch = (kind: string, items: string[] = []): Batch => ({ target: { label: 't', id: 't' }, kind, items })
