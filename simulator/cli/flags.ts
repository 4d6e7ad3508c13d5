import type { FlagSpec, FlagValues } from './command';

/** A usage error; the CLI prints it with the command's usage and exits 125, as cobra's FlagErrorFunc does. */
export class FlagError extends Error {}

export interface ParsedFlags {
  flags: FlagValues;
  args: string[];
  help: boolean;
  /** pflag's notices for deprecated flags that were used (`Flag --time has been deprecated, use --timeout instead`). */
  warnings: string[];
}

/**
 * Parses argv after the command name the way spf13/pflag does: `--name value`,
 * `--name=value`, `-n value`, `-nvalue`, grouped short booleans (`-aq`), `--`
 * ends the flags; flags and arguments may be interspersed unless `interspersed`
 * is false (the root `docker` command stops at the first argument).
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], interspersed = true): ParsedFlags {
  const flags = new Map<string, string | boolean | string[]>();
  const args: string[] = [];
  let help = false;
  const warnings: string[] = [];
  const set = (spec: FlagSpec, value: string | boolean): void => {
    const problem = typeof value === 'string' ? spec.validate?.(value) : undefined;
    if (problem !== undefined) {
      const names = spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
      throw new FlagError(`invalid argument "${value}" for "${names}" flag: ${problem}`);
    }
    if (spec.deprecated) warnings.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}`);
    const name = spec.storesInto ?? spec.name;
    if (spec.type === 'list') flags.set(name, [...((flags.get(name) as string[] | undefined) ?? []), String(value)]);
    else flags.set(name, value);
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name = '', inline] = splitOnce(arg.slice(2), '=');
      const spec = specs.find((candidate) => candidate.name === name);
      if (!spec) {
        if (name === 'help') {
          help = true;
          continue;
        }
        throw new FlagError(`unknown flag: --${name}`);
      }
      if (spec.type === 'bool') set(spec, inline === undefined ? true : parseBool(inline, `--${name}`));
      else if (inline !== undefined) set(spec, inline);
      else if (i + 1 < argv.length) set(spec, argv[++i] ?? '');
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j] ?? '';
        const spec = specs.find((candidate) => candidate.shorthand === letter);
        if (!spec) {
          if (letter === 'h') {
            help = true;
            continue;
          }
          throw new FlagError(`unknown shorthand flag: '${letter}' in ${arg}`);
        }
        if (spec.type === 'bool') {
          // `-H=false`: the rest of the group is the bool's value.
          if (arg[j + 1] === '=') {
            set(spec, parseBool(arg.slice(j + 2), `-${letter}`));
            break;
          }
          set(spec, true);
          continue;
        }
        const attached = arg.slice(j + 1).replace(/^=/, '');
        if (attached) set(spec, attached);
        else if (i + 1 < argv.length) set(spec, argv[++i] ?? '');
        else throw new FlagError(`flag needs an argument: '${letter}' in -${letter}`);
        break;
      }
      continue;
    }
    if (!interspersed) {
      args.push(...argv.slice(i));
      break;
    }
    args.push(arg);
  }
  return { flags, args, help, warnings };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function parseBool(value: string, flag: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value)) return false;
  throw new FlagError(`invalid argument "${value}" for "${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
}
