import { ReadWriteLayer } from '../archive/rw-layer';
import { deserializeChangeset, InvalidSnapshotError, serializeChangeset, type SerializedChange } from '../archive/serialize';
import type { Changeset } from '../archive/types';
import type { Container } from '../container/container';
import { resumeContainers } from './lifecycle';
import { isDigest, type Digest } from '../digest/digest';
import { ReferenceStore } from '../reference/store';
import { Engine, type BuildRecord, type EngineOptions } from './engine';
import type { BuiltStep, CacheMissReason } from './events';
import type { CacheRecord } from '../builder/cache';
import type { RegistriesJSON } from '../registry/registries';
import { DistributionMetadata, type DistributionMetadataJSON } from '../distribution/metadata';

/** Bumped whenever the shape changes; older snapshots are refused with a clear message, never misread. */
export const ENGINE_SNAPSHOT_VERSION = 1;

/** Everything the engine holds, as plain JSON. */
export interface EngineSnapshot {
  version: typeof ENGINE_SNAPSHOT_VERSION;
  random: number[];
  images: Array<{ config: string; parent?: Digest; lastTagged?: number }>;
  layers: Array<{ chainId: Digest; diffId: Digest; parent?: Digest; size: number; references: number; changes: SerializedChange[] }>;
  references: unknown;
  containers: Array<Omit<Container, 'layer'> & { changes: SerializedChange[] }>;
  /** What the registries hold (accounts, tokens, pushed repositories); absent in snapshots from before they existed. */
  registries?: RegistriesJSON & { contents: Array<[Digest, SerializedChange[]]> };
  distribution?: DistributionMetadataJSON;
  /** BuildKit's cache records; absent in snapshots from before builds existed. */
  buildCache?: CacheRecord[];
  /** The last finished build (what the build checkpoints read); absent when there was none, and in snapshots from before it was saved. */
  lastBuild?: BuildRecord;
}

/** Layers never change once stored: each is serialized once, not at every snapshot (one after every command line). */
const serializedLayers = new WeakMap<Changeset, SerializedChange[]>();

function serializedLayer(changeset: Changeset): SerializedChange[] {
  let serialized = serializedLayers.get(changeset);
  if (!serialized) {
    serialized = serializeChangeset(changeset);
    serializedLayers.set(changeset, serialized);
  }
  return serialized;
}

export function snapshotEngine(engine: Engine): EngineSnapshot {
  const tagTimes = new Map(engine.tagTimeRecords());
  return {
    version: ENGINE_SNAPSHOT_VERSION,
    random: engine.random.saved,
    images: engine.images.all().map((image) => {
      const parent = engine.images.parentOf(image.id);
      const lastTagged = tagTimes.get(image.id);
      return { config: image.configText, ...(parent ? { parent } : {}), ...(lastTagged !== undefined ? { lastTagged } : {}) };
    }),
    layers: engine.layers.records().map(({ layer, references }) => ({
      chainId: layer.chainId,
      diffId: layer.diffId,
      ...(layer.parent ? { parent: layer.parent } : {}),
      size: layer.size,
      references,
      changes: serializedLayer(layer.changeset),
    })),
    references: engine.references.toJSON(),
    containers: engine.containers.list().map(({ layer, ...container }) => ({ ...container, changes: serializeChangeset(layer.changeset()) })),
    registries: { ...engine.registry.toJSON(), contents: registryContents(engine) },
    distribution: engine.distribution.toJSON(),
    buildCache: engine.buildCache.all(),
    ...(engine.lastBuild ? { lastBuild: engine.lastBuild } : {}),
  };
}

/** The contents of registry blobs the engine's layers do not hold already (a pushed image deleted since): layers are saved once. */
function registryContents(engine: Engine): Array<[Digest, SerializedChange[]]> {
  const local = new Set(engine.layers.records().map(({ layer }) => layer.diffId));
  return [...engine.registry.blobContents()].filter(([diffId]) => !local.has(diffId)).map(([diffId, changeset]) => [diffId, serializedLayer(changeset)]);
}

/** Gives the registries back what they held, their blobs' contents taken from the engine's layers or the saved ones. */
function restoreRegistries(engine: Engine, snapshot: Record<string, unknown>): void {
  if (snapshot.distribution !== undefined) engine.distribution = DistributionMetadata.fromJSON(list(snapshot.distribution, 'distribution') as DistributionMetadataJSON);
  if (snapshot.registries === undefined) return;
  const saved = record(snapshot.registries, 'registries') as unknown as NonNullable<EngineSnapshot['registries']>;
  const contents = new Map<Digest, Changeset>();
  for (const { layer } of engine.layers.records()) contents.set(layer.diffId, layer.changeset);
  for (const [index, [diffId, changes]] of (list(saved.contents, 'registries.contents') as Array<[unknown, unknown]>).entries()) contents.set(digest(diffId, `registries.contents[${index}]`), deserializeChangeset(changes, `registries.contents[${index}]`));
  try {
    engine.registry.restore(saved, (diffId) => {
      const changeset = contents.get(diffId);
      if (!changeset) throw new InvalidSnapshotError(`registries: no contents for blob of layer ${diffId}`);
      return changeset;
    });
  } catch (error) {
    if (error instanceof InvalidSnapshotError) throw error;
    throw new InvalidSnapshotError(`registries: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Rebuilds an engine from a snapshot. Everything is checked before use: a
 * snapshot from another version, or one that was damaged, is refused with an
 * {@link InvalidSnapshotError} that says what is wrong.
 */
export function restoreEngine(value: unknown, options: Omit<EngineOptions, 'seed'>): Engine {
  const snapshot = record(value, 'snapshot');
  if (snapshot.version !== ENGINE_SNAPSHOT_VERSION) {
    throw new InvalidSnapshotError(`snapshot version ${String(snapshot.version)} is not supported (this engine reads version ${ENGINE_SNAPSHOT_VERSION})`);
  }
  const random = list(snapshot.random, 'random');
  if (random.length !== 4 || !random.every((word) => Number.isInteger(word))) throw new InvalidSnapshotError('random: expected four integers');
  let references: ReferenceStore;
  try {
    references = ReferenceStore.fromJSON(snapshot.references);
  } catch (error) {
    throw new InvalidSnapshotError(`references: ${error instanceof Error ? error.message : String(error)}`);
  }
  const engine = new Engine({ ...options, seed: random as number[], references });

  for (const [index, item] of list(snapshot.layers, 'layers').entries()) {
    const layer = record(item, `layers[${index}]`);
    const chainId = digest(layer.chainId, `layers[${index}].chainId`);
    engine.layers.restore(
      {
        chainId,
        diffId: digest(layer.diffId, `layers[${index}].diffId`),
        parent: layer.parent === undefined ? undefined : digest(layer.parent, `layers[${index}].parent`),
        size: number(layer.size, `layers[${index}].size`),
        changeset: deserializeChangeset(layer.changes, `layers[${index}].changes`),
      },
      number(layer.references, `layers[${index}].references`),
    );
  }
  for (const [index, item] of list(snapshot.images, 'images').entries()) {
    const image = record(item, `images[${index}]`);
    if (typeof image.config !== 'string') throw new InvalidSnapshotError(`images[${index}].config: expected the config text`);
    let stored;
    try {
      stored = engine.images.create(image.config);
    } catch (error) {
      throw new InvalidSnapshotError(`images[${index}]: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (image.parent !== undefined) engine.images.setParent(stored.id, digest(image.parent, `images[${index}].parent`));
    if (image.lastTagged !== undefined) engine.restoreTagTime(stored.id, number(image.lastTagged, `images[${index}].lastTagged`));
  }
  for (const [index, item] of list(snapshot.containers, 'containers').entries()) {
    const { changes, ...container } = record(item, `containers[${index}]`) as unknown as EngineSnapshot['containers'][number];
    if (typeof container.id !== 'string' || typeof container.name !== 'string' || !isDigest(container.image)) throw new InvalidSnapshotError(`containers[${index}]: missing id, name or image`);
    // The layers under the writable layer: the saved parent (the container's image may be gone since, `docker rmi -f`),
    // else, in a snapshot from before it was saved, its image's top layer.
    let top: Digest | undefined;
    if (container.parentLayer !== undefined) {
      top = digest(container.parentLayer, `containers[${index}].parentLayer`);
      if (!engine.layers.has(top)) throw new InvalidSnapshotError(`containers[${index}]: layer ${top} is not in the snapshot`);
    } else {
      const image = engine.images.get(container.image);
      if (!image) throw new InvalidSnapshotError(`containers[${index}]: image ${container.image} is not in the snapshot`);
      top = engine.topLayerOf(image);
    }
    const layer = new ReadWriteLayer(engine.layers.view(top), deserializeChangeset(changes, `containers[${index}].changes`));
    engine.containers.add({ ...container, layer });
  }
  restoreRegistries(engine, snapshot);
  if (snapshot.buildCache !== undefined) restoreBuildCache(engine, list(snapshot.buildCache, 'buildCache'));
  if (snapshot.lastBuild !== undefined) engine.restoreLastBuild(readLastBuild(snapshot.lastBuild));
  // A running container needs its process: they were not part of the snapshot, so they start again.
  resumeContainers(engine);
  return engine;
}

/** The build cache's records, each pointing at layers the snapshot holds (their references are counted there). */
function restoreBuildCache(engine: Engine, records: unknown[]): void {
  for (const [index, item] of records.entries()) {
    const where = `buildCache[${index}]`;
    const saved = record(item, where);
    if (typeof saved.key !== 'string' || typeof saved.description !== 'string') throw new InvalidSnapshotError(`${where}: missing key or description`);
    const top = saved.top === undefined ? undefined : digest(saved.top, `${where}.top`);
    if (top && !engine.layers.has(top)) throw new InvalidSnapshotError(`${where}: layer ${top} is not in the snapshot`);
    engine.buildCache.restore({
      key: saved.key,
      top,
      ...(saved.diffId === undefined ? {} : { diffId: digest(saved.diffId, `${where}.diffId`) }),
      created: number(saved.created, `${where}.created`),
      lastUsed: number(saved.lastUsed, `${where}.lastUsed`),
      description: saved.description,
      size: number(saved.size, `${where}.size`),
    });
  }
}

/**
 * The last build's record, rebuilt field by field from what was saved. Its
 * image may be gone since (docker rmi): the record is of what the build did.
 */
function readLastBuild(value: unknown): BuildRecord {
  const saved = record(value, 'lastBuild');
  if (saved.builder !== 'buildkit' && saved.builder !== 'legacy') throw new InvalidSnapshotError('lastBuild.builder: expected buildkit or legacy');
  const steps = list(saved.steps, 'lastBuild.steps').map((item, index): BuiltStep => {
    const where = `lastBuild.steps[${index}]`;
    const step = record(item, where);
    if (typeof step.cached !== 'boolean') throw new InvalidSnapshotError(`${where}.cached: expected true or false`);
    return { name: string(step.name, `${where}.name`), createdBy: string(step.createdBy, `${where}.createdBy`), cached: step.cached, size: number(step.size, `${where}.size`) };
  });
  const build: BuildRecord = {
    imageId: digest(saved.imageId, 'lastBuild.imageId'),
    tags: strings(saved.tags, 'lastBuild.tags'),
    builder: saved.builder,
    steps,
  };
  if (saved.firstMiss === undefined) return build;
  const miss = record(saved.firstMiss, 'lastBuild.firstMiss');
  const step = number(miss.step, 'lastBuild.firstMiss.step');
  if (!Number.isInteger(step) || step < 0 || step >= steps.length) throw new InvalidSnapshotError(`lastBuild.firstMiss.step: expected the index of one of the ${steps.length} steps`);
  return { ...build, firstMiss: { step, name: string(miss.name, 'lastBuild.firstMiss.name'), reason: readMissReason(miss.reason) } };
}

/** How each kind of cache-miss reason is read back: one entry per kind (a new kind does not compile until it is here). */
const MISS_REASONS: { [K in CacheMissReason['kind']]: (saved: Record<string, unknown>, where: string) => Extract<CacheMissReason, { kind: K }> } = {
  'no-cache': () => ({ kind: 'no-cache' }),
  'new-step': () => ({ kind: 'new-step' }),
  'not-in-cache': () => ({ kind: 'not-in-cache' }),
  'instruction-changed': (saved, where) => ({ kind: 'instruction-changed', before: string(saved.before, `${where}.before`), after: string(saved.after, `${where}.after`) }),
  'environment-changed': (saved, where) => ({ kind: 'environment-changed', instruction: string(saved.instruction, `${where}.instruction`) }),
  'files-changed': (saved, where) => ({
    kind: 'files-changed',
    instruction: string(saved.instruction, `${where}.instruction`),
    changed: strings(saved.changed, `${where}.changed`),
    added: strings(saved.added, `${where}.added`),
    removed: strings(saved.removed, `${where}.removed`),
  }),
};

function readMissReason(value: unknown): CacheMissReason {
  const where = 'lastBuild.firstMiss.reason';
  const saved = record(value, where);
  const kind = saved.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(MISS_REASONS, kind)) throw new InvalidSnapshotError(`${where}.kind: expected one of ${Object.keys(MISS_REASONS).join(', ')}`);
  return MISS_REASONS[kind as CacheMissReason['kind']](saved, where);
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidSnapshotError(`${where}: expected an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidSnapshotError(`${where}: expected a list`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new InvalidSnapshotError(`${where}: expected a string`);
  return value;
}

function strings(value: unknown, where: string): string[] {
  return list(value, where).map((item, index) => string(item, `${where}[${index}]`));
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidSnapshotError(`${where}: expected a number`);
  return value;
}

function digest(value: unknown, where: string): Digest {
  if (typeof value !== 'string' || !isDigest(value)) throw new InvalidSnapshotError(`${where}: expected a sha256 digest`);
  return value;
}
