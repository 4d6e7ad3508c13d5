import { describe, expect, it } from 'vitest';
import type { Change, Changeset } from '../archive/types';
import { chainIds, type Digest } from '../digest/digest';
import { LayerStore } from './store';

const meta = { mode: 0o644, uid: 0, gid: 0, mtime: 0 };
const layerWith = (path: string, text: string): Changeset =>
  new Map<string, Change>([[path, { type: 'file', content: { kind: 'bytes', bytes: new TextEncoder().encode(text) }, ...meta }]]);

async function known(changeset: Changeset) {
  return { diffId: await LayerStore.diffIdOf(changeset), changeset };
}

describe('LayerStore', () => {
  it('names layers by chain ID and shares a common base between images', async () => {
    const store = new LayerStore();
    const base = await known(layerWith('/base', 'base'));
    const app = await known(layerWith('/app', 'app'));
    const other = await known(layerWith('/other', 'other'));
    const top1 = store.register([base, app]);
    const top2 = store.register([base, other]);
    expect(top1).toBe(chainIds([base.diffId, app.diffId])[1]);
    expect(store.all()).toHaveLength(3);
    expect(store.size).toBe(4 + 3 + 5);
    expect(store.stack(top1).map((layer) => layer.diffId)).toEqual([base.diffId, app.diffId]);
    expect(store.view(top2).children('/')).toEqual(['base', 'other']);
  });

  it('frees a layer with its last reference, and its parents once unused', async () => {
    const store = new LayerStore();
    const base = await known(layerWith('/base', 'base'));
    const app = await known(layerWith('/app', 'app'));
    const baseOnly = store.register([base]) as Digest;
    const top = store.register([app], baseOnly) as Digest;
    expect(store.release(baseOnly)).toEqual([]);
    expect(store.release(top)).toEqual([top, baseOnly]);
    expect(store.all()).toEqual([]);
  });

  it('computes the diff ID of a changeset from its tar', async () => {
    const a = await LayerStore.diffIdOf(layerWith('/a', 'x'));
    expect(a).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(await LayerStore.diffIdOf(layerWith('/a', 'x'))).toBe(a);
    expect(await LayerStore.diffIdOf(layerWith('/a', 'y'))).not.toBe(a);
  });
});
