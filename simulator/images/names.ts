import { truncateId } from '../cli/format/units';
import type { Engine } from '../daemon/engine';
import { chainIds, type Digest } from '../digest/digest';
import type { StoredImage } from '../image/store';
import { familiarString } from '../reference/reference';

/** The chain IDs of an image's layers, bottom first; computed once per image (a config never changes). */
const chains = new WeakMap<StoredImage, Digest[]>();

export function imageChainIds(image: StoredImage): Digest[] {
  let chain = chains.get(image);
  if (!chain) {
    chain = chainIds(image.config.rootfs.diff_ids);
    chains.set(image, chain);
  }
  return chain;
}

/** How views name a local image: its tags in familiar form (`alpine:latest`), or its short ID when it has none. */
export function imageNames(engine: Pick<Engine, 'references'>, id: Digest): string[] {
  const tags = engine.references
    .references(id)
    .filter((ref) => ref.tag !== undefined && ref.digest === undefined)
    .map((ref) => familiarString(ref));
  return tags.length > 0 ? tags : [truncateId(id)];
}

/**
 * The local images whose layer `index` has the chain ID `chainId` — the same
 * layer on the same layers below, which is what sharing a layer means — each
 * named by {@link imageNames}, sorted; `except` leaves one image out.
 */
export function imagesSharingLayer(engine: Pick<Engine, 'images' | 'references'>, chainId: Digest, index: number, except?: Digest): string[] {
  const names: string[] = [];
  for (const image of engine.images.all()) {
    if (image.id !== except && imageChainIds(image)[index] === chainId) names.push(...imageNames(engine, image.id));
  }
  return names.sort();
}
