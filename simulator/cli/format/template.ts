/**
 * A subset of Go's text/template, as the Docker CLI's `--format` flags use it:
 * text, `{{.Field.Chain}}`, `{{.}}`, pipelines, string literals, the trim
 * markers `{{-` / `-}}`, and the functions Docker's templates package adds
 * most often (json, index, upper, lower, title, join, println). Control
 * structures (if/range/with) are not supported yet and fail with Go's
 * "function not defined" error, as an unknown word would.
 *
 * Values are plain JSON-like data. Objects are Go structs unless they are
 * `Map`s (Go maps); a Go type name for error messages comes from `typeName`.
 */

export class TemplateParseError extends Error {}
export class TemplateExecError extends Error {}

type Token =
  | { kind: 'field'; path: string[]; pos: number }
  | { kind: 'ident'; name: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'pipe'; pos: number };

type Piece = { kind: 'text'; text: string } | { kind: 'action'; commands: Token[][]; line: number };

export interface Template {
  execute(data: unknown, typeName?: (value: object) => string): string;
}

type TemplateFunction = (...args: unknown[]) => unknown;

/**
 * Go field names whose JSON tag differs, across the Docker API types the
 * templates see (types.Version and the CLI's clientVersion: `json:"ApiVersion"`).
 */
export const JSON_NAMES: Readonly<Record<string, string>> = { APIVersion: 'ApiVersion' };

const FUNCTIONS: Record<string, TemplateFunction> = {
  json: (value) => goJson(value, JSON_NAMES),
  index: (collection, ...keys) => keys.reduce((current, key) => lookup(current, String(key)), collection),
  upper: (value) => formatValue(value).toUpperCase(),
  lower: (value) => formatValue(value).toLowerCase(),
  title: (value) => formatValue(value).replace(/\b\w/g, (c) => c.toUpperCase()),
  join: (list, separator) => (Array.isArray(list) ? list.map(formatValue).join(String(separator)) : formatValue(list)),
  println: (...args) => `${args.map(formatValue).join(' ')}\n`,
};

/** Parses `source` as a template named `name` (Go's error messages include the name). */
export function parseTemplate(name: string, source: string): Template {
  const pieces = split(name, source);
  return {
    execute(data, typeName = () => 'struct') {
      return pieces
        .map((piece) => (piece.kind === 'text' ? piece.text : formatValue(runAction(name, source, piece, data, typeName))))
        .join('');
    },
  };
}

function split(name: string, source: string): Piece[] {
  const pieces: Piece[] = [];
  let rest = source;
  let consumed = 0;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) {
      pieces.push({ kind: 'text', text: rest });
      break;
    }
    let text = rest.slice(0, open);
    let inner = rest.slice(open + 2);
    let bodyOffset = consumed + open + 2;
    if (inner.startsWith('- ')) {
      text = text.trimEnd();
      inner = inner.slice(2);
      bodyOffset += 2;
    }
    const line = lineOf(source, consumed + open);
    const close = inner.indexOf('}}');
    if (close < 0) throw new TemplateParseError(`template: ${name}:${line}: unclosed action`);
    let body = inner.slice(0, close);
    let after = inner.slice(close + 2);
    if (body.endsWith(' -')) {
      body = body.slice(0, -2);
      after = after.trimStart();
    }
    if (text) pieces.push({ kind: 'text', text });
    pieces.push({ kind: 'action', commands: parseAction(name, line, body, bodyOffset), line });
    consumed = source.length - after.length;
    rest = after;
  }
  return pieces;
}

function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

function parseAction(name: string, line: number, body: string, offset: number): Token[][] {
  const tokens = tokenize(name, line, body, offset);
  if (tokens.length === 0) throw new TemplateParseError(`template: ${name}:${line}: missing value for command`);
  const commands: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'pipe') commands.push([]);
    else commands[commands.length - 1]?.push(token);
  }
  for (const command of commands) {
    const head = command[0];
    if (!head) throw new TemplateParseError(`template: ${name}:${line}: missing value for command`);
    if (head.kind === 'ident' && !(head.name in FUNCTIONS)) {
      throw new TemplateParseError(`template: ${name}:${line}: function "${head.name}" not defined`);
    }
  }
  return commands;
}

/** Splits an action into tokens; `pos` is each token's offset in the whole template, as Go's lexer records it. */
function tokenize(name: string, line: number, body: string, offset: number): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\|)|("(?:[^"\\]|\\.)*")|(`[^`]*`)|(\.[A-Za-z0-9_.]*)|([A-Za-z_][A-Za-z0-9_]*)|(\S))/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body)) !== null && match[0].trim() !== '') {
    const pos = offset + match.index + match[0].length - match[0].trimStart().length;
    const [, pipe, quoted, raw, field, ident, other] = match;
    if (pipe) tokens.push({ kind: 'pipe', pos });
    else if (quoted) tokens.push({ kind: 'string', value: JSON.parse(quoted) as string, pos });
    else if (raw) tokens.push({ kind: 'string', value: raw.slice(1, -1), pos });
    else if (field !== undefined) tokens.push({ kind: 'field', path: field.split('.').filter(Boolean), pos });
    else if (ident) tokens.push({ kind: 'ident', name: ident, pos });
    else throw new TemplateParseError(`template: ${name}:${line}: unexpected "${other ?? ''}" in command`);
  }
  return tokens;
}

function runAction(name: string, source: string, piece: Extract<Piece, { kind: 'action' }>, data: unknown, typeName: (value: object) => string): unknown {
  let previous: unknown;
  piece.commands.forEach((command, index) => {
    const values = command.map((token) => evaluate(name, source, token, data, typeName));
    const head = command[0];
    if (head?.kind === 'ident') {
      const args = values.slice(1);
      if (index > 0) args.push(previous);
      previous = FUNCTIONS[head.name]?.(...args);
    } else {
      previous = values[0];
    }
  });
  return previous;
}

function evaluate(name: string, source: string, token: Token, data: unknown, typeName: (value: object) => string): unknown {
  if (token.kind === 'string') return token.value;
  if (token.kind !== 'field') return undefined;
  let current = data;
  for (const field of token.path) {
    if (current instanceof Map) {
      current = current.get(field);
    } else if (current !== null && typeof current === 'object' && !Array.isArray(current) && field in current) {
      current = (current as Record<string, unknown>)[field];
    } else {
      const type = current !== null && typeof current === 'object' ? typeName(current) : String(typeof current);
      throw new TemplateExecError(
        `template: ${name}:${errorLocation(source, fieldPosition(token))}: executing "${name}" at <.${token.path.join('.')}>: can't evaluate field ${field} in type ${type}`,
      );
    }
  }
  return current;
}

/** Go positions a field chain (`.A.B`) at its second element, a single field at its dot. */
function fieldPosition(token: Extract<Token, { kind: 'field' }>): number {
  return token.path.length > 1 ? token.pos + 1 + (token.path[0]?.length ?? 0) : token.pos;
}

/** text/template's ErrorContext: "line:column", the column counted from 0 after the last newline (from the start on line 1). */
function errorLocation(source: string, pos: number): string {
  const before = source.slice(0, pos);
  const newline = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  return `${line}:${newline < 0 ? pos : pos - newline - 1}`;
}

function lookup(collection: unknown, key: string): unknown {
  if (collection instanceof Map) return collection.get(key);
  if (Array.isArray(collection)) return collection[Number(key)];
  return undefined;
}

/** Formats a value as Go's fmt %v does for the types the engine exposes. */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
  if (value instanceof Map) {
    const entries = [...value.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
    return `map[${entries.map(([k, v]) => `${String(k)}:${formatValue(v)}`).join(' ')}]`;
  }
  return `{${Object.values(value as Record<string, unknown>).map(formatValue).join(' ')}}`;
}

/**
 * Serialises like Go's encoding/json: struct fields in order under their JSON
 * names (`jsonNames` maps the Go field names whose tags differ), map keys
 * sorted, `<`, `>` and `&` escaped, no spaces; undefined fields are omitted
 * (omitempty).
 */
export function goJson(value: unknown, jsonNames: Readonly<Record<string, string>> = {}): string {
  const normalise = (item: unknown): unknown => {
    if (item instanceof Map) {
      return Object.fromEntries([...item.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)).map(([k, v]) => [k, normalise(v)]));
    }
    if (Array.isArray(item)) return item.map(normalise);
    if (item !== null && typeof item === 'object') {
      return Object.fromEntries(Object.entries(item).map(([k, v]) => [jsonNames[k] ?? k, normalise(v)]));
    }
    return item;
  };
  return (JSON.stringify(normalise(value)) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}
