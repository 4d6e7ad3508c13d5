import { EngineError, StreamError } from '../errdefs/errors';
import { InvalidReferenceError } from '../reference/reference';
import type { CommandContext } from '../shell/command';
import { TemplateExecError, TemplateParseError } from './format/template';

/**
 * Prints an error the way docker/cli does when a command returns it: daemon
 * errors after `Error response from daemon: `, client-side ones (a malformed
 * reference, a --format that does not parse or run) as docker/cli words them. Returns the exit status (1). Anything
 * else is a bug and is rethrown.
 */
export async function reportError(context: CommandContext, error: unknown): Promise<number> {
  if (error instanceof EngineError) {
    await context.stderr.write(`Error response from daemon: ${error.message}\n`);
    return 1;
  }
  if (error instanceof InvalidReferenceError || error instanceof TemplateExecError || error instanceof StreamError) {
    await context.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (error instanceof TemplateParseError) {
    // docker/cli's formatter wraps a --format that does not parse.
    await context.stderr.write(`template parsing error: ${error.message}\n`);
    return 1;
  }
  throw error;
}
