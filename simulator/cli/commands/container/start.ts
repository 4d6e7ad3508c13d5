import { settle, startContainer } from '../../../daemon/lifecycle';
import { EngineError } from '../../../errdefs/errors';
import type { DockerCommand } from '../../command';
import { attachedIO, waitAttached } from './run';

/** docker start: starts stopped containers; with -a, attaches to one and exits with its status. */
export const startCommand: DockerCommand = {
  name: 'start',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  aliases: ['docker container start', 'docker start'],
  category: { group: 'other' },
  flags: [
    { name: 'attach', shorthand: 'a', type: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    { name: 'interactive', shorthand: 'i', type: 'bool', usage: "Attach container's STDIN" },
  ],
  args: { kind: 'min', count: 1 },
  async run(context, flags, names) {
    const attach = flags.get('attach') === true || flags.get('interactive') === true;
    if (attach) {
      if (names.length > 1) {
        await context.stderr.write('you cannot start and attach multiple containers at once\n');
        return 1;
      }
      try {
        const container = context.engine.containers.get(names[0] ?? '');
        const process = startContainer(context.engine, container, { io: attachedIO(context, container, flags.get('interactive') === true) });
        return await waitAttached(context, container, process.exited);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        await context.stderr.write(`Error response from daemon: ${error.message}\n`);
        return 1;
      }
    }
    const failed: string[] = [];
    for (const name of names) {
      try {
        const container = context.engine.containers.get(name);
        await settle(container, startContainer(context.engine, container));
        await context.stdout.write(`${name}\n`);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        await context.stderr.write(`Error response from daemon: ${error.message}\n`);
        failed.push(name);
      }
    }
    if (failed.length === 0) return 0;
    await context.stderr.write(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  },
};
