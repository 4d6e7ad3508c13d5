import type { FilesystemView } from './union';
import { baseName, isWithin, parentOf, type Change, type Changeset, type FileContent, type Metadata, type Node } from './types';

/** One line of `docker diff`: A(dded), C(hanged) or D(eleted). */
export interface PathChange {
  kind: 'A' | 'C' | 'D';
  path: string;
}

export class FilesystemError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY',
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
  }
}

/**
 * A container's writable layer over its image's read-only layers, with
 * overlayfs semantics: a write copies the path up (parents included), a
 * delete of something below leaves a whiteout, and a directory made where a
 * lower one was deleted becomes opaque. Its changeset is what `docker commit`
 * turns into a new layer and what `docker diff` reports.
 */
export class ReadWriteLayer implements FilesystemView {
  private readonly changes = new Map<string, Change>();

  constructor(
    private readonly lower: FilesystemView,
    initial?: Changeset,
  ) {
    if (initial) for (const [path, change] of initial) this.changes.set(path, change);
  }

  /** The container's view of `path`: this layer first, then the image's layers unless hidden. */
  get(path: string): Node | undefined {
    const own = this.changes.get(path);
    if (own) return own.type === 'whiteout' ? undefined : own;
    return this.hiddenBelow(path) ? undefined : this.lower.get(path);
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  isDirectory(path: string): boolean {
    return this.get(path)?.type === 'directory';
  }

  children(path: string): string[] {
    const names = new Set(this.hiddenBelow(`${path === '/' ? '' : path}/x`) ? [] : this.lower.children(path));
    for (const [changed, change] of this.changes) {
      if (changed === '/' || parentOf(changed) !== path) continue;
      if (change.type === 'whiteout') names.delete(baseName(changed));
      else names.add(baseName(changed));
    }
    return [...names].sort();
  }

  /** Whether this layer hides the lower `path`: an ancestor deleted, replaced by a non-directory, or opaque. */
  private hiddenBelow(path: string): boolean {
    for (let ancestor = parentOf(path); ; ancestor = parentOf(ancestor)) {
      const change = this.changes.get(ancestor);
      if (change && (change.type !== 'directory' || change.opaque)) return true;
      if (ancestor === '/') return false;
    }
  }

  writeFile(path: string, content: FileContent, metadata: Metadata): void {
    const existing = this.get(path);
    if (existing?.type === 'directory') throw new FilesystemError('EISDIR', path);
    this.ensureParent(path, metadata.mtime);
    this.set(path, { type: 'file', content, ...metadata });
  }

  mkdir(path: string, metadata: Metadata): void {
    if (this.get(path)) throw new FilesystemError('EEXIST', path);
    this.ensureParent(path, metadata.mtime);
    // A directory made where a lower one was deleted must not show the old contents.
    const opaque = this.changes.get(path)?.type === 'whiteout';
    this.set(path, { type: 'directory', ...metadata, ...(opaque ? { opaque: true } : {}) });
  }

  symlink(path: string, target: string, metadata: Metadata): void {
    if (this.get(path)) throw new FilesystemError('EEXIST', path);
    this.ensureParent(path, metadata.mtime);
    this.set(path, { type: 'symlink', target, ...metadata });
  }

  /** Changes a directory's own metadata (chmod, touch); what is inside it stays as it is. */
  setDirectory(path: string, node: Extract<Node, { type: 'directory' }>): void {
    const opaque = (this.changes.get(path) as { opaque?: boolean } | undefined)?.opaque;
    this.changes.set(path, opaque ? { ...node, opaque } : node);
  }

  /** Deletes `path` and, for a directory, everything below it (rm -r). */
  remove(path: string, mtime: number): void {
    if (!this.get(path) || path === '/') throw new FilesystemError('ENOENT', path);
    for (const changed of [...this.changes.keys()]) if (isWithin(changed, path)) this.changes.delete(changed);
    if (this.lower.has(path) && !this.hiddenBelow(path)) this.changes.set(path, { type: 'whiteout' });
    this.touchParent(path, mtime);
  }

  /** The layer as `docker commit` stores it. */
  changeset(): Changeset {
    return new Map(this.changes);
  }

  /** `docker diff`: each changed path, sorted, parents reported as changed. */
  diff(): PathChange[] {
    const result: PathChange[] = [];
    for (const [path, change] of [...this.changes].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (change.type === 'whiteout') result.push({ kind: 'D', path });
      else result.push({ kind: this.lower.has(path) ? 'C' : 'A', path });
    }
    return result;
  }

  private set(path: string, node: Node): void {
    this.changes.set(path, node);
    this.touchParent(path, node.mtime);
  }

  /** Copies the parent directory up, as overlayfs does when a child changes. */
  private touchParent(path: string, mtime: number): void {
    const parent = parentOf(path);
    if (parent === '/' && path === '/') return;
    const node = this.changes.get(parent) ?? this.lower.get(parent);
    if (node?.type === 'directory' && parent !== '/') this.changes.set(parent, { ...node, mtime });
  }

  private ensureParent(path: string, mtime: number): void {
    const parent = parentOf(path);
    const node = this.get(parent);
    if (!node) throw new FilesystemError('ENOENT', parent);
    if (node.type !== 'directory') throw new FilesystemError('ENOTDIR', parent);
    if (parent !== '/' && !this.changes.has(parent)) this.changes.set(parent, { ...node, mtime });
  }
}
