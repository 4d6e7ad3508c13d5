import type { DockerCommand } from '../command';
import { historyCommand } from './image/history';
import { imagesCommand } from './image/images';
import { pullCommand } from './image/pull';
import { rmiCommand } from './image/rmi';
import { tagCommand } from './image/tag';
import { versionCommand } from './system/version';

/** Every docker subcommand the simulator implements. */
export const DOCKER_COMMANDS: readonly DockerCommand[] = [historyCommand, imagesCommand, pullCommand, rmiCommand, tagCommand, versionCommand];
