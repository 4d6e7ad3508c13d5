/**
 * How each instruction's text after its flags becomes arguments, before any
 * variable expansion (BuildKit's frontend/dockerfile/parser/line_parsers.go).
 * Quotes stay in the arguments here; the builder removes them when it expands
 * variables (expand.ts), as BuildKit does at dispatch.
 */
import { InstructionError } from './errors';
import { goQuote, HORIZONTAL_WHITESPACE, isSpace, splitOnce, trimLeftSpace } from './text';

export interface ParsedArgs {
  /** The arguments as BuildKit's nodeArgs lists them (for ENV and LABEL: key, value, key, value…). */
  args: string[];
  /** JSON (exec) form. */
  json: boolean;
}

const NOT_STRING_ARRAY = 'when using JSON array syntax, arrays must be comprised of strings only';

/** parseWords: split on whitespace, keeping quotes (and escapes) in the words. */
export function parseWords(rest: string, escapeToken: string): string[] {
  const words: string[] = [];
  const chars = [...rest];
  let inWord = false;
  let quote = '';
  let word = '';
  let blankOK = false;
  for (let pos = 0; pos <= chars.length; pos++) {
    if (!inWord && quote === '') {
      if (pos === chars.length) break;
      if (isSpace(chars[pos] ?? '')) continue;
      inWord = true;
    }
    if (pos === chars.length) {
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    let ch = chars[pos] ?? '';
    if (quote === '') {
      if (isSpace(ch)) {
        inWord = false;
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
      } else if (ch === escapeToken) {
        if (pos + 1 === chars.length) continue; // an escape token at the end is dropped
        // Outside quotes the escape token and the next character stay together, even a quote.
        word += ch;
        pos++;
        ch = chars[pos] ?? '';
      }
      word += ch;
      continue;
    }
    // Inside quotes.
    if (ch === quote) {
      quote = '';
    } else if (ch === escapeToken && quote !== "'") {
      if (pos + 1 === chars.length) {
        quote = '';
        continue;
      }
      word += ch;
      pos++;
      ch = chars[pos] ?? '';
    }
    word += ch;
  }
  return words;
}

/** parseJSON: a JSON array of strings, or undefined when `rest` is not one (non-strings are an error). */
export function parseJSONArray(rest: string): string[] | undefined {
  const text = trimLeftSpace(rest);
  if (!text.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'string') throw new InstructionError(NOT_STRING_ARRAY);
    out.push(item);
  }
  return out;
}

/** parseStringsWhitespaceDelimited (FROM, EXPOSE; the shell form of COPY, ADD, VOLUME). */
function whitespaceDelimited(rest: string): string[] {
  if (rest === '') return [];
  return rest.split(HORIZONTAL_WHITESPACE);
}

/** parseMaybeJSON (RUN, CMD, ENTRYPOINT, SHELL): JSON, or the whole text as one argument. */
function maybeJSON(rest: string): ParsedArgs {
  if (rest === '') return { args: [], json: false };
  const json = parseJSONArray(rest);
  return json ? { args: json, json: true } : { args: [rest], json: false };
}

/** parseMaybeJSONToList (COPY, ADD, VOLUME): JSON, or whitespace-separated words. */
function maybeJSONToList(rest: string): ParsedArgs {
  const json = parseJSONArray(rest);
  return json ? { args: json, json: true } : { args: whitespaceDelimited(rest), json: false };
}

/** parseNameVal (ENV, LABEL): `k=v k2="v 2"`, or the legacy `k rest of line`. */
function nameVal(rest: string, keyword: string, escapeToken: string): ParsedArgs {
  const words = parseWords(rest, escapeToken);
  const first = words[0];
  if (first === undefined) return { args: [], json: false };
  if (!first.includes('=')) {
    const parts = splitOnce(rest, HORIZONTAL_WHITESPACE);
    const [key, value] = parts;
    if (key === undefined || value === undefined) throw new InstructionError(`${keyword} must have two arguments`);
    return { args: [key, value], json: false };
  }
  const args: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new InstructionError(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    args.push(word.slice(0, eq), word.slice(eq + 1));
  }
  return { args, json: false };
}

/** parseHealthConfig: the type word (CMD or NONE), then RUN-like arguments. */
function healthConfig(rest: string): ParsedArgs {
  let sep = 0;
  while (sep < rest.length && !isSpace(rest[sep] ?? '')) sep++;
  let next = sep;
  while (next < rest.length && isSpace(rest[next] ?? '')) next++;
  if (sep === 0) return { args: [], json: false };
  const cmd = maybeJSON(rest.slice(next));
  return { args: [rest.slice(0, sep), ...cmd.args], json: cmd.json };
}

/** The line parser BuildKit dispatches to for `keyword` (lower-case); unknown words get no arguments. */
export function parseArguments(keyword: string, rest: string, escapeToken: string): ParsedArgs {
  switch (keyword) {
    case 'add':
    case 'copy':
    case 'volume':
      return maybeJSONToList(rest);
    case 'run':
    case 'cmd':
    case 'entrypoint':
    case 'shell':
      return maybeJSON(rest);
    case 'env':
      return nameVal(rest, 'ENV', escapeToken);
    case 'label':
      return nameVal(rest, 'LABEL', escapeToken);
    case 'arg':
      return { args: parseWords(rest, escapeToken), json: false };
    case 'expose':
    case 'from':
      return { args: whitespaceDelimited(rest), json: false };
    case 'healthcheck':
      return healthConfig(rest);
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      return { args: rest === '' ? [] : [rest], json: false };
    default:
      return { args: [], json: false };
  }
}
