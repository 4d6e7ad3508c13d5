import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Terminal } from '@xterm/headless';
import { LineEditor, type CompletionResult, type EditorAction } from './line-editor';
import { History } from './history';

const PROMPT = '$ ';
const COLOURED_PROMPT = '\x1b[32mme\x1b[0m:~$ ';

// ---- helpers -------------------------------------------------------------

/** The line with "|" at the cursor. */
function show(editor: LineEditor): string {
  return `${editor.line.slice(0, editor.cursor)}|${editor.line.slice(editor.cursor)}`;
}

/** An editor on `marked` ("ab|c": line "abc", cursor after "b"), placed with Left presses. */
function editorAt(marked: string, history?: History): LineEditor {
  const at = marked.indexOf('|');
  const editor = new LineEditor(history === undefined ? {} : { history });
  editor.begin(PROMPT, marked.replace('|', ''));
  editor.feed('\x1b[D'.repeat(Array.from(marked.slice(at + 1)).length));
  expect(show(editor)).toBe(marked);
  return editor;
}

function types(actions: readonly EditorAction[]): string[] {
  return actions.map((action) => action.type);
}

function written(actions: readonly EditorAction[]): string {
  return actions.map((action) => (action.type === 'write' ? action.data : '')).join('');
}

function stripSgr(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/**
 * prompt+line as the terminal should show it: rows of `cols` cells, plus the
 * (blank) row the cursor parks on after an exact fill. Spaces the editor wrote
 * are kept: translateToString(true) trims only never-written or erased cells,
 * so stray spaces would show up here.
 */
function wrapRows(visible: string, cols: number): string[] {
  const chars = Array.from(visible);
  const rows: string[] = [];
  for (let i = 0; i < chars.length; i += cols) rows.push(chars.slice(i, i + cols).join(''));
  if (chars.length % cols === 0) rows.push('');
  return rows;
}

/** A headless xterm the editor's output is written to. */
class Screen {
  readonly term: Terminal;

  constructor(cols = 20, rows = 10) {
    this.term = new Terminal({ cols, rows, allowProposedApi: true });
  }

  write(data: string): Promise<void> {
    return new Promise((resolve) => this.term.write(data, resolve));
  }

  async apply(actions: readonly EditorAction[]): Promise<void> {
    const data = written(actions);
    if (data !== '') await this.write(data);
  }

  /** The rows of the viewport, trailing blanks trimmed. */
  get rows(): string[] {
    const buffer = this.term.buffer.active;
    const rows: string[] = [];
    for (let y = 0; y < this.term.rows; y++) rows.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
    return rows;
  }

  get cursor(): [number, number] {
    return [this.term.buffer.active.cursorX, this.term.buffer.active.cursorY];
  }

  isWrapped(row: number): boolean {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.baseY + row)?.isWrapped ?? false;
  }

  /**
   * Asserts the viewport shows exactly `prompt` + the editor's line from
   * `startRow` down (nothing stale below), continuation rows flagged as
   * wrapped, and the cursor on the cell of the editor's cursor.
   */
  expectShowing(editor: LineEditor, prompt: string, startRow = 0): void {
    const cols = this.term.cols;
    const visiblePrompt = stripSgr(prompt);
    const expected = wrapRows(visiblePrompt + editor.line, cols);
    const padding = Array<string>(this.term.rows - startRow - expected.length).fill('');
    expect(this.rows.slice(startRow)).toEqual([...expected, ...padding]);
    for (let row = 1; row < expected.length; row++) expect(this.isWrapped(startRow + row)).toBe(true);
    const cell = Array.from(visiblePrompt).length + Array.from(editor.line.slice(0, editor.cursor)).length;
    expect(this.cursor).toEqual([cell % cols, startRow + Math.floor(cell / cols)]);
  }
}

interface Session {
  editor: LineEditor;
  screen: Screen;
  /** Feeds each argument as one onData chunk and writes the output. */
  type(...chunks: string[]): Promise<EditorAction[]>;
}

async function startSession(prompt = PROMPT, cols = 20, rows = 10, screen = new Screen(cols, rows)): Promise<Session> {
  const editor = new LineEditor({ cols });
  await screen.apply(editor.begin(prompt));
  return {
    editor,
    screen,
    async type(...chunks) {
      const all: EditorAction[] = [];
      for (const chunk of chunks) {
        const { actions } = editor.feed(chunk);
        await screen.apply(actions);
        all.push(...actions);
      }
      return all;
    },
  };
}

/** Presses Tab and answers the request with `result`; returns the request's and the answer's actions. */
function pressTab(editor: LineEditor, result: CompletionResult): { request: EditorAction[]; answer: EditorAction[] } {
  const request = editor.feed('\t').actions;
  expect(request).toEqual([{ type: 'complete', line: editor.line, cursor: editor.cursor }]);
  return { request, answer: editor.applyCompletion(result, editor.line, editor.cursor) };
}

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const HOME = '\x01';
const BACKSPACE = '\x7f';

// ---- editing -----------------------------------------------------------------

describe('LineEditor editing keys', () => {
  const cases: Array<[name: string, start: string, keys: string, expected: string]> = [
    ['Left', 'ab|c', '\x1b[D', 'a|bc'],
    ['Left (application cursor mode)', 'ab|c', '\x1bOD', 'a|bc'],
    ['Ctrl-B', 'ab|c', '\x02', 'a|bc'],
    ['Left at the start', '|abc', '\x1b[D', '|abc'],
    ['Left over an astral character', 'a𝑥|b', '\x1b[D', 'a|𝑥b'],
    ['Right', 'a|bc', '\x1b[C', 'ab|c'],
    ['Right (application cursor mode)', 'a|bc', '\x1bOC', 'ab|c'],
    ['Ctrl-F', 'a|bc', '\x06', 'ab|c'],
    ['Right at the end', 'abc|', '\x1b[C', 'abc|'],
    ['Right over an astral character', 'a|𝑥b', '\x1b[C', 'a𝑥|b'],
    ['Home', 'ab|c', '\x1b[H', '|abc'],
    ['Home (application cursor mode)', 'ab|c', '\x1bOH', '|abc'],
    ['Home (vt)', 'ab|c', '\x1b[1~', '|abc'],
    ['Ctrl-A', 'ab|c', '\x01', '|abc'],
    ['End', 'a|bc', '\x1b[F', 'abc|'],
    ['End (application cursor mode)', 'a|bc', '\x1bOF', 'abc|'],
    ['End (vt)', 'a|bc', '\x1b[4~', 'abc|'],
    ['Ctrl-E', 'a|bc', '\x05', 'abc|'],
    ['typing inserts at the cursor', 'a|c', 'b', 'ab|c'],
    ['typing Unicode', 'a|', 'é𝑥ж', 'aé𝑥ж|'],
    ['pasting text', '|', 'docker run --rm alpine', 'docker run --rm alpine|'],
    ['text around keys', 'ab|', `x${LEFT}y`, 'aby|x'],
    ['Backspace', 'ab|c', '\x7f', 'a|c'],
    ['Ctrl-H', 'ab|c', '\x08', 'a|c'],
    ['Backspace at the start', '|abc', '\x7f', '|abc'],
    ['Backspace over an astral character', 'a𝑥|b', '\x7f', 'a|b'],
    ['Delete', 'a|bc', '\x1b[3~', 'a|c'],
    ['Delete at the end', 'abc|', '\x1b[3~', 'abc|'],
    ['Delete an astral character', 'a|𝑥b', '\x1b[3~', 'a|b'],
    ['Ctrl-D on a non-empty line', 'a|bc', '\x04', 'a|c'],
    ['Ctrl-D at the end of a non-empty line', 'abc|', '\x04', 'abc|'],
    ['Ctrl-K', 'echo |hello world', '\x0b', 'echo |'],
    ['Ctrl-U', 'echo |hello world', '\x15', '|hello world'],
    ['Ctrl-W', 'ls -la /tmp/fo|o', '\x17', 'ls -la |o'],
    ['Ctrl-W over trailing blanks', 'echo foo/bar  |', '\x17', 'echo |'],
    ['Ctrl-W at the start', '|abc', '\x17', '|abc'],
    ['Alt-D', 'echo| foo-bar', '\x1bd', 'echo|-bar'],
    ['Alt-Backspace', 'echo foo-bar|', '\x1b\x7f', 'echo foo-|'],
    ['Ctrl-K then Ctrl-Y', 'echo |hello', `\x0b${HOME}\x19`, 'hello|echo '],
    ['Ctrl-W twice then Ctrl-Y (consecutive kills accumulate)', 'echo foo bar|', '\x17\x17\x19', 'echo foo bar|'],
    ['Ctrl-U then Ctrl-K then Ctrl-Y', 'ab|cd', '\x15\x0b\x19', 'abcd|'],
    ['a kill after a motion starts afresh', 'echo foo bar|', `\x17${LEFT}\x17\x19`, 'echo foo| '],
    ['Ctrl-Y twice', 'x|', '\x17\x19\x19', 'xx|'],
    ['killing nothing keeps the last kill', 'ab|cd', `\x0b\x0b${HOME}\x19`, 'cd|ab'],
    ['Alt-B', 'echo foo-bar|', '\x1bb', 'echo foo-|bar'],
    ['Ctrl-Left', 'echo foo-bar|', '\x1b[1;5D', 'echo foo-|bar'],
    ['Alt-B over trailing blanks', 'echo foo  |', '\x1bb', 'echo |foo  '],
    ['Alt-B twice', 'echo foo-bar|', '\x1bb\x1bb', 'echo |foo-bar'],
    ['Alt-B at the start', '|abc', '\x1bb', '|abc'],
    ['Alt-B stops at underscores, like readline', 'my_var|', '\x1bb', 'my_|var'],
    ['Alt-F', '|echo foo-bar', '\x1bf', 'echo| foo-bar'],
    ['Ctrl-Right', 'echo| foo-bar', '\x1b[1;5C', 'echo foo|-bar'],
    ['Alt-F skips punctuation to the end of the next word', 'echo foo|-bar', '\x1bf', 'echo foo-bar|'],
    ['Alt-F at the end', 'abc|', '\x1bf', 'abc|'],
    ['Alt-F over Unicode letters', '|größe über', '\x1bf', 'größe| über'],
    ['F5 is ignored', 'ab|', '\x1b[15~', 'ab|'],
    ['Shift-F1 is ignored', 'ab|', '\x1b[1;2P', 'ab|'],
    ['F1 (SS3) is ignored', 'ab|', '\x1bOP', 'ab|'],
    ['Insert is ignored', 'ab|', '\x1b[2~', 'ab|'],
    ['PageUp is ignored', 'ab|', '\x1b[5~', 'ab|'],
    ['focus reports are ignored', 'ab|', '\x1b[I\x1b[O', 'ab|'],
    ['Alt-x is ignored', 'ab|', '\x1bx', 'ab|'],
    ['Alt with a non-ASCII key is ignored', 'ab|', '\x1bé', 'ab|'],
    ['a lone Escape is ignored', 'ab|', '\x1b', 'ab|'],
    ['Escape before an arrow key', 'ab|', '\x1b\x1b[D', 'a|b'],
    ['bracketed-paste markers are dropped, the text kept', 'ab|', '\x1b[200~cd\x1b[201~', 'abcd|'],
    ['unbound control characters are ignored', 'ab|', '\x00\x07\x12\x1a\x1c\x1f', 'ab|'],
    ['C1 control characters are ignored', 'ab|', '\x9b\x85', 'ab|'],
  ];

  it.each(cases)('%s: %j + %j', (_, start, keys, expected) => {
    const editor = editorAt(start);
    const { actions, rest } = editor.feed(keys);
    expect(show(editor)).toBe(expected);
    expect(rest).toBe('');
    expect(editor.active).toBe(true);
    expect(types(actions).every((type) => type === 'write' || type === 'bell')).toBe(true);
  });

  it('rings the bell when there is nothing to delete, recall or yank', () => {
    expect(types(editorAt('|ab').feed(BACKSPACE).actions)).toEqual(['bell']);
    expect(types(editorAt('ab|').feed('\x1b[3~').actions)).toEqual(['bell']);
    expect(types(editorAt('ab|').feed('\x04').actions)).toEqual(['bell']);
    expect(types(editorAt('ab|').feed('\x19').actions)).toEqual(['bell']);
    expect(types(editorAt('ab|').feed('\x1b[A').actions)).toEqual(['bell']);
    expect(types(editorAt('ab|').feed('\x1b[B').actions)).toEqual(['bell']);
  });

  it('writes nothing for ignored keys and motions that go nowhere', () => {
    expect(editorAt('ab|').feed('\x1b[15~\x07\x1b[C').actions).toEqual([]);
  });

  it('merges the output of a burst of keys into one write', () => {
    const editor = new LineEditor();
    editor.begin(PROMPT);
    expect(types(editor.feed('abc\x1b[Dx').actions)).toEqual(['write']);
  });

  it('returns the prompt and initial text from begin()', () => {
    const editor = new LineEditor();
    expect(editor.active).toBe(false);
    expect(editor.begin(PROMPT, 'ls')).toEqual([{ type: 'write', data: '$ ls' }]);
    expect(show(editor)).toBe('ls|');
    expect(editor.active).toBe(true);
  });

  it('keeps the kill ring across lines', () => {
    const editor = editorAt('docker images|');
    editor.feed('\x15\x03');
    editor.begin(PROMPT);
    editor.feed('\x19');
    expect(show(editor)).toBe('docker images|');
  });
});

describe('LineEditor line endings', () => {
  it('submits on Enter, having written a newline, and goes inactive', () => {
    const editor = editorAt('ec|ho hi');
    const { actions, rest } = editor.feed('\r');
    expect(actions).toEqual([
      { type: 'write', data: expect.stringMatching(/\r\n$/) },
      { type: 'submit', line: 'echo hi' },
    ]);
    expect(rest).toBe('');
    expect(editor.active).toBe(false);
  });

  it.each([['\r'], ['\n'], ['\r\n']])('treats %j as one Enter', (enter) => {
    const editor = editorAt('ls|');
    const { actions, rest } = editor.feed(`${enter}pwd\r`);
    expect(actions.filter((action) => action.type === 'submit')).toEqual([{ type: 'submit', line: 'ls' }]);
    expect(rest).toBe('pwd\r');
  });

  it('runs a pasted block one line at a time through rest', () => {
    const editor = new LineEditor();
    const submitted: string[] = [];
    let input = 'echo a\recho b\r';
    const rests: string[] = [];
    while (input !== '') {
      editor.begin(PROMPT);
      const { actions, rest } = editor.feed(input);
      for (const action of actions) if (action.type === 'submit') submitted.push(action.line);
      rests.push(rest);
      input = rest;
    }
    expect(submitted).toEqual(['echo a', 'echo b']);
    expect(rests).toEqual(['echo b\r', '']);
  });

  it('cancels on Ctrl-C, writing ^C at the end of the input, and keeps the rest', () => {
    const editor = editorAt('ec|ho');
    const { actions, rest } = editor.feed('\x03ls');
    expect(actions).toEqual([{ type: 'write', data: '\x1b[2C^C\r\n' }, { type: 'cancel' }]);
    expect(rest).toBe('ls');
    expect(editor.active).toBe(false);
  });

  it('reports eof on Ctrl-D on an empty line, writing nothing', () => {
    const editor = editorAt('|');
    expect(editor.feed('\x04x')).toEqual({ actions: [{ type: 'eof' }], rest: 'x' });
    expect(editor.active).toBe(false);
  });

  it('returns all input as rest while inactive', () => {
    const editor = new LineEditor();
    expect(editor.feed('ls\r')).toEqual({ actions: [], rest: 'ls\r' });
    editor.begin(PROMPT);
    editor.feed('\r');
    expect(editor.feed('pwd')).toEqual({ actions: [], rest: 'pwd' });
    expect(editor.redraw()).toEqual([]);
  });
});

// ---- history -------------------------------------------------------------------

describe('LineEditor history', () => {
  it.each([
    ['arrows', '\x1b[A', '\x1b[B'],
    ['application-mode arrows', '\x1bOA', '\x1bOB'],
    ['Ctrl-P/Ctrl-N', '\x10', '\x0e'],
  ])('browses with %s and restores the line being typed', (_, up, down) => {
    const editor = editorAt('ech|', new History(['ls', 'pwd']));
    editor.feed(LEFT);
    editor.feed(up);
    expect(show(editor)).toBe('pwd|');
    editor.feed(up);
    expect(show(editor)).toBe('ls|');
    expect(types(editor.feed(up).actions)).toEqual(['bell']);
    expect(show(editor)).toBe('ls|');
    editor.feed(down);
    expect(show(editor)).toBe('pwd|');
    editor.feed(down);
    expect(show(editor)).toBe('ech|');
    expect(types(editor.feed(down).actions)).toEqual(['bell']);
  });

  it('keeps edits to recalled lines while browsing and submits the edited line', () => {
    const history = new History(['ls', 'pwd']);
    const editor = editorAt('|', history);
    editor.feed('\x1b[A -P\x1b[A');
    expect(show(editor)).toBe('ls|');
    editor.feed('\x1b[B');
    expect(show(editor)).toBe('pwd -P|');
    expect(editor.feed('\r').actions.at(-1)).toEqual({ type: 'submit', line: 'pwd -P' });
    expect(history.entries).toEqual(['ls', 'pwd', 'pwd -P']);

    editor.begin(PROMPT);
    editor.feed('\x1b[A\x1b[A');
    expect(show(editor)).toBe('pwd|');
  });

  it('records submitted lines by the ignoreboth rules', () => {
    const history = new History();
    const editor = new LineEditor({ history });
    for (const line of ['ls', 'ls', ' secret', '', 'pwd']) {
      editor.begin(PROMPT);
      editor.feed(`${line}\r`);
    }
    expect(history.entries).toEqual(['ls', 'pwd']);
  });

  it('does not record cancelled lines', () => {
    const history = new History();
    const editor = editorAt('rm -rf /|', history);
    editor.feed('\x03');
    expect(history.entries).toEqual([]);
  });

  it('drops control characters from recalled entries, so they cannot upset the screen', () => {
    const editor = editorAt('|', new History(['\techo\x1b[31m hi']));
    editor.feed('\x1b[A');
    expect(show(editor)).toBe('echo[31m hi|');
  });

  it('has a history of its own when none is given', () => {
    const editor = new LineEditor();
    editor.begin(PROMPT);
    editor.feed('docker ps\r');
    editor.begin(PROMPT);
    editor.feed('\x1b[A');
    expect(show(editor)).toBe('docker ps|');
  });
});

// ---- completion ------------------------------------------------------------------

describe('LineEditor completion', () => {
  const usrL: CompletionResult = {
    from: 3,
    candidates: [
      { value: '/usr/lib/', display: 'lib/' },
      { value: '/usr/lib32/', display: 'lib32/' },
      { value: '/usr/libexec/', display: 'libexec/' },
      { value: '/usr/local/', display: 'local/' },
    ],
  };

  it('replaces the word with a single candidate plus a space', () => {
    const editor = editorAt('cat /etc/hos|');
    const { answer } = pressTab(editor, { from: 4, candidates: [{ value: '/etc/hosts' }] });
    expect(show(editor)).toBe('cat /etc/hosts |');
    expect(types(answer)).toEqual(['write']);
  });

  it('adds no space after a directory', () => {
    const editor = editorAt('cd /us|');
    pressTab(editor, { from: 3, candidates: [{ value: '/usr/' }] });
    expect(show(editor)).toBe('cd /usr/|');
  });

  it('completes a word in the middle of the line, keeping the text after the cursor', () => {
    const editor = editorAt('cat /etc/ho| > out');
    pressTab(editor, { from: 4, candidates: [{ value: '/etc/hosts' }] });
    expect(show(editor)).toBe('cat /etc/hosts | > out');
  });

  it('drops control characters from candidates', () => {
    const editor = editorAt('cat bad|');
    pressTab(editor, { from: 4, candidates: [{ value: 'bad\r\nname' }] });
    expect(show(editor)).toBe('cat badname |');
  });

  it('treats duplicate values as one candidate', () => {
    const editor = editorAt('ls READ|');
    pressTab(editor, { from: 3, candidates: [{ value: 'README' }, { value: 'README' }] });
    expect(show(editor)).toBe('ls README |');
  });

  it('inserts the longest common prefix of several candidates', () => {
    const editor = editorAt('ls /usr/li|');
    const { answer } = pressTab(editor, {
      from: 3,
      candidates: [{ value: '/usr/lib/' }, { value: '/usr/lib32/' }, { value: '/usr/libexec/' }],
    });
    expect(show(editor)).toBe('ls /usr/lib|');
    expect(types(answer)).toEqual(['write']);
  });

  it('rings the bell when there is no candidate', () => {
    const editor = editorAt('cat nope|');
    expect(pressTab(editor, { from: 4, candidates: [] }).answer).toEqual([{ type: 'bell' }]);
    expect(show(editor)).toBe('cat nope|');
  });

  it('rings the bell on the first ambiguous Tab and lists the candidates on the second', () => {
    const editor = editorAt('ls /usr/l|');
    editor.resize(20);
    expect(pressTab(editor, usrL).answer).toEqual([{ type: 'bell' }]);
    const { answer } = pressTab(editor, usrL);
    expect(written(answer)).toContain('\r\nlib/      libexec/\r\nlib32/    local/\r\n$ ls /usr/l');
    expect(show(editor)).toBe('ls /usr/l|');
    // Further Tabs keep listing, as in bash.
    expect(written(pressTab(editor, usrL).answer)).toContain('lib32/    local/');
  });

  it('does not list when another key came between the Tabs', () => {
    const editor = editorAt('ls /usr/l|');
    pressTab(editor, usrL);
    editor.feed(LEFT);
    editor.feed(RIGHT);
    expect(pressTab(editor, usrL).answer).toEqual([{ type: 'bell' }]);
  });

  it('needs two more Tabs to list after a Tab that inserted a prefix, as readline', () => {
    const editor = editorAt('ls /usr/|');
    const result = (from: number): CompletionResult => ({ from, candidates: usrL.candidates });
    pressTab(editor, result(3));
    expect(show(editor)).toBe('ls /usr/l|');
    expect(pressTab(editor, result(3)).answer).toEqual([{ type: 'bell' }]);
    expect(written(pressTab(editor, result(3)).answer)).toContain('libexec/');
  });

  it('answers a quick double Tab in order: bell, then list', () => {
    const editor = editorAt('ls /usr/l|');
    editor.feed('\t\t');
    expect(editor.applyCompletion(usrL, 'ls /usr/l', 9)).toEqual([{ type: 'bell' }]);
    expect(written(editor.applyCompletion(usrL, 'ls /usr/l', 9))).toContain('libexec/');
    expect(editor.applyCompletion(usrL, 'ls /usr/l', 9)).toEqual([]);
  });

  it('ignores an answer to a request made before the line changed', () => {
    const editor = editorAt('cat /etc/hos|');
    const { actions } = editor.feed('\t');
    expect(actions).toEqual([{ type: 'complete', line: 'cat /etc/hos', cursor: 12 }]);
    editor.feed('t');
    expect(editor.applyCompletion({ from: 4, candidates: [{ value: '/etc/hosts' }] }, 'cat /etc/hos', 12)).toEqual([]);
    expect(show(editor)).toBe('cat /etc/host|');
  });

  it('ignores an answer arriving after the line was submitted, even on an identical new line', () => {
    const editor = editorAt('|');
    editor.feed('\t\r');
    editor.begin(PROMPT);
    expect(editor.applyCompletion({ from: 0, candidates: [{ value: 'docker' }] }, '', 0)).toEqual([]);
    expect(show(editor)).toBe('|');
  });

  it('ignores answers nobody asked for', () => {
    const editor = editorAt('ls|');
    expect(editor.applyCompletion({ from: 0, candidates: [{ value: 'lsblk' }] }, 'ls', 2)).toEqual([]);
  });
});

// ---- rendering on a real (headless) xterm ------------------------------------------------

describe('LineEditor rendering', () => {
  it('wraps a line longer than the terminal', async () => {
    const { editor, screen, type } = await startSession();
    await type('echo hello world and more');
    expect(screen.rows.slice(0, 3)).toEqual(['$ echo hello world a', 'nd more', '']);
    expect(screen.cursor).toEqual([7, 1]);
    screen.expectShowing(editor, PROMPT);
  });

  it('moves left and right across the wrap boundary', async () => {
    const { editor, screen, type } = await startSession();
    await type('echo hello world and more');
    await type(...Array<string>(7).fill(LEFT));
    expect(screen.cursor).toEqual([0, 1]);
    await type(LEFT);
    expect(screen.cursor).toEqual([19, 0]);
    screen.expectShowing(editor, PROMPT);
    await type(RIGHT);
    expect(screen.cursor).toEqual([0, 1]);
    await type('\x1bb', '\x1bb');
    expect(show(editor)).toBe('echo hello |world and more');
    screen.expectShowing(editor, PROMPT);
    await type('\x05');
    expect(screen.cursor).toEqual([7, 1]);
  });

  it('inserts in the middle of a wrapped line', async () => {
    const { editor, screen, type } = await startSession();
    await type('echo hello world and more', HOME, ...Array<string>(5).fill(RIGHT), 'XYZ');
    expect(screen.rows.slice(0, 3)).toEqual(['$ echo XYZhello worl', 'd and more', '']);
    expect(screen.cursor).toEqual([10, 0]);
    screen.expectShowing(editor, PROMPT);
  });

  it('backspaces back across a wrap boundary', async () => {
    const { editor, screen, type } = await startSession();
    await type('abcdefghijklmnopqrstuvw');
    expect(screen.rows.slice(0, 2)).toEqual(['$ abcdefghijklmnopqr', 'stuvw']);
    await type(...Array<string>(5).fill(BACKSPACE));
    expect(screen.rows.slice(0, 2)).toEqual(['$ abcdefghijklmnopqr', '']);
    expect(screen.cursor).toEqual([0, 1]);
    await type(BACKSPACE);
    expect(screen.rows.slice(0, 2)).toEqual(['$ abcdefghijklmnopq', '']);
    expect(screen.cursor).toEqual([19, 0]);
    screen.expectShowing(editor, PROMPT);
  });

  it('kills a wrapped line with Ctrl-U and yanks it back', async () => {
    const { editor, screen, type } = await startSession();
    await type('abcdefghijklmnopqrstuvwxyz', LEFT, LEFT, LEFT, '\x15');
    expect(screen.rows.slice(0, 2)).toEqual(['$ xyz', '']);
    expect(screen.cursor).toEqual([2, 0]);
    await type('\x19');
    expect(screen.rows.slice(0, 2)).toEqual(['$ abcdefghijklmnopqr', 'stuvwxyz']);
    expect(screen.cursor).toEqual([5, 1]);
    screen.expectShowing(editor, PROMPT);
  });

  it('handles a line that exactly fills the row', async () => {
    const { editor, screen, type } = await startSession();
    await type('abcdefghijklmnopqr');
    expect(screen.rows.slice(0, 2)).toEqual(['$ abcdefghijklmnopqr', '']);
    expect(screen.cursor).toEqual([0, 1]);
    screen.expectShowing(editor, PROMPT);
    await type('s');
    expect(screen.rows.slice(0, 2)).toEqual(['$ abcdefghijklmnopqr', 's']);
    expect(screen.cursor).toEqual([1, 1]);
    await type(BACKSPACE, LEFT, RIGHT);
    screen.expectShowing(editor, PROMPT);
    await type(HOME, 'X');
    expect(screen.rows.slice(0, 2)).toEqual(['$ Xabcdefghijklmnopq', 'r']);
    screen.expectShowing(editor, PROMPT);
  });

  it('leaves an exactly filled line without a blank line below on Enter', async () => {
    const { screen, type } = await startSession();
    const actions = await type('abcdefghijklmnopqr', HOME, '\r');
    expect(actions.at(-1)).toEqual({ type: 'submit', line: 'abcdefghijklmnopqr' });
    await screen.write('output\r\n');
    expect(screen.rows.slice(0, 3)).toEqual(['$ abcdefghijklmnopqr', 'output', '']);
    expect(screen.isWrapped(1)).toBe(false);
    expect(screen.cursor).toEqual([0, 2]);
  });

  it('submits from the middle of a wrapped line without overwriting it', async () => {
    const { screen, type } = await startSession();
    await type('echo hello world and more', HOME, '\r');
    await screen.write('hello world and more\r\n');
    expect(screen.rows.slice(0, 4)).toEqual(['$ echo hello world a', 'nd more', 'hello world and more', '']);
    expect(screen.cursor).toEqual([0, 3]);
  });

  it('writes ^C after the end of a wrapped line', async () => {
    const { editor, screen, type } = await startSession();
    await type('echo hello world and more', HOME, '\x03');
    expect(screen.rows.slice(0, 3)).toEqual(['$ echo hello world a', 'nd more^C', '']);
    expect(screen.cursor).toEqual([0, 2]);
    await screen.apply(editor.begin(PROMPT));
    screen.expectShowing(editor, PROMPT, 2);
  });

  it('redraws prompt and line at the top on Ctrl-L, cursor in place', async () => {
    const screen = new Screen();
    await screen.write('some\r\noutput\r\n');
    const { editor, type } = await startSession(PROMPT, 20, 10, screen);
    await type('echo hello world and more', '\x1bb', '\x1bb');
    await type('\x0c');
    expect(show(editor)).toBe('echo hello world |and more');
    expect(screen.rows.slice(0, 3)).toEqual(['$ echo hello world a', 'nd more', '']);
    expect(screen.cursor).toEqual([19, 0]);
    screen.expectShowing(editor, PROMPT);
  });

  it('redraws on a fresh line after output was printed', async () => {
    const { editor, screen, type } = await startSession();
    await type('docker ps', LEFT);
    await screen.write('\r\nnotice\r\n');
    await screen.apply(editor.redraw());
    expect(screen.rows.slice(0, 4)).toEqual(['$ docker ps', 'notice', '$ docker ps', '']);
    screen.expectShowing(editor, PROMPT, 2);
  });

  it('measures a coloured prompt by its visible width and keeps its colour', async () => {
    const { editor, screen, type } = await startSession(COLOURED_PROMPT);
    await type('docker run --rm alpine');
    expect(screen.rows.slice(0, 2)).toEqual(['me:~$ docker run --r', 'm alpine']);
    expect(screen.cursor).toEqual([8, 1]);
    await type(HOME, 'sudo ', '\x0c', '\x1bf');
    expect(screen.rows.slice(0, 2)).toEqual(['me:~$ sudo docker ru', 'n --rm alpine']);
    expect(show(editor)).toBe('sudo docker| run --rm alpine');
    screen.expectShowing(editor, COLOURED_PROMPT);
    const first = screen.term.buffer.active.getLine(0)?.getCell(0);
    expect(first?.isFgPalette() && first.getFgColor()).toBe(2);
  });

  it('redraws the whole prompt when it fills a row exactly', async () => {
    const prompt = '\x1b[1m0123456789\x1b[0m';
    const { editor, screen, type } = await startSession(prompt, 10);
    expect(screen.cursor).toEqual([0, 1]);
    await type('abcdefghijk', HOME, 'X');
    expect(screen.rows.slice(0, 4)).toEqual(['0123456789', 'Xabcdefghi', 'jk', '']);
    screen.expectShowing(editor, prompt);
    await type('\x15');
    screen.expectShowing(editor, prompt);
  });

  it('keeps a multi-line prompt\'s first line out of in-place redraws', async () => {
    const prompt = 'user@layerlab:~/app\r\n$ ';
    const { editor, screen, type } = await startSession(prompt);
    await type('echo hello world and more', HOME, 'X');
    expect(screen.rows.slice(0, 4)).toEqual(['user@layerlab:~/app', '$ Xecho hello world ', 'and more', '']);
    screen.expectShowing(editor, PROMPT, 1);
    await type('\x0c');
    expect(screen.rows[0]).toBe('user@layerlab:~/app');
    screen.expectShowing(editor, PROMPT, 1);
  });

  it('keeps working when the line scrolls the screen', async () => {
    const screen = new Screen(20, 5);
    await screen.write('\r\n'.repeat(4));
    const { editor, type } = await startSession(PROMPT, 20, 5, screen);
    await type('a'.repeat(20), 'b'.repeat(20));
    screen.expectShowing(editor, PROMPT, 2);
    await type(HOME, 'X', '\x1bf', BACKSPACE);
    screen.expectShowing(editor, PROMPT, 2);
  });

  it('lists completions below the line and redraws it under the list', async () => {
    const { editor, screen } = await startSession();
    await screen.apply(editor.feed('ls /usr/l').actions);
    const result: CompletionResult = {
      from: 3,
      candidates: ['lib/', 'lib32/', 'libexec/', 'local/'].map((name) => ({ value: `/usr/${name}`, display: name })),
    };
    pressTab(editor, result);
    await screen.apply(pressTab(editor, result).answer);
    expect(screen.rows.slice(0, 5)).toEqual(['$ ls /usr/l', 'lib/      libexec/', 'lib32/    local/', '$ ls /usr/l', '']);
    screen.expectShowing(editor, PROMPT, 3);
  });

  it('repaints with the new width after a resize', async () => {
    const { editor, screen, type } = await startSession();
    await type('echo hello world and more', LEFT, LEFT);
    screen.term.resize(12, 10);
    editor.resize(12);
    await screen.apply(editor.refresh());
    expect(screen.rows.slice(0, 4)).toEqual(['$ echo hello', ' world and m', 'ore', '']);
    screen.expectShowing(editor, PROMPT);
    screen.term.resize(30, 10);
    editor.resize(30);
    await type('!');
    screen.expectShowing(editor, PROMPT);
    expect(screen.rows[0]).toBe('$ echo hello world and mo!re');
  });
});

// ---- properties -----------------------------------------------------------------

/** Every key the editor binds, plus a few it must ignore. */
const KEY_TABLE = [
  '\x1b[D', '\x1bOD', '\x02', '\x1b[C', '\x1bOC', '\x06',
  '\x1b[H', '\x1bOH', '\x1b[1~', '\x01', '\x1b[F', '\x1bOF', '\x1b[4~', '\x05',
  '\x7f', '\x08', '\x1b[3~', '\x04',
  '\x0b', '\x15', '\x17', '\x19', '\x1b\x7f', '\x1bd',
  '\x1bb', '\x1b[1;5D', '\x1bf', '\x1b[1;5C',
  '\x1b[A', '\x1bOA', '\x10', '\x1b[B', '\x1bOB', '\x0e',
  '\r', '\n', '\r\n', '\x03', '\x0c', '\t',
  '\x1b[15~', '\x1bOP', '\x1bx', '\x1b', '\x07', '\x1b[200~',
];
const TEXT = fc.string({
  unit: fc.constantFrom('a', 'b', 'z', '0', '-', '/', '.', '_', ' ', ' ', 'é', 'λ', 'ж', '𝑥'),
  minLength: 1,
  maxLength: 8,
});
const KEY = fc.oneof({ arbitrary: fc.constantFrom(...KEY_TABLE), weight: 3 }, { arbitrary: TEXT, weight: 2 });
const PROMPTS = ['$ ', COLOURED_PROMPT, '', 'user@layerlab:~/app$ ', 'FILL'];
const ROWS = 200;

type Op = { kind: 'keys'; data: string } | { kind: 'resize'; cols: number };

/** A stand-in for the engine: the answer depends on the word's length, to hit every merge rule. */
function fakeCompletion(line: string, cursor: number): CompletionResult {
  const from = cursor === 0 ? 0 : line.lastIndexOf(' ', cursor - 1) + 1;
  const word = line.slice(from, cursor);
  const values = [[], [`${word}ile`], [`${word}dir/`], [`${word}a`, `${word}b`, `${word}ab`], [`${word}xa`, `${word}xb`]][
    word.length % 5
  ] ?? [];
  return { from, candidates: values.map((value) => ({ value, display: value.slice(-6) })) };
}

/** Plays `ops` into an editor and a headless xterm, like the site does, then checks the screen. */
async function playOnTerminal(initialCols: number, promptChoice: string, ops: readonly Op[]): Promise<void> {
  const prompt = promptChoice === 'FILL' ? '>'.repeat(initialCols) : promptChoice;
  const term = new Terminal({ cols: initialCols, rows: ROWS, allowProposedApi: true });
  const editor = new LineEditor({ history: new History(['ls -la', 'docker build -t app .']), cols: initialCols });
  let pending = '';
  let startKnown = true;
  let resized = false;
  const flush = async (): Promise<void> => {
    const data = pending;
    pending = '';
    if (data !== '') await new Promise<void>((resolve) => term.write(data, resolve));
  };
  const checkCursor = (): void => {
    expect(editor.cursor).toBeGreaterThanOrEqual(0);
    expect(editor.cursor).toBeLessThanOrEqual(editor.line.length);
    expect(editor.line.charCodeAt(editor.cursor) & 0xfc00).not.toBe(0xdc00);
  };
  const feed = (data: string): void => {
    let input = data;
    while (input !== '') {
      const { actions, rest } = editor.feed(input);
      input = rest;
      // As the site must: write a batch's output before answering its Tabs.
      const requests: Array<{ line: string; cursor: number }> = [];
      for (const action of actions) {
        if (action.type === 'write') pending += action.data;
        else if (action.type === 'complete') requests.push(action);
        else if (action.type !== 'bell') {
          pending += action.type === 'submit' ? 'output\r\n' : action.type === 'eof' ? '\r\n' : '';
          startKnown = false;
          pending += written(editor.begin(prompt));
        }
      }
      for (const { line, cursor } of requests) {
        const answer = written(editor.applyCompletion(fakeCompletion(line, cursor), line, cursor));
        if (answer.includes('\r\n')) startKnown = false;
        pending += answer;
      }
      checkCursor();
    }
  };

  pending += written(editor.begin(prompt));
  for (const op of ops) {
    if (op.kind === 'keys') {
      feed(op.data);
      continue;
    }
    await flush();
    term.resize(op.cols, ROWS);
    editor.resize(op.cols);
    resized = true;
  }
  if (resized) pending += written(editor.refresh());
  await flush();

  const cols = term.cols;
  const visible = stripSgr(prompt) + editor.line;
  const cell = Array.from(stripSgr(prompt)).length + Array.from(editor.line.slice(0, editor.cursor)).length;
  const buffer = term.buffer.active;
  const startRow = buffer.cursorY - Math.floor(cell / cols);
  if (startKnown) expect(startRow).toBe(0);
  expect(startRow).toBeGreaterThanOrEqual(0);
  expect(buffer.cursorX).toBe(cell % cols);
  const rows: string[] = [];
  for (let y = startRow; y < ROWS; y++) rows.push(buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '');
  const expected = wrapRows(visible, cols);
  expect(rows).toEqual([...expected, ...Array<string>(ROWS - startRow - expected.length).fill('')]);
  for (let row = 1; row < expected.length; row++) {
    expect(buffer.getLine(buffer.baseY + startRow + row)?.isWrapped).toBe(true);
  }
}

describe('LineEditor properties', () => {
  const keysOnly = (keys: readonly string[], joined: boolean): Op[] =>
    joined ? [{ kind: 'keys', data: keys.join('') }] : keys.map((data) => ({ kind: 'keys', data }));

  it('keeps the screen equal to prompt + line for any keys, typed or pasted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10, max: 80 }),
        fc.constantFrom(...PROMPTS),
        fc.array(KEY, { maxLength: 40 }),
        fc.boolean(),
        async (cols, prompt, keys, joined) => playOnTerminal(cols, prompt, keysOnly(keys, joined)),
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the screen equal to prompt + line across resizes', async () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: KEY.map((data): Op => ({ kind: 'keys', data })), weight: 6 },
      { arbitrary: fc.integer({ min: 10, max: 80 }).map((cols): Op => ({ kind: 'resize', cols })), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10, max: 80 }),
        fc.constantFrom(...PROMPTS),
        fc.array(op, { maxLength: 40 }),
        async (cols, prompt, ops) => playOnTerminal(cols, prompt, ops),
      ),
      { numRuns: 150 },
    );
  });

  it('never throws and keeps the cursor inside the line', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(KEY, fc.string()), { maxLength: 60 }), (keys) => {
        const editor = new LineEditor({ cols: 10 });
        editor.begin(PROMPT);
        for (const key of keys) {
          let input = key;
          while (input !== '') {
            if (!editor.active) editor.begin(PROMPT);
            input = editor.feed(input).rest;
            expect(editor.cursor).toBeGreaterThanOrEqual(0);
            expect(editor.cursor).toBeLessThanOrEqual(editor.line.length);
          }
        }
      }),
    );
  });
});
