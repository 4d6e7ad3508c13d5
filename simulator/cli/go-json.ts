/**
 * How Go's encoding/json Decoder fails on a text (docker/cli reads config.json
 * with one): the scanner's syntax errors word for word ("invalid character 'x'
 * looking for beginning of value"), `unexpected EOF` for a value cut short.
 * A Decoder reads one value and ignores what follows it; an empty text is not
 * an error. Returns the parsed value, or the error's text.
 */
export function decodeGoJson(text: string): { value: unknown } | { error: string } | { empty: true } {
  const scanner = new Scanner(text);
  scanner.skipSpace();
  if (scanner.atEnd()) return { empty: true };
  try {
    scanner.value();
  } catch (error) {
    if (error instanceof GoSyntaxError) return { error: error.message };
    throw error;
  }
  return { value: JSON.parse(text.slice(0, scanner.position)) as unknown };
}

class GoSyntaxError extends Error {}

/** Go's quoteChar: how the scanner shows the offending character. */
function quoteChar(char: string): string {
  if (char === "'") return "'\\''";
  if (char === '"') return "'\"'";
  const quoted = JSON.stringify(char).slice(1, -1);
  return `'${/^[\x20-\x7e]$/.test(char) || char.codePointAt(0)! > 0x7f ? char : quoted}'`;
}

class Scanner {
  position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (/^[ \t\r\n]$/.test(this.text[this.position] ?? '')) this.position++;
  }

  /** The character at the scanner; a text that ends inside a value is Decoder's `unexpected EOF`. */
  private next(): string {
    const char = this.text[this.position];
    if (char === undefined) throw new GoSyntaxError('unexpected EOF');
    return char;
  }

  private fail(char: string, context: string): never {
    throw new GoSyntaxError(`invalid character ${quoteChar(char)} ${context}`);
  }

  value(): void {
    this.skipSpace();
    const char = this.next();
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || /[0-9]/.test(char)) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (char === literal[0]) return this.literal(literal);
    }
    this.fail(char, 'looking for beginning of value');
  }

  private object(): void {
    this.position++;
    this.skipSpace();
    if (this.next() === '}') {
      this.position++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const quote = this.next();
      if (quote !== '"') this.fail(quote, 'looking for beginning of object key string');
      this.string();
      this.skipSpace();
      const colon = this.next();
      if (colon !== ':') this.fail(colon, 'after object key');
      this.position++;
      this.value();
      this.skipSpace();
      const after = this.next();
      this.position++;
      if (after === '}') return;
      if (after !== ',') this.fail(after, 'after object key:value pair');
    }
  }

  private array(): void {
    this.position++;
    this.skipSpace();
    if (this.next() === ']') {
      this.position++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      const after = this.next();
      this.position++;
      if (after === ']') return;
      if (after !== ',') this.fail(after, 'after array element');
    }
  }

  private string(): void {
    this.position++;
    for (;;) {
      const char = this.next();
      this.position++;
      if (char === '"') return;
      if (char < ' ') this.fail(char, 'in string literal');
      if (char === '\\') {
        const escape = this.next();
        this.position++;
        if (escape === 'u') {
          for (let i = 0; i < 4; i++) {
            const hex = this.next();
            if (!/[0-9a-fA-F]/.test(hex)) this.fail(hex, 'in \\u hexadecimal character escape');
            this.position++;
          }
        } else if (!'"\\/bfnrt'.includes(escape)) {
          this.fail(escape, 'in string escape code');
        }
      }
    }
  }

  private number(): void {
    if (this.text[this.position] === '-') {
      this.position++;
      const first = this.next();
      if (!/[0-9]/.test(first)) this.fail(first, 'in numeric literal');
    }
    if (this.text[this.position] === '0') this.position++;
    else this.digits();
    if (this.text[this.position] === '.') {
      this.position++;
      const first = this.next();
      if (!/[0-9]/.test(first)) this.fail(first, 'after decimal point in numeric literal');
      this.digits();
    }
    if (this.text[this.position] === 'e' || this.text[this.position] === 'E') {
      this.position++;
      if (this.text[this.position] === '+' || this.text[this.position] === '-') this.position++;
      const first = this.next();
      if (!/[0-9]/.test(first)) this.fail(first, 'in exponent of numeric literal');
      this.digits();
    }
  }

  private digits(): void {
    while (/[0-9]/.test(this.text[this.position] ?? '')) this.position++;
  }

  private literal(word: string): void {
    for (let i = 0; i < word.length; i++) {
      const char = this.next();
      if (char !== word[i]) this.fail(char, `in literal ${word} (expecting ${quoteChar(word[i] ?? '')})`);
      this.position++;
    }
  }
}
