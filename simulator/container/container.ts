import type { ReadWriteLayer } from '../archive/rw-layer';
import type { Digest } from '../digest/digest';
import type { RunConfig } from '../image/config';

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** A container's state machine (moby's container.State), times in ms since the epoch (0 = never). */
export interface ContainerState {
  status: ContainerStatus;
  exitCode: number;
  startedAt: number;
  finishedAt: number;
  /** Set when the container could not start, as `docker inspect` shows under State.Error. */
  error: string;
}

export interface PortBinding {
  hostIp: string;
  hostPort: string;
  containerPort: string;
}

export interface HostConfig {
  autoRemove: boolean;
  portBindings: PortBinding[];
}

/** A container: its run configuration, the image it came from, its writable layer and its state. */
export interface Container {
  /** 64 lowercase hex characters. */
  id: string;
  /** Without the leading '/' that the API adds. */
  name: string;
  image: Digest;
  /** The image as the learner named it (`alpine`, `nginx:1.27`), for `docker ps`. */
  imageName: string;
  config: RunConfig;
  hostConfig: HostConfig;
  created: number;
  state: ContainerState;
  layer: ReadWriteLayer;
  /**
   * The chain ID of the read-only layer its writable layer sits on (moby's
   * RWLayer parent), on which the container holds a reference: the layers
   * stay while the container does, even once `docker rmi -f` deleted its
   * image. Absent for an image without layers, and in snapshots from before
   * containers held that reference (such a container holds none).
   */
  parentLayer?: Digest;
  /** Its address on the default bridge network while it runs (the lowest free one, as Docker's IPAM hands them out). */
  networkAddress?: string;
  /** The host ports bound for it while it runs (-p), one per address. */
  publishedPorts?: PortBinding[];
  /** What the container's process wrote, for `docker logs`. */
  logs: Array<{ stream: 'stdout' | 'stderr'; text: string; time: number }>;
}

export class InvalidStateTransitionError extends Error {}

/** The transitions the engine allows, with moby's wording when refused. */
export const transitions = {
  start(state: ContainerState, now: number): void {
    if (state.status === 'running' || state.status === 'paused') return;
    Object.assign(state, { status: 'running', startedAt: now, exitCode: 0, error: '' });
  },
  exit(state: ContainerState, exitCode: number, now: number): void {
    Object.assign(state, { status: 'exited', exitCode, finishedAt: now });
  },
  pause(state: ContainerState): void {
    if (state.status !== 'running') throw new InvalidStateTransitionError('is not running');
    state.status = 'paused';
  },
  unpause(state: ContainerState): void {
    if (state.status !== 'paused') throw new InvalidStateTransitionError('is not paused');
    state.status = 'running';
  },
};

export function isRunning(state: ContainerState): boolean {
  return state.status === 'running' || state.status === 'paused' || state.status === 'restarting';
}
