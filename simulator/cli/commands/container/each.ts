import { isRunning, type Container } from '../../../container/container';
import type { RunningProcess } from '../../../runtime/process';
import { reportError } from '../../errors';
import { EngineError } from '../../../errdefs/errors';
import type { CommandContext } from '../../../shell/command';

/**
 * What docker stop, kill, restart, pause and unpause do for each container
 * named (docker/cli's parallelOperation and errors.Join): act, print the name
 * as given; daemon errors are printed together at the end, one per line, and
 * the command exits 1.
 */
export async function forEachName(context: CommandContext, names: string[], action: (name: string) => Promise<unknown> | unknown): Promise<number> {
  const errors: string[] = [];
  for (const name of names) {
    try {
      await action(name);
      await context.stdout.write(`${name}\n`);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      errors.push(`Error response from daemon: ${error.message}`);
    }
  }
  if (errors.length === 0) return 0;
  await context.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}

/** {@link forEachName} for an action on the container the name finds (a name that finds none is its error). */
export function forEachContainer(context: CommandContext, names: string[], action: (container: Container) => Promise<unknown> | unknown): Promise<number> {
  return forEachName(context, names, (name) => action(context.engine.containers.get(name)));
}

/** How a command words its refusal of a container that is not running (the daemon's errors for exec and top, the CLI's own for attach). */
export interface NotRunningWords {
  paused?(container: Container): string;
  stopped(container: Container): string;
}

/**
 * The container named and its running process, for commands that act on a
 * live process (exec, attach, top); otherwise the error is printed and the
 * status (1) returned.
 */
export async function runningContainer(context: CommandContext, name: string, words: NotRunningWords): Promise<{ container: Container; process: RunningProcess } | number> {
  let container: Container;
  try {
    container = context.engine.containers.get(name);
  } catch (error) {
    return reportError(context, error);
  }
  const process = context.engine.processes.get(container.id);
  const refusal = container.state.status === 'paused' && words.paused ? words.paused(container) : !isRunning(container.state) || !process ? words.stopped(container) : undefined;
  if (refusal !== undefined || !process) {
    await context.stderr.write(`${refusal ?? words.stopped(container)}\n`);
    return 1;
  }
  return { container, process };
}
