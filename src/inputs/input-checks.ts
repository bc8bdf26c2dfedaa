import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { quoteOutside } from '../visible.js'

/**
 * Checks that keep a careless input from leaking a secret or stalling the step: control
 * characters in a one-line value, credentials inside a URL, a token sent over plain HTTP, a list
 * file that is not a regular file or is too big. Each returns what is wrong (the caller puts the
 * input's name before it), or undefined. Pure but for `readListFileText`, which reads the file.
 */

// eslint-disable-next-line no-control-regex -- finding them is the point
const controlCharacters = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/

/** A one-line input (a team, a service ID, a zone name...) with a newline or another control character. */
export function controlCharacterProblem(value: string): string | undefined {
  if (!controlCharacters.test(value)) return undefined
  return `a single value, without control characters (newline, tab...); got ${quoteOutside(value)}`
}

/**
 * What to mask of a URL with credentials: its password, as written and decoded; or its user
 * name when there is no password (a token given as `https://<token>@host`). A user name beside a
 * password is usually a word ("user", "admin"): masking it would mask that word everywhere.
 */
export function urlCredentials(value: string): string[] {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? URL.parse(value.trim()) : null
  if (!url) return []
  const secret = url.password !== '' ? url.password : url.username
  return secret === '' ? [] : [...new Set([secret, decodeURIComponentSafe(secret)])]
}

/** `https://user:pass@host/...`: an input error that shows the URL with its credentials replaced. */
export function urlCredentialsProblem(value: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? URL.parse(value.trim()) : null
  if (!url || (url.username === '' && url.password === '')) return undefined
  const shown = `${url.protocol}//***@${url.host}${url.pathname === '/' && !value.trim().endsWith('/') ? '' : url.pathname}`
  return (
    `a URL with a user name or password (${shown}) is not accepted: it would be sent and shown wherever the URL is; ` +
    'give credentials in token (or, for a proxy, in HTTPS_PROXY)'
  )
}

const loopbackHost = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i

/** An `http://` api-url sends the token in clear text: allowed only to this machine (tests, local emulators). */
export function plainHttpProblem(value: string): string | undefined {
  const url = URL.parse(value.trim())
  if (url?.protocol !== 'http:' || loopbackHost.test(url.hostname.replace(/\.$/, ''))) return undefined
  return `http:// would send the token in clear text; use https://, or http:// only to a loopback host (localhost, 127.0.0.0/8, [::1])`
}

/** List files are a build's output, not a device or a pipe, and not the size of a disk. */
export const maxListFileBytes = 64 * 1024 * 1024

/**
 * The text of a `paths-file` / `keys-file`: a regular file of at most 64 MiB, else an error. It is
 * opened without blocking (a FIFO would wait for a writer forever) and read only if it is a
 * regular file, and never past the cap (a file under /proc says 0 bytes and has more).
 */
export function readListFileText(fullPath: string): { text: string } | { error: string; code?: string } {
  let descriptor: number
  try {
    descriptor = openSync(fullPath, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return { error: `cannot read it (${code})`, code }
  }
  try {
    const stats = fstatSync(descriptor)
    if (!stats.isFile()) return { error: `expected a regular file, and it is ${kindOf(stats)}` }
    if (stats.size > maxListFileBytes) return { error: `the file is ${stats.size} bytes; at most ${maxListFileBytes} (64 MiB) are read` }
    const chunks: Buffer[] = []
    let length = 0
    for (;;) {
      const chunk = Buffer.alloc(1024 * 1024)
      const read = readSync(descriptor, chunk, 0, chunk.length, null)
      if (read === 0) break
      chunks.push(chunk.subarray(0, read))
      length += read
      if (length > maxListFileBytes) return { error: `the file is larger than ${maxListFileBytes} bytes (64 MiB), the most that is read` }
    }
    return { text: Buffer.concat(chunks, length).toString('utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return { error: `cannot read it (${code})`, code }
  } finally {
    closeSync(descriptor)
  }
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a named pipe (FIFO)'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
