import type { Engine } from '../daemon/engine';
import { chainIds, type Digest } from '../digest/digest';
import { familiarString } from '../reference/reference';
import { getImage } from './get';

/** One row of `docker history` (API HistoryResponseItem). */
export interface HistoryItem {
  /** The image ID, or `<missing>` for layers of images not present locally. */
  id: string;
  /** Seconds since the epoch (0 when unknown). */
  created: number;
  createdBy: string;
  comment: string;
  size: number;
  tags: string[];
}

/** A history entry's instruction as `docker history` shows it: docker/cli turns tabs into spaces. */
export function shownCreatedBy(createdBy: string): string {
  return createdBy.replaceAll('\t', ' ');
}

/**
 * An image's history, newest first, as moby's ImageHistory builds it: sizes
 * from the layers of non-empty entries, and IDs filled in along the local
 * parent chain only — which is why pulled images show `<missing>` below
 * their first row, and committed or locally built ones show their parents.
 */
export function imageHistory(engine: Engine, name: string): HistoryItem[] {
  const image = getImage(engine, name);
  const diffIds = image.config.rootfs.diff_ids;
  const chain = chainIds(diffIds);
  const items: HistoryItem[] = [];
  let layerIndex = 0;
  for (const entry of image.config.history ?? []) {
    let size = 0;
    if (!entry.empty_layer) {
      const chainId = chain[layerIndex];
      if (chainId === undefined) throw new Error('too many non-empty layers in History section');
      size = engine.layers.get(chainId)?.size ?? 0;
      layerIndex++;
    }
    items.unshift({
      id: '<missing>',
      created: entry.created ? Math.floor(Date.parse(entry.created) / 1000) : 0,
      createdBy: entry.created_by ?? '',
      comment: entry.comment ?? '',
      size,
      tags: [],
    });
  }
  let id: Digest | undefined = image.id;
  for (const item of items) {
    if (!id) break;
    item.id = id;
    item.tags = engine.references
      .references(id)
      .filter((ref) => ref.tag !== undefined && ref.digest === undefined)
      .map((ref) => familiarString(ref));
    id = engine.images.parentOf(id);
    if (id && !engine.images.get(id)) break;
  }
  return items;
}
