import { digestOf, hexOf, type Digest } from '../digest/digest';
import { parseImageConfig, type ImageConfig } from './config';

export interface StoredImage {
  /** sha256 of the config text: the image ID. */
  id: Digest;
  /** The config exactly as stored; its bytes define the ID. */
  configText: string;
  config: ImageConfig;
}

/** A short ID matched more than one image (moby's digestset.ErrDigestAmbiguous). */
export class AmbiguousImageIdError extends Error {
  constructor() {
    super('ambiguous digest string');
  }
}

/**
 * Image configs by image ID (moby's image.Store), and the parent links of
 * images built or committed here: an image whose parent is known shows its
 * parent's IDs in `docker history`, pulled ones show `<missing>`.
 */
export class ImageStore {
  private readonly images = new Map<Digest, StoredImage>();
  private readonly parents = new Map<Digest, Digest>();

  /** Stores a config; the same config text always gives the same ID, stored once. */
  create(configText: string): StoredImage {
    const id = digestOf(configText);
    const existing = this.images.get(id);
    if (existing) return existing;
    const image = { id, configText, config: parseImageConfig(configText) };
    this.images.set(id, image);
    return image;
  }

  get(id: Digest): StoredImage | undefined {
    return this.images.get(id);
  }

  /** The image whose ID starts with `prefix` (hex, with or without `sha256:`); undefined if none. */
  search(prefix: string): StoredImage | undefined {
    const hex = prefix.replace(/^sha256:/, '');
    if (!/^[a-f0-9]+$/.test(hex)) return undefined;
    const matches = [...this.images.values()].filter((image) => hexOf(image.id).startsWith(hex));
    if (matches.length > 1) throw new AmbiguousImageIdError();
    return matches[0];
  }

  delete(id: Digest): boolean {
    this.parents.delete(id);
    for (const [child, parent] of this.parents) if (parent === id) this.parents.delete(child);
    return this.images.delete(id);
  }

  setParent(id: Digest, parent: Digest): void {
    this.parents.set(id, parent);
  }

  parentOf(id: Digest): Digest | undefined {
    return this.parents.get(id);
  }

  children(id: Digest): Digest[] {
    return [...this.parents].filter(([, parent]) => parent === id).map(([child]) => child);
  }

  all(): StoredImage[] {
    return [...this.images.values()];
  }
}
