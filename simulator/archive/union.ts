import { fileBytes } from './tar';
import { isWithin, parentOf, type Changeset, type Node } from './types';

/** Read access to a filesystem: an image's layers, or a container's view. */
export interface FilesystemView {
  get(path: string): Node | undefined;
  has(path: string): boolean;
  /** Names directly inside the directory `path`, sorted. */
  children(path: string): string[];
}

/**
 * A text file of a filesystem (/etc/passwd, a go.mod, a script), decoded as
 * UTF-8; undefined when nothing, or no regular file, is at `path`. The view
 * decides what is at a path: a layer's or a build context's entry as it is,
 * or a machine's as a process opens it (LayerFileSystem.readText).
 */
export function readTextFile(view: Pick<FilesystemView, 'get'>, path: string): string | undefined {
  const node = view.get(path);
  return node?.type === 'file' ? new TextDecoder().decode(fileBytes(node.content)) : undefined;
}

/**
 * The union of a stack of layers, as overlayfs presents it: each layer, bottom
 * first, adds or replaces paths, deletes them with whiteouts, or hides what is
 * below a directory with an opaque marker.
 */
export class UnionView implements FilesystemView {
  private readonly nodes: Map<string, Node>;
  private childIndex: Map<string, string[]> | undefined;

  constructor(layers: readonly Changeset[]) {
    this.nodes = flatten(layers);
  }

  get(path: string): Node | undefined {
    return this.nodes.get(path);
  }

  has(path: string): boolean {
    return this.nodes.has(path);
  }

  children(path: string): string[] {
    this.childIndex ??= indexChildren(this.nodes.keys());
    return this.childIndex.get(path) ?? [];
  }

  /** Every path with its node, in no particular order (cheaper than {@link paths} when the order does not matter). */
  entries(): IterableIterator<[string, Node]> {
    return this.nodes.entries();
  }

  /** Every path, sorted, as a tar of the whole filesystem would list them. */
  paths(): string[] {
    return [...this.nodes.keys()].sort();
  }

  get size(): number {
    return this.nodes.size;
  }
}

/** Applies layers bottom-up into one map of path → node. */
export function flatten(layers: readonly Changeset[]): Map<string, Node> {
  const nodes = new Map<string, Node>([['/', { type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0 }]]);
  for (const layer of layers) {
    // Whiteouts and opaque directories hide what the lower layers have, so
    // they apply before this layer's own entries.
    for (const [path, change] of layer) {
      if (change.type === 'whiteout') removeTree(nodes, path);
      else if (change.type === 'directory' && change.opaque) removeTree(nodes, path, false);
    }
    for (const [path, change] of layer) {
      if (change.type === 'whiteout') continue;
      const existing = nodes.get(path);
      if (existing && existing.type === 'directory' && change.type !== 'directory') removeTree(nodes, path);
      nodes.set(path, change.type === 'directory' && change.opaque ? withoutOpaque(change) : change);
    }
  }
  return nodes;
}

function withoutOpaque(node: Extract<Node, { type: 'directory' }>): Node {
  const { opaque: _opaque, ...rest } = node;
  return rest;
}

function removeTree(nodes: Map<string, Node>, path: string, includeSelf = true): void {
  for (const candidate of [...nodes.keys()]) {
    if (candidate === '/' || !isWithin(candidate, path)) continue;
    if (candidate === path && !includeSelf) continue;
    nodes.delete(candidate);
  }
}

function indexChildren(paths: Iterable<string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const path of paths) {
    if (path === '/') continue;
    const parent = parentOf(path);
    const names = index.get(parent) ?? [];
    names.push(path.slice(parent === '/' ? 1 : parent.length + 1));
    index.set(parent, names);
  }
  for (const names of index.values()) names.sort();
  return index;
}
