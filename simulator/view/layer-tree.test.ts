import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSize, isWithin, parentOf, type Change, type Changeset, type Node } from '../archive/types';
import { flatten } from '../archive/union';
import { Engine } from '../daemon/engine';
import type { Digest } from '../digest/digest';
import { LayerStore } from '../layer/store';
import { parseNormalizedNamed, tagNameOnly } from '../reference/reference';
import { MemoryRegistry } from '../registry/memory';
import { ManualClock } from '../session/clock';
import { layerTree, sameNode, type EntryStatus } from './layer-tree';

const PATHS = ['/a', '/d', '/d/x', '/d/y', '/d/e', '/d/e/z', '/f'];

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ size: fc.nat({ max: 40 }), mode: fc.constantFrom(0o644, 0o755) }).map(({ size, mode }) => ({ type: 'file' as const, content: { kind: 'generated' as const, size, seed: `s${size}` }, mode, uid: 0, gid: 0, mtime: 0 })),
  fc.constantFrom(0o755, 0o700).map((mode) => ({ type: 'directory' as const, mode, uid: 0, gid: 0, mtime: 0 })),
  fc.constant({ type: 'symlink' as const, target: '/a', mode: 0o777, uid: 0, gid: 0, mtime: 0 }),
  fc.constant({ type: 'whiteout' as const }),
);

/** A layer as a tar would hold it: what is written below a path has that path's directories in the layer too. */
function consistent(entries: Record<string, Change>): Changeset {
  const layer = new Map<string, Change>();
  for (const path of [...Object.keys(entries)].sort()) {
    const own = entries[path] as Change;
    if (own.type === 'whiteout') {
      layer.set(path, own);
      continue;
    }
    const ancestors: string[] = [];
    for (let parent = parentOf(path); parent !== '/'; parent = parentOf(parent)) ancestors.push(parent);
    if (ancestors.some((ancestor) => layer.has(ancestor) && layer.get(ancestor)?.type !== 'directory')) continue;
    for (const ancestor of ancestors) if (!layer.has(ancestor)) layer.set(ancestor, { type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0 });
    layer.set(path, own);
  }
  return layer;
}

async function engineWith(layers: readonly Changeset[]): Promise<Engine> {
  const engine = new Engine({ clock: new ManualClock(0), seed: 'tree', registry: new MemoryRegistry() });
  const diffIds: Digest[] = [];
  for (const layer of layers) diffIds.push(await LayerStore.diffIdOf(layer));
  engine.layers.register(layers.map((changeset, index) => ({ diffId: diffIds[index] as Digest, changeset })));
  const image = engine.images.create(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }));
  engine.references.addTag(tagNameOnly(parseNormalizedNamed('stack')), image.id, true);
  return engine;
}

/** The listing worked out the slow way: both whole trees, compared path by path (name, status, size, changed below). */
function bruteForce(lower: Map<string, Node> | undefined, upper: Map<string, Node>, directory: string): Array<[string, EntryStatus, number, boolean | undefined]> {
  const statusOf = (path: string): EntryStatus => {
    const before = lower?.get(path);
    const after = upper.get(path);
    return !after ? 'removed' : !before ? 'added' : sameNode(before, after) ? 'unchanged' : 'modified';
  };
  const everyPath = new Set([...upper.keys(), ...(lower?.keys() ?? [])]);
  const changedBelow = (path: string): boolean => [...everyPath].some((below) => below !== path && isWithin(below, path) && statusOf(below) !== 'unchanged');
  const names = new Set<string>();
  for (const tree of [upper, lower ?? new Map<string, Node>()]) for (const path of tree.keys()) if (path !== '/' && parentOf(path) === directory) names.add(path.slice(directory === '/' ? 1 : directory.length + 1));
  return [...names].sort().map((name) => {
    const path = directory === '/' ? `/${name}` : `${directory}/${name}`;
    const after = upper.get(path);
    const status = statusOf(path);
    const tree = after ? upper : (lower as Map<string, Node>);
    const node = tree.get(path) as Node;
    let size = node.type === 'file' ? contentSize(node.content) : 0;
    if (node.type === 'directory') for (const [below, child] of tree) if (below !== path && isWithin(below, path) && child.type === 'file') size += contentSize(child.content);
    return [name, status, size, node.type === 'directory' ? changedBelow(path) : undefined];
  });
}

describe('layerTree', () => {
  it('lists every directory of every layer as comparing the whole trees would', async () => {
    const stacks = fc.array(fc.dictionary(fc.constantFrom(...PATHS), change, { maxKeys: 5 }).map(consistent), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(stacks, async (layers) => {
        const engine = await engineWith(layers);
        for (let index = 0; index < layers.length; index++) {
          const upper = flatten(layers.slice(0, index + 1));
          const lower = index === 0 ? undefined : flatten(layers.slice(0, index));
          for (const directory of ['/', '/d', '/d/e']) {
            const listed = upper.has(directory) || lower?.has(directory);
            if (!listed) {
              expect(() => layerTree(engine, 'stack', index, { path: directory })).toThrow(/No such path/);
              continue;
            }
            const listing = layerTree(engine, 'stack', index, { path: directory });
            expect(listing.entries.map((entry) => [entry.name, entry.status, entry.size, entry.changedBelow])).toEqual(bruteForce(lower, upper, directory));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('answers any path with a listing or "No such path", nothing else', async () => {
    const engine = await engineWith([consistent({ '/d/x': { type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0 } })]);
    fc.assert(
      fc.property(fc.string(), (path) => {
        try {
          const listing = layerTree(engine, 'stack', 'all', { path });
          expect(listing.path.startsWith('/')).toBe(true);
        } catch (error) {
          expect(String(error)).toMatch(/No such path/);
        }
      }),
    );
  });
});
