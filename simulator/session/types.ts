/**
 * The session boundary: everything the terminal (in the page, over a Web
 * Worker) or the `sim` CLI (in Node) may ask of the engine. Keep it small and
 * serialisable: every call crosses a postMessage boundary in the browser.
 */
import type { EngineEvent } from '../daemon/events';
import type { ViewAnswer, ViewQuery } from '../view/query';
import type { RegistryAction, RegistryActionResult } from '../registry/actions';
import type { Check, CheckResult } from '../checkpoints/types';

/** The terminal as seen by a running command line. */
export interface TerminalIO {
  /** Terminal width in columns; help texts wrap to it as the Docker CLI does. */
  readonly columns: number;
  /** Whether output goes to a terminal (the page's) rather than a pipe: Docker then draws live progress. */
  readonly tty?: boolean;
  /** Writes output (LF line ends); resolves once the terminal has taken it, which is how fast producers are slowed down. */
  write(data: string): Promise<void>;
  /** Shows `prompt`, then resolves with the line the learner types, or null at end of input (Ctrl-D). */
  readLine(prompt: string, options?: ReadOptions): Promise<string | null>;
}

/** How a line is read. */
export interface ReadOptions {
  /**
   * False for a secret (a password): the terminal shows nothing of what is
   * typed, not even the Enter, as a tty with ECHO off; the program prints
   * the newline itself.
   */
  echo?: boolean;
}

/** Completes the word before `cursor` in a line being typed (the machine's own commands and files). */
export type LineCompleter = (line: string, cursor: number) => CompletionResult;

/** One completion choice. `value` replaces the word being completed; `display` is what a double-Tab listing shows. */
export interface CompletionCandidate {
  value: string;
  display?: string;
}

/** Candidates replace `line.slice(from, cursor)` of the completed line. */
export interface CompletionResult {
  from: number;
  candidates: CompletionCandidate[];
}

/** What survives between command lines; enough to rebuild a session after its worker had to be replaced. */
export interface SessionState {
  cwd: string;
  env: Record<string, string>;
  lastExitCode: number;
  /** Functions defined by the learner, as the interpreter's syntax trees. */
  functions?: Record<string, unknown>;
  /** Lines typed, oldest first, for `history`. */
  history?: string[];
}

/** A whole session as plain JSON: the shell, the learner's files, the engine and the time. Versioned. */
export interface SessionSnapshot {
  version: 1;
  shell: SessionState;
  /** The learner's machine's files (a serialized changeset). */
  host: unknown;
  /** The engine's stores and containers (EngineSnapshot). */
  engine: unknown;
  /** The simulated clock, when the session runs on one. */
  time?: number;
}

export interface Session {
  /** Runs one command line; resolves with its exit status (130 when interrupted). */
  run(line: string, io: TerminalIO): Promise<number>;
  /** Completion candidates for the word ending at `cursor`. */
  complete(line: string, cursor: number): Promise<CompletionResult>;
  /** The prompt to show before the next line (ANSI colours included). */
  prompt(): Promise<string>;
  /** Interrupts the running command line, as Ctrl-C does. Safe to call when nothing runs. */
  interrupt(): void;
  /** The state to restore this session from. */
  state(): Promise<SessionState>;
  /** Everything, to save and restore the session later (sim --state, a lesson's saved progress). */
  snapshot(): Promise<SessionSnapshot>;
  /** Answers a read-only question about the engine's state: the views' one way in (see simulator/view/query.ts). */
  query<Q extends ViewQuery>(query: Q): Promise<ViewAnswer<Q>>;
  /**
   * Changes a registry as its web page would (sign up, access tokens, a
   * repository's visibility): the one way the views may change the engine,
   * apart from `query`. Rejects with the registry's reason when refused.
   */
  registry<A extends RegistryAction>(action: A): Promise<RegistryActionResult<A>>;
  /** The engine's recent events with an id above `afterId` (every one kept, without it), oldest first. */
  events(afterId?: number): Promise<EngineEvent[]>;
  /** Calls `listener` with each event as the engine emits it, while a line runs or not; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /**
   * Calls `listener` after each command line ends, with its status and the
   * events it caused — or `restored` when its worker had to be replaced and
   * the engine is back at the last completed line (its events were undone).
   * Views ask again then; "what just happened" groups by it.
   */
  onLineFinished?(listener: (outcome: LineOutcome) => void): () => void;
  /**
   * Evaluates checkpoint predicates (simulator/checkpoints) against the
   * current state; read-only. Rejects, naming the field, when a check is malformed.
   */
  check(checks: Check[]): Promise<CheckResult[]>;
  /**
   * A command question graded by effect: runs `line` in a scratch copy of
   * this session (no input: a read gets end of input) and evaluates `checks`
   * on the copy's resulting state. This session is left exactly as it was.
   */
  tryCommand(line: string, checks: Check[]): Promise<TryResult>;
}

/** What a tried command did to the scratch copy: its output (no colours, 80 columns), its status and the checks on the state it left. */
export interface TryResult {
  output: string;
  status: number;
  results: CheckResult[];
}

/** How a command line ended, for the views (see {@link Session.onLineFinished}). */
export interface LineOutcome {
  line: string;
  status: number;
  events: EngineEvent[];
  restored: boolean;
}
