import type { ManagementCommand, RootCommand } from '../command';
import { imageInspectCommand } from './image/inspect';
import { historyCommand } from './image/history';
import { imagesCommand } from './image/images';
import { pullCommand } from './image/pull';
import { rmiCommand } from './image/rmi';
import { tagCommand } from './image/tag';
import { versionCommand } from './system/version';

/** `docker image …`: the image commands under their management names. */
const imageCommand: ManagementCommand = {
  kind: 'management',
  name: 'image',
  short: 'Manage images',
  category: { group: 'management' },
  subcommands: [
    historyCommand,
    imageInspectCommand,
    { ...imagesCommand, name: 'ls' },
    pullCommand,
    { ...rmiCommand, name: 'rm' },
    tagCommand,
  ],
};

/** Every docker command the simulator implements. */
export const DOCKER_COMMANDS: readonly RootCommand[] = [historyCommand, imageCommand, imagesCommand, pullCommand, rmiCommand, tagCommand, versionCommand];
