import { hostTools } from '../../host/programs';
import { dockerCli } from '../../cli/docker';
import type { Command } from '../command';
import { clear } from './clear';
import { help } from './help';
import { sleep } from './sleep';
import { date } from '../../runtime/programs/date';
import { hostname, id, uname, whoami } from '../../runtime/programs/identity';
import { jq } from '../../runtime/programs/jq';
import { ls } from '../../runtime/programs/ls';
import { tree } from '../../runtime/programs/tree';
import { uniq } from '../../runtime/programs/uniq';

/** Layerlab's own programs on the learner's machine, by name; the text tools come with the interpreter. */
export function hostPrograms(): Map<string, Command> {
  return new Map([clear, date, dockerCli(), help, hostname, id, jq, ls, sleep, tree, uname, uniq, whoami].map((command) => [command.name, command]));
}

/** The builtins a learner types as commands, offered by completion and `help` (the shell's full set is in builtin-names). */
const TYPED_BUILTINS = ['cd', 'exit', 'export', 'read', 'set', 'shopt', 'source', 'type', 'unset'];

/** Every command name of the host, for completion and `help`. */
export function hostCommandNames(programs: ReadonlyMap<string, Command>): string[] {
  return [...new Set([...hostTools(), ...TYPED_BUILTINS, ...programs.keys()])].sort();
}
