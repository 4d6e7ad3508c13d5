import { pullAccessDenied, pullImage, pullStatus, pullTag, type ProgressEvent } from '../../../distribution/pull';
import { ProgressDisplay } from '../../format/progress';
import { familiarString, isNameOnly, parseNormalizedNamed, referenceString, tagNameOnly, withTag, type Reference } from '../../../reference/reference';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

/** docker pull [OPTIONS] NAME[:TAG|@DIGEST] */
export const pullCommand: DockerCommand = {
  name: 'pull',
  use: '[OPTIONS] NAME[:TAG|@DIGEST]',
  short: 'Download an image from a registry',
  aliases: ['docker image pull', 'docker pull'],
  category: { group: 'common', top: 5 },
  flags: [
    { name: 'all-tags', shorthand: 'a', type: 'bool', usage: 'Download all tagged images in the repository' },
    { name: 'disable-content-trust', type: 'bool', usage: 'Skip image verification (default true)' },
    { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Suppress verbose output' },
  ],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [name = '']) {
    // docker/cli's runPull (cli/command/image/pull.go).
    try {
      const quiet = flags.get('quiet') === true;
      const allTags = flags.get('all-tags') === true;
      let ref = parseNormalizedNamed(name);
      if (allTags && !isNameOnly(ref)) {
        await context.stderr.write("tag can't be used with --all-tags/-a\n");
        return 1;
      }
      if (!allTags && isNameOnly(ref)) {
        ref = tagNameOnly(ref);
        if (!quiet) await context.stdout.write(`Using default tag: ${ref.tag}\n`);
      }
      const display = new ProgressDisplay((text) => context.stdout.write(text), context.tty, context.columns);
      const emit = quiet ? async () => undefined : (event: ProgressEvent) => display.show(event);
      if (allTags) await pullAllTags(context, ref, emit);
      else await pullImage(context.engine, ref, emit, context.signal);
      // The reference as pulled: `docker.io/library/alpine:latest`, or `docker.io/library/alpine` for all tags.
      await context.stdout.write(`${referenceString(ref)}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};

/**
 * The daemon's pull of a name without tag (moby pull_v2.go pullRepository):
 * every tag the registry lists, in its order, each with its own "Pulling
 * from" and "Digest:" lines, then one status line for the repository.
 */
async function pullAllTags(context: CommandContext, ref: Reference, emit: (event: ProgressEvent) => Promise<void>): Promise<void> {
  const { engine } = context;
  const tags = await engine.registry.tags(`${ref.domain}/${ref.path}`);
  if (tags === 'repository not found') throw pullAccessDenied(ref);
  let layersDownloaded = false;
  for (const tag of tags) {
    const { tagUpdated } = await pullTag(engine, withTag(ref, tag), emit, context.signal);
    layersDownloaded ||= tagUpdated;
  }
  await emit(pullStatus(familiarString(ref), layersDownloaded));
}
