import picomatch from 'picomatch'
import { dedupe, quote } from '../inputs/lists.js'

/**
 * `path-map`: rules that turn repository files into URLs (or paths) to purge, one a line,
 * `<glob> => <target>`. picomatch does the matching; the target's `*` and `**` are filled, in
 * order, with what the glob's own `*` and `**` matched. Pure.
 */

export interface PathRule {
  /** Line of the input, for messages. */
  line: number
  glob: string
  /** What the file becomes; undefined for `!` (the file is dropped from later rules). */
  target: TargetPart[] | undefined
  matcher: RegExp
  /** Regex group numbers of the glob's `*` and `**`, in order. */
  wildcardGroups: number[]
}

/** A target template: literal text, and the places the captures go. */
export type TargetPart = string | { capture: number }

export interface FileTargets {
  file: string
  targets: string[]
}

export interface MappedFiles {
  /** Files that became at least one target, in the order given. */
  mapped: FileTargets[]
  /** Files no rule matched: not purged. */
  unmapped: string[]
  /** Files a `!` rule dropped before any rule mapped them. */
  excluded: string[]
  /** Every target, duplicates dropped, order kept. */
  targets: string[]
}

// Repository paths always use `/`, on every runner; dotfiles are files like any other.
const globOptions = { dot: true, capture: true, windows: false } as const

export function parsePathMap(text: string): { rules: PathRule[]; errors: string[] } {
  const rules: PathRule[] = []
  const errors: string[] = []
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#')) return
    const result = parseRule(line, index + 1)
    if ('error' in result) errors.push(`line ${index + 1}: ${result.error}`)
    else rules.push(result)
  })
  return { rules, errors }
}

function parseRule(line: string, lineNumber: number): PathRule | { error: string } {
  const arrow = line.indexOf('=>')
  const glob = line.slice(0, arrow).trim().replace(/^\.?\/+/, '')
  const targetText = line.slice(arrow + 2).trim()
  if (arrow === -1 || glob === '' || targetText === '') {
    return { error: `expected "<glob> => <target>" (e.g. "public/** => https://example.com/**") or "<glob> => !", got ${quote(line)}` }
  }
  let matcher: RegExp
  try {
    matcher = picomatch.makeRe(glob, globOptions)
  } catch (error) {
    return { error: `${quote(glob)} is not a glob picomatch can read (${error instanceof Error ? error.message : String(error)})` }
  }
  const wildcardGroups = findWildcardGroups(matcher)
  const rule = { line: lineNumber, glob, matcher, wildcardGroups: wildcardGroups ?? [] }
  if (targetText === '!') return { ...rule, target: undefined }

  const target = parseTarget(targetText)
  const wanted = target.filter((part) => typeof part !== 'string').length
  if (wanted > 0 && wildcardGroups === undefined) {
    return { error: `the captures of ${quote(glob)} cannot be told apart; use * and ** with plain text in a glob whose target has * or **, or write \\* for a literal *` }
  }
  if (wanted > rule.wildcardGroups.length) {
    const has = rule.wildcardGroups.length
    return {
      error: `the target ${quote(targetText)} has ${wanted} * or ** but the glob ${quote(glob)} captures ${has === 0 ? 'nothing' : `only ${has}`} (they carry over in order); write \\* for a literal * (a provider wildcard)`,
    }
  }
  return { ...rule, target }
}

/** `**` and `*` are capture places, numbered in order; `\*` is a literal `*`. */
function parseTarget(text: string): TargetPart[] {
  const parts: TargetPart[] = []
  let literal = ''
  let capture = 0
  for (let index = 0; index < text.length; index++) {
    if (text.startsWith('\\*', index)) {
      literal += '*'
      index++
    } else if (text[index] === '*') {
      if (text[index + 1] === '*') index++
      if (literal !== '') parts.push(literal)
      literal = ''
      parts.push({ capture: capture++ })
    } else {
      literal += text[index]
    }
  }
  if (literal !== '') parts.push(literal)
  return parts
}

/** Files -> targets: every matching rule contributes, until a `!` rule drops the file. */
export function mapFiles(files: readonly string[], rules: readonly PathRule[]): MappedFiles {
  const mapped: FileTargets[] = []
  const unmapped: string[] = []
  const excluded: string[] = []
  for (const file of dedupe(files)) {
    const targets: string[] = []
    let dropped = false
    for (const rule of rules) {
      const match = rule.matcher.exec(file)
      if (!match) continue
      if (rule.target === undefined) {
        dropped = true
        break
      }
      const captures = rule.wildcardGroups.map((group) => match[group] ?? '')
      targets.push(renderTarget(rule.target, captures))
    }
    if (targets.length > 0) mapped.push({ file, targets: dedupe(targets) })
    else if (dropped) excluded.push(file)
    else unmapped.push(file)
  }
  return { mapped, unmapped, excluded, targets: dedupe(mapped.flatMap((entry) => entry.targets)) }
}

function renderTarget(parts: readonly TargetPart[], captures: readonly string[]): string {
  let result = ''
  for (const [index, part] of parts.entries()) {
    if (typeof part === 'string') {
      // An empty `**` between slashes takes one of them with it: `/**/index.html` -> `/index.html`.
      const previous = parts[index - 1]
      const emptyBefore = typeof previous === 'object' && captures[previous.capture] === ''
      const skipSlash = emptyBefore && (result === '' || result.endsWith('/')) && part.startsWith('/')
      result += skipSlash ? part.slice(1) : part
    } else {
      result += encodePath(captures[part.capture] ?? '')
    }
  }
  return result
}

/**
 * A file path as a browser requests it: each segment percent-encoded (space %20, non-ASCII as
 * UTF-8, `%`, `?` and `#` escaped), but the characters browsers leave alone kept as they are. `*`
 * is escaped too, so a file name can never turn into a provider wildcard.
 */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%(24|26|2B|2C|3A|3B|3D|40)/g, (escape) => decodeURIComponent(escape)).replace(/\*/g, '%2A'))
    .join('/')
}

/**
 * The regex group numbers of the glob's `*` and `**`: picomatch also makes groups of braces,
 * brackets and extglobs, so each group is told by its text, compared with the group picomatch
 * makes for a lone `*` and `**`. Undefined when the regex cannot be read that way.
 */
function findWildcardGroups(matcher: RegExp): number[] | undefined {
  const groups = capturingGroups(matcher.source)
  if (groups === undefined || groups.length !== countGroups(matcher)) return undefined
  const wildcards = wildcardTexts()
  return groups.flatMap((text, index) => (wildcards.has(text) ? [index + 1] : []))
}

let wildcardTextCache: Set<string> | undefined
function wildcardTexts(): Set<string> {
  wildcardTextCache ??= new Set(
    ['x/*', 'x/**', 'x/**/y', '**/y'].flatMap((probe) => capturingGroups(picomatch.makeRe(probe, globOptions).source)?.slice(0, 1) ?? []),
  )
  return wildcardTextCache
}

/** The text of every capturing group of a regex source, in the order they open. */
function capturingGroups(source: string): string[] | undefined {
  const starts: number[] = []
  const ends: (number | undefined)[] = []
  const open: (number | undefined)[] = []
  let inClass = false
  for (let index = 0; index < source.length; index++) {
    const character = source[index]
    if (character === '\\') index++
    else if (inClass) inClass = character !== ']'
    else if (character === '[') inClass = true
    else if (character === '(') {
      if (source[index + 1] === '?') open.push(undefined)
      else {
        open.push(starts.length)
        starts.push(index)
        ends.push(undefined)
      }
    } else if (character === ')') {
      const group = open.pop()
      if (group !== undefined) ends[group] = index + 1
    }
  }
  if (ends.some((end) => end === undefined)) return undefined
  return starts.map((start, group) => source.slice(start, ends[group]))
}

function countGroups(matcher: RegExp): number {
  return (new RegExp(`${matcher.source}|`).exec('')?.length ?? 1) - 1
}
