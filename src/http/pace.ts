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
