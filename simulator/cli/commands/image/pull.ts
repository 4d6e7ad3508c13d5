import { pullImage, type ProgressEvent } from '../../../distribution/pull';
import { ProgressDisplay } from '../../format/progress';
import { parseNormalizedNamed, referenceString, tagNameOnly } from '../../../reference/reference';
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
    try {
      let ref = parseNormalizedNamed(name);
      if (ref.tag === undefined && ref.digest === undefined) {
        ref = tagNameOnly(ref);
        if (flags.get('quiet') !== true) await context.stdout.write('Using default tag: latest\n');
      }
      const engine = context.engine;
      const display = new ProgressDisplay((text) => context.stdout.write(text), context.tty, context.columns);
      const emit = flags.get('quiet') === true ? async () => undefined : (event: ProgressEvent) => display.show(event);
      await pullImage(engine, ref, emit, context.signal);
      await context.stdout.write(`${referenceString(ref)}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
