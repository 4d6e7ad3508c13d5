/**
 * The instruction pass of BuildKit's frontend (frontend/dockerfile/instructions/parse.go):
 * each instruction's argument count, flags and special rules, checked in the
 * order BuildKit checks them, so that the first error is the one Docker prints.
 */
import { InstructionError } from './errors';
import { parseGoDuration } from './duration';
import { INSTRUCTION_FLAGS, parseFlags, type Flag } from './flags';
import { parseHeredocWord } from './heredoc';
import { KEYWORDS, type Keyword } from './instruction';
import { withSuggestion } from './suggest';
import { goQuote } from './text';

/** What the parser pass produced for one instruction, before it is checked. */
export interface RawInstruction {
  keywordAsWritten: string;
  flagWords: string[];
  args: string[];
  json: boolean;
}

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const NO_FLAGS: Readonly<Record<string, never>> = {};

const atLeastOne = (cmd: string): InstructionError => new InstructionError(`${cmd} requires at least one argument`);
const exactlyOne = (cmd: string): InstructionError => new InstructionError(`${cmd} requires exactly one argument`);
const noDestination = (cmd: string): InstructionError =>
  new InstructionError(`${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`);
const blankNames = (cmd: string): InstructionError => new InstructionError(`${cmd} names can not be blank`);

/** The keyword, or throws `unknown instruction: X (did you mean Y?)`. */
export function knownKeyword(asWritten: string): Keyword {
  const upper = asWritten.toUpperCase();
  const keyword = KEYWORDS.find((k) => k === upper);
  if (keyword === undefined) throw new InstructionError(withSuggestion(`unknown instruction: ${asWritten}`, asWritten, KEYWORDS, false));
  return keyword;
}

/** parseKvps (ENV, LABEL). */
function checkKeyValues(args: readonly string[], cmd: string): void {
  if (args.length === 0) throw atLeastOne(cmd);
  if (args.length % 2 !== 0) throw new InstructionError(`Bad input to ${cmd}, too many arguments`);
  for (let i = 0; i < args.length; i += 2) if (args[i] === '') throw blankNames(cmd);
}

/** parseOptInterval: a duration flag of at least 1ms, when given. */
function checkInterval(flags: readonly Flag[], name: string): void {
  const value = flags.find((f) => f.name === name)?.value;
  if (value === undefined || value === '') return;
  if (parseGoDuration(value) < 1e6) throw new InstructionError(`Interval ${goQuote(name)} cannot be less than 1ms`);
}

function checkHealthcheck(raw: RawInstruction): Flag[] {
  const [type = '', ...rest] = raw.args;
  if (raw.args.length === 0) throw atLeastOne('HEALTHCHECK');
  const typ = type.toUpperCase();
  if (typ === 'NONE') {
    // BuildKit does not look at the flags of HEALTHCHECK NONE at all.
    if (rest.length !== 0) throw new InstructionError('HEALTHCHECK NONE takes no arguments');
    return [];
  }
  const flags = parseFlags(raw.flagWords, INSTRUCTION_FLAGS.healthcheck ?? NO_FLAGS);
  if (typ !== 'CMD') throw new InstructionError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  if (rest.length === 0) throw new InstructionError('Missing command after HEALTHCHECK CMD');
  checkInterval(flags, 'interval');
  checkInterval(flags, 'timeout');
  checkInterval(flags, 'start-period');
  checkInterval(flags, 'start-interval');
  const retries = flags.find((f) => f.name === 'retries')?.value;
  if (retries !== undefined && retries !== '') {
    if (!/^[+-]?\d+$/.test(retries) || Math.abs(Number(retries)) > 2147483647) {
      const reason = /^[+-]?\d+$/.test(retries) ? 'value out of range' : 'invalid syntax';
      throw new InstructionError(`strconv.ParseInt: parsing ${goQuote(retries)}: ${reason}`);
    }
    if (Number(retries) < 1) throw new InstructionError(`--retries must be at least 1 (not ${Number(retries)})`);
  }
  return flags;
}

function checkSourcesAndDest(raw: RawInstruction, cmd: 'ADD' | 'COPY'): Flag[] {
  if (raw.args.length < 2) throw noDestination(cmd);
  const flags = parseFlags(raw.flagWords, INSTRUCTION_FLAGS[cmd.toLowerCase()] ?? NO_FLAGS);
  const dest = raw.args[raw.args.length - 1] ?? '';
  if (parseHeredocWord(dest)) throw new InstructionError(`${cmd} cannot accept a heredoc as a destination`);
  return flags;
}

/** Check one instruction as BuildKit's ParseInstruction does; returns its parsed flags. */
export function checkInstruction(keyword: Keyword, raw: RawInstruction): Flag[] {
  const flagsOf = (): Flag[] => parseFlags(raw.flagWords, INSTRUCTION_FLAGS[keyword.toLowerCase()] ?? NO_FLAGS);
  const args = raw.args;
  switch (keyword) {
    case 'ENV':
    case 'LABEL': {
      const flags = flagsOf();
      checkKeyValues(args, keyword);
      return flags;
    }
    case 'MAINTAINER':
    case 'WORKDIR':
    case 'USER':
      if (args.length !== 1) throw exactlyOne(keyword);
      return flagsOf();
    case 'STOPSIGNAL':
      // BuildKit never parses STOPSIGNAL's flags.
      if (args.length !== 1) throw exactlyOne(keyword);
      return [];
    case 'ADD':
    case 'COPY':
      return checkSourcesAndDest(raw, keyword);
    case 'FROM': {
      if (args.length === 3 && (args[1] ?? '').toLowerCase() === 'as') {
        if (!STAGE_NAME.test((args[2] ?? '').toLowerCase())) {
          throw new InstructionError(`invalid name for build stage: ${goQuote(args[2] ?? '')}, name can't start with a number or contain symbols`);
        }
      } else if (args.length !== 1) {
        throw new InstructionError('FROM requires either one or three arguments');
      }
      return flagsOf();
    }
    case 'ONBUILD': {
      if (args.length === 0) throw atLeastOne('ONBUILD');
      const flags = flagsOf();
      const trigger = (args[0] ?? '').trim().toUpperCase();
      if (trigger === 'ONBUILD') throw new InstructionError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new InstructionError(`${trigger} isn't allowed as an ONBUILD trigger`);
      return flags;
    }
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
      return flagsOf();
    case 'HEALTHCHECK':
      return checkHealthcheck(raw);
    case 'EXPOSE':
    case 'VOLUME': {
      if (args.length === 0) throw atLeastOne(keyword);
      const flags = flagsOf();
      if (keyword === 'VOLUME' && args.some((v) => v.trim() === '')) throw new InstructionError('VOLUME specified can not be an empty string');
      return flags;
    }
    case 'ARG':
      // BuildKit never parses ARG's flags.
      if (args.length < 1) throw atLeastOne('ARG');
      for (const arg of args) if (arg.includes('=') && arg.startsWith('=')) throw blankNames('ARG');
      return [];
    case 'SHELL': {
      const flags = flagsOf();
      if (args.length === 0) throw atLeastOne('SHELL');
      if (!raw.json) throw new InstructionError('SHELL requires the arguments to be in JSON form');
      return flags;
    }
  }
}
