import { describe, expect, it } from 'vitest';
import { chainIdOf, chainIds, digestOf, hexOf, isDigest, type Digest } from './digest';

describe('digestOf', () => {
  it('is the sha256 of the bytes, prefixed with the algorithm', () => {
    expect(digestOf('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(digestOf('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digestOf(new Uint8Array([0x61, 0x62, 0x63]))).toBe(digestOf('abc'));
  });

  it('hashes text as UTF-8', () => {
    expect(digestOf('é')).toBe(digestOf(new Uint8Array([0xc3, 0xa9])));
  });
});

describe('chainIds', () => {
  // The diff IDs of the OCI image-spec's config example (config.md).
  const diffIds: Digest[] = [
    'sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1',
    'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef',
  ];

  it('starts with the first diff ID', () => {
    expect(chainIds(diffIds.slice(0, 1))).toEqual(diffIds.slice(0, 1));
  });

  it('hashes "<parent chain ID> <diff ID>" for each further layer', () => {
    const [first, second] = chainIds(diffIds);
    expect(first).toBe(diffIds[0]);
    expect(second).toBe(digestOf(`${diffIds[0]} ${diffIds[1]}`));
    expect(chainIdOf(diffIds)).toBe(second);
    expect(chainIdOf([])).toBeUndefined();
  });

  it('matches a chain ID computed by hand with sha256sum', () => {
    // printf 'sha256:c6f9…bbd1 sha256:5f70…c6ef' | sha256sum
    expect(chainIdOf(diffIds)).toBe('sha256:c3191d32a37d7159b2e30830937d2e30268ad6c375a773a8994911a3aba9b93f');
  });
});

describe('isDigest / hexOf', () => {
  it('accepts only sha256 with 64 lowercase hex digits', () => {
    expect(isDigest(digestOf('x'))).toBe(true);
    expect(isDigest('sha256:ABC')).toBe(false);
    expect(isDigest(`sha512:${'a'.repeat(64)}`)).toBe(false);
    expect(hexOf(digestOf(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
