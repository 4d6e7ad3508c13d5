import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * xoshiro128** (Blackman and Vigna): a small, fast, well-distributed
 * generator. The engine's randomness (container IDs and names) and the bytes
 * of generated files both come from it, seeded, so that the same seed gives
 * the same session everywhere.
 */
export class Xoshiro128 {
  private state: Uint32Array;

  /** Seeds from the sha256 of `seed`, or continues from a saved {@link state}. */
  constructor(seed: string | readonly number[]) {
    this.state = typeof seed === 'string' ? new Uint32Array(sha256(utf8ToBytes(seed)).buffer.slice(0, 16)) : Uint32Array.from(seed);
    if (this.state.length !== 4 || this.state.every((word) => word === 0)) this.state = Uint32Array.of(1, 0, 0, 0);
  }

  /** The generator's position, to continue from later. */
  get saved(): number[] {
    return [...this.state];
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const s = this.state;
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const s2 = s[2] ?? 0;
    const s3 = s[3] ?? 0;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11);
    return result;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** `bytes` random bytes as lowercase hex (container IDs are 32 bytes). */
  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i += 4) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, bytes * 2);
  }

  /** `length` random characters of [a-z0-9]: BuildKit's identity.NewID (the `moby::…` refs of its errors). */
  base36(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += (this.nextUint32() % 36).toString(36);
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
