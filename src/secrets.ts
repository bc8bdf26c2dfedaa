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
  const html = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
  const url = encodeURIComponent(secret)
  return [
    url,
    url.replace(/%20/g, '+'),
    url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    json,
    // Escaping `/` is optional in JSON, and some encoders do it.
    json.replace(/\//g, '\\/'),
    html,
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#x27;'),
    // As the summary's table cells escape it (src/report/report.ts).
    secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\|/g, '&#124;').replace(/`/g, '&#96;'),
    // The HTML form of the JSON form, as the summary shows a JSON error body.
    json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
  ]
}

export function redact(text: string): string {
  let result = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) result = result.replaceAll(secret, '***')
  return result
}
