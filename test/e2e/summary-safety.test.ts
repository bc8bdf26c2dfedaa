import { afterEach, beforeEach, expect, it } from 'vitest'
import { startCloudflareEmulator, type CloudflareEmulator } from '../emulators/cloudflare.js'
import { runAction } from './run-action.js'

/** Items and provider messages with markup cannot break the summary table or inject HTML. */

const token = 'cf-test-token-0123456789'
const zoneId = 'd'.repeat(32)
let cf: CloudflareEmulator
beforeEach(async () => {
  cf = await startCloudflareEmulator({ token, zones: [{ id: zoneId, name: 'example.com' }] })
})
afterEach(async () => {
  await cf.close()
})

const nasty = ['https://example.com/a?q=<script>alert(1)</script>', 'https://example.com/b?x=1|2|3', 'https://example.com/c?`code`&y=>']

it('escapes items in the table and the purged list', async () => {
  const run = await runAction({ provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, paths: JSON.stringify(nasty), keys: 'tag|with|pipes' })
  expect(run.exitCode).toBe(0)
  expect(run.summary).not.toContain('<script>')
  expect(run.summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  expect(run.summary).toContain('x=1&#124;2&#124;3')
  expect(run.summary).toContain('&#96;code&#96;')
  expect(run.summary).toContain('tags: tag&#124;with&#124;pipes')
  // Every row of the table has the same number of cells.
  const rows = [...run.summary.matchAll(/<tr>(.*?)<\/tr>/g)].map((match) => (match[1]?.match(/<t[hd]>/g) ?? []).length)
  expect(new Set(rows).size).toBe(1)
})

it('escapes a provider error message with markup and newlines', async () => {
  cf.faults.push({ status: 400, body: JSON.stringify({ success: false, errors: [{ code: 1, message: 'bad <img src=x onerror=alert(1)>\n| col | `x`' }], messages: [], result: null }) })
  const run = await runAction({ provider: 'cloudflare', token, zone: zoneId, 'api-url': cf.url, paths: 'https://example.com/a' })
  expect(run.exitCode).toBe(1)
  expect(run.summary).not.toContain('<img')
  // The provider's newline is shown as \n (src/visible.ts), so it can start no line of the log either.
  expect(run.summary).toContain('bad &lt;img src=x onerror=alert(1)&gt;\\n&#124; col &#124; &#96;x&#96;')
  const rows = [...run.summary.matchAll(/<tr>(.*?)<\/tr>/g)].map((match) => (match[1]?.match(/<t[hd]>/g) ?? []).length)
  expect(new Set(rows).size).toBe(1)
})
