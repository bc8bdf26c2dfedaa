/**
 * Text that did not come from the action itself (provider and GitHub answers, file names) made
 * safe for the log: line breaks (`\r`, `\n`, U+2028, U+2029) and other control characters are
 * shown as escapes, so such text can never start a line of its own, and with it a workflow
 * command (`::add-mask::`, `::stop-commands::`), or colour the log with terminal escapes.
 * One pass over the text, no backtracking.
 */
// eslint-disable-next-line no-control-regex -- finding them is the point
const controlCharacters = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' }

export function showControls(text: string): string {
  return text.replace(controlCharacters, (character) => named[character] ?? `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** The same, keeping `\n` where the action's own message has several lines (annotations). */
export function showControlsPerLine(text: string): string {
  return text.split('\n').map(showControls).join('\n')
}

/** At most `max` characters of outside text, controls shown, for an error message that quotes it. */
export function quoteOutside(text: string, max = 100): string {
  const cut = text.length > max ? `${text.slice(0, max)}...` : text
  return `"${showControls(cut).replace(/\t/g, '\\t').replace(/"/g, '\\"')}"`
}

/** Outside text (an API's error message) on one line, at most `max` characters. */
export function oneLine(text: string, max = 500): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}...` : line
}
