import { filesystemToTar } from '../../../archive/tar';
import { LEARNER_UID } from '../../../host/filesystem';
import { resolvePath } from '../../../host/paths';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

/**
 * docker export [OPTIONS] CONTAINER (docker/cli cli/command/container/export.go):
 * the container's whole filesystem — its image's layers with its writable
 * layer on top, deletions applied — as one tar, running or stopped. Without
 * -o it refuses the terminal as docker/cli does; like `docker save`, it does
 * not stream to a pipe or redirection here (the simulated CLI's stdout carries text).
 */
export const exportCommand: DockerCommand = {
  name: 'export',
  use: '[OPTIONS] CONTAINER',
  short: "Export a container's filesystem as a tar archive",
  aliases: ['docker container export', 'docker export'],
  category: { group: 'other' },
  flags: [{ name: 'output', shorthand: 'o', type: 'string', usage: 'Write to a file, instead of STDOUT' }],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [name = '']) {
    const output = (flags.get('output') as string | undefined) ?? '';
    if (output === '') {
      await context.stderr.write('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
      return 1;
    }
    const path = resolvePath(context.shell.cwd, output, context.shell.home);
    const { host } = context;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    // command.ValidateOutputPath runs before the daemon is asked.
    if (!host.isDirectory(parent)) {
      await context.stderr.write(`failed to export container: invalid output path: directory "${parent}" does not exist\n`);
      return 1;
    }
    try {
      const container = context.engine.containers.get(name);
      const tar = await filesystemToTar(container.layer);
      host.writeFile(path, { kind: 'bytes', bytes: tar }, { mode: 0o600, uid: LEARNER_UID, gid: LEARNER_UID, mtime: context.engine.clock.now() });
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
