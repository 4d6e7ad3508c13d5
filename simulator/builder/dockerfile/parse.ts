/**
 * parseDockerfile: a Dockerfile's text → its parser directives and instructions,
 * faithful to BuildKit's frontend (frontend/dockerfile/parser and instructions).
 *
 * Why our own parser rather than npm's dockerfile-ast (the Docker language server's):
 * it is built for editors (LSP ranges, lenient recovery, no BuildKit error texts),
 * it pulls in vscode-languageserver-types/-textdocument (~21 kB gzipped bundled,
 * measured with esbuild), it gives heredoc ranges but not bodies, and it has no
 * lexer with BuildKit's expansion rules. A builder needs the frontend's exact behaviour.
 */
import { DirectiveParser } from './directives';
import { DockerfileParseError, InstructionError } from './errors';
import { extractFlags, type Flag } from './flags';
import { chompHeredocContent, heredocsInLine, type Heredoc } from './heredoc';
import type { Dockerfile, Instruction } from './instruction';
import { ShellLexError } from './lex';
import { parseArguments } from './line-parsers';
import { HORIZONTAL_WHITESPACE, splitOnce, trimLeftSpace, trimSpace } from './text';
import { checkInstruction, knownKeyword } from './validate';

export { DockerfileParseError } from './errors';
export type { Dockerfile, Instruction, Keyword } from './instruction';

/** bufio.MaxScanTokenSize: BuildKit reads the Dockerfile line by line with a 64 KiB buffer. */
const MAX_LINE_BYTES = 64 * 1024;

/** A parsed line before the instruction pass (BuildKit's parser.Node). */
interface Node {
  keywordAsWritten: string;
  flagWords: string[];
  argsText: string;
  args: string[];
  json: boolean;
  original: string;
  heredocs: Heredoc[];
  child?: Node;
  startLine: number;
  endLine: number;
}

/** Lines with their terminators, as BuildKit's scanLines keeps them (heredoc bodies need them). */
function scanLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** bytes.TrimRight(line, "\r\n"). */
function trimNewline(line: string): string {
  return line.replace(/[\r\n]+$/, '');
}

/** A comment line: `#` first after leading whitespace. */
function isComment(line: string): boolean {
  return trimLeftSpace(trimNewline(line)).startsWith('#');
}

function regexpQuote(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The escape token at the end of a line (not itself escaped) continues it onto the next. */
function continuationRegExp(escape: string): RegExp {
  const e = regexpQuote(escape);
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

function asParseError(e: unknown, start: number, end: number): unknown {
  if (e instanceof InstructionError || e instanceof ShellLexError) return new DockerfileParseError(e.message, start, end);
  return e;
}

/** newNodeFromLine: split the keyword, the flags and the arguments, and parse them by keyword. */
function nodeFromLine(line: string, escape: string, startLine: number, endLine: number): Node {
  const [keywordAsWritten = '', afterKeyword] = splitOnce(trimSpace(line), HORIZONTAL_WHITESPACE);
  const { rest, flags } = afterKeyword === undefined ? { rest: '', flags: [] } : extractFlags(afterKeyword);
  const argsText = trimSpace(rest);
  const keyword = keywordAsWritten.toLowerCase();
  const node: Node = { keywordAsWritten, flagWords: flags, argsText, args: [], json: false, original: line, heredocs: [], startLine, endLine };
  if (keyword === 'onbuild') {
    if (argsText !== '') {
      node.child = nodeFromLine(argsText, escape, startLine, endLine);
      node.args = [node.child.keywordAsWritten, ...node.child.args];
    }
    return node;
  }
  const parsed = parseArguments(keyword, argsText, escape);
  node.args = parsed.args;
  node.json = parsed.json;
  return node;
}

/** canContainHeredoc: RUN, COPY, ADD (also as an ONBUILD trigger), not in JSON form. */
function canContainHeredoc(node: Node): boolean {
  const target = node.keywordAsWritten.toLowerCase() === 'onbuild' && node.child ? node.child : node;
  const keyword = target.keywordAsWritten.toLowerCase();
  return (keyword === 'run' || keyword === 'copy' || keyword === 'add') && !target.json;
}

/** The parser pass (BuildKit's parser.Parse): logical lines, directives, heredoc bodies. */
function parseNodes(text: string): { nodes: Node[]; directives: DirectiveParser; warnings: string[] } {
  const lines = scanLines(text);
  const directives = new DirectiveParser();
  const warnings: string[] = [];
  const nodes: Node[] = [];
  let index = 0;
  let currentLine = 0;
  let scanError: DockerfileParseError | undefined;

  // scanner.Scan(): the next physical line, or undefined at the end (or at a line too long to read).
  const scan = (): string | undefined => {
    if (scanError || index >= lines.length) return undefined;
    let line = lines[index] ?? '';
    if (utf8Length(line) > MAX_LINE_BYTES) {
      scanError = new DockerfileParseError(`dockerfile line greater than max allowed size of ${MAX_LINE_BYTES - 1}`, currentLine);
      return undefined;
    }
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    index++;
    return line;
  };
  // processLine: trim, look for a directive, and drop a comment.
  const processLine = (raw: string, stripLeft: boolean): string => {
    let token = trimNewline(raw);
    if (stripLeft) token = trimLeftSpace(token);
    try {
      directives.parseLine(token);
    } catch (e) {
      throw asParseError(e, currentLine + 1, currentLine + 1);
    }
    return token.startsWith('#') ? '' : token;
  };
  const continuation = (): RegExp => continuationRegExp(directives.directives.escape);
  const trimContinuation = (line: string): [string, boolean] => {
    const re = continuation();
    if (re.test(line)) return [line.replace(re, '$1'), false];
    return [line, true];
  };

  for (let raw = scan(); raw !== undefined; raw = scan()) {
    const first = processLine(raw, true);
    currentLine++;
    const startLine = currentLine;
    let [line, isEndOfLine] = trimContinuation(first);
    if (isEndOfLine && line === '') continue;

    let hasEmptyContinuationLine = false;
    while (!isEndOfLine) {
      const next = scan();
      if (next === undefined) break;
      const processed = processLine(next, false);
      currentLine++;
      // Comment lines inside a continuation are dropped, even indented ones.
      if (isComment(next)) continue;
      if (trimLeftSpace(processed) === '') {
        hasEmptyContinuationLine = true;
        continue;
      }
      let part: string;
      [part, isEndOfLine] = trimContinuation(processed);
      line += part;
    }
    if (hasEmptyContinuationLine) warnings.push('[WARNING]: Empty continuation line found in:\n    ' + line);

    let node: Node;
    try {
      node = nodeFromLine(line, directives.directives.escape, startLine, currentLine);
    } catch (e) {
      throw asParseError(e, startLine, currentLine);
    }

    if (canContainHeredoc(node)) {
      let opened: ReturnType<typeof heredocsInLine>;
      try {
        opened = heredocsInLine(line);
      } catch (e) {
        throw asParseError(e, startLine, currentLine);
      }
      for (const heredoc of opened) {
        let content = '';
        let terminated = false;
        for (let body = scan(); body !== undefined; body = scan()) {
          currentLine++;
          let candidate = trimNewline(body);
          if (heredoc.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === heredoc.name) {
            terminated = true;
            break;
          }
          content += body;
        }
        if (!terminated) throw new DockerfileParseError('unterminated heredoc', startLine, currentLine);
        node.heredocs.push({ ...heredoc, content });
      }
    }
    node.startLine = startLine;
    node.endLine = currentLine;
    if (node.child) {
      node.child.heredocs = node.heredocs;
      node.child.endLine = currentLine;
    }
    nodes.push(node);
  }

  if (warnings.length > 0) warnings.push('[WARNING]: Empty continuation lines will become errors in a future release.');
  if (nodes.length === 0) throw new DockerfileParseError('file with no instructions', currentLine);
  if (scanError) throw scanError;
  return { nodes, directives, warnings };
}

function jsonFields(node: Node): Pick<Instruction, 'json' | 'jsonArgs'> {
  if (!node.json) return { json: false };
  // HEALTHCHECK's first argument is its type, outside the JSON array.
  return { json: true, jsonArgs: node.keywordAsWritten.toLowerCase() === 'healthcheck' ? node.args.slice(1) : [...node.args] };
}

/** A flag word as the parser split it, for triggers whose flags BuildKit checks only when they run. */
function unchecked(word: string): Flag {
  const eq = word.indexOf('=');
  return { name: (eq < 0 ? word : word.slice(0, eq)).replace(/^--/, ''), value: eq < 0 ? undefined : word.slice(eq + 1), text: word };
}

function toInstruction(node: Node, flags: Flag[], sourceLines: string[]): Instruction {
  const instruction: Instruction = {
    keyword: knownKeyword(node.keywordAsWritten),
    keywordAsWritten: node.keywordAsWritten,
    flags,
    argsText: node.argsText,
    args: node.args,
    ...jsonFields(node),
    heredocs: node.heredocs,
    startLine: node.startLine,
    endLine: node.endLine,
    original: node.original,
    sourceLines,
  };
  const child = node.child;
  if (child) {
    try {
      instruction.trigger = toInstruction(child, child.flagWords.map(unchecked), sourceLines);
    } catch (e) {
      // An unknown trigger is accepted until a child image runs it, as in BuildKit.
      if (!(e instanceof InstructionError)) throw e;
    }
  }
  return instruction;
}

/**
 * Parse a Dockerfile. Throws DockerfileParseError with BuildKit's message:
 * `the Dockerfile cannot be empty` (no bytes at all), the parser's own errors
 * (`file with no instructions`, `unterminated heredoc`, directive errors…),
 * `dockerfile parse error on line N: …` for an instruction BuildKit rejects,
 * and `no build stage in current context` for an instruction other than ARG
 * before the first FROM.
 */
export function parseDockerfile(text: string): Dockerfile {
  if (text.length === 0) throw new DockerfileParseError('the Dockerfile cannot be empty', 0);
  const { nodes, directives, warnings } = parseNodes(text);
  const lines = scanLines(text).map((l, i) => trimNewline(i === 0 && l.startsWith('\uFEFF') ? l.slice(1) : l));
  const instructions: Instruction[] = [];
  let inStage = false;
  for (const node of nodes) {
    let instruction: Instruction;
    try {
      const keyword = knownKeyword(node.keywordAsWritten);
      const flags = checkInstruction(keyword, node);
      instruction = toInstruction(node, flags, lines.slice(node.startLine - 1, node.endLine));
    } catch (e) {
      if (e instanceof InstructionError) {
        throw new DockerfileParseError(`dockerfile parse error on line ${node.startLine}: ${e.message}`, node.startLine, node.endLine);
      }
      throw e;
    }
    if (instruction.keyword === 'FROM') inStage = true;
    else if (!inStage && instruction.keyword !== 'ARG') {
      throw new DockerfileParseError('no build stage in current context', node.startLine, node.endLine);
    }
    instructions.push(instruction);
  }
  return { directives: { ...directives.directives }, instructions, warnings, lines };
}

/** The heredoc's body as the builder uses it: leading tabs removed for `<<-`. */
export function heredocBody(heredoc: Heredoc): string {
  return heredoc.chomp ? chompHeredocContent(heredoc.content) : heredoc.content;
}
