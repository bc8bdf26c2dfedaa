import { describe, expect, it } from 'vitest'
import { LearnedPace } from '../../src/http/learned-pace.js'

/** `count` requests sent at `at` and answered with `status` `latency` ms later. */
function answer(pacer: LearnedPace, count: number, status: number, at: number, latency = 0): void {
  for (let index = 0; index < count; index++) {
    pacer.sent(at)
    pacer.answered(status, at, at + latency)
  }
}

/** It paces 5% below the rate it measured. */
const paced = (ratePerSecond: number) => ratePerSecond * 0.95

/** A bucket of 25 requests refilled at 5 a second, as the pacer meets it. */
function learnedFiveASecond(): LearnedPace {
  const pacer = new LearnedPace()
  answer(pacer, 25, 200, 0) // the full bucket
  answer(pacer, 1, 429, 50) // empty: the first 429
  answer(pacer, 5, 200, 1_050) // after its Retry-After of 1 s: what 1 s refilled
  answer(pacer, 1, 429, 1_050) // empty again
  return pacer
}

describe('LearnedPace: learns a token bucket from 429s', () => {
  it('holds nothing back before any 429', () => {
    const pacer = new LearnedPace()
    answer(pacer, 1_000, 200, 0)
    expect(pacer.delayMs(0)).toBe(0)
    expect(pacer.ratePerSecond).toBeUndefined()
  })

  it('holds nothing back after one 429: Retry-After alone (HttpClient) decides', () => {
    const pacer = new LearnedPace()
    answer(pacer, 25, 200, 0)
    answer(pacer, 4, 429, 50)
    expect(pacer.delayMs(50)).toBe(0)
    expect(pacer.ratePerSecond).toBeUndefined()
  })

  it('takes the rate from the requests accepted between the first 429 and a later one, less 5%', () => {
    expect(learnedFiveASecond().ratePerSecond).toBeCloseTo(paced(5))
  })

  it('does not count requests that were in flight at the first 429: the bucket may have let them through before', () => {
    const pacer = new LearnedPace()
    answer(pacer, 25, 200, 0)
    pacer.sent(40) // in flight when the 429 comes...
    answer(pacer, 1, 429, 50)
    pacer.answered(200, 40, 60) // ...and accepted after it
    answer(pacer, 5, 200, 1_050)
    answer(pacer, 1, 429, 1_050)
    expect(pacer.ratePerSecond).toBeCloseTo(paced(5))
  })

  it('does not trust fewer than 3 accepted requests: one more or less would change the rate too much', () => {
    const pacer = new LearnedPace()
    answer(pacer, 25, 200, 0)
    answer(pacer, 1, 429, 0)
    answer(pacer, 2, 200, 1_000)
    answer(pacer, 1, 429, 1_000)
    expect(pacer.ratePerSecond).toBeUndefined()
    expect(pacer.delayMs(1_000)).toBe(0)
  })

  it('once it knows the rate, spaces requests by 1/rate while the bucket is empty', () => {
    const pacer = learnedFiveASecond()
    const spacing = Math.ceil(1_000 / paced(5))
    expect(pacer.delayMs(1_050)).toBe(spacing)
    pacer.sent(1_050 + spacing)
    expect(pacer.delayMs(1_050 + spacing)).toBe(spacing)
    expect(pacer.delayMs(1_050 + spacing + 100)).toBe(spacing - 100)
  })

  it('after a pause, lets go at once what the pause refilled, then spaces the rest', () => {
    const pacer = learnedFiveASecond()
    const afterPause = 2_050 // the Retry-After of the second 429: 4.75 requests refilled
    const delays = Array.from({ length: 6 }, () => {
      const delay = pacer.delayMs(afterPause)
      if (delay === 0) pacer.sent(afterPause)
      return delay
    })
    expect(delays).toEqual([0, 0, 0, 0, Math.ceil(250 / paced(5)), Math.ceil(250 / paced(5))])
  })

  it('never lets go more at once than the most accepted between 429s (the bucket size)', () => {
    const pacer = learnedFiveASecond()
    const muchLater = 600_000
    let sentAtOnce = 0
    while (pacer.delayMs(muchLater) === 0) {
      pacer.sent(muchLater)
      sentAtOnce++
    }
    expect(sentAtOnce).toBe(25)
  })

  it('a new 429 corrects the rate: the window since the first 429 grows', () => {
    const pacer = learnedFiveASecond()
    answer(pacer, 7, 200, 2_050)
    answer(pacer, 1, 429, 2_050) // 12 accepted in 2 s since the first 429
    expect(pacer.ratePerSecond).toBeCloseTo(paced(6))
  })
})
