import { dedupe, quote } from '../inputs/lists.js'
import { compileGlob, type Glob } from './glob.js'

/**
 * `path-map`: rules that turn repository files into URLs (or paths) to purge, one a line,
 * `<glob> => <target>`. glob.ts does the matching, in time linear in the file name (the names
 * come from pull requests); the target's `*` and `**` are filled, in order, with what the glob's
 * own `*` and `**` matched. The target `@all` purges everything when such a file changed (a
 * layout every page uses). Pure.
 */

export interface PathRule {
  /** Line of the input, for messages. */
  line: number
  glob: string
  /** What the file becomes; undefined for `!` (the file is dropped from later rules). */
  target: TargetPart[] | undefined
  /** `@all`: a matching file makes the purge a purge of everything. */
  everything?: true
  matcher: Glob
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
  /** Files that matched an `@all` rule, with the rule: everything is purged. */
  everything: { file: string; line: number; glob: string }[]
}

/** The target that means "purge everything". */
export const everythingTarget = '@all'

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
  const matcher = compileGlob(glob)
  if ('error' in matcher) return { error: `${quote(glob)} is not a glob this action reads: ${matcher.error}` }
  const rule = { line: lineNumber, glob, matcher }
  if (targetText === '!') return { ...rule, target: undefined }
  if (targetText.toLowerCase() === everythingTarget) return { ...rule, target: [], everything: true }
  if (targetText.startsWith('@')) return { error: `${quote(targetText)} is not a target; the one special target is ${everythingTarget} (purge everything)` }

  const target = parseTarget(targetText)
  const wanted = target.filter((part) => typeof part !== 'string').length
  if (wanted > 0 && matcher.captures === undefined) {
    return { error: `the captures of ${quote(glob)} cannot be told apart; use * and ** with plain text in a glob whose target has * or **, or write \\* for a literal *` }
  }
  if (wanted > (matcher.captures ?? 0)) {
    const has = matcher.captures ?? 0
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
  const everything: MappedFiles['everything'] = []
  for (const file of dedupe(files)) {
    const targets: string[] = []
    let dropped = false
    let mappedToEverything = false
    for (const rule of rules) {
      const captures = rule.matcher.match(file)
      if (!captures) continue
      if (rule.target === undefined) {
        dropped = true
        break
      }
      if (rule.everything) {
        if (!mappedToEverything) everything.push({ file, line: rule.line, glob: rule.glob })
        mappedToEverything = true
        continue
      }
      targets.push(renderTarget(rule.target, captures))
    }
    if (targets.length > 0 || mappedToEverything) mapped.push({ file, targets: mappedToEverything ? [everythingTarget, ...dedupe(targets)] : dedupe(targets) })
    else if (dropped) excluded.push(file)
    else unmapped.push(file)
  }
  const targets = dedupe(mapped.flatMap((entry) => entry.targets.filter((target) => target !== everythingTarget)))
  return { mapped, unmapped, excluded, targets, everything }
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
