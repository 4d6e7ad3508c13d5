import type { Changeset } from '../archive/types';
import type { Digest } from '../digest/digest';
import type { CatalogIndex } from '../catalog/format';

/** A layer as a registry's manifest lists it, with the means to fetch its contents. */
export interface RemoteLayer {
  diffId: Digest;
  /** The compressed blob's digest: the ID `docker pull` shows for the layer. */
  blobDigest: Digest;
  blobSize: number;
  /** The blob's media type; gzip-compressed tar when not said. */
  mediaType?: string;
  load(): Promise<Changeset>;
}

export interface RemoteImage {
  /** The manifest's digest: what `Digest:` and RepoDigests show. */
  manifestDigest: Digest;
  configText: string;
  layers: RemoteLayer[];
}

export type RegistryMiss = 'repository not found' | 'manifest not found';

/** A registry as the distribution code sees it (the simulated Docker Hub, or a private one). */
export interface Registry {
  /**
   * The image `repository` (a canonical name such as `docker.io/library/alpine`
   * or `gcr.io/distroless/static-debian12`) has under `tagOrDigest`, or why there is none.
   */
  resolve(repository: string, tagOrDigest: string): Promise<RemoteImage | RegistryMiss>;
  /**
   * Every tag of `repository`, as the registry's tag list (GET /v2/<name>/tags/list)
   * returns them: in lexical order. `docker pull --all-tags` pulls them in this order.
   */
  tags(repository: string): Promise<string[] | 'repository not found'>;
  /** The repositories it serves with their descriptions, for `docker search` (the catalog has them). */
  describedRepositories?(): Promise<CatalogIndex['repositories']>;
}

/** The tag list's order: Go's sort.Strings, bytewise. */
export function sortTags(tags: Iterable<string>): string[] {
  return [...tags].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
