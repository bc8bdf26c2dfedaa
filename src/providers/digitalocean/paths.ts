import { quote } from '../../inputs/lists.js'

/**
 * DigitalOcean purges files by their path in the bucket (`index.html`, `assets/css/*`), with no
 * leading `/` (the first-party examples have none; with one is not documented). Pure.
 */
export function readBucketPath(item: string): { file: string } | { error: string } {
  let path = item
  if (/^[a-z][a-z0-9+.-]*:/i.test(item)) {
    const url = URL.parse(item)
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return { error: `expected a path in the bucket (such as assets/app.css or css/*) or an http(s) URL, got ${quote(item)}` }
    }
    // The contract: an absolute URL is reduced to its path.
    path = url.pathname
  }
  const file = path.replace(/^\/+/, '')
  if (file === '') return { error: `${quote(item)} names no file; give a path in the bucket, or scope: all to purge everything` }
  // A lone * purges the whole endpoint: that takes scope: all, asked for in so many words.
  if (file === '*') return { error: `${quote(item)} would purge everything on the endpoint; use scope: all for that` }
  return { file }
}
