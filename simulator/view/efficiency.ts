/**
 * Wasted space and the efficiency score, counted exactly as dive counts them
 * (wagoodman/dive, filetree/efficiency.go):
 *
 * - every leaf path of every layer's own tree (a path with nothing below it
 *   in that layer) is one version of that path; its size is the file's
 *   bytes, 0 for directories and links;
 * - a whiteout is a version too: of a deleted directory, it weighs what the
 *   directory held in the layers below; of a deleted file, 0 — the file's
 *   earlier version already counts its bytes;
 * - score = Σ smallest version of each path / Σ all versions (1 when there is
 *   nothing); wasted bytes = Σ all versions of paths with two or more.
 *
 * A consequence dive has too: a non-empty directory deleted in a later layer
 * is one version (the directory is not a leaf where its files were added),
 * so deleting a directory's files one by one counts as waste, `rm -rf` of the
 * directory does not.
 */
import { contentSize, parentOf, type Changeset, type Change } from '../archive/types';
import { UnionView, type FilesystemView } from '../archive/union';
import type { Engine } from '../daemon/engine';
import { getImage } from '../images/get';

/** A path with more than one version across the layers. */
export interface InefficientPath {
  path: string;
  /** How many layers have a version of it. */
  count: number;
  /** The bytes of all its versions. */
  totalSize: number;
}

export interface Efficiency {
  /** 0..1; 1 means no byte is duplicated or deleted. */
  score: number;
  wastedBytes: number;
  /** Paths with two or more versions that weigh something, heaviest first. */
  inefficientPaths: InefficientPath[];
}

export interface ImageEfficiency extends Efficiency {
  imageId: string;
  /** Bytes of all layers (`docker images` SIZE). */
  size: number;
  /** Bytes of the layers above the first (what the image's own build added). */
  userSize: number;
  /** dive's "user wasted percent", as a ratio: wasted bytes / userSize (0 when the image has one layer). */
  userWastedRatio: number;
  /** How many inefficient paths there are, when the list was cut at `limit`. */
  inefficientPathCount: number;
}

interface PathVersions {
  count: number;
  total: number;
  smallest: number;
}

/**
 * The efficiency of a stack of layers, bottom first. `stackBelow(i)` is the
 * filesystem of layers 0..i-1, for weighing deleted directories; by default
 * it is built from the changesets.
 */
export function efficiencyOf(layers: readonly Changeset[], stackBelow: (index: number) => FilesystemView = (index) => new UnionView(layers.slice(0, index))): Efficiency {
  const versions = new Map<string, PathVersions>();
  layers.forEach((layer, index) => {
    const parents = new Set<string>();
    for (const path of layer.keys()) for (let parent = parentOf(path); parent !== '/' && !parents.has(parent); parent = parentOf(parent)) parents.add(parent);
    let below: FilesystemView | undefined;
    for (const [path, change] of layer) {
      if (path === '/' || parents.has(path)) continue;
      const size = change.type === 'whiteout' ? deletedSize((below ??= stackBelow(index)), path) : versionSize(change);
      const seen = versions.get(path);
      if (seen) {
        seen.count++;
        seen.total += size;
        seen.smallest = Math.min(seen.smallest, size);
      } else {
        versions.set(path, { count: 1, total: size, smallest: size });
      }
    }
  });
  let minimum = 0;
  let discovered = 0;
  let wastedBytes = 0;
  const inefficientPaths: InefficientPath[] = [];
  for (const [path, { count, total, smallest }] of versions) {
    minimum += smallest;
    discovered += total;
    if (count < 2) continue;
    wastedBytes += total;
    if (total > 0) inefficientPaths.push({ path, count, totalSize: total });
  }
  inefficientPaths.sort((a, b) => b.totalSize - a.totalSize || (a.path < b.path ? -1 : 1));
  return { score: discovered === 0 ? 1 : minimum / discovered, wastedBytes, inefficientPaths };
}

function versionSize(change: Exclude<Change, { type: 'whiteout' }>): number {
  return change.type === 'file' ? contentSize(change.content) : 0;
}

/** What a whiteout weighs: a deleted directory, the files it held; a deleted file, nothing (see above). */
function deletedSize(below: FilesystemView, path: string): number {
  if (below.get(path)?.type !== 'directory') return 0;
  let size = 0;
  const visit = (directory: string): void => {
    for (const name of below.children(directory)) {
      const child = `${directory}/${name}`;
      const node = below.get(child);
      if (node?.type === 'file') size += contentSize(node.content);
      else if (node?.type === 'directory') visit(child);
    }
  };
  visit(path);
  return size;
}

/** The efficiency figures of a local image; the list of inefficient paths is cut at `limit`. */
export function imageEfficiency(engine: Engine, ref: string, limit = 100): ImageEfficiency {
  const image = getImage(engine, ref);
  const stack = engine.layers.stack(engine.topLayerOf(image));
  const efficiency = efficiencyOf(
    stack.map((layer) => layer.changeset),
    (index) => engine.layers.view(stack[index - 1]?.chainId),
  );
  const size = stack.reduce((total, layer) => total + layer.size, 0);
  const userSize = size - (stack[0]?.size ?? 0);
  return {
    imageId: image.id,
    score: efficiency.score,
    wastedBytes: efficiency.wastedBytes,
    size,
    userSize,
    userWastedRatio: userSize > 0 ? efficiency.wastedBytes / userSize : 0,
    inefficientPaths: efficiency.inefficientPaths.slice(0, limit),
    inefficientPathCount: efficiency.inefficientPaths.length,
  };
}
