/**
 * The parts of Go's fmt, strconv and unicode/utf8 that Docker's `--format`
 * templates reach: fmt.Sprint/Sprintln/Sprintf (the template builtins print,
 * println and printf, and the way an action prints its value), strconv's
 * quoting and float formatting, and Go type names for values.
 *
 * The value model maps JavaScript data onto Go values:
 *
 * | JavaScript                          | Go                                        |
 * | ----------------------------------- | ----------------------------------------- |
 * | `undefined`                         | no value (invalid reflect.Value)          |
 * | `null`                              | nil (a nil interface{})                   |
 * | string                              | string                                    |
 * | integral number                     | int                                       |
 * | non-integral number, `GoFloat`      | float64                                   |
 * | `GoComplex`                         | complex128                                |
 * | boolean                             | bool                                      |
 * | array                               | slice (`[]T`, T inferred from elements)   |
 * | `Map`                               | map (keys sorted as Go's fmtsort does)    |
 * | function                            | func (a method when found on a struct)    |
 * | any other object                    | struct; its type name comes from a callback |
 *
 * Go strings are byte strings; here they are JavaScript strings, and the
 * byte-level operations (len, %x, slicing) work on their UTF-8 encoding.
 */

/** A float64 whose value happens to be integral (`1.0`), which a plain number would make an int. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A complex128, as template constants like `1+2i` produce. */
export class GoComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** Names the Go type of a struct value (`types.Version`); Go prints these in errors and for %T. */
export type TypeNamer = (value: object) => string;

export const DEFAULT_TYPE_NAME: TypeNamer = () => 'struct';

export type Kind = 'invalid' | 'nil' | 'bool' | 'int' | 'float' | 'complex' | 'string' | 'slice' | 'map' | 'struct' | 'func';

export function kindOf(value: unknown): Kind {
  if (value === undefined) return 'invalid';
  if (value === null) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    case 'object':
      if (value instanceof GoFloat) return 'float';
      if (value instanceof GoComplex) return 'complex';
      if (Array.isArray(value)) return 'slice';
      if (value instanceof Map) return 'map';
      return 'struct';
    default:
      return 'invalid';
  }
}

/** The numeric value of an int or float. */
export function numberValue(value: unknown): number {
  if (value instanceof GoFloat) return value.value;
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' ? value : NaN;
}

// ---------------------------------------------------------------------------
// Type names (reflect.Type.String)

/** reflect.TypeOf(value).String(); nil has no type, which callers spell as they need. */
export function goTypeName(value: unknown, typeName: TypeNamer = DEFAULT_TYPE_NAME): string {
  switch (kindOf(value)) {
    case 'invalid':
    case 'nil':
      return 'interface {}';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'complex':
      return 'complex128';
    case 'string':
      return 'string';
    case 'func':
      return 'func()';
    case 'slice':
      return `[]${elementTypeName(value as unknown[], typeName)}`;
    case 'map': {
      const map = value as Map<unknown, unknown>;
      return `map[${elementTypeName([...map.keys()], typeName)}]${elementTypeName([...map.values()], typeName)}`;
    }
    case 'struct':
      return typeName(value as object);
  }
}

/** The element type a collection's values share, or `interface {}` when they are mixed, nil or absent. */
export function elementTypeName(values: readonly unknown[], typeName: TypeNamer = DEFAULT_TYPE_NAME): string {
  let common: string | undefined;
  for (const item of values) {
    if (item === null || item === undefined) return 'interface {}';
    const name = goTypeName(item, typeName);
    if (common === undefined) common = name;
    else if (common !== name) return 'interface {}';
  }
  return common ?? 'interface {}';
}

// ---------------------------------------------------------------------------
// UTF-8

export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate is not a rune
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return bytes;
}

/** Decodes UTF-8 the way Go's `for range` does: each invalid byte becomes U+FFFD. */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    let need = 0;
    let cp = 0;
    let min = 0;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      cp = b0 & 0x0f;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      out += '\ufffd';
      i++;
      continue;
    }
    let ok = i + need < bytes.length;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const b = bytes[i + k] ?? 0;
        if ((b & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (b & 0x3f);
      }
    }
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

export function utf8Length(text: string): number {
  let n = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Compares strings bytewise in UTF-8, which is code point order (Go's `<` on strings). */
export function compareStrings(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const x = left[i]?.codePointAt(0) ?? 0;
    const y = right[i]?.codePointAt(0) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

// ---------------------------------------------------------------------------
// Unicode classes (unicode.IsPrint, strconv.IsPrint)

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** strconv.IsPrint / unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

// ---------------------------------------------------------------------------
// strconv quoting

const LOWER_HEX = '0123456789abcdef';

/** strconv.Quote (or QuoteToASCII) with `quote` as the delimiter. */
export function quote(text: string, asciiOnly = false, quoteChar = '"'): string {
  let out = quoteChar;
  for (const char of text) {
    out += escapeRune(char.codePointAt(0) ?? 0xfffd, quoteChar, asciiOnly);
  }
  return out + quoteChar;
}

/** strconv.QuoteRune (or QuoteRuneToASCII); invalid runes become U+FFFD. */
export function quoteRune(cp: number, asciiOnly = false): string {
  const r = validRune(cp) ? cp : 0xfffd;
  return `'${escapeRune(r, "'", asciiOnly)}'`;
}

function validRune(cp: number): boolean {
  return cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

function escapeRune(cp: number, quoteChar: string, asciiOnly: boolean): string {
  let r = cp;
  if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
  const char = String.fromCodePoint(r);
  if (char === quoteChar || char === '\\') return `\\${char}`;
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return char;
  } else if (isPrint(r)) {
    return char;
  }
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${LOWER_HEX[r >> 4]}${LOWER_HEX[r & 0xf]}`;
  if (r < 0x10000) return `\\u${r.toString(16).padStart(4, '0')}`;
  return `\\U${r.toString(16).padStart(8, '0')}`;
}

/** strconv.CanBackquote: no control characters other than tab, no backquote, no DEL or BOM. */
export function canBackquote(text: string): boolean {
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if ((cp < 0x20 && cp !== 0x09) || cp === 0x60 || cp === 0x7f) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// strconv.FormatFloat

/** A decimal digit string d1d2d3… with the point `dp` digits from its start (strconv's decimal). */
interface Decimal {
  digits: string;
  dp: number;
}

function trimDecimal(d: Decimal): Decimal {
  const digits = d.digits.replace(/0+$/, '');
  return digits === '' ? { digits: '', dp: 0 } : { digits, dp: d.dp };
}

/** The exact decimal expansion of a finite non-negative double (every double is mant·2^exp). */
function exactDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', dp: 0 };
  const { mant, exp } = floatBits(value);
  let m = mant;
  let e = exp;
  if (m === 0n) return { digits: '', dp: 0 };
  if (e >= 0) {
    const digits = (m << BigInt(e)).toString();
    return trimDecimal({ digits, dp: digits.length });
  }
  // m / 2^k = m·5^k / 10^k
  while ((m & 1n) === 0n && e < 0) {
    m >>= 1n;
    e++;
  }
  if (e >= 0) {
    const digits = (m << BigInt(e)).toString();
    return trimDecimal({ digits, dp: digits.length });
  }
  const digits = (m * 5n ** BigInt(-e)).toString();
  return trimDecimal({ digits, dp: digits.length + e });
}

/** The shortest digits that round-trip (ECMAScript and Go's ryu agree on them). */
function shortestDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', dp: 0 };
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  return trimDecimal({ digits: mantissa.replace('.', ''), dp: Number(exponent) + 1 });
}

/** strconv's decimal.Round(nd): keep nd digits, ties to even. */
function roundDecimal(d: Decimal, nd: number): Decimal {
  const { digits, dp } = d;
  if (nd < 0 || nd >= digits.length) return d;
  const next = digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next !== 5) up = next > 5;
  else if (nd + 1 < digits.length) up = true;
  else up = nd > 0 && (digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  const head = digits.slice(0, nd);
  if (!up) return trimDecimal({ digits: head, dp });
  let i = nd - 1;
  while (i >= 0 && head[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: dp + 1 };
  return { digits: head.slice(0, i) + String.fromCharCode(head.charCodeAt(i) + 1), dp };
}

function fmtE(d: Decimal, prec: number, fmt: string): string {
  let out = d.digits[0] ?? '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += d.digits[i] ?? '0';
  }
  out += fmt;
  let exp = d.digits.length === 0 ? 0 : d.dp - 1;
  out += exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return out + (exp < 10 ? `0${exp}` : String(exp));
}

function fmtF(d: Decimal, prec: number): string {
  let out = '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) out += d.digits[i] ?? '0';
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.digits.length ? (d.digits[j] ?? '0') : '0';
    }
  }
  return out;
}

function floatBits(value: number): { neg: boolean; mant: bigint; exp: number; biased: number; frac: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { neg, mant: frac, exp: -1074, biased, frac };
  return { neg, mant: frac | (1n << 52n), exp: biased - 1075, biased, frac };
}

/** strconv.FormatFloat(value, fmt, prec, 64) for the formats b, e, E, f, g, G, x, X. */
export function formatFloat(value: number, fmt: string, prec: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const neg = value < 0 || Object.is(value, -0);
  const sign = neg ? '-' : '';
  const magnitude = Math.abs(value);
  if (fmt === 'b') {
    const { mant, exp } = floatBits(magnitude);
    const e = magnitude === 0 ? -1074 : exp;
    return `${sign}${mant}p${e >= 0 ? '+' : ''}${e}`;
  }
  if (fmt === 'x' || fmt === 'X') return sign + formatHexFloat(magnitude, prec, fmt);

  const shortest = prec < 0;
  let digs: Decimal;
  let p = prec;
  if (shortest) {
    digs = shortestDecimal(magnitude);
    switch (fmt) {
      case 'e':
      case 'E':
        p = Math.max(digs.digits.length - 1, 0);
        break;
      case 'f':
        p = Math.max(digs.digits.length - digs.dp, 0);
        break;
      case 'g':
      case 'G':
        p = digs.digits.length;
        break;
    }
  } else {
    const exact = exactDecimal(magnitude);
    switch (fmt) {
      case 'e':
      case 'E':
        digs = roundDecimal(exact, p + 1);
        break;
      case 'f':
        digs = roundDecimal(exact, exact.dp + p);
        break;
      default:
        if (p === 0) p = 1;
        digs = roundDecimal(exact, p);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return sign + fmtE(digs, p, fmt);
    case 'f':
      return sign + fmtF(digs, p);
    default: {
      let eprec = p;
      if (eprec > digs.digits.length && digs.digits.length >= digs.dp) eprec = digs.digits.length;
      if (shortest) eprec = 6;
      // Zero has no digits and dp 0, so exp is -1 and %f is chosen, as in Go.
      const exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (p > digs.digits.length) p = digs.digits.length;
        return sign + fmtE(digs, p - 1, fmt === 'G' ? 'E' : 'e');
      }
      if (p > digs.dp) p = digs.digits.length;
      return sign + fmtF(digs, Math.max(p - digs.dp, 0));
    }
  }
}

/** strconv's %x for floats: 0x1.yyyyp±dd. */
function formatHexFloat(magnitude: number, prec: number, fmt: string): string {
  const MASK64 = (1n << 64n) - 1n;
  let { mant, exp } = floatBits(magnitude);
  if (magnitude === 0) {
    mant = 0n;
    exp = 0;
  } else {
    exp += 52;
  }
  // Shift digits so the leading 1 (if any) is at bit 1<<60.
  mant = (mant << 8n) & MASK64;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant = (mant << 1n) & MASK64;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : LOWER_HEX;
  let out = `0${fmt}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & MASK64;
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  return out + (e < 10 ? `0${e}` : String(e));
}

// ---------------------------------------------------------------------------
// fmt

const LDIGITS = '0123456789abcdefx';
const UDIGITS = '0123456789ABCDEFX';

/** Raised by a String or Error method while fmt prints its value. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function methodOf(value: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (kindOf(value) !== 'struct') return undefined;
  const method = (value as Record<string, unknown>)[name];
  return typeof method === 'function' ? (method as (...args: unknown[]) => unknown) : undefined;
}

const NONE = Symbol('none');

/** Go's pp: one Sprint/Sprintln/Sprintf call. */
class Printer {
  buf = '';
  // fmtFlags
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  prec = 0;

  arg: unknown = NONE;
  value: unknown = NONE;
  erroring = false;
  panicking = false;
  reordered = false;
  goodArgNum = true;

  constructor(readonly typeName: TypeNamer) {}

  clearFlags(): void {
    this.widPresent = this.precPresent = this.minus = this.plus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  // --- fmt (format.go)

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = `U+${u.toString(16).toUpperCase().padStart(prec, '0')}`;
    if (this.sharp && u <= 0x10ffffn && isPrint(Number(u))) s += ` '${String.fromCodePoint(Number(u))}'`;
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  fmtInteger(value: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
    const negative = isSigned && value < 0n;
    const u = negative ? -value : value;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u.toString(base);
    if (digits === UDIGITS) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = `0b${s}`;
      else if (base === 8 && s[0] !== '0') s = `0${s}`;
      else if (base === 16) s = `0${digits[16]}${s}`;
    }
    if (verb === 'O') s = `0o${s}`;
    if (negative) s = `-${s}`;
    else if (this.plus) s = `+${s}`;
    else if (this.space) s = ` ${s}`;
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  truncateString(s: string): string {
    if (this.precPresent) {
      const runes = [...s];
      if (runes.length > this.prec) return runes.slice(0, Math.max(this.prec, 0)).join('');
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncateString(s));
  }

  fmtSx(s: string, digits: string): void {
    const bytes = utf8Encode(s);
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) {
        width += 2;
      }
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = '';
    if (this.sharp) out += `0${digits[16]}`;
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += ' ';
        if (this.sharp) out += `0${digits[16]}`;
      }
      const c = bytes[i] ?? 0;
      out += (digits[c >> 4] ?? '') + (digits[c & 0xf] ?? '');
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: string): void {
    const t = this.truncateString(s);
    if (this.sharp && canBackquote(t)) {
      this.pad(`\`${t}\``);
      return;
    }
    this.pad(quote(t, this.plus));
  }

  fmtC(c: bigint): void {
    let r = c > 0x10ffffn ? 0xfffd : Number(c);
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    this.pad(String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c > 0x10ffffn ? 0xfffd : Number(c);
    this.pad(quoteRune(r, this.plus));
  }

  fmtFloat(v: number, verb: string, precision: number): void {
    const prec = this.precPresent ? this.prec : precision;
    let num = formatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = `+${num}`;
    if (this.space && num[0] === '+' && !this.plus) num = ` ${num.slice(1)}`;
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let body = num;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i];
        if (c === '.') {
          hasDecimalPoint = true;
          continue;
        }
        if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  // --- print.go

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf += `%!${verb}(`;
    if (this.arg !== NONE && this.arg !== null && this.arg !== undefined) {
      this.buf += `${goTypeName(this.arg, this.typeName)}=`;
      this.printArg(this.arg, 'v');
    } else if (this.value !== NONE && this.value !== null && this.value !== undefined) {
      this.buf += `${goTypeName(this.value, this.typeName)}=`;
      this.printValue(this.value, 'v', 0);
    } else {
      this.buf += '<nil>';
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmtInt(v: bigint, verb: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        this.fmtInteger(v, 10, true, verb, LDIGITS);
        break;
      case 'b':
        this.fmtInteger(v, 2, true, verb, LDIGITS);
        break;
      case 'o':
      case 'O':
        this.fmtInteger(v, 8, true, verb, LDIGITS);
        break;
      case 'x':
        this.fmtInteger(v, 16, true, verb, LDIGITS);
        break;
      case 'X':
        this.fmtInteger(v, 16, true, verb, UDIGITS);
        break;
      case 'c':
        this.fmtC(BigInt.asUintN(64, v));
        break;
      case 'q':
        this.fmtQc(BigInt.asUintN(64, v));
        break;
      case 'U':
        this.fmtUnicode(BigInt.asUintN(64, v));
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtFloatVerb(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.fmtFloat(v, 'g', -1);
        break;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloat(v, verb, -1);
        break;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloat(v, verb, 6);
        break;
      case 'F':
        this.fmtFloat(v, 'f', 6);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtComplex(v: GoComplex, verb: string): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const oldPlus = this.plus;
        this.buf += '(';
        this.fmtFloatVerb(v.re, verb);
        this.plus = true;
        this.fmtFloatVerb(v.im, verb);
        this.buf += 'i)';
        this.plus = oldPlus;
        break;
      }
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        break;
      case 's':
        this.fmtS(v);
        break;
      case 'x':
        this.fmtSx(v, LDIGITS);
        break;
      case 'X':
        this.fmtSx(v, UDIGITS);
        break;
      case 'q':
        this.fmtQ(v);
        break;
      default:
        this.badVerb(verb);
    }
  }

  /** Error and String methods, which fmt prefers for the string-accepting verbs. */
  handleMethods(verb: string): boolean {
    if (this.erroring) return false;
    const arg = this.arg;
    if (this.sharpV) {
      const goString = methodOf(arg, 'GoString');
      if (goString) {
        this.callMethod(goString, arg, verb, 'GoString', (text) => this.fmtS(text));
        return true;
      }
      return false;
    }
    if (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q') {
      for (const name of ['Error', 'String']) {
        const method = methodOf(arg, name);
        if (method) {
          this.callMethod(method, arg, verb, name, (text) => this.fmtString(text, verb));
          return true;
        }
      }
    }
    return false;
  }

  private callMethod(method: (...args: unknown[]) => unknown, receiver: unknown, verb: string, name: string, print: (text: string) => void): void {
    let text: string;
    try {
      text = String(method.call(receiver));
    } catch (error) {
      if (this.panicking) throw error;
      const saved = this.saveFlags();
      this.clearFlags();
      this.buf += `%!${verb}(PANIC=${name} method: `;
      this.panicking = true;
      this.printArg(errorText(error), 'v');
      this.panicking = false;
      this.buf += ')';
      this.restoreFlags(saved);
      return;
    }
    print(text);
  }

  private saveFlags(): unknown[] {
    return [this.widPresent, this.precPresent, this.minus, this.plus, this.sharp, this.space, this.zero, this.plusV, this.sharpV, this.wid, this.prec];
  }

  private restoreFlags(saved: unknown[]): void {
    [this.widPresent, this.precPresent, this.minus, this.plus, this.sharp, this.space, this.zero, this.plusV, this.sharpV, this.wid, this.prec] = saved as [
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      boolean,
      number,
      number,
    ];
  }

  printArg(arg: unknown, verb: string): void {
    this.arg = arg;
    this.value = NONE;
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(goTypeName(arg, this.typeName));
      return;
    }
    if (verb === 'p') {
      // Only funcs get an (invented) address; Go would print slices' and maps' addresses too.
      if (typeof arg === 'function') this.fmtPointer('p');
      else this.badVerb(verb);
      return;
    }
    switch (kindOf(arg)) {
      case 'bool':
        this.fmtBool(arg as boolean, verb);
        return;
      case 'int':
        this.fmtInt(BigInt(numberValue(arg)), verb);
        return;
      case 'float':
        this.fmtFloatVerb(numberValue(arg), verb);
        return;
      case 'complex':
        this.fmtComplex(arg as GoComplex, verb);
        return;
      case 'string':
        this.fmtString(arg as string, verb);
        return;
      default:
        if (!this.handleMethods(verb)) this.printValue(arg, verb, 0);
    }
  }

  printValue(value: unknown, verb: string, depth: number): void {
    if (depth > 0 && value !== null && value !== undefined) {
      this.arg = value;
      if (this.handleMethods(verb)) return;
    }
    this.arg = NONE;
    this.value = value;
    switch (kindOf(value)) {
      case 'invalid':
      case 'nil':
        // A nil element of an interface-typed collection.
        this.buf += this.sharpV ? 'interface {}(nil)' : '<nil>';
        return;
      case 'bool':
        this.fmtBool(value as boolean, verb);
        return;
      case 'int':
        this.fmtInt(BigInt(numberValue(value)), verb);
        return;
      case 'float':
        this.fmtFloatVerb(numberValue(value), verb);
        return;
      case 'complex':
        this.fmtComplex(value as GoComplex, verb);
        return;
      case 'string':
        this.fmtString(value as string, verb);
        return;
      case 'map': {
        const map = value as Map<unknown, unknown>;
        if (this.sharpV) this.buf += `${goTypeName(map, this.typeName)}{`;
        else this.buf += 'map[';
        sortedEntries(map).forEach(([k, v], i) => {
          if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
          this.printValue(k, verb, depth + 1);
          this.buf += ':';
          this.printValue(v, verb, depth + 1);
        });
        this.buf += this.sharpV ? '}' : ']';
        return;
      }
      case 'struct': {
        if (this.sharpV) this.buf += goTypeName(value, this.typeName);
        this.buf += '{';
        structFields(value as object).forEach(([name, field], i) => {
          if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
          if (this.plusV || this.sharpV) this.buf += `${name}:`;
          this.printValue(field, verb, depth + 1);
        });
        this.buf += '}';
        return;
      }
      case 'slice': {
        const items = value as unknown[];
        if (this.sharpV) {
          this.buf += `${goTypeName(items, this.typeName)}{`;
          items.forEach((item, i) => {
            if (i > 0) this.buf += ', ';
            this.printValue(item, verb, depth + 1);
          });
          this.buf += '}';
        } else {
          this.buf += '[';
          items.forEach((item, i) => {
            if (i > 0) this.buf += ' ';
            this.printValue(item, verb, depth + 1);
          });
          this.buf += ']';
        }
        return;
      }
      case 'func':
        this.fmtPointer(verb);
        return;
    }
  }

  /**
   * fmtPointer for a func. Values here have no addresses: a (non-nil) func
   * prints as the address 0x0 where Go would print its real address.
   */
  fmtPointer(verb: string): void {
    const fmt0x64 = (leading0x: boolean): void => {
      const sharp = this.sharp;
      this.sharp = leading0x;
      this.fmtInteger(0n, 16, false, 'v', LDIGITS);
      this.sharp = sharp;
    };
    switch (verb) {
      case 'v':
        if (this.sharpV) this.buf += '(func())(0x0)';
        else fmt0x64(!this.sharp);
        return;
      case 'p':
        fmt0x64(!this.sharp);
        return;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        this.fmtInt(0n, verb);
        return;
      default:
        this.badVerb(verb);
    }
  }

  doPrint(args: readonly unknown[]): void {
    let prevString = false;
    args.forEach((arg, i) => {
      const isString = typeof arg === 'string';
      if (i > 0 && !isString && !prevString) this.buf += ' ';
      this.printArg(arg, 'v');
      prevString = isString;
    });
  }

  doPrintln(args: readonly unknown[]): void {
    args.forEach((arg, i) => {
      if (i > 0) this.buf += ' ';
      this.printArg(arg, 'v');
    });
    this.buf += '\n';
  }

  doPrintf(format: string, args: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    formatLoop: while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearFlags();
      simpleFormat: for (; i < end; i++) {
        const c = format[i] ?? '';
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = true;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < args.length) {
              if (c === 'v' || c === 'w') {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(args[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simpleFormat;
        }
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, args.length);
      if (i < end && format[i] === '*') {
        i++;
        [this.wid, this.widPresent, argNum] = intFromArg(args, argNum);
        if (!this.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, args.length);
        if (i < end && format[i] === '*') {
          i++;
          [this.prec, this.precPresent, argNum] = intFromArg(args, argNum);
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(format, i, end);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, args.length);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i) ?? 0;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') {
        this.buf += '%';
      } else if (!this.goodArgNum) {
        this.buf += `%!${verb}(BADINDEX)`;
      } else if (argNum >= args.length) {
        this.buf += `%!${verb}(MISSING)`;
      } else {
        if (verb === 'v' || verb === 'w') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(args[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < args.length) {
      this.clearFlags();
      this.buf += '%!(EXTRA ';
      args.slice(argNum).forEach((arg, k) => {
        if (k > 0) this.buf += ', ';
        if (arg === null || arg === undefined) {
          this.buf += '<nil>';
        } else {
          this.buf += `${goTypeName(arg, this.typeName)}=`;
          this.printArg(arg, 'v');
        }
      });
      this.buf += ')';
    }
  }

  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }
}

function tooLarge(x: number): boolean {
  return x > 1e6 || x < -1e6;
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && (s[i] ?? '') >= '0' && (s[i] ?? '') <= '9'; i++) {
    if (tooLarge(num)) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

function intFromArg(args: readonly unknown[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < args.length) {
    const arg = args[argNum];
    if (kindOf(arg) === 'int') {
      num = numberValue(arg);
      isInt = true;
    }
    newArgNum = argNum + 1;
    if (tooLarge(num)) {
      num = 0;
      isInt = false;
    }
  }
  return [num, isInt, newArgNum];
}

// ---------------------------------------------------------------------------
// Structs and maps

/** A struct's fields in declaration order; function-valued properties are methods, not fields. */
export function structFields(value: object): Array<[string, unknown]> {
  return Object.entries(value).filter(([, field]) => typeof field !== 'function');
}

function kindRank(value: unknown): number {
  switch (kindOf(value)) {
    case 'bool':
      return 0;
    case 'int':
    case 'float':
      return 1;
    case 'string':
      return 2;
    default:
      return 3;
  }
}

/** internal/fmtsort's order: numbers numerically, strings bytewise, false before true. */
export function compareKeys(a: unknown, b: unknown): number {
  const ka = kindRank(a);
  const kb = kindRank(b);
  if (ka !== kb) return ka - kb;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (ka === 1) {
    const x = numberValue(a);
    const y = numberValue(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compareStrings(String(a), String(b));
}

export function sortedEntries<K, V>(map: Map<K, V>): Array<[K, V]> {
  return [...map.entries()].sort(([a], [b]) => compareKeys(a, b));
}

// ---------------------------------------------------------------------------
// Public entry points

/** fmt.Sprint: spaces between operands when neither is a string. */
export function sprint(args: readonly unknown[], typeName: TypeNamer = DEFAULT_TYPE_NAME): string {
  const p = new Printer(typeName);
  p.doPrint(args);
  return p.buf;
}

/** fmt.Sprintln: spaces between all operands and a final newline. */
export function sprintln(args: readonly unknown[], typeName: TypeNamer = DEFAULT_TYPE_NAME): string {
  const p = new Printer(typeName);
  p.doPrintln(args);
  return p.buf;
}

/** fmt.Sprintf, including Go's `%!verb(type=value)`, `%!verb(MISSING)` and `%!(EXTRA …)` diagnostics. */
export function sprintf(format: string, args: readonly unknown[], typeName: TypeNamer = DEFAULT_TYPE_NAME): string {
  const p = new Printer(typeName);
  p.doPrintf(format, args);
  return p.buf;
}
