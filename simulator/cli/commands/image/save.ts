import { saveImages } from '../../../images/save';
import type { DockerCommand } from '../../command';
import { writeArchiveOutput } from '../archive-output';

/** docker save [OPTIONS] IMAGE [IMAGE...] — to a file with -o; a terminal is refused as Docker refuses it. */
export const saveCommand: DockerCommand = {
  name: 'save',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  aliases: ['docker image save', 'docker save'],
  category: { group: 'other' },
  flags: [
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Write to a file, instead of STDOUT' },
    { name: 'platform', type: 'list', varname: 'strings', usage: 'Save only the given platform(s). Formatted as a comma-separated list of\n"os[/arch[/variant]]" (e.g., "linux/amd64,linux/arm64/v8")' },
  ],
  args: { kind: 'min', count: 1 },
  async run(context, flags, names) {
    return writeArchiveOutput(context, flags.get('output') as string | undefined, 'failed to save image', () => saveImages(context.engine, names));
  },
};
