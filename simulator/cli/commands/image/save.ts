import { saveImages } from '../../../images/save';
import { resolvePath } from '../../../host/paths';
import { LEARNER_UID } from '../../../host/filesystem';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

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
    const output = flags.get('output') as string | undefined;
    if (output === undefined) {
      // The learner's terminal is always a TTY here: output redirection comes with the full shell.
      await context.stderr.write('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
      return 1;
    }
    try {
      const tar = await saveImages(context.engine, names);
      const path = resolvePath(context.shell.cwd, output, context.shell.home);
      const { host } = context;
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!host.isDirectory(parent)) {
        await context.stderr.write(`failed to save image: invalid output path: directory "${parent}" does not exist\n`);
        return 1;
      }
      host.writeFile(path, { kind: 'bytes', bytes: tar }, { mode: 0o600, uid: LEARNER_UID, gid: LEARNER_UID, mtime: context.engine.clock.now() });
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
