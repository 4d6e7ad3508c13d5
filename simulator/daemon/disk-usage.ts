import type { Container } from '../container/container';
import { chainIds, type Digest } from '../digest/digest';
import type { StoredImage } from '../image/store';
import { listImages, type ImageSummary } from '../images/list';
import type { Engine } from './engine';
import { containerLayerSize } from './prune';

/** An image as GET /system/df lists it: the image list's summary with its shared size and container count. */
export interface ImageUsage {
  summary: ImageSummary;
  /** Bytes of this image's layers that other images use too. */
  sharedSize: number;
  /** How many containers (in any state) were created from it. */
  containers: number;
}

/** A container as GET /system/df lists it: with its writable layer's size and that plus its image's. */
export interface ContainerUsage {
  container: Container;
  sizeRw: number;
  sizeRootFs: number;
}

/** The daemon's answer to GET /system/df (API DiskUsage), for the objects the simulator has. */
export interface DiskUsage {
  /** Bytes of every layer an image (other than an intermediate one) uses, each layer once. */
  layersSize: number;
  images: ImageUsage[];
  containers: ContainerUsage[];
  /** BuildKit's cache records and the bytes of the layers they made. */
  buildCache: { count: number; size: number };
}

/**
 * docker system df, classic store (moby daemon/disk_usage.go with
 * ImageService.ImageDiskUsage and LayerDiskUsage):
 *
 * - images are the default image list (intermediate images left out), each
 *   with its container count and its shared size: the layers of its chain
 *   that more than one image references (intermediate images counted);
 * - the layers' size counts each layer once, over the layers referenced by
 *   images other than intermediate ones;
 * - containers are all containers, newest first, with their layer sizes.
 *
 * The simulator has no volumes; the build cache counts BuildKit's records.
 */
export function diskUsage(engine: Engine): DiskUsage {
  const layerSize = (chainId: Digest): number => engine.layers.get(chainId)?.size ?? 0;
  const chainOf = (image: StoredImage): Digest[] => chainIds(image.config.rootfs.diff_ids);

  const allImages = engine.images.all();
  const isIntermediate = (image: StoredImage): boolean => engine.references.references(image.id).length === 0 && engine.images.children(image.id).length > 0;

  const sharedRefs = new Map<Digest, number>();
  for (const image of allImages) for (const chainId of chainOf(image)) sharedRefs.set(chainId, (sharedRefs.get(chainId) ?? 0) + 1);

  const usedLayers = new Set<Digest>();
  for (const image of allImages) if (!isIntermediate(image)) for (const chainId of chainOf(image)) usedLayers.add(chainId);
  let layersSize = 0;
  for (const layer of engine.layers.all()) if (usedLayers.has(layer.chainId)) layersSize += layer.size;

  const containers = engine.containers.list();
  const images = listImages(engine, false).map((summary): ImageUsage => {
    const image = engine.images.get(summary.id);
    let sharedSize = 0;
    for (const chainId of image ? chainOf(image) : []) if ((sharedRefs.get(chainId) ?? 0) > 1) sharedSize += layerSize(chainId);
    return { summary, sharedSize, containers: containers.filter((container) => container.image === summary.id).length };
  });

  const cache = engine.buildCache.all();
  return {
    layersSize,
    images,
    buildCache: { count: cache.length, size: cache.reduce((sum, record) => sum + record.size, 0) },
    containers: containers.map((container) => {
      const sizeRw = containerLayerSize(container);
      const image = engine.images.get(container.image);
      return { container, sizeRw, sizeRootFs: sizeRw + (image ? engine.sizeOf(image) : 0) };
    }),
  };
}
