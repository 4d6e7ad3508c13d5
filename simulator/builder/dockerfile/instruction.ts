/**
 * The parsed Dockerfile: what BuildKit's parser (parser.Node) and instruction
 * pass (instructions.Parse) know about each instruction, before variables are
 * expanded. The builder dispatches on `keyword`.
 */
import type { Directives } from './directives';
import type { Flag } from './flags';
import type { Heredoc } from './heredoc';

export type Keyword =
  | 'ADD'
  | 'ARG'
  | 'CMD'
  | 'COPY'
  | 'ENTRYPOINT'
  | 'ENV'
  | 'EXPOSE'
  | 'FROM'
  | 'HEALTHCHECK'
  | 'LABEL'
  | 'MAINTAINER'
  | 'ONBUILD'
  | 'RUN'
  | 'SHELL'
  | 'STOPSIGNAL'
  | 'USER'
  | 'VOLUME'
  | 'WORKDIR';

/** Every instruction BuildKit knows, in alphabetical order (command.Commands). */
export const KEYWORDS: readonly Keyword[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

export interface Instruction {
  /** Upper-cased: `RUN`. */
  keyword: Keyword;
  /** As written: `run`, `Run`. */
  keywordAsWritten: string;
  /** The flags before the arguments, in order. */
  flags: Flag[];
  /** The text after the keyword and flags, continuation lines joined, trimmed: what history and progress lines show. */
  argsText: string;
  /**
   * The arguments as BuildKit's parser splits them, quotes still in:
   * the JSON array's strings; RUN/CMD/ENTRYPOINT shell form as one string;
   * COPY/ADD/VOLUME/FROM/EXPOSE shell form split on whitespace; ENV and LABEL
   * as key, value, key, value…; ARG as words; HEALTHCHECK as type then command.
   */
  args: string[];
  /** JSON (exec) form. */
  json: boolean;
  /** The JSON array when `json` is true. */
  jsonArgs?: string[];
  /** Here-documents opened on the instruction's line, with their bodies. */
  heredocs: Heredoc[];
  /** For ONBUILD: the trigger instruction. */
  trigger?: Instruction;
  /** First and last source line (1-based), heredoc bodies included. */
  startLine: number;
  endLine: number;
  /** The logical line: keyword, flags and arguments, continuations joined (BuildKit's Node.Original). */
  original: string;
  /** The source lines startLine..endLine, as written, without newlines. */
  sourceLines: string[];
}

export interface Dockerfile {
  directives: Directives;
  instructions: Instruction[];
  /** BuildKit's parser warnings (empty continuation lines). */
  warnings: string[];
  /** Every source line, without newlines, for rendering error context. */
  lines: string[];
}
