import type { Engine } from '../daemon/engine';
import type { Digest } from '../digest/digest';
import { getImage } from '../images/get';
import { shownCreatedBy } from '../images/history';
import { imageChainIds, imageNames, imagesSharingLayer } from '../images/names';

/** A history entry that made a layer. `index` is what {@link layerTree} takes. */
export interface LayerRow {
  kind: 'layer';
  /** 0 for the bottom layer. */
  index: number;
  /** The instruction, exactly as `docker history --no-trunc` shows it (tabs as spaces; views truncate). */
  createdBy: string;
  /** RFC 3339, as in the image config ('' when the image does not say). */
  created: string;
  comment: string;
  /** Bytes as `docker history` counts them: the layer's regular files. */
  size: number;
  /** Full digests; views shorten them. */
  diffId: string;
  chainId: string;
  /** Other local images with this very layer at this position (the same layers below too), by name. */
  sharedWith: string[];
}

/** A history entry that only changed the configuration (ENV, CMD, EXPOSE…): a 0 B row of `docker history`. */
export interface MetadataRow {
  kind: 'metadata';
  createdBy: string;
  created: string;
  comment: string;
}

export interface ImageLayers {
  id: string;
  /** Tags in familiar form, or the short ID when it has none. */
  names: string[];
  /** `docker images` SIZE: the sum of the layers' sizes. */
  size: number;
  layerCount: number;
  /**
   * The image's history, bottom to top: one row per layer, with the metadata
   * rows where the image config puts them (between and above the layers).
   */
  rows: Array<LayerRow | MetadataRow>;
}

/**
 * The layers of an image, bottom to top, each with the history entry that
 * made it (moby's ImageHistory pairs non-empty entries with layers in order)
 * and the local images sharing it.
 */
export function imageLayers(engine: Engine, ref: string): ImageLayers {
  const image = getImage(engine, ref);
  const diffIds = image.config.rootfs.diff_ids;
  const chain = imageChainIds(image);
  const rows: ImageLayers['rows'] = [];
  const layerRow = (index: number, entry: { created_by?: string; created?: string; comment?: string }): LayerRow => {
    const chainId = chain[index] as Digest;
    return {
      kind: 'layer',
      index,
      createdBy: shownCreatedBy(entry.created_by ?? ''),
      created: entry.created ?? '',
      comment: entry.comment ?? '',
      size: engine.layers.get(chainId)?.size ?? 0,
      diffId: diffIds[index] as string,
      chainId,
      sharedWith: imagesSharingLayer(engine, chainId, index, image.id),
    };
  };
  let next = 0;
  for (const entry of image.config.history ?? []) {
    if (entry.empty_layer || next >= diffIds.length) rows.push({ kind: 'metadata', createdBy: shownCreatedBy(entry.created_by ?? ''), created: entry.created ?? '', comment: entry.comment ?? '' });
    else rows.push(layerRow(next++, entry));
  }
  // An image whose history lists fewer layers than it has (an imported one) still shows every layer.
  for (; next < diffIds.length; next++) rows.push(layerRow(next, {}));
  return { id: image.id, names: imageNames(engine, image.id), size: engine.sizeOf(image), layerCount: diffIds.length, rows };
}
