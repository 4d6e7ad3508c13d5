import { EngineError } from '../../../errdefs/errors';
import { deleteImage } from '../../../images/delete';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

/** docker rmi [OPTIONS] IMAGE [IMAGE...] — each image in turn; errors gathered and printed at the end, as docker/cli's remove.go does. */
export const rmiCommand: DockerCommand = {
  name: 'rmi',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Remove one or more images',
  aliases: ['docker image rm', 'docker image remove', 'docker rmi'],
  category: { group: 'other' },
  flags: [
    { name: 'force', shorthand: 'f', type: 'bool', usage: 'Force removal of the image' },
    { name: 'no-prune', type: 'bool', usage: 'Do not delete untagged parents' },
    { name: 'platform', type: 'list', varname: 'strings', usage: 'Remove only the given platform variant.\nFormatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
  ],
  args: { kind: 'min', count: 1 },
  async run(context, flags, images) {
    const force = flags.get('force') === true;
    const errors: string[] = [];
    let fatal = false;
    for (const image of images) {
      try {
        for (const record of deleteImage(context.engine, image, force, flags.get('no-prune') !== true)) {
          await context.stdout.write('deleted' in record ? `Deleted: ${record.deleted}\n` : `Untagged: ${record.untagged}\n`);
        }
      } catch (error) {
        if (!(error instanceof EngineError)) return reportError(context, error);
        if (error.kind !== 'notFound' || !force) fatal = true;
        errors.push(`Error response from daemon: ${error.message}`);
      }
    }
    if (errors.length === 0) return 0;
    await context.stderr.write(`${errors.join('\n')}\n`);
    return !force || fatal ? 1 : 0;
  },
};
