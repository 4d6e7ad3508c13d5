import { changesetToTar } from '../archive/tar';
import { changesetSize, type Changeset } from '../archive/types';
import { UnionView } from '../archive/union';
import { chainIds, digestOf, type Digest } from '../digest/digest';

/** A read-only layer: its own changes, identified with everything below it by its chain ID. */
export interface Layer {
  chainId: Digest;
  /** sha256 of the layer's uncompressed tar. */
  diffId: Digest;
  /** The chain ID of the layer below, if any. */
  parent: Digest | undefined;
  /** Bytes of the regular files the layer holds (what `docker history` shows). */
  size: number;
  changeset: Changeset;
}

/** A layer whose diff ID is already known (a pulled layer verified elsewhere, or a catalog layer). */
export interface KnownLayer {
  diffId: Digest;
  changeset: Changeset;
}

/**
 * Read-only layers by chain ID, reference-counted (moby's layer.Store): a
 * layer shared by ten images exists once, and is freed when the last image
 * using it goes.
 */
export class LayerStore {
  private readonly layers = new Map<Digest, Layer>();
  private readonly references = new Map<Digest, number>();
  private readonly views = new Map<Digest, UnionView>();

  /** Computes a changeset's diff ID from its tar, as Docker does when it commits a layer. */
  static async diffIdOf(changeset: Changeset): Promise<Digest> {
    return digestOf(await changesetToTar(changeset));
  }

  /**
   * Registers a stack of layers on top of `parent` and takes one reference on
   * the top one; returns the chain ID of the top. Layers already present are
   * reused, which is what "Already exists" means in a pull.
   */
  register(layers: readonly KnownLayer[], parent?: Digest): Digest | undefined {
    const parentDiffs = parent ? this.diffIdsOf(parent) : [];
    const ids = chainIds([...parentDiffs, ...layers.map((layer) => layer.diffId)]).slice(parentDiffs.length);
    let below = parent;
    layers.forEach((layer, index) => {
      const chainId = ids[index] as Digest;
      if (!this.layers.has(chainId)) {
        this.layers.set(chainId, { chainId, diffId: layer.diffId, parent: below, size: changesetSize(layer.changeset), changeset: layer.changeset });
        if (below) this.retain(below);
      }
      below = chainId;
    });
    if (below) this.retain(below);
    return below;
  }

  has(chainId: Digest): boolean {
    return this.layers.has(chainId);
  }

  get(chainId: Digest): Layer | undefined {
    return this.layers.get(chainId);
  }

  /** The layer and all below it, bottom first. */
  stack(chainId: Digest | undefined): Layer[] {
    const stack: Layer[] = [];
    for (let current = chainId; current; current = this.layers.get(current)?.parent) {
      const layer = this.layers.get(current);
      if (!layer) break;
      stack.unshift(layer);
    }
    return stack;
  }

  diffIdsOf(chainId: Digest): Digest[] {
    return this.stack(chainId).map((layer) => layer.diffId);
  }

  /** The filesystem of a layer stack, built once and kept while the layer lives. */
  view(chainId: Digest | undefined): UnionView {
    if (!chainId) return new UnionView([]);
    let view = this.views.get(chainId);
    if (!view) {
      view = new UnionView(this.stack(chainId).map((layer) => layer.changeset));
      this.views.set(chainId, view);
    }
    return view;
  }

  /**
   * Drops one reference to `chainId`; layers nobody references any more are
   * deleted, parents included. Returns the chain IDs deleted, top first — what
   * `docker rmi` prints as `Deleted: sha256:…` lines.
   */
  release(chainId: Digest): Digest[] {
    const deleted: Digest[] = [];
    for (let current: Digest | undefined = chainId; current; ) {
      const count = (this.references.get(current) ?? 0) - 1;
      if (count > 0) {
        this.references.set(current, count);
        break;
      }
      const layer = this.layers.get(current);
      this.references.delete(current);
      this.layers.delete(current);
      this.views.delete(current);
      deleted.push(current);
      current = layer?.parent;
    }
    return deleted;
  }

  /** Every layer with its reference count, bottom layers first, for a snapshot. */
  records(): Array<{ layer: Layer; references: number }> {
    return [...this.layers.values()].map((layer) => ({ layer, references: this.references.get(layer.chainId) ?? 0 }));
  }

  /** Puts back a layer from a snapshot, as it was. */
  restore(layer: Layer, references: number): void {
    this.layers.set(layer.chainId, layer);
    if (references > 0) this.references.set(layer.chainId, references);
  }

  private retain(chainId: Digest): void {
    this.references.set(chainId, (this.references.get(chainId) ?? 0) + 1);
  }

  /** Every layer, for `docker system df` and the snapshot. */
  all(): Layer[] {
    return [...this.layers.values()];
  }

  /** Bytes held by all layers, each shared layer counted once. */
  get size(): number {
    let total = 0;
    for (const layer of this.layers.values()) total += layer.size;
    return total;
  }
}
