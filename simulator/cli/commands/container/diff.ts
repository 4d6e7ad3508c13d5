import { reportError } from '../../errors';
import type { DockerCommand } from '../../command';

/** docker diff CONTAINER: the container's changes to its image, A(dded), C(hanged), D(eleted). */
export const diffCommand: DockerCommand = {
  name: 'diff',
  use: 'CONTAINER',
  short: "Inspect changes to files or directories on a container's filesystem",
  aliases: ['docker container diff', 'docker diff'],
  category: { group: 'other' },
  flags: [],
  args: { kind: 'exact', count: 1 },
  async run(context, _flags, [name = '']) {
    try {
      const container = context.engine.containers.get(name);
      await context.stdout.write(container.layer.diff().map((change) => `${change.kind} ${change.path}\n`).join(''));
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
