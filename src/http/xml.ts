/**
 * The small, flat XML answers of AWS APIs (CloudFront, STS): the first element of a name is the
 * one meant (<Id> of the Invalidation, <Code> of the Error). Only the predefined entities and
 * character references are expanded (no DTD); the patterns cannot backtrack.
 */
export function xmlText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)
  return match ? unescapeXml(match[1] ?? '') : undefined
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

function unescapeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/gi, (entity: string, name: string) => {
    const code = name[0] !== '#' ? undefined : name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
    if (code === undefined) return named[name.toLowerCase()] ?? entity
    // A code point past Unicode's last would make fromCodePoint throw: kept as written.
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity
  })
}
