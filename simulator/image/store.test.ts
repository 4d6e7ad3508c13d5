import { describe, expect, it } from 'vitest';
import { digestOf } from '../digest/digest';
import { InvalidImageConfigError } from './config';
import { AmbiguousImageIdError, ImageStore } from './store';

const config = (cmd: string) => JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Cmd: [cmd] }, rootfs: { type: 'layers', diff_ids: [] } });

describe('ImageStore', () => {
  it('identifies an image by the sha256 of its config text, stored once', () => {
    const store = new ImageStore();
    const text = config('sh');
    const image = store.create(text);
    expect(image.id).toBe(digestOf(text));
    expect(store.create(text)).toBe(image);
    expect(store.all()).toHaveLength(1);
  });

  it('finds images by ID prefix and refuses an ambiguous one', () => {
    const store = new ImageStore();
    const images = Array.from({ length: 40 }, (_, i) => store.create(config(`cmd${i}`)));
    const first = images[0];
    if (!first) throw new Error('no image');
    expect(store.search(first.id.slice(7, 19))).toBe(first);
    expect(store.search(first.id)).toBe(first);
    expect(store.search('zzz')).toBeUndefined();
    // Forty IDs cannot all start with different hex digits.
    expect(() => ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'].forEach((digit) => store.search(digit))).toThrow(AmbiguousImageIdError);
  });

  it('keeps parent links for local images and drops them on delete', () => {
    const store = new ImageStore();
    const parent = store.create(config('parent'));
    const child = store.create(config('child'));
    store.setParent(child.id, parent.id);
    expect(store.parentOf(child.id)).toBe(parent.id);
    expect(store.children(parent.id)).toEqual([child.id]);
    store.delete(parent.id);
    expect(store.parentOf(child.id)).toBeUndefined();
  });

  it('refuses configs without architecture, os or layer list', () => {
    const store = new ImageStore();
    expect(() => store.create('{}')).toThrow(InvalidImageConfigError);
    expect(() => store.create('not json')).toThrow(InvalidImageConfigError);
    expect(() => store.create(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: ['sha256:bad'] } }))).toThrow('sha256 diff_ids');
  });
});
