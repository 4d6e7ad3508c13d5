import { describe, expect, it } from 'vitest';
import { LayerDeltaReceiver, LayerDeltaSender } from './layer-delta';
import type { SessionSnapshot } from '../session/types';

const snapshotWith = (layers: Array<{ chainId: string; changes: unknown[] }>, line: string): SessionSnapshot => ({ version: 1, shell: { cwd: '/', env: {}, lastExitCode: 0, functions: {}, history: [line] }, host: [], engine: { layers, images: [] } });

describe('layer deltas between the worker and the page', () => {
  it('sends each layer once and gives the page back whole snapshots', () => {
    const sender = new LayerDeltaSender();
    const receiver = new LayerDeltaReceiver();
    const base = { chainId: 'sha256:a', changes: [['/etc', 'directory']] };
    const app = { chainId: 'sha256:b', changes: [['/app', 'file']] };
    const first = sender.shrink(snapshotWith([base], 'docker pull alpine'));
    expect(first.layersAsBefore).toEqual([]);
    expect(receiver.expand(first.snapshot, first.layersAsBefore)).toEqual(snapshotWith([base], 'docker pull alpine'));

    const second = sender.shrink(snapshotWith([base, app], 'docker commit c app'));
    expect(second.layersAsBefore).toEqual(['sha256:a']);
    expect((second.snapshot.engine as { layers: Array<{ changes: unknown[] }> }).layers[0]?.changes).toEqual([]);
    expect(receiver.expand(second.snapshot, second.layersAsBefore)).toEqual(snapshotWith([base, app], 'docker commit c app'));

    // A removed layer is forgotten by both sides' use: the page keeps only what the session still has.
    const third = sender.shrink(snapshotWith([app], 'docker rmi alpine'));
    expect(receiver.expand(third.snapshot, third.layersAsBefore)).toEqual(snapshotWith([app], 'docker rmi alpine'));
  });

  it('refuses a delta naming a layer the page never had, rather than saving a broken session', () => {
    const receiver = new LayerDeltaReceiver();
    expect(() => receiver.expand(snapshotWith([{ chainId: 'sha256:x', changes: [] }], 'ls'), ['sha256:x'])).toThrow(/never sent/);
  });
});
