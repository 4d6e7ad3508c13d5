import type { Container } from '../../../container/container';
import { EngineError } from '../../../errdefs/errors';
import type { CommandContext } from '../../../shell/command';

/**
 * What docker stop, kill, restart, pause and unpause do for each container
 * named: act, print the name as given; daemon errors are printed together at
 * the end and the command exits 1.
 */
export async function forEachContainer(context: CommandContext, names: string[], action: (container: Container) => Promise<void> | void): Promise<number> {
  const errors: string[] = [];
  for (const name of names) {
    try {
      await action(context.engine.containers.get(name));
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
