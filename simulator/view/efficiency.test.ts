import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, Changeset } from '../archive/types';
import { efficiencyOf } from './efficiency';

const file = (size: number): Change => ({ type: 'file', content: { kind: 'generated', size, seed: `file-${size}` }, mode: 0o644, uid: 0, gid: 0, mtime: 0 });
const directory = (): Change => ({ type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 0 });
const whiteout = (): Change => ({ type: 'whiteout' });
const layer = (entries: Record<string, Change>): Changeset => new Map(Object.entries(entries));

// Each expected figure below is worked out by hand from dive's rules (see efficiency.ts).
describe('efficiencyOf, as dive counts', () => {
  it('scores 1 with nothing wasted when no path appears twice', () => {
    const layers = [layer({ '/etc': directory(), '/etc/a': file(100) }), layer({ '/app': directory(), '/app/b': file(50) })];
    expect(efficiencyOf(layers)).toEqual({ score: 1, wastedBytes: 0, inefficientPaths: [] });
    expect(efficiencyOf([])).toEqual({ score: 1, wastedBytes: 0, inefficientPaths: [] });
  });

  it('counts both versions of a file written then overwritten', () => {
    // /app/big: 1000 then 400 → 1400 in all, 400 at least; /app/keep: 200 once.
    // score = (400 + 200) / (1400 + 200) = 0.375; wasted = 1400.
    const layers = [layer({ '/app': directory(), '/app/big': file(1000), '/app/keep': file(200) }), layer({ '/app': directory(), '/app/big': file(400) })];
    expect(efficiencyOf(layers)).toEqual({ score: 0.375, wastedBytes: 1400, inefficientPaths: [{ path: '/app/big', count: 2, totalSize: 1400 }] });
  });

  it('counts a file deleted in a later layer as wholly wasted (its whiteout weighs 0)', () => {
    // /tmp/cache.tar: 3000 then a whiteout (0) → 3000 in all, 0 at least; /bin/sh: 500 once.
    // score = (0 + 500) / (3000 + 500) = 1/7; wasted = 3000.
    const layers = [
      layer({ '/tmp': directory(), '/tmp/cache.tar': file(3000), '/bin': directory(), '/bin/sh': file(500) }),
      layer({ '/tmp': directory(), '/tmp/cache.tar': whiteout() }),
    ];
    const result = efficiencyOf(layers);
    expect(result.score).toBeCloseTo(1 / 7, 12);
    expect(result.wastedBytes).toBe(3000);
    expect(result.inefficientPaths).toEqual([{ path: '/tmp/cache.tar', count: 2, totalSize: 3000 }]);
  });

  it('weighs a deleted directory by what it held below, and counts it once when it was never a leaf before', () => {
    // /var/lists was not a leaf where its files were added, so its whiteout (1000) is its only version:
    // every path has one version; score = 2100 / 2100 = 1, nothing wasted (dive's blind spot for rm -rf).
    const layers = [
      layer({ '/var': directory(), '/var/lists': directory(), '/var/lists/a': file(300), '/var/lists/b': file(700), '/var/keep': file(100) }),
      layer({ '/var': directory(), '/var/lists': whiteout() }),
    ];
    expect(efficiencyOf(layers)).toEqual({ score: 1, wastedBytes: 0, inefficientPaths: [] });
  });

  it('counts a deleted directory that was a leaf in a layer between as two versions', () => {
    // /cache: an empty-leaf version in layer 1 (0), then its whiteout in layer 2 weighing /cache/x below (800).
    // /cache/x: 800 once. score = (0 + 800) / (800 + 800) = 0.5; wasted = 800.
    const layers = [layer({ '/cache': directory(), '/cache/x': file(800) }), layer({ '/cache': directory() }), layer({ '/cache': whiteout() })];
    expect(efficiencyOf(layers)).toEqual({ score: 0.5, wastedBytes: 800, inefficientPaths: [{ path: '/cache', count: 2, totalSize: 800 }] });
  });

  it('sorts inefficient paths heaviest first', () => {
    const layers = [layer({ '/a': file(10), '/b': file(500), '/c': file(70) }), layer({ '/a': file(10), '/b': file(1), '/c': whiteout() })];
    expect(efficiencyOf(layers).inefficientPaths.map((entry) => [entry.path, entry.totalSize])).toEqual([
      ['/b', 501],
      ['/c', 70],
      ['/a', 20],
    ]);
  });

  it('keeps its figures in range for any stack of layers', () => {
    const path = fc.constantFrom('/a', '/b', '/d', '/d/x', '/d/y', '/d/e', '/d/e/z');
    const change = fc.oneof(
      fc.nat({ max: 5000 }).map(file),
      fc.constant(directory()),
      fc.constant(whiteout()),
    );
    const layers = fc.array(fc.dictionary(path, change, { maxKeys: 7 }).map((entries) => layer(entries)), { maxLength: 5 });
    fc.assert(
      fc.property(layers, (stack) => {
        const { score, wastedBytes, inefficientPaths } = efficiencyOf(stack);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(wastedBytes).toBe(inefficientPaths.reduce((total, entry) => total + entry.totalSize, 0));
        for (const entry of inefficientPaths) expect(entry.count).toBeGreaterThanOrEqual(2);
        if (wastedBytes === 0) expect(score).toBe(1);
      }),
    );
  });
});
