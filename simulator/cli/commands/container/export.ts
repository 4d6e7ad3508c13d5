import { filesystemToTar } from '../../../archive/tar';
import type { DockerCommand } from '../../command';
import { writeArchiveOutput } from '../archive-output';

/**
 * docker export [OPTIONS] CONTAINER (docker/cli cli/command/container/export.go):
 * the container's whole filesystem — its image's layers with its writable
 * layer on top, deletions applied — as one tar, running or stopped. Without
 * -o it refuses the terminal as docker/cli does (archive-output.ts).
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
    return writeArchiveOutput(context, flags.get('output') as string | undefined, 'failed to export container', () => filesystemToTar(context.engine.containers.get(name).layer));
  },
};
