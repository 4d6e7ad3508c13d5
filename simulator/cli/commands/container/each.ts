import type { Container } from '../../../container/container';
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
