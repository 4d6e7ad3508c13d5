import type { CommandContext } from '../shell/command';

/** A flag as pflag declares it. */
export interface FlagSpec {
  name: string;
  shorthand?: string;
  /** 'bool' flags take no value; 'list' flags may repeat and collect their values. */
  type: 'bool' | 'string' | 'list';
  /** The value's name in help (`--filter filter`); the type's name by default. */
  varname?: string;
  /** Checks a value as the flag's pflag.Value.Set does; returns the error text, if any. */
  validate?(value: string): string | undefined;
  /** Help text; lines separated by '\n' stay separate, as in Docker's own help. */
  usage: string;
  /** pflag's MarkDeprecated: hidden from help, still accepted with this message (`use --timeout instead`). */
  deprecated?: string;
  /** Sets another flag's value (an old name of it, as `--time` is of `--timeout`). */
  storesInto?: string;
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
  /** cobra's `Long`: the description `--help` shows instead of `short`, when it has one. */
  long?: string;
  /**
   * What `--help` describes when it is not this command itself: `docker
   * build` is buildx's build unless DOCKER_BUILDKIT=0 asks for the CLI's own.
   */
  helpFor?(context: CommandContext): { command: DockerCommand; path: string } | undefined;
  /** Other spellings listed under "Aliases:" in help (`docker image ls, docker image list, docker images`). */
  aliases?: string[];
  /** Where `docker --help` lists the command; `top` sets the order among Common Commands. */
  category: { group: 'common'; top: number } | { group: 'management' | 'swarm' | 'other' };
  flags: FlagSpec[];
  /** False when flags stop at the first argument (`docker run IMAGE ls -l`: `-l` belongs to ls). */
  interspersed?: boolean;
  args: ArgsRule;
  run(context: CommandContext, flags: FlagValues, args: string[]): Promise<number>;
}

/** A command that groups others (`docker image`, `docker container`): cobra's parent commands. */
export interface ManagementCommand {
  kind: 'management';
  name: string;
  short: string;
  category: { group: 'management' };
  subcommands: DockerCommand[];
}

export type RootCommand = DockerCommand | ManagementCommand;

export function isManagement(command: RootCommand): command is ManagementCommand {
  return 'kind' in command && command.kind === 'management';
}
