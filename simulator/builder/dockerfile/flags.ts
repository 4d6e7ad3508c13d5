/**
 * Instruction flags such as `--from=build` or `--link`: how BuildKit's parser
 * separates them from the arguments (parser/split_command.go, extractBuilderFlags)
 * and how each instruction then checks them (instructions/bflag.go).
 */
import { InstructionError } from './errors';
import { withSuggestion } from './suggest';
import { isSpace } from './text';

export interface Flag {
  /** The name without dashes: `from`, `chown`, `mount`. */
  name: string;
  /** The value after `=`, quotes removed; undefined for a bare `--link`. */
  value: string | undefined;
  /** The flag as BuildKit keeps it: `--from=build`. */
  text: string;
}

/**
 * extractBuilderFlags: the leading words that start with `--`, then the rest of
 * the line. Only `--name=value` and `--name` count; a flag's value is never the
 * next word. Quotes are removed and `\` escapes (always `\`, whatever the escape
 * directive) are resolved; a bare `--` ends the flags.
 */
export function extractFlags(line: string): { rest: string; flags: string[] } {
  const flags: string[] = [];
  const chars = [...line];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  // Offsets into `line` in UTF-16 units, to cut the rest of the line as written.
  let offset = 0;
  for (let pos = 0; pos <= chars.length; pos++) {
    let ch = chars[pos] ?? '';
    if (phase === 'spaces') {
      if (pos === chars.length) break;
      if (isSpace(ch)) {
        offset += ch.length;
        continue;
      }
      if (ch !== '-' || pos + 1 === chars.length || chars[pos + 1] !== '-') return { rest: line.slice(offset), flags };
      phase = 'word';
    }
    if (pos === chars.length) {
      if (word !== '--' && (blankOK || word.length > 0)) flags.push(word);
      break;
    }
    if (phase === 'word') {
      if (isSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { rest: line.slice(offset), flags };
        if (blankOK || word.length > 0) flags.push(word);
        word = '';
        blankOK = false;
        offset += ch.length;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        offset += ch.length;
        continue;
      }
      if (ch === '\\') {
        offset += ch.length;
        if (pos + 1 === chars.length) continue;
        pos++;
        ch = chars[pos] ?? '';
      }
      word += ch;
      offset += ch.length;
      continue;
    }
    // Inside quotes.
    offset += ch.length;
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === chars.length) {
        phase = 'word';
        continue;
      }
      pos++;
      ch = chars[pos] ?? '';
      offset += ch.length;
    }
    word += ch;
  }
  return { rest: '', flags };
}

export type FlagKind = 'bool' | 'string' | 'strings';

/** The flags each instruction accepts (BuildKit's parse.go and its RUN hooks), names sorted. */
export const INSTRUCTION_FLAGS: Readonly<Record<string, Readonly<Record<string, FlagKind>>>> = {
  add: { checksum: 'string', chmod: 'string', chown: 'string', exclude: 'strings', 'keep-git-dir': 'bool', link: 'bool', unpack: 'bool' },
  copy: { chmod: 'string', chown: 'string', exclude: 'strings', from: 'string', link: 'bool', parents: 'bool' },
  from: { platform: 'string' },
  healthcheck: { interval: 'string', retries: 'string', 'start-interval': 'string', 'start-period': 'string', timeout: 'string' },
  run: { device: 'strings', mount: 'strings', network: 'string', security: 'string' },
};

/**
 * BFlags.Parse: check the flags against those the instruction accepts and
 * return them parsed. Errors carry BuildKit's texts.
 */
export function parseFlags(words: readonly string[], accepted: Readonly<Record<string, FlagKind>>): Flag[] {
  const used = new Set<string>();
  const out: Flag[] = [];
  for (const word of words) {
    if (word === '--') break;
    if (!word.startsWith('--')) throw new InstructionError(`arg should start with -- : ${word}`);
    const eq = word.indexOf('=');
    const flagName = eq < 0 ? word : word.slice(0, eq);
    const value = eq < 0 ? undefined : word.slice(eq + 1);
    const name = flagName.slice(2);
    const kind = Object.prototype.hasOwnProperty.call(accepted, name) ? accepted[name] : undefined;
    if (kind === undefined) {
      throw new InstructionError(withSuggestion(`unknown flag: ${flagName}`, name, Object.keys(accepted), true));
    }
    if (used.has(name) && kind !== 'strings') throw new InstructionError(`duplicate flag specified: ${flagName}`);
    used.add(name);
    if (kind === 'bool') {
      if (value === '') throw new InstructionError(`missing a value on flag: ${flagName}`);
      const lower = (value ?? '').toLowerCase();
      if (lower !== '' && lower !== 'true' && lower !== 'false') {
        throw new InstructionError(`expecting boolean value for flag ${flagName}, not: ${value ?? ''}`);
      }
    } else if (value === undefined) {
      throw new InstructionError(`missing a value on flag: ${flagName}`);
    }
    out.push({ name, value, text: word });
  }
  return out;
}
