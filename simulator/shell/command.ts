import type { Clock } from '../session/clock';
import type { ReadWriteLayer } from '../archive/rw-layer';
import type { Engine } from '../daemon/engine';
import type { Container } from '../container/container';
import type { LayerFileSystem } from '../userland/filesystem';
import type { ProcessTable, Signals } from '../runtime/process';
import type { HostDirectories } from '../host/directories';
import type { CompletionCandidate, LineCompleter, ReadOptions } from '../session/types';

export interface OutputStream {
  write(text: string): Promise<void>;
}

/** The shell a command was started from: where relative paths start, and its variables. */
export interface ShellView {
  readonly cwd: string;
  readonly home: string;
  readonly env: ReadonlyMap<string, string>;
}

/** What a command sees while it runs: its arguments, its streams and the machine. */
export interface CommandContext {
  /** argv[0] is the command's name as typed. */
  argv: string[];
  stdout: OutputStream;
  stderr: OutputStream;
  /** Reads a line typed by the learner after showing `prompt`; null at end of input. Tab completes with `completer` while it is typed. */
  readLine(prompt: string, completer?: LineCompleter, options?: ReadOptions): Promise<string | null>;
  /** Standard input is the terminal (not a pipe or a file): a program may prompt on it. */
  stdinTerminal?: boolean;
  /** Terminal width, for texts that wrap. */
  columns: number;
  /** Output goes to a terminal: progress is drawn live, as Docker does on a TTY. */
  tty: boolean;
  /** Aborts when the learner interrupts (Ctrl-C). */
  signal: AbortSignal;
  shell: ShellView;
  clock: Clock;
  directories: HostDirectories;
  /** The learner's machine's files, for commands that read or write them (docker cp, docker save). */
  host: ReadWriteLayer;
  /** Every command the shell knows, for `help`. */
  commands: ReadonlyMap<string, Command>;
  /** The Docker engine the docker CLI talks to. */
  engine: Engine;
  /** Inside a running shell line: run a tool the shell has, or a script in a nested shell; output goes where this command's goes. */
  userland?: {
    /** `keep`: these streams come back in the result rather than going to the terminal, for a caller that rewords them. */
    runTool(argv: string[], options?: { keep?: { stdout?: boolean; stderr?: boolean } }): Promise<ProcessResult>;
    /** `name` is the script's `$0`. */
    runScript(script: string, positional: string[], name?: string): Promise<ProcessResult>;
  };
  /** The container this runs in, for programs of a container's userland. */
  container?: Container;
  /** The machine's files as the shell sees them (mounts and devices included), for programs that list or stat them. */
  files?: LayerFileSystem;
  /** What the binary that runs this program is ("busybox", "ls"): busybox's applets word things their own way. */
  binary?: string;
  /** Signals sent to the container's process (docker stop, kill), for programs that handle them. */
  signals?: Signals;
  /** The container's processes (ps, docker top), for programs that list them or start workers. */
  processes?: ProcessTable;
  /** Makes Ctrl-C call `handler` instead of stopping the whole line (an interactive program in the foreground); returns the undo. */
  onInterrupt?(handler: () => void): () => void;
}

/** What a nested run left to print (for a pipe) and its status. */
export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** What completing an argument of a command may use. */
export interface CompletionContext {
  shell: ShellView;
  directories: HostDirectories;
  engine: Engine;
}

export interface Command {
  name: string;
  /** One line for `help`. */
  summary: string;
  run(context: CommandContext): Promise<number>;
  /**
   * Candidates for the argument being typed; `words` are the finished words
   * after the command name, `partial` the word under the cursor. Without it,
   * arguments complete as file paths.
   */
  complete?(words: readonly string[], partial: string, context: CompletionContext): CompletionCandidate[];
}
