import { describe, expect, it } from 'vitest'
import {
  afterPurgeCounts,
  afterPurgeLog,
  afterPurgeSummary,
  afterPurgeWarnings,
  staleMessage,
  verificationJson,
  type AfterPurge,
  type VerificationEntry,
} from '../../src/report/verify-report.js'

const entry = (url: string, verdict: VerificationEntry['verdict'], status: string | null, age: number | null, more: Partial<VerificationEntry> = {}): VerificationEntry => ({
  url,
  ...(status ? { header: 'cf-cache-status' } : {}),
  status,
  age,
  verdict,
  checks: 1,
  ...more,
})

const after: AfterPurge = {
  verification: {
    mode: true,
    durationMs: 4_200,
    entries: [
      entry('https://www.example.com/', 'fresh', 'MISS', null),
      entry('https://www.example.com/', 'fresh', 'HIT', 1, { variant: { 'CF-Device-Type': 'mobile' } }),
      entry('https://www.example.com/old', 'stale', 'HIT', 3604, { checks: 4 }),
      entry('https://www.example.com/api', 'not-cached', 'DYNAMIC', null),
      entry('https://www.example.com/down', 'unknown', null, null, { checks: 2, error: 'connect ECONNREFUSED' }),
    ],
  },
  warm: { requested: 6, warmed: 5, failures: [{ url: 'https://www.example.com/gone', error: 'HTTP 404' }], overLimit: 0, durationMs: 1_250 },
}

describe('verify and warm, as users read them', () => {
  it('logs a group with one line per URL, and the warm line', () => {
    expect(afterPurgeLog(after)).toEqual({
      title: 'Verify: 5 URLs checked in 4.2 s: 2 fresh, 1 not-cached, 1 stale, 1 unknown',
      lines: [
        'fresh https://www.example.com/ (cf-cache-status: MISS, age -, 1 check)',
        'fresh https://www.example.com/ [CF-Device-Type: mobile] (cf-cache-status: HIT, age 1, 1 check)',
        'stale https://www.example.com/old (cf-cache-status: HIT, age 3604, 4 checks)',
        'not-cached https://www.example.com/api (cf-cache-status: DYNAMIC, age -, 1 check)',
        'unknown https://www.example.com/down (connect ECONNREFUSED, age -, 2 checks)',
      ],
      warm: 'Warm: 5 of 6 URLs warmed in 1.3 s, 1 failed',
    })
  })

  it('counts the outputs', () => {
    expect(afterPurgeCounts(after)).toEqual({ verified: 2, stale: 1, warmed: 5 })
    expect(afterPurgeCounts(undefined)).toEqual({ verified: 0, stale: 0, warmed: 0 })
  })

  it('gives result.verification one object per URL', () => {
    expect(verificationJson(after).slice(1, 3)).toEqual([
      { url: 'https://www.example.com/', variant: { 'CF-Device-Type': 'mobile' }, header: 'cf-cache-status', status: 'HIT', age: 1, verdict: 'fresh', checks: 1, error: null },
      { url: 'https://www.example.com/old', header: 'cf-cache-status', status: 'HIT', age: 3604, verdict: 'stale', checks: 4, error: null },
    ])
    expect(verificationJson(undefined)).toEqual([])
  })

  it('shows a verification table, stale first, and the warm line', () => {
    expect(afterPurgeSummary(after).join('\n')).toMatchInlineSnapshot(`
      "### Verification

      **Checked:** 5 URLs in 4.2 s: 2 fresh, 1 not-cached, 1 stale, 1 unknown

      <table><tr><th>URL</th><th>Status header</th><th>Age</th><th>Verdict</th></tr><tr><td>https://www.example.com/old</td><td>cf-cache-status: HIT</td><td>3604</td><td>stale</td></tr><tr><td>https://www.example.com/down</td><td>connect ECONNREFUSED</td><td></td><td>unknown</td></tr><tr><td>https://www.example.com/api</td><td>cf-cache-status: DYNAMIC</td><td></td><td>not-cached</td></tr><tr><td>https://www.example.com/</td><td>cf-cache-status: MISS</td><td></td><td>fresh</td></tr><tr><td>https://www.example.com/ [CF-Device-Type: mobile]</td><td>cf-cache-status: HIT</td><td>1</td><td>fresh</td></tr></table>

      **Warm:** 5 of 6 URLs warmed in 1.3 s, 1 failed
      "
    `)
  })

  it('caps the table with "and N more"', () => {
    const many: AfterPurge = {
      verification: { mode: 'warn', durationMs: 1_000, entries: Array.from({ length: 60 }, (_, index) => entry(`https://www.example.com/${index}`, 'fresh', 'MISS', null)) },
    }
    const summary = afterPurgeSummary(many).join('\n')
    expect(summary.match(/<tr><td>https/g)).toHaveLength(50)
    expect(summary).toContain('<tr><td colspan="4">and 10 more</td></tr>')
  })

  it('escapes what a URL could smuggle into the summary', () => {
    const odd: AfterPurge = { verification: { mode: true, durationMs: 0, entries: [entry('https://www.example.com/<b>|`x`', 'fresh', 'MISS', null)] } }
    expect(afterPurgeSummary(odd).join('\n')).toContain('<td>https://www.example.com/&lt;b&gt;&#124;&#96;x&#96;</td>')
  })

  it('names the stale URLs in the failure, and warns about what could not be told', () => {
    expect(staleMessage(after.verification)).toBe(
      '1 of 5 checked URLs are still served from a copy older than the purge after 4.2 s: https://www.example.com/old (cf-cache-status: HIT, age 3604)',
    )
    expect(afterPurgeWarnings(after)).toEqual([
      'verify could not tell whether 1 URL is fresh (no answer, or no cache status or Age to judge by): https://www.example.com/down (connect ECONNREFUSED, age -)',
      'warm: 1 of 6 URLs were not warmed: https://www.example.com/gone (HTTP 404)',
    ])
    const warn: AfterPurge = { verification: { ...(after.verification as NonNullable<AfterPurge['verification']>), mode: 'warn' } }
    expect(afterPurgeWarnings(warn)[0]).toMatch(/^1 of 5 checked URLs are still served from a copy older than the purge/)
  })

  it('says what a dry run would do', () => {
    const dry: AfterPurge = {
      verification: { mode: true, entries: [], durationMs: 0, planned: ['https://www.example.com/a', 'https://www.example.com/b'] },
      warm: { requested: 0, warmed: 0, failures: [], overLimit: 3, durationMs: 0, planned: 10 },
    }
    expect(afterPurgeLog(dry)).toEqual({
      lines: ['verify (dry run): would check 2 URLs: https://www.example.com/a, https://www.example.com/b'],
      warm: 'Warm (dry run): would request 10 URLs, and 3 more over warm-limit',
    })
    expect(afterPurgeSummary(dry)).toEqual([
      '### Verification',
      '',
      'Dry run: would check 2 URLs after the purge.',
      '',
      '**Warm (dry run):** would request 10 URLs, and 3 more over warm-limit',
      '',
    ])
  })
})
