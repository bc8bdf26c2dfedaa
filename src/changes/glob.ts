/**
 * Globs for `path-map`, matched in time linear in the file name. The names come from a pull
 * request, so a backtracking regex (picomatch's) is not an option: `*.*.*.*.*.*.js` against a
 * name of 250 dots never ended. A glob compiles to a small automaton; matching walks it depth
 * first in the order a backtracking regex would (so the captures are the ones it would give),
 * but never visits the same (state, position) twice, so the work is at most states x length.
 *
 * Syntax: `*` (within a segment), `**` (any number of segments, as a whole segment), `?`,
 * `[abc]`, `[a-z]`, `[!a]`, `{a,b}`, `{1..3}`, extglobs `@(a|b)`, `?(a|b)`, `+(a|b)`, `*(a|b)`,
 * and `\` to escape. `*` and `**` outside braces and extglobs capture what they matched, in order.
 * Pure.
 */

export interface Glob {
  /** How many `*` and `**` capture; undefined when some sit inside braces or extglobs (then they do not). */
  captures: number | undefined
  /** The text each capturing `*` and `**` matched, in order; undefined when the name does not match. */
  match(name: string): string[] | undefined
}

/** What one character must be: a code (a literal), or a test (classes, `?`, `*`). */
type Test = number | ((code: number) => boolean)

type Ast =
  | { kind: 'char'; test: Test }
  | { kind: 'seq'; items: Ast[] }
  | { kind: 'alt'; options: Ast[] }
  /** Lazy, as picomatch's `*?`: the shortest repetition that lets the rest match. */
  | { kind: 'repeat'; body: Ast; min: 0 | 1 }
  | { kind: 'capture'; index: number; body: Ast }

type State =
  | { kind: 'char'; test: Test; next: number }
  | { kind: 'split'; first: number; second: number }
  | { kind: 'save'; slot: number; next: number }
  | { kind: 'match' }

const maxBraceOptions = 1_000

export function compileGlob(glob: string): Glob | { error: string } {
  const parser = new Parser(glob)
  let ast: Ast
  try {
    ast = parser.parseSequence('')
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
  const states: State[] = [{ kind: 'match' }]
  const start = compile(ast, 0, states)
  const captureCount = parser.captureCount
  const memory = { seen: new Uint32Array(0), visit: 0 }
  const program = flatten(states)
  return {
    captures: parser.nestedWildcards ? undefined : captureCount,
    match: (name) => run(program, start, name, captureCount, memory),
  }
}

const slash = 0x2f
const notSlash: Test = (code) => code !== slash
const anyCharacter: Test = () => true
const literal = (text: string): Ast => ({ kind: 'seq', items: Array.from(text, (_, index) => ({ kind: 'char', test: text.charCodeAt(index) })) })
const empty: Ast = { kind: 'seq', items: [] }

class Parser {
  private index = 0
  captureCount = 0
  nestedWildcards = false
  /** Inside braces or an extglob: wildcards there match but do not capture. */
  private depth = 0

  constructor(private readonly glob: string) {}

  /** Items up to the end, or up to one of `stops` at this depth (left unread). */
  parseSequence(stops: string): Ast {
    const items: Ast[] = []
    while (this.index < this.glob.length && !stops.includes(this.glob[this.index] as string)) items.push(this.parseItem())
    return { kind: 'seq', items }
  }

  private parseItem(): Ast {
    const glob = this.glob
    const character = glob[this.index] as string
    const next = glob[this.index + 1]
    if (character === '\\' && next !== undefined) {
      this.index += 2
      return literal(next)
    }
    if ('@?+*!'.includes(character) && next === '(') return this.parseExtglob(character)
    if (character === '*') return this.parseStar()
    if (character === '?') {
      this.index++
      return { kind: 'char', test: notSlash }
    }
    if (character === '[') {
      const set = this.parseClass()
      if (set) return set
    }
    if (character === '{') {
      const braces = this.parseBraces()
      if (braces) return braces
    }
    this.index++
    return literal(character)
  }

  private parseStar(): Ast {
    const glob = this.glob
    const start = this.index
    let end = start
    while (glob[end] === '*') end++
    this.index = end
    const atSegmentStart = start === 0 || glob[start - 1] === '/'
    const atSegmentEnd = end === glob.length || glob[end] === '/'
    if (end - start >= 2 && atSegmentStart && atSegmentEnd) {
      const segments: Ast = { kind: 'repeat', body: { kind: 'char', test: anyCharacter }, min: 1 }
      if (glob[end] === '/') {
        // `**/`: nothing, or whole segments and their `/` (the capture leaves that `/` out).
        this.index++
        return this.capturing((capture) => ({ kind: 'alt', options: [capture(empty), { kind: 'seq', items: [capture(segments), literal('/')] }] }))
      }
      return this.capturing((capture) => capture({ kind: 'repeat', body: { kind: 'char', test: anyCharacter }, min: 0 }))
    }
    return this.capturing((capture) => capture({ kind: 'repeat', body: { kind: 'char', test: notSlash }, min: 0 }))
  }

  /** A wildcard: numbered in order at the top level; inside braces or extglobs it only matches. */
  private capturing(build: (capture: (body: Ast) => Ast) => Ast): Ast {
    if (this.depth > 0) {
      this.nestedWildcards = true
      return build((body) => body)
    }
    const index = this.captureCount++
    return build((body) => ({ kind: 'capture', index, body }))
  }

  private parseExtglob(kind: string): Ast {
    if (kind === '!') throw new Error(`negated extglobs !(...) are not supported; list the files to drop with a "<glob> => !" rule`)
    const open = this.index
    this.index += 2
    this.depth++
    const options: Ast[] = [this.parseSequence('|)')]
    while (this.glob[this.index] === '|') {
      this.index++
      options.push(this.parseSequence('|)'))
    }
    this.depth--
    if (this.glob[this.index] !== ')') throw new Error(`the extglob at character ${open + 1} has no closing )`)
    this.index++
    const body: Ast = { kind: 'alt', options }
    if (kind === '@') return body
    if (kind === '?') return { kind: 'alt', options: [body, empty] }
    return { kind: 'repeat', body, min: kind === '+' ? 1 : 0 }
  }

  /** `[...]`, or undefined (a literal `[`) when it does not close. */
  private parseClass(): Ast | undefined {
    const glob = this.glob
    let index = this.index + 1
    const negated = glob[index] === '!' || glob[index] === '^'
    if (negated) index++
    const ranges: [string, string][] = []
    let first = true
    while (index < glob.length && (glob[index] !== ']' || first)) {
      first = false
      let low = glob[index] as string
      if (low === '\\' && index + 1 < glob.length) low = glob[++index] as string
      index++
      if (glob[index] === '-' && index + 1 < glob.length && glob[index + 1] !== ']') {
        let high = glob[index + 1] as string
        index += 2
        if (high === '\\' && index < glob.length) high = glob[index++] as string
        ranges.push([low, high])
      } else {
        ranges.push([low, low])
      }
    }
    if (glob[index] !== ']') return undefined
    this.index = index + 1
    const codes = ranges.map(([low, high]) => [low.charCodeAt(0), high.charCodeAt(0)] as const)
    const inRanges = (code: number) => codes.some(([low, high]) => code >= low && code <= high)
    return { kind: 'char', test: (code) => code !== slash && inRanges(code) !== negated }
  }

  /** `{a,b}` or `{1..3}`, or undefined (a literal `{`) when it is neither. */
  private parseBraces(): Ast | undefined {
    const glob = this.glob
    const open = this.index
    const close = matchingBrace(glob, open)
    if (close === -1) return undefined
    const range = /^(-?\d+|[a-z])\.\.(-?\d+|[a-z])$/i.exec(glob.slice(open + 1, close))
    if (range) {
      const options = expandRange(range[1] as string, range[2] as string)
      if (options.length > maxBraceOptions) throw new Error(`the range {${range[1]}..${range[2]}} has more than ${maxBraceOptions} values`)
      this.index = close + 1
      return { kind: 'alt', options: options.map(literal) }
    }
    this.index = open + 1
    this.depth++
    const options: Ast[] = [this.parseSequence(',}')]
    while (glob[this.index] === ',') {
      this.index++
      options.push(this.parseSequence(',}'))
    }
    this.depth--
    if (options.length === 1) {
      // `{a}` is no alternation: the braces are literal text, as in picomatch.
      this.index = open + 1
      return literal('{')
    }
    this.index++
    return { kind: 'alt', options }
  }
}

function matchingBrace(glob: string, open: number): number {
  let depth = 0
  for (let index = open; index < glob.length; index++) {
    const character = glob[index]
    if (character === '\\') index++
    else if (character === '{') depth++
    else if (character === '}' && --depth === 0) return index
  }
  return -1
}

function expandRange(from: string, to: string): string[] {
  const numeric = /^-?\d+$/.test(from) && /^-?\d+$/.test(to)
  const low = numeric ? Number(from) : from.charCodeAt(0)
  const high = numeric ? Number(to) : to.charCodeAt(0)
  if (Math.abs(high - low) > maxBraceOptions) return new Array<string>(maxBraceOptions + 1).fill('')
  const step = low <= high ? 1 : -1
  const values: string[] = []
  for (let value = low; value !== high + step; value += step) values.push(numeric ? String(value) : String.fromCharCode(value))
  return values
}

/** Builds the states for `ast` that go on to `next` when it matched; returns where they start. */
function compile(ast: Ast, next: number, states: State[]): number {
  const add = (state: State) => states.push(state) - 1
  switch (ast.kind) {
    case 'char':
      return add({ kind: 'char', test: ast.test, next })
    case 'seq':
      return ast.items.reduceRight((after, item) => compile(item, after, states), next)
    case 'alt': {
      const [first, ...rest] = ast.options
      if (!first) return next
      if (rest.length === 0) return compile(first, next, states)
      return add({ kind: 'split', first: compile(first, next, states), second: compile({ kind: 'alt', options: rest }, next, states) })
    }
    case 'repeat': {
      // The loop: leave first (lazy), else one more round of the body.
      const loop = add({ kind: 'split', first: next, second: -1 })
      const body = compile(ast.body, loop, states)
      ;(states[loop] as { second: number }).second = body
      return ast.min === 1 ? body : loop
    }
    case 'capture': {
      const close = add({ kind: 'save', slot: ast.index * 2 + 1, next })
      return add({ kind: 'save', slot: ast.index * 2, next: compile(ast.body, close, states) })
    }
  }
}

/** The states as flat arrays, read in the hot loop without a property lookup per state. */
interface Program {
  kind: Uint8Array
  next: Int32Array
  /** `split`: the second choice; `save`: the slot; a literal `char`: its code. */
  other: Int32Array
  tests: (((code: number) => boolean) | undefined)[]
}

const enum Kind {
  Match,
  Literal,
  Test,
  Split,
  Save,
}

function flatten(states: State[]): Program {
  const program: Program = { kind: new Uint8Array(states.length), next: new Int32Array(states.length), other: new Int32Array(states.length), tests: [] }
  states.forEach((state, index) => {
    if (state.kind === 'char') {
      program.kind[index] = typeof state.test === 'number' ? Kind.Literal : Kind.Test
      program.next[index] = state.next
      if (typeof state.test === 'number') program.other[index] = state.test
      else program.tests[index] = state.test
    } else if (state.kind === 'split') {
      program.kind[index] = Kind.Split
      program.next[index] = state.first
      program.other[index] = state.second
    } else if (state.kind === 'save') {
      program.kind[index] = Kind.Save
      program.next[index] = state.next
      program.other[index] = state.slot
    }
  })
  return program
}

/**
 * Depth first, alternatives in order, like a backtracking regex; but a (state, position) seen
 * before is never explored again: it failed then (or is in progress, an empty loop), and it
 * would fail now, since what follows does not depend on the way there.
 */
function run(program: Program, start: number, name: string, captureCount: number, memory: { seen: Uint32Array; visit: number }): string[] | undefined {
  const { kind, next, other, tests } = program
  const length = name.length
  const width = length + 1
  // One table per glob, reused: a cell counts as seen when it holds this match's number.
  if (memory.seen.length < kind.length * width || memory.visit === 0xffffffff) {
    memory.seen = new Uint32Array(kind.length * width)
    memory.visit = 0
  }
  const seen = memory.seen
  const visit = ++memory.visit
  const slots = new Int32Array(captureCount * 2).fill(-1)
  // Entries: [state, position] to try, or [-1 - slot, old value] to undo a capture on the way back.
  const stack: number[] = [start, 0]
  while (stack.length > 0) {
    let position = stack.pop() as number
    let state = stack.pop() as number
    if (state < 0) {
      slots[-1 - state] = position
      continue
    }
    for (;;) {
      const key = state * width + position
      if (seen[key] === visit) break
      seen[key] = visit
      const stateKind = kind[state]
      if (stateKind === Kind.Literal) {
        if (position >= length || name.charCodeAt(position) !== other[state]) break
        state = next[state] as number
        position++
      } else if (stateKind === Kind.Test) {
        if (position >= length || !(tests[state] as (code: number) => boolean)(name.charCodeAt(position))) break
        state = next[state] as number
        position++
      } else if (stateKind === Kind.Split) {
        stack.push(other[state] as number, position)
        state = next[state] as number
      } else if (stateKind === Kind.Save) {
        const slot = other[state] as number
        stack.push(-1 - slot, slots[slot] as number)
        slots[slot] = position
        state = next[state] as number
      } else {
        if (position !== length) break
        return Array.from({ length: captureCount }, (_, index) => name.slice(slots[index * 2] as number, slots[index * 2 + 1] as number))
      }
    }
  }
  return undefined
}
