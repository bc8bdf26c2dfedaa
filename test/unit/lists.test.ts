import { describe, expect, it } from 'vitest'
import { parseList } from '../../src/inputs/lists.js'

describe('parseList: the contract list rules', () => {
  it.each([
    ['newlines', 'a\nb\nc', ['a', 'b', 'c']],
    ['commas', 'a, b,c', ['a', 'b', 'c']],
    ['both, with CRLF', 'a,b\r\nc', ['a', 'b', 'c']],
    ['blank items and lines', 'a,,\n\n  \nb', ['a', 'b']],
    ['# comment lines', '# the assets\na\n  # indented comment\nb', ['a', 'b']],
    ['whitespace trimmed', '  a  \n\t b\t', ['a', 'b']],
    ['duplicates dropped, first wins, order kept', 'b\na\nb\nc\na', ['b', 'a', 'c']],
    ['a # inside an item is kept', 'https://x.com/a#top', ['https://x.com/a#top']],
    ['JSON array', '["a,1", "b"]', ['a,1', 'b']],
    ['JSON array with blanks and duplicates', '[" a ", "", "a", "b"]', ['a', 'b']],
    ['empty', '', []],
  ])('%s', (_name, value, expected) => {
    expect(parseList(value)).toEqual({ items: expected })
  })

  it.each([
    ['not JSON', '[a, b', /not valid JSON/],
    ['not an array of strings', '[1, 2]', /JSON array of strings/],
    ['nested arrays', '[["a"]]', /JSON array of strings/],
    ['a newline inside a JSON item', '["a\\nb"]', /control characters/],
    ['a tab inside an item', 'a\tb', /control characters/],
  ])('rejects %s', (_name, value, message) => {
    const result = parseList(value)
    expect(result).toHaveProperty('error')
    expect((result as { error: string }).error).toMatch(message)
  })
})
