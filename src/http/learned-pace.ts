/**
 * Paces requests to an API that has answered "429 Too Many Requests", at the rate it turned out
 * to allow. Without it a long purge bursts into the limit again and again: every request in
 * flight gets a 429 (an attempt spent from `retries`), and the last few items wait out a whole
 * `Retry-After` (Cloudflare sends whole seconds) that the bucket would have refilled sooner.
 *
 * It models the usual limiter, a token bucket, from what the answers show:
 * - Before the first 429 nothing is held back: the bucket starts full.
 * - The most requests answered in one run between 429s is the bucket's size.
 * - The bucket is empty at every 429, so the requests sent after the first 429 and accepted,
 *   over the time from it to a later 429, are its rate. (Requests already in flight at the
 *   first 429 may have been let through before it: they do not count.) This undercounts by the
 *   fraction of a request the bucket held at the later 429, so the pacer waits for 3 accepted
 *   requests before it trusts the rate, and keeps 5% below it: a request paced too early meets
 *   a 429 and a whole-second Retry-After, one paced a little late costs milliseconds.
 * - Once the rate is known, a request goes when the modelled bucket holds one; after a pause the
 *   bucket is as full as the time paused allows.
 * It only ever adds waits: `Retry-After` is honoured as before, by the HttpClient. Pure: the
 * caller passes the time.
 */
export class LearnedPace {
  private firstLimitedAt: number | undefined
  private acceptedSinceFirstLimit = 0
  private answeredSinceLastLimit = 0
  private capacity = 1
  /** Requests per millisecond; undefined until enough 429s have shown it. */
  private ratePerMs: number | undefined
  private tokens = 0
  private tokensAt = 0

  /** Milliseconds to wait before the next request may go; 0 when it may go now. */
  delayMs(now: number): number {
    if (this.ratePerMs === undefined) return 0
    const tokens = this.level(now)
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.ratePerMs)
  }

  /** A request goes now: it takes a token. */
  sent(now: number): void {
    if (this.ratePerMs === undefined) return
    this.tokens = this.level(now) - 1
    this.tokensAt = now
  }

  /** The answer to a request sent at `sentAt` came (a network error is none). */
  answered(status: number, sentAt: number, now: number): void {
    const sentSinceFirstLimit = this.firstLimitedAt !== undefined && sentAt >= this.firstLimitedAt
    if (status !== 429) {
      this.answeredSinceLastLimit++
      if (sentSinceFirstLimit) this.acceptedSinceFirstLimit++
      return
    }
    this.capacity = Math.max(this.capacity, this.answeredSinceLastLimit)
    this.answeredSinceLastLimit = 0
    if (this.firstLimitedAt === undefined) this.firstLimitedAt = now
    else if (sentSinceFirstLimit && this.acceptedSinceFirstLimit >= minimumSample && now > this.firstLimitedAt) {
      this.ratePerMs = (this.acceptedSinceFirstLimit / (now - this.firstLimitedAt)) * (1 - margin)
    }
    this.tokens = 0
    this.tokensAt = now
  }

  /** The requests per second it paces to, once known. */
  get ratePerSecond(): number | undefined {
    return this.ratePerMs === undefined ? undefined : this.ratePerMs * 1000
  }

  private level(now: number): number {
    return Math.min(this.capacity, this.tokens + (now - this.tokensAt) * (this.ratePerMs ?? 0))
  }
}

/** Accepted requests needed after the first 429 before the rate is trusted (see above). */
const minimumSample = 3
/** How far below the estimated rate it paces (see above). */
const margin = 0.05
