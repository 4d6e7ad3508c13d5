import type { Container } from '../../../container/container';
import { settle, startContainer } from '../../../daemon/lifecycle';
import { EngineError } from '../../../errdefs/errors';
import { InvalidReferenceError } from '../../../reference/reference';
import type { ProcessIO } from '../../../runtime/process';
import { SIGNALS } from '../../../runtime/process';
import { abortable } from '../../../session/clock';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand, FlagSpec } from '../../command';
import { ClientError, CONTAINER_FLAGS, createFromFlags } from './create';

/** The client's streams as an attached container sees them (docker attach's hijacked connection). */
export function attachedIO(context: CommandContext, container: Container, withStdin: boolean): ProcessIO {
  return {
    stdout: context.stdout,
    stderr: context.stderr,
    readLine: withStdin ? (prompt, completer) => context.readLine(prompt, completer) : async () => null,
    readsInput: withStdin,
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
    // docker/cli's withHelp and toStatusError: the error, a blank line and the
    // help hint; 127 when the command was not found, 126 when it could not be
    // run, 125 for anything else the daemon refused.
    const failed = async (message: string, status = statusOf(message)): Promise<number> => {
      await context.stderr.write(`docker: ${message}\n\nRun 'docker run --help' for more information\n`);
      return status;
    };
    let container: Container;
    try {
      container = await createFromFlags(context, flags, args);
    } catch (error) {
      if (error instanceof EngineError) return failed(`Error response from daemon: ${error.message}`);
      // Errors in the options themselves are 125, whatever they say (run.go's parse step).
      if (error instanceof InvalidReferenceError || error instanceof ClientError) return failed(error.message, 125);
      throw error;
    }
    const detach = flags.get('detach') === true;
    // Detached, the ID is printed while the container starts, so even a start that fails shows it.
    if (detach) await context.stdout.write(`${container.id}\n`);
    try {
      const process = startContainer(context.engine, container, detach ? undefined : { io: attachedIO(context, container, flags.get('interactive') === true) });
      if (detach) {
        await settle(container, process);
        return 0;
      }
      return await waitAttached(context, container, process.exited);
    } catch (error) {
      if (error instanceof EngineError) return failed(`Error response from daemon: ${error.message}`);
      throw error;
    }
  },
};

/** docker/cli's toStatusError: the exit status of `docker run` for an error it prints. */
function statusOf(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(message)) return 127;
  if (/permission denied|is a directory/.test(message)) return 126;
  return 125;
}
