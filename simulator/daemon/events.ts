/**
 * What the engine did, as it did it: a typed stream of plain-JSON events
 * emitted where the engine acts (a pull, a build, a commit…), so that a
 * "what just happened" panel and the live views never have to read the
 * terminal's text. Events cross postMessage as they are: strings, numbers,
 * booleans and arrays only.
 */
import type { Clock } from '../session/clock';

/** Counts of a writable layer's changes, as `docker diff` would list them (A, C, D). */
export interface ChangeCounts {
  added: number;
  changed: number;
  deleted: number;
}

/** A layer of a pulled image: downloaded, or already present locally (and in which local images). */
export interface PulledLayer {
  diffId: string;
  /** The compressed blob's digest, as the pull's progress lines name it (shortened there). */
  blobDigest: string;
  /** Compressed bytes: what was (or would have been) downloaded. */
  blobSize: number;
  status: 'downloaded' | 'already-exists';
  /** For a layer already present: the local images that had it (familiar references, or short IDs). */
  sharedWith: string[];
}

/** Why the first step of a build that ran (not cached) could not come from the cache. */
export type CacheMissReason =
  /** `--no-cache`. */
  | { kind: 'no-cache' }
  /** No earlier build ran a step on this same state (a new instruction, a new base, or a pruned cache). */
  | { kind: 'new-step' }
  /** An earlier build ran this very step on this same state, but its result is no longer in the cache (`docker builder prune`). */
  | { kind: 'not-in-cache' }
  /** The instruction's text differs from what an earlier build ran at this point. */
  | { kind: 'instruction-changed'; before: string; after: string }
  /** Same RUN or WORKDIR, but its environment, working directory or user changed. */
  | { kind: 'environment-changed'; instruction: string }
  /** Same COPY or ADD, but the files it copies changed (paths relative to where they are copied from). */
  | { kind: 'files-changed'; instruction: string; changed: string[]; added: string[]; removed: string[] };

/** One step of a build as its progress line names it: a BuildKit filesystem step (RUN, COPY, ADD, WORKDIR), or any instruction of a legacy build but FROM. */
export interface BuiltStep {
  /** `[2/4] COPY app.js /app/`. */
  name: string;
  /** The history entry the step left (`docker history --no-trunc` CREATED BY). */
  createdBy: string;
  cached: boolean;
  /** Bytes of the layer the step added (0 for none). */
  size: number;
}

/** A layer of a push: uploaded, already in the repository, or mounted from another repository of the registry. */
export interface PushedLayer {
  diffId: string;
  blobDigest: string;
  size: number;
  status: 'pushed' | 'already-exists' | 'mounted';
  /** For a mounted layer: the repository it was mounted from (`library/alpine`). */
  from?: string;
}

/** What happened, without the envelope ({@link EngineEvent} adds the id and the time). */
export type EngineEventBody =
  | { type: 'image.pulled'; ref: string; imageId: string; manifestDigest: string; upToDate: boolean; layers: PulledLayer[] }
  | {
      type: 'image.built';
      imageId: string;
      tags: string[];
      builder: 'buildkit' | 'legacy';
      /** The steps in the order they ran: BuildKit's filesystem steps (`[2/4] COPY …`); the legacy builder's instructions after FROM (`Step 3/5 : COPY …`). */
      steps: BuiltStep[];
      /** The first step that was not cached, and why; absent when every step came from the cache. */
      firstMiss?: { step: number; name: string; reason: CacheMissReason };
    }
  | { type: 'image.committed'; imageId: string; containerId: string; containerName: string; ref?: string; layerSize: number; changes: ChangeCounts }
  | { type: 'image.tagged'; imageId: string; ref: string }
  | { type: 'image.untagged'; imageId: string; ref: string }
  | { type: 'image.removed'; imageId: string; /** Chain IDs of the layers freed with it (none when another image still uses them). */ layersDeleted: string[] }
  | { type: 'image.pushed'; ref: string; imageId: string; manifestDigest: string; layers: PushedLayer[] }
  | { type: 'container.created'; containerId: string; name: string; imageId: string; imageName: string }
  | { type: 'container.started'; containerId: string; name: string; imageId: string }
  | { type: 'container.exited'; containerId: string; name: string; imageId: string; exitCode: number; changes: ChangeCounts }
  | { type: 'container.removed'; containerId: string; name: string; imageId: string; changes: ChangeCounts }
  /** A registry's web page acted (see registry/actions.ts): never a token's secret, only its id. */
  | { type: 'registry.account.created'; host: string; username: string }
  | { type: 'registry.token.created'; host: string; username: string; tokenId: string; description: string; scope: string }
  | { type: 'registry.token.revoked'; host: string; username: string; tokenId: string; description: string }
  | { type: 'registry.visibility.changed'; host: string; repository: string; visibility: 'public' | 'private' };

export type EngineEventType = EngineEventBody['type'];

/** An event as delivered: numbered in emission order (from 1 in a fresh engine), with the engine's time (ms). */
export type EngineEvent = EngineEventBody & { id: number; time: number };

export type EngineEventListener = (event: EngineEvent) => void;

/** How many past events are kept for {@link EngineEvents.since}; older ones are dropped. */
const KEPT_EVENTS = 500;

/**
 * The engine's event emitter: listeners are called synchronously as the
 * engine acts, and the most recent events can be read back by id, so a
 * caller that was not listening can catch up ("what did the last line do").
 */
export class EngineEvents {
  private readonly listeners = new Set<EngineEventListener>();
  private readonly kept: EngineEvent[] = [];
  private nextId: number;

  constructor(
    private readonly clock: Clock,
    /** A replacement engine continues the numbering of the one it replaces, so ids never go back. */
    firstId = 1,
  ) {
    this.nextId = firstId;
  }

  emit(body: EngineEventBody): EngineEvent {
    const event: EngineEvent = { ...body, id: this.nextId++, time: this.clock.now() };
    this.kept.push(event);
    if (this.kept.length > KEPT_EVENTS) this.kept.splice(0, this.kept.length - KEPT_EVENTS);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A broken view must not break the docker command that emitted the event; report it asynchronously.
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
    return event;
  }

  /** Calls `listener` with every event from now on; returns the unsubscribe function. */
  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The kept events with an id greater than `afterId`, oldest first (all kept ones without it). */
  since(afterId = 0): EngineEvent[] {
    return this.kept.filter((event) => event.id > afterId);
  }

  /** The id of the last event emitted (one less than the first id when none was). */
  get lastId(): number {
    return this.nextId - 1;
  }
}

/** Counts `docker diff` lines by kind. */
export function countChanges(diff: ReadonlyArray<{ kind: 'A' | 'C' | 'D' }>): ChangeCounts {
  const counts: ChangeCounts = { added: 0, changed: 0, deleted: 0 };
  for (const { kind } of diff) {
    if (kind === 'A') counts.added++;
    else if (kind === 'C') counts.changed++;
    else counts.deleted++;
  }
  return counts;
}
