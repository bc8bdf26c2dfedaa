/**
 * The contract's list rules, shared by every list input and list file: items separated by
 * newlines or commas, `#` lines and blank items dropped, whitespace trimmed, duplicates dropped
 * (first wins). A value starting with `[` is a JSON array of strings instead.
 */
export type ListResult = { items: string[] } | { error: string }

export function parseList(value: string): ListResult {
  const text = value.trim()
  if (text.startsWith('[')) return parseJsonList(text)
  const items: string[] = []
  // Split on \n alone: trimming each line removes the \r of a CRLF.
  for (const line of text.split('\n')) {
    const trimmedLine = line.trim()
    if (trimmedLine === '' || trimmedLine.startsWith('#')) continue
    if (!trimmedLine.includes(',')) {
      items.push(trimmedLine)
      continue
    }
    for (const part of trimmedLine.split(',')) {
      const item = part.trim()
      if (item !== '') items.push(item)
    }
  }
  return checkItems(items)
}

function parseJsonList(text: string): ListResult {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { error: 'a value starting with "[" must be a JSON array of strings, and this one is not valid JSON' }
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    return { error: 'a value starting with "[" must be a JSON array of strings' }
  }
  return checkItems(parsed.map((item) => item.trim()).filter((item) => item !== ''))
}

// Control characters (a newline inside a JSON item, a stray tab) never belong in a URL, tag or
// name, and would break the log and the summary table.
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f]/

function checkItems(items: string[]): ListResult {
  const bad = items.find((item) => controlCharacter.test(item))
  if (bad !== undefined) return { error: `items must not contain control characters (tab, newline...), got ${JSON.stringify(bad)}` }
  return { items: dedupe(items) }
}

export function dedupe<T>(items: Iterable<T>): T[] {
  return [...new Set(items)]
}

/** An item as error messages show it: quoted, and cut short when long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value)
}

/** `text` parsed, when it is an http(s) URL with a host; undefined otherwise. */
export function parseHttpUrl(text: string): URL | undefined {
  const url = URL.parse(text)
  return url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' ? url : undefined
}
