import type { LineCompleter } from '../session/types';
import type { OutputStream } from '../shell/command';

/** Signals as `docker kill -s` and `docker stop` name them, with Linux numbers. */
export const SIGNALS = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10,
  SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20,
  SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29,
  SIGPWR: 30, SIGSYS: 31,
} as const;

/** What a process writes and reads: attached streams and the container's log. */
export interface ProcessIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** A typed line when stdin is open (`-i`), null at its end; Tab completes with `completer` while it is typed. */
  readLine(prompt: string, completer?: LineCompleter): Promise<string | null>;
  /** A terminal is allocated (`-t`). */
  tty: boolean;
  columns: number;
  /** Makes Ctrl-C call `handler` (an interactive shell stops its line, not itself); returns the undo. */
  onInterrupt?(handler: () => void): () => void;
  /** False for a client attached without stdin (--no-stdin, or a container without -i). */
  readsInput?: boolean;
}

/**
 * A running process's view of signals. A program that handles a signal says
 * so with {@link on}; a signal nobody handles does what the kernel does to a
 * container's PID 1 without handlers: nothing, except SIGKILL.
 */
export class Signals {
  private readonly handlers = new Map<number, () => void>();
  private readonly killed = new AbortController();

  /** Aborts when the process is killed: programs stop what they are doing. */
  get signal(): AbortSignal {
    return this.killed.signal;
  }

  on(signal: number, handler: () => void): void {
    this.handlers.set(signal, handler);
  }

  /** Delivers `signal`; returns whether it ends the process now (SIGKILL). */
  deliver(signal: number): boolean {
    if (signal === SIGNALS.SIGKILL) {
      this.killed.abort();
      return true;
    }
    this.handlers.get(signal)?.();
    return false;
  }
}

/** A container's main process while it runs. */
export interface RunningProcess {
  signals: Signals;
  /** Resolves with the exit status. */
  exited: Promise<number>;
  /** Every process in the container (its PID namespace), for `docker top` and `ps`. */
  table: ProcessTable;
  /** Connects a client to the process's streams (docker attach); returns the detach. */
  attach(client: ProcessIO): () => void;
}

/** A process as ps lists it, PIDs as the container sees them. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  uid: number;
  /** The command line; a program may rename itself (nginx's "nginx: master process …"). */
  argv: string[];
  /** Milliseconds since the epoch. */
  started: number;
  tty: boolean;
}

/** A container's PID namespace: PID 1 is its main process; others are numbered on from the highest. */
export class ProcessTable {
  readonly entries: ProcessEntry[] = [];

  spawn(entry: Omit<ProcessEntry, 'pid'>, pid?: number): ProcessEntry {
    const created = { ...entry, pid: pid ?? Math.max(0, ...this.entries.map((other) => other.pid)) + 1 };
    this.entries.push(created);
    return created;
  }

  exit(entry: ProcessEntry): void {
    const index = this.entries.indexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
  }
}
