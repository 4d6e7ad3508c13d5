/**
 * Here-documents (`RUN <<EOF`, `COPY <<-"EOT" /dst`), as BuildKit's parser
 * finds them (parser/parser.go: heredocsFromLine, ParseHeredoc).
 */
import { InstructionError } from './errors';
import { ShellLex, ShellLexError } from './lex';

export interface Heredoc {
  /** The delimiter with quotes removed: `EOF`. */
  name: string;
  /** The body as written, every line with its newline, up to (not including) the delimiter line. */
  content: string;
  /** False when any part of the delimiter was quoted (`<<"EOF"`, `<<'EOF'`): the body is not expanded. */
  expand: boolean;
  /** `<<-`: leading tabs are stripped from the body lines and from the delimiter line. */
  chomp: boolean;
  /** The file descriptor before `<<` (`3<<EOF`), 0 when none. */
  fileDescriptor: number;
}

const HEREDOC = /^(\d*)<<(-?)\s*([^<]*)$/;
const NO_ENV: Readonly<Record<string, string>> = {};

/** ParseHeredoc: the heredoc a word starts, without its body, or undefined. */
export function parseHeredocWord(word: string): Omit<Heredoc, 'content'> | undefined {
  const match = HEREDOC.exec(word);
  if (!match) return undefined;
  const rest = match[3] ?? '';
  if (rest === '') return undefined;
  // Lex the delimiter with and without quotes: if they differ, part of it was
  // quoted, and a quoted delimiter turns expansion off, as in sh. A delimiter
  // the lexer rejects (an unclosed quote) is the instruction's error, as in ParseHeredoc.
  const lex = (rawQuotes: boolean): string[] => {
    try {
      return new ShellLex('\\', { skipUnsetEnv: true, rawQuotes }).processWords(rest, NO_ENV);
    } catch (error) {
      if (error instanceof ShellLexError) throw new InstructionError(error.message);
      throw error;
    }
  };
  const words = lex(false);
  const name = words[0];
  if (words.length !== 1 || name === undefined) return undefined;
  const raw = lex(true);
  const quotes = (s: string): number => [...s].filter((c) => c === '"' || c === "'").length;
  return {
    name,
    expand: quotes(name) === quotes(raw[0] ?? ''),
    chomp: match[2] === '-',
    fileDescriptor: Number(match[1] || '0'),
  };
}

/** heredocsFromLine: the heredocs an instruction's line opens, in order. */
export function heredocsInLine(line: string): Array<Omit<Heredoc, 'content'>> {
  let words: string[];
  try {
    words = new ShellLex('\\', { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true }).processWords(line, NO_ENV);
  } catch (e) {
    // BuildKit ignores the lexer's error here and keeps no words.
    if (e instanceof ShellLexError) return [];
    throw e;
  }
  const out: Array<Omit<Heredoc, 'content'>> = [];
  for (const word of words) {
    const heredoc = parseHeredocWord(word);
    if (heredoc) out.push(heredoc);
  }
  return out;
}

/** ChompHeredocContent: remove the leading tabs of every line (for `<<-`). */
export function chompHeredocContent(content: string): string {
  return content.replace(/^\t+/gm, '');
}
