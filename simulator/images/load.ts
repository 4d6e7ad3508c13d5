import { gunzipSync } from 'fflate';
import { unpackTar } from 'modern-tar';
import { tarToChangeset } from '../archive/tar';
import type { Engine } from '../daemon/engine';
import { digestOf, type Digest } from '../digest/digest';
import { invalidParameter } from '../errdefs/errors';
import { familiarString, parseNormalizedNamed, tagNameOnly } from '../reference/reference';

/** What `docker load` reports for each image: its tags, or its ID when it has none. */
export type LoadRecord = { tag: string } | { id: Digest };

interface ArchiveImage {
  configBytes: Uint8Array;
  layers: Uint8Array[];
  tags: string[];
}

/**
 * docker load: reads a docker-archive (`manifest.json`, as docker save and
 * podman write) or a plain OCI image layout archive (`index.json`, as buildah
 * and skopeo write), checks every layer against the config's diff IDs, and
 * stores the images, reusing layers already present.
 */
export async function loadImages(engine: Engine, archive: Uint8Array): Promise<LoadRecord[]> {
  let entries;
  try {
    entries = await unpackTar(archive);
  } catch {
    throw invalidParameter('unexpected EOF');
  }
  // Text or a truncated file reads as a tar with no entries; Go's tar reader reports it so.
  if (entries.length === 0) throw invalidParameter('unexpected EOF');
  const files = new Map(entries.filter((entry) => entry.data).map((entry) => [entry.header.name.replace(/^\.\//, ''), entry.data as Uint8Array]));
  const images = files.has('manifest.json') ? fromDockerArchive(files) : fromOciLayout(files);
  const records: LoadRecord[] = [];
  for (const archived of images) {
    const configText = new TextDecoder().decode(archived.configBytes);
    const config = JSON.parse(configText) as { rootfs?: { diff_ids?: string[] } };
    const expected = config.rootfs?.diff_ids ?? [];
    const layers = [];
    for (const [index, blob] of archived.layers.entries()) {
      const tar = isGzip(blob) ? gunzipSync(blob) : blob;
      const diffId = digestOf(tar);
      if (expected[index] !== diffId) throw invalidParameter(`invalid diffID for layer ${index}: expected "${expected[index] ?? ''}", got "${diffId}"`);
      layers.push({ diffId, changeset: await tarToChangeset(tar) });
    }
    const existing = engine.images.get(digestOf(configText));
    const image = engine.images.create(configText);
    if (!existing) engine.layers.register(layers);
    if (archived.tags.length === 0) records.push({ id: image.id });
    for (const tag of archived.tags) {
      const ref = tagNameOnly(parseNormalizedNamed(tag));
      engine.references.addTag(ref, image.id, true);
      // What the views tell of a load: each name it set (the event a `docker tag` emits; LastTagTime stays as it was).
      engine.events.emit({ type: 'image.tagged', imageId: image.id, ref: familiarString(ref) });
      records.push({ tag: familiarString(ref) });
    }
  }
  return records;
}

function json(files: ReadonlyMap<string, Uint8Array>, path: string): unknown {
  const bytes = files.get(path);
  if (!bytes) throw invalidParameter(`open ${path}: no such file or directory`);
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}

function fromDockerArchive(files: ReadonlyMap<string, Uint8Array>): ArchiveImage[] {
  const manifest = json(files, 'manifest.json') as Array<{ Config: string; RepoTags: string[] | null; Layers: string[] }>;
  return manifest.map((entry) => ({
    configBytes: blob(files, entry.Config),
    layers: entry.Layers.map((path) => blob(files, path)),
    tags: entry.RepoTags ?? [],
  }));
}

function fromOciLayout(files: ReadonlyMap<string, Uint8Array>): ArchiveImage[] {
  const index = json(files, 'index.json') as { manifests: Array<{ digest: string; annotations?: Record<string, string> }> };
  return index.manifests.map((descriptor) => {
    const manifest = json(files, blobPath(descriptor.digest)) as { config: { digest: string }; layers: Array<{ digest: string }> };
    const name = descriptor.annotations?.['io.containerd.image.name'];
    return {
      configBytes: blob(files, blobPath(manifest.config.digest)),
      layers: manifest.layers.map((layer) => blob(files, blobPath(layer.digest))),
      tags: name ? [name] : [],
    };
  });
}

function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

function blob(files: ReadonlyMap<string, Uint8Array>, path: string): Uint8Array {
  const bytes = files.get(path);
  if (!bytes) throw invalidParameter(`open ${path}: no such file or directory`);
  return bytes;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
