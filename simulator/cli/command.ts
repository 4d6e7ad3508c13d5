import type { CommandContext } from '../shell/command';

/** A flag as pflag declares it. */
export interface FlagSpec {
  name: string;
  shorthand?: string;
  /** 'bool' flags take no value; others print their type name (`string`, `list`) in help. */
  type: 'bool' | 'string' | 'list';
  /** Help text; lines separated by '\n' stay separate, as in Docker's own help. */
  usage: string;
}

/** What a docker subcommand accepts as positional arguments: the validators of docker/cli's cli/required.go. */
export type ArgsRule =
  | { kind: 'none' }
  | { kind: 'any' }
  | { kind: 'exact'; count: number }
  | { kind: 'min'; count: number }
  | { kind: 'max'; count: number }
  | { kind: 'range'; min: number; max: number };

export type FlagValues = ReadonlyMap<string, string | boolean | string[]>;

export interface DockerCommand {
  /** The word after `docker`. */
  name: string;
  /** Cobra's `Use` without the name: `[OPTIONS]`. */
  use: string;
  /** The one-line description shown in lists and under Usage. */
  short: string;
  /** Where `docker --help` lists the command; `top` sets the order among Common Commands. */
  category: { group: 'common'; top: number } | { group: 'management' | 'swarm' | 'other' };
  flags: FlagSpec[];
  args: ArgsRule;
  run(context: CommandContext, flags: FlagValues, args: string[]): Promise<number>;
}
