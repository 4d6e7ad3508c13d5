/**
 * The file tree of an image as of one of its layers, listed one directory at
 * a time: a view asks for the root, then for each directory the learner
 * opens, so a tree of tens of thousands of entries (node, ubuntu) never
 * crosses postMessage whole. The facts every listing needs (directory sizes,
 * which paths changed) are computed once per layer stack and kept with it.
 */
import { contentSize, parentOf, type FileContent, type Node } from '../archive/types';
import type { UnionView } from '../archive/union';
import type { Engine } from '../daemon/engine';
import type { Digest } from '../digest/digest';
import { notFound } from '../errdefs/errors';
import { getImage } from '../images/get';
import { imageChainIds } from '../images/names';

/** How an entry compares with the tree below the layer (or, for the whole image, with its first layer). */
export type EntryStatus = 'added' | 'modified' | 'removed' | 'unchanged';

export interface TreeEntry {
  name: string;
  path: string;
  type: Node['type'];
  /** Permission bits (with setuid/setgid/sticky), without the file type. */
  mode: number;
  uid: number;
  gid: number;
  /** A file's bytes; a directory's: the bytes of every file below it; 0 for links. */
  size: number;
  /** Where a symlink points, or the path a hard link is another name for. */
  target?: string;
  /** A removed entry is what the layer deleted (a whiteout), shown as it was below. */
  status: EntryStatus;
  /** The layer that last wrote this path (absent for a removed entry). */
  layer?: number;
  /** Directories: whether anything below is added, modified or removed. */
  changedBelow?: boolean;
  /** Directories: how many entries listing it gives (removed ones included). */
  childCount?: number;
}

export interface LayerTreeOptions {
  /** The directory to list; '/' when not given. */
  path?: string;
  /** Only entries that changed, or directories with changes below. */
  changedOnly?: boolean;
}

export interface LayerTreeListing {
  imageId: string;
  layer: number | 'all';
  path: string;
  entries: TreeEntry[];
  /** Paths the layer (or, for the whole image, every layer above the first) added, modified and removed. */
  summary: { added: number; modified: number; removed: number };
}

/** Facts about one layer stack: directory sizes and which layer wrote each path. */
interface StackFacts {
  directorySizes: Map<string, number>;
  writer: Map<string, number>;
}

/** How one stack compares with a lower one. */
interface Comparison {
  /** Status of every path that may differ; any other path is unchanged. */
  statuses: Map<string, EntryStatus>;
  /** Directories with something changed below them. */
  changedBelow: Set<string>;
  summary: LayerTreeListing['summary'];
}

const stackFacts = new WeakMap<UnionView, StackFacts>();
const comparisons = new WeakMap<UnionView, Map<number, Comparison>>();

/**
 * Lists the directory `options.path` of image `ref` as of layer `layer`
 * (the union of layers 0..layer), each entry marked against the layers below
 * it; `'all'` lists the whole image, marked against its first layer — what
 * the layers above the base image changed (dive's aggregated view).
 */
export function layerTree(engine: Engine, ref: string, layer: number | 'all', options: LayerTreeOptions = {}): LayerTreeListing {
  const image = getImage(engine, ref);
  const chain = imageChainIds(image);
  const top = layer === 'all' ? chain.length - 1 : layer;
  if (!Number.isInteger(top) || top < (layer === 'all' ? -1 : 0) || top >= chain.length) throw notFound(`No such layer: ${String(layer)} (the image has ${chain.length})`);
  const base = layer === 'all' ? Math.min(0, top) : top - 1;
  const upper = engine.layers.view(chain[top]);
  const lower = base < 0 ? undefined : engine.layers.view(chain[base]);
  const facts = factsOf(engine, upper, chain[top]);
  const comparison = compare(engine, chain, upper, lower, base, top);
  const path = normalise(options.path ?? '/');
  if (!upper.has(path) && !lower?.has(path)) throw notFound(`No such path in layer ${String(layer)}: ${path}`);
  const removedHere = !upper.has(path);
  const names = new Set(removedHere ? [] : upper.children(path));
  const removedNames = lower ? lower.children(path).filter((name) => !names.has(name)) : [];
  const entries: TreeEntry[] = [];
  const entryOf = (name: string, removed: boolean): TreeEntry => {
    const child = path === '/' ? `/${name}` : `${path}/${name}`;
    const node = (removed ? lower?.get(child) : upper.get(child)) as Node;
    const status: EntryStatus = removed ? 'removed' : !lower ? 'added' : comparison.statuses.get(child) ?? 'unchanged';
    const entry: TreeEntry = { name, path: child, type: node.type, mode: node.mode, uid: node.uid, gid: node.gid, size: 0, status };
    if (node.type === 'file') entry.size = contentSize(node.content);
    if (node.type === 'symlink' || node.type === 'hardlink') entry.target = node.target;
    if (!removed) entry.layer = facts.writer.get(child) ?? 0;
    if (node.type === 'directory') {
      const source = removed ? (lower as UnionView) : upper;
      entry.size = (removed ? factsOf(engine, source, chain[base]) : facts).directorySizes.get(child) ?? 0;
      const below = removed ? source.children(child) : union(upper.children(child), lower?.children(child) ?? []);
      entry.childCount = below.length;
      entry.changedBelow = removed ? below.length > 0 : !lower ? below.length > 0 : comparison.changedBelow.has(child);
    }
    return entry;
  };
  for (const name of names) entries.push(entryOf(name, false));
  for (const name of removedNames) entries.push(entryOf(name, true));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const shown = options.changedOnly ? entries.filter((entry) => entry.status !== 'unchanged' || entry.changedBelow) : entries;
  return { imageId: image.id, layer, path, entries: shown, summary: lower ? comparison.summary : { added: upper.size - 1, modified: 0, removed: 0 } };
}

function normalise(path: string): string {
  const trimmed = `/${path}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Directory sizes and writers of a stack: one pass over its paths, then kept as long as the stack lives. */
function factsOf(engine: Engine, view: UnionView, top: Digest | undefined): StackFacts {
  let facts = stackFacts.get(view);
  if (facts) return facts;
  const directorySizes = new Map<string, number>();
  for (const [path, node] of view.entries()) {
    if (node.type !== 'file' || path === '/') continue;
    const size = contentSize(node.content);
    for (let directory = parentOf(path); ; directory = parentOf(directory)) {
      directorySizes.set(directory, (directorySizes.get(directory) ?? 0) + size);
      if (directory === '/') break;
    }
  }
  const writer = new Map<string, number>();
  engine.layers.stack(top).forEach((layer, index) => {
    for (const [path, change] of layer.changeset) if (change.type !== 'whiteout') writer.set(path, index);
  });
  facts = { directorySizes, writer };
  stackFacts.set(view, facts);
  return facts;
}

/** The statuses of the stack `upper` (layers 0..top) against `lower` (0..base): only paths the layers base+1..top touch can differ. */
function compare(engine: Engine, chain: readonly Digest[], upper: UnionView, lower: UnionView | undefined, base: number, top: number): Comparison {
  let byBase = comparisons.get(upper);
  const known = byBase?.get(base);
  if (known) return known;
  const statuses = new Map<string, EntryStatus>();
  const changedBelow = new Set<string>();
  const summary = { added: 0, modified: 0, removed: 0 };
  const markAncestors = (path: string): void => {
    for (let directory = parentOf(path); !changedBelow.has(directory); directory = parentOf(directory)) {
      changedBelow.add(directory);
      if (directory === '/') break;
    }
  };
  const layers = engine.layers.stack(chain[top]).slice(base + 1);
  for (const layer of layers) {
    for (const path of layer.changeset.keys()) {
      if (statuses.has(path) || path === '/') continue;
      const before = lower?.get(path);
      const after = upper.get(path);
      const status: EntryStatus = !before ? (after ? 'added' : 'unchanged') : !after ? 'removed' : sameNode(before, after) ? 'unchanged' : 'modified';
      statuses.set(path, status);
      if (status !== 'unchanged') {
        summary[status]++;
        markAncestors(path);
      }
      // A directory made opaque, or replaced, hides what was below it: that is a change below it too.
      if (before?.type === 'directory' && lower && after?.type === 'directory' && lower.children(path).some((name) => !upper.has(`${path}/${name}`))) {
        changedBelow.add(path);
        markAncestors(path);
      }
    }
  }
  const comparison = { statuses, changedBelow, summary };
  if (!byBase) {
    byBase = new Map();
    comparisons.set(upper, byBase);
  }
  byBase.set(base, comparison);
  return comparison;
}

/** Whether two versions of a path are the same to a reader: type, permissions, owner and content (not the modification time). */
export function sameNode(a: Node, b: Node): boolean {
  if (a.type !== b.type || a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid) return false;
  if (a.type === 'file' && b.type === 'file') return sameContent(a.content, b.content);
  if ((a.type === 'symlink' || a.type === 'hardlink') && (b.type === 'symlink' || b.type === 'hardlink')) return a.target === b.target;
  return true;
}

export function sameContent(a: FileContent, b: FileContent): boolean {
  if (a.kind === 'generated' || b.kind === 'generated') return a.kind === 'generated' && b.kind === 'generated' && a.seed === b.seed && a.size === b.size;
  if (a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

