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

/** Which of a command's standard streams are the terminal. */
interface Attachment {
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
  /** Functions defined by the last line transformed. */
  defined = new Map<string, FunctionDefNode>();

  constructor(
    /** Commands that read a typed line themselves when their input is the terminal (read → the reading command). */
    private readonly readers: ReadonlyMap<string, string>,
    /** Commands told by {@link ATTACHED_MARKER} that they run attached to the terminal. */
    private readonly terminalAware: ReadonlySet<string>,
  ) {}

  transform({ ast }: TransformContext): TransformResult {
    this.defined = new Map();
    for (const statement of ast.statements) this.recordFunctions(statement);
    for (const statement of ast.statements) this.attachStatement(statement, { stdin: true, stdout: true, stderr: true });
    const prelude = [...this.carried.functions.values()].filter(isFunctionDef).map((definition) => statementOf(structuredClone(definition)));
    // `$?` of the previous line, as a subshell that exits with it.
    if (this.carried.status !== 0) prelude.push(statementOf({ type: 'Subshell', body: [statementOf(simpleCommand('exit', [String(this.carried.status)]))], redirections: [] }));
    return { ast: { ...ast, statements: [...prelude, ...ast.statements] } };
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
        const name = literalName(command.name);
        const reader = name === undefined ? undefined : this.readers.get(name);
        if (reader && attachment.stdin) command.name = word(reader);
        const streams = `${attachment.stdin ? 'i' : ''}${attachment.stdout ? 'o' : ''}${attachment.stderr ? 'e' : ''}`;
        if (name !== undefined && this.terminalAware.has(name) && streams !== '') command.assignments.unshift(assignment(ATTACHED_MARKER, streams));
        command.redirections.unshift(...terminalRedirections(attachment));
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
function terminalRedirections(attachment: Attachment): RedirectionNode[] {
  const result: RedirectionNode[] = [];
  if (attachment.stdout) result.push({ type: 'Redirection', fd: null, operator: '>>', target: word(TERMINAL_DEVICE) });
  if (attachment.stderr) result.push({ type: 'Redirection', fd: 2, operator: '>>', target: word(TERMINAL_DEVICE) });
  return result;
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
  return part?.type === 'Literal' ? part.value : undefined;
}
