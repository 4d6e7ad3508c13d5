import { pauseContainer, unpauseContainer } from '../../../daemon/lifecycle';
import type { DockerCommand } from '../../command';
import { forEachContainer } from './each';

/** docker pause: freezes every process of the container (the cgroup freezer). */
export const pauseCommand: DockerCommand = {
  name: 'pause',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Pause all processes within one or more containers',
  aliases: ['docker container pause', 'docker pause'],
  category: { group: 'other' },
  flags: [],
  args: { kind: 'min', count: 1 },
  run: (context, _flags, names) => forEachContainer(context, names, pauseContainer),
};

export const unpauseCommand: DockerCommand = {
  name: 'unpause',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Unpause all processes within one or more containers',
  aliases: ['docker container unpause', 'docker unpause'],
  category: { group: 'other' },
  flags: [],
  args: { kind: 'min', count: 1 },
  run: (context, _flags, names) => forEachContainer(context, names, (container) => unpauseContainer(context.engine, container)),
};
