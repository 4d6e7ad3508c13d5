import type { Command, CommandContext } from '../shell/command';
import type { CompletionCandidate } from '../session/types';
import type { DockerCommand } from './command';
import { DOCKER_COMMANDS } from './commands';
import { ENGINE_VERSION } from '../daemon/version';
import { FlagError, parseFlags } from './flags';
import { commandHelp, GLOBAL_FLAGS, rootHelp, usageHint } from './usage';

/**
 * The `docker` command: global flags, subcommand dispatch, and cobra's usage
 * errors with their exit codes (125 for flag errors, 1 for argument errors).
 */
export function dockerCli(commands: readonly DockerCommand[] = DOCKER_COMMANDS): Command {
  const byName = new Map(commands.map((command) => [command.name, command]));

  async function run(context: CommandContext): Promise<number> {
    const { stdout, stderr } = context;
    let parsed;
    try {
      parsed = parseFlags(context.argv.slice(1), GLOBAL_FLAGS, false);
    } catch (error) {
      if (!(error instanceof FlagError)) throw error;
      await stderr.write(`${error.message}\n${usageHint(undefined)}`);
      return 125;
    }
    if (parsed.flags.get('version') === true) {
      await stdout.write(`Docker version ${ENGINE_VERSION.client.version}, build ${ENGINE_VERSION.client.gitCommit}\n`);
      return 0;
    }
    const [name, ...rest] = parsed.args;
    if (name === undefined || parsed.help) {
      await stdout.write(rootHelp(commands, context.columns));
      return 0;
    }
    const command = byName.get(name);
    if (!command) {
      await stderr.write(`docker: unknown command: docker ${name}\n\nRun 'docker --help' for more information\n`);
      return 1;
    }
    return runCommand(command, rest, context);
  }

  return {
    name: 'docker',
    summary: 'the Docker command-line client',
    run,
    complete: (words, partial) => completeDocker(byName, words, partial),
  };
}

async function runCommand(command: DockerCommand, argv: string[], context: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(argv, command.flags);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    await context.stderr.write(`${error.message}\n${usageHint(command)}`);
    return 125;
  }
  if (parsed.help) {
    await context.stdout.write(commandHelp(command, context.columns));
    return 0;
  }
  const argsError = checkArgs(command, parsed.args.length);
  if (argsError) {
    await context.stderr.write(argsError);
    return 1;
  }
  return command.run(context, parsed.flags, parsed.args);
}

/**
 * The positional-argument validators of docker/cli's cli/required.go, with
 * their texts to the letter (including "See" in the minimum rule and "SRun"
 * in the maximum rule, as Docker 28 prints them).
 */
function checkArgs(command: DockerCommand, count: number): string | undefined {
  const rule = command.args;
  const path = `docker ${command.name}`;
  const usage = `\n\nUsage:  ${path} ${command.use}\n\n`;
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  switch (rule.kind) {
    case 'any':
      return undefined;
    case 'none':
      return count === 0 ? undefined : `docker: '${path}' accepts no arguments${usage}Run '${path} --help' for more information\n`;
    case 'exact':
      return count === rule.count ? undefined : `docker: '${path}' requires ${rule.count} ${plural(rule.count)}${usage}Run '${path} --help' for more information\n`;
    case 'min':
      return count >= rule.count ? undefined : `docker: '${path}' requires at least ${rule.count} ${plural(rule.count)}${usage}See '${path} --help' for more information\n`;
    case 'max':
      return count <= rule.count ? undefined : `docker: '${path}' requires at most ${rule.count} ${plural(rule.count)}${usage}SRun '${path} --help' for more information\n`;
    case 'range':
      return count >= rule.min && count <= rule.max
        ? undefined
        : `docker: '${path}' requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}${usage}Run '${path} --help' for more information\n`;
  }
}

function completeDocker(byName: ReadonlyMap<string, DockerCommand>, words: readonly string[], partial: string): CompletionCandidate[] {
  const subcommand = words.find((word) => !word.startsWith('-'));
  if (subcommand === undefined) {
    const choices = partial.startsWith('-') ? GLOBAL_FLAGS.map((flag) => `--${flag.name}`).concat('--help') : [...byName.keys()];
    return withPrefix(choices, partial);
  }
  const command = byName.get(subcommand);
  if (!command || !partial.startsWith('-')) return [];
  return withPrefix(command.flags.map((flag) => `--${flag.name}`).concat('--help'), partial);
}

function withPrefix(choices: readonly string[], partial: string): CompletionCandidate[] {
  return choices
    .filter((choice) => choice.startsWith(partial))
    .sort()
    .map((value) => ({ value }));
}
