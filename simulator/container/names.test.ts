import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADJECTIVES, generateName, SURNAMES } from './names';

/** mulberry32: a tiny seeded PRNG, so every run draws the same names. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A source that replays fixed draws, to pin down which draw picks what. */
function scripted(...draws: number[]): () => number {
  let i = 0;
  return () => draws[i++ % draws.length] ?? 0;
}

const free = (): boolean => false;

describe('word lists', () => {
  it('are large, unique and plain lowercase words', () => {
    expect(ADJECTIVES.length).toBeGreaterThanOrEqual(100);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(ADJECTIVES).size).toBe(ADJECTIVES.length);
    expect(new Set(SURNAMES).size).toBe(SURNAMES.length);
    for (const word of [...ADJECTIVES, ...SURNAMES]) expect(word).toMatch(/^[a-z]+$/);
  });
});

describe('generateName', () => {
  it('draws the adjective first, then the surname', () => {
    expect(generateName(scripted(0, 0), free)).toBe(`${ADJECTIVES[0]}_${SURNAMES[0]}`);
    expect(generateName(scripted(0.999999, 0.999999), free)).toBe(`${ADJECTIVES.at(-1)}_${SURNAMES.at(-1)}`);
  });

  it('always has the adjective_surname shape', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 5 }), (seed, collisions) => {
        let calls = 0;
        const name = generateName(seeded(seed), () => calls++ < collisions);
        expect(name).toMatch(/^[a-z]+_[a-z]+[0-9]?$/);
      }),
    );
  });

  it('is deterministic for a given random source', () => {
    const first = Array.from({ length: 20 }, (_, i) => generateName(seeded(i), free));
    const second = Array.from({ length: 20 }, (_, i) => generateName(seeded(i), free));
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('retries a taken name with a fresh pair plus one digit', () => {
    const takenNames = new Set([`${ADJECTIVES[0]}_${SURNAMES[0]}`]);
    // attempt 0: adjective 0, surname 0 (taken); attempt 1: adjective 1, surname 2, digit 7
    const name = generateName(
      scripted(0, 0, 1 / ADJECTIVES.length, 2 / SURNAMES.length, 0.75),
      (candidate) => takenNames.has(candidate),
    );
    expect(name).toBe(`${ADJECTIVES[1]}_${SURNAMES[2]}7`);
  });

  it('asks about each attempt once and stops at the first free name', () => {
    const asked: string[] = [];
    const name = generateName(seeded(42), (candidate) => {
      asked.push(candidate);
      return asked.length < 3;
    });
    expect(asked).toHaveLength(3);
    expect(asked[0]).toMatch(/^[a-z]+_[a-z]+$/);
    expect(asked[1]).toMatch(/^[a-z]+_[a-z]+[0-9]$/);
    expect(name).toBe(asked[2]);
  });

  it('falls back to the short ID after six collisions, as the daemon does', () => {
    let attempts = 0;
    const name = generateName(
      seeded(7),
      (candidate) => {
        if (candidate === '27941809078c') return false;
        attempts++;
        return true;
      },
      '27941809078c',
    );
    expect(name).toBe('27941809078c');
    expect(attempts).toBe(6);
  });

  it('fails when every attempt and the fallback are taken', () => {
    expect(() => generateName(seeded(7), () => true, 'abc')).toThrow(/no free container name/);
    expect(() => generateName(seeded(7), () => true)).toThrow(/no free container name/);
  });

  it('survives a faulty random source', () => {
    expect(generateName(() => 1, free)).toBe(`${ADJECTIVES.at(-1)}_${SURNAMES.at(-1)}`);
    expect(generateName(() => NaN, free)).toBe(`${ADJECTIVES[0]}_${SURNAMES[0]}`);
  });
});
