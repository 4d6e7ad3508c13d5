import { settle, startContainer } from '../../../daemon/lifecycle';
import { EngineError, invalidParameter } from '../../../errdefs/errors';
import type { DockerCommand } from '../../command';
import { attachedIO, waitAttached } from './run';

/** The daemon's answer to --checkpoint: Engine 28 runs without experimental features (moby's ContainerStart). */
const CHECKPOINT_UNSUPPORTED = 'checkpoint is only supported in experimental mode';

/**
 * docker start: starts stopped containers, printing each name as given (a
 * running one is left as it is); with -a, attaches to one and exits with its
 * status (docker/cli's RunStart).
 */
export const startCommand: DockerCommand = {
  name: 'start',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  aliases: ['docker container start', 'docker start'],
  category: { group: 'other' },
  flags: [
    { name: 'attach', shorthand: 'a', type: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    { name: 'checkpoint', type: 'string', usage: 'Restore from this checkpoint' },
    { name: 'checkpoint-dir', type: 'string', usage: 'Use a custom checkpoint storage directory' },
    { name: 'detach-keys', type: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'interactive', shorthand: 'i', type: 'bool', usage: "Attach container's STDIN" },
  ],
  args: { kind: 'min', count: 1 },
  async run(context, flags, names) {
    const attach = flags.get('attach') === true || flags.get('interactive') === true;
    const checkpoint = (flags.get('checkpoint') as string | undefined) ?? '';
    if (attach) {
      if (names.length > 1) {
        await context.stderr.write('you cannot start and attach multiple containers at once\n');
        return 1;
      }
      try {
        // docker/cli inspects the container, attaches, then asks the daemon to start it.
        const container = context.engine.containers.get(names[0] ?? '');
        if (checkpoint !== '') throw invalidParameter(CHECKPOINT_UNSUPPORTED);
        // Stdin is attached only when asked for (-i) and the container keeps it open.
        const withStdin = flags.get('interactive') === true && container.config.OpenStdin === true;
        const io = attachedIO(context, container, withStdin);
        // Already running, the start is a no-op, but the attach holds: the client follows the process from now on.
        const running = context.engine.processes.get(container.id);
        const process = running && container.state.status === 'running' ? running : startContainer(context.engine, container, { io });
        const detach = process === running ? process.attach(io) : undefined;
        try {
          return await waitAttached(context, container, process.exited);
        } finally {
          detach?.();
        }
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        await context.stderr.write(`Error response from daemon: ${error.message}\n`);
        return 1;
      }
    }
    if (checkpoint !== '') {
      if (names.length > 1) {
        await context.stderr.write('you cannot restore multiple containers at once\n');
        return 1;
      }
      // The daemon refuses the checkpoint before it looks the container up.
      await context.stderr.write(`Error response from daemon: ${CHECKPOINT_UNSUPPORTED}\n`);
      return 1;
    }
    // Each error is printed as it happens; the failed names are listed at the end.
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
