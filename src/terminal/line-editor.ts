/**
 * A readline-like line editor for the in-browser terminal.
 *
 * Pure: it turns the bytes xterm.js reports from the keyboard (onData) into
 * {@link EditorAction}s — bytes to write back to the terminal plus
 * "submit"/"complete"/… events — and never touches the DOM, xterm or timers.
 *
 * Screen model: the editor always knows which cell the terminal cursor is in,
 * counted in visible cells from the first cell of the prompt's (last) row, and
 * moves it with relative sequences, so wrapped lines and scrolling work. This
 * relies on the caller writing every `write` action, in order, and on the
 * prompt starting in column 0 (a multi-line prompt must break its lines with
 * "\r\n"). Every code point counts as one cell: wide CJK/emoji characters
 * (two cells) and combining marks (zero) are out of scope and would make the
 * editor misplace the cursor, as would an input taller than the screen
 * (cursor-up stops at the top row).
 */
import { History, HistoryBrowser } from './history';
import { formatCompletionList } from './completion-list';

// Completion answers come from the engine's session; the editor shares its types.
export type { CompletionCandidate, CompletionResult } from '../../simulator';
import type { CompletionCandidate, CompletionResult } from '../../simulator';

/** What the caller must do in response to input; see {@link LineEditor}. */
export type EditorAction =
  /** Bytes to write to the terminal (escape sequences included). */
  | { type: 'write'; data: string }
  /** Enter: the line is accepted; the editor already moved the terminal cursor to the start of a fresh line below the input. */
  | { type: 'submit'; line: string }
  /** Ctrl-C on the line: the editor already wrote "^C\r\n"; the caller shows a new prompt. */
  | { type: 'cancel' }
  /** Ctrl-D on an empty line. The editor wrote nothing: the cursor still follows the prompt. */
  | { type: 'eof' }
  /** Tab: the caller asks the engine, then calls {@link LineEditor.applyCompletion}. */
  | { type: 'complete'; line: string; cursor: number }
  /** Nothing to do (e.g. no completion); the caller may write "\x07". */
  | { type: 'bell' };

/** Options for {@link LineEditor}. */
export interface LineEditorOptions {
  /** History to browse with Up/Down and to record submitted lines in; a private one if omitted. */
  history?: History;
  /** Terminal width in columns; default 80. */
  cols?: number;
}

const ESC = '\x1b';
const CSI = '\x1b[';
const ERASE_BELOW = '\x1b[J';
const ERASE_LINE = '\x1b[K';
const ERASE_CHAR = '\x1b[X';
const CLEAR_SCREEN = '\x1b[H\x1b[2J';
const DEFAULT_COLS = 80;

/** Editing commands the keys are bound to (names follow readline's). */
type Command =
  | 'backward-char'
  | 'forward-char'
  | 'beginning-of-line'
  | 'end-of-line'
  | 'backward-word'
  | 'forward-word'
  | 'backward-delete-char'
  | 'delete-char'
  | 'delete-char-or-eof'
  | 'kill-line'
  | 'unix-line-discard'
  | 'unix-word-rubout'
  | 'backward-kill-word'
  | 'kill-word'
  | 'yank'
  | 'previous-history'
  | 'next-history'
  | 'accept-line'
  | 'abort-line'
  | 'clear-screen'
  | 'complete';

/** What the previous key did, for readline's "consecutive kills/Tabs" rules. */
type KeyKind = 'tab' | 'kill' | 'other';

/** A Tab press awaiting its completion; `repeated` when it directly followed a Tab on the same line and cursor. */
interface TabRequest {
  line: string;
  cursor: number;
  repeated: boolean;
}

type Key =
  | { kind: 'text'; text: string }
  | { kind: 'command'; command: Command }
  | { kind: 'ignored' };

const CONTROL_KEYS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['\x01', 'beginning-of-line'],
  ['\x02', 'backward-char'],
  ['\x03', 'abort-line'],
  ['\x04', 'delete-char-or-eof'],
  ['\x05', 'end-of-line'],
  ['\x06', 'forward-char'],
  ['\x08', 'backward-delete-char'],
  ['\t', 'complete'],
  ['\n', 'accept-line'],
  ['\x0b', 'kill-line'],
  ['\x0c', 'clear-screen'],
  ['\r', 'accept-line'],
  ['\x0e', 'next-history'],
  ['\x10', 'previous-history'],
  ['\x15', 'unix-line-discard'],
  ['\x17', 'unix-word-rubout'],
  ['\x19', 'yank'],
  ['\x7f', 'backward-delete-char'],
]);

/** Escape sequences as xterm.js sends them (normal and application cursor modes, Ctrl/Alt modifiers, Meta as an ESC prefix). */
const ESCAPE_KEYS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['\x1b[A', 'previous-history'],
  ['\x1bOA', 'previous-history'],
  ['\x1b[B', 'next-history'],
  ['\x1bOB', 'next-history'],
  ['\x1b[C', 'forward-char'],
  ['\x1bOC', 'forward-char'],
  ['\x1b[D', 'backward-char'],
  ['\x1bOD', 'backward-char'],
  ['\x1b[H', 'beginning-of-line'],
  ['\x1bOH', 'beginning-of-line'],
  ['\x1b[1~', 'beginning-of-line'],
  ['\x1b[7~', 'beginning-of-line'],
  ['\x1b[F', 'end-of-line'],
  ['\x1bOF', 'end-of-line'],
  ['\x1b[4~', 'end-of-line'],
  ['\x1b[8~', 'end-of-line'],
  ['\x1b[3~', 'delete-char'],
  ['\x1b[1;5C', 'forward-word'],
  ['\x1b[1;5D', 'backward-word'],
  // xterm.js reports Alt+arrow with modifier 3; Debian's inputrc binds both.
  ['\x1b[1;3C', 'forward-word'],
  ['\x1b[1;3D', 'backward-word'],
  ['\x1bb', 'backward-word'],
  ['\x1bB', 'backward-word'],
  ['\x1bf', 'forward-word'],
  ['\x1bF', 'forward-word'],
  ['\x1bd', 'kill-word'],
  ['\x1bD', 'kill-word'],
  ['\x1b\x7f', 'backward-kill-word'],
  ['\x1b\x08', 'backward-kill-word'],
]);

/** CSI, OSC and other ESC sequences, which take no room on screen. */
const ESCAPE_SEQUENCE = /\x1b(?:\[[\x20-\x3f]*[\x40-\x7e]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x20-\x2f]*[\x30-\x7e]?)/g;
const CONTROL_CHARS = /[\x00-\x1f\x7f-\x9f]/g;
/** Readline's word characters for Alt-F/Alt-B: letters and digits only (not `_`, `-`, `/`). */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * A readline-style line editor. Feed it xterm's onData input and write the
 * `write` actions it returns to the terminal, in order.
 */
export class LineEditor {
  private readonly history: History;
  private cols: number;
  private isActive = false;
  // A prompt containing "\r\n" is split: only its last row (the tail) is
  // part of the editable area and redrawn in place.
  private promptHead = '';
  private promptTail = '';
  private promptWidth = 0;
  private text = '';
  private point = 0;
  /** The line as currently shown after the prompt. */
  private shown = '';
  /** Where the terminal cursor is: cells from the first cell of the prompt tail's row. */
  private termPos = 0;
  /**
   * Set by resize(): how many rows below the prompt row the terminal cursor
   * is. xterm does not reflow the cursor's line on resize (reflowCursorLine
   * defaults to false, because shells redraw themselves), so the rows on
   * screen keep the old wrapping until we repaint from that row.
   */
  private staleRow: number | null = null;
  private browser: HistoryBrowser;
  private killed = '';
  /** The kind of the previous key: consecutive kills accumulate, consecutive Tabs list. */
  private lastKey: KeyKind = 'other';
  private lastTab: TabRequest | null = null;
  /** Tabs whose completion has not been applied yet, oldest first. */
  private pendingTabs: TabRequest[] = [];

  constructor(options: LineEditorOptions = {}) {
    this.history = options.history ?? new History();
    this.cols = normaliseCols(options.cols ?? DEFAULT_COLS);
    this.browser = new HistoryBrowser(this.history);
  }

  /** The text being edited. */
  get line(): string {
    return this.text;
  }

  /** The cursor, as an index into {@link line} (UTF-16 code units, never inside a surrogate pair). */
  get cursor(): number {
    return this.point;
  }

  /** True between begin() and a submit/cancel/eof. */
  get active(): boolean {
    return this.isActive;
  }

  /**
   * Starts editing a fresh line after writing `prompt` (which may contain ANSI
   * SGR colour escapes; its visible width excludes them). The terminal cursor
   * must be in column 0. Returns the actions (a write of the prompt).
   */
  begin(prompt: string, initial = ''): EditorAction[] {
    const tailStart = prompt.lastIndexOf('\n') + 1;
    this.promptHead = prompt.slice(0, tailStart);
    this.promptTail = prompt.slice(tailStart);
    this.promptWidth = visibleWidth(this.promptTail);
    this.text = printable(initial);
    this.point = this.text.length;
    this.isActive = true;
    this.staleRow = null;
    this.browser = new HistoryBrowser(this.history);
    this.lastKey = 'other';
    this.lastTab = null;
    this.pendingTabs = [];
    return writeActions(this.drawAll(this.promptHead));
  }

  /**
   * Feeds raw input from xterm's onData (one key, an escape sequence, or a
   * whole pasted block). Processing stops right after the first
   * submit/cancel/eof action; unprocessed input is returned in `rest` so the
   * caller can feed it after the command finishes (this is how a multi-line
   * paste runs its lines in order). While inactive, everything is `rest`.
   */
  feed(data: string): { actions: EditorAction[]; rest: string } {
    const out = new ActionList();
    let index = 0;
    while (index < data.length && this.isActive) {
      const { key, end } = decodeKey(data, index);
      index = end;
      this.handleKey(key, out);
    }
    return { actions: out.actions, rest: data.slice(index) };
  }

  /**
   * Merges an engine completion into the line as bash does: one candidate
   * replaces the word (plus a space unless it ends with "/"); several insert
   * their longest common prefix, or, when that adds nothing, ring the bell on
   * the first Tab and list the candidates on the next consecutive one (as
   * readline, a Tab right after a completion that changed the line does not
   * count). `requestLine`/`requestCursor` identify the request; if the line
   * changed meanwhile, the result is stale and ignored (returns []).
   */
  applyCompletion(result: CompletionResult, requestLine: string, requestCursor: number): EditorAction[] {
    const request = this.takeRequest(requestLine, requestCursor);
    if (request === undefined) return [];
    const from = Math.min(Math.max(0, Math.floor(result.from)), requestCursor);
    const candidates = printableCandidates(result.candidates);
    const [first] = candidates;
    if (first === undefined) return [{ type: 'bell' }];
    if (candidates.length === 1) {
      const suffix = first.value.endsWith('/') ? '' : ' ';
      return writeActions(this.replace(from, requestCursor, first.value + suffix));
    }
    const prefix = commonPrefix(candidates.map((candidate) => candidate.value));
    if (prefix.length > requestCursor - from) return writeActions(this.replace(from, requestCursor, prefix));
    if (!request.repeated) return [{ type: 'bell' }];
    const listing = formatCompletionList(
      candidates.map((candidate) => printable(candidate.display ?? candidate.value)),
      this.cols,
    );
    return writeActions(this.leaveLine() + listing + this.drawAll(this.promptHead));
  }

  /**
   * Terminal resized: future redraws wrap at `cols`. Nothing is written now;
   * the next edit (or {@link refresh}) repaints the prompt and line in place.
   * This assumes xterm's default `reflowCursorLine: false`, which leaves the
   * input's rows as they were and the cursor on the same row.
   */
  resize(cols: number): void {
    const next = normaliseCols(cols);
    if (next === this.cols) return;
    if (this.isActive && this.staleRow === null) this.staleRow = Math.floor(this.termPos / this.cols);
    this.cols = next;
  }

  /** Repaints the prompt and line in place (e.g. right after {@link resize}). */
  refresh(): EditorAction[] {
    if (!this.isActive) return [];
    this.staleRow ??= Math.floor(this.termPos / this.cols);
    return writeActions(this.repaintInPlace());
  }

  /**
   * Redraws prompt + line from scratch, assuming the terminal cursor is at the
   * start of a fresh line (used after Ctrl-L clears, or after output was
   * printed above).
   */
  redraw(): EditorAction[] {
    if (!this.isActive) return [];
    this.staleRow = null;
    return writeActions(this.drawAll(this.promptHead));
  }

  /**
   * Finds (and retires, with any older ones) the outstanding Tab a result
   * answers. Requests are matched in order, so answers to a quick double Tab
   * bell then list rather than list twice; begin() forgets them all, so an
   * answer arriving after Enter cannot land on the next (equally empty) line.
   */
  private takeRequest(requestLine: string, requestCursor: number): TabRequest | undefined {
    if (!this.isActive || this.text !== requestLine || this.point !== requestCursor) return undefined;
    const index = this.pendingTabs.findIndex((tab) => tab.line === requestLine && tab.cursor === requestCursor);
    return index < 0 ? undefined : this.pendingTabs.splice(0, index + 1)[index];
  }

  private handleKey(key: Key, out: ActionList): void {
    const previous = this.lastKey;
    this.lastKey = 'other';
    if (key.kind === 'text') out.write(this.replace(this.point, this.point, key.text));
    else if (key.kind === 'command') this.run(key.command, previous, out);
  }

  private run(command: Command, previous: KeyKind, out: ActionList): void {
    const { text, point } = this;
    switch (command) {
      case 'backward-char':
        return out.write(this.moveCursor(previousIndex(text, point)));
      case 'forward-char':
        return out.write(this.moveCursor(nextIndex(text, point)));
      case 'beginning-of-line':
        return out.write(this.moveCursor(0));
      case 'end-of-line':
        return out.write(this.moveCursor(text.length));
      case 'backward-word':
        return out.write(this.moveCursor(backwardWordStart(text, point)));
      case 'forward-word':
        return out.write(this.moveCursor(forwardWordEnd(text, point)));
      case 'backward-delete-char':
        return point === 0 ? out.push({ type: 'bell' }) : out.write(this.replace(previousIndex(text, point), point, ''));
      case 'delete-char':
        return this.deleteForward(out);
      case 'delete-char-or-eof':
        return text === '' ? this.finish({ type: 'eof' }, '', out) : this.deleteForward(out);
      case 'kill-line':
        return out.write(this.kill(point, text.length, 'forward', previous));
      case 'unix-line-discard':
        return out.write(this.kill(0, point, 'backward', previous));
      case 'unix-word-rubout':
        return out.write(this.kill(unixWordStart(text, point), point, 'backward', previous));
      case 'backward-kill-word':
        return out.write(this.kill(backwardWordStart(text, point), point, 'backward', previous));
      case 'kill-word':
        return out.write(this.kill(point, forwardWordEnd(text, point), 'forward', previous));
      case 'yank':
        return this.killed === '' ? out.push({ type: 'bell' }) : out.write(this.replace(point, point, this.killed));
      case 'previous-history':
        return this.recall(this.browser.previous(text), out);
      case 'next-history':
        return this.recall(this.browser.next(text), out);
      case 'accept-line':
        this.history.add(text);
        return this.finish({ type: 'submit', line: text }, this.leaveLine(), out);
      case 'abort-line':
        return this.finish({ type: 'cancel' }, this.repairLayout() + this.cursorTo(this.endPos()) + '^C\r\n', out);
      case 'clear-screen':
        this.staleRow = null;
        return out.write(CLEAR_SCREEN + this.drawAll(this.promptHead));
      case 'complete':
        return this.requestCompletion(previous, out);
    }
  }

  private deleteForward(out: ActionList): void {
    const { text, point } = this;
    if (point === text.length) out.push({ type: 'bell' });
    else out.write(this.replace(point, nextIndex(text, point), ''));
  }

  /** Readline's kill semantics: consecutive kills accumulate into one yankable piece; killing nothing keeps the last piece. */
  private kill(from: number, to: number, direction: 'forward' | 'backward', previous: KeyKind): string {
    this.lastKey = 'kill';
    const piece = this.text.slice(from, to);
    if (piece === '') return '';
    if (previous !== 'kill') this.killed = piece;
    else this.killed = direction === 'forward' ? this.killed + piece : piece + this.killed;
    return this.replace(from, to, '');
  }

  private recall(entry: string | undefined, out: ActionList): void {
    if (entry === undefined) return out.push({ type: 'bell' });
    this.text = printable(entry);
    this.point = this.text.length;
    out.write(this.paint());
  }

  private requestCompletion(previous: KeyKind, out: ActionList): void {
    const { text: line, point: cursor } = this;
    // Readline lists on a Tab that directly follows a Tab whose completion
    // left the line unchanged; the line being unchanged since that Tab says so.
    const repeated = previous === 'tab' && this.lastTab?.line === line && this.lastTab.cursor === cursor;
    this.lastTab = { line, cursor, repeated };
    // Requests made before the line last changed can no longer apply.
    this.pendingTabs = this.pendingTabs.filter((tab) => tab.line === line && tab.cursor === cursor);
    this.pendingTabs.push(this.lastTab);
    this.lastKey = 'tab';
    out.push({ type: 'complete', line, cursor });
  }

  private finish(action: EditorAction, output: string, out: ActionList): void {
    out.write(output);
    this.isActive = false;
    out.push(action);
  }

  private replace(from: number, to: number, insert: string): string {
    this.text = this.text.slice(0, from) + insert + this.text.slice(to);
    this.point = from + insert.length;
    return this.paint();
  }

  private moveCursor(index: number): string {
    this.point = index;
    return this.paint();
  }

  // ---- rendering -------------------------------------------------------

  /** Brings the screen up to date with `text`/`point`, rewriting only from the first changed character. */
  private paint(): string {
    if (this.staleRow !== null) return this.repaintInPlace();
    if (this.text === this.shown) return this.cursorTo(this.pos(this.point));
    let from = commonPrefixLength(this.shown, this.text);
    let start = this.pos(from);
    if (start > 0 && start % this.cols === 0) {
      // Starting at column 0 would leave that row without xterm's "wrapped"
      // flag (it is set only when the terminal wraps by itself), breaking
      // selection and reflow; rewrite the character before instead.
      if (from === 0) return this.cursorTo(0) + ERASE_BELOW + this.drawAll('');
      from = previousIndex(this.text, from);
      start -= 1;
    }
    return this.cursorTo(start) + ERASE_BELOW + this.finishDraw(this.text.slice(from));
  }

  /** Writes prompt tail + line from the start of the prompt row (the terminal cursor must be there once `prefix` is written). */
  private drawAll(prefix: string): string {
    return this.finishDraw(prefix + this.promptTail + this.text);
  }

  /** Appends `written` (which ends the line on screen) and places the cursor. */
  private finishDraw(written: string): string {
    this.shown = this.text;
    this.termPos = this.endPos();
    // After filling a row exactly, xterm leaves the cursor in the last column
    // with a wrap pending, so relative moves would be off by one row. Writing a
    // space completes the wrap (the new row is flagged as a continuation), "\r"
    // returns to its first cell, where the cursor belongs, and ECH blanks the
    // space again without clearing the row's wrapped flag (EL would).
    const park = this.termPos > 0 && this.termPos % this.cols === 0 ? ` \r${ERASE_CHAR}` : '';
    return written + park + this.cursorTo(this.pos(this.point));
  }

  private repaintInPlace(): string {
    const up = this.staleRow ?? 0;
    this.staleRow = null;
    return (up > 0 ? `${CSI}${up}A` : '') + '\r' + ERASE_BELOW + this.drawAll('');
  }

  private repairLayout(): string {
    return this.staleRow === null ? '' : this.repaintInPlace();
  }

  /** Moves the terminal cursor below the input, to the start of a fresh line. */
  private leaveLine(): string {
    const moves = this.repairLayout() + this.cursorTo(this.endPos());
    // When the input fills its last row exactly, the cursor is already parked
    // at the start of the next (blank) row; "\r\n" would leave a blank line
    // (readline avoids that too). EL clears the row's "wrapped" flag, so
    // output there is not glued to the command line.
    return moves + (this.termPos > 0 && this.termPos % this.cols === 0 ? ERASE_LINE : '\r\n');
  }

  private cursorTo(target: number): string {
    const { cols, termPos } = this;
    const rows = Math.floor(target / cols) - Math.floor(termPos / cols);
    const fromCol = termPos % cols;
    const toCol = target % cols;
    this.termPos = target;
    let moves = '';
    if (rows < 0) moves += `${CSI}${-rows}A`;
    else if (rows > 0) moves += `${CSI}${rows}B`;
    if (toCol === fromCol) return moves;
    if (toCol === 0) return moves + '\r';
    return moves + (toCol < fromCol ? `${CSI}${fromCol - toCol}D` : `${CSI}${toCol - fromCol}C`);
  }

  /** Cells from the start of the prompt row to the given index of the line. */
  private pos(index: number): number {
    return this.promptWidth + codePointCount(this.text.slice(0, index));
  }

  private endPos(): number {
    return this.pos(this.text.length);
  }
}

/** Collects actions, merging adjacent writes so the caller makes one terminal write per batch. */
class ActionList {
  readonly actions: EditorAction[] = [];

  write(data: string): void {
    if (data === '') return;
    const last = this.actions[this.actions.length - 1];
    if (last?.type === 'write') this.actions[this.actions.length - 1] = { type: 'write', data: last.data + data };
    else this.actions.push({ type: 'write', data });
  }

  push(action: EditorAction): void {
    if (action.type === 'write') this.write(action.data);
    else this.actions.push(action);
  }
}

function writeActions(data: string): EditorAction[] {
  return data === '' ? [] : [{ type: 'write', data }];
}

function normaliseCols(cols: number): number {
  return Number.isFinite(cols) ? Math.max(1, Math.floor(cols)) : DEFAULT_COLS;
}

// ---- key decoding --------------------------------------------------------

/** Decodes the key starting at `index`: a run of printable text, a control key or an escape sequence. */
function decodeKey(data: string, index: number): { key: Key; end: number } {
  const char = data[index] ?? '';
  if (char === ESC) {
    const end = escapeSequenceEnd(data, index);
    return { key: commandKey(ESCAPE_KEYS.get(data.slice(index, end))), end };
  }
  // "\r\n" is one Enter (some clients and pastes send both).
  if (char === '\r' && data[index + 1] === '\n') return { key: commandKey('accept-line'), end: index + 2 };
  if (!isPrintable(data.charCodeAt(index))) return { key: commandKey(CONTROL_KEYS.get(char)), end: index + 1 };
  let end = index + 1;
  while (end < data.length && isPrintable(data.charCodeAt(end))) end++;
  return { key: { kind: 'text', text: data.slice(index, end) }, end };
}

function commandKey(command: Command | undefined): Key {
  return command === undefined ? { kind: 'ignored' } : { kind: 'command', command };
}

/**
 * End of the escape sequence at `index`: CSI (parameters then a final byte
 * 0x40–0x7E), SS3 plus one character, or ESC plus one character (Alt-key).
 * Malformed or truncated sequences end where they stop making sense, so
 * their bytes are swallowed rather than inserted.
 */
function escapeSequenceEnd(data: string, index: number): number {
  const next = data[index + 1];
  // A lone Escape key, or one followed by another sequence: ESC ESC [D must
  // not turn "[D" into text.
  if (next === undefined || next === ESC) return index + 1;
  if (next === '[') {
    let end = index + 2;
    while (end < data.length && inRange(data.charCodeAt(end), 0x20, 0x3f)) end++;
    return end < data.length && inRange(data.charCodeAt(end), 0x40, 0x7e) ? end + 1 : end;
  }
  if (next === 'O') return nextIndex(data, Math.min(index + 2, data.length));
  return nextIndex(data, index + 1);
}

function isPrintable(code: number): boolean {
  return code >= 0x20 && code !== 0x7f && !inRange(code, 0x80, 0x9f);
}

function inRange(code: number, low: number, high: number): boolean {
  return code >= low && code <= high;
}

// ---- text helpers --------------------------------------------------------

/** Cells the prompt takes: escape sequences and control characters take none. */
function visibleWidth(prompt: string): number {
  return codePointCount(prompt.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_CHARS, ''));
}

function codePointCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i = nextIndex(text, i)) count++;
  return count;
}

function isHighSurrogate(code: number): boolean {
  return inRange(code, 0xd800, 0xdbff);
}

function isLowSurrogate(code: number): boolean {
  return inRange(code, 0xdc00, 0xdfff);
}

/** Index of the code point after the one at `index` (cursor motion never splits a surrogate pair). */
function nextIndex(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const pair = isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1));
  return index + (pair ? 2 : 1);
}

function previousIndex(text: string, index: number): number {
  if (index <= 0) return 0;
  const pair = isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2));
  return index - (pair ? 2 : 1);
}

function isWordAt(text: string, index: number): boolean {
  return WORD_CHAR.test(text.slice(index, nextIndex(text, index)));
}

function isWordBefore(text: string, index: number): boolean {
  return WORD_CHAR.test(text.slice(previousIndex(text, index), index));
}

/** Readline's forward-word: skip non-word characters, then stop at the end of the word. */
function forwardWordEnd(text: string, index: number): number {
  let i = index;
  while (i < text.length && !isWordAt(text, i)) i = nextIndex(text, i);
  while (i < text.length && isWordAt(text, i)) i = nextIndex(text, i);
  return i;
}

/** Readline's backward-word: skip non-word characters back, then stop at the start of the word. */
function backwardWordStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && !isWordBefore(text, i)) i = previousIndex(text, i);
  while (i > 0 && isWordBefore(text, i)) i = previousIndex(text, i);
  return i;
}

/** Start of unix-word-rubout's kill: words there are delimited by blanks only. */
function unixWordStart(text: string, index: number): number {
  const isBlank = (i: number): boolean => text[i - 1] === ' ' || text[i - 1] === '\t';
  let i = index;
  while (i > 0 && isBlank(i)) i--;
  while (i > 0 && !isBlank(i)) i--;
  return i;
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0;
  const max = Math.min(a.length, b.length);
  while (length < max && a.charCodeAt(length) === b.charCodeAt(length)) length++;
  // Never split a surrogate pair: the rewrite must start on a whole character.
  return length > 0 && isHighSurrogate(a.charCodeAt(length - 1)) ? length - 1 : length;
}

function commonPrefix(values: readonly string[]): string {
  const [first = '', ...others] = values;
  let length = first.length;
  for (const value of others) length = Math.min(length, commonPrefixLength(first, value));
  return first.slice(0, length);
}

/**
 * The line never holds control characters, so every character takes one
 * cell; text from outside (initial text, stored history, completions) is
 * filtered the same way typed text is.
 */
function printable(text: string): string {
  return text.replace(CONTROL_CHARS, '');
}

/** Candidates with printable values, duplicates dropped (readline ignores duplicate matches). */
function printableCandidates(candidates: readonly CompletionCandidate[]): CompletionCandidate[] {
  const byValue = new Map<string, CompletionCandidate>();
  for (const candidate of candidates) {
    const value = printable(candidate.value);
    if (!byValue.has(value)) byValue.set(value, { ...candidate, value });
  }
  return [...byValue.values()];
}
