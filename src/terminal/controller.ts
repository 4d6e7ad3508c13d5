import type { Session, TerminalIO } from '../../simulator';
import { History } from './history';
import { LineEditor, type EditorAction } from './line-editor';
import { SecretInput, type SecretAction } from './secret-input';

/** The screen the controller draws on: xterm in the page, a headless terminal in tests. */
export interface TerminalSurface {
  readonly cols: number;
  /** Resolves once the terminal has processed `data` (xterm's write callback), for flow control. */
  write(data: string): Promise<void>;
}

export interface ControllerOptions {
  /** History entries to start with (oldest first). */
  history?: readonly string[];
  /** Called after each accepted line with the history to persist. */
  onHistoryChange?(entries: readonly string[]): void;
}

type Mode =
  | { kind: 'starting' }
  | { kind: 'prompt' }
  | { kind: 'running'; interrupted: boolean }
  | { kind: 'reading'; resolve(line: string | null): void }
  /** A line read with echo off (a password): typed keys go to `input`, nothing is drawn. */
  | { kind: 'secret'; resolve(line: string | null): void; input: SecretInput };

/**
 * Connects a line editor to a session: the shell prompt, running lines,
 * lines a running command asks for, Ctrl-C, and type-ahead (keys typed while
 * a command runs, including the rest of a multi-line paste, wait for the
 * next prompt, as a real tty's input queue does). It knows nothing of the DOM.
 */
export class TerminalController {
  private readonly history: History;
  private readonly editor: LineEditor;
  private mode: Mode = { kind: 'starting' };
  private typeahead = '';
  /** Writes reach the surface in order, whoever issues them. */
  private output: Promise<void> = Promise.resolve();
  /** typeLines calls, one after another, so the lines of two Run clicks never interleave. */
  private typing: Promise<void> = Promise.resolve();
  /** Woken each time the terminal starts accepting a line. */
  private lineWaiters: Array<() => void> = [];

  constructor(
    private readonly surface: TerminalSurface,
    private readonly session: Session,
    private readonly options: ControllerOptions = {},
  ) {
    this.history = new History(options.history);
    this.editor = new LineEditor({ history: this.history, cols: surface.cols });
  }

  /** Shows the first prompt; resolves when the terminal accepts input. */
  async start(): Promise<void> {
    await this.showPrompt();
  }

  /** Raw input from the terminal (keys, escape sequences, pasted text). */
  input(data: string): void {
    const mode = this.mode;
    if (mode.kind === 'running') {
      const interrupt = data.indexOf('\x03');
      if (interrupt < 0) {
        this.typeahead += data;
        return;
      }
      // SIGINT flushes the tty's input queue: type-ahead is dropped, as in bash.
      this.typeahead = '';
      mode.interrupted = true;
      this.write('^C');
      this.session.interrupt();
      return;
    }
    if (mode.kind === 'starting') {
      this.typeahead += data;
      return;
    }
    if (mode.kind === 'secret') {
      this.feedSecret(mode, data);
      return;
    }
    this.feed(data);
  }

  private feedSecret(mode: Extract<Mode, { kind: 'secret' }>, data: string): void {
    const { action, rest } = mode.input.feed(data);
    if (!action) return;
    this.typeahead = rest + this.typeahead;
    this.endSecret(mode, action);
  }

  private endSecret(mode: Extract<Mode, { kind: 'secret' }>, action: SecretAction): void {
    this.mode = { kind: 'running', interrupted: false };
    if (action.type === 'submit') mode.resolve(action.line);
    else if (action.type === 'eof') mode.resolve(null);
    else {
      this.write('^C');
      this.mode = { kind: 'running', interrupted: true };
      this.session.interrupt();
    }
  }

  /** True while a command holds the terminal without reading a line (or reads a hidden one): typed lines wait. */
  get busy(): boolean {
    return this.mode.kind === 'running' || this.mode.kind === 'secret';
  }

  /**
   * Types each line and presses Enter, as the learner would, so history, echo
   * and the views behave as usual. Each line waits until the terminal accepts
   * one: the shell prompt, or a program reading a line (a container's shell,
   * where a lesson's `apk add curl` belongs) — never a hidden password prompt.
   * Text half typed at that point is killed first with Ctrl-E Ctrl-U, so
   * Ctrl-Y brings it back. Resolves once the last line has been entered.
   */
  typeLines(lines: readonly string[]): Promise<void> {
    const typed = this.typing.then(async () => {
      for (const line of lines) {
        await this.acceptingLine();
        // Control characters in a line would act as keys (Tab completes, Enter submits early).
        this.feed(`\x05\x15${line.replace(/[\x00-\x1f\x7f]/g, ' ')}\r`);
      }
    });
    this.typing = typed.catch(() => undefined);
    return typed;
  }

  private async acceptingLine(): Promise<void> {
    while (!((this.mode.kind === 'prompt' || this.mode.kind === 'reading') && this.editor.active)) {
      await new Promise<void>((resolve) => this.lineWaiters.push(resolve));
    }
  }

  resize(cols: number): void {
    this.editor.resize(cols);
    // xterm does not re-wrap the line being edited: repaint it at the new width.
    if (this.editor.active) for (const action of this.editor.refresh()) this.perform(action);
  }

  /** Waits until everything written so far reached the surface (tests use it). */
  flushed(): Promise<void> {
    return this.output;
  }

  private feed(data: string): void {
    const { actions, rest } = this.editor.feed(data);
    this.typeahead = rest + this.typeahead;
    for (const action of actions) this.perform(action);
  }

  private perform(action: EditorAction): void {
    const mode = this.mode;
    switch (action.type) {
      case 'write':
        this.write(action.data);
        break;
      case 'bell':
        this.write('\x07');
        break;
      case 'complete':
        void this.session.complete(action.line, action.cursor).then((result) => {
          for (const next of this.editor.applyCompletion(result, action.line, action.cursor)) this.perform(next);
        });
        break;
      case 'submit':
        if (mode.kind === 'reading') this.answerRead(mode, action.line);
        else void this.runLine(action.line);
        break;
      case 'cancel':
        if (mode.kind === 'reading') {
          this.mode = { kind: 'running', interrupted: false };
          this.session.interrupt();
        } else {
          void this.showPrompt();
        }
        break;
      case 'eof':
        // A tty echoes nothing for end-of-file: what follows is the program's to print.
        if (mode.kind === 'reading') {
          this.answerRead(mode, null);
        } else {
          // The learner's own shell cannot be left; as with bash's ignoreeof, a fresh prompt follows.
          this.write('\r\n');
          void this.showPrompt();
        }
        break;
    }
  }

  private answerRead(mode: Extract<Mode, { kind: 'reading' }>, line: string | null): void {
    this.mode = { kind: 'running', interrupted: false };
    mode.resolve(line);
  }

  private async runLine(line: string): Promise<void> {
    this.options.onHistoryChange?.(this.history.entries);
    const mode: Extract<Mode, { kind: 'running' }> = { kind: 'running', interrupted: false };
    this.mode = mode;
    if (line.trim() !== '') {
      try {
        await this.session.run(line, this.io());
      } catch (error) {
        this.write(`layerlab: the session failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    if (mode.interrupted || (this.mode.kind === 'running' && this.mode.interrupted)) this.write('\r\n');
    await this.showPrompt();
  }

  private io(): TerminalIO {
    return {
      columns: this.surface.cols,
      tty: true,
      write: (data) => this.write(data),
      readLine: (prompt, options) =>
        new Promise((resolve) => {
          if (options?.echo === false) {
            const mode: Extract<Mode, { kind: 'secret' }> = { kind: 'secret', resolve, input: new SecretInput() };
            this.mode = mode;
            this.write(prompt);
            // Keys typed ahead belong to the secret, as a tty's input queue would give them.
            const pending = this.typeahead;
            this.typeahead = '';
            if (pending) this.feedSecret(mode, pending);
            return;
          }
          this.mode = { kind: 'reading', resolve };
          this.beginLine(prompt);
        }),
    };
  }

  private async showPrompt(): Promise<void> {
    const prompt = await this.session.prompt();
    this.mode = { kind: 'prompt' };
    this.beginLine(prompt);
    await this.output;
  }

  /** Starts editing after `prompt`, then replays any type-ahead into it. */
  private beginLine(prompt: string): void {
    for (const action of this.editor.begin(prompt)) this.perform(action);
    const pending = this.typeahead;
    this.typeahead = '';
    if (pending) this.feed(pending);
    // After the type-ahead, which came first and may have started a command again.
    const waiters = this.lineWaiters;
    this.lineWaiters = [];
    for (const wake of waiters) wake();
  }

  private write(data: string): Promise<void> {
    this.output = this.output.then(() => this.surface.write(data));
    return this.output;
  }
}
