/**
 * The shell lexer of BuildKit's Dockerfile frontend (frontend/dockerfile/shell/lex.go):
 * quote removal, escapes with the Dockerfile's escape token, `$VAR` and `${VAR…}`
 * expansion, and word splitting after expansion. It is not a shell: there is no
 * globbing, no command substitution, and `$1`, `$@`, `$$` are just names that are
 * never set. The builder uses it for the instructions that expand variables; the
 * parser uses it with raw quotes to find here-document delimiters.
 */
import { goQuote, isSpace } from './text';

export interface LexOptions {
  /** Keep quote characters in the output (parser: to tell a quoted heredoc delimiter). */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Leave references to unset variables as written (`$X`, `${X:-y}`). */
  skipUnsetEnv?: boolean;
}

export type Env = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** The error lex.go returns; `message` is BuildKit's text, wrapped as `failed to process "<word>": …`. */
export class ShellLexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLexError';
  }
}

export interface LexResult {
  /** The processed text (ProcessWord). */
  word: string;
  /** The text split into words after expansion (ProcessWords). */
  words: string[];
  /** Names of variables referenced but not set (BuildKit's `unmatched`, for the UndefinedVar lint). */
  unmatched: string[];
}

const EOF = '';

class Words {
  private word = '';
  private inWord = false;
  readonly words: string[] = [];

  addChar(ch: string): void {
    if (isSpace(ch) && this.inWord) {
      if (this.word.length !== 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else if (!isSpace(ch)) {
      this.addRawChar(ch);
    }
  }

  addRawChar(ch: string): void {
    this.word += ch;
    this.inWord = true;
  }

  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }

  addRawString(s: string): void {
    this.word += s;
    this.inWord = true;
  }

  getWords(): string[] {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

function lookup(env: Env, name: string): string | undefined {
  // Names are case-sensitive: BuildKit's EqualEnvKeys on Linux.
  if (env instanceof Map) return env.get(name);
  const record = env as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

class ShellWord {
  private pos = 0;
  private rawEscapes: boolean;
  readonly unmatched = new Set<string>();

  constructor(
    private readonly chars: string[],
    private readonly env: Env,
    private readonly escapeToken: string,
    private readonly options: LexOptions,
  ) {
    this.rawEscapes = options.rawEscapes ?? false;
  }

  private peek(): string {
    return this.chars[this.pos] ?? EOF;
  }

  private next(): string {
    const ch = this.chars[this.pos] ?? EOF;
    if (ch !== EOF) this.pos++;
    return ch;
  }

  private getEnv(name: string): string | undefined {
    const value = lookup(this.env, name);
    if (value === undefined) this.unmatched.add(name);
    return value;
  }

  processStopOn(stopChar: string, rawEscapes = this.options.rawEscapes ?? false): [string, string[]] {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      return this.processStopOnInner(stopChar);
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processStopOnInner(stopChar: string): [string, string[]] {
    let result = '';
    const words = new Words();
    while (this.peek() !== EOF) {
      let ch = this.peek();
      if (stopChar !== EOF && ch === stopChar) {
        this.next();
        return [result, words.getWords()];
      }
      if (ch === '$') {
        const tmp = this.processDollar();
        result += tmp;
        words.addString(tmp);
      } else if (ch === "'" || ch === '"') {
        const tmp = ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
        result += tmp;
        words.addRawString(tmp);
      } else {
        ch = this.next();
        if (ch === this.escapeToken) {
          if (this.rawEscapes) {
            words.addRawChar(ch);
            result += ch;
          }
          // The escape token escapes the next character, except at the end.
          ch = this.next();
          if (ch === EOF) break;
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result += ch;
      }
    }
    if (stopChar !== EOF) {
      throw new ShellLexError(`unexpected end of statement while looking for matching ${stopChar}`);
    }
    return [result, words.getWords()];
  }

  private processSingleQuote(): string {
    // Everything up to the next ' is literal; a ' cannot be escaped inside.
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += open;
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new ShellLexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.options.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    // Literal except $, and the escape token before ", $ or itself.
    let result = '';
    const open = this.next();
    if (this.options.rawQuotes) result += open;
    for (;;) {
      const peek = this.peek();
      if (peek === EOF) throw new ShellLexError('unexpected end of statement while looking for matching double-quote');
      if (peek === '"') {
        const ch = this.next();
        if (this.options.rawQuotes) result += ch;
        return result;
      }
      if (peek === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.escapeToken) {
        const after = this.peek();
        if (after === EOF) {
          if (this.rawEscapes) result += ch;
          continue;
        }
        if (after === '"' || after === '$' || after === this.escapeToken) {
          if (this.rawEscapes) result += ch;
          ch = this.next();
        }
      }
      result += ch;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.options.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new ShellLexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ShellLexError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    let chs = ch;
    let nullIsUnset = false;
    switch (ch) {
      case '}': {
        const value = this.getEnv(name);
        if (value === undefined && this.options.skipUnsetEnv) return '${' + name + '}';
        return value ?? '';
      }
      case '/':
        return this.processReplace(name);
      case ':':
        nullIsUnset = true;
        ch = this.next();
        chs += ch;
        break;
      case '+':
      case '-':
      case '?':
      case '#':
      case '%':
        break;
      default:
        throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
    }
    const patternOp = ch === '#' || ch === '%';
    if (nullIsUnset && patternOp) throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
    let word: string;
    try {
      [word] = this.processStopOn('}', patternOp);
    } catch (e) {
      if (e instanceof ShellLexError && this.peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
      throw e;
    }
    const value = this.getEnv(name);
    if (value === undefined && this.options.skipUnsetEnv) return '${' + name + chs + word + '}';
    const unset = value === undefined || (nullIsUnset && value === '');
    switch (ch) {
      case '-':
        return unset ? word : (value ?? '');
      case '+':
        return unset ? '' : word;
      case '?':
        if (value === undefined) throw new ShellLexError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (unset) throw new ShellLexError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        // `#`/`%` remove the shortest match, `##`/`%%` the longest.
        const greedy = word.startsWith(ch);
        const pattern = greedy ? word.slice(1) : word;
        return ch === '%' ? trimSuffix(pattern, value ?? '', greedy) : trimPrefix(pattern, value ?? '', greedy);
      }
      default:
        throw new ShellLexError(`unsupported modifier (${chs}) in substitution`);
    }
  }

  private processReplace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    let pattern: string;
    let replacement: string;
    try {
      [pattern] = this.processStopOn('/', true);
    } catch (e) {
      if (e instanceof ShellLexError && this.peek() === EOF) throw new ShellLexError("syntax error: missing '/' in ${}");
      throw e;
    }
    try {
      [replacement] = this.processStopOn('}', true);
    } catch (e) {
      if (e instanceof ShellLexError && this.peek() === EOF) throw new ShellLexError("syntax error: missing '}'");
      throw e;
    }
    const value = this.getEnv(name);
    if (value === undefined && this.options.skipUnsetEnv) return '${' + name + '/' + pattern + '/' + replacement + '}';
    const re = shellPatternToRegExp(pattern, all ? 'g' : '');
    return (value ?? '').replace(re, () => replacement);
  }

  private processName(): string {
    // A name is letters, digits and _; or a run of digits; or one special parameter.
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name.length === 0 && /^\p{Nd}$/u.test(ch)) {
        while (this.peek() !== EOF && /^\p{Nd}$/u.test(this.peek())) name += this.next();
        return name;
      }
      if (name.length === 0 && '@*#?-$!0'.includes(ch)) return this.next();
      if (!/^[\p{L}\p{Nd}_]$/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }
}

/** A shell pattern (only `*`, `?` and escapes) as a regular expression, as lex.go's convertShellPatternToRegex. */
function shellPatternToRegExp(pattern: string, flags: string, anchor: '' | 'start' | 'end' = '', greedy = true): RegExp {
  let source = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === '*') source += greedy ? '.*' : '.*?';
    else if (ch === '?') source += '.';
    else if (ch === '\\' && i + 1 < chars.length) source += escapeRegExp(chars[++i] ?? '');
    else source += escapeRegExp(ch);
  }
  if (anchor === 'start') source = '^' + source;
  if (anchor === 'end') source = source + '$';
  return new RegExp(source, 's' + flags);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const m = shellPatternToRegExp(pattern, '', 'start', greedy).exec(value);
  return m ? value.slice(m[0].length) : value;
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  // The shortest suffix match is the longest prefix kept, so try from the end.
  const re = shellPatternToRegExp(pattern, '', 'start', true);
  const full = new RegExp(re.source + '$', 's');
  if (greedy) {
    for (let i = 0; i <= value.length; i++) if (full.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = value.length; i >= 0; i--) if (full.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

/** NewLex: a lexer with the Dockerfile's escape token (`\` or a backtick). */
export class ShellLex {
  constructor(
    readonly escapeToken: string = '\\',
    readonly options: LexOptions = {},
  ) {}

  process(text: string, env: Env): LexResult {
    const sw = new ShellWord([...text], env, this.escapeToken, this.options);
    try {
      const [word, words] = sw.processStopOn(EOF);
      return { word, words, unmatched: [...sw.unmatched] };
    } catch (e) {
      if (e instanceof ShellLexError) throw new ShellLexError(`failed to process ${goQuote(text)}: ${e.message}`);
      throw e;
    }
  }

  /** ProcessWord: expand and remove quotes, keeping spaces. */
  processWord(text: string, env: Env): string {
    return this.process(text, env).word;
  }

  /** ProcessWords: expand, remove quotes, then split on unquoted whitespace. */
  processWords(text: string, env: Env): string[] {
    return this.process(text, env).words;
  }
}
