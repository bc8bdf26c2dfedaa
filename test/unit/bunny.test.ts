import { describe, expect, it } from 'vitest'
import { bunny } from '../support/providers.js'
import type { Answer } from '../../src/http/client.js'
import { answer, batch, plan } from './provider-helpers.js'

describe('Bunny plan', () => {
  it('sorts URLs into exact, index-page and prefix purges per hostname, each its own request', () => {
    const { batches, requests, errors } = plan(bunny, {
      provider: 'bunny',
      paths: 'https://cdn.example.com/a.css\nhttps://cdn.example.com/\nhttps://cdn.example.com/img/*\nhttps://cdn.example.com/*.css\nhttps://z.b-cdn.net/b?x=1&y=2',
    })
    expect(errors).toEqual([])
    expect(batches.map((each) => `${each.target.label} ${each.kind} ${each.items.join(' ')}`)).toEqual([
      'cdn.example.com urls https://cdn.example.com/a.css',
      'cdn.example.com index-pages https://cdn.example.com/',
      'cdn.example.com prefixes https://cdn.example.com/img/*',
      'cdn.example.com prefixes https://cdn.example.com/*.css',
      'z.b-cdn.net urls https://z.b-cdn.net/b?x=1&y=2',
    ])
    expect(requests.map(([path]) => path)).toEqual([
      '/purge?url=https%3A%2F%2Fcdn.example.com%2Fa.css&async=false',
      '/purge?url=https%3A%2F%2Fcdn.example.com%2F&async=false&exactPath=true',
      '/purge?url=https%3A%2F%2Fcdn.example.com%2Fimg%2F*&async=false',
      '/purge?url=https%3A%2F%2Fcdn.example.com%2F*.css&async=false',
      '/purge?url=https%3A%2F%2Fz.b-cdn.net%2Fb%3Fx%3D1%26y%3D2&async=false',
    ])
  })

  it('paces index pages and prefixes from one bucket, URLs from another', () => {
    expect(bunny.description.pacing?.['index-pages']).toBe(bunny.description.pacing?.prefixes)
    expect(bunny.description.pacing).toEqual({ urls: { burst: 120, perSecond: 5 }, 'index-pages': { burst: 20, perSecond: 0.5 }, prefixes: { burst: 20, perSecond: 0.5 } })
  })
})

describe('Bunny answers', () => {
  it.each([200, 201, 204])('takes HTTP %i as purged', (status) => {
    expect(bunny.readAnswer(answer(status, ''), batch('urls'))).toEqual({ ok: true })
  })

  it.each<[string, Answer, string, string]>([
    ['an error body', answer(400, { ErrorKey: 'purge.x', Field: '', Message: 'No.' }), 'tags', 'HTTP 400, Bunny error purge.x: No.'],
    ['a body that is not Bunny JSON', answer(503, '<html><title>Down</title></html>'), 'urls', 'HTTP 503, Bunny: Down'],
    ['an empty 401', answer(401, ''), 'everything', 'HTTP 401, Bunny: (empty body); token must be the account API key'],
  ])('reads %s', (_name, given, kind, expected) => {
    const outcome = bunny.readAnswer(given, batch(kind))
    expect(outcome.ok).toBe(false)
    expect((outcome as { error: string }).error.startsWith(expected)).toBe(true)
  })
})
