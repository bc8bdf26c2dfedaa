import { describe, expect, it } from 'vitest'
import { SlidingWindow, reserveWindowSlots, reserveWindows } from '../../src/http/pace.js'

// DigitalOcean's documented limits; each window is kept 5% longer than documented.
const files = () => new SlidingWindow({ limit: 50, windowSeconds: 20 })
const requests = () => new SlidingWindow({ limit: 5, windowSeconds: 10 })

/** Send times (ms) of requests carrying these file counts, all asked for at 0. */
function schedule(fileCounts: number[]): number[] {
  const both = { files: files(), requests: requests() }
  let now = 0
  return fileCounts.map((count) => {
    const units = count === 0 ? [{ window: both.requests, units: 1 }] : [{ window: both.requests, units: 1 }, { window: both.files, units: count }]
    now += reserveWindows(units, now) as number
    return now
  })
}

/** The most units any window of `windowMs` holds. */
function busiest(times: number[], units: number[], windowMs: number): number {
  return Math.max(...times.map((end) => times.reduce((sum, at, index) => (at > end - windowMs && at <= end ? sum + (units[index] as number) : sum), 0)))
}

describe('SlidingWindow pacing', () => {
  it('sends 1,000 files as 20 batches of 50, one every 21 s: about 400 s', () => {
    const times = schedule(Array<number>(20).fill(50))
    expect(times[0]).toBe(0)
    expect(times[1]).toBe(21_000)
    expect(times.at(-1)).toBe(19 * 21_000)
  })

  it('lets 5 small requests go at once, then the sixth 10.5 s after the first', () => {
    expect(schedule([1, 1, 1, 1, 1, 1, 1])).toEqual([0, 0, 0, 0, 0, 10_500, 10_500])
  })

  it('counts a lookup in the request window and small batches in the file window', () => {
    // A lookup page, then batches of 20 files: 50 files fit in one window, so the third batch waits.
    expect(schedule([0, 20, 20, 20])).toEqual([0, 0, 0, 21_000])
  })

  it('never puts more than the limits in any window of the documented length, whatever the mix', () => {
    const counts = Array.from({ length: 200 }, (_, index) => (index * 37) % 51)
    const times = schedule(counts)
    expect(busiest(times, counts, 20_000)).toBeLessThanOrEqual(50)
    expect(busiest(times, counts.map(() => 1), 10_000)).toBeLessThanOrEqual(5)
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  it('books nothing when the slot would come at or after `latest`', () => {
    const window = requests()
    for (let index = 0; index < 5; index++) reserveWindows([{ window, units: 1 }], 0)
    expect(reserveWindows([{ window, units: 1 }], 0, 10_500)).toBeUndefined()
    expect(reserveWindows([{ window, units: 1 }], 0, 10_501)).toBe(10_500)
  })

  it('runs faster with a time scale', () => {
    const window = new SlidingWindow({ limit: 50, windowSeconds: 20 }, 100)
    expect([reserveWindows([{ window, units: 50 }], 0), reserveWindows([{ window, units: 50 }], 0)]).toEqual([0, 210])
  })

  it('counts a request from its answer on, when it came late (the provider counts it on arrival)', () => {
    const window = files()
    const first = reserveWindowSlots([{ window, units: 50 }], 0)
    // The answer came 3 s after the request was sent: it may have arrived that late.
    for (const { window: each, booking } of first?.bookings ?? []) each.countFrom(booking, 3_000)
    expect(reserveWindows([{ window, units: 1 }], 3_000)).toBe(21_000)
    // An earlier time changes nothing.
    for (const { window: each, booking } of first?.bookings ?? []) each.countFrom(booking, 1_000)
    expect(window.earliest(3_000, 1)).toBe(24_000)
  })
})
