/**
 * Go's character classes and formatting, for the few places where BuildKit's
 * behaviour depends on them: JavaScript's `\s` is not Go's unicode.IsSpace
 * (JS counts U+FEFF, Go counts U+0085), and error texts quote with Go's %q.
 */

/** Go's unicode.IsSpace. */
export function isSpace(ch: string): boolean {
  switch (ch) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case '\u0085':
    case '\u00a0':
    case '\u1680':
    case '\u2028':
    case '\u2029':
    case '\u202f':
    case '\u205f':
    case '\u3000':
      return true;
  }
  return ch >= '\u2000' && ch <= '\u200a';
}

/** Go's strings.TrimLeftFunc(s, unicode.IsSpace). */
export function trimLeftSpace(s: string): string {
  let i = 0;
  const chars = [...s];
  while (i < chars.length && isSpace(chars[i] ?? '')) i++;
  return chars.slice(i).join('');
}

/** Go's strings.TrimSpace. */
export function trimSpace(s: string): string {
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && isSpace(chars[start] ?? '')) start++;
  while (end > start && isSpace(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** Go's regexp `[\t\v\f\r ]+`, the parser's reWhitespace and tokenWhitespace. */
export const HORIZONTAL_WHITESPACE = /[\t\v\f\r ]+/;

/** Go's regexp.Split(s, n) for n = 2: at most two parts. */
export function splitOnce(s: string, re: RegExp): string[] {
  const m = new RegExp(re.source).exec(s);
  if (!m) return [s];
  return [s.slice(0, m.index), s.slice(m.index + m[0].length)];
}

/** Go's %q for a string: double-quoted with Go escapes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\v') out += '\\v';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\u0007') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}
