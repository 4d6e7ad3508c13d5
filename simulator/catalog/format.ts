import type { Digest } from '../digest/digest';

/**
 * The simulated Docker Hub's official images, as static files the engine
 * fetches when an image is pulled (never part of the page bundle). Written by
 * scripts/catalog/ from real package contents; read by the registry.
 *
 * public/catalog/index.json            CatalogIndex
 * public/catalog/images/<key>.json     CatalogImage   (key: e.g. "debian-bookworm-slim")
 * public/catalog/layers/<hex>.json     CatalogLayer   (hex: the layer's diff ID without "sha256:")
 */
export const CATALOG_VERSION = 1;

export interface CatalogIndex {
  version: typeof CATALOG_VERSION;
  repositories: Record<
    string, // familiar name: "alpine", "gcr.io/distroless/static-debian12"
    {
      /** One line for `docker search` and the Hub page. */
      description: string;
      official: boolean;
      /** tag → image key */
      tags: Record<string, string>;
    }
  >;
}

export interface CatalogImage {
  version: typeof CATALOG_VERSION;
  /** The exact config JSON text; its sha256 is the image ID. Its rootfs.diff_ids list the layers, bottom first. */
  config: string;
  layers: CatalogLayerRef[];
}

export interface CatalogLayerRef {
  diffId: Digest;
  /** Bytes of the uncompressed layer tar. */
  tarSize: number;
  /** The gzip blob a registry serves: its digest and size (manifest `layers[]`). */
  blobDigest: Digest;
  blobSize: number;
  /** Bytes of the regular files in the layer (Docker's layer size). */
  size: number;
}

/**
 * One entry of a layer, compact: [kind, path, mode, uid, gid, mtime (seconds), detail, text?]
 * - 'd' directory (detail 0; opaque when the 8th element is 'opaque')
 * - 'f' file: detail is its size; the 8th element is its text when the file is
 *   small text (configuration, scripts); otherwise its bytes are generated
 *   from the seed "<layer diffId>:<path>"
 * - 'l' symlink: detail is the target
 * - 'h' hard link: detail is the absolute path of the linked file
 * - 'w' whiteout (mode, uid, gid, mtime 0; detail 0)
 */
export type CatalogEntry = [kind: 'd' | 'f' | 'l' | 'h' | 'w', path: string, mode: number, uid: number, gid: number, mtime: number, detail: number | string, text?: string];

export interface CatalogLayer {
  version: typeof CATALOG_VERSION;
  diffId: Digest;
  /** Entries in path order. */
  entries: CatalogEntry[];
}
