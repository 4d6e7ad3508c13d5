import type { DockerCommand, FlagSpec, ManagementCommand, RootCommand } from './command';

/**
 * Help and usage texts in the layout of the Docker CLI's cobra templates
 * (cli/cobra.go). Flag tables are wrapped as pflag's FlagUsagesWrapped does,
 * at the terminal width minus one.
 */

/** Global flags of the root command that the simulator honours. */
export const GLOBAL_FLAGS: FlagSpec[] = [{ name: 'version', shorthand: 'v', type: 'bool', usage: 'Print version information and quit' }];

const GROUP_TITLES = [
  ['common', 'Common Commands'],
  ['management', 'Management Commands'],
  ['swarm', 'Swarm Commands'],
  ['other', 'Commands'],
] as const;

/** `docker --help`, listing the commands the simulator has. */
export function rootHelp(commands: readonly RootCommand[], columns: number): string {
  const padding = Math.max(11, ...commands.map((command) => command.name.length));
  const sections = GROUP_TITLES.flatMap(([group, title]) => {
    const members = commands
      .filter((command) => command.category.group === group)
      .sort((a, b) => topOf(a) - topOf(b) || a.name.localeCompare(b.name));
    if (members.length === 0) return [];
    return [`${title}:\n${members.map((command) => `  ${command.name.padEnd(padding)} ${command.short}`).join('\n')}\n`];
  });
  return [
    'Usage:  docker [OPTIONS] COMMAND\n',
    'A self-sufficient runtime for containers\n',
    ...sections,
    `Global Options:\n${flagUsages(GLOBAL_FLAGS, columns)}`,
    "Run 'docker COMMAND --help' for more information on a command.\n",
    'For more help on how to use Docker, head to https://docs.docker.com/go/guides/\n',
  ].join('\n');
}

/** `docker image --help`: a management command's subcommands. */
export function managementHelp(command: ManagementCommand): string {
  const padding = Math.max(11, ...command.subcommands.map((sub) => sub.name.length));
  const subs = [...command.subcommands].sort((a, b) => a.name.localeCompare(b.name));
  return [
    `Usage:  docker ${command.name} COMMAND\n`,
    `${command.short}\n`,
    `Commands:\n${subs.map((sub) => `  ${sub.name.padEnd(padding)} ${sub.short}`).join('\n')}\n`,
    `Run 'docker ${command.name} COMMAND --help' for more information on a command.\n`,
  ].join('\n');
}

/** `docker <command> --help`; `path` is how the command was reached (`docker image ls`). */
export function commandHelp(command: DockerCommand, path: string, columns: number): string {
  const parts = [`Usage:  ${path} ${command.use}\n`, `${command.long ?? command.short}\n`];
  if (command.aliases) parts.push(`Aliases:\n  ${command.aliases.join(', ')}\n`);
  const shown = command.flags.filter((flag) => !flag.deprecated);
  if (shown.length > 0) parts.push(`Options:\n${flagUsages(shown, columns)}`);
  return parts.join('\n');
}

/** The tail cobra prints after a usage error; `path` is how the command was reached (`docker image ls`). */
export function usageHint(command: DockerCommand | undefined, path = 'docker'): string {
  return command
    ? `\nUsage:  ${path} ${command.use}\n\nRun '${path} --help' for more information\n`
    : `\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n`;
}

function topOf(command: RootCommand): number {
  return command.category.group === 'common' ? command.category.top : 0;
}

function flagUsages(flags: readonly FlagSpec[], columns: number): string {
  const heads = flags.map((flag) => {
    const names = flag.shorthand ? `  -${flag.shorthand}, --${flag.name}` : `      --${flag.name}`;
    return flag.type === 'bool' ? names : `${names} ${flag.varname ?? flag.type}`;
  });
  const maxlen = Math.max(...heads.map((head) => head.length)) + 1;
  return flags
    .map((flag, i) => {
      const head = heads[i] ?? '';
      return `${head} ${' '.repeat(maxlen - head.length)} ${wrap(maxlen + 2, columns - 1, flag.usage)}\n`;
    })
    .join('');
}

/** pflag's wrap: text indented by `indent`, wrapped to `width` with a little slop to avoid orphans. */
function wrap(indent: number, width: number, text: string): string {
  let room = width - indent;
  let result = '';
  if (room < 24) {
    indent = 16;
    room = width - indent;
    result += `\n${' '.repeat(indent)}`;
  }
  const newline = `\n${' '.repeat(indent)}`;
  if (room < 24) return result + text.replaceAll('\n', newline);
  const slop = 5;
  room -= slop;
  let [line, rest] = wrapLine(room, slop, text);
  result += line.replaceAll('\n', newline);
  while (rest !== '') {
    [line, rest] = wrapLine(room, slop, rest);
    result += newline + line.replaceAll('\n', newline);
  }
  return result;
}

function wrapLine(width: number, slop: number, text: string): [string, string] {
  if (width + slop > text.length) return [text, ''];
  const head = text.slice(0, width);
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (space <= 0) return [text, ''];
  const newline = head.lastIndexOf('\n');
  if (newline > 0 && newline < space) return [text.slice(0, newline), text.slice(newline + 1)];
  return [text.slice(0, space), text.slice(space + 1)];
}
