import { gunzipSync } from 'fflate';
import { unpackTar } from 'modern-tar';
import { fileBytes, tarToChangeset } from '../archive/tar';
import { isWithin, type Node } from '../archive/types';
import { digestOf, hexOf } from '../digest/digest';

/**
 * What a built image is, as facts two builders can be compared on: the
 * number of layers, which history entries are empty layers, the runtime
 * config, and every path of the final root filesystem with its type, mode,
 * owner, size and content hash. Byte-level output (digests, timestamps,
 * history text, tar entry order) is left out on purpose: builders differ
 * there without differing in meaning.
 */
export interface ImageConfigJson {
  config?: {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, object> | null;
    Volumes?: Record<string, object> | null;
    Labels?: Record<string, string> | null;
  };
  rootfs: { type: string; diff_ids: string[] };
  history?: Array<{ created_by?: string; comment?: string; empty_layer?: boolean }>;
}

export interface FileFact {
  type: Node['type'];
  /** Octal permission bits, as `ls -l` and `stat` think of them: '644'. */
  mode: string;
  uid: number;
  gid: number;
  /** Files only. */
  size?: number;
  sha256?: string;
  /** Symlinks and hard links. */
  target?: string;
}

export interface ImageFacts {
  layers: number;
  /** One character per history entry: 'E' an empty layer (metadata only), 'L' a layer. */
  history: string;
  config: {
    Env: string[];
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    WorkingDir: string;
    User: string;
    ExposedPorts: string[];
    Volumes: string[];
    Labels: Record<string, string>;
  };
  rootfs: Record<string, FileFact>;
}

/** An image read out of an OCI layout: its config and its layers as uncompressed tars, bottom first. */
export interface OciImage {
  config: ImageConfigJson;
  layers: Uint8Array[];
}

interface Descriptor {
  mediaType: string;
  digest: string;
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
/** gzip's magic number: layers pushed by buildah are compressed, docker save's are not. */
const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * Reads the first image of an OCI image layout, given a function from a path
 * inside the layout (`index.json`, `blobs/sha256/<hex>`) to its bytes — so the
 * same code reads a directory buildah pushed to and a `docker save` tar.
 */
export async function readOciLayout(read: (path: string) => Promise<Uint8Array> | Uint8Array): Promise<OciImage> {
  const blob = async (descriptor: Descriptor): Promise<Uint8Array> => read(`blobs/${descriptor.digest.replace(':', '/')}`);
  const index = JSON.parse(decode(await read('index.json'))) as { manifests: Descriptor[] };
  let descriptor = index.manifests[0];
  // A nested index (an image index pointing at per-platform manifests): follow its first entry.
  while (descriptor?.mediaType.endsWith('index.v1+json') || descriptor?.mediaType.endsWith('manifest.list.v2+json')) {
    descriptor = (JSON.parse(decode(await blob(descriptor))) as { manifests: Descriptor[] }).manifests[0];
  }
  if (descriptor === undefined) throw new Error('the OCI layout names no image');
  const manifest = JSON.parse(decode(await blob(descriptor))) as { config: Descriptor; layers: Descriptor[] };
  const config = JSON.parse(decode(await blob(manifest.config))) as ImageConfigJson;
  const layers: Uint8Array[] = [];
  for (const layer of manifest.layers) {
    const bytes = await blob(layer);
    layers.push(isGzip(bytes) ? gunzipSync(bytes) : bytes);
  }
  return { config, layers };
}

/** The files of a tar (a `docker save` archive) by name, for {@link readOciLayout}. */
export async function tarFiles(tar: Uint8Array): Promise<(path: string) => Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const { header, data } of await unpackTar(tar)) if (data !== undefined) files.set(header.name.replace(/^\.\//, ''), data);
  return (path) => {
    const bytes = files.get(path);
    if (bytes === undefined) throw new Error(`${path} is not in the archive`);
    return bytes;
  };
}

/** The final root filesystem: every layer applied in order, whiteouts and opaque directories honoured. */
async function flatten(layers: readonly Uint8Array[]): Promise<Map<string, Node>> {
  const root = new Map<string, Node>();
  const removeBelow = (path: string, including: boolean): void => {
    for (const existing of [...root.keys()]) if (isWithin(existing, path) && (including || existing !== path)) root.delete(existing);
  };
  for (const layer of layers) {
    for (const [path, change] of await tarToChangeset(layer)) {
      if (change.type === 'whiteout') {
        removeBelow(path, true);
        continue;
      }
      if (change.type === 'directory' && change.opaque) removeBelow(path, false);
      // A directory entry over a directory keeps what is inside; anything else replaces the whole subtree.
      if (change.type !== 'directory' || root.get(path)?.type !== 'directory') removeBelow(path, true);
      root.set(path, change);
    }
  }
  return root;
}

function fileFact(node: Node): FileFact {
  const fact: FileFact = { type: node.type, mode: (node.mode & 0o7777).toString(8), uid: node.uid, gid: node.gid };
  if (node.type === 'file') {
    const bytes = fileBytes(node.content);
    fact.size = bytes.length;
    fact.sha256 = hexOf(digestOf(bytes));
  }
  if (node.type === 'symlink' || node.type === 'hardlink') fact.target = node.target;
  return fact;
}

const sortedKeys = (record: Record<string, object> | null | undefined): string[] => Object.keys(record ?? {}).sort();

export async function imageFacts(image: OciImage): Promise<ImageFacts> {
  const config = image.config.config ?? {};
  const rootfs: Record<string, FileFact> = {};
  const flat = await flatten(image.layers);
  for (const path of [...flat.keys()].sort()) {
    const node = flat.get(path);
    if (node !== undefined) rootfs[path] = fileFact(node);
  }
  return {
    layers: image.config.rootfs.diff_ids.length,
    history: (image.config.history ?? []).map((entry) => (entry.empty_layer === true ? 'E' : 'L')).join(''),
    config: {
      Env: config.Env ?? [],
      // An empty list and no list mean the same to a container: no command.
      Cmd: config.Cmd === undefined || config.Cmd === null || config.Cmd.length === 0 ? null : config.Cmd,
      Entrypoint: config.Entrypoint === undefined || config.Entrypoint === null || config.Entrypoint.length === 0 ? null : config.Entrypoint,
      WorkingDir: config.WorkingDir ?? '',
      User: config.User ?? '',
      ExposedPorts: sortedKeys(config.ExposedPorts),
      Volumes: sortedKeys(config.Volumes),
      Labels: { ...(config.Labels ?? {}) },
    },
    rootfs,
  };
}
