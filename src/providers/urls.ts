import { parseHttpUrl, quote } from '../inputs/lists.js'

/**
 * A `paths` item as the absolute http(s) URL visitors request: as written, or relative to
 * `base-url`. The text is kept exactly as written (query included); `url` is it parsed.
 */
export function absoluteUrl(path: string, baseUrl: string | undefined): { text: string; url: URL } | { error: string } {
  let text = path
  if (!/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    if (!baseUrl) return { error: `${quote(path)} is not an absolute URL; give base-url (e.g. https://www.example.com) for relative paths, or the full https:// URL` }
    text = `${baseUrl}/${path.replace(/^\/+/, '')}`
  }
  const url = parseHttpUrl(text)
  if (!url) {
    return { error: `expected an http(s) URL such as https://www.example.com/a.css, got ${quote(path)}` }
  }
  if (/\s/.test(text)) return { error: `URLs cannot contain spaces (encode them as %20), got ${quote(path)}` }
  return { text, url }
}
