/**
 * Go's strconv integer parsing with base 0, as pflag's int flags and
 * text/template's number literals read numbers: an optional sign (signed
 * only), a base prefix (0x, 0o, 0b, or a leading 0 for octal), underscores
 * between digits. Returns the value, or the reason strconv gives.
 */
export function parseGoInteger(text: string, signed: boolean): bigint | 'invalid syntax' | 'value out of range' {
  let body = text;
  let negative = false;
  if (signed && (body.startsWith('+') || body.startsWith('-'))) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  if (body === '') return 'invalid syntax';
  let base = 10;
  let digits = body;
  if (body.length > 1 && body[0] === '0') {
    const prefix = body[1]?.toLowerCase();
    if (prefix === 'x' || prefix === 'o' || prefix === 'b') {
      base = prefix === 'x' ? 16 : prefix === 'o' ? 8 : 2;
      digits = body.slice(2);
    } else {
      base = 8;
      digits = body.slice(1);
    }
  }
  if (!underscoreOK(body)) return 'invalid syntax';
  const clean = digits.replace(/_/g, '');
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^\d+$/, 16: /^[\da-f]+$/i }[base];
  if (!valid?.test(clean)) return 'invalid syntax';
  const magnitude = BigInt(base === 10 ? clean : `0${{ 2: 'b', 8: 'o', 16: 'x' }[base]}${clean}`);
  const limit = signed ? 2n ** 63n : 2n ** 64n;
  if (negative ? magnitude > limit : magnitude >= limit) return 'value out of range';
  return negative ? -magnitude : magnitude;
}

/** strconv.Atoi: an optional sign and decimal digits, within Go's int (int64); undefined when it does not parse. */
export function atoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? Number(value) : undefined;
}

/** strconv's underscoreOK: underscores only between digits (or after a base prefix). */
export function underscoreOK(text: string): boolean {
  const unsigned = text.startsWith('+') || text.startsWith('-') ? text.slice(1) : text;
  let saw = '^';
  let index = 0;
  const hex = /^0x/i.test(unsigned);
  if (/^0[box]/i.test(unsigned)) {
    index = 2;
    saw = '0';
  }
  for (; index < unsigned.length; index++) {
    const char = unsigned[index] ?? '';
    if (/\d/.test(char) || (hex && /[a-f]/i.test(char))) {
      saw = '0';
      continue;
    }
    if (char === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}
