import { pullImage, type ProgressEvent } from '../../../distribution/pull';
import { parseNormalizedNamed, referenceString, tagNameOnly } from '../../../reference/reference';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

/** Renders pull progress as docker/cli's jsonmessage does without a TTY: each status change on its own line, progress updates dropped. */
function plainProgress(write: (text: string) => Promise<void>) {
  return async (event: ProgressEvent): Promise<void> => {
    if (event.progress) return;
    await write(event.id ? `${event.id}: ${event.status}\n` : `${event.status}\n`);
  };
}

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
    try {
      let ref = parseNormalizedNamed(name);
      if (ref.tag === undefined && ref.digest === undefined) {
        ref = tagNameOnly(ref);
        if (flags.get('quiet') !== true) await context.stdout.write('Using default tag: latest\n');
      }
      const engine = context.engine;
      const emit = flags.get('quiet') === true ? async () => undefined : plainProgress((text) => context.stdout.write(text));
      await pullImage({ registry: engine.registry, layers: engine.layers, images: engine.images, references: engine.references, clock: engine.clock, signal: context.signal }, ref, emit);
      await context.stdout.write(`${referenceString(ref)}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
