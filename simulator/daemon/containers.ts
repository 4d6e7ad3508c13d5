import { ReadWriteLayer } from '../archive/rw-layer';
import type { Container, ContainerState, HostConfig, PortBinding } from '../container/container';
import { generateName } from '../container/names';
import type { Digest } from '../digest/digest';
import { conflict, invalidParameter } from '../errdefs/errors';
import type { RunConfig } from '../image/config';
import type { StoredImage } from '../image/store';
import { truncateId } from '../cli/format/units';
import type { Engine } from './engine';
import { countChanges } from './events';

/** What `docker create` and `docker run` ask for, on top of the image's configuration. */
export interface CreateOptions {
  /** The image as the learner typed it. */
  imageName: string;
  name?: string;
  /** Arguments after the image: they replace the image's CMD. */
  command: string[];
  entrypoint?: string;
  env: string[];
  /** `key=value` labels (a bare key gets an empty value), added to the image's. */
  labels: string[];
  workdir?: string;
  user?: string;
  hostname?: string;
  tty: boolean;
  openStdin: boolean;
  autoRemove: boolean;
  /** -p: ports to publish when the container starts. */
  publish?: PortBinding[];
}

const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/**
 * Creates a container from an image (moby's daemon.ContainerCreate): checks
 * the name, merges the run options into the image's config as the daemon does,
 * and gives the container a writable layer over the image's layers.
 */
export function createContainer(engine: Engine, image: StoredImage, options: CreateOptions): Container {
  if (options.name !== undefined && !VALID_NAME.test(options.name)) {
    throw invalidParameter(`Invalid container name (${options.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  }
  const id = engine.random.hex(32);
  const name = options.name?.replace(/^\//, '') ?? generatedName(engine, id);
  const holder = engine.containers.find(name);
  if (holder && holder.name === name) {
    throw conflict(`Conflict. The container name "/${name}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.`);
  }
  const top = engine.topLayerOf(image);
  const container = newContainer(engine, {
    id,
    name,
    image: image.id,
    imageName: options.imageName,
    config: runConfig(image.config.config ?? {}, options, id),
    hostConfig: { autoRemove: options.autoRemove, portBindings: options.publish ?? [] },
    layer: new ReadWriteLayer(engine.layers.view(top)),
    parentLayer: top,
  });
  addContainer(engine, container);
  engine.events.emit({ type: 'container.created', containerId: id, name, imageId: image.id, imageName: options.imageName });
  return container;
}

/** What a new container is made of besides what every container starts with (created now, no logs yet). */
export interface ContainerParts {
  id: string;
  name: string;
  image: Digest;
  imageName: string;
  config: RunConfig;
  /** No --rm and nothing published unless given. */
  hostConfig?: HostConfig;
  /** What differs from the state of a container just created (status `created`, never started). */
  state?: Partial<ContainerState>;
  layer: ReadWriteLayer;
  /** The chain ID `layer` sits on, on which the container holds a reference once added (addContainer). */
  parentLayer?: Digest | undefined;
}

/**
 * A container object (moby's daemon.newContainer), the one way containers
 * are put together: `docker create`'s, the classic builder's, and the build
 * container a RUN step runs in. It is not in the engine's store until
 * addContainer puts it there.
 */
export function newContainer(engine: Engine, parts: ContainerParts): Container {
  const { id, name, image, imageName, config, hostConfig, state, layer, parentLayer } = parts;
  return {
    id,
    name,
    image,
    imageName,
    config,
    hostConfig: hostConfig ?? { autoRemove: false, portBindings: [] },
    created: engine.clock.now(),
    state: { status: 'created', exitCode: 0, startedAt: 0, finishedAt: 0, error: '', ...state },
    layer,
    ...(parentLayer ? { parentLayer } : {}),
    logs: [],
  };
}

/**
 * Puts a new container in the engine's store. Its writable layer holds a
 * reference on the layer below (`parentLayer`), as moby's CreateRWLayer
 * does; deleteContainer releases it.
 */
export function addContainer(engine: Engine, container: Container): void {
  if (container.parentLayer) engine.layers.register([], container.parentLayer);
  engine.containers.add(container);
}

/** A name for a container that was given none: a free `adjective_surname`, else its short ID (moby's generateIDAndName). */
export function generatedName(engine: Engine, id: string): string {
  return generateName(() => engine.random.next(), (candidate) => engine.containers.nameTaken(candidate), truncateId(id));
}

/** Forgets a container (docker rm, --rm, prune); what its writable layer held goes with it. */
export function deleteContainer(engine: Engine, container: Container): void {
  if (!engine.containers.delete(container.id)) return;
  // Its reference on the layers below goes with it (their image may be gone already: docker rmi -f of a stopped container's image).
  if (container.parentLayer) engine.layers.release(container.parentLayer);
  engine.events.emit({ type: 'container.removed', containerId: container.id, name: container.name, imageId: container.image, changes: countChanges(container.layer.diff()) });
}

/** The container's config: the image's, with the run options merged in (later -e values win, as in Docker). */
function runConfig(image: RunConfig, options: CreateOptions, id: string): RunConfig {
  const env = new Map((image.Env ?? []).map((entry) => [entry.split('=')[0] ?? entry, entry]));
  for (const entry of options.env) env.set(entry.split('=')[0] ?? entry, entry);
  const entrypoint = options.entrypoint === undefined ? image.Entrypoint ?? null : options.entrypoint === '' ? null : [options.entrypoint];
  // A new entrypoint drops the image's CMD unless a command is given (moby's merge rules).
  const cmd = options.command.length > 0 ? options.command : options.entrypoint !== undefined ? null : image.Cmd ?? null;
  return {
    Hostname: options.hostname ?? id.slice(0, 12),
    Domainname: '',
    User: options.user ?? image.User ?? '',
    AttachStdin: options.openStdin,
    AttachStdout: true,
    AttachStderr: true,
    ...exposedPorts(image.ExposedPorts, options.publish ?? []),
    Tty: options.tty,
    OpenStdin: options.openStdin,
    StdinOnce: options.openStdin,
    Env: [...env.values()],
    Cmd: cmd,
    Image: options.imageName,
    Volumes: image.Volumes ?? null,
    WorkingDir: options.workdir ?? image.WorkingDir ?? '',
    Entrypoint: entrypoint,
    OnBuild: null,
    Labels: { ...(image.Labels ?? {}), ...Object.fromEntries(options.labels.map((label) => [label.split('=')[0] ?? label, label.includes('=') ? label.slice(label.indexOf('=') + 1) : ''])) },
    ...(image.StopSignal ? { StopSignal: image.StopSignal } : {}),
  };
}

/** The image's exposed ports and the published ones (docker run adds them to the container's config). */
function exposedPorts(image: RunConfig['ExposedPorts'], publish: PortBinding[]): Pick<RunConfig, 'ExposedPorts'> {
  if (!image && publish.length === 0) return {};
  return { ExposedPorts: { ...(image ?? {}), ...Object.fromEntries(publish.map((binding) => [binding.containerPort, {}])) } };
}

/** The command a container runs, as `docker ps` shows it and commit records it. */
export function containerCommand(container: Container): string[] {
  return [...(container.config.Entrypoint ?? []), ...(container.config.Cmd ?? [])];
}
