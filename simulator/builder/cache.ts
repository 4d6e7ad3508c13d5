/**
 * BuildKit's build cache, as far as the docker driver shows it: the result
 * of each filesystem step (RUN, COPY, ADD, WORKDIR), keyed by everything the
 * step depends on — the state below it and, for RUN, its command line,
 * environment, directory and user; for COPY and ADD, the content of what
 * they copy — and shared by every build of the session. A record holds a
 * reference on its layers, so removing the image does not lose the cache
 * (`docker builder prune` does).
 */
import { digestOf, type Digest } from '../digest/digest';
import type { LayerStore } from '../layer/store';

export interface CacheRecord {
  key: string;
  /** The chain ID of the filesystem after the step (undefined: still empty). */
  top: Digest | undefined;
  /** The diff ID of the layer the step added, if it added one. */
  diffId?: Digest;
  /** When the step ran (ms): its history entry's `created`, reused when the step is cached. */
  created: number;
  lastUsed: number;
  /** The step, as the progress output named it (`[2/3] RUN npm ci`), for `docker builder prune`. */
  description: string;
  /** Bytes of the layer the step added. */
  size: number;
}

/** The key of a step: the key below it and what the step itself is. */
export function cacheKey(parent: string, ...parts: readonly unknown[]): string {
  return digestOf(`${parent}\n${JSON.stringify(parts)}`);
}

export class BuildCache {
  private readonly records = new Map<string, CacheRecord>();

  get(key: string): CacheRecord | undefined {
    return this.records.get(key);
  }

  /** Records a step's result and takes a reference on its layers (unless the caller hands over one it holds). */
  put(record: CacheRecord, layers: LayerStore, referenceHeld = false): void {
    const previous = this.records.get(record.key);
    if (record.top && !referenceHeld) layers.register([], record.top);
    if (previous?.top) layers.release(previous.top);
    this.records.set(record.key, record);
  }

  all(): CacheRecord[] {
    return [...this.records.values()];
  }

  /** Drops records (`docker builder prune`), releasing their layers; returns what was dropped. */
  remove(records: readonly CacheRecord[], layers: LayerStore): CacheRecord[] {
    for (const record of records) {
      if (!this.records.delete(record.key)) continue;
      if (record.top) layers.release(record.top);
    }
    return [...records];
  }

  /** Puts back a record from a snapshot; its layer references are in the layer store's own counts. */
  restore(record: CacheRecord): void {
    this.records.set(record.key, record);
  }
}
