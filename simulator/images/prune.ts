import type { Engine } from '../daemon/engine';
import { filterBool, matchLabels, untilFilter, validateFilters, type FilterArgs } from '../daemon/filters';
import { EngineError } from '../errdefs/errors';
import { hexOf } from '../digest/digest';
import type { StoredImage } from '../image/store';
import { referenceString } from '../reference/reference';
import { deleteImage, type DeleteRecord } from './delete';

/** What POST /images/prune answers (API ImagesPruneReport). */
export interface ImagePruneReport {
  imagesDeleted: DeleteRecord[];
  spaceReclaimed: number;
}

/**
 * docker image prune (moby daemon/images/image_prune.go, classic store).
 *
 * With `dangling=true` (the CLI's default) only images without children are
 * candidates, and of those only the ones without a tag; with `dangling=false`
 * (`-a`) every image is. Intermediate images (untagged, with children) are
 * never pruned directly. Each candidate is removed as `docker rmi` would,
 * without force and pruning its untagged parents: by each of its references
 * in turn, or by ID when it has none. A refusal (an image used by a
 * container, say) skips the image silently. The reclaimed space is the size
 * of every layer the removals freed.
 *
 * The daemon walks its candidates in Go map order, which is random; here they
 * go newest first, as `docker images` lists them.
 */
export function pruneImages(engine: Engine, filters: FilterArgs): ImagePruneReport {
  validateFilters(filters, ['dangling', 'label', 'label!', 'until']);
  const danglingOnly = filterBool(filters, 'dangling', true);
  const until = untilFilter(filters, engine.clock.now());
  const layerSizes = new Map(engine.layers.all().map((layer) => [layer.chainId as string, layer.size]));

  const candidates = engine.images
    .all()
    .filter((image) => !danglingOnly || engine.images.children(image.id).length === 0)
    .filter((image) => engine.references.references(image.id).length > 0 || engine.images.children(image.id).length === 0)
    .filter((image) => until === undefined || (createdAt(image) !== undefined && (createdAt(image) ?? 0) <= until))
    .filter((image) => image.config.config === undefined || matchLabels(filters, image.config.config.Labels))
    .sort((a, b) => (createdAt(b) ?? 0) - (createdAt(a) ?? 0));

  const report: ImagePruneReport = { imagesDeleted: [], spaceReclaimed: 0 };
  for (const image of candidates) {
    // An earlier removal may have taken this image along (as an untagged parent).
    if (!engine.images.get(image.id)) continue;
    const refs = engine.references.references(image.id);
    if (refs.length > 0) {
      const hasTag = refs.some((ref) => ref.tag !== undefined && ref.digest === undefined);
      if (danglingOnly && hasTag) continue;
      for (const ref of refs) report.imagesDeleted.push(...tryDelete(engine, referenceString(ref)));
    } else {
      report.imagesDeleted.push(...tryDelete(engine, hexOf(image.id)));
    }
  }
  for (const record of report.imagesDeleted) {
    if ('deleted' in record) report.spaceReclaimed += layerSizes.get(record.deleted) ?? 0;
  }
  return report;
}

/** ImageDelete without force, pruning parents; any refusal (imageDeleteFailed) means nothing was deleted. */
function tryDelete(engine: Engine, ref: string): DeleteRecord[] {
  try {
    return deleteImage(engine, ref, false, true);
  } catch (error) {
    if (error instanceof EngineError) return [];
    throw error;
  }
}

/** The image's creation time (Unix ms), undefined when its config has none. */
function createdAt(image: StoredImage): number | undefined {
  return image.config.created ? Date.parse(image.config.created) : undefined;
}
