/**
 * Go's text/template as the Docker CLI's `--format` flags use it: a port of
 * text/template/parse (lexer and parser, with Go's error messages and line
 * numbers) and of text/template's executor (exec.go, funcs.go), plus the
 * functions docker/cli's templates package adds (json, split, join, title,
 * lower, upper, pad, truncate) and the formatter's handling of `table`
 * formats (prepareDockerFormat).
 *
 * Supported: text, comments, trim markers, actions and pipelines, variables
 * (`$`, `$x := …`, `$x = …`), fields and field chains on structs and maps,
 * methods, parenthesised pipelines, constants (strings, raw strings, ints
 * in every Go base, floats, hex floats, chars, complex, bools, nil), if /
 * else if / else, with / else with, range (slices, maps in key order,
 * integers) with else, break and continue, define / template / block, and
 * every builtin function (and, or, not, len, index, slice, print, printf,
 * println, eq, ne, lt, le, gt, ge, html, js, urlquery, call). Errors carry
 * Go's messages: `template: name:line: …` when parsing, and
 * `template: name:line:col: executing "name" at <node>: …` when executing.
 *
 * Values follow the model described in go-format.ts. In particular
 * `undefined` is a missing value (a missing map key prints `<no value>`)
 * and `null` is a nil interface{} (also `<no value>` when printed; `.F` on it
 * is "nil pointer evaluating interface {}.F"). A function-valued property of
 * a struct is a method and is called, with its arguments, when the template
 * names it. Struct type names for messages and %T come from `typeName`.
 *
 * Not ported: custom delimiters, template options (missingkey=…), Funcs,
 * range over channels and iterator functions, and typed nil pointers
 * (Go prints `<nil>` for those; here every nil is an interface{}).
 */

import { parseGoInteger, underscoreOK } from './strconv';
import {
  compareStrings,
  DEFAULT_TYPE_NAME,
  elementTypeName,
  GoComplex,
  GoFloat,
  goTypeName,
  isPrint,
  kindOf,
  numberValue,
  quote,
  sortedEntries,
  sprint,
  sprintf,
  sprintln,
  structFields,
  utf8Decode,
  utf8Encode,
  utf8Length,
  type TypeNamer,
} from './go-format';

export { GoComplex, GoFloat } from './go-format';

/** A template that does not parse; the message is Go's (`template: name:line: …`). */
export class TemplateParseError extends Error {
  override name = 'TemplateParseError';
}

/** A failure while executing; the message is Go's (`template: name:line:col: executing "name" at <…>: …`). */
export class TemplateExecError extends Error {
  override name = 'TemplateExecError';
  /** What the template had written before it failed (Go writes it to the output as it goes). */
  partialOutput = '';
}

export interface ExecuteOptions {
  /**
   * Use docker/cli's HeaderFunctions, as the formatter does when it renders a
   * table's header row: json, split, join, title, lower, upper and truncate
   * return their (string) argument unchanged; pad still pads.
   */
  header?: boolean;
}

export interface Template {
  /** Renders the template with `data` as dot; `typeName` names struct types for error messages and %T. */
  execute(data: unknown, typeName?: TypeNamer, options?: ExecuteOptions): string;
}

/**
 * Go field names whose JSON tag differs, across the Docker API types the
 * templates see (types.Version and the CLI's clientVersion: `json:"ApiVersion"`).
 */
export const JSON_NAMES: Readonly<Record<string, string>> = { APIVersion: 'ApiVersion' };

/**
 * Go's json.Marshaler: a struct value with a method under this key is encoded
 * as the JSON text the method returns (compact), as encoding/json calls a
 * type's MarshalJSON. Types whose JSON is not their fields in order under
 * their Go names (embedded structs, `json:"-"`, omitempty, lowercase tags,
 * custom marshalers) spell it out this way. The argument says whether `<`,
 * `>` and `&` are to be escaped.
 */
export const MARSHAL_JSON: unique symbol = Symbol('MarshalJSON');

/**
 * Marks an array or Map as Go's nil slice or nil map: it prints as an empty
 * one (`[]`, `map[]`) but encoding/json writes `null` for it, as for a typed
 * struct's unset `[]string` or `map[string]string` field.
 */
export const GO_NIL: unique symbol = Symbol('nil');

/** A nil slice or map (see {@link GO_NIL}). */
export function goNil<T extends unknown[] | Map<unknown, unknown>>(value: T): T {
  Object.defineProperty(value, GO_NIL, { value: true });
  return value;
}

/** A value that encodes itself (see {@link MARSHAL_JSON}). */
export interface JsonMarshaler {
  [MARSHAL_JSON](escapeHTML: boolean): string;
}

// ===========================================================================
// Lexer (text/template/parse/lex.go)

const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword, // keywords follow
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

const KEYWORDS: Readonly<Record<string, T>> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

/** item.String(): how the parser names a token in "unexpected …" errors. */
function itemString(item: Item): string {
  if (item.typ === T.EOF) return 'EOF';
  if (item.typ === T.Error) return item.val;
  if (item.typ > T.Keyword) return `<${item.val}>`;
  const runes = [...item.val];
  if (runes.length > 10) return `${quote(runes.slice(0, 10).join(''))}...`;
  return quote(item.val);
}

const EOF = -1;
const LEFT_DELIM = '{{';
const RIGHT_DELIM = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const SPACE_CHARS = ' \t\r\n';

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

function isAlphaNumeric(r: number): boolean {
  if (r === 0x5f) return true;
  if (r < 0) return false;
  if (r < 0x80) return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s[at] === '-' && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s[at + 1] === '-';
}

function rightTrimLength(s: string): number {
  let n = s.length;
  while (n > 0 && SPACE_CHARS.includes(s[n - 1] ?? '')) n--;
  return s.length - n;
}

function leftTrimLength(s: string, at: number): number {
  let n = at;
  while (n < s.length && SPACE_CHARS.includes(s[n] ?? '')) n++;
  return n - at;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** fmt's %#U: U+0041 'A', or U+0001 for an unprintable rune. */
function unicodeName(r: number): string {
  const hex = `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(r) ? `${hex} '${String.fromCodePoint(r)}'` : hex;
}

type StateFn = ((l: Lexer) => StateFn) | null;

class Lexer {
  pos = 0;
  start = 0;
  atEOF = false;
  parenDepth = 0;
  line = 1;
  startLine = 1;
  item: Item = { typ: T.EOF, pos: 0, val: 'EOF', line: 1 };
  insideAction = false;
  readonly breakOK = true;
  readonly continueOK = true;

  constructor(public input: string) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) ?? EOF;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      let w = 1;
      const low = this.input.charCodeAt(this.pos - 1);
      if (low >= 0xdc00 && low <= 0xdfff && this.pos >= 2) {
        const high = this.input.charCodeAt(this.pos - 2);
        if (high >= 0xd800 && high <= 0xdbff) w = 2;
      }
      this.pos -= w;
      if (this.input.charCodeAt(this.pos) === 0x0a) this.line--;
    }
  }

  thisItem(typ: T): Item {
    const item = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }

  emit(typ: T): StateFn {
    return this.emitItem(this.thisItem(typ));
  }

  emitItem(item: Item): StateFn {
    this.item = item;
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input.slice(this.start, this.pos));
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(message: string): StateFn {
    this.item = { typ: T.Error, pos: this.start, val: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  nextItem(): Item {
    this.item = { typ: T.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    while (state !== null) state = state(this);
    return this.item;
  }

  atRightDelim(): [delim: boolean, trimSpaces: boolean] {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT_DELIM, this.pos + 2)) return [true, true];
    if (this.input.startsWith(RIGHT_DELIM, this.pos)) return [true, false];
    return [false, false];
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(RIGHT_DELIM, this.pos);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(LEFT_DELIM, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(l.input, l.pos + LEFT_DELIM.length)) trimLength = rightTrimLength(l.input.slice(l.start, l.pos));
      l.pos -= trimLength;
      l.line += countNewlines(l.input.slice(l.start, l.pos));
      const item = l.thisItem(T.Text);
      l.pos += trimLength;
      l.ignore();
      if (item.val.length > 0) return l.emitItem(item);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input.slice(l.start, l.pos));
    return l.emit(T.Text);
  }
  return l.emit(T.EOF);
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += LEFT_DELIM.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const item = l.thisItem(T.LeftDelim);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(item);
}

function lexComment(l: Lexer): StateFn {
  l.pos += LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + RIGHT_COMMENT.length;
  const [delim, trimSpace] = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.line += countNewlines(l.input.slice(l.start, l.pos));
  l.thisItem(T.Comment);
  if (trimSpace) l.pos += 2;
  l.pos += RIGHT_DELIM.length;
  if (trimSpace) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): StateFn {
  const [, trimSpace] = l.atRightDelim();
  if (trimSpace) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += RIGHT_DELIM.length;
  const item = l.thisItem(T.RightDelim);
  if (trimSpace) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(item);
}

function lexInsideAction(l: Lexer): StateFn {
  const [delim] = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      return l.emit(T.Assign);
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit(T.Declare);
    case 0x7c: // |
      return l.emit(T.Pipe);
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x28: // (
      l.parenDepth++;
      return l.emit(T.LeftParen);
    case 0x29: // )
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit(T.RightParen);
  }
  if (r === 0x2e) {
    // Special look-ahead for ".field"; '.' can also start a number.
    if (l.pos < l.input.length) {
      const c = l.input.charCodeAt(l.pos);
      if (c < 0x30 || c > 0x39) return lexField;
    }
    l.backup();
    return lexNumber;
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r > 0x20 && r < 0x7f) return l.emit(T.Char); // other printable ASCII: a grab bag for "," etc.
  return l.errorf(`unrecognized character in action: ${unicodeName(r)}`);
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  // A trim-marked right delimiter starts with a space.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT_DELIM, l.pos - 1 + 2)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(T.Space);
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${unicodeName(r)}`);
    const keyword = Object.prototype.hasOwnProperty.call(KEYWORDS, word) ? KEYWORDS[word] : undefined;
    if (keyword !== undefined && keyword > T.Keyword) {
      if ((keyword === T.Break && !l.breakOK) || (keyword === T.Continue && !l.continueOK)) return l.emit(T.Identifier);
      return l.emit(keyword);
    }
    if (word === 'true' || word === 'false') return l.emit(T.Bool);
    return l.emit(T.Identifier);
  }
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, T.Field);
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) return l.emit(T.Variable);
  return lexFieldOrVariable(l, T.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: T): StateFn {
  if (l.atTerminator()) return l.emit(typ === T.Variable ? T.Variable : T.Dot);
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${unicodeName(r)}`);
  return l.emit(typ);
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === 0x5c) {
      const e = l.next();
      if (e !== EOF && e !== 0x0a) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  return l.emit(T.CharConstant);
}

function lexNumber(l: Lexer): StateFn {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    // Complex: 1+2i. No spaces, must end in 'i'.
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
    return l.emit(T.Complex);
  }
  return l.emit(T.Number);
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === 0x5c) {
      const e = l.next();
      if (e !== EOF && e !== 0x0a) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  return l.emit(T.String);
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit(T.RawString);
}

// ===========================================================================
// Nodes (text/template/parse/node.go)

interface ListNode {
  type: 'list';
  pos: number;
  nodes: Node[];
}
interface TextNode {
  type: 'text';
  pos: number;
  text: string;
}
interface ActionNode {
  type: 'action';
  pos: number;
  pipe: PipeNode;
}
interface BranchNode {
  type: 'if' | 'range' | 'with';
  pos: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | undefined;
}
interface TemplateNode {
  type: 'template';
  pos: number;
  name: string;
  pipe: PipeNode | undefined;
}
interface SimpleNode {
  type: 'break' | 'continue' | 'end' | 'else' | 'dot' | 'nil';
  pos: number;
}
interface PipeNode {
  type: 'pipe';
  pos: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
interface CommandNode {
  type: 'command';
  pos: number;
  args: Node[];
}
interface FieldNode {
  type: 'field';
  pos: number;
  ident: string[];
}
interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}
interface ChainNode {
  type: 'chain';
  pos: number;
  node: Node;
  field: string[];
}
interface IdentifierNode {
  type: 'identifier';
  pos: number;
  ident: string;
}
interface BoolNode {
  type: 'bool';
  pos: number;
  value: boolean;
}
interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: number;
  float: number;
  complex: GoComplex;
}
interface StringNode {
  type: 'string';
  pos: number;
  quoted: string;
  text: string;
}

type Node =
  | ListNode
  | TextNode
  | ActionNode
  | BranchNode
  | TemplateNode
  | SimpleNode
  | PipeNode
  | CommandNode
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | BoolNode
  | NumberNode
  | StringNode;

/** Node.String(): the source form Go shows in `executing … at <…>` and some messages. */
function nodeString(node: Node): string {
  switch (node.type) {
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'text':
      return node.text;
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with':
      return `{{${node.type} ${nodeString(node.pipe)}}}${nodeString(node.list)}${node.elseList ? `{{else}}${nodeString(node.elseList)}` : ''}{{end}}`;
    case 'template':
      return `{{template ${quote(node.name)}${node.pipe ? ` ${nodeString(node.pipe)}` : ''}}}`;
    case 'break':
    case 'continue':
    case 'end':
    case 'else':
      return `{{${node.type}}}`;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'pipe': {
      const decl = node.decl.length > 0 ? `${node.decl.map(nodeString).join(', ')} := ` : '';
      return decl + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args.map((arg) => (arg.type === 'pipe' ? `(${nodeString(arg)})` : nodeString(arg))).join(' ');
    case 'field':
      return node.ident.map((id) => `.${id}`).join('');
    case 'variable':
      return node.ident.join('.');
    case 'chain':
      return (node.node.type === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node)) + node.field.map((f) => `.${f}`).join('');
    case 'identifier':
      return node.ident;
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
  }
}

// ===========================================================================
// Numbers and quoted strings (strconv)


/** strconv.ParseFloat(text, 64): decimal and hexadecimal float syntax; undefined on error or overflow. */
function parseGoFloat(text: string): number | undefined {
  if (text.includes('_') && !underscoreOK(text)) return undefined;
  const s = text.replace(/_/g, '');
  let value: number;
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  if (hex) {
    const [, sign = '', int = '', frac = '', exp = '0'] = hex;
    if (int === '' && frac === '') return undefined;
    let mantissa = BigInt(`0x${int}${frac}`);
    let e = Number(exp) - 4 * frac.length;
    // Keep 64 significant bits; Number() then rounds to 53, and scaling by powers of two is exact.
    const excess = mantissa.toString(2).length - 64;
    if (excess > 0) {
      mantissa >>= BigInt(excess);
      e += excess;
    }
    const half = Math.trunc(e / 2);
    value = mantissa === 0n ? 0 : Number(mantissa) * 2 ** half * 2 ** (e - half);
    if (sign === '-') value = -value;
  } else if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) {
    value = Number(s);
  } else {
    return undefined;
  }
  if (!Number.isFinite(value)) return undefined;
  return value;
}

/** strconv.ErrSyntax. */
class UnquoteError extends Error {}

/** strconv.UnquoteChar: one (possibly escaped) character of a quoted literal. */
function unquoteChar(s: string, quoteChar: string): { value: number; multibyte: boolean; tail: string } {
  const first = s.codePointAt(0);
  if (first === undefined) throw new UnquoteError('invalid syntax');
  const c = String.fromCodePoint(first);
  if (c === quoteChar && (quoteChar === "'" || quoteChar === '"')) throw new UnquoteError('invalid syntax');
  if (first >= 0x80) return { value: first >= 0xd800 && first <= 0xdfff ? 0xfffd : first, multibyte: true, tail: s.slice(c.length) };
  if (c !== '\\') return { value: first, multibyte: false, tail: s.slice(1) };
  if (s.length <= 1) throw new UnquoteError('invalid syntax');
  const e = s[1] ?? '';
  let rest = s.slice(2);
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
  if (e in simple) return { value: simple[e] ?? 0, multibyte: false, tail: rest };
  switch (e) {
    case 'x':
    case 'u':
    case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = rest.slice(0, n);
      if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) throw new UnquoteError('invalid syntax');
      const v = parseInt(hex, 16);
      rest = rest.slice(n);
      if (e === 'x') return { value: v, multibyte: false, tail: rest };
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new UnquoteError('invalid syntax');
      return { value: v, multibyte: true, tail: rest };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      const oct = e + rest.slice(0, 2);
      if (oct.length < 3 || !/^[0-7]{3}$/.test(oct)) throw new UnquoteError('invalid syntax');
      const v = parseInt(oct, 8);
      if (v > 255) throw new UnquoteError('invalid syntax');
      return { value: v, multibyte: false, tail: rest.slice(2) };
    }
    case "'":
    case '"':
      if (e !== quoteChar) throw new UnquoteError('invalid syntax');
      return { value: e.charCodeAt(0), multibyte: false, tail: rest };
  }
  throw new UnquoteError('invalid syntax');
}

/** strconv.Unquote for "…" and `…` literals (the lexer has checked their shape). */
function unquote(literal: string): string {
  const q = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== q) throw new UnquoteError('invalid syntax');
  const body = literal.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new UnquoteError('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (q !== '"') throw new UnquoteError('invalid syntax');
  if (body.includes('\n')) throw new UnquoteError('invalid syntax');
  if (!body.includes('\\') && !body.includes('"')) return body;
  const bytes: number[] = [];
  let rest = body;
  while (rest.length > 0) {
    const { value, multibyte, tail } = unquoteChar(rest, '"');
    rest = tail;
    if (value < 0x80 || !multibyte) bytes.push(value);
    else bytes.push(...utf8Encode(String.fromCodePoint(value)));
  }
  return utf8Decode(bytes);
}

// ===========================================================================
// Parser (text/template/parse/parse.go)

/** Go's maxStackDepth for nested parentheses (the value Go uses on wasm). */
const MAX_STACK_DEPTH = 1000;

interface Tree {
  name: string;
  root: ListNode;
}

class Parser {
  root: ListNode = { type: 'list', pos: 0, nodes: [] };
  private readonly token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  constructor(
    public name: string,
    private readonly parseName: string,
    private readonly lex: Lexer,
    private readonly treeSet: Map<string, Tree>,
    private readonly hasFunction: (name: string) => boolean,
  ) {}

  // --- token buffer

  private nextToken(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount] as Item;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] as Item;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do token = this.nextToken();
    while (token.typ === T.Space);
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // --- errors

  errorf(message: string): never {
    throw new TemplateParseError(`template: ${this.parseName}:${this.token[0]?.line ?? 1}: ${message}`);
  }

  private expect(expected: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(expected1: T, expected2: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected1 && token.typ !== expected2) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private unquoteOrFail(literal: string): string {
    try {
      return unquote(literal);
    } catch {
      return this.errorf('invalid syntax');
    }
  }

  // --- grammar

  /** The top level: a list of text and actions, and {{define}} blocks. */
  parse(): void {
    this.root = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.nextToken();
        if (this.nextNonSpace().typ === T.Define) {
          const definition = new Parser('definition', this.parseName, this.lex, this.treeSet, this.hasFunction);
          definition.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      this.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(T.String, T.RawString, context);
    this.name = this.unquoteOrFail(name.val);
    this.expect(T.RightDelim, context);
    const [root, end] = this.itemList();
    this.root = root;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  /** Adds this tree to the set, as Go's Tree.add does. */
  add(): void {
    const tree = this.treeSet.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, { name: this.name, root: this.root });
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Text:
        return { type: 'text', pos: token.pos, text: token.val };
      case T.LeftDelim:
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        return this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Block:
        return this.blockControl();
      case T.Break:
      case T.Continue:
        return this.breakControl(token);
      case T.Else:
        return this.elseControl();
      case T.End:
        return { type: 'end', pos: this.expect(T.RightDelim, 'end').pos };
      case T.If:
        return this.branch('if');
      case T.Range:
        return this.branch('range');
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.branch('with');
    }
    this.backup();
    const start = this.peek();
    return { type: 'action', pos: start.pos, pipe: this.pipeline('command', T.RightDelim) };
  }

  private breakControl(keyword: Item): Node {
    const name = keyword.typ === T.Break ? 'break' : 'continue';
    const token = this.nextNonSpace();
    if (token.typ !== T.RightDelim) this.unexpected(token, `{{${name}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${name}}} outside {{range}}`);
    return { type: name, pos: keyword.pos };
  }

  private pipeline(context: string, end: T): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: start.pos, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === T.Variable) {
        this.nextToken();
        // "$x foo" needs three tokens of look-ahead to tell an argument from a declaration.
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === T.Assign || next.typ === T.Declare) {
          pipe.isAssign = next.typ === T.Assign;
          this.nextNonSpace();
          pipe.decl.push(newVariable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === T.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(newVariable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const after = this.peekNonSpace().typ;
            if (after === T.Variable || after === T.RightDelim || after === T.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === T.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.typ) {
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      const first = cmd.args[0];
      if (first && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.type)) {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private parseControl(context: 'if' | 'range' | 'with'): Omit<BranchNode, 'type'> {
    const varCount = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        // {{else if …}} and {{else with …}} are {{else}}{{if …}}…{{end}}{{end}}.
        if (context === 'if' && this.peek().typ === T.If) {
          this.nextToken();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branch('if')] };
        } else if (context === 'with' && this.peek().typ === T.With) {
          this.nextToken();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branch('with')] };
        } else {
          const [list2, end] = this.itemList();
          if (end.type !== 'end') this.errorf(`expected end; found ${nodeString(end)}`);
          elseList = list2;
        }
      }
      return { pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = varCount;
    }
  }

  private branch(context: 'if' | 'range' | 'with'): BranchNode {
    return { type: context, ...this.parseControl(context) };
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === T.If || peek.typ === T.With) return { type: 'else', pos: peek.pos };
    const token = this.expect(T.RightDelim, 'else');
    return { type: 'else', pos: token.pos };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const block = new Parser(name, this.parseName, this.lex, this.treeSet, this.hasFunction);
    const [root, end] = block.itemList();
    block.root = root;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    block.add();
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === T.String || token.typ === T.RawString) return this.unquoteOrFail(token.val);
    return this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace(); // skip leading spaces
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.nextToken();
      if (token.typ === T.Space) continue;
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup();
      else if (token.typ !== T.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === T.Field) {
      const chain: ChainNode = { type: 'chain', pos: this.peek().pos, node, field: [] };
      while (this.peek().typ === T.Field) chain.field.push(this.nextToken().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos: chain.pos, ident: [...node.ident, ...chain.field] };
          break;
        case 'variable':
          node = newVariable(chain.pos, nodeString(chain));
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quote(nodeString(node))}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): Node | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Identifier:
        if (!this.hasFunction(token.val)) this.errorf(`function ${quote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, ident: token.val };
      case T.Dot:
        return { type: 'dot', pos: token.pos };
      case T.Nil:
        return { type: 'nil', pos: token.pos };
      case T.Variable:
        return this.useVar(token.pos, token.val);
      case T.Field:
        return { type: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case T.Bool:
        return { type: 'bool', pos: token.pos, value: token.val === 'true' };
      case T.CharConstant:
      case T.Complex:
      case T.Number: {
        const number = newNumber(token.pos, token.val, token.typ);
        if (typeof number === 'string') this.errorf(number);
        return number;
      }
      case T.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', T.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case T.String:
      case T.RawString:
        return { type: 'string', pos: token.pos, quoted: token.val, text: this.unquoteOrFail(token.val) };
    }
    this.backup();
    return undefined;
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = newVariable(pos, name);
    if (this.vars.includes(v.ident[0] ?? '')) return v;
    return this.errorf(`undefined variable ${quote(v.ident[0] ?? '')}`);
  }
}

/** unicode.IsSpace (bytes.TrimSpace and strings.Title use it). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

function newVariable(pos: number, ident: string): VariableNode {
  return { type: 'variable', pos, ident: ident.split('.') };
}

function isEmptyTree(node: Node): boolean {
  switch (node.type) {
    case 'list':
      return node.nodes.every(isEmptyTree);
    case 'text':
      return [...node.text].every((char) => GO_SPACE.test(char));
    default:
      return false;
  }
}

/** parse.Tree.newNumber: the value under every type that can hold it, or Go's error text. */
function newNumber(pos: number, text: string, typ: T): NumberNode | string {
  const n: NumberNode = {
    type: 'number',
    pos,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int: 0,
    float: 0,
    complex: new GoComplex(0, 0),
  };
  const simplifyComplex = (): void => {
    n.isFloat = n.complex.im === 0;
    if (n.isFloat) {
      n.float = n.complex.re;
      n.isInt = Number.isInteger(n.float) && Math.abs(n.float) < 2 ** 63;
      if (n.isInt) n.int = n.float;
      n.isUint = Number.isInteger(n.float) && n.float >= 0 && n.float < 2 ** 64;
    }
  };
  if (typ === T.CharConstant) {
    let result: ReturnType<typeof unquoteChar>;
    try {
      result = unquoteChar(text.slice(1), "'");
    } catch {
      return 'invalid syntax';
    }
    if (result.tail !== "'") return `malformed character constant: ${text}`;
    n.int = n.float = result.value;
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (typ === T.Complex) {
    // The imaginary part starts at the last sign that is not an exponent's.
    let at = -1;
    for (let k = 1; k < text.length; k++) {
      if ((text[k] === '+' || text[k] === '-') && !'eEpP'.includes(text[k - 1] ?? '')) at = k;
    }
    const re = at > 0 && text.endsWith('i') ? parseGoFloat(text.slice(0, at)) : undefined;
    const im = at > 0 && text.endsWith('i') ? parseGoFloat(text.slice(at, -1)) : undefined;
    if (re === undefined || im === undefined) return 'expected integer';
    n.complex = new GoComplex(re, im);
    n.isComplex = true;
    simplifyComplex();
    return n;
  }
  // Imaginary constants can only be complex unless they are zero.
  if (text.endsWith('i')) {
    const f = parseGoFloat(text.slice(0, -1));
    if (f !== undefined) {
      n.isComplex = true;
      n.complex = new GoComplex(0, f);
      simplifyComplex();
      return n;
    }
  }
  const u = parseGoInteger(text, false);
  if (typeof u === 'bigint') {
    n.isUint = true;
  }
  const i = parseGoInteger(text, true);
  if (typeof i === 'bigint') {
    n.isInt = true;
    n.int = Number(i);
    if (i === 0n) n.isUint = true;
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float = n.int;
  } else if (n.isUint && u !== undefined) {
    n.isFloat = true;
    n.float = Number(u);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${quote(text)}`;
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        n.isInt = true;
        n.int = f;
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${quote(text)}`;
  return n;
}

// ===========================================================================
// Functions (text/template/funcs.go and docker/cli templates.go)

/** Go parameter types the executor converts arguments to. */
type ParamType = 'any' | 'reflect' | 'string' | 'int' | 'bool' | '[]string';

const PARAM_TYPE_NAMES: Record<ParamType | 'none', string> = {
  any: 'interface {}',
  reflect: 'reflect.Value',
  string: 'string',
  int: 'int',
  bool: 'bool',
  '[]string': '[]string',
  none: '',
};

/** An error a function returns (Go's second result), reported as `error calling name: …`. */
class FuncError extends Error {}

interface Func {
  params: ParamType[];
  /** The element type of a final variadic parameter. */
  variadic?: ParamType;
  impl: (ctx: ExecContext, ...args: unknown[]) => unknown;
}

interface ExecContext {
  typeName: TypeNamer;
  /** The source text of the first argument, for call's messages. */
  calleeName: string;
}

/** reflect.Value.Type on the zero Value panics; safeCall reports the panic. */
const ZERO_VALUE_TYPE = 'reflect: call of reflect.Value.Type on zero Value';

function truth(value: unknown): boolean {
  return isTrue(value)[0];
}

/** text/template's IsTrue: the zero value of its type is false; structs are always true. */
function isTrue(value: unknown): [truth: boolean, ok: boolean] {
  switch (kindOf(value)) {
    case 'invalid':
    case 'nil':
      return [false, true];
    case 'bool':
      return [value as boolean, true];
    case 'int':
    case 'float':
      return [numberValue(value) !== 0, true];
    case 'complex':
      return [(value as GoComplex).re !== 0 || (value as GoComplex).im !== 0, true];
    case 'string':
      return [(value as string).length > 0, true];
    case 'slice':
      return [(value as unknown[]).length > 0, true];
    case 'map':
      return [(value as Map<unknown, unknown>).size > 0, true];
    case 'func':
    case 'struct':
      return [true, true];
  }
}

type BasicKind = 'bool' | 'int' | 'float' | 'complex' | 'string' | 'invalid';

function basicKind(value: unknown): BasicKind {
  const kind = kindOf(value);
  return kind === 'bool' || kind === 'int' || kind === 'float' || kind === 'complex' || kind === 'string' ? kind : 'invalid';
}

/** Whether Go's == is defined on the value's type (no slices, maps or funcs inside). */
function comparable(value: unknown): boolean {
  switch (kindOf(value)) {
    case 'slice':
    case 'map':
    case 'func':
      return false;
    case 'struct':
      return structFields(value as object).every(([, field]) => comparable(field));
    default:
      return true;
  }
}

function goEqual(a: unknown, b: unknown, typeName: TypeNamer): boolean {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) return (a === null || a === undefined) && (b === null || b === undefined);
  switch (ka) {
    case 'int':
    case 'float':
      return numberValue(a) === numberValue(b);
    case 'complex':
      return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
    case 'struct': {
      if (typeName(a as object) !== typeName(b as object)) return false;
      const fa = structFields(a as object);
      const fb = new Map(structFields(b as object));
      return fa.length === fb.size && fa.every(([name, field]) => fb.has(name) && goEqual(field, fb.get(name), typeName));
    }
    default:
      return a === b;
  }
}

function eq(ctx: ExecContext, arg1: unknown, ...arg2: unknown[]): boolean {
  const a = arg1 === null ? undefined : arg1;
  if (arg2.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const item of arg2) {
    const b = item === null ? undefined : item;
    const k2 = basicKind(b);
    let result = false;
    if (k1 !== k2) {
      if (a !== undefined && b !== undefined) {
        throw new FuncError(`incompatible types for comparison: ${goTypeName(a, ctx.typeName)} and ${goTypeName(b, ctx.typeName)}`);
      }
    } else if (k1 !== 'invalid') {
      result = goEqual(a, b, ctx.typeName);
    } else {
      const ka = kindOf(a);
      const kb = kindOf(b);
      if (ka !== kb && a !== undefined && b !== undefined) {
        throw new FuncError(
          `non-comparable types ${sprintf('%s', [a], ctx.typeName)}: ${goTypeName(a, ctx.typeName)}, ${goTypeName(b, ctx.typeName)}: ${sprintf('%v', [b], ctx.typeName)}`,
        );
      }
      if (a === undefined || b === undefined) {
        result = a === b;
      } else {
        if (!comparable(b)) throw new FuncError(`non-comparable type ${sprintf('%s', [b], ctx.typeName)}: ${goTypeName(b, ctx.typeName)}`);
        result = goEqual(a, b, ctx.typeName);
      }
    }
    if (result) return true;
  }
  return false;
}

function lt(ctx: ExecContext, arg1: unknown, arg2: unknown): boolean {
  const a = arg1 === null ? undefined : arg1;
  const b = arg2 === null ? undefined : arg2;
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new FuncError('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new FuncError('invalid type for comparison');
  if (k1 !== k2) throw new FuncError(`incompatible types for comparison: ${goTypeName(a, ctx.typeName)} and ${goTypeName(b, ctx.typeName)}`);
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new FuncError('invalid type for comparison');
    case 'string':
      return compareStrings(a as string, b as string) < 0;
    default:
      return numberValue(a) < numberValue(b);
  }
}

function le(ctx: ExecContext, a: unknown, b: unknown): boolean {
  return lt(ctx, a, b) || eq(ctx, a, b);
}

/** indexArg: an int index within [0, cap]. */
function indexArg(index: unknown, cap: number, typeName: TypeNamer): number {
  const kind = kindOf(index);
  if (kind === 'invalid' || kind === 'nil') throw new FuncError('cannot index slice/array with nil');
  if (kind !== 'int') throw new FuncError(`cannot index slice/array with type ${goTypeName(index, typeName)}`);
  const x = numberValue(index);
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

/** The key type a Map's keys share: string (also for an empty map), int, or interface {}. */
function mapKeyType(map: Map<unknown, unknown>): string {
  if (map.size === 0) return 'string';
  return elementTypeName([...map.keys()]);
}

/** reflect.Zero of a map's element type, inferred from its values. */
function mapZeroValue(map: Map<unknown, unknown>, typeName: TypeNamer): unknown {
  switch (elementTypeName([...map.values()], typeName)) {
    case 'string':
      return '';
    case 'int':
      return 0;
    case 'float64':
      return new GoFloat(0);
    case 'bool':
      return false;
    default:
      return null;
  }
}

function index(ctx: ExecContext, item: unknown, ...indexes: unknown[]): unknown {
  let current: unknown = item === null ? undefined : item;
  if (current === undefined) throw new FuncError('index of untyped nil');
  for (const rawIndex of indexes) {
    const key = rawIndex === null ? undefined : rawIndex;
    if (current === null) throw new FuncError('index of nil pointer');
    switch (kindOf(current)) {
      case 'slice': {
        const items = current as unknown[];
        const x = indexArg(key, items.length, ctx.typeName);
        if (x === items.length) throw new FuncError('reflect: slice index out of range');
        current = items[x];
        break;
      }
      case 'string': {
        const bytes = utf8Encode(current as string);
        const x = indexArg(key, bytes.length, ctx.typeName);
        if (x === bytes.length) throw new FuncError('reflect: string index out of range');
        current = bytes[x];
        break;
      }
      case 'map': {
        const map = current as Map<unknown, unknown>;
        const keyType = mapKeyType(map);
        if (key === undefined) throw new FuncError(`value is nil; should be of type ${keyType}`);
        if (keyType !== 'interface {}' && goTypeName(key, ctx.typeName) !== keyType) {
          throw new FuncError(`value has type ${goTypeName(key, ctx.typeName)}; should be ${keyType}`);
        }
        current = map.has(key) ? map.get(key) : mapZeroValue(map, ctx.typeName);
        break;
      }
      default:
        throw new FuncError(`can't index item of type ${goTypeName(current, ctx.typeName)}`);
    }
  }
  return current;
}

function slice(ctx: ExecContext, item: unknown, ...indexes: unknown[]): unknown {
  const value = item === null ? undefined : item;
  if (value === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let bytes: number[] | undefined;
  switch (kindOf(value)) {
    case 'string':
      if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
      bytes = utf8Encode(value as string);
      cap = bytes.length;
      break;
    case 'slice':
      cap = (value as unknown[]).length;
      break;
    default:
      throw new FuncError(`can't slice item of type ${goTypeName(value, ctx.typeName)}`);
  }
  const idx = [0, cap, 0];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(x, cap, ctx.typeName);
  });
  const [i, j = 0, k = 0] = idx as [number, number, number];
  if (i > j) throw new FuncError(`invalid slice index: ${i} > ${j}`);
  if (indexes.length === 3 && j > k) throw new FuncError(`invalid slice index: ${j} > ${k}`);
  return bytes ? utf8Decode(bytes.slice(i, j)) : (value as unknown[]).slice(i, j);
}

function length(ctx: ExecContext, item: unknown): number {
  switch (kindOf(item)) {
    case 'invalid':
      throw new FuncError(ZERO_VALUE_TYPE);
    case 'nil':
      throw new FuncError('len of nil pointer');
    case 'string':
      return utf8Length(item as string);
    case 'slice':
      return (item as unknown[]).length;
    case 'map':
      return (item as Map<unknown, unknown>).size;
    default:
      throw new FuncError(`len of type ${goTypeName(item, ctx.typeName)}`);
  }
}

/** evalArgs for html, js and urlquery: fmt.Sprint, but nil prints as <no value>. */
function evalArgs(ctx: ExecContext, args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(
    args.map((arg) => (arg === null || arg === undefined ? '<no value>' : arg)),
    ctx.typeName,
  );
}

function htmlEscape(text: string): string {
  return text.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\ufffd', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

function jsEscape(text: string): string {
  let out = '';
  for (const char of text) {
    const r = char.codePointAt(0) ?? 0;
    switch (char) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (r < 0x20) out += `\\u00${r.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (r < 0x80 || isPrint(r)) out += char;
    else out += `\\u${r.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** url.QueryEscape. */
function urlQueryEscape(text: string): string {
  let out = '';
  for (const byte of utf8Encode(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** strings.Title: upper-cases the first letter of each word (words split at non-letters, non-digits). */
function title(text: string): string {
  const isSeparator = (r: number): boolean => {
    if (r <= 0x7f) return !((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f);
    if (LETTER_OR_DIGIT.test(String.fromCodePoint(r))) return false;
    return GO_SPACE.test(String.fromCodePoint(r));
  };
  let prev = 0x20;
  let out = '';
  for (const char of text) {
    out += isSeparator(prev) ? mapRune(char, 'upper') : char;
    prev = char.codePointAt(0) ?? 0;
  }
  return out;
}

/** unicode.ToUpper / ToLower rune by rune: no expansions like ß → SS. */
function mapRune(char: string, to: 'upper' | 'lower'): string {
  if (char === '\u0130' && to === 'lower') return 'i';
  const mapped = to === 'upper' ? char.toUpperCase() : char.toLowerCase();
  return [...mapped].length === 1 ? mapped : char;
}

function mapString(text: string, to: 'upper' | 'lower'): string {
  let out = '';
  for (const char of text) out += mapRune(char, to);
  return out;
}

/** strings.Split. */
function split(text: string, sep: string): string[] {
  if (sep === '') return [...text];
  return text.split(sep);
}

const BUILTINS: Record<string, Func> = {
  // and/or are evaluated lazily by the executor; these entries give their signatures.
  and: { params: ['reflect'], variadic: 'reflect', impl: () => undefined },
  or: { params: ['reflect'], variadic: 'reflect', impl: () => undefined },
  call: {
    params: ['reflect'],
    variadic: 'reflect',
    impl: (ctx, fn, ...args) => {
      const callee = fn === null ? undefined : fn;
      if (callee === undefined) throw new FuncError('call of nil');
      if (typeof callee !== 'function') throw new FuncError(`non-function ${ctx.calleeName} of type ${goTypeName(callee, ctx.typeName)}`);
      if (args.length !== callee.length) throw new FuncError(`wrong number of args for ${ctx.calleeName}: got ${args.length} want ${callee.length}`);
      return callee(...args);
    },
  },
  html: { params: [], variadic: 'any', impl: (ctx, ...args) => htmlEscape(evalArgs(ctx, args)) },
  index: { params: ['reflect'], variadic: 'reflect', impl: index },
  slice: { params: ['reflect'], variadic: 'reflect', impl: slice },
  js: { params: [], variadic: 'any', impl: (ctx, ...args) => jsEscape(evalArgs(ctx, args)) },
  len: { params: ['reflect'], impl: length },
  not: { params: ['reflect'], impl: (_ctx, arg) => !truth(arg) },
  print: { params: [], variadic: 'any', impl: (ctx, ...args) => sprint(args, ctx.typeName) },
  printf: { params: ['string'], variadic: 'any', impl: (ctx, format, ...args) => sprintf(format as string, args, ctx.typeName) },
  println: { params: [], variadic: 'any', impl: (ctx, ...args) => sprintln(args, ctx.typeName) },
  urlquery: { params: [], variadic: 'any', impl: (ctx, ...args) => urlQueryEscape(evalArgs(ctx, args)) },
  eq: { params: ['reflect'], variadic: 'reflect', impl: eq },
  ne: { params: ['reflect', 'reflect'], impl: (ctx, a, b) => !eq(ctx, a, b) },
  lt: { params: ['reflect', 'reflect'], impl: lt },
  le: { params: ['reflect', 'reflect'], impl: le },
  gt: { params: ['reflect', 'reflect'], impl: (ctx, a, b) => !le(ctx, a, b) },
  ge: { params: ['reflect', 'reflect'], impl: (ctx, a, b) => !lt(ctx, a, b) },
};

/** docker/cli templates.basicFunctions. */
const DOCKER_FUNCTIONS: Record<string, Func> = {
  // json.Encoder with SetEscapeHTML(false), the trailing newline trimmed; encoding errors give "".
  json: { params: ['any'], impl: (_ctx, value) => encodeJson(value, JSON_NAMES, false) ?? '' },
  split: { params: ['string', 'string'], impl: (_ctx, s, sep) => split(s as string, sep as string) },
  join: { params: ['[]string', 'string'], impl: (_ctx, elems, sep) => (elems as string[]).join(sep as string) },
  title: { params: ['string'], impl: (_ctx, s) => title(s as string) },
  lower: { params: ['string'], impl: (_ctx, s) => mapString(s as string, 'lower') },
  upper: { params: ['string'], impl: (_ctx, s) => mapString(s as string, 'upper') },
  pad: {
    params: ['string', 'int', 'int'],
    impl: (_ctx, source, prefix, suffix) => {
      if (source === '') return source;
      if ((prefix as number) < 0 || (suffix as number) < 0) throw new FuncError('strings: negative Repeat count');
      return ' '.repeat(prefix as number) + (source as string) + ' '.repeat(suffix as number);
    },
  },
  truncate: {
    params: ['string', 'int'],
    impl: (_ctx, source, n) => {
      const bytes = utf8Encode(source as string);
      const length = n as number;
      if (bytes.length < length) return source;
      if (length < 0) throw new FuncError(`runtime error: slice bounds out of range [:${length}]`);
      return utf8Decode(bytes.slice(0, length));
    },
  },
};

/** docker/cli templates.HeaderFunctions: keep a table header's column names intact. */
const HEADER_FUNCTIONS: Record<string, Func> = {
  json: { params: ['string'], impl: (_ctx, v) => v },
  split: { params: ['string', 'string'], impl: (_ctx, v) => v },
  join: { params: ['string', 'string'], impl: (_ctx, v) => v },
  title: { params: ['string'], impl: (_ctx, v) => v },
  lower: { params: ['string'], impl: (_ctx, v) => v },
  upper: { params: ['string'], impl: (_ctx, v) => v },
  truncate: { params: ['string', 'int'], impl: (_ctx, v) => v },
};

function hasFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(DOCKER_FUNCTIONS, name) || Object.prototype.hasOwnProperty.call(BUILTINS, name);
}

// ===========================================================================
// Executor (text/template/exec.go)

/** Go's maxExecDepth for nested {{template}} calls (the value Go uses on wasm). */
const MAX_EXEC_DEPTH = 1000;

const MISSING = Symbol('missing');
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

interface Variable {
  name: string;
  value: unknown;
}

class State {
  node: Node | undefined;
  vars: Variable[];

  constructor(
    readonly tmpl: Tree,
    readonly exec: Execution,
    readonly depth: number,
    dot: unknown,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  at(node: Node): void {
    this.node = node;
  }

  errorf(message: string): never {
    const name = this.tmpl.name;
    if (!this.node) throw new TemplateExecError(`template: ${name}: ${message}`);
    const location = errorLocation(this.exec.source, this.node.pos);
    throw new TemplateExecError(`template: ${this.exec.parseName}:${location}: executing ${quote(name)} at <${nodeString(this.node)}>: ${message}`);
  }

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i] as Variable;
      if (variable.name === name) {
        variable.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown): void {
    const variable = this.vars[this.vars.length - n];
    if (variable) variable.value = value;
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const variable = this.vars[i] as Variable;
      if (variable.name === name) return variable.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  private typeString(value: unknown): string {
    return goTypeName(value, this.exec.typeName);
  }

  // --- walk

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        // Variables declared by an action persist until the enclosing {{end}}; declarations print nothing.
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with':
        this.walkIfOrWith(node, dot);
        return;
      case 'list':
        for (const item of node.nodes) this.walk(dot, item);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.exec.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(node: BranchNode, dot: unknown): void {
    const mark = this.mark();
    try {
      const value = this.evalPipeline(dot, node.pipe);
      const [truthy, ok] = isTrue(value === null ? undefined : value);
      if (!ok) this.errorf(`if/with can't use ${sprint([value], this.exec.typeName)}`);
      if (truthy) this.walk(node.type === 'with' ? value : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: unknown, r: BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const value = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (key: unknown, elem: unknown): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]?.ident[0] ?? '', decl.length > 1 ? key : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]?.ident[0] ?? '', elem);
          else this.setTopVar(2, key);
        }
        try {
          this.walk(elem, r.list);
        } catch (signal) {
          if (signal !== CONTINUE) throw signal;
        } finally {
          this.pop(mark);
        }
      };
      let iterated = false;
      switch (kindOf(value)) {
        case 'slice':
          (value as unknown[]).forEach((elem, i) => {
            iterated = true;
            oneIteration(i, elem);
          });
          break;
        case 'map':
          for (const [key, elem] of sortedEntries(value as Map<unknown, unknown>)) {
            iterated = true;
            oneIteration(key, elem);
          }
          break;
        case 'int': {
          if (decl.length > 1) this.errorf(`can't use ${sprint([value])} to iterate over more than one variable`);
          const n = numberValue(value);
          for (let i = 0; i < n; i++) {
            iterated = true;
            oneIteration(undefined, i);
          }
          break;
        }
        case 'invalid':
        case 'nil':
          break; // a nil map or slice acts like an empty one
        default:
          this.errorf(`range can't iterate over ${sprint([value], this.exec.typeName)}`);
      }
      if (!iterated && r.elseList) this.walk(dot, r.elseList);
    } catch (signal) {
      if (signal !== BREAK) throw signal;
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.exec.trees.get(t.name);
    if (!tmpl) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    new State(tmpl, this.exec, this.depth + 1, newDot).walk(newDot, tmpl.root);
  }

  // --- eval

  evalPipeline(dot: unknown, pipe: PipeNode | undefined): unknown {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // An interface{} holding nil has no value once dug out.
      if (value === null) value = undefined;
    }
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0] ?? '', value);
      else this.vars.push({ name: variable.ident[0] ?? '', value });
    }
    return value;
  }

  private notAFunction(args: Node[] | undefined, final: unknown): void {
    if ((args && args.length > 1) || final !== MISSING) this.errorf(`can't give argument to non-function ${args?.[0] ? nodeString(args[0]) : ''}`);
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: unknown): unknown {
    const first = cmd.args[0] as Node;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        // A parenthesized pipeline: its arguments are all inside; final must be absent.
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    return this.errorf(`can't evaluate command ${quote(nodeString(first))}`);
  }

  /** A number constant in a context with no type: the syntax decides (1 is int, 1.0 float64, 1i complex128). */
  private idealConstant(constant: NumberNode): unknown {
    this.at(constant);
    const text = constant.text;
    const isHexInt = text.length > 2 && text[0] === '0' && (text[1] === 'x' || text[1] === 'X') && !/[pP]/.test(text);
    if (constant.isComplex) return constant.complex;
    if (constant.isFloat && !isHexInt && text[0] !== "'" && /[.eEpP]/.test(text)) return new GoFloat(constant.float);
    if (constant.isInt) return constant.int;
    if (constant.isUint) this.errorf(`${text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: unknown, field: FieldNode, args: Node[] | undefined, final: unknown): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: unknown, chain: ChainNode, args: Node[] | undefined, final: unknown): unknown {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    // (pipe).Field1.Field2 has pipe as .node, fields as .field. Eval the pipeline, then the fields.
    const pipe = this.evalArg(dot, 'none', chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: unknown, variable: VariableNode, args: Node[] | undefined, final: unknown): unknown {
    // $x.Field has $x as the first ident, Field as the second. Eval the var, then the fields.
    this.at(variable);
    const value = this.varValue(variable.ident[0] ?? '');
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: Node, ident: string[], args: Node[] | undefined, final: unknown): unknown {
    let current = receiver;
    for (let i = 0; i < ident.length - 1; i++) current = this.evalField(dot, ident[i] ?? '', node, undefined, MISSING, current);
    return this.evalField(dot, ident[ident.length - 1] ?? '', node, args, final, current);
  }

  private evalFunction(dot: unknown, node: IdentifierNode, cmd: Node, args: Node[] | undefined, final: unknown): unknown {
    this.at(node);
    const name = node.ident;
    const fn = this.exec.lookup(name);
    if (!fn) return this.errorf(`${quote(name)} is not a defined function`);
    return this.evalCall(dot, fn, true, cmd, name, args, final);
  }

  /** Evaluates .Field, .Field arg…, or a method call on `receiver`. */
  private evalField(dot: unknown, fieldName: string, node: Node, args: Node[] | undefined, final: unknown, receiver: unknown): unknown {
    if (receiver === undefined) return undefined; // no value: the missing-key default
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const exported = /^\p{Lu}/u.test(fieldName);
    const kind = kindOf(receiver);
    if (kind === 'struct') {
      const value = lookupProperty(receiver as object, fieldName);
      if (exported && typeof value.value === 'function') {
        const method = value.value as (...a: unknown[]) => unknown;
        const fn: Func = { params: new Array<ParamType>(method.length).fill('any'), impl: (_ctx, ...a) => method.apply(receiver, a) };
        return this.evalCall(dot, fn, false, node, fieldName, args, final);
      }
    }
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    switch (kind) {
      case 'struct': {
        const field = lookupProperty(receiver as object, fieldName);
        if (field.found) {
          if (!exported) this.errorf(`${fieldName} is an unexported field of struct type ${this.typeString(receiver)}`);
          if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
          return field.value;
        }
        break;
      }
      case 'map': {
        const map = receiver as Map<unknown, unknown>;
        const keyType = mapKeyType(map);
        if (keyType === 'string' || keyType === 'interface {}') {
          if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
          return map.get(fieldName);
        }
        break;
      }
    }
    return this.errorf(`can't evaluate field ${fieldName} in type ${this.typeString(receiver)}`);
  }

  /**
   * Calls a function or method. `args`, if present, includes (in the manner
   * of the shell) args[0] as the function itself.
   */
  private evalCall(dot: unknown, fn: Func, isBuiltin: boolean, node: Node, name: string, nodes: Node[] | undefined, final: unknown): unknown {
    const args = nodes ? nodes.slice(1) : [];
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }

    // and/or short-circuit.
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let value: unknown;
      for (const arg of args) {
        value = this.evalArg(dot, 'reflect', arg);
        if (truth(value) === (name === 'or')) return value;
      }
      if (final !== MISSING) value = this.validateType(final, 'reflect');
      return value;
    }

    const argv: unknown[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i] ?? 'any', args[i] as Node));
    if (fn.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i] as Node));
    if (final !== MISSING) {
      let t: ParamType = fn.params[fn.params.length - 1] ?? 'any';
      if (fn.variadic) t = numIn - 1 < numFixed ? (fn.params[numIn - 1] ?? 'any') : fn.variadic;
      argv.push(this.validateType(final, t));
    }
    // call names its callee by the argument's source, or (piped) by reflect.Value.String of the value.
    let calleeName = args[0] ? nodeString(args[0]) : '';
    if (!args[0] && final !== MISSING) calleeName = typeof final === 'string' ? final : `<${this.typeString(final)} Value>`;
    const ctx: ExecContext = { typeName: this.exec.typeName, calleeName };
    try {
      return fn.impl(ctx, ...argv);
    } catch (error) {
      if (error instanceof TemplateExecError || error === BREAK || error === CONTINUE) throw error;
      this.at(node);
      return this.errorf(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Checks that a value can be passed as a parameter of type `typ`, converting a missing value to nil. */
  private validateType(value: unknown, typ: ParamType | 'none'): unknown {
    if (value === undefined) {
      switch (typ) {
        case 'none':
        case 'reflect':
          return undefined;
        case 'any':
          return null;
        case '[]string':
          return [];
        default:
          return this.errorf(`invalid value; expected ${PARAM_TYPE_NAMES[typ]}`);
      }
    }
    if (typ === 'none' || typ === 'reflect' || typ === 'any') return value;
    if (!assignable(value, typ)) this.errorf(`wrong type for value; expected ${PARAM_TYPE_NAMES[typ]}; got ${this.typeString(value)}`);
    return value;
  }

  private evalArg(dot: unknown, typ: ParamType | 'none', n: Node): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        switch (typ) {
          case 'any':
            return null;
          case 'reflect':
          case 'none':
            return undefined;
          case '[]string':
            return [];
          default:
            return this.errorf(`cannot assign nil to ${PARAM_TYPE_NAMES[typ]}`);
        }
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, undefined, MISSING), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        return this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'int':
        if (n.type === 'number' && n.isInt) return n.int;
        return this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case 'any':
      case 'reflect':
      case 'none':
        return this.evalEmptyInterface(dot, n);
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${PARAM_TYPE_NAMES[typ]}`);
  }

  private evalEmptyInterface(dot: unknown, n: Node): unknown {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    return this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private printValue(node: Node, value: unknown): void {
    this.at(node);
    if (typeof value === 'function') this.errorf(`can't print ${nodeString(node)} of type ${this.typeString(value)}`);
    this.exec.out.push(printable(value, this.exec.typeName));
  }
}

/** A property of a struct object: own or inherited (class getters and methods), but not Object.prototype's. */
function lookupProperty(object: object, name: string): { found: boolean; value: unknown } {
  for (let o: object | null = object; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    if (Object.prototype.hasOwnProperty.call(o, name)) return { found: true, value: (object as Record<string, unknown>)[name] };
  }
  return { found: false, value: undefined };
}

function assignable(value: unknown, typ: ParamType): boolean {
  switch (typ) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return kindOf(value) === 'int';
    case 'bool':
      return typeof value === 'boolean';
    case '[]string':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    default:
      return true;
  }
}

/** What an action prints for a value: Go's printableValue, then fmt.Fprint. */
function printable(value: unknown, typeName: TypeNamer): string {
  if (value === undefined || value === null) return '<no value>';
  return sprint([value], typeName);
}

/** ErrorContext's "line:col": the column counts bytes from the line's start (from 0). */
function errorLocation(source: string, pos: number): string {
  const before = source.slice(0, pos);
  const newline = before.lastIndexOf('\n');
  return `${countNewlines(before) + 1}:${utf8Length(newline < 0 ? before : before.slice(newline + 1))}`;
}

class Execution {
  readonly out: string[] = [];

  constructor(
    readonly source: string,
    readonly parseName: string,
    readonly trees: Map<string, Tree>,
    readonly typeName: TypeNamer,
    readonly header: boolean,
  ) {}

  lookup(name: string): Func | undefined {
    if (this.header && Object.prototype.hasOwnProperty.call(HEADER_FUNCTIONS, name)) return HEADER_FUNCTIONS[name];
    if (Object.prototype.hasOwnProperty.call(DOCKER_FUNCTIONS, name)) return DOCKER_FUNCTIONS[name];
    if (Object.prototype.hasOwnProperty.call(BUILTINS, name)) return BUILTINS[name];
    return undefined;
  }
}

// ===========================================================================
// Public API

/**
 * Parses `source` as a template named `name` with docker/cli's function set,
 * as `templates.New(name).Parse(source)` does. Throws TemplateParseError
 * with Go's message.
 */
export function parseTemplate(name: string, source: string): Template {
  const trees = new Map<string, Tree>();
  try {
    const parser = new Parser(name, name, new Lexer(source), trees, hasFunction);
    parser.parse();
    parser.add();
  } catch (error) {
    if (error instanceof TemplateParseError) throw error;
    if (error instanceof RangeError) throw new TemplateParseError(`template: ${name}: template too deeply nested`);
    throw error;
  }
  return {
    execute(data, typeName = DEFAULT_TYPE_NAME, options = {}) {
      const exec = new Execution(source, name, trees, typeName, options.header ?? false);
      const tree = trees.get(name);
      // reflect.ValueOf(nil) is the invalid Value: nil data has no fields, not a nil pointer.
      const dot = data === null ? undefined : data;
      try {
        if (!tree) throw new TemplateExecError(`template: ${name}: ${quote(name)} is an incomplete or empty template`);
        new State(tree, exec, 0, dot).walk(dot, tree.root);
      } catch (error) {
        let failure = error;
        if (error instanceof RangeError) failure = new TemplateExecError(`template: ${name}: exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
        if (failure instanceof TemplateExecError) {
          failure.partialOutput = exec.out.join('');
          throw failure;
        }
        throw error;
      }
      return exec.out.join('');
    },
  };
}

/**
 * What docker/cli's formatter (cli/command/formatter Context.preFormat) does
 * to a user's `--format` before parsing it:
 *
 * - a format starting with `table` is a table (Format.IsTable is a plain
 *   prefix test, so `table{{.ID}}` counts too); the word is removed and the
 *   caller prints a header row and runs the output through the tabwriter;
 * - the format `json` becomes `{{json .}}`;
 * - ASCII spaces around the format are trimmed (strings.Trim(f, " "));
 * - the two-character sequences `\t` and `\n`, which users type literally in
 *   shell quotes, become a tab and a newline.
 */
export function prepareDockerFormat(format: string): { table: boolean; template: string } {
  let template = format;
  const table = template.startsWith('table');
  if (table) template = template.slice('table'.length);
  else if (template === 'json') template = '{{json .}}';
  template = template.replace(/^ +| +$/g, '');
  template = template.replace(/\\[tn]/g, (escape) => (escape === '\\t' ? '\t' : '\n'));
  return { table, template };
}

/** What a template action prints for `value` (Go's fmt %v; a missing value or nil prints `<no value>`). */
export function formatValue(value: unknown, typeName: TypeNamer = DEFAULT_TYPE_NAME): string {
  return printable(value, typeName);
}

/**
 * Serialises like Go's encoding/json: struct fields in order under their JSON
 * names (`jsonNames` maps the Go field names whose tags differ), map keys
 * sorted, no spaces; undefined fields are omitted (omitempty) and function
 * properties (methods) skipped. json.Marshal escapes `<`, `>` and `&`
 * (escapeHTML, the default); docker's `json` template function does not.
 * A value encoding/json rejects (NaN, ±Inf, a function) gives "".
 */
export function goJson(value: unknown, jsonNames: Readonly<Record<string, string>> = {}, options: { escapeHTML?: boolean } = {}): string {
  return encodeJson(value, jsonNames, options.escapeHTML ?? true) ?? '';
}

class UnsupportedJson extends Error {}

function encodeJson(value: unknown, jsonNames: Readonly<Record<string, string>>, escapeHTML: boolean): string | undefined {
  const encode = (item: unknown): string => {
    switch (kindOf(item)) {
      case 'invalid':
      case 'nil':
        return 'null';
      case 'bool':
        return item ? 'true' : 'false';
      case 'int':
      case 'float': {
        const n = numberValue(item);
        if (!Number.isFinite(n)) throw new UnsupportedJson();
        return Object.is(n, -0) ? '-0' : String(n);
      }
      case 'string':
        return jsonString(item as string, escapeHTML);
      case 'slice':
        if (GO_NIL in (item as object)) return 'null';
        return `[${(item as unknown[]).map(encode).join(',')}]`;
      case 'map':
        if (GO_NIL in (item as object)) return 'null';
        // encoding/json sorts map keys by their string form.
        return `{${[...(item as Map<unknown, unknown>).entries()]
          .map(([k, v]): [string, unknown] => [String(k), v])
          .sort(([a], [b]) => compareStrings(a, b))
          .map(([k, v]) => `${jsonString(k, escapeHTML)}:${encode(v)}`)
          .join(',')}}`;
      case 'struct': {
        const marshal = (item as Partial<JsonMarshaler>)[MARSHAL_JSON];
        if (typeof marshal === 'function') return marshal.call(item, escapeHTML);
        return `{${structFields(item as object)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${jsonString(jsonNames[k] ?? k, escapeHTML)}:${encode(v)}`)
          .join(',')}}`;
      }
      default:
        throw new UnsupportedJson();
    }
  };
  try {
    return encode(value);
  } catch (error) {
    if (error instanceof UnsupportedJson) return undefined;
    throw error;
  }
}

function jsonString(text: string, escapeHTML: boolean): string {
  let out = '"';
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    switch (char) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
    }
    if (cp < 0x20 || (escapeHTML && (char === '<' || char === '>' || char === '&'))) out += `\\u00${cp.toString(16).padStart(2, '0')}`;
    else if (cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16)}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += char;
  }
  return `${out}"`;
}
