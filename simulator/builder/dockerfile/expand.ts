/**
 * Variable expansion in instructions, as BuildKit does it when it dispatches
 * each instruction (the Expand methods of frontend/dockerfile/instructions/commands.go,
 * with shell/lex.go). Only ADD, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL,
 * USER, VOLUME, WORKDIR (and ARG defaults) expand variables; RUN, CMD,
 * ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER and ONBUILD are left to the shell
 * that runs them, or kept as written.
 */
import { DockerfileParseError } from './errors';
import type { Instruction, Keyword } from './instruction';
import { ShellLex, ShellLexError, type Env } from './lex';

export type { Env } from './lex';

/** The instructions whose arguments the builder expands. */
export const EXPANDING_KEYWORDS: ReadonlySet<Keyword> = new Set<Keyword>([
  'ADD',
  'ARG',
  'COPY',
  'ENV',
  'EXPOSE',
  'FROM',
  'LABEL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

function lexer(escapeToken: string): ShellLex {
  return new ShellLex(escapeToken);
}

/** Rethrow a lexer error at the instruction's lines (BuildKit prints it with the Dockerfile excerpt). */
function at<T>(instruction: Instruction, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ShellLexError) throw new DockerfileParseError(e.message, instruction.startLine, instruction.endLine);
    throw e;
  }
}

/** ProcessWord: one word with variables expanded and quotes removed (WORKDIR, USER, a COPY source…). */
export function expandWord(word: string, env: Env, escapeToken = '\\'): string {
  return lexer(escapeToken).processWord(word, env);
}

/** ProcessWords: expanded, quotes removed, split on unquoted whitespace. */
export function expandWords(text: string, env: Env, escapeToken = '\\'): string[] {
  return lexer(escapeToken).processWords(text, env);
}

export interface KeyValue {
  key: string;
  value: string;
}

/** ENV and LABEL: every key and value expanded, all against the environment before the instruction. */
export function expandKeyValues(instruction: Instruction, env: Env, escapeToken = '\\'): KeyValue[] {
  return at(instruction, () => {
    const out: KeyValue[] = [];
    for (let i = 0; i + 1 < instruction.args.length; i += 2) {
      out.push({ key: expandWord(instruction.args[i] ?? '', env, escapeToken), value: expandWord(instruction.args[i + 1] ?? '', env, escapeToken) });
    }
    return out;
  });
}

export interface ArgDefinition {
  name: string;
  /** The default as written (expanded by the builder only when no --build-arg gives a value). */
  defaultValue?: string;
}

/** ARG: names and unexpanded defaults. `ARG a=1 b` → a with default "1", b without. */
export function argDefinitions(instruction: Instruction): ArgDefinition[] {
  return instruction.args.map((word) => {
    const eq = word.indexOf('=');
    return eq < 0 ? { name: word } : { name: word.slice(0, eq), defaultValue: word.slice(eq + 1) };
  });
}

/** The expanded arguments of a word-taking instruction: COPY/ADD sources and destination, VOLUME, USER, WORKDIR, STOPSIGNAL, FROM's base. */
export function expandArgs(instruction: Instruction, env: Env, escapeToken = '\\'): string[] {
  return at(instruction, () => {
    switch (instruction.keyword) {
      case 'EXPOSE':
        // Each word expanded, then split again: `EXPOSE $PORTS` may give several.
        return instruction.args.flatMap((a) => expandWords(a, env, escapeToken));
      case 'FROM':
        return [expandWord(instruction.args[0] ?? '', env, escapeToken)];
      case 'ADD':
      case 'COPY':
      case 'VOLUME':
      case 'USER':
      case 'WORKDIR':
      case 'STOPSIGNAL':
        // JSON-form arguments are expanded too: BuildKit's Expand sees no difference.
        return instruction.args.map((a) => expandWord(a, env, escapeToken));
      default:
        return [...instruction.args];
    }
  });
}

/** A flag's value with variables expanded (`--chown=$USER`, `--platform=$BUILDPLATFORM`). */
export function expandFlag(instruction: Instruction, name: string, env: Env, escapeToken = '\\'): string | undefined {
  const value = instruction.flags.find((f) => f.name === name)?.value;
  return value === undefined ? undefined : at(instruction, () => expandWord(value, env, escapeToken));
}
