import { describe, expect, it } from 'vitest'
import { findEndpoint, readEndpointInput, readEndpointsPage } from '../../src/providers/digitalocean/endpoints.js'
import { readBucketPath } from '../../src/providers/digitalocean/paths.js'
import { pacingEstimateMs, pacingLine } from '../../src/providers/digitalocean/pacing.js'

describe('DigitalOcean paths', () => {
  it.each([
    ['index.html', 'index.html'],
    ['/assets/css/*', 'assets/css/*'],
    ['//double/slash.png', 'double/slash.png'],
    ['https://static.example.com/img/hero.png?v=2#x', 'img/hero.png'],
    ['https://static-images.nyc3.cdn.digitaloceanspaces.com/a%20b.png', 'a%20b.png'],
  ])('%s -> %s', (item, file) => {
    expect(readBucketPath(item)).toEqual({ file })
  })

  it.each([
    ['/', 'names no file'],
    ['https://static.example.com/', 'names no file'],
    ['*', 'use scope: all'],
    ['/*', 'use scope: all'],
    ['ftp://static.example.com/a', 'expected a path in the bucket'],
  ])('%s is an input error (%s)', (item, message) => {
    const result = readBucketPath(item)
    expect('error' in result && result.error).toContain(message)
  })
})

describe('DigitalOcean endpoints', () => {
  it.each([
    ['19F06B6A-3ACE-4315-B086-499A0E521B76', { id: '19f06b6a-3ace-4315-b086-499a0e521b76' }],
    ['static.example.com', { domain: 'static.example.com' }],
    ['https://Static-Images.nyc3.cdn.digitaloceanspaces.com/', { domain: 'static-images.nyc3.cdn.digitaloceanspaces.com' }],
    ['static-images.nyc3.digitaloceanspaces.com.', { domain: 'static-images.nyc3.digitaloceanspaces.com' }],
  ])('reads %s', (item, expected) => {
    expect(readEndpointInput(item)).toEqual(expected)
  })

  it.each(['my bucket', 'localhost', '10.0.0.1', 'static..example.com', '-x.example.com'])('refuses %s', (item) => {
    expect(readEndpointInput(item)).toMatchObject({ error: expect.stringContaining('input endpoint: expected a CDN endpoint ID') })
  })

  it('reads a page of endpoints, ignoring entries it cannot use', () => {
    const page = readEndpointsPage({
      endpoints: [
        { id: '19f06b6a-3ace-4315-b086-499a0e521b76', origin: 'b.nyc3.digitaloceanspaces.com', endpoint: 'b.nyc3.cdn.digitaloceanspaces.com', custom_domain: '' },
        { id: 'not-a-uuid', origin: 'x' },
        'junk',
      ],
      links: { pages: { next: 'https://api.digitalocean.com/v2/cdn/endpoints?page=2' } },
      meta: { total: 3 },
    })
    expect(page).toEqual({
      endpoints: [{ id: '19f06b6a-3ace-4315-b086-499a0e521b76', domains: ['b.nyc3.cdn.digitaloceanspaces.com', 'b.nyc3.digitaloceanspaces.com'] }],
      hasNext: true,
      total: 3,
    })
    expect(readEndpointsPage({ endpoints: [], links: {} })).toEqual({ endpoints: [], hasNext: false })
    expect(readEndpointsPage({ id: 'unauthorized' })).toEqual({ error: 'the endpoint list answer has no endpoints array' })
  })

  it('finds the one endpoint a domain names, and explains none or several', () => {
    const endpoints = [
      { id: 'a', domains: ['a.nyc3.cdn.digitaloceanspaces.com', 'static.example.com'] },
      { id: 'b', domains: ['b.nyc3.cdn.digitaloceanspaces.com', 'twice.example.com'] },
      { id: 'c', domains: ['c.nyc3.cdn.digitaloceanspaces.com', 'twice.example.com'] },
    ]
    expect(findEndpoint('static.example.com', endpoints)).toEqual({ id: 'a' })
    expect(findEndpoint('nope.example.com', endpoints)).toMatchObject({ error: expect.stringContaining('no CDN endpoint of this account answers to "nope.example.com" (looked at 3 endpoints') })
    expect(findEndpoint('twice.example.com', endpoints)).toMatchObject({ error: expect.stringContaining('matches 2 CDN endpoints (b, c); give the endpoint ID') })
  })
})

describe('DigitalOcean pacing estimate', () => {
  it('says 1,000 files take about 400 s, and a few files no wait', () => {
    const thousand = Array<number>(20).fill(50)
    expect(pacingEstimateMs(thousand)).toBe(399_000)
    expect(pacingLine(thousand)).toBe(
      "1000 files in 20 requests, paced to DigitalOcean's rate limits (50 files per 20 s, 5 requests per 10 s): about 399 s (6 min 39 s)",
    )
    expect(pacingLine([3])).toBe("3 files in 1 request: within DigitalOcean's rate limits (50 files per 20 s, 5 requests per 10 s), no wait")
  })
})
