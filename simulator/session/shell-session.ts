import { Engine } from '../daemon/engine';
import type { ReadWriteLayer } from '../archive/rw-layer';
import type { HostDirectories } from '../host/directories';
import { createHostFilesystem } from '../host/filesystem';
import { MemoryRegistry } from '../registry/memory';
import type { Registry } from '../registry/registry';
import { hostCommands } from '../shell/builtins';
import type { Command, CommandContext, OutputStream } from '../shell/command';
import { parseCommandLine, ShellSyntaxError, UnsupportedSyntaxError } from '../shell/parse';
import { ShellState } from '../shell/state';
import { abortable, Interrupted, ManualClock, systemClock, type Clock } from './clock';
import { completeLine } from './completion';
import { bashPrompt } from './prompt';
import type { CompletionResult, Session, SessionSnapshot, SessionState, TerminalIO } from './types';
import { restoreEngine, snapshotEngine } from '../daemon/snapshot';
import { deserializeChangeset, InvalidSnapshotError, serializeChangeset } from '../archive/serialize';

export interface SessionOptions {
  clock?: Clock;
  /** Seeds the engine's IDs and names. */
  seed?: string;
  /** Where `docker pull` finds images; an empty registry when not given. */
  registry?: Registry;
  /** The learner's machine's files; a fresh Debian-like tree when not given. */
  host?: ReadWriteLayer;
  /** A whole session saved by {@link Session.snapshot}, to continue from (overrides state; a given host wins over the saved files). */
  snapshot?: unknown;
  /** A state saved by {@link Session.state}, to continue from. */
  state?: SessionState;
  directories?: HostDirectories;
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
  private readonly commands = hostCommands();
  private running: AbortController | undefined;
  private readonly engine: Engine;

  constructor(options: SessionOptions) {
    const saved = options.snapshot === undefined ? undefined : readSnapshot(options.snapshot);
    this.shell = new ShellState(saved?.shell ?? options.state);
    this.clock = options.clock ?? systemClock;
    if (saved?.time !== undefined && this.clock instanceof ManualClock) this.clock.set(saved.time);
    this.host = options.host ?? (saved ? hostFromSnapshot(saved) : createHostFilesystem());
    this.directories = options.directories ?? this.host;
    const registry = options.registry ?? new MemoryRegistry();
    this.engine = saved ? restoreEngine(saved.engine, { clock: this.clock, registry }) : new Engine({ clock: this.clock, seed: options.seed ?? 'layerlab', registry });
  }

  async run(line: string, io: TerminalIO): Promise<number> {
    const controller = new AbortController();
    this.running = controller;
    const stream: OutputStream = { write: (text) => abortable(io.write(text), controller.signal) };
    let status: number;
    try {
      status = await this.runList(line, io, stream, controller.signal);
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      status = INTERRUPTED_STATUS;
    } finally {
      this.running = undefined;
    }
    this.shell.lastExitCode = status;
    if (line.trim() !== '') this.clock.elapse?.(MOMENT_MS);
    return status;
  }

  private async runList(line: string, io: TerminalIO, stream: OutputStream, signal: AbortSignal): Promise<number> {
    let list;
    try {
      list = parseCommandLine(line, (name) => this.shell.lookup(name));
    } catch (error) {
      if (!(error instanceof ShellSyntaxError || error instanceof UnsupportedSyntaxError)) throw error;
      await stream.write(`${error.message}\n`);
      return 2;
    }
    let status = this.shell.lastExitCode;
    for (const { argv, connector } of list) {
      if ((connector === '&&' && status !== 0) || (connector === '||' && status === 0)) continue;
      status = await this.runCommand(argv, io, stream, signal);
      this.shell.lastExitCode = status;
    }
    return status;
  }

  private async runCommand(argv: string[], io: TerminalIO, stream: OutputStream, signal: AbortSignal): Promise<number> {
    const name = argv[0] ?? '';
    const command: Command | undefined = this.commands.get(name);
    if (!command) {
      await stream.write(`bash: ${name}: command not found\n`);
      return 127;
    }
    const context: CommandContext = {
      argv,
      stdout: stream,
      stderr: stream,
      readLine: (prompt) => abortable(io.readLine(prompt), signal),
      columns: io.columns,
      tty: io.tty ?? false,
      signal,
      shell: this.shell,
      clock: this.clock,
      directories: this.directories,
      host: this.host,
      commands: this.commands,
      engine: this.engine,
    };
    try {
      return await command.run(context);
    } catch (error) {
      if (error instanceof Interrupted) throw error;
      // A bug in a command must not take the terminal down: say so, and fail only that command.
      await stream.write(`layerlab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }

  async complete(line: string, cursor: number): Promise<CompletionResult> {
    return completeLine(line, cursor, this.commands, { shell: this.shell, directories: this.directories, engine: this.engine });
  }

  async prompt(): Promise<string> {
    return bashPrompt(this.shell);
  }

  interrupt(): void {
    this.running?.abort();
  }

  async state(): Promise<SessionState> {
    return this.shell.save();
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
