// Types only: the interpreter's browser build has no parser export, so the nodes added here are built by hand.
import type { CommandNode, PipelineNode, SimpleCommandNode, StatementNode, TransformContext, TransformPlugin, TransformResult } from 'just-bash';

/** The terminal as a device file: what `tty` prints in a login shell. */
export const TERMINAL_DEVICE = '/dev/pts/0';

/** Set on a command that talks to the terminal itself (docker's live progress, prompts): which of its streams are the terminal ('i', 'o', 'e'). */
export const ATTACHED_MARKER = 'LAYERLAB_ATTACHED';

type RedirectionNode = SimpleCommandNode['redirections'][number];
type WordNode = NonNullable<SimpleCommandNode['name']>;
type AssignmentNode = SimpleCommandNode['assignments'][number];
type FunctionDefNode = Extract<CommandNode, { type: 'FunctionDef' }>;

/** Set on a command the exec interposition runs: the line it is on, for the shell's error messages. */
export const LINE_MARKER = 'LAYERLAB_LINE';

/** Which of a command's standard streams are the terminal. */
export interface Attachment {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

/** What carries over from one command line to the next, which the interpreter itself forgets between runs. */
export interface CarriedState {
  /** `$?` of the previous line. */
  status: number;
  /** Functions defined on earlier lines, as syntax trees (plain JSON). */
  functions: ReadonlyMap<string, unknown>;
  aliases?: ReadonlySet<string>;
}

/** How a container's shell runs commands: through one command that finds them in the container's files. */
export interface ExecInterposition {
  /** The command that finds and runs a command by name (gets the name, then its arguments). */
  command: string;
  /** Names the shell itself implements, which are never looked up. */
  builtins: ReadonlySet<string>;
  /** A command run just before `exit`, so the shell knows it is leaving. */
  exitHook?: string;
}

export interface PluginOptions {
  /** Commands that read a typed line themselves when their input is the terminal (read → the reading command). */
  readers: ReadonlyMap<string, string>;
  /** Commands told by {@link ATTACHED_MARKER} that they run attached to the terminal. */
  terminalAware: ReadonlySet<string>;
  /** Where standard error goes when it is the terminal: the terminal itself, or a separate stream (a container without a TTY). */
  stderrDevice: string;
  exec?: ExecInterposition;
  /** A command that prints a script file's text without `set -u` (see {@link sourceWithoutNounset}). */
  sourceText?: string;
}

/**
 * Rewrites each command line before it runs, so that it behaves as in a
 * terminal: every command whose output goes to the terminal writes to the
 * terminal device as it runs (output streams, and Ctrl-C sees it) instead of
 * being collected until the line ends. Redirections the learner wrote come
 * after ours, so theirs win, as bash applies them left to right.
 *
 * It also restores what the interpreter forgets between runs: `$?` and the
 * functions defined on earlier lines; and it records new function definitions.
 */
export class TerminalPlugin implements TransformPlugin {
  readonly name = 'layerlab-terminal';
  carried: CarriedState = { status: 0, functions: new Map() };
  /** Which streams of the line are the terminal (a nested shell in a pipe has fewer). */
  attachment: Attachment = { stdin: true, stdout: true, stderr: true };
  /** Functions defined by the last line transformed. */
  defined = new Map<string, FunctionDefNode>();
  /** Set while the exec command itself runs a tool it found, which must not be looked up again. */
  bypassExec = false;
  /** `$0` of a shell or script started by name (`sh`, `/docker-entrypoint.sh`), which the interpreter would call "bash". */
  argv0: string | undefined;
  /** Set while a script of an image runs (see {@link withoutNounset}). */
  imageScript = false;

  constructor(private readonly options: PluginOptions) {}

  transform({ ast }: TransformContext): TransformResult {
    this.defined = new Map();
    for (const statement of ast.statements) this.recordFunctions(statement);
    if (this.options.exec && !this.bypassExec) this.interposeExec(ast, this.options.exec);
    if (this.argv0 !== undefined) replaceScriptName(ast, this.argv0);
    if (this.imageScript) {
      withoutNounset(ast);
      if (this.options.sourceText) sourceWithoutNounset(ast, this.options.sourceText);
    }
    // Every terminal-aware command starts detached, so one inside $(…) of an attached one does not inherit its marker.
    visitSimpleCommands(ast, (command) => {
      if (this.isAware(command)) command.assignments.unshift(assignment(ATTACHED_MARKER, ''));
    });
    for (const statement of ast.statements) this.attachStatement(statement, this.attachment);
    const prelude = [...this.carried.functions.values()].filter(isFunctionDef).map((definition) => statementOf(structuredClone(definition)));
    // `$?` of the previous line, as a subshell that exits with it.
    if (this.carried.status !== 0) prelude.push(statementOf({ type: 'Subshell', body: [statementOf(simpleCommand('exit', [String(this.carried.status)]))], redirections: [] }));
    return { ast: { ...ast, statements: [...prelude, ...ast.statements] } };
  }

  /**
   * Sends every command the shell would look up in PATH through the exec
   * command, which finds it in the machine's files and runs what it is; and
   * makes `exit` tell the exit hook first.
   */
  private interposeExec(ast: unknown, exec: ExecInterposition): void {
    const functions = new Set([...this.carried.functions.keys(), ...this.defined.keys()]);
    visitSimpleCommands(ast, (command, replace) => {
      if (!command.name) return;
      const name = literalName(command.name);
      if (name === undefined) {
        // A name made by expansion ("$f") is found at run time, like any other.
        command.args.unshift(command.name);
        command.name = word(exec.command);
        command.assignments.unshift(assignment(LINE_MARKER, String(command.line ?? 1)));
        return;
      }
      if (functions.has(name) || this.carried.aliases?.has(name)) return;
      if (name === 'exit' && exec.exitHook) {
        replace({ type: 'Group', body: [statementOf(simpleCommand(exec.exitHook, [])), statementOf({ ...command })], redirections: [] });
      } else if (name === 'exec' && command.args.length > 0) {
        command.args.unshift(word(exec.command));
      } else if (!exec.builtins.has(name)) {
        command.args.unshift(word(name));
        command.name = word(exec.command);
        command.assignments.unshift(assignment(LINE_MARKER, String(command.line ?? 1)));
      }
    });
  }

  /** A command that talks to the terminal itself, run directly or by `exec`. */
  private isAware(command: SimpleCommandNode): boolean {
    const name = literalName(command.name);
    const target = name === 'exec' ? literalName(command.args[0] ?? null) : name;
    return target !== undefined && this.options.terminalAware.has(target);
  }

  private recordFunctions(statement: StatementNode): void {
    for (const pipeline of statement.pipelines) {
      for (const command of pipeline.commands) {
        if (command.type === 'FunctionDef') this.defined.set(command.name, structuredClone(command));
      }
    }
  }

  private attachStatements(statements: StatementNode[], attachment: Attachment): void {
    for (const statement of statements) this.attachStatement(statement, attachment);
  }

  private attachStatement(statement: StatementNode, attachment: Attachment): void {
    // A background job's input is not the terminal.
    const own = statement.background ? { ...attachment, stdin: false } : attachment;
    for (const pipeline of statement.pipelines) this.attachPipeline(pipeline, own);
  }

  private attachPipeline(pipeline: PipelineNode, attachment: Attachment): void {
    const last = pipeline.commands.length - 1;
    pipeline.commands.forEach((command, index) => {
      this.attachCommand(command, {
        stdin: attachment.stdin && index === 0,
        stdout: attachment.stdout && index === last,
        stderr: attachment.stderr && !(index < last && pipeline.pipeStderr?.[index]),
      });
    });
  }

  private attachCommand(command: CommandNode, attachment: Attachment): void {
    switch (command.type) {
      case 'SimpleCommand': {
        // What the command's own redirections send elsewhere is not the terminal (`docker images > f`).
        attachment = within(attachment, command.redirections);
        const name = literalName(command.name);
        const reader = name === undefined ? undefined : this.options.readers.get(name);
        if (reader && attachment.stdin) command.name = word(reader);
        const streams = `${attachment.stdin ? 'i' : ''}${attachment.stdout ? 'o' : ''}${attachment.stderr ? 'e' : ''}`;
        const marker = this.isAware(command) ? command.assignments.find((candidate) => candidate.name === ATTACHED_MARKER) : undefined;
        if (marker) marker.value = word(streams);
        command.redirections.unshift(...terminalRedirections(attachment, this.options.stderrDevice));
        return;
      }
      case 'FunctionDef':
        // A function's output goes wherever the line that calls it sends it.
        return;
      case 'If':
        for (const clause of command.clauses) {
          this.attachStatements(clause.condition, within(attachment, command.redirections));
          this.attachStatements(clause.body, within(attachment, command.redirections));
        }
        if (command.elseBody) this.attachStatements(command.elseBody, within(attachment, command.redirections));
        return;
      case 'While':
      case 'Until':
        this.attachStatements(command.condition, within(attachment, command.redirections));
        this.attachStatements(command.body, within(attachment, command.redirections));
        return;
      case 'For':
      case 'CStyleFor':
      case 'Subshell':
      case 'Group':
        this.attachStatements(command.body, within(attachment, command.redirections));
        return;
      case 'Case':
        for (const item of command.items) this.attachStatements(item.body, within(attachment, command.redirections));
        return;
      default:
        return;
    }
  }
}

/** What stays attached inside a compound command once its own redirections apply. */
function within(attachment: Attachment, redirections: RedirectionNode[]): Attachment {
  const redirected = new Set(redirections.flatMap(redirectedDescriptors));
  return { stdin: attachment.stdin && !redirected.has(0), stdout: attachment.stdout && !redirected.has(1), stderr: attachment.stderr && !redirected.has(2) };
}

function redirectedDescriptors(redirection: RedirectionNode): number[] {
  if (redirection.operator === '&>' || redirection.operator === '&>>') return [1, 2];
  if (redirection.fd !== null) return [redirection.fd];
  return redirection.operator.startsWith('<') ? [0] : [1];
}

/** Output redirections to the terminal for the attached streams. Input is never redirected: reading it would wait for typing before any command could start. */
function terminalRedirections(attachment: Attachment, stderrDevice: string): RedirectionNode[] {
  const result: RedirectionNode[] = [];
  if (attachment.stdout) result.push({ type: 'Redirection', fd: null, operator: '>>', target: word(TERMINAL_DEVICE) });
  if (attachment.stderr) result.push({ type: 'Redirection', fd: 2, operator: '>>', target: word(stderrDevice) });
  return result;
}

/**
 * Drops `set -u` from a script an image runs: the interpreter (just-bash
 * 3.4) wrongly reports `[ "${UNSET:-}" ]` as an unbound variable under it,
 * which stops the official images' entrypoints (nginx's 15-local-resolvers.envsh).
 */
function withoutNounset(ast: unknown): void {
  visitSimpleCommands(ast, (command) => {
    if (literalName(command.name) !== 'set') return;
    for (const arg of command.args) {
      const part = arg.parts[0];
      if (arg.parts.length === 1 && part?.type === 'Literal' && /^-[a-zA-Z]*u[a-zA-Z]*$/.test(part.value)) part.value = part.value.replace('u', '');
    }
  });
}

/**
 * The same for files a script sources (`. file`), which the interpreter reads
 * itself: `. file` becomes a function that evals the file's text as
 * `sourceText` gives it (without `set -u`), so `return` still leaves it.
 */
function sourceWithoutNounset(ast: { statements: StatementNode[] }, sourceText: string): void {
  let used = false;
  visitSimpleCommands(ast, (command) => {
    const name = literalName(command.name);
    if ((name !== '.' && name !== 'source') || command.args.length === 0) return;
    command.name = word(SOURCE_FUNCTION);
    used = true;
  });
  if (!used) return;
  const reader: SimpleCommandNode = { type: 'SimpleCommand', name: word(sourceText), args: [{ type: 'Word', parts: [{ type: 'DoubleQuoted', parts: [{ type: 'ParameterExpansion', parameter: '1', operation: null }] }] }], assignments: [], redirections: [] };
  const evaluate: SimpleCommandNode = {
    type: 'SimpleCommand',
    name: word('eval'),
    args: [{ type: 'Word', parts: [{ type: 'DoubleQuoted', parts: [{ type: 'CommandSubstitution', body: { type: 'Script', statements: [statementOf(reader)] }, legacy: false }] }] }],
    assignments: [],
    redirections: [],
  };
  ast.statements.unshift(statementOf({ type: 'FunctionDef', name: SOURCE_FUNCTION, body: { type: 'Group', body: [statementOf(evaluate)], redirections: [] }, redirections: [] }));
}

const SOURCE_FUNCTION = 'layerlab_source';

/** Puts the script's name where the script says `$0`. */
function replaceScriptName(ast: unknown, name: string): void {
  rewriteTree(ast, (value) => {
    const part = value as { type?: unknown; parameter?: unknown; operation?: unknown };
    return part?.type === 'ParameterExpansion' && part.parameter === '0' && part.operation === null ? { type: 'Literal', value: name } : undefined;
  });
}

/** Calls `visit` for every simple command anywhere in a syntax tree (in functions and command substitutions too). */
function visitSimpleCommands(ast: unknown, visit: (command: SimpleCommandNode, replace: (by: CommandNode) => void) => void): void {
  rewriteTree(ast, (value) => {
    if (!isSimpleCommand(value)) return undefined;
    let replacement: CommandNode | undefined;
    visit(value, (by) => (replacement = by));
    return replacement;
  });
}

/**
 * Offers every element of every array in a syntax tree to `rewrite`; what it
 * returns takes the element's place and is not visited again (a replacement
 * may hold what it replaced), otherwise the element is searched in turn.
 */
function rewriteTree(node: unknown, rewrite: (value: unknown) => unknown): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => {
      const replacement = rewrite(child);
      if (replacement === undefined) rewriteTree(child, rewrite);
      else node[index] = replacement;
    });
  } else if (typeof node === 'object' && node !== null) {
    for (const value of Object.values(node)) rewriteTree(value, rewrite);
  }
}

function isSimpleCommand(value: unknown): value is SimpleCommandNode {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'SimpleCommand';
}

function word(text: string): WordNode {
  return { type: 'Word', parts: [{ type: 'Literal', value: text }] };
}

function assignment(name: string, value: string): AssignmentNode {
  return { type: 'Assignment', name, value: word(value), append: false, array: null };
}

function simpleCommand(name: string, args: string[]): SimpleCommandNode {
  return { type: 'SimpleCommand', name: word(name), args: args.map(word), assignments: [], redirections: [] };
}

function statementOf(command: CommandNode): StatementNode {
  return { type: 'Statement', pipelines: [{ type: 'Pipeline', commands: [command], negated: false }], operators: [], background: false };
}

function isFunctionDef(value: unknown): value is FunctionDefNode {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'FunctionDef';
}

/** The command name when it is plain text (not built from expansions). */
function literalName(name: SimpleCommandNode['name']): string | undefined {
  if (!name || name.parts.length !== 1) return undefined;
  const [part] = name.parts;
  // `[` parses as a glob; a quoted name is still plain text.
  if (part?.type === 'Literal' || part?.type === 'SingleQuoted') return part.value;
  return part?.type === 'Glob' ? part.pattern : undefined;
}
