/**
 * The filesystem model: what a layer holds and what a container sees.
 * Paths are absolute, '/'-separated, without a trailing slash ('/' is the root).
 */

/** Ownership, permissions and time, as a tar header carries them. */
export interface Metadata {
  /** Permission bits (and setuid/setgid/sticky), without the file type. */
  mode: number;
  uid: number;
  gid: number;
  /** Modification time, milliseconds since the epoch. */
  mtime: number;
}

/**
 * A file's bytes. Small and text files carry them; large binaries of catalog
 * images carry only a size and a seed from which their bytes are generated on
 * demand, so tars and digests stay real without shipping real binaries.
 */
export type FileContent = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'generated'; size: number; seed: string };

export type Node =
  | ({ type: 'file'; content: FileContent } & Metadata)
  | ({ type: 'directory'; /** Hides everything lower layers have below it (`.wh..wh..opq`). */ opaque?: boolean } & Metadata)
  | ({ type: 'symlink'; target: string } & Metadata)
  | ({ type: 'hardlink'; /** The absolute path of the file this is another name for. */ target: string } & Metadata);

/** A path deleted by this layer (a `.wh.<name>` entry in its tar). */
export interface Whiteout {
  type: 'whiteout';
}

export type Change = Node | Whiteout;

/** What one layer changes: every path it adds, modifies or deletes. */
export type Changeset = ReadonlyMap<string, Change>;

export function contentSize(content: FileContent): number {
  return content.kind === 'bytes' ? content.bytes.length : content.size;
}

/** The size of a layer as Docker counts it: the bytes of the regular files it holds. */
export function changesetSize(changeset: Changeset): number {
  let size = 0;
  for (const change of changeset.values()) if (change.type === 'file') size += contentSize(change.content);
  return size;
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether `path` is `ancestor` or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  return ancestor === '/' || path === ancestor || path.startsWith(`${ancestor}/`);
}
