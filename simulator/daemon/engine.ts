import type { RunningProcess } from '../runtime/process';
import { BuildCache } from '../builder/cache';
import { StepMemory } from '../builder/step-record';
import { ContainerStore } from '../container/store';
import { ContentStore } from '../content/store';
import { chainIdOf, type Digest } from '../digest/digest';
import { ImageStore, type StoredImage } from '../image/store';
import { LayerStore } from '../layer/store';
import { Xoshiro128 } from '../random/xoshiro';
import { ReferenceStore } from '../reference/store';
import type { Registry } from '../registry/registry';
import { Registries } from '../registry/registries';
import { DistributionMetadata } from '../distribution/metadata';
import type { PackageMirrors } from '../packages/mirrors';
import type { Clock } from '../session/clock';
import { familiarString, type Reference } from '../reference/reference';
import { EngineEvents, type EngineEventBody } from './events';
import { rfc3339Nano } from './time';

/**
 * What a finished build was: its builder, image, tags, BuildKit's steps
 * (cached or ran) and the first miss with its reason. The same data as its
 * `image.built` event, kept as state (see {@link Engine.lastBuild}).
 */
export type BuildRecord = Omit<Extract<EngineEventBody, { type: 'image.built' }>, 'type'>;

export interface EngineOptions {
  clock: Clock;
  /** Seeds container IDs and names: the same seed gives the same session; a saved generator state continues one. */
  seed: string | readonly number[];
  /** The official images (the catalog): Docker Hub's `library/…` and gcr.io's distroless images; the other repositories start empty. */
  registry: Registry;
  /** The distributions' package archives containers download from (apk, apt-get); unreachable when not given. */
  mirrors?: PackageMirrors;
  /** Tags and digests to start with (a restored snapshot's). */
  references?: ReferenceStore;
  /** The id of the first event (an engine replacing another continues its numbering). */
  firstEventId?: number;
}

/**
 * The daemon: its stores, wired together (moby's daemon and ImageService).
 * Commands reach the engine only through it.
 */
export class Engine {
  readonly content = new ContentStore();
  readonly layers = new LayerStore();
  readonly images = new ImageStore();
  readonly references: ReferenceStore;
  readonly containers = new ContainerStore();
  /** BuildKit's cache of build steps, shared by every build of the session. */
  readonly buildCache = new BuildCache();
  /** What earlier builds' steps were made of, to explain a cache miss (not saved with the session). */
  readonly buildSteps = new StepMemory();
  /** The processes of running containers (not part of a snapshot: a restored container has none). */
  readonly processes = new Map<string, RunningProcess>();
  /** Called when a container writes to its log (docker logs -f). */
  readonly logListeners = new Set<(containerId: string) => void>();
  readonly random: Xoshiro128;
  /** When each image was last tagged here (docker tag, commit, build), for inspect's Metadata.LastTagTime. */
  private readonly tagTimes = new Map<Digest, number>();
  /** The session's last finished build (see {@link lastBuild}). */
  private lastBuildRecord: BuildRecord | undefined;
  readonly clock: Clock;
  /** Every registry of the simulated world (Docker Hub, ghcr.io, gcr.io, ECR, ACR, Harbor, localhost:5000). */
  readonly registry: Registries;
  /** Which registry blobs each layer is known as (moby's distribution metadata). */
  distribution = new DistributionMetadata();
  readonly mirrors: PackageMirrors | undefined;
  /** What the engine does, as it does it (see events.ts); the views' "what just happened". */
  readonly events: EngineEvents;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.events = new EngineEvents(options.clock, options.firstEventId);
    this.random = new Xoshiro128(options.seed);
    this.registry = new Registries(options.registry);
    this.mirrors = options.mirrors;
    this.references = options.references ?? new ReferenceStore();
  }

  /** The chain ID of an image's top layer (undefined for an image without layers). */
  topLayerOf(image: StoredImage): Digest | undefined {
    return chainIdOf(image.config.rootfs.diff_ids);
  }

  /** Records that `id` was just tagged locally as `ref`. */
  tagged(id: Digest, ref: Reference): void {
    this.tagTimes.set(id, this.clock.now());
    this.events.emit({ type: 'image.tagged', imageId: id, ref: familiarString(ref) });
  }

  /** When images were last tagged, for a snapshot. */
  tagTimeRecords(): Array<[Digest, number]> {
    return [...this.tagTimes];
  }

  restoreTagTime(id: Digest, time: number): void {
    this.tagTimes.set(id, time);
  }

  lastTagTime(id: Digest): string | undefined {
    const time = this.tagTimes.get(id);
    return time === undefined ? undefined : rfc3339Nano(time);
  }

  /**
   * The session's last build that finished (a failed or interrupted one
   * leaves the one before): what the build checkpoints read. Unlike events,
   * it is saved with the session, so a reload or a replaced worker keeps it.
   */
  get lastBuild(): BuildRecord | undefined {
    return this.lastBuildRecord;
  }

  /** Records a finished build as the last one, and emits its `image.built` event. */
  built(record: BuildRecord): void {
    // A copy of its own: what a listener does with the event's steps cannot change the record.
    this.lastBuildRecord = JSON.parse(JSON.stringify(record)) as BuildRecord;
    this.events.emit({ type: 'image.built', ...record });
  }

  /** Sets the last build from a snapshot (no event: it happened before). */
  restoreLastBuild(record: BuildRecord): void {
    this.lastBuildRecord = record;
  }

  /** Bytes of all an image's layers: `docker images` SIZE. */
  sizeOf(image: StoredImage): number {
    return this.layers.stack(this.topLayerOf(image)).reduce((total, layer) => total + layer.size, 0);
  }
}
