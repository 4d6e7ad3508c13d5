import { changesetToTar } from '../archive/tar';
import type { Changeset } from '../archive/types';
import { digestOf, type Digest } from '../digest/digest';
import { manifestFor, MEDIA_TYPES } from './manifest';
import { sortTags, type Registry, type RegistryMiss, type RemoteImage } from './registry';

interface Repository {
  tags: Map<string, Digest>;
  manifests: Map<Digest, RemoteImage>;
}

/**
 * A registry held in memory: repositories of manifests by tag and digest.
 * Layers are stored as uncompressed tars (a media type the OCI spec allows),
 * so a blob's digest is its diff ID.
 */
export class MemoryRegistry implements Registry {
  private readonly repositories = new Map<string, Repository>();

  /** Stores an image under `repository:tag` and returns what a pull will find. */
  async put(repository: string, tag: string, configText: string, layers: readonly Changeset[]): Promise<RemoteImage> {
    const blobs = await Promise.all(
      layers.map(async (changeset) => {
        const tar = await changesetToTar(changeset);
        return { changeset, digest: digestOf(tar), size: tar.length };
      }),
    );
    const manifest = manifestFor(configText, blobs.map((blob) => ({ mediaType: MEDIA_TYPES.layerTar, digest: blob.digest, size: blob.size })));
    const image: RemoteImage = {
      manifestDigest: manifest.digest,
      configText,
      layers: blobs.map((blob) => ({ diffId: blob.digest, blobDigest: blob.digest, blobSize: blob.size, load: async () => blob.changeset })),
    };
    const repo = this.repositories.get(repository) ?? { tags: new Map(), manifests: new Map() };
    repo.tags.set(tag, image.manifestDigest);
    repo.manifests.set(image.manifestDigest, image);
    this.repositories.set(repository, repo);
    return image;
  }

  async tags(repository: string): Promise<string[] | 'repository not found'> {
    const repo = this.repositories.get(repository);
    return repo ? sortTags(repo.tags.keys()) : 'repository not found';
  }

  async resolve(repository: string, tagOrDigest: string): Promise<RemoteImage | RegistryMiss> {
    const repo = this.repositories.get(repository);
    if (!repo) return 'repository not found';
    const digest = tagOrDigest.startsWith('sha256:') ? (tagOrDigest as Digest) : repo.tags.get(tagOrDigest);
    return (digest && repo.manifests.get(digest)) || 'manifest not found';
  }
}
