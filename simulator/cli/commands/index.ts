import type { DockerCommand } from '../command';
import { versionCommand } from './system/version';

/** Every docker subcommand the simulator implements. */
export const DOCKER_COMMANDS: readonly DockerCommand[] = [versionCommand];
