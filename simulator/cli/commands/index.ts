import type { DockerCommand } from '../command';
import { imagesCommand } from './image/images';
import { pullCommand } from './image/pull';
import { versionCommand } from './system/version';

/** Every docker subcommand the simulator implements. */
export const DOCKER_COMMANDS: readonly DockerCommand[] = [imagesCommand, pullCommand, versionCommand];
