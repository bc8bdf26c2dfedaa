import { describe, expect, it } from 'vitest'
import { TokenBucket } from '../../src/http/pace.js'

/** The waits handed out to `count` callers that all reserve at `at`. */
function waits(bucket: TokenBucket, count: number, at = 0): (number | undefined)[] {
  return Array.from({ length: count }, () => bucket.reserve(at))
}

describe('TokenBucket', () => {
  it('lets 90% of the burst go at once (a tenth kept in reserve), then one token per 1/perSecond', () => {
    const bucket = new TokenBucket({ burst: 120, perSecond: 5 }, 0)
    const given = waits(bucket, 110)
    expect(given.slice(0, 108).every((wait) => wait === 0)).toBe(true)
    expect(given.slice(108)).toEqual([200, 400])
  })

  it('queues concurrent callers one slot after another, and refills while idle up to the capacity', () => {
    const bucket = new TokenBucket({ burst: 20, perSecond: 0.5 }, 0)
    waits(bucket, 18)
    expect(waits(bucket, 3)).toEqual([2_000, 4_000, 6_000])
    // At 60 s the bucket has long refilled, but never beyond 18 tokens.
    expect(waits(bucket, 19, 60_000)).toEqual([...Array<number>(18).fill(0), 2_000])
  })

  it('keeps at least one token for a burst below 2', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, 0)
    expect(waits(bucket, 2)).toEqual([0, 1_000])
  })

  it('books nothing when the slot would come at or after `latest`', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, 0)
    expect(bucket.reserve(0)).toBe(0)
    expect(bucket.reserve(0, 1_000)).toBeUndefined()
    expect(bucket.reserve(0, 1_001)).toBe(1_000)
  })

  it('runs the refill faster by timeScale, the burst unchanged', () => {
    const bucket = new TokenBucket({ burst: 120, perSecond: 5 }, 0, 50)
    waits(bucket, 108)
    expect(waits(bucket, 2)).toEqual([4, 8])
  })

  it('waits a whole millisecond more rather than a fraction less', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 3 }, 0)
    expect(waits(bucket, 2)).toEqual([0, 334])
  })
})
