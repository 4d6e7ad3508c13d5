import { changesetToTar } from '../archive/tar';
import type { Change } from '../archive/types';
import type { Engine } from '../daemon/engine';
import { digestOf, hexOf, type Digest } from '../digest/digest';
import type { StoredImage } from '../image/store';
import { familiarName, parseNormalizedNamed, referenceString, tagNameOnly, type Reference } from '../reference/reference';
import { getImage } from './get';

const OCI = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

interface SavedImage {
  image: StoredImage;
  /** The names the learner asked for that point at this image (tags only). */
  tags: Reference[];
}

/**
 * docker save (Engine 25 and later, moby's tarexport): an OCI image layout —
 * `oci-layout`, `index.json` and content-addressed `blobs/sha256/…` (configs,
 * uncompressed layer tars, manifests) — plus the legacy `manifest.json` and
 * `repositories`, so both OCI tools (skopeo, umoci) and `docker load` read it.
 */
export async function saveImages(engine: Engine, names: readonly string[]): Promise<Uint8Array> {
  const saved = new Map<Digest, SavedImage>();
  for (const name of names) {
    const image = getImage(engine, name);
    const entry = saved.get(image.id) ?? { image, tags: [] };
    const tag = asTag(name);
    if (tag && engine.references.get(tag) === image.id) entry.tags.push(tag);
    saved.set(image.id, entry);
  }

  const files = new Map<string, Uint8Array>();
  const blob = (bytes: Uint8Array): { digest: Digest; size: number } => {
    const digest = digestOf(bytes);
    files.set(`blobs/sha256/${hexOf(digest)}`, bytes);
    return { digest, size: bytes.length };
  };
  const encoder = new TextEncoder();
  const manifests: unknown[] = [];
  const legacy: unknown[] = [];
  const repositories: Record<string, Record<string, string>> = {};

  for (const { image, tags } of saved.values()) {
    const config = blob(encoder.encode(image.configText));
    const layers = [];
    for (const layer of engine.layers.stack(engine.topLayerOf(image))) {
      const tar = await changesetToTar(layer.changeset);
      layers.push(blob(tar));
    }
    const manifest = blob(
      encoder.encode(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI.manifest,
          config: { mediaType: OCI.config, digest: config.digest, size: config.size },
          layers: layers.map((layer) => ({ mediaType: OCI.layer, digest: layer.digest, size: layer.size })),
        }),
      ),
    );
    const descriptor = { mediaType: OCI.manifest, digest: manifest.digest, size: manifest.size };
    if (tags.length === 0) manifests.push(descriptor);
    for (const tag of tags) {
      manifests.push({ ...descriptor, annotations: { 'io.containerd.image.name': referenceString(tag), 'org.opencontainers.image.ref.name': tag.tag } });
      const top = layers.at(-1);
      if (top) (repositories[familiarName(tag)] ??= {})[tag.tag ?? 'latest'] = hexOf(top.digest);
    }
    legacy.push({
      Config: `blobs/sha256/${hexOf(config.digest)}`,
      RepoTags: tags.length > 0 ? tags.map((tag) => `${familiarName(tag)}:${tag.tag}`) : null,
      Layers: layers.map((layer) => `blobs/sha256/${hexOf(layer.digest)}`),
    });
  }

  files.set('index.json', encoder.encode(`${JSON.stringify({ schemaVersion: 2, mediaType: OCI.index, manifests })}\n`));
  files.set('manifest.json', encoder.encode(`${JSON.stringify(legacy)}\n`));
  files.set('oci-layout', encoder.encode('{"imageLayoutVersion": "1.0.0"}'));
  if (Object.keys(repositories).length > 0) files.set('repositories', encoder.encode(`${JSON.stringify(repositories)}\n`));

  const entries = new Map<string, Change>([
    ['/blobs', { type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0 }],
    ['/blobs/sha256', { type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0 }],
  ]);
  for (const [path, bytes] of files) entries.set(`/${path}`, { type: 'file', content: { kind: 'bytes', bytes }, mode: 0o644, uid: 0, gid: 0, mtime: 0 });
  return changesetToTar(entries);
}

/** The tag a name refers to (`snap` → `snap:latest`), or undefined for an image ID or a digest reference. */
function asTag(name: string): Reference | undefined {
  try {
    const ref = tagNameOnly(parseNormalizedNamed(name));
    return ref.digest === undefined ? ref : undefined;
  } catch {
    return undefined;
  }
}
