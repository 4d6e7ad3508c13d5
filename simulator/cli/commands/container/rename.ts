import { renameContainer } from '../../../daemon/rename';
import { EngineError } from '../../../errdefs/errors';
import type { DockerCommand } from '../../command';

/**
 * docker rename CONTAINER NEW_NAME. Docker 28's CLI trims both names and
 * refuses blank ones itself; when the daemon refuses, it prints the daemon's
 * error and then its own line naming the container.
 */
export const renameCommand: DockerCommand = {
  name: 'rename',
  use: 'CONTAINER NEW_NAME',
  short: 'Rename a container',
  aliases: ['docker container rename', 'docker rename'],
  category: { group: 'other' },
  flags: [],
  args: { kind: 'exact', count: 2 },
  async run(context, _flags, [oldArg = '', newArg = '']) {
    const oldName = oldArg.trim();
    const newName = newArg.trim();
    if (oldName === '' || newName === '') {
      await context.stderr.write('Error: Neither old nor new names may be empty\n');
      return 1;
    }
    try {
      renameContainer(context.engine, oldName, newName);
      return 0;
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      await context.stderr.write(`Error response from daemon: ${error.message}\nError: failed to rename container named ${oldName}\n`);
      return 1;
    }
  },
};
