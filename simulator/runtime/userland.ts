import type { CommandName } from 'just-bash';
import { fileBytes } from '../archive/tar';
import type { Container } from '../container/container';
import type { Engine } from '../daemon/engine';
import { abortable, Interrupted } from '../session/clock';
import type { Command, CommandContext, ProcessResult } from '../shell/command';
import { EXEC_COMMAND, Interpreter, quote, type ShellTerminal } from '../shell/interpreter';
import { ShellState } from '../shell/state';
import { LayerFileSystem } from '../userland/filesystem';
import { DEFAULT_PATH, identifyPath, resolveCommand, type Resolution } from './identify';
import type { ProcessIO, Signals } from './process';
import { behaviourOf, containerPrograms, INTERPRETER_TOOLS, MULTI_CALL, SHELL_BUILTINS, type ShellFlavour } from './programs';
import { accountOf, type Account } from './users';

/** Why a container's process could not start, worded as runc and the daemon word it, with docker run's exit status. */
export class StartError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const OCI_PREFIX = 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ';

/**
 * What runs inside one container: its files as a shell sees them and the
 * processes started in it. Commands are found in the container's own files
 * and run as what they are, so an image without a shell has none.
 */
export class ContainerUserland {
  readonly fs: LayerFileSystem;
  /** Who its processes run as. */
  readonly account: Account;

  constructor(
    private readonly engine: Engine,
    readonly container: Container,
  ) {
    this.account = accountOf(this.filesystemForAccounts(), container.config.User ?? '');
    this.fs = new LayerFileSystem(container.layer, engine.clock, { uid: this.account.uid, gid: this.account.gid });
  }

  private filesystemForAccounts(): { read(path: string): string | undefined } {
    return {
      read: (path) => {
        const node = this.container.layer.get(path);
        return node?.type === 'file' ? new TextDecoder().decode(fileBytes(node.content)) : undefined;
      },
    };
  }

  /** The process's environment: the image's and -e's, with what the runtime adds (HOSTNAME, HOME, TERM with a TTY). */
  environment(extra: readonly string[] = []): Map<string, string> {
    const env = new Map<string, string>([['PATH', DEFAULT_PATH]]);
    env.set('HOSTNAME', this.container.config.Hostname ?? this.container.id.slice(0, 12));
    for (const entry of [...(this.container.config.Env ?? []), ...extra]) {
      const eq = entry.indexOf('=');
      if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
    }
    if (this.container.config.Tty) env.set('TERM', 'xterm');
    if (!env.has('HOME')) env.set('HOME', this.account.home);
    return env;
  }

  get workingDir(): string {
    return this.container.config.WorkingDir || '/';
  }

  /** Checks that `argv[0]` can be started, as runc does before the process exists; throws a {@link StartError}. */
  checkStart(argv: readonly string[], env: ReadonlyMap<string, string>, cwd: string, exec = false): void {
    const name = argv[0] ?? '';
    const found = resolveCommand(this.fs, name, env.get('PATH') ?? DEFAULT_PATH, cwd);
    const problem = startProblem(name, found);
    if (!problem) return;
    const prefix = exec ? 'OCI runtime exec failed: exec failed: unable to start container process: ' : OCI_PREFIX;
    throw new StartError(`${prefix}${problem.message}: unknown`, problem.status);
  }

  /**
   * Runs a process: `argv` in the container, its output to `io`. A shell
   * with a terminal and open input is interactive (prompt, line after line,
   * until `exit` or Ctrl-D); anything else runs as a one-line script.
   */
  async run(argv: readonly string[], io: ProcessIO, signals: Signals, options: { interactive: boolean; env?: readonly string[]; cwd?: string }): Promise<number> {
    const env = this.environment(options.env);
    const cwd = options.cwd || this.workingDir;
    this.checkStart(argv, env, cwd);
    const resolved = identifyPath(this.fs, this.fs.resolvePath(cwd, resolvedPathOf(this.fs, argv[0] ?? '', env, cwd)));
    const flavour = resolved.kind === 'program' ? shellFlavourOf(resolved.program, argv[0] ?? '') : undefined;
    const interpreter = this.interpreter(env, cwd, flavour ?? 'ash', signals);
    if (flavour) interpreter.argv0 = argv[0] ?? 'sh';
    const terminal = terminalOf(io);
    if (flavour && argv.length === 1) {
      if (options.interactive && io.tty) return interactiveShell(interpreter, flavour, io, signals.signal, this.account);
      if (options.interactive) return scriptFromInput(interpreter, io, signals.signal);
      return 0;
    }
    return runLine(interpreter, argv.map(quote).join(' '), terminal, signals.signal);
  }

  /** A shell of this container, as a process started with `env` in `cwd`. */
  interpreter(env: ReadonlyMap<string, string>, cwd: string, flavour: ShellFlavour, signals?: Signals): Interpreter {
    const state = new ShellState(undefined, { ...Object.fromEntries(env), PWD: cwd });
    const programs = containerPrograms();
    return new Interpreter({
      fs: this.fs,
      state,
      clock: this.engine.clock,
      programs,
      environment: { clock: this.engine.clock, directories: this.container.layer, host: this.container.layer, engine: this.engine, container: this.container, ...(signals ? { signals } : {}) },
      builtins: INTERPRETER_TOOLS as CommandName[],
      virtualCommands: [...INTERPRETER_TOOLS, ...programs.keys()],
      processInfo: { pid: 1, ppid: 0, uid: this.fs.owner.uid, gid: this.fs.owner.gid },
      exec: { program: execCommand(this, flavour), builtins: SHELL_BUILTINS },
    });
  }
}

function resolvedPathOf(fs: LayerFileSystem, name: string, env: ReadonlyMap<string, string>, cwd: string): string {
  const found = resolveCommand(fs, name, env.get('PATH') ?? DEFAULT_PATH, cwd);
  return found.path;
}

function startProblem(name: string, found: Resolution): { message: string; status: number } | undefined {
  switch (found.kind) {
    case 'not-found':
      return name.includes('/') ? { message: `exec: "${name}": stat ${name}: no such file or directory`, status: 127 } : { message: `exec: "${name}": executable file not found in $PATH`, status: 127 };
    case 'directory':
      return { message: `exec: "${name}": is a directory`, status: 126 };
    case 'not-executable':
      return { message: `exec: "${name}": permission denied`, status: 126 };
    default:
      return undefined;
  }
}

function shellFlavourOf(program: string, invokedAs: string): ShellFlavour | undefined {
  const behaviour = behaviourOf(program, invokedAs);
  return behaviour.kind === 'shell' ? behaviour.flavour : undefined;
}

function terminalOf(io: ProcessIO): ShellTerminal {
  return {
    columns: io.columns,
    tty: io.tty,
    write: (text) => io.stdout.write(text),
    // With a TTY both streams are the one terminal; without, stderr stays apart, as Docker keeps them.
    ...(io.tty ? {} : { writeError: (text: string) => io.stderr.write(text) }),
    readLine: (prompt) => io.readLine(prompt),
  };
}

async function runLine(interpreter: Interpreter, line: string, terminal: ShellTerminal, signal: AbortSignal): Promise<number> {
  try {
    return await interpreter.run(line, terminal, signal);
  } catch (error) {
    if (error instanceof Interrupted) return 130;
    throw error;
  }
}

/** The prompt a shell shows: busybox's `\w \$ `, bash's Debian `\u@\h:\w\$ `, dash's `# `. */
function promptOf(flavour: ShellFlavour, state: ShellState, account: Account): string {
  const sigil = account.uid === 0 ? '#' : '$';
  const home = state.env.get('HOME') ?? '/';
  const cwd = home !== '/' && (state.cwd === home || state.cwd.startsWith(`${home}/`)) ? `~${state.cwd.slice(home.length)}` : state.cwd;
  if (flavour === 'bash') return `${account.name}@${state.env.get('HOSTNAME') ?? 'localhost'}:${cwd}${sigil} `;
  if (flavour === 'dash') return `${sigil} `;
  return `${cwd} ${sigil} `;
}

/**
 * An interactive shell on the container's terminal: a prompt, a line, until
 * `exit` or end of input. Ctrl-C stops the line that runs (or the one being
 * typed) and the shell carries on, as a real one does.
 */
async function interactiveShell(interpreter: Interpreter, flavour: ShellFlavour, io: ProcessIO, killed: AbortSignal, account: Account): Promise<number> {
  const state = interpreter.state;
  for (;;) {
    if (killed.aborted) return 137;
    const line = new AbortController();
    const stopLine = (): void => line.abort();
    const release = io.onInterrupt?.(stopLine);
    killed.addEventListener('abort', stopLine, { once: true });
    try {
      let typed: string | null;
      try {
        typed = await abortable(io.readLine(promptOf(flavour, state, account)), line.signal);
      } catch (error) {
        if (!(error instanceof Interrupted)) throw error;
        // Ctrl-C at the prompt: a fresh prompt on the next line.
        await io.stdout.write('\n');
        continue;
      }
      if (typed === null) {
        // bash says goodbye on Ctrl-D; busybox and dash leave silently.
        if (flavour === 'bash') await io.stdout.write('exit\n');
        return state.lastExitCode;
      }
      const status = await runLine(interpreter, typed, terminalOf(io), line.signal);
      if (line.signal.aborted && !killed.aborted) await io.stdout.write('\n');
      if (interpreter.exitRequested) return status;
    } finally {
      release?.();
      killed.removeEventListener('abort', stopLine);
    }
  }
}

/** `docker run -i` without a TTY: the shell reads its script from standard input, without prompts. */
async function scriptFromInput(interpreter: Interpreter, io: ProcessIO, signal: AbortSignal): Promise<number> {
  const terminal = terminalOf(io);
  for (;;) {
    const typed = await abortable(io.readLine(''), signal).catch(() => null);
    if (typed === null) return interpreter.state.lastExitCode;
    const status = await runLine(interpreter, typed, terminal, signal);
    if (interpreter.exitRequested) return status;
  }
}

const NOT_FOUND: Record<ShellFlavour, (name: string) => string> = {
  ash: (name) => `sh: ${name}: not found\n`,
  dash: (name) => `sh: 1: ${name}: not found\n`,
  bash: (name) => (name.includes('/') ? `bash: ${name}: No such file or directory\n` : `bash: ${name}: command not found\n`),
};

const DENIED: Record<ShellFlavour, (name: string) => string> = {
  ash: (name) => `sh: ${name}: Permission denied\n`,
  dash: (name) => `sh: 1: ${name}: Permission denied\n`,
  bash: (name) => `bash: ${name}: Permission denied\n`,
};

/**
 * The command every command of a container's shell goes through: finds the
 * name in the container's files (PATH, or the path given) and runs what the
 * file is. The shell's own wording for what cannot run.
 */
function execCommand(userland: ContainerUserland, flavour: ShellFlavour): Command {
  return {
    name: EXEC_COMMAND,
    summary: 'run a command found in the container',
    async run(context) {
      const [, name = '', ...args] = context.argv;
      const found = resolveCommand(userland.fs, name, context.shell.env.get('PATH') ?? DEFAULT_PATH, context.shell.cwd);
      switch (found.kind) {
        case 'not-found':
          await context.stderr.write(NOT_FOUND[flavour](name));
          return 127;
        case 'directory':
        case 'not-executable':
          await context.stderr.write(DENIED[flavour](name));
          return 126;
        case 'binary':
          await context.stderr.write(flavour === 'bash' ? `bash: ${name}: cannot execute binary file: Exec format error\n` : `sh: ${name}: Exec format error\n`);
          return 126;
        case 'text':
          return runScriptFile(userland, context, found.path, [name, ...args]);
        case 'script': {
          const interpreter = resolveCommand(userland.fs, found.interpreter, '', '/');
          if (interpreter.kind !== 'program' || !shellFlavourOf(interpreter.program, found.interpreter)) {
            await context.stderr.write(NOT_FOUND[flavour](name));
            return 127;
          }
          return runScriptFile(userland, context, found.path, [name, ...args]);
        }
        case 'program':
          return runProgram(userland, context, found.program, [name, ...args]);
      }
    },
  };
}

async function runProgram(userland: ContainerUserland, context: CommandContext, program: string, argv: string[]): Promise<number> {
  // `busybox ls` is the ls applet, as /bin/ls → busybox is.
  if (MULTI_CALL.has(program) && /(^|\/)busybox$/.test(argv[0] ?? '') && argv.length > 1) argv = argv.slice(1);
  const behaviour = behaviourOf(program, argv[0] ?? '');
  const args = argv.slice(1);
  switch (behaviour.kind) {
    case 'tool':
      return relay(context, await context.userland?.runTool([behaviour.name, ...args]));
    case 'program': {
      const implementation = containerPrograms().get(behaviour.name);
      if (implementation) return implementation.run({ ...context, argv: [argv[0] ?? behaviour.name, ...args] });
      break;
    }
    case 'shell':
      return runShell(userland, context, behaviour.flavour, args);
    case 'unknown':
      break;
  }
  await context.stderr.write(`layerlab: ${argv[0] ?? program}: this program is not simulated (yet)\n`);
  return 126;
}

/** `sh -c '…' [name [args]]`, `sh script [args]`, or `sh` reading its input. */
async function runShell(userland: ContainerUserland, context: CommandContext, flavour: ShellFlavour, args: string[]): Promise<number> {
  const options: string[] = [];
  while (args[0]?.startsWith('-') && args[0] !== '-c' && args[0] !== '--') options.push(args.shift() ?? '');
  if (args[0] === '-c') {
    const script = args[1];
    if (script === undefined) {
      await context.stderr.write(flavour === 'bash' ? 'bash: -c: option requires an argument\n' : 'sh: -c requires an argument\n');
      return 2;
    }
    return relay(context, await context.userland?.runScript(script, args.slice(3), args[2]));
  }
  if (args.length > 0) return runScriptFile(userland, context, userland.fs.resolvePath(context.shell.cwd, args[0] ?? ''), args);
  // An interactive shell inside a shell: its own prompt, until it exits.
  if (context.tty && context.userland) {
    const inner = userland.interpreter(context.shell.env, context.shell.cwd, flavour, context.signals);
    inner.argv0 = context.argv[0] ?? 'sh';
    return interactiveShell(inner, flavour, processIOOf(context), context.signals?.signal ?? context.signal, userland.account);
  }
  return 0;
}

async function runScriptFile(userland: ContainerUserland, context: CommandContext, path: string, argv: string[]): Promise<number> {
  let text: string;
  try {
    text = await userland.fs.readFile(path);
  } catch {
    await context.stderr.write(`sh: can't open '${argv[0] ?? path}': No such file or directory\n`);
    return 127;
  }
  return relay(context, await context.userland?.runScript(text.replace(/^#![^\n]*\n/, ''), argv.slice(1), argv[0]));
}

/** Writes what a nested run left over (its output for a pipe) and returns its status. */
async function relay(context: CommandContext, result: ProcessResult | undefined): Promise<number> {
  if (!result) return 126;
  if (result.stdout) await context.stdout.write(result.stdout);
  if (result.stderr) await context.stderr.write(result.stderr);
  return result.exitCode;
}

function processIOOf(context: CommandContext): ProcessIO {
  return {
    stdout: context.stdout,
    stderr: context.stderr,
    readLine: (prompt) => context.readLine(prompt),
    tty: context.tty,
    columns: context.columns,
    ...(context.onInterrupt ? { onInterrupt: context.onInterrupt } : {}),
  };
}
