/**
 * Client-side pacing to a CDN's documented rate limit, in the shape CDNs document it: a bucket of
 * `burst` tokens that refills at `perSecond`, one token per request. Sending at the bucket's pace
 * means a long list finishes without a single 429, instead of bouncing off the limit and waiting
 * out retries.
 */
export interface PaceRate {
  burst: number
  perSecond: number
}

/**
 * The share of a burst left unspent. The provider's bucket is per account (another job may be
 * purging too), and requests reach it with varying delays: a first request slowed by a TLS
 * handshake makes later ones look closer together than they were sent. Keeping a tenth of the
 * burst in reserve absorbs seconds of such jitter at no cost to the sustained rate.
 */
const burstReserve = 0.1

export class TokenBucket {
  private readonly capacity: number
  private readonly perMs: number
  private tokens: number
  private updatedAt: number

  /** `timeScale` speeds the refill up (tests run an hour of pacing in seconds); 1 in production. */
  constructor(rate: PaceRate, now: number, timeScale = 1) {
    this.capacity = Math.max(1, Math.floor(rate.burst * (1 - burstReserve)))
    this.perMs = (rate.perSecond * timeScale) / 1000
    this.tokens = this.capacity
    this.updatedAt = now
  }

  /**
   * Books the next token and returns how long to wait for it (0: go now). Tokens may go negative:
   * each caller gets its own later slot, so concurrent requests queue up in order. Books nothing
   * and returns undefined when the slot would come after `latest`.
   */
  reserve(now: number, latest = Number.POSITIVE_INFINITY): number | undefined {
    const tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs)
    const waitMs = tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perMs)
    if (now + waitMs >= latest) return undefined
    this.tokens = tokens - 1
    this.updatedAt = now
    return waitMs
  }
}

/**
 * A limit in the other shape CDNs document it: at most `limit` units (requests, or files in
 * them) in any `windowSeconds` (DigitalOcean: 50 files per 20 seconds and 5 requests per 10
 * seconds). Pacing to a sliding window also keeps to a fixed one of the same length.
 */
export interface WindowRate {
  limit: number
  windowSeconds: number
  /** What a request spends: one unit (the default), or one per item it carries (DigitalOcean's files). */
  counts?: 'requests' | 'items'
}

/** A request's units in a window: 1, or its items for a window that counts items. */
export function unitsIn(rate: WindowRate, items: number): number {
  return rate.counts === 'items' ? items : 1
}

/**
 * The window is kept this much longer than documented: requests reach the provider with varying
 * delays, so two sent exactly a window apart may arrive less than a window apart.
 */
const windowMargin = 0.05

export class SlidingWindow {
  readonly limit: number
  private readonly windowMs: number
  /** Booked sends, oldest first. */
  private readonly booked: Booking[] = []

  /** `timeScale` shortens the window (tests run minutes of pacing in seconds); 1 in production. */
  constructor(rate: WindowRate, timeScale = 1) {
    this.limit = rate.limit
    this.windowMs = (rate.windowSeconds * 1000 * (1 + windowMargin)) / timeScale
  }

  /** The earliest time from `from` on when `units` more fit in the window ending then. */
  earliest(from: number, units: number): number {
    const last = this.booked.at(-1)
    let at = Math.max(from, last?.at ?? from)
    const wanted = Math.min(units, this.limit)
    let used = 0
    let oldest = 0
    for (const each of this.booked) if (each.at > at - this.windowMs) used += each.units
    while (oldest < this.booked.length && (this.booked[oldest] as { at: number }).at <= at - this.windowMs) oldest++
    while (used + wanted > this.limit && oldest < this.booked.length) {
      // Wait until the oldest unit still in the window has left it.
      const leaving = this.booked[oldest] as { at: number; units: number }
      at = Math.max(at, leaving.at + this.windowMs)
      used -= leaving.units
      oldest++
    }
    return at
  }

  book(at: number, units: number): Booking {
    const booking = { at, units }
    this.booked.push(booking)
    // Bookings older than a window before this one can never count again.
    while (this.booked.length > 0 && (this.booked[0] as Booking).at <= at - this.windowMs) this.booked.shift()
    return booking
  }

  /**
   * Counts a booked request from `at` on instead (its answer's arrival): the provider counts it
   * when it arrived, which may be well after it was sent (a first connection, a slow proxy), and
   * no later than its answer.
   */
  countFrom(booking: Booking, at: number): void {
    if (at <= booking.at) return
    booking.at = at
    this.booked.sort((a, b) => a.at - b.at)
  }
}

export interface Booking {
  at: number
  units: number
}

/**
 * Books one request in every window it counts in (each with its own units), at the earliest time
 * all of them allow, and returns how long to wait for it (0: go now). Books nothing and returns
 * undefined when that time would come after `latest`.
 */
export function reserveWindows(windows: { window: SlidingWindow; units: number }[], now: number, latest = Number.POSITIVE_INFINITY): number | undefined {
  return reserveWindowSlots(windows, now, latest)?.waitMs
}

/** As `reserveWindows`, with the bookings made, to count them from the answer on (`countFrom`). */
export function reserveWindowSlots(
  windows: { window: SlidingWindow; units: number }[],
  now: number,
  latest = Number.POSITIVE_INFINITY,
): { waitMs: number; bookings: { window: SlidingWindow; booking: Booking }[] } | undefined {
  let at = now
  for (let moved = true; moved; ) {
    moved = false
    for (const { window, units } of windows) {
      const next = window.earliest(at, units)
      if (next > at) {
        at = next
        moved = true
      }
    }
  }
  if (at >= latest) return undefined
  return { waitMs: at - now, bookings: windows.map(({ window, units }) => ({ window, booking: window.book(at, units) })) }
}
