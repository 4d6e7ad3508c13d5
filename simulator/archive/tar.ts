import { packTar, unpackTar, type TarEntry, type TarHeader } from 'modern-tar';
import { Xoshiro128 } from '../random/xoshiro';
import type { FilesystemView } from './union';
import { baseName, parentOf, type Change, type Changeset, type FileContent, type Node } from './types';

/**
 * Layer tars as Docker writes and reads them: entries in path order, names
 * relative to the root (`etc/`, `etc/passwd`), deletions as empty
 * `.wh.<name>` files and opaque directories as `<dir>/.wh..wh..opq` (OCI
 * image-spec layer.md). modern-tar writes ustar with PAX headers for long
 * names, which skopeo, umoci and GNU tar read.
 */
const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

export async function changesetToTar(changeset: Changeset): Promise<Uint8Array> {
  const entries: TarEntry[] = [];
  for (const [path, change] of [...changeset].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (path === '/') continue;
    const name = path.slice(1);
    if (change.type === 'whiteout') {
      const parent = parentOf(path);
      entries.push(emptyFile(`${parent === '/' ? '' : `${parent.slice(1)}/`}${WHITEOUT_PREFIX}${baseName(path)}`));
      continue;
    }
    entries.push(entryFor(name, change));
    if (change.type === 'directory' && change.opaque) entries.push(emptyFile(`${name}/${OPAQUE_MARKER}`));
  }
  return packTar(entries);
}

/**
 * A whole filesystem as one tar, as `docker export` writes a container's
 * merged root (moby's archive.TarWithOptions over the mounted rootfs): a
 * depth-first walk, each directory's names in lexical order (filepath.Walk),
 * whiteouts already applied by the view, no whiteout files.
 */
export async function filesystemToTar(view: FilesystemView): Promise<Uint8Array> {
  const entries: TarEntry[] = [];
  const walk = (dir: string): void => {
    for (const name of [...view.children(dir)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      const node = view.get(path);
      if (!node) continue;
      entries.push(entryFor(path.slice(1), node));
      if (node.type === 'directory') walk(path);
    }
  };
  walk('/');
  return packTar(entries);
}

function entryFor(name: string, node: Node): TarEntry {
  const header: TarHeader = { name, size: 0, mode: node.mode, uid: node.uid, gid: node.gid, mtime: new Date(node.mtime), uname: '', gname: '' };
  switch (node.type) {
    case 'directory':
      return { header: { ...header, name: `${name}/`, type: 'directory' } };
    case 'symlink':
      return { header: { ...header, type: 'symlink', linkname: node.target } };
    case 'hardlink':
      return { header: { ...header, type: 'link', linkname: node.target.slice(1) } };
    case 'file': {
      const bytes = fileBytes(node.content);
      return { header: { ...header, type: 'file', size: bytes.length }, body: bytes };
    }
  }
}

function emptyFile(name: string): TarEntry {
  return { header: { name, size: 0, type: 'file', mode: 0, uid: 0, gid: 0, mtime: new Date(0), uname: '', gname: '' }, body: new Uint8Array(0) };
}

/** Reads a layer tar back into a changeset, turning whiteout files into deletions. */
export async function tarToChangeset(tar: Uint8Array): Promise<Changeset> {
  const changes = new Map<string, Change>();
  for (const { header, data } of await unpackTar(tar)) {
    const path = normalise(header.name);
    if (path === '/') continue;
    const name = baseName(path);
    if (name === OPAQUE_MARKER) {
      const dir = parentOf(path);
      const node = changes.get(dir);
      if (node?.type === 'directory') changes.set(dir, { ...node, opaque: true });
      continue;
    }
    if (name.startsWith(WHITEOUT_PREFIX)) {
      const parent = parentOf(path);
      changes.set(`${parent === '/' ? '' : parent}/${name.slice(WHITEOUT_PREFIX.length)}`, { type: 'whiteout' });
      continue;
    }
    const metadata = { mode: header.mode ?? 0o644, uid: header.uid ?? 0, gid: header.gid ?? 0, mtime: header.mtime?.getTime() ?? 0 };
    switch (header.type ?? 'file') {
      case 'directory':
        changes.set(path, { type: 'directory', ...metadata });
        break;
      case 'symlink':
        changes.set(path, { type: 'symlink', target: header.linkname ?? '', ...metadata });
        break;
      case 'link':
        changes.set(path, { type: 'hardlink', target: normalise(header.linkname ?? ''), ...metadata });
        break;
      case 'file':
        changes.set(path, { type: 'file', content: { kind: 'bytes', bytes: data ?? new Uint8Array(0) }, ...metadata });
        break;
      default:
        // Devices and FIFOs do not occur in the images Layerlab teaches with.
        break;
    }
  }
  return changes;
}

/** `./etc/`, `/etc`, `etc/` → `/etc`. */
function normalise(name: string): string {
  const trimmed = name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '/' : `/${trimmed}`;
}

/**
 * The bytes of a file. Generated content is a deterministic stream derived
 * from its seed, so the same seed gives the same bytes, hence the same layer
 * digests, in every browser and in Node, at hundreds of megabytes a second.
 */
export function fileBytes(content: FileContent): Uint8Array {
  if (content.kind === 'bytes') return content.bytes;
  const generator = new Xoshiro128(content.seed);
  const words = new Uint32Array(Math.ceil(content.size / 4));
  for (let i = 0; i < words.length; i++) words[i] = generator.nextUint32();
  return new Uint8Array(words.buffer, 0, content.size);
}
