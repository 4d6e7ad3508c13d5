import { fileBytes } from '../../../archive/tar';
import { resolvePath } from '../../../host/paths';
import { loadImages } from '../../../images/load';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

/** docker load [OPTIONS] — from a file with -i; the learner's terminal is never a pipe, so stdin is refused as Docker refuses a TTY. */
export const loadCommand: DockerCommand = {
  name: 'load',
  use: '[OPTIONS]',
  short: 'Load an image from a tar archive or STDIN',
  aliases: ['docker image load', 'docker load'],
  category: { group: 'other' },
  flags: [
    { name: 'input', shorthand: 'i', type: 'string', usage: 'Read from tar archive file, instead of STDIN' },
    { name: 'platform', type: 'string', usage: 'Load only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Suppress the load output' },
  ],
  args: { kind: 'none' },
  async run(context, flags) {
    const input = flags.get('input') as string | undefined;
    if (input === undefined) {
      await context.stderr.write('requested load from stdin, but stdin is empty\n');
      return 1;
    }
    const path = resolvePath(context.shell.cwd, input, context.shell.home);
    const file = context.host.get(path);
    if (!file || file.type !== 'file') {
      await context.stderr.write(`open ${path}: no such file or directory\n`);
      return 1;
    }
    try {
      const records = await loadImages(context.engine, fileBytes(file.content));
      await context.stdout.write(records.map((record) => ('tag' in record ? `Loaded image: ${record.tag}\n` : `Loaded image ID: ${record.id}\n`)).join(''));
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
