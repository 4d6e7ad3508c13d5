import { isRunning, type Container } from '../../../container/container';
import { settle, startContainer, StartFailure } from '../../../daemon/lifecycle';
import { EngineError } from '../../../errdefs/errors';
import { InvalidReferenceError } from '../../../reference/reference';
import type { ProcessIO } from '../../../runtime/process';
import { SIGNALS } from '../../../runtime/process';
import { abortable } from '../../../session/clock';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand, FlagSpec } from '../../command';
import { CONTAINER_FLAGS, createFromFlags } from './create';

/** The client's streams as an attached container sees them (docker attach's hijacked connection). */
export function attachedIO(context: CommandContext, container: Container, withStdin: boolean): ProcessIO {
  return {
    stdout: context.stdout,
    stderr: context.stderr,
    readLine: withStdin ? (prompt) => context.readLine(prompt) : async () => null,
    tty: container.config.Tty === true,
    columns: context.columns,
    ...(context.onInterrupt ? { onInterrupt: context.onInterrupt } : {}),
  };
}

/**
 * Waits for an attached container's process, forwarding Ctrl-C to it as
 * SIGINT (docker's sig-proxy); with a TTY the keystroke goes to the
 * container's terminal instead, which its shell takes over.
 */
export async function waitAttached(context: CommandContext, container: Container, exited: Promise<number>): Promise<number> {
  const release = container.config.Tty ? undefined : context.onInterrupt?.(() => context.engine.processes.get(container.id)?.signals.deliver(SIGNALS.SIGINT));
  try {
    return await abortable(exited, context.signal);
  } finally {
    release?.();
  }
}

const DETACH_FLAG: FlagSpec = { name: 'detach', shorthand: 'd', type: 'bool', usage: 'Run container in background and print container ID' };

/** docker run: create, start, and (unless -d) attach and exit with the container's status. */
export const runCommand: DockerCommand = {
  name: 'run',
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  aliases: ['docker container run', 'docker run'],
  category: { group: 'common', top: 1 },
  flags: [...CONTAINER_FLAGS, DETACH_FLAG].sort((a, b) => a.name.localeCompare(b.name)),
  interspersed: false,
  args: { kind: 'min', count: 1 },
  async run(context, flags, args) {
    const failed = async (message: string, status: number): Promise<number> => {
      // docker/cli's run.go: the error, a blank line and the help hint.
      await context.stderr.write(`docker: ${message}\n\nRun 'docker run --help' for more information\n`);
      return status;
    };
    let container: Container;
    try {
      container = await createFromFlags(context, flags, args);
    } catch (error) {
      if (error instanceof EngineError) return failed(`Error response from daemon: ${error.message}`, 125);
      if (error instanceof InvalidReferenceError) return failed(error.message, 125);
      throw error;
    }
    const detach = flags.get('detach') === true;
    try {
      const process = startContainer(context.engine, container, detach ? undefined : { io: attachedIO(context, container, flags.get('interactive') === true) });
      if (detach) {
        await settle(container, process);
        await context.stdout.write(`${container.id}\n`);
        return 0;
      }
      return await waitAttached(context, container, process.exited);
    } catch (error) {
      if (error instanceof StartFailure) {
        if (container.hostConfig.autoRemove && !isRunning(container.state)) context.engine.containers.delete(container.id);
        return failed(`Error response from daemon: ${error.message}`, error.status);
      }
      if (error instanceof EngineError) return failed(`Error response from daemon: ${error.message}`, 125);
      throw error;
    }
  },
};
