import { digestOf, type Digest } from '../digest/digest';

/**
 * Blobs by digest (containerd's content store): compressed layers, manifests
 * and configs as registries serve them. Each blob is stored once however often
 * it is written.
 */
export class ContentStore {
  private readonly blobs = new Map<Digest, Uint8Array>();

  /** Stores `bytes` and returns their digest; storing the same bytes again changes nothing. */
  put(bytes: Uint8Array): Digest {
    const digest = digestOf(bytes);
    if (!this.blobs.has(digest)) this.blobs.set(digest, bytes);
    return digest;
  }

  get(digest: Digest): Uint8Array | undefined {
    return this.blobs.get(digest);
  }

  has(digest: Digest): boolean {
    return this.blobs.has(digest);
  }

  delete(digest: Digest): boolean {
    return this.blobs.delete(digest);
  }

  /** Total bytes held, each blob counted once. */
  get size(): number {
    let total = 0;
    for (const blob of this.blobs.values()) total += blob.length;
    return total;
  }

  digests(): Digest[] {
    return [...this.blobs.keys()];
  }
}
