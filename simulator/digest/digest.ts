import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Content addresses as Docker writes them: `sha256:<64 lowercase hex>`.
 * Image IDs, diff IDs, chain IDs and blob digests are all of this form.
 */
export type Digest = `sha256:${string}`;

const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/** The sha256 digest of `data` (text is hashed as UTF-8). */
export function digestOf(data: Uint8Array | string): Digest {
  const bytes = typeof data === 'string' ? utf8ToBytes(data) : data;
  return `sha256:${bytesToHex(sha256(bytes))}`;
}

export function isDigest(text: string): text is Digest {
  return DIGEST_PATTERN.test(text);
}

/** The 64 hex characters of a digest, without the algorithm. */
export function hexOf(digest: Digest): string {
  return digest.slice('sha256:'.length);
}

/**
 * The chain IDs of a stack of layers, bottom first, by the OCI rule:
 * ChainID(L0) = DiffID(L0); ChainID(L0|…|Ln) = Digest(ChainID(L0|…|Ln-1) + " " + DiffID(Ln)).
 * The chain ID names a layer together with everything below it, which is
 * how the layer store shares a layer between images.
 */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const chain: Digest[] = [];
  for (const diffId of diffIds) {
    const parent = chain[chain.length - 1];
    chain.push(parent === undefined ? diffId : digestOf(`${parent} ${diffId}`));
  }
  return chain;
}

/** The chain ID of the whole stack, or undefined for an image with no layers. */
export function chainIdOf(diffIds: readonly Digest[]): Digest | undefined {
  return chainIds(diffIds).at(-1);
}
