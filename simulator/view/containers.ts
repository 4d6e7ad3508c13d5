import type { PathChange } from '../archive/rw-layer';
import type { ContainerStatus } from '../container/container';
import type { Engine } from '../daemon/engine';
import { countChanges, type ChangeCounts } from '../daemon/events';
import { containerLayerSize } from '../daemon/prune';
import { getImage } from '../images/get';
import { imageNames } from '../images/names';

/** A container as the image-and-container view draws it: a writable layer on top of its image's layers. */
export interface ContainerLayer {
  id: string;
  name: string;
  imageId: string;
  /** The image as it was named at `docker run` (`alpine`), and its names now. */
  imageName: string;
  imageNames: string[];
  status: ContainerStatus;
  exitCode: number;
  /** ms since the epoch. */
  created: number;
  /** The writable layer's changes as `docker diff` lists them, cut at the query's limit. */
  changes: PathChange[];
  counts: ChangeCounts;
  /** Bytes of the regular files in the writable layer (`docker ps -s` SIZE). */
  size: number;
}

export interface ContainerLayersOptions {
  /** Only the containers of this image (a name or ID, as `docker run` takes it). */
  image?: string;
  /** At most this many `docker diff` lines per container (default 200); `counts` has the totals. */
  changeLimit?: number;
}

/** Every container, newest first, with its writable layer: the "image and container" view. */
export function containerLayers(engine: Engine, options: ContainerLayersOptions = {}): ContainerLayer[] {
  const imageId = options.image === undefined ? undefined : getImage(engine, options.image).id;
  return engine.containers
    .list()
    .filter((container) => imageId === undefined || container.image === imageId)
    .map((container) => {
      const diff = container.layer.diff();
      return {
        id: container.id,
        name: container.name,
        imageId: container.image,
        imageName: container.imageName,
        imageNames: engine.images.get(container.image) ? imageNames(engine, container.image) : [],
        status: container.state.status,
        exitCode: container.state.exitCode,
        created: container.created,
        changes: diff.slice(0, options.changeLimit ?? 200).map(({ kind, path }) => ({ kind, path })),
        counts: countChanges(diff),
        size: containerLayerSize(container),
      };
    });
}
