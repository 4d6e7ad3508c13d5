/**
 * A port of Go's path.Match, the shell-pattern matcher behind
 * reference.FamiliarMatch, which the daemon uses for `docker images <pattern>`
 * and `--filter reference=<pattern>`. A `*` never crosses a `/`, so `ubuntu*`
 * does not match `ubuntu/foo`, and a malformed pattern is an error, not a
 * miss: Docker reports `syntax error in pattern`.
 *
 * Go matches UTF-8 bytes; this works on code points. The two agree for every
 * name a reference can produce, because reference names are ASCII.
 */

/** Go's path.ErrBadPattern. */
export class PatternSyntaxError extends Error {
  override readonly name = 'PatternSyntaxError';

  constructor() {
    super('syntax error in pattern');
  }
}

type Chars = readonly string[];

interface Chunk {
  /** Whether the chunk was preceded by one or more `*`. */
  star: boolean;
  /** The literals, `?` and character classes up to the next unbracketed `*`. */
  chunk: Chars;
  rest: Chars;
}

/**
 * Reports whether `name` matches the whole shell `pattern`. Throws
 * PatternSyntaxError when the pattern is malformed, as far as Go would have
 * parsed it before deciding.
 */
export function pathMatch(pattern: string, name: string): boolean {
  let remaining: Chars = [...pattern];
  let subject: Chars = [...name];
  nextChunk: while (remaining.length > 0) {
    const { star, chunk, rest } = scanChunk(remaining);
    remaining = rest;
    if (star && chunk.length === 0) return !subject.includes('/');
    const here = matchChunk(chunk, subject);
    if (here !== undefined && (here.length === 0 || remaining.length > 0)) {
      subject = here;
      continue;
    }
    if (star) {
      for (let skip = 0; skip < subject.length && subject[skip] !== '/'; skip++) {
        const after = matchChunk(chunk, subject.slice(skip + 1));
        if (after === undefined) continue;
        if (remaining.length === 0 && after.length > 0) continue;
        subject = after;
        continue nextChunk;
      }
    }
    assertWellFormed(remaining);
    return false;
  }
  return subject.length === 0;
}

/** Go checks the rest of the pattern before answering "no match", so a late syntax error still surfaces. */
function assertWellFormed(pattern: Chars): void {
  let remaining = pattern;
  while (remaining.length > 0) {
    const { chunk, rest } = scanChunk(remaining);
    remaining = rest;
    matchChunk(chunk, []);
  }
}

function scanChunk(pattern: Chars): Chunk {
  let start = 0;
  while (pattern[start] === '*') start++;
  const star = start > 0;
  const body = pattern.slice(start);
  let inRange = false;
  for (let i = 0; i < body.length; i++) {
    switch (body[i]) {
      case '\\':
        if (i + 1 < body.length) i++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) return { star, chunk: body.slice(0, i), rest: body.slice(i) };
        break;
    }
  }
  return { star, chunk: body, rest: [] };
}

/**
 * Matches `chunk` against the start of `subject` and returns what is left of
 * the subject, or undefined on a mismatch. Like Go it keeps parsing the chunk
 * after a mismatch, so syntax errors do not depend on the subject.
 */
function matchChunk(chunk: Chars, subject: Chars): Chars | undefined {
  let pattern = chunk;
  let rest = subject;
  let failed = false;
  while (pattern.length > 0) {
    if (!failed && rest.length === 0) failed = true;
    const head = pattern[0];
    if (head === '[') {
      const point = failed ? 0 : codePoint(rest[0]);
      if (!failed) rest = rest.slice(1);
      const parsed = matchClass(pattern.slice(1), point);
      pattern = parsed.pattern;
      if (!parsed.matched) failed = true;
      continue;
    }
    if (head === '?') {
      if (!failed) {
        if (rest[0] === '/') failed = true;
        rest = rest.slice(1);
      }
      pattern = pattern.slice(1);
      continue;
    }
    if (head === '\\') {
      pattern = pattern.slice(1);
      if (pattern.length === 0) throw new PatternSyntaxError();
    }
    if (!failed) {
      if (pattern[0] !== rest[0]) failed = true;
      rest = rest.slice(1);
    }
    pattern = pattern.slice(1);
  }
  return failed ? undefined : rest;
}

/** Parses a character class after its `[` and tests `point` against it. */
function matchClass(afterBracket: Chars, point: number): { pattern: Chars; matched: boolean } {
  let pattern = afterBracket;
  const negated = pattern[0] === '^';
  if (negated) pattern = pattern.slice(1);
  let matched = false;
  for (let ranges = 0; ; ranges++) {
    if (pattern[0] === ']' && ranges > 0) return { pattern: pattern.slice(1), matched: matched !== negated };
    const low = classChar(pattern);
    let high = low.point;
    pattern = low.rest;
    if (pattern[0] === '-') {
      const upper = classChar(pattern.slice(1));
      high = upper.point;
      pattern = upper.rest;
    }
    if (low.point <= point && point <= high) matched = true;
  }
}

/** Go's getEsc: one possibly escaped character of a class, which must not end the pattern. */
function classChar(pattern: Chars): { point: number; rest: Chars } {
  const first = pattern[0];
  if (first === undefined || first === '-' || first === ']') throw new PatternSyntaxError();
  const unescaped = first === '\\' ? pattern.slice(1) : pattern;
  if (unescaped.length === 0) throw new PatternSyntaxError();
  const rest = unescaped.slice(1);
  if (rest.length === 0) throw new PatternSyntaxError();
  return { point: codePoint(unescaped[0]), rest };
}

function codePoint(char: string | undefined): number {
  return char?.codePointAt(0) ?? 0;
}
