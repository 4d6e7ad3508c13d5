import type { SessionSnapshot } from '../session/types';

/**
 * A snapshot goes from the worker to the page after every command line, so
 * that a replaced worker can carry on. Image layers never change once stored
 * and are most of its size (node:20 alone is megabytes): each layer's changes
 * travel once, and later snapshots name the layers the page already has.
 */
interface LayerLike {
  chainId: string;
  changes: unknown;
}

function layersOf(snapshot: SessionSnapshot): LayerLike[] | undefined {
  const layers = (snapshot.engine as { layers?: unknown } | undefined)?.layers;
  return Array.isArray(layers) ? (layers as LayerLike[]) : undefined;
}

/** The worker's side: the snapshot with the changes of layers sent before left out, and which those are. */
export class LayerDeltaSender {
  private readonly sent = new Set<string>();

  shrink(snapshot: SessionSnapshot): { snapshot: SessionSnapshot; layersAsBefore: string[] } {
    const layers = layersOf(snapshot);
    if (!layers) return { snapshot, layersAsBefore: [] };
    const layersAsBefore: string[] = [];
    const shrunk = layers.map((layer) => {
      if (!this.sent.has(layer.chainId)) {
        this.sent.add(layer.chainId);
        return layer;
      }
      layersAsBefore.push(layer.chainId);
      return { ...layer, changes: [] };
    });
    return { snapshot: { ...snapshot, engine: { ...(snapshot.engine as object), layers: shrunk } }, layersAsBefore };
  }
}

/** The page's side: puts back the changes of the layers it was sent before. */
export class LayerDeltaReceiver {
  private readonly known = new Map<string, unknown>();

  expand(snapshot: SessionSnapshot, layersAsBefore: readonly string[]): SessionSnapshot {
    const layers = layersOf(snapshot);
    if (!layers) return snapshot;
    const reused = new Set(layersAsBefore);
    const present = new Map<string, unknown>();
    const expanded = layers.map((layer) => {
      const changes = reused.has(layer.chainId) ? this.known.get(layer.chainId) : layer.changes;
      if (changes === undefined) throw new Error(`the worker left out layer ${layer.chainId}, which this page was never sent`);
      present.set(layer.chainId, changes);
      return reused.has(layer.chainId) ? { ...layer, changes } : layer;
    });
    // Only layers the session still has are kept: a removed image's layers are let go.
    this.known.clear();
    for (const [chainId, changes] of present) this.known.set(chainId, changes);
    return { ...snapshot, engine: { ...(snapshot.engine as object), layers: expanded } };
  }
}
