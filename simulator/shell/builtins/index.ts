import { dockerCli } from '../../cli/docker';
import type { Command } from '../command';
import { cd } from './cd';
import { clear } from './clear';
import { echo } from './echo';
import { help } from './help';
import { pwd } from './pwd';
import { read } from './read';
import { sleep } from './sleep';

/** The commands of the learner's machine, by name. */
export function hostCommands(): Map<string, Command> {
  return new Map([cd, clear, dockerCli(), echo, help, pwd, read, sleep].map((command) => [command.name, command]));
}
