import type { Engine } from '../daemon/engine';
import { imageNames } from '../images/names';

/** A local image, as a picker lists it. */
export interface LocalImage {
  id: string;
  /** Tags in familiar form, or the short ID when it has none. */
  names: string[];
  /** Whether it has a tag (an untagged image is `<none>` in `docker images`). */
  tagged: boolean;
  /** `docker images` SIZE. */
  size: number;
  layerCount: number;
  /** The config's `created` (RFC 3339), '' when it has none. */
  created: string;
  /** How many containers (running or not) use it. */
  containers: number;
}

/** Every local image, newest first (by its config's creation time), intermediate ones included. */
export function localImages(engine: Engine): LocalImage[] {
  return engine.images
    .all()
    .map((image) => {
      const names = imageNames(engine, image.id);
      return {
        id: image.id,
        names,
        tagged: engine.references.references(image.id).some((ref) => ref.tag !== undefined),
        size: engine.sizeOf(image),
        layerCount: image.config.rootfs.diff_ids.length,
        created: image.config.created ?? '',
        containers: engine.containers.usingImage(image.id).length,
      };
    })
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : a.id < b.id ? -1 : 1));
}
