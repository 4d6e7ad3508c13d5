import type { Command, CommandContext, CompletionContext } from '../shell/command';
import { familiarString } from '../reference/reference';
import type { CompletionCandidate } from '../session/types';
import { isManagement, type DockerCommand, type ManagementCommand, type RootCommand } from './command';
import { DOCKER_COMMANDS } from './commands';
import { ENGINE_VERSION } from '../daemon/version';
import { FlagError, parseFlags } from './flags';
import { loadDockerConfig } from './config-file';
import { commandHelp, GLOBAL_FLAGS, managementHelp, rootHelp, usageHint } from './usage';

/**
 * The `docker` command: global flags, subcommand dispatch, and cobra's usage
 * errors with their exit codes (125 for flag errors, 1 for argument errors).
 */
export function dockerCli(commands: readonly RootCommand[] = DOCKER_COMMANDS): Command {
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
    if (isManagement(command)) return runManagement(command, rest, context);
    return runCommand(command, `docker ${name}`, rest, context);
  }

  return {
    name: 'docker',
    summary: 'the Docker command-line client',
    run,
    complete: (words, partial, context) => completeDocker(byName, words, partial, context),
  };
}

/** `docker image ls …`: find the subcommand, or say what cobra says. */
async function runManagement(command: ManagementCommand, argv: string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    await context.stdout.write(managementHelp(command));
    return 0;
  }
  // cobra finds a subcommand by its name or one of its aliases (`docker image list`, `docker container remove`);
  // the path it prints (usage, help, argument errors) is CommandPath(), built from the name (`docker image ls`).
  const sub =
    command.subcommands.find((candidate) => candidate.name === name) ??
    command.subcommands.find((candidate) => candidate.aliases?.includes(`docker ${command.name} ${name}`));
  if (!sub) {
    const path = `docker ${command.name}`;
    // cli.NoArgs prints the parent's use line, which has no COMMAND.
    await context.stderr.write(`docker: unknown command: ${path} ${name}\n\nUsage:  ${path}\n\nRun '${path} --help' for more information\n`);
    return 1;
  }
  return runCommand(sub, `docker ${command.name} ${sub.name}`, rest, context);
}

async function runCommand(command: DockerCommand, path: string, argv: string[], context: CommandContext): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(argv, command.flags, command.interspersed ?? true);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    await context.stderr.write(`${error.message}\n${usageHint(command, path)}`);
    return 125;
  }
  for (const warning of parsed.warnings) await context.stderr.write(`${warning}\n`);
  if (parsed.help) {
    const described = command.helpFor?.(context) ?? { command, path };
    await context.stdout.write(commandHelp(described.command, described.path, context.columns));
    return 0;
  }
  const argsError = checkArgs(command, path, parsed.args.length);
  if (argsError) {
    await context.stderr.write(argsError);
    return 1;
  }
  // The CLI loads config.json before any command runs (its PersistentPreRunE); a broken file is warned about every time.
  const { warning } = loadDockerConfig(context);
  if (warning) await context.stderr.write(`${warning}\n`);
  return command.run(context, parsed.flags, parsed.args);
}

/**
 * The positional-argument validators of docker/cli's cli/required.go, with
 * their texts to the letter (including "See" in the minimum rule and "SRun"
 * in the maximum rule, as Docker 28 prints them).
 */
function checkArgs(command: DockerCommand, path: string, count: number): string | undefined {
  const rule = command.args;
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

/** Commands whose arguments are images, completed with the local image names. */
const IMAGE_ARGUMENT_COMMANDS = new Set(['history', 'inspect', 'rmi', 'rm', 'tag', 'run', 'create', 'push', 'save']);

function completeDocker(byName: ReadonlyMap<string, RootCommand>, words: readonly string[], partial: string, context: CompletionContext): CompletionCandidate[] {
  const positional = words.filter((word) => !word.startsWith('-'));
  const [first, second] = positional;
  if (first === undefined) {
    const choices = partial.startsWith('-') ? GLOBAL_FLAGS.map((flag) => `--${flag.name}`).concat('--help') : [...byName.keys()];
    return withPrefix(choices, partial);
  }
  const root = byName.get(first);
  if (!root) return [];
  let command: DockerCommand | undefined;
  if (isManagement(root)) {
    if (second === undefined) return partial.startsWith('-') ? withPrefix(['--help'], partial) : withPrefix(root.subcommands.map((sub) => sub.name), partial);
    command = root.subcommands.find((sub) => sub.name === second);
  } else {
    command = root;
  }
  if (!command) return [];
  if (partial.startsWith('-')) return withPrefix(command.flags.map((flag) => `--${flag.name}`).concat('--help'), partial);
  if (!IMAGE_ARGUMENT_COMMANDS.has(command.name)) return [];
  const names = context.engine.references.all().filter(({ ref }) => ref.digest === undefined).map(({ ref }) => familiarString(ref));
  return withPrefix([...new Set(names)], partial);
}

function withPrefix(choices: readonly string[], partial: string): CompletionCandidate[] {
  return choices
    .filter((choice) => choice.startsWith(partial))
    .sort()
    .map((value) => ({ value }));
}
