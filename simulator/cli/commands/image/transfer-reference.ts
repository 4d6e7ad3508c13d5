import type { ProgressEvent } from '../../../distribution/pull';
import { isNameOnly, parseNormalizedNamed, tagNameOnly, type Reference } from '../../../reference/reference';
import type { CommandContext } from '../../../shell/command';
import { ProgressDisplay } from '../../format/progress';

/**
 * The NAME[:TAG] argument of docker pull and docker push as their RunPull and
 * RunPush read it: with --all-tags a name without a tag, otherwise `latest`
 * when none is given (said unless quiet). Undefined once the CLI's error for a
 * tag with --all-tags is printed.
 */
export async function transferReference(context: CommandContext, name: string, allTags: boolean, quiet: boolean): Promise<Reference | undefined> {
  const ref = parseNormalizedNamed(name);
  if (allTags && !isNameOnly(ref)) {
    await context.stderr.write("tag can't be used with --all-tags/-a\n");
    return undefined;
  }
  if (allTags || !isNameOnly(ref)) return ref;
  const tagged = tagNameOnly(ref);
  if (!quiet) await context.stdout.write(`Using default tag: ${tagged.tag ?? ''}\n`);
  return tagged;
}

/** Where the daemon's progress stream goes: the jsonmessage display on standard output, or nowhere with -q. */
export function progressEmitter(context: CommandContext, quiet: boolean): (event: ProgressEvent) => Promise<void> {
  if (quiet) return async () => undefined;
  const display = new ProgressDisplay((text) => context.stdout.write(text), context.tty, context.columns);
  return (event) => display.show(event);
}
