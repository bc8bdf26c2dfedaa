import { quote } from '../../inputs/lists.js'

/**
 * jsDelivr's purge API takes paths on cdn.jsdelivr.net: `/gh/user/repo@version/file`,
 * `/npm/[@scope/]package@version/file`, `/wp/...`. Pure.
 */

const projectPrefixes = ['/gh/', '/npm/', '/wp/']

/** A `paths` item (a jsDelivr URL or its path) as the path the purge API takes, or why not. */
export function readJsdelivrPath(item: string): { path: string } | { error: string } {
  let path = item
  if (/^[a-z][a-z0-9+.-]*:/i.test(item)) {
    const url = URL.parse(item)
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !isJsdelivrHost(url.hostname)) {
      return { error: `expected a jsDelivr URL such as https://cdn.jsdelivr.net/gh/acme/site@main/app.js, or its path, got ${quote(item)}` }
    }
    if (url.search !== '') return { error: `jsDelivr purges a file by its path, without a query string; drop it from ${quote(item)}` }
    path = url.pathname
  }
  if (!projectPrefixes.some((prefix) => path.startsWith(prefix))) {
    return { error: `expected a jsDelivr path starting with /gh/, /npm/ or /wp/ (such as /gh/acme/site@main/app.js), got ${quote(item)}` }
  }
  if (path.includes('*')) return { error: `jsDelivr has no wildcard purge; list each file, got ${quote(item)}` }
  if (/\s/.test(path)) return { error: `paths cannot contain spaces (encode them as %20), got ${quote(item)}` }
  if (path.includes('?') || path.includes('#')) return { error: `jsDelivr purges a file by its path, without a query string; drop it from ${quote(item)}` }
  const pinned = pinnedVersion(path)
  if (pinned !== undefined) return { error: pinnedError(item, pinned) }
  return { path }
}

/** cdn.jsdelivr.net and its mirrors (fastly., gcore., testingcf.jsdelivr.net), not the purge API itself. */
function isJsdelivrHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host.endsWith('.jsdelivr.net') && host !== 'purge.jsdelivr.net'
}

/**
 * The version a path pins, when it is fixed for good: a full semver (`@1.2.3`, `@v1.2.3`,
 * `@1.2.3-beta.1`) or a 40-hex commit SHA after the project name, or a WordPress tag
 * (`/wp/plugins/name/tags/1.2.3/`). jsDelivr caches those forever and purging them does nothing.
 * A branch, a range (`@1`, `@1.2`, `@^1.2.3`) or `@latest` moves, and is purgeable.
 */
export function pinnedVersion(path: string): string | undefined {
  const segments = path.split('/')
  if (segments[1] === 'wp') {
    const tagsAt = segments.indexOf('tags')
    const tag = tagsAt > 0 ? segments[tagsAt + 1] : undefined
    return tag !== undefined && isFullSemver(tag) ? tag : undefined
  }
  // /gh/user/repo@v, /npm/package@v, /npm/@scope/package@v: the version is in the segment naming the project.
  const projectAt = segments[1] === 'gh' ? 3 : segments[2]?.startsWith('@') ? 3 : 2
  const project = segments[projectAt] ?? ''
  const at = project.indexOf('@')
  if (at < 0) return undefined
  const version = project.slice(at + 1)
  return isFullSemver(version) || isCommitSha(version) ? version : undefined
}

/** `1.2.3`, `v1.2.3`, with an optional `-prerelease` and `+build`: one pass over the text, no regex. */
export function isFullSemver(text: string): boolean {
  let index = text.startsWith('v') ? 1 : 0
  for (let part = 0; part < 3; part++) {
    const start = index
    while (index < text.length && isDigit(text.charCodeAt(index))) index++
    if (index === start) return false
    if (part < 2) {
      if (text[index] !== '.') return false
      index++
    }
  }
  if (index === text.length) return true
  if (text[index] !== '-' && text[index] !== '+') return false
  for (index++; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (!isDigit(code) && !isLetter(code) && text[index] !== '.' && text[index] !== '-' && text[index] !== '+') return false
  }
  return true
}

function isCommitSha(text: string): boolean {
  if (text.length !== 40) return false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (!isDigit(code) && !((code >= 97 && code <= 102) || (code >= 65 && code <= 70))) return false
  }
  return true
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

function pinnedError(item: string, version: string): string {
  const what = isCommitSha(version) ? `the commit ${version.slice(0, 12)}...` : `the fixed version ${version}`
  return (
    `${quote(item)} names ${what}: jsDelivr caches a fixed version's files for good, because they never change, so purging them does nothing; ` +
    'purge the moving version instead: a branch (@main), a range (@1 or @1.2) or @latest'
  )
}
