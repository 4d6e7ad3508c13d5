import { digestOf, type Digest } from '../digest/digest';

/** A layer blob as a manifest lists it. */
export interface BlobDescriptor {
  mediaType: string;
  digest: Digest;
  size: number;
}

export const MEDIA_TYPES = {
  manifest: 'application/vnd.docker.distribution.manifest.v2+json',
  config: 'application/vnd.docker.container.image.v1+json',
  layerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  layerTar: 'application/vnd.oci.image.layer.v1.tar',
} as const;

/**
 * The image manifest (Docker's v2 schema 2) of a config and its layer blobs,
 * serialised as Go's encoding/json would with three-space indentation as the
 * registry stores it, and its digest — the `Digest:` a pull reports.
 */
export function manifestFor(configText: string, layers: readonly BlobDescriptor[]): { text: string; digest: Digest } {
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.manifest,
    config: { mediaType: MEDIA_TYPES.config, size: new TextEncoder().encode(configText).length, digest: digestOf(configText) },
    layers: layers.map((layer) => ({ mediaType: layer.mediaType, size: layer.size, digest: layer.digest })),
  };
  const text = JSON.stringify(manifest, null, 3);
  return { text, digest: digestOf(text) };
}
