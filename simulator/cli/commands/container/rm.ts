import { isRunning, type Container } from '../../../container/container';
import { killContainer } from '../../../daemon/lifecycle';
import { deleteContainer } from '../../../daemon/containers';
import { conflict, EngineError } from '../../../errdefs/errors';
import type { Engine } from '../../../daemon/engine';
import { NoSuchContainerError } from '../../../container/store';
import type { DockerCommand } from '../../command';

/**
 * moby's cleanupContainer: a running container is refused unless forced
 * (paused ones must be unpaused first); forced, its process is killed
 * (SIGKILL) before the container goes.
 */
async function removeContainer(engine: Engine, container: Container, force: boolean): Promise<void> {
  if (isRunning(container.state)) {
    if (!force) {
      const state = container.state.status;
      throw conflict(
        state === 'paused'
          ? `cannot remove container "/${container.name}": container is paused and must be unpaused first`
          : `cannot remove container "/${container.name}": container is ${state}: stop the container before removing or force remove`,
      );
    }
    try {
      await killContainer(engine, container);
    } catch (error) {
      // Gone by itself meanwhile (moby's isNotRunning): nothing left to kill.
      if (!(error instanceof EngineError) || isRunning(container.state)) throw error;
    }
  }
  deleteContainer(engine, container);
}

/**
 * docker rm [OPTIONS] CONTAINER [CONTAINER...] — prints each name as given;
 * errors are gathered and printed at the end, except that with -f a
 * container that does not exist is only reported (docker/cli's runRm).
 */
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
    const force = flags.get('force') === true;
    const errors: string[] = [];
    for (const name of names) {
      // The client trims slashes before it asks the daemon (`docker rm /web` removes web).
      const reference = name.replace(/^\/+|\/+$/g, '');
      if (reference === '') {
        errors.push('container name cannot be empty');
        continue;
      }
      try {
        await removeContainer(context.engine, context.engine.containers.get(reference), force);
        await context.stdout.write(`${name}\n`);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        if (force && error instanceof NoSuchContainerError) {
          await context.stderr.write(`Error response from daemon: ${error.message}\n`);
          continue;
        }
        errors.push(`Error response from daemon: ${error.message}`);
      }
    }
    if (errors.length === 0) return 0;
    await context.stderr.write(`${errors.join('\n')}\n`);
    return 1;
  },
};
