import { getCommandNames, type CommandName } from 'just-bash';

/** The interpreter's tools a Debian machine would not have out of the box. */
const NOT_ON_DEBIAN = new Set(['sqlite3', 'xan', 'yq', 'rg', 'html-to-markdown']);

/** Commands bash itself provides (no file in /usr/bin), which the interpreter implements as commands. */
export const SHELL_ONLY = new Set(['alias', 'unalias', 'history', 'help']);

/** The interpreter's tools the learner's machine has. */
export function hostTools(): CommandName[] {
  return getCommandNames().filter((name) => !NOT_ON_DEBIAN.has(name)) as CommandName[];
}

/** The binaries in the host's /usr/bin: its tools, coreutils' id and uname, and the docker client. */
export function hostBinaries(): string[] {
  return [...hostTools().filter((name) => !SHELL_ONLY.has(name)), 'docker', 'id', 'uname'].sort();
}
