import { isRunning } from '../../../container/container';
import { EngineError } from '../../../errdefs/errors';
import type { DockerCommand } from '../../command';

/** docker rm [OPTIONS] CONTAINER [CONTAINER...] — prints each name as given; errors are gathered and printed at the end. */
export const rmCommand: DockerCommand = {
  name: 'rm',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Remove one or more containers',
  aliases: ['docker container rm', 'docker container remove', 'docker rm'],
  category: { group: 'other' },
  flags: [
    { name: 'force', shorthand: 'f', type: 'bool', usage: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'link', shorthand: 'l', type: 'bool', usage: 'Remove the specified link' },
    { name: 'volumes', shorthand: 'v', type: 'bool', usage: 'Remove anonymous volumes associated with the container' },
  ],
  args: { kind: 'min', count: 1 },
  async run(context, flags, names) {
    const errors: string[] = [];
    for (const name of names) {
      try {
        const container = context.engine.containers.get(name);
        if (isRunning(container.state) && flags.get('force') !== true) {
          errors.push(`Error response from daemon: cannot remove container "/${container.name}": container is running: stop the container before removing or force remove`);
          continue;
        }
        context.engine.containers.delete(container.id);
        await context.stdout.write(`${name}\n`);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        errors.push(`Error response from daemon: ${error.message}`);
      }
    }
    if (errors.length === 0) return 0;
    await context.stderr.write(`${errors.join('\n')}\n`);
    return 1;
  },
};
