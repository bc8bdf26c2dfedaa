import { describe, expect, it } from 'vitest'
import { HttpClient } from '../../src/http/client.js'
import { pollUntil, wait, type PollState } from '../../src/providers/helpers.js'
import type { ApiContext } from '../../src/providers/provider.js'

/** An API context on a fake clock: sleeping moves the clock, and every sleep is recorded. */
function context(deadlineMs: number, timeScale = 1) {
  let now = 0
  const sleeps: number[] = []
  const api: ApiContext = {
    http: new HttpClient({ deadline: deadlineMs, retries: 0 }),
    apiUrl: 'https://api.example.com',
    headers: {},
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms)
      now += ms
      return Promise.resolve()
    },
    timeScale,
  }
  return { api, sleeps, clock: () => now }
}

/** Answers the given states in turn. */
function states(...answers: PollState<string>[]) {
  let index = 0
  return () => Promise.resolve(answers[Math.min(index++, answers.length - 1)] as PollState<string>)
}

const doubling = (pollsDone: number) => 1_000 * 2 ** (pollsDone - 1)

describe('pollUntil', () => {
  it('polls until done, waiting the delay for each poll done', async () => {
    const { api, sleeps } = context(60_000)
    const outcome = await pollUntil(api, states({ pending: 'InProgress' }, { pending: 'InProgress' }, { done: 'Completed' }), doubling)
    expect(outcome).toEqual({ done: 'Completed' })
    expect(sleeps).toEqual([1_000, 2_000])
  })

  it('stops at a failure without waiting again', async () => {
    const { api, sleeps } = context(60_000)
    expect(await pollUntil(api, states({ pending: 'QUEUED' }, { failed: 'ERROR' }), doubling)).toEqual({ failed: 'ERROR' })
    expect(sleeps).toEqual([1_000])
  })

  it('gives up with the last state when the next wait would pass the deadline', async () => {
    const { api, sleeps, clock } = context(5_000)
    expect(await pollUntil(api, states({ pending: 'InProgress' }), doubling)).toEqual({ timedOut: 'InProgress' })
    // 1 s, then 2 s; the next 4 s would end at 7 s, past the 5 s deadline.
    expect(sleeps).toEqual([1_000, 2_000])
    expect(clock()).toBe(3_000)
  })

  it('passes the provider the Retry-After it read', async () => {
    const { api, sleeps } = context(60_000)
    const delays: [number, number | undefined][] = []
    await pollUntil(api, states({ pending: 'QUEUED', retryAfterMs: 7_000 }, { done: 'DONE' }), (pollsDone, retryAfterMs) => {
      delays.push([pollsDone, retryAfterMs])
      return retryAfterMs ?? 1_000
    })
    expect(delays).toEqual([[1, 7_000]])
    expect(sleeps).toEqual([7_000])
  })

  it('runs the waits faster by the time scale, and so fits more polls before the deadline', async () => {
    const { api, sleeps } = context(5_000, 100)
    await pollUntil(api, states({ pending: 'a' }, { pending: 'b' }, { done: 'c' }), doubling)
    expect(sleeps).toEqual([10, 20])
    const scaled = context(1_000, 1_000)
    await wait(scaled.api, 5_000)
    expect(scaled.sleeps).toEqual([5])
  })
})
