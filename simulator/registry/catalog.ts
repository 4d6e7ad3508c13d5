import { layerChangeset, validateCatalogImage, validateCatalogIndex, validateCatalogLayer } from '../catalog/decode';
import type { CatalogImage, CatalogIndex } from '../catalog/format';
import { hexOf } from '../digest/digest';
import { manifestFor, MEDIA_TYPES } from './manifest';
import { sortTags, type Registry, type RegistryMiss, type RemoteImage } from './registry';

/** Reads a catalog file by its path below the catalog root (`index.json`, `images/x.json`): fetch in the browser, the filesystem in Node. */
export type CatalogLoader = (path: string) => Promise<unknown>;

/**
 * The simulated Docker Hub: the official images of the catalog, fetched file
 * by file when they are pulled, so nothing of them is in the page bundle.
 */
export class CatalogRegistry implements Registry {
  private index: Promise<CatalogIndex> | undefined;
  private readonly images = new Map<string, Promise<RemoteImage>>();

  constructor(private readonly load: CatalogLoader) {}

  async resolve(repository: string, tagOrDigest: string): Promise<RemoteImage | RegistryMiss> {
    const index = await this.loadIndex();
    const name = repository.replace(/^docker\.io\/(library\/)?/, '');
    const entry = index.repositories[name];
    if (!entry) return 'repository not found';
    if (tagOrDigest.startsWith('sha256:')) {
      for (const key of new Set(Object.values(entry.tags))) {
        const image = await this.image(key);
        if (image.manifestDigest === tagOrDigest) return image;
      }
      return 'manifest not found';
    }
    const key = entry.tags[tagOrDigest];
    return key === undefined ? 'manifest not found' : this.image(key);
  }

  async tags(repository: string): Promise<string[] | 'repository not found'> {
    const entry = (await this.loadIndex()).repositories[repository.replace(/^docker\.io\/(library\/)?/, '')];
    return entry ? sortTags(Object.keys(entry.tags)) : 'repository not found';
  }

  /** Familiar repository names with their tags, for the Hub page and `docker search`. */
  async describedRepositories(): Promise<CatalogIndex['repositories']> {
    return (await this.loadIndex()).repositories;
  }

  private loadIndex(): Promise<CatalogIndex> {
    this.index ??= this.load('index.json').then((json) => validateCatalogIndex(json));
    return this.index;
  }

  private image(key: string): Promise<RemoteImage> {
    let image = this.images.get(key);
    if (!image) {
      image = this.load(`images/${key}.json`).then((json) => this.remoteImage(validateCatalogImage(json, `images/${key}.json`)));
      this.images.set(key, image);
    }
    return image;
  }

  private remoteImage(image: CatalogImage): RemoteImage {
    const manifest = manifestFor(
      image.config,
      image.layers.map((layer) => ({ mediaType: MEDIA_TYPES.layerGzip, digest: layer.blobDigest, size: layer.blobSize })),
    );
    return {
      manifestDigest: manifest.digest,
      configText: image.config,
      layers: image.layers.map((layer) => ({
        diffId: layer.diffId,
        blobDigest: layer.blobDigest,
        blobSize: layer.blobSize,
        load: async () => {
          const path = `layers/${hexOf(layer.diffId)}.json`;
          return layerChangeset(validateCatalogLayer(await this.load(path), path));
        },
      })),
    };
  }
}
