import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from './xoshiro';

describe('Xoshiro128', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Xoshiro128('seed');
    const b = new Xoshiro128('seed');
    const c = new Xoshiro128('other');
    const first = [a.nextUint32(), a.nextUint32(), a.nextUint32()];
    expect([b.nextUint32(), b.nextUint32(), b.nextUint32()]).toEqual(first);
    expect(c.nextUint32()).not.toBe(first[0]);
  });

  it('gives floats in [0, 1) spread over the range', () => {
    const random = new Xoshiro128('floats');
    const values = Array.from({ length: 10_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('makes hex IDs of the requested length', () => {
    expect(new Xoshiro128('id').hex(32)).toMatch(/^[a-f0-9]{64}$/);
    expect(new Xoshiro128('id').hex(3)).toMatch(/^[a-f0-9]{6}$/);
  });
});
