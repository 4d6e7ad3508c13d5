import type { Digest } from '../digest/digest';

/** A blob a layer was pulled from or pushed to, and the repository (`docker.io/library/ubuntu`) it is in. */
export interface BlobSource {
  digest: Digest;
  size: number;
  mediaType: string;
  repository: string;
}

export type DistributionMetadataJSON = Array<[Digest, BlobSource[]]>;

/**
 * moby's V2MetadataService: for each layer (by diff ID), the registry blobs it
 * is known as. A push reads it to skip blobs the target already has ("Layer
 * already exists") and to mount them from another repository ("Mounted from").
 */
export class DistributionMetadata {
  private readonly byDiffId = new Map<Digest, BlobSource[]>();

  add(diffId: Digest, source: BlobSource): void {
    const sources = (this.byDiffId.get(diffId) ?? []).filter((known) => !(known.digest === source.digest && known.repository === source.repository));
    this.byDiffId.set(diffId, [...sources, source]);
  }

  /** Known blobs of the layer, the most recent first. */
  sources(diffId: Digest): BlobSource[] {
    return [...(this.byDiffId.get(diffId) ?? [])].reverse();
  }

  toJSON(): DistributionMetadataJSON {
    return [...this.byDiffId];
  }

  static fromJSON(json: DistributionMetadataJSON): DistributionMetadata {
    const metadata = new DistributionMetadata();
    for (const [diffId, sources] of json) for (const source of sources) metadata.add(diffId, source);
    return metadata;
  }
}
