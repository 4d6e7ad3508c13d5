/**
 * What the filesystem instructions (RUN, COPY, ADD, WORKDIR) ask for, worked
 * out from the instruction and the stage so far — the same for both builders;
 * each builder then decides about the cache, runs them and reports them.
 */
import { normalizePath } from '../host/paths';
import { expandArgs, expandFlag } from './dockerfile/expand';
import type { Instruction } from './dockerfile/instruction';
import { ShellLex } from './dockerfile/lex';
import { heredocBody } from './dockerfile/parse';
import { withShell, type ImageState } from './image-state';
import type { ArgScope } from './metadata';
import { StepError } from './failure';

/** The step's name in progress output: the instruction as written, keyword upper-cased, set variables expanded (processCmdEnv). */
export function displayName(instruction: Instruction, state: ImageState): string {
  const original = instruction.original.replace(/^\s*\S+/, instruction.keyword);
  try {
    return new ShellLex('\\', { rawQuotes: true, skipUnsetEnv: true, rawEscapes: true }).processWord(original, state.env);
  } catch {
    return original;
  }
}

/**
 * RUN's command line: the exec form's words, or the shell form under the
 * stage's shell. A here-document becomes the script the shell runs
 * (BuildKit's dispatchRun).
 */
export function runArgv(instruction: Instruction, state: ImageState): string[] {
  if (instruction.json) return [...(instruction.jsonArgs ?? [])];
  const command = instruction.args.join(' ');
  const [heredoc, ...more] = instruction.heredocs;
  if (heredoc && more.length === 0 && /^\s*\d*<<-?\s*\S+\s*$/.test(command)) return withShell(state, heredocBody(heredoc));
  if (heredoc) return withShell(state, [command, ...instruction.heredocs.map((h) => `${h.content}${h.name}`)].join('\n'));
  return withShell(state, command);
}

/** WORKDIR: the new directory, relative paths taken from the current one (NormalizeWorkdir). */
export function workdirPath(instruction: Instruction, state: ImageState, scope: ArgScope): string {
  const [path = ''] = expandArgs(instruction, state.env, scope.escapeToken);
  return normalizePath(state.config.WorkingDir || '/', path);
}

export interface CopyPlan {
  /** ADD: unpack local archives. */
  unpack: boolean;
  /** Sources as written after expansion; here-documents as `<<NAME`. */
  sources: string[];
  /** Here-document sources: file name and content. */
  inline: Array<{ name: string; content: string }>;
  dest: string;
  from?: string;
  chown?: string;
  chmod?: string;
  /** For history: `COPY --chown=1000 app.js /app/`. */
  flagsText: string;
}

/** COPY/ADD: sources, destination and flags with variables expanded. */
export function copyPlan(instruction: Instruction, state: ImageState, scope: ArgScope): CopyPlan {
  const words = expandArgs(instruction, state.env, scope.escapeToken);
  const dest = words[words.length - 1] ?? '';
  const inline = instruction.heredocs.map((heredoc) => ({ name: heredoc.name, content: heredocBody(heredoc) }));
  const sources = words.slice(0, -1).filter((word) => !/^\d*<<-?/.test(word));
  const flag = (name: string): string | undefined => expandFlag(instruction, name, state.env, scope.escapeToken);
  const chown = flag('chown');
  const chmod = flag('chmod');
  const from = flag('from');
  return {
    unpack: instruction.keyword === 'ADD',
    sources,
    inline,
    dest,
    ...(from !== undefined ? { from } : {}),
    ...(chown !== undefined ? { chown } : {}),
    ...(chmod !== undefined ? { chmod } : {}),
    flagsText: `${chown !== undefined ? ` --chown=${chown}` : ''}${chmod !== undefined ? ` --chmod=${chmod}` : ''}`,
  };
}

/**
 * More than one source needs a directory to go into: a destination ending
 * in `/`, or `.` (the working directory, which BuildKit reads as `./`).
 */
export function lacksDirectoryDestination(plan: CopyPlan): boolean {
  const directory = plan.dest === '.' || plan.dest === '' || plan.dest.endsWith('/') || plan.dest.endsWith('/.');
  return plan.sources.length + plan.inline.length > 1 && !directory;
}

/** A source given as a URL (ADD https://…): there is no network in here to fetch it from. */
export function urlSource(plan: CopyPlan): string | undefined {
  return plan.sources.find((source) => /^https?:\/\//i.test(source));
}

/** What fetching a URL gives without a network, as Go's resolver words it. */
export function unreachableUrl(url: string): string {
  const host = /^https?:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? url;
  return `Get ${JSON.stringify(url)}: dial tcp: lookup ${host}: no such host`;
}

/** --chmod's octal value, or BuildKit's error for anything else. */
export function parseChmod(chmod: string): number {
  if (!/^[0-7]+$/.test(chmod) || Number.parseInt(chmod, 8) > 0o7777) {
    throw new StepError(`invalid chmod parameter: '${chmod}'. it should be octal string and between 0 and 07777`);
  }
  return Number.parseInt(chmod, 8);
}
