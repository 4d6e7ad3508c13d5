import type { Changeset } from '../archive/types';
import { isDigest, type Digest } from '../digest/digest';
import { AccountBook, type AccountsJSON } from './accounts';
import { MEDIA_TYPES } from './manifest';
import type { RegistryProfile } from './profiles';
import { sortTags, type Registry, type RegistryMiss, type RemoteImage } from './registry';

export type Visibility = 'public' | 'private';

/** A blob as a registry keeps it: its digest and size, and what it unpacks to. */
export interface StoredBlob {
  digest: Digest;
  size: number;
  mediaType: string;
  diffId: Digest;
  changeset: Changeset;
}

interface HostedRepository {
  tags: Map<string, Digest>;
  /** When each tag was last pushed (ms since the epoch). */
  pushed: Map<string, number>;
  visibility: Visibility;
  /** Blobs linked into this repository (distribution keeps one blob store and links per repository). */
  blobs: Set<Digest>;
}

/** A repository as the registry's page lists it. */
export interface RepositorySummary {
  path: string;
  visibility: Visibility;
  tags: string[];
}

/** A tag as the registry's page shows it. */
export interface TagSummary {
  tag: string;
  /** The manifest's digest. */
  digest: Digest;
  /** Compressed bytes: the sum of the manifest's layer sizes, as Docker Hub shows an image's size. */
  size: number;
  /** When it was last pushed (ms since the epoch); undefined for a session saved before pushes were timed. */
  pushedAt?: number;
}

export interface HostedRegistryJSON {
  accounts: AccountsJSON;
  repositories: Array<{ path: string; visibility: Visibility; tags: Array<[string, Digest]>; blobs: Digest[]; pushed?: Array<[string, number]> }>;
  manifests: Array<{ digest: Digest; text: string; config: string }>;
  blobs: Array<{ digest: Digest; size: number; mediaType: string; diffId: Digest }>;
}

/**
 * One registry: the learners' repositories with their tags, manifests and
 * blobs (real digests, so a pull after a push finds the same image), who may
 * read and write them, and, for Docker Hub and gcr.io, the catalog's images
 * under their read-only paths.
 */
export class HostedRegistry {
  private book = new AccountBook();
  private readonly repositories = new Map<string, HostedRepository>();
  private readonly manifests = new Map<Digest, { text: string; config: string }>();
  private readonly blobs = new Map<Digest, StoredBlob>();

  constructor(
    readonly profile: RegistryProfile,
    private readonly catalog: Registry,
  ) {
    const account = profile.account;
    if (account) {
      this.book.createAccount(account.username, account.password, account.namespaces);
      for (const token of account.tokens ?? []) this.book.addToken(account.username, token, { description: 'Layerlab lessons' });
    }
  }

  /** The registry's login realm. */
  get accounts(): AccountBook {
    return this.book;
  }

  private isCatalogPath(path: string): boolean {
    return this.profile.catalogPaths?.test(path) ?? false;
  }

  canRead(path: string, user: string | undefined): boolean {
    if (this.profile.open || this.isCatalogPath(path)) return true;
    const repository = this.repositories.get(path);
    return repository?.visibility === 'public' || (user !== undefined && this.canWrite(path, user));
  }

  canWrite(path: string, user: string | undefined): boolean {
    if (this.isCatalogPath(path)) return false;
    if (this.profile.open) return true;
    return user !== undefined && this.accounts.owns(user, path.split('/')[0] ?? '');
  }

  async resolve(path: string, tagOrDigest: string, user: string | undefined): Promise<RemoteImage | RegistryMiss> {
    if (this.isCatalogPath(path)) return this.catalog.resolve(`${this.profile.host}/${path}`, tagOrDigest);
    const repository = this.repositories.get(path);
    if (!repository || !this.canRead(path, user)) return 'repository not found';
    const digest = isDigest(tagOrDigest) ? tagOrDigest : repository.tags.get(tagOrDigest);
    const manifest = digest === undefined ? undefined : this.manifests.get(digest);
    return digest && manifest ? this.remoteImage(digest, manifest) : 'manifest not found';
  }

  async tags(path: string, user: string | undefined): Promise<string[] | 'repository not found'> {
    if (this.isCatalogPath(path)) return this.catalog.tags(`${this.profile.host}/${path}`);
    const repository = this.repositories.get(path);
    return repository && this.canRead(path, user) ? sortTags(repository.tags.keys()) : 'repository not found';
  }

  /** Whether `path` holds the blob and `user` may read it: a push skips it ("Layer already exists") or mounts it from there. */
  async hasBlob(path: string, digest: Digest, user: string | undefined): Promise<boolean> {
    if (!this.canRead(path, user)) return false;
    if (!this.isCatalogPath(path)) return this.repositories.get(path)?.blobs.has(digest) ?? false;
    const tags = await this.tags(path, user);
    if (tags === 'repository not found') return false;
    for (const tag of tags) {
      const image = await this.catalog.resolve(`${this.profile.host}/${path}`, tag);
      if (typeof image !== 'string' && image.layers.some((layer) => layer.blobDigest === digest)) return true;
    }
    return false;
  }

  /** Links a blob into `path` (uploaded or mounted), creating the repository with the registry's default visibility. */
  putBlob(path: string, blob: StoredBlob): void {
    this.blobs.set(blob.digest, this.blobs.get(blob.digest) ?? blob);
    this.repository(path).blobs.add(blob.digest);
  }

  putManifest(path: string, tag: string, digest: Digest, text: string, config: string, pushedAt: number): void {
    this.manifests.set(digest, { text, config });
    const repository = this.repository(path);
    repository.tags.set(tag, digest);
    repository.pushed.set(tag, pushedAt);
  }

  setVisibility(path: string, visibility: Visibility): boolean {
    const repository = this.repositories.get(path);
    if (!repository) return false;
    repository.visibility = visibility;
    return true;
  }

  list(): RepositorySummary[] {
    return [...this.repositories]
      .map(([path, repository]) => ({ path, visibility: repository.visibility, tags: sortTags(repository.tags.keys()) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The tags of a learner's repository with their digests, sizes and push times, in tag-list order; empty when there is none. */
  tagSummaries(path: string): TagSummary[] {
    const repository = this.repositories.get(path);
    if (!repository) return [];
    return sortTags(repository.tags.keys()).map((tag) => {
      const digest = repository.tags.get(tag) as Digest;
      const manifest = this.manifests.get(digest);
      const layers = manifest ? (JSON.parse(manifest.text) as { layers: Array<{ size: number }> }).layers : [];
      const pushedAt = repository.pushed.get(tag);
      return { tag, digest, size: layers.reduce((total, layer) => total + layer.size, 0), ...(pushedAt === undefined ? {} : { pushedAt }) };
    });
  }

  private repository(path: string): HostedRepository {
    let repository = this.repositories.get(path);
    if (!repository) {
      repository = { tags: new Map(), pushed: new Map(), visibility: this.profile.defaultVisibility, blobs: new Set() };
      this.repositories.set(path, repository);
    }
    return repository;
  }

  private remoteImage(digest: Digest, manifest: { text: string; config: string }): RemoteImage {
    const descriptors = (JSON.parse(manifest.text) as { layers: Array<{ digest: Digest; size: number; mediaType: string }> }).layers;
    const diffIds = (JSON.parse(manifest.config) as { rootfs: { diff_ids: Digest[] } }).rootfs.diff_ids;
    return {
      manifestDigest: digest,
      configText: manifest.config,
      layers: descriptors.map((descriptor, index) => {
        const blob = this.blobs.get(descriptor.digest);
        return {
          diffId: diffIds[index] ?? descriptor.digest,
          blobDigest: descriptor.digest,
          blobSize: descriptor.size,
          mediaType: descriptor.mediaType,
          load: async () => blob?.changeset ?? new Map(),
        };
      }),
    };
  }

  toJSON(): HostedRegistryJSON {
    return {
      accounts: this.accounts.toJSON(),
      repositories: [...this.repositories].map(([path, repository]) => ({ path, visibility: repository.visibility, tags: [...repository.tags], blobs: [...repository.blobs], pushed: [...repository.pushed] })),
      manifests: [...this.manifests].map(([digest, { text, config }]) => ({ digest, text, config })),
      blobs: [...this.blobs.values()].map(({ digest, size, mediaType, diffId }) => ({ digest, size, mediaType, diffId })),
    };
  }

  /** Restores what {@link toJSON} saved; `changesetOf` gives each blob's contents back (they are saved apart, with the layers). */
  restore(json: HostedRegistryJSON, changesetOf: (diffId: Digest) => Changeset): void {
    this.book = AccountBook.fromJSON(json.accounts);
    for (const blob of json.blobs) this.blobs.set(blob.digest, { ...blob, mediaType: blob.mediaType || MEDIA_TYPES.layerGzip, changeset: changesetOf(blob.diffId) });
    for (const manifest of json.manifests) this.manifests.set(manifest.digest, { text: manifest.text, config: manifest.config });
    for (const repository of json.repositories) {
      this.repositories.set(repository.path, { tags: new Map(repository.tags), pushed: new Map(repository.pushed ?? []), visibility: repository.visibility, blobs: new Set(repository.blobs) });
    }
  }

  /** The contents of every blob, by diff ID, for a snapshot. */
  blobContents(): Map<Digest, Changeset> {
    return new Map([...this.blobs.values()].map((blob) => [blob.diffId, blob.changeset]));
  }
}
