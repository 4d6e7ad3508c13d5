import { EngineError } from '../errdefs/errors';
import { InvalidReferenceError } from '../reference/reference';
import type { CommandContext } from '../shell/command';

/**
 * Prints an error the way docker/cli does when a command returns it: daemon
 * errors after `Error response from daemon: `, client-side ones (such as a
 * malformed reference) as they are. Returns the exit status (1). Anything
 * else is a bug and is rethrown.
 */
export async function reportError(context: CommandContext, error: unknown): Promise<number> {
  if (error instanceof EngineError) {
    await context.stderr.write(`Error response from daemon: ${error.message}\n`);
    return 1;
  }
  if (error instanceof InvalidReferenceError) {
    await context.stderr.write(`${error.message}\n`);
    return 1;
  }
  throw error;
}
