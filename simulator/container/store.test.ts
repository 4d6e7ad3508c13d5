import { describe, expect, it } from 'vitest';
import { ReadWriteLayer } from '../archive/rw-layer';
import { UnionView } from '../archive/union';
import type { Container } from './container';
import { AmbiguousContainerError, ContainerStore, NoSuchContainerError } from './store';

function container(id: string, name: string, created: number): Container {
  return {
    id,
    name,
    image: `sha256:${'0'.repeat(64)}`,
    imageName: 'alpine',
    config: {},
    hostConfig: { autoRemove: false, portBindings: [] },
    created,
    state: { status: 'created', exitCode: 0, startedAt: 0, finishedAt: 0, error: '' },
    layer: new ReadWriteLayer(new UnionView([])),
    logs: [],
  };
}

describe('ContainerStore', () => {
  const store = new ContainerStore();
  store.add(container(`abc1${'0'.repeat(60)}`, 'web', 1));
  store.add(container(`abc2${'0'.repeat(60)}`, 'abc1', 2));

  it('finds by full ID first, then by name, then by a unique prefix', () => {
    expect(store.get(`abc1${'0'.repeat(60)}`).name).toBe('web');
    expect(store.get('abc1').name).toBe('abc1');
    expect(store.get('/web').name).toBe('web');
    expect(store.get('abc2').name).toBe('abc1');
  });

  it("refuses an ambiguous prefix and an unknown reference with moby's messages", () => {
    expect(() => store.get('abc')).toThrow(new AmbiguousContainerError('abc'));
    expect(() => store.get('abc')).toThrow('multiple IDs found with provided prefix: abc');
    expect(() => store.get('nope')).toThrow(NoSuchContainerError);
    expect(() => store.get('nope')).toThrow('No such container: nope');
  });

  it('lists newest first', () => {
    expect(store.list().map((c) => c.name)).toEqual(['abc1', 'web']);
  });
});
