import { Bash, defineCommand, type ByteString, type CommandName, type CustomCommand } from 'just-bash';
import type { LineCompleter, ReadOptions } from '../session/types';
import { abortable, Interrupted, type Clock } from '../session/clock';
import type { Device, LayerFileSystem } from '../userland/filesystem';
import type { Command, CommandContext, OutputStream } from './command';
import { drawRandomFrom } from './random';
import type { ShellState } from './state';
import { ATTACHED_MARKER, LINE_MARKER, TERMINAL_DEVICE, TerminalPlugin, type Attachment } from './terminal-plugin';

/** Where a command line's output goes and its typed input comes from. */
export interface ShellTerminal {
  readonly columns: number;
  /** Output goes to a terminal (docker draws live progress), not a pipe. */
  readonly tty: boolean;
  write(text: string): Promise<void>;
  /** Standard error when it is a stream of its own (a container without a TTY); otherwise it goes to {@link write}. */
  writeError?(text: string): Promise<void>;
  /** Shows `prompt`, resolves with the typed line, or null at end of input (Ctrl-D); Tab completes with `completer` meanwhile. */
  readLine(prompt: string, completer?: LineCompleter, options?: ReadOptions): Promise<string | null>;
}

/** What Layerlab's own programs (docker, …) get besides their arguments and streams. */
export type ProgramEnvironment = Pick<CommandContext, 'clock' | 'directories' | 'host' | 'engine' | 'container' | 'signals' | 'processes' | 'onInterrupt' | 'files'>;

export interface InterpreterOptions {
  fs: LayerFileSystem;
  state: ShellState;
  clock: Clock;
  /** Layerlab's programs, run inside the shell like any command. */
  programs: ReadonlyMap<string, Command>;
  environment: ProgramEnvironment;
  /** The interpreter's own commands that exist here; all of them when omitted. */
  builtins?: CommandName[];
  /** Commands with no file of their own (bash's builtins the interpreter runs as commands). */
  virtualCommands?: readonly string[];
  /** What `$$`, `$UID` and friends say. */
  processInfo?: { pid: number; ppid: number; uid: number; gid: number };
  /**
   * A container's shell: commands are looked up in the container's files by
   * this program (named {@link EXEC_COMMAND}), which runs what it finds.
   */
  exec?: { program: Command; builtins: ReadonlySet<string> };
}

type ShellCommandContext = Parameters<Parameters<typeof defineCommand>[1]>[1];

/** The command a container's shell runs every command through; never typed by the learner. */
export const EXEC_COMMAND = 'layerlab-exec';
const EXIT_HOOK = 'layerlab-exit';
const SOURCE_TEXT = 'layerlab-source-text';
const STDERR_DEVICE = '/dev/layerlab-stderr';

/** The continuation prompt (PS2). */
const CONTINUATION_PROMPT = '> ';
/** bash's status for a command line stopped by Ctrl-C (128 + SIGINT). */
const INTERRUPTED_STATUS = 130;
/** How long a busy line may hold the thread before it lets an interrupt in. */
const YIELD_EVERY_MS = 16;
const HISTORY_SIZE = 1000;

/**
 * A bash shell on a simulated machine: just-bash interprets the language and
 * runs the text tools; the files are the machine's layered filesystem; the
 * learner's environment, working directory, functions and `$?` carry over
 * from line to line; output streams to the terminal as commands produce it.
 */
export class Interpreter {
  private readonly bash: Bash;
  private readonly plugin: TerminalPlugin;
  private running: { terminal: ShellTerminal; signal: AbortSignal } | undefined;
  private lastYield = 0;

  constructor(private readonly options: InterpreterOptions) {
    const programs = [...options.programs.values(), ...(options.exec ? [options.exec.program] : [])];
    this.plugin = new TerminalPlugin({
      readers: new Map([['read', READ_COMMAND]]),
      terminalAware: new Set(programs.map((program) => program.name)),
      stderrDevice: STDERR_DEVICE,
      ...(options.exec ? { exec: { command: EXEC_COMMAND, builtins: options.exec.builtins, exitHook: EXIT_HOOK }, sourceText: SOURCE_TEXT } : {}),
    });
    this.bash = new Bash({
      fs: options.fs,
      cwd: options.state.cwd,
      env: Object.fromEntries(options.state.env),
      defenseInDepth: false,
      ...(options.builtins ? { commands: options.builtins } : {}),
      ...(options.processInfo ? { processInfo: options.processInfo } : {}),
      customCommands: [...programs.map((program) => this.asShellCommand(program)), this.readCommand(), this.historyCommand(), this.exitHook(), this.sourceTextCommand()],
    });
    this.bash.registerTransformPlugin(this.plugin);
    for (const name of [READ_COMMAND, EXIT_HOOK, SOURCE_TEXT, 'history', ...(options.exec ? [EXEC_COMMAND] : []), ...(options.virtualCommands ?? [])]) options.fs.addVirtualExecutable(`/usr/bin/${name}`);
  }

  /** Set when the last line ran `exit`: an interactive shell then ends. */
  exitRequested = false;

  /** What `$0` says in this shell's lines: the name it was started by (`sh`, `/bin/bash`). */
  set argv0(name: string) {
    this.plugin.argv0 = name;
  }

  get state(): ShellState {
    return this.options.state;
  }

  /** Runs one command line (reading continuation lines while it is incomplete); resolves with its status. */
  async run(line: string, terminal: ShellTerminal, signal: AbortSignal): Promise<number> {
    const script = await this.readComplete(line, terminal, signal);
    const state = this.options.state;
    if (script.trim() === '') return state.lastExitCode;
    state.remember(script, HISTORY_SIZE);
    this.exitRequested = false;
    this.plugin.carried = { status: state.lastExitCode, functions: state.functions, aliases: aliasesOf(state.env) };
    const result = await this.execute(script, terminal, signal, { cwd: state.cwd, env: Object.fromEntries(state.env) });
    state.adopt(result.env, this.plugin.defined, result.status);
    return result.status;
  }

  private async execute(script: string, terminal: ShellTerminal, signal: AbortSignal, where: { cwd: string; env: Record<string, string> }): Promise<{ status: number; env: Record<string, string> }> {
    const detach = this.attachTerminal(terminal, signal);
    this.running = { terminal, signal };
    // `$RANDOM` comes from the session's seeded source, as every random thing of the engine does.
    const restoreRandom = drawRandomFrom(() => this.options.environment.engine.random.next());
    let result;
    try {
      result = await this.bash.exec(script, { env: where.env, replaceEnv: true, cwd: where.cwd, signal, rawScript: true });
    } catch (error) {
      // The interpreter lets a failed redirection's file error through (its own filesystem never fails there).
      const message = redirectionError(error);
      if (message === undefined) throw error;
      await (terminal.writeError ?? terminal.write).call(terminal, message);
      return { status: 1, env: where.env };
    } finally {
      this.running = undefined;
      restoreRandom();
      detach();
    }
    const interrupted = signal.aborted;
    if (result.stdout) await terminal.write(result.stdout);
    const stderr = interrupted ? '' : asBashSays(result.stderr);
    if (stderr) await (terminal.writeError ?? terminal.write).call(terminal, stderr);
    return { status: interrupted ? INTERRUPTED_STATUS : result.exitCode, env: result.env };
  }

  /** Puts the terminal at /dev/pts/0 (and standard error's device) for this line; returns the undo, which restores what was there (an outer shell's terminal). */
  private attachTerminal(terminal: ShellTerminal, signal: AbortSignal): () => void {
    const device = (write: (text: string) => Promise<void>): Device => {
      const decoder = new TextDecoder();
      return {
        write: async (bytes) => {
          const text = decoder.decode(bytes, { stream: true });
          if (signal.aborted || text === '') return;
          // A terminal that never takes the output must not keep Ctrl-C from working.
          await abortable(write(text), signal).catch(() => undefined);
          await this.yieldToInterrupts();
        },
        read: async () => new TextEncoder().encode(`${(await abortable(terminal.readLine(''), signal).catch(() => null)) ?? ''}`),
      };
    };
    const restoreTerminal = this.options.fs.attachDevice(TERMINAL_DEVICE, device((text) => terminal.write(text)));
    const restoreStderr = this.options.fs.attachDevice(STDERR_DEVICE, device((text) => (terminal.writeError ?? terminal.write).call(terminal, inToolWords(text))));
    return () => {
      restoreStderr();
      restoreTerminal();
    };
  }

  /** Reads continuation lines, as bash does with PS2, while the line is unfinished (open quote, here-document, `|` at the end…). */
  private async readComplete(line: string, terminal: ShellTerminal, signal: AbortSignal): Promise<string> {
    let script = line;
    while (this.isUnfinished(script)) {
      const more = await abortable(terminal.readLine(CONTINUATION_PROMPT), signal);
      if (more === null) break;
      script = script.endsWith('\\') ? `${script.slice(0, -1)}${more}` : `${script}\n${more}`;
    }
    return script;
  }

  isUnfinished(script: string): boolean {
    if (/(^|[^\\])(\\\\)*\\$/.test(script) || /(\|\||&&|\|)\s*$/.test(script)) return true;
    try {
      // Parsing and writing the line back fails on an unterminated here-document too.
      this.bash.transform(script);
      return false;
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (/EOF|end of file|unterminated here-document/.test(message)) return true;
      const at = /at (\d+):(\d+)/.exec(message);
      const lines = script.split('\n');
      return at !== null && Number(at[1]) >= lines.length && Number(at[2]) > (lines[lines.length - 1] ?? '').length;
    }
  }

  /** Lets a message (an interrupt) in now and then during a busy line. */
  private async yieldToInterrupts(): Promise<void> {
    const now = Date.now();
    if (now - this.lastYield < YIELD_EVERY_MS) return;
    this.lastYield = now;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }

  /** A Layerlab program as a command of the shell: attached to the terminal it streams and prompts; in a pipe its output is collected. */
  private asShellCommand(program: Command): CustomCommand {
    return defineCommand(program.name, async (args, ctx) => {
      const running = this.running;
      if (!running) return { stdout: '', stderr: `${program.name}: not running in a terminal session\n`, exitCode: 1 };
      const { terminal, signal } = running;
      const attached = ctx.env.get(ATTACHED_MARKER) ?? '';
      let stdout = '';
      let stderr = '';
      const toTerminal: OutputStream = { write: (text) => abortable(terminal.write(text), signal) };
      const toTerminalError: OutputStream = { write: (text) => abortable((terminal.writeError ?? terminal.write).call(terminal, text), signal) };
      const typed = utf8(ctx.stdin).split('\n');
      if (typed[typed.length - 1] === '') typed.pop();
      const context: CommandContext = {
        argv: [program.name, ...args],
        stdout: attached.includes('o') ? toTerminal : { write: async (text) => void (stdout += text) },
        stderr: attached.includes('e') ? toTerminalError : { write: async (text) => void (stderr += text) },
        readLine: attached.includes('i') ? (prompt, completer, options) => abortable(terminal.readLine(prompt, completer, options), signal) : async () => typed.shift() ?? null,
        stdinTerminal: attached.includes('i'),
        columns: terminal.columns,
        tty: attached.includes('o') && terminal.tty,
        signal,
        shell: { cwd: ctx.cwd, home: ctx.env.get('HOME') ?? '/', env: ctx.env },
        commands: this.options.programs,
        ...this.options.environment,
        userland: {
          // A program standing in for a tool of the same name (find) runs the tool it shadows.
          runTool: async (argv, options) =>
            argv[0] === program.name && ctx.origCommand
              ? plain(await ctx.origCommand(argv.slice(1)))
              : this.nested(ctx, { script: quote(argv[0] ?? ''), args: argv.slice(1), stdin: ctx.stdin }, attached.replace(options?.keep?.stdout ? 'o' : '', '').replace(options?.keep?.stderr ? 'e' : '', ''), true),
          runScript: (script, positional, name) => this.nested(ctx, { script: positional.length > 0 ? `set -- ${positional.map(quote).join(' ')}\n${script}` : script, stdin: ctx.stdin, ...(name !== undefined ? { name } : {}) }, attached, false),
        },
      };
      let exitCode: number;
      try {
        exitCode = await program.run(context);
      } catch (error) {
        // An interrupted line (Ctrl-C, a killed container) ends the programs it ran; that is not a bug.
        if (error instanceof Interrupted || signal.aborted || ctx.signal?.aborted) exitCode = INTERRUPTED_STATUS;
        else {
          // A bug in a program must not take the terminal down: say so, and fail only that command.
          await context.stderr.write(`layerlab: internal error: ${error instanceof Error ? error.message : String(error)}\n`).catch(() => undefined);
          exitCode = 1;
        }
      }
      return { stdout, stderr, exitCode };
    });
  }

  /**
   * Runs a command (a tool found in the container's files) or a script (a
   * nested shell) inside the running line, its output going where the calling
   * command's goes: to the terminal as it runs, or collected for a pipe.
   */
  private async nested(ctx: ShellCommandContext, what: { script: string; args?: string[]; stdin: ByteString; name?: string }, attached: string, tool: boolean): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    // The interpreter gives every command it dispatches an exec; the type keeps it optional for commands called by hand.
    const exec = ctx.exec;
    if (!exec) return { stdout: '', stderr: '', exitCode: 126 };
    const saved = { carried: this.plugin.carried, attachment: this.plugin.attachment, bypass: this.plugin.bypassExec, argv0: this.plugin.argv0, imageScript: this.plugin.imageScript, defined: this.plugin.defined, exitRequested: this.exitRequested };
    this.plugin.argv0 = what.name ?? this.plugin.argv0;
    this.plugin.imageScript = what.name !== undefined;
    this.plugin.carried = { status: 0, functions: new Map() };
    this.plugin.attachment = { stdin: attached.includes('i'), stdout: attached.includes('o'), stderr: attached.includes('e') };
    this.plugin.bypassExec = tool;
    try {
      const result = await exec(what.script, {
        cwd: ctx.cwd,
        // A child process gets the exported variables only, not the shell's own (IFS, OPTIND…).
        ...(ctx.exportedEnv ? { env: withoutMarker(ctx.exportedEnv), replaceEnv: true } : {}),
        ...(what.args ? { args: what.args } : {}),
        // ExecOptions wants text; with stdinKind 'bytes' the latin1 string a ByteString is at run time passes through unchanged.
        stdin: what.stdin as unknown as string,
        stdinKind: 'bytes',
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      return { stdout: result.stdout, stderr: asBashSays(result.stderr), exitCode: result.exitCode };
    } finally {
      // A nested shell's functions are its own; the line that started it keeps those it defined.
      Object.assign(this.plugin, { carried: saved.carried, attachment: saved.attachment, bypassExec: saved.bypass, argv0: saved.argv0, imageScript: saved.imageScript, defined: saved.defined });
      // `exit` in `sh -c` ends that shell, not the one that started it.
      this.exitRequested = saved.exitRequested;
    }
  }

  /**
   * `read` from the terminal: bash's builtin reads standard input, which the
   * interpreter fills before a command starts, so a `read` whose input is the
   * terminal is this command, which shows its prompt and waits for a line.
   */
  private readCommand(): CustomCommand {
    return defineCommand(READ_COMMAND, async (args, ctx) => {
      const parsed = parseReadArguments(args);
      if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 2 };
      const running = this.running;
      const line = running ? await abortable(running.terminal.readLine(parsed.prompt), running.signal).catch(() => null) : null;
      if (line === null) return { stdout: '', stderr: '', exitCode: 1 };
      for (const [name, value] of splitFields(parsed.raw ? line : line.replace(/\\(.)/g, '$1'), parsed.names, ctx.env.get('IFS'))) {
        await ctx.assignShellVariable?.(name, value);
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    });
  }

  /** A sourced file's text without `set -u`, for image scripts (see terminal-plugin's sourceWithoutNounset). */
  private sourceTextCommand(): CustomCommand {
    return defineCommand(SOURCE_TEXT, async ([path = ''], ctx) => {
      try {
        const text = await this.options.fs.readFile(this.options.fs.resolvePath(ctx.cwd, path));
        return { stdout: text.replace(/^(\s*set\s+-[a-zA-Z]*)u/gm, '$1'), stderr: '', exitCode: 0 };
      } catch {
        return { stdout: '', stderr: `sh: .: can't open '${path}'\n`, exitCode: 2 };
      }
    });
  }

  private exitHook(): CustomCommand {
    return defineCommand(EXIT_HOOK, async () => {
      this.exitRequested = true;
      return { stdout: '', stderr: '', exitCode: 0 };
    });
  }

  /** `history`: the lines typed in this session, numbered as bash numbers them. */
  private historyCommand(): CustomCommand {
    return defineCommand('history', async () => {
      const lines = this.options.state.history;
      return { stdout: lines.map((line, index) => `${String(index + 1).padStart(5)}  ${line}\n`).join(''), stderr: '', exitCode: 0 };
    });
  }
}

/** The name the reading `read` runs under; never typed by the learner. */
const READ_COMMAND = 'layerlab-read';
const READ_USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n';

function parseReadArguments(args: string[]): { prompt: string; raw: boolean; names: string[] } | { error: string } {
  const rest = [...args];
  let prompt = '';
  let raw = false;
  while (rest[0]?.startsWith('-') && rest[0] !== '-') {
    const cluster = rest.shift() ?? '';
    if (cluster === '--') break;
    for (let i = 1; i < cluster.length; i++) {
      const option = cluster[i];
      if (option === 'r' || option === 'e' || option === 's') raw ||= option === 'r';
      else if (option === 'p' && (i + 1 < cluster.length || rest.length > 0)) {
        prompt = i + 1 < cluster.length ? cluster.slice(i + 1) : rest.shift() ?? '';
        break;
      } else if (option === 'p') return { error: `bash: read: -p: option requires an argument\n${READ_USAGE}` };
      else return { error: `bash: read: -${option ?? ''}: invalid option\n${READ_USAGE}` };
    }
  }
  return { prompt, raw, names: rest.length > 0 ? rest : ['REPLY'] };
}

/** bash's field splitting for read: blanks separate fields, the last name takes the rest of the line. */
function splitFields(line: string, names: string[], ifs = ' \t\n'): [string, string][] {
  if (names.length === 1 && names[0] === 'REPLY') return [['REPLY', line]];
  const blank = `[${ifs.replace(/[\]\\^-]/g, '\\$&')}]`;
  let rest = line.replace(new RegExp(`^${blank}+`), '');
  return names.map((name, index) => {
    if (index === names.length - 1) return [name, rest.replace(new RegExp(`${blank}+$`), '')];
    const field = new RegExp(`^[^${blank.slice(1, -1)}]*`).exec(rest)?.[0] ?? '';
    rest = rest.slice(field.length).replace(new RegExp(`^${blank}+`), '');
    return [name, field];
  });
}

/**
 * Text of the interpreter's standard input. At run time a ByteString is a
 * latin1 string (one char per byte); the browser build does not export the
 * interpreter's own decoder, hence the cast.
 */
function utf8(bytes: ByteString): string {
  return new TextDecoder().decode(Uint8Array.from(bytes as unknown as string, (char) => char.charCodeAt(0)));
}

/** A child's environment without the markers the shell sets for its own commands. */
function withoutMarker(env: Record<string, string>): Record<string, string> {
  const { [ATTACHED_MARKER]: _attached, [LINE_MARKER]: _line, ...rest } = env;
  return rest;
}

function plain(result: { stdout: string; stderr: string; exitCode: number }): { stdout: string; stderr: string; exitCode: number } {
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
}

const REDIRECTION_ERRORS: Record<string, string> = { ENOENT: 'No such file or directory', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory', EACCES: 'Permission denied', EBUSY: 'Device or resource busy', EEXIST: 'File exists', ENOTEMPTY: 'Directory not empty', ELOOP: 'Too many levels of symbolic links', EINVAL: 'Invalid argument' };

/** bash's message for a redirection whose file cannot be opened, from the filesystem's error; undefined for anything else. */
function redirectionError(error: unknown): string | undefined {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string' || !REDIRECTION_ERRORS[code]) return undefined;
  return `bash: ${path}: ${REDIRECTION_ERRORS[code]}\n`;
}

/** A word for a script, quoted as the shell reads it back unchanged. */
export function quote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function aliasesOf(env: ReadonlyMap<string, string>): Set<string> {
  return new Set([...env.keys()].filter((name) => name.startsWith('BASH_ALIAS_')).map((name) => name.slice('BASH_ALIAS_'.length)));
}

/** The interpreter's messages as bash words them: syntax errors without the parser's position, limits without its configuration. */
function asBashSays(stderr: string): string {
  return stderr
    .replace(/^bash: syntax error: Parse error at \d+:\d+: syntax error/gm, 'bash: syntax error')
    .replace(/^bash: line \d+: (unexpected EOF while looking for matching)/gm, 'bash: $1')
    .replace(/, increase executionLimits\.\w+/g, '')
    // A file error the interpreter passes on as is (a builtin's failed redirection), in bash's words.
    .replace(/^(E[A-Z]+): [^,\n]+, \w+ '([^'\n]+)'$/gm, (line, code: string, path: string) => (REDIRECTION_ERRORS[code] ? `bash: ${path}: ${REDIRECTION_ERRORS[code]}` : line))
    .replace(FILE_ERROR_IN_MESSAGE, humanFileError);
}

/** A tool's message that quotes the filesystem's error whole ("touch: cannot touch 'a': ENOENT: no such file or directory, open '/a'"). */
const FILE_ERROR_IN_MESSAGE = /\b(E[A-Z]+): [a-z ,]+?, \w+ '[^'\n]*'/g;

/** strerror's words for the filesystem's error, as the tools themselves print them. */
function humanFileError(match: string, code: string): string {
  return REDIRECTION_ERRORS[code] ?? match;
}

/** Standard error as the terminal shows it: the filesystem's errors in the tools' words. */
function inToolWords(text: string): string {
  return text.replace(FILE_ERROR_IN_MESSAGE, humanFileError);
}
