import * as core from './core.js'

/**
 * Secrets are masked for the runner's log the moment they are known, and also removed by the
 * action itself from everything it writes (outputs, summary, messages): a provider may echo a
 * token back in an error, and not every place that shows outputs or summaries masks them.
 */
const secrets = new Set<string>()

export function registerSecret(value: string): void {
  const trimmed = value.trim()
  if (trimmed.length < 4 || secrets.has(trimmed)) return
  // The forms a secret comes back in from an API or a report: a key with `+/=` or `"` echoed in
  // a URL, a JSON string or an HTML page is no longer the text masked above.
  for (const form of new Set([trimmed, ...encodedForms(trimmed)])) {
    if (form.length < 4 || secrets.has(form)) continue
    secrets.add(form)
    core.setSecret(form)
  }
}

export function encodedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1)
  const url = encodeURIComponent(secret)
  return [
    url,
    url.replace(/%20/g, '+'),
    url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    json,
    // Escaping `/` is optional in JSON, and some encoders do it.
    json.replace(/\//g, '\\/'),
    // A JSON string inside a JSON string: an error body quoted in a JSON output.
    JSON.stringify(json).slice(1, -1),
    ...htmlForms(secret),
    ...htmlForms(json),
  ]
}

/** The ways HTML escapes text: `"` and `'` as named or numeric references or not at all, and `|` and `` ` `` as the summary's table cells do. */
function htmlForms(text: string): string[] {
  const base = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const forms: string[] = []
  for (const quote of ['&quot;', '&#34;']) {
    for (const apostrophe of ["'", '&#39;', '&#x27;']) {
      const form = base.replace(/"/g, quote).replace(/'/g, apostrophe)
      forms.push(form, form.replace(/\|/g, '&#124;').replace(/`/g, '&#96;'))
    }
  }
  return forms
}

/** `JSON.stringify` with every string value redacted before it is escaped, then the whole text. */
export function redactedJson(value: unknown): string {
  return redact(JSON.stringify(value, (_key, each: unknown) => (typeof each === 'string' ? redact(each) : each)))
}

export function redact(text: string): string {
  let result = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) result = result.replaceAll(secret, '***')
  return result
}
