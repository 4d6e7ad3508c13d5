import type { ManagementCommand, RootCommand } from '../command';
import { attachCommand } from './container/attach';
import { commitCommand } from './container/commit';
import { cpCommand } from './container/cp';
import { createCommand } from './container/create';
import { diffCommand } from './container/diff';
import { exportCommand } from './container/export';
import { containerInspectCommand } from './container/inspect';
import { containerPruneCommand } from './container/prune';
import { psCommand } from './container/ps';
import { portCommand } from './container/port';
import { renameCommand } from './container/rename';
import { rmCommand } from './container/rm';
import { execCommand } from './container/exec';
import { logsCommand } from './container/logs';
import { pauseCommand, unpauseCommand } from './container/pause';
import { runCommand } from './container/run';
import { startCommand } from './container/start';
import { killCommand, restartCommand, stopCommand } from './container/stop';
import { topCommand } from './container/top';
import { buildCommand } from './image/build';
import { builderPruneCommand } from './builder/prune';
import { imageInspectCommand } from './image/inspect';
import { imagePruneCommand } from './image/prune';
import { loadCommand } from './image/load';
import { saveCommand } from './image/save';
import { historyCommand } from './image/history';
import { imagesCommand } from './image/images';
import { pullCommand } from './image/pull';
import { pushCommand } from './image/push';
import { loginCommand } from './registry/login';
import { logoutCommand } from './registry/logout';
import { searchCommand } from './registry/search';
import { rmiCommand } from './image/rmi';
import { tagCommand } from './image/tag';
import { infoCommand } from './system/info';
import { inspectCommand } from './system/inspect';
import { systemCommand } from './system/system';
import { versionCommand } from './system/version';

/** `docker image …`: the image commands under their management names. */
const imageCommand: ManagementCommand = {
  kind: 'management',
  name: 'image',
  short: 'Manage images',
  category: { group: 'management' },
  subcommands: [
    buildCommand,
    historyCommand,
    imageInspectCommand,
    loadCommand,
    { ...imagesCommand, name: 'ls' },
    imagePruneCommand,
    pullCommand,
    pushCommand,
    { ...rmiCommand, name: 'rm' },
    saveCommand,
    tagCommand,
  ],
};

/** `docker builder …`: the build commands. */
const builderCommand: ManagementCommand = {
  kind: 'management',
  name: 'builder',
  short: 'Manage builds',
  category: { group: 'management' },
  subcommands: [buildCommand, builderPruneCommand],
};

/** `docker container …`: the container commands under their management names. */
const containerCommand: ManagementCommand = {
  kind: 'management',
  name: 'container',
  short: 'Manage containers',
  category: { group: 'management' },
  subcommands: [attachCommand, commitCommand, cpCommand, createCommand, diffCommand, execCommand, exportCommand, containerInspectCommand, killCommand, logsCommand, { ...psCommand, name: 'ls' }, pauseCommand, portCommand, containerPruneCommand, renameCommand, restartCommand, rmCommand, runCommand, startCommand, stopCommand, topCommand, unpauseCommand],
};

/** Every docker command the simulator implements. */
export const DOCKER_COMMANDS: readonly RootCommand[] = [
  attachCommand,
  buildCommand,
  builderCommand,
  commitCommand,
  containerCommand,
  cpCommand,
  createCommand,
  diffCommand,
  execCommand,
  exportCommand,
  historyCommand,
  imageCommand,
  imagesCommand,
  infoCommand,
  inspectCommand,
  killCommand,
  loadCommand,
  loginCommand,
  logoutCommand,
  logsCommand,
  pauseCommand,
  portCommand,
  psCommand,
  pullCommand,
  pushCommand,
  renameCommand,
  restartCommand,
  rmCommand,
  rmiCommand,
  runCommand,
  saveCommand,
  searchCommand,
  startCommand,
  stopCommand,
  systemCommand,
  tagCommand,
  topCommand,
  unpauseCommand,
  versionCommand,
];
