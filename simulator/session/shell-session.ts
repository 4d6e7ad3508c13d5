import { recordingTerminal } from './recording-terminal';
import { Engine } from '../daemon/engine';
import type { ReadWriteLayer } from '../archive/rw-layer';
import type { HostDirectories } from '../host/directories';
import { createHostFilesystem, LEARNER_UID } from '../host/filesystem';
import { hostTools, SHELL_ONLY } from '../host/programs';
import { MemoryRegistry } from '../registry/memory';
import type { Registry } from '../registry/registry';
import type { PackageMirrors } from '../packages/mirrors';
import { hostCommandNames, hostPrograms } from '../shell/builtins';
import { Interpreter } from '../shell/interpreter';
import { ShellState } from '../shell/state';
import { LayerFileSystem } from '../userland/filesystem';
import { Interrupted, ManualClock, systemClock, type Clock } from './clock';
import { completeLine } from './completion';
import { bashPrompt } from './prompt';
import type { CompletionResult, LineCompleter, ReadOptions, Session, SessionSnapshot, SessionState, TerminalIO, TryResult } from './types';
import { restoreEngine, snapshotEngine } from '../daemon/snapshot';
import { deserializeChangeset, InvalidSnapshotError, serializeChangeset } from '../archive/serialize';
import type { EngineEvent } from '../daemon/events';
import { answerQuery, type ViewAnswer, type ViewQuery } from '../view/query';
import { applyRegistryAction, type RegistryAction, type RegistryActionResult } from '../registry/actions';
import { evaluateChecks, validateChecks, type Check, type CheckResult } from '../checkpoints';


/** How long (real time) a command question's command may run before it is interrupted. */
const TRY_COMMAND_LIMIT_MS = 10_000;
export interface SessionOptions {
  clock?: Clock;
  /** Seeds the engine's IDs and names. */
  seed?: string;
  /** Where `docker pull` finds images; an empty registry when not given. */
  registry?: Registry;
  /** The package archives containers download from; unreachable when not given. */
  mirrors?: PackageMirrors;
  /** The learner's machine's files; a fresh Debian-like tree when not given. */
  host?: ReadWriteLayer;
  /** A whole session saved by {@link Session.snapshot}, to continue from (overrides state; a given host wins over the saved files). */
  snapshot?: unknown;
  /** A state saved by {@link Session.state}, to continue from. */
  state?: Partial<SessionState>;
  directories?: HostDirectories;
  /** The id of the engine's first event: a session replacing another continues its numbering. */
  firstEventId?: number;
}

/** Simulated time a command line takes, with the learner reading its output: so ages read "5 seconds ago", not "Less than a second ago". */
const MOMENT_MS = 5_000;

/** bash's exit status for a command killed by SIGINT (128 + 2). */
const INTERRUPTED_STATUS = 130;

/** Creates a session of the learner's machine: the host shell with its commands and the Docker CLI. */
export function createSession(options: SessionOptions = {}): Session {
  return new ShellSession(options);
}

class ShellSession implements Session {
  private readonly shell: ShellState;
  private readonly clock: Clock;
  private readonly directories: HostDirectories;
  private readonly host: ReadWriteLayer;
  private readonly programs = hostPrograms();
  private readonly names = hostCommandNames(this.programs);
  private readonly interpreter: Interpreter;
  private running: AbortController | undefined;
  /** Programs in the foreground that take Ctrl-C themselves (a container's shell), innermost last. */
  private readonly foreground: Array<() => void> = [];
  /** How the line a foreground program is reading completes, if it says. */
  private reading: LineCompleter | undefined;
  private readonly engine: Engine;

  constructor(private readonly options: SessionOptions) {
    const saved = options.snapshot === undefined ? undefined : readSnapshot(options.snapshot);
    this.shell = new ShellState(saved?.shell ?? options.state);
    this.clock = options.clock ?? systemClock;
    if (saved?.time !== undefined && this.clock instanceof ManualClock) this.clock.set(saved.time);
    this.host = options.host ?? (saved ? hostFromSnapshot(saved) : createHostFilesystem());
    this.directories = options.directories ?? this.host;
    const registry = options.registry ?? new MemoryRegistry();
    const engineOptions = { clock: this.clock, registry, mirrors: options.mirrors, firstEventId: options.firstEventId };
    this.engine = saved ? restoreEngine(saved.engine, engineOptions) : new Engine({ ...engineOptions, seed: options.seed ?? 'layerlab' });
    const files = new LayerFileSystem(this.host, this.clock, { uid: LEARNER_UID, gid: LEARNER_UID });
    this.interpreter = new Interpreter({
      fs: files,
      state: this.shell,
      clock: this.clock,
      programs: this.programs,
      environment: { clock: this.clock, directories: this.directories, host: this.host, engine: this.engine, files, onInterrupt: (handler) => this.takeInterrupts(handler) },
      builtins: hostTools(),
      virtualCommands: [...SHELL_ONLY],
      processInfo: { pid: 2304, ppid: 2303, uid: LEARNER_UID, gid: LEARNER_UID },
    });
  }

  async run(line: string, io: TerminalIO): Promise<number> {
    const controller = new AbortController();
    this.running = controller;
    let status: number;
    try {
      const readLine = (prompt: string, completer?: LineCompleter, options?: ReadOptions): Promise<string | null> => {
        // While a program in the foreground reads a line (a container's shell), Tab completes with what it offers.
        this.reading = completer;
        return (options ? io.readLine(prompt, options) : io.readLine(prompt)).finally(() => {
          if (this.reading === completer) this.reading = undefined;
        });
      };
      status = await this.interpreter.run(line, { columns: io.columns, tty: io.tty ?? false, write: (text) => io.write(text), readLine }, controller.signal);
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      status = INTERRUPTED_STATUS;
      this.shell.lastExitCode = status;
    } finally {
      this.running = undefined;
    }
    if (line.trim() !== '') this.clock.elapse?.(MOMENT_MS);
    return status;
  }

  async complete(line: string, cursor: number): Promise<CompletionResult> {
    if (this.reading) return this.reading(line, cursor);
    return completeLine(line, cursor, this.names, this.programs, { shell: this.shell, directories: this.directories, engine: this.engine });
  }

  async prompt(): Promise<string> {
    return bashPrompt(this.shell);
  }

  interrupt(): void {
    const handler = this.foreground[this.foreground.length - 1];
    if (handler) handler();
    else this.running?.abort();
  }

  private takeInterrupts(handler: () => void): () => void {
    this.foreground.push(handler);
    return () => {
      const index = this.foreground.lastIndexOf(handler);
      if (index >= 0) this.foreground.splice(index, 1);
    };
  }

  async state(): Promise<SessionState> {
    return this.shell.save();
  }

  query<Q extends ViewQuery>(query: Q): Promise<ViewAnswer<Q>> {
    return answerQuery(this.engine, query);
  }

  async registry<A extends RegistryAction>(action: A): Promise<RegistryActionResult<A>> {
    return applyRegistryAction({ registries: this.engine.registry, events: this.engine.events, now: this.clock.now() }, action);
  }

  async events(afterId?: number): Promise<EngineEvent[]> {
    return this.engine.events.since(afterId);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.engine.events.subscribe(listener);
  }

  async check(checks: Check[]): Promise<CheckResult[]> {
    // Checks arrive as JSON (a lesson's, over the worker): a malformed one is the lesson's error, said plainly.
    return evaluateChecks({ engine: this.engine, host: this.host, shell: this.shell }, validateChecks(checks));
  }

  async tryCommand(line: string, checks: Check[]): Promise<TryResult> {
    const valid = validateChecks(checks);
    // The copy goes through a snapshot, as a saved lesson does: nothing it does can reach this session's
    // stores, files, shell or event listeners. Its own clock, so this session's time does not move either.
    const scratch = new ShellSession({
      registry: this.options.registry,
      mirrors: this.options.mirrors,
      clock: this.clock instanceof ManualClock ? new ManualClock(this.clock.now()) : this.clock,
      snapshot: await this.snapshot(),
    });
    // A question's command gets no typed input: a prompt shows, and reads end of input.
    const { terminal, output } = recordingTerminal(() => null);
    // A question's command that does not end (sleep 600, a loop) is interrupted as Ctrl-C would, not waited for.
    const limit = setTimeout(() => scratch.interrupt(), TRY_COMMAND_LIMIT_MS);
    let status: number;
    try {
      status = await scratch.run(line, terminal);
    } finally {
      clearTimeout(limit);
    }
    return { output: output(), status, results: await scratch.check(valid) };
  }

  async snapshot(): Promise<SessionSnapshot> {
    return {
      version: 1,
      shell: this.shell.save(),
      host: serializeChangeset(this.host.changeset()),
      engine: snapshotEngine(this.engine),
      ...(this.clock instanceof ManualClock ? { time: this.clock.now() } : {}),
    };
  }
}

/** Checks the outer shape of a saved session; the engine and files are checked as they are restored. */
export function readSnapshot(value: unknown): SessionSnapshot {
  if (typeof value !== 'object' || value === null) throw new InvalidSnapshotError('snapshot: expected an object');
  const snapshot = value as Partial<SessionSnapshot>;
  if (snapshot.version !== 1) throw new InvalidSnapshotError(`snapshot version ${String(snapshot.version)} is not supported (this engine reads version 1)`);
  const shell = snapshot.shell;
  if (!shell || typeof shell.cwd !== 'string' || typeof shell.env !== 'object' || typeof shell.lastExitCode !== 'number') throw new InvalidSnapshotError('snapshot: shell state is missing or malformed');
  if (snapshot.time !== undefined && typeof snapshot.time !== 'number') throw new InvalidSnapshotError('snapshot: time must be a number');
  return snapshot as SessionSnapshot;
}


/** The learner's files of a saved session, over the standard directories. */
export function hostFromSnapshot(snapshot: SessionSnapshot): ReadWriteLayer {
  return createHostFilesystem(deserializeChangeset(snapshot.host, 'host'));
}
