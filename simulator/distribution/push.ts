import { gzipSync } from 'fflate';
import { changesetToTar } from '../archive/tar';
import type { Changeset } from '../archive/types';
import { truncateId } from '../cli/format/units';
import type { Engine } from '../daemon/engine';
import type { PushedLayer } from '../daemon/events';
import { digestOf, type Digest } from '../digest/digest';
import { StreamError } from '../errdefs/errors';
import type { StoredImage } from '../image/store';
import { familiarName, familiarString, type Reference } from '../reference/reference';
import type { Credentials } from '../registry/accounts';
import type { HostedRegistry } from '../registry/hosted';
import { manifestFor, MEDIA_TYPES, type BlobDescriptor } from '../registry/manifest';
import { DENIED } from '../registry/profiles';
import { splitRepository } from '../registry/registries';
import type { ProgressEvent } from './pull';

export type PushEngine = Pick<Engine, 'registry' | 'layers' | 'references' | 'clock' | 'distribution' | 'topLayerOf' | 'events'>;

/** At most this many layers upload at once; the others wait (moby's max-concurrent-uploads). */
const CONCURRENT_UPLOADS = 5;
const UPLOAD_BYTES_PER_MS = 20_000;
/** Progress updates per upload, for the live display on a TTY. */
const PROGRESS_STEPS = [0.25, 0.5, 0.75, 1];

/** A layer as the push sees it: the 12-character ID it is shown by (the diff ID's, in the classic store), its contents. */
interface PushLayer {
  id: string;
  diffId: Digest;
  changeset: Changeset;
}

type LayerOutcome = { kind: 'exists' | 'upload'; blob: BlobDescriptor } | { kind: 'mounted'; blob: BlobDescriptor; from: string };

/**
 * docker push of one tag, as moby's classic pusher does it
 * (daemon/internal/distribution/push_v2.go pushV2Tag, xfer/upload.go): the
 * layers top first, each `Preparing`, the sixth and later `Waiting`; a layer
 * the repository has is skipped ("Layer already exists"), one another
 * readable repository of the registry has is mounted ("Mounted from
 * library/ubuntu"), the others are compressed and uploaded ("Pushing",
 * "Pushed"); then the config and the manifest, and `<tag>: digest: … size: …`.
 * A push the registry refuses fails after the `Preparing` lines with the
 * registry's error. Returns the manifest's digest.
 */
export async function pushTag(
  deps: PushEngine,
  ref: Reference & { tag: string },
  image: StoredImage,
  emit: (event: ProgressEvent) => Promise<void>,
  signal: AbortSignal,
  credentials: Credentials | undefined,
): Promise<Digest> {
  const repository = `${ref.domain}/${ref.path}`;
  const { host, path } = splitRepository(repository);
  const registry = deps.registry.registry(host);
  const layers = pushLayers(deps, image);
  for (const layer of layers) await emit({ id: layer.id, status: 'Preparing', layer: true });
  for (const layer of layers.slice(CONCURRENT_UPLOADS)) await emit({ id: layer.id, status: 'Waiting', layer: true });
  const user = registry.accounts.authenticate(credentials);
  if (!registry.canWrite(path, user)) throw new StreamError(user === undefined ? registry.profile.anonymousPushDenied : DENIED);
  // A read-only personal access token proves the account but may not push (Docker Hub's answer to it).
  if (!registry.accounts.mayWrite(credentials)) throw new StreamError('unauthorized: access token has insufficient scopes');

  const outcomes = new Map<PushLayer, LayerOutcome>();
  for (const layer of layers) outcomes.set(layer, await outcomeOf(deps, registry, path, user, layer));
  let elapsed = 0;
  for (const step of uploadSchedule(layers.map((layer) => outcomes.get(layer) as LayerOutcome))) {
    const layer = layers[step.layer] as PushLayer;
    const outcome = outcomes.get(layer) as LayerOutcome;
    await deps.clock.sleep(step.at - elapsed, signal);
    elapsed = step.at;
    if (step.fraction !== undefined) {
      await emit({ id: layer.id, status: 'Pushing', progress: { current: Math.round(outcome.blob.size * step.fraction), total: outcome.blob.size }, layer: true });
      continue;
    }
    const status = outcome.kind === 'exists' ? 'Layer already exists' : outcome.kind === 'mounted' ? `Mounted from ${outcome.from}` : 'Pushed';
    await emit({ id: layer.id, status, layer: true });
    registry.putBlob(path, { ...outcome.blob, diffId: layer.diffId, changeset: layer.changeset });
    deps.distribution.add(layer.diffId, { ...outcome.blob, repository });
  }

  // The manifest lists the layers bottom first, as the config's diff IDs do.
  const descriptors = [...layers].reverse().map((layer) => (outcomes.get(layer) as LayerOutcome).blob);
  const manifest = manifestFor(image.configText, descriptors);
  const size = new TextEncoder().encode(manifest.text).length;
  registry.putManifest(path, ref.tag, manifest.digest, manifest.text, image.configText, deps.clock.now());
  deps.references.addDigest({ domain: ref.domain, path: ref.path, digest: manifest.digest }, image.id, true);
  deps.events.emit({
    type: 'image.pushed',
    ref: familiarString(ref),
    imageId: image.id,
    manifestDigest: manifest.digest,
    layers: [...layers].reverse().map((layer) => pushedLayer(layer, outcomes.get(layer) as LayerOutcome)),
  });
  await emit({ status: `${ref.tag}: digest: ${manifest.digest} size: ${size}` });
  return manifest.digest;
}

/** A layer of the push as the engine's event tells it, bottom first like the manifest. */
function pushedLayer(layer: PushLayer, outcome: LayerOutcome): PushedLayer {
  const status = outcome.kind === 'exists' ? 'already-exists' : outcome.kind === 'mounted' ? 'mounted' : 'pushed';
  return { diffId: layer.diffId, blobDigest: outcome.blob.digest, size: outcome.blob.size, status, ...(outcome.kind === 'mounted' ? { from: outcome.from } : {}) };
}

/** The image's layers, top first (moby walks from the top layer to its parents). */
function pushLayers(deps: PushEngine, image: StoredImage): PushLayer[] {
  return deps.layers
    .stack(deps.topLayerOf(image))
    .reverse()
    .map((layer) => ({ id: truncateId(layer.diffId), diffId: layer.diffId, changeset: layer.changeset }));
}

/** What happens to one layer: moby's pushDescriptor.Upload (layerAlreadyExists, then a mount, then the upload). */
async function outcomeOf(deps: PushEngine, registry: HostedRegistry, path: string, user: string | undefined, layer: PushLayer): Promise<LayerOutcome> {
  const sources = deps.distribution.sources(layer.diffId).filter((source) => splitRepository(source.repository).host === registry.profile.host);
  for (const source of sources) {
    if (await registry.hasBlob(path, source.digest, user)) return { kind: 'exists', blob: { digest: source.digest, size: source.size, mediaType: source.mediaType } };
  }
  for (const source of sources) {
    const from = splitRepository(source.repository).path;
    if (from !== path && (await registry.hasBlob(from, source.digest, user))) {
      return { kind: 'mounted', from, blob: { digest: source.digest, size: source.size, mediaType: source.mediaType } };
    }
  }
  return { kind: 'upload', blob: await compressedBlob(deps, layer) };
}

/**
 * The gzip blob Docker would upload for the layer. Every gzip blob of this
 * world is fflate's level-6 gzip of the layer's tar (the catalog's too:
 * scripts/catalog/layers.ts), so a blob already known for the layer is the
 * one compressing it again would give; only a new layer is compressed.
 */
async function compressedBlob(deps: PushEngine, layer: PushLayer): Promise<BlobDescriptor> {
  const known = deps.distribution.sources(layer.diffId).find((source) => source.mediaType === MEDIA_TYPES.layerGzip);
  if (known) return { digest: known.digest, size: known.size, mediaType: known.mediaType };
  const blob = gzipSync(await changesetToTar(layer.changeset), { level: 6, mtime: 0 });
  return { digest: digestOf(blob), size: blob.length, mediaType: MEDIA_TYPES.layerGzip };
}

interface UploadStep {
  layer: number;
  /** Progress of an upload; undefined for the layer's final status. */
  fraction?: number;
  at: number;
}

/** When each layer's status changes: checks answer at once, uploads take time, five at a time; sorted, this is the order of the lines. */
function uploadSchedule(outcomes: readonly LayerOutcome[]): UploadStep[] {
  const slots = Array.from({ length: CONCURRENT_UPLOADS }, () => 0);
  const steps: UploadStep[] = [];
  outcomes.forEach((outcome, layer) => {
    const slot = slots.indexOf(Math.min(...slots));
    const started = slots[slot] ?? 0;
    const done = started + 20 + (outcome.kind === 'upload' ? 80 + outcome.blob.size / UPLOAD_BYTES_PER_MS : 0);
    slots[slot] = done;
    if (outcome.kind === 'upload') for (const fraction of PROGRESS_STEPS) steps.push({ layer, fraction, at: started + (done - started) * fraction - 1 });
    steps.push({ layer, at: done });
  });
  return steps.sort((a, b) => a.at - b.at || a.layer - b.layer);
}

/** moby's push.go: a repository with no local tag at all, or a tag that is not here. */
export function nothingToPush(ref: Reference, tagged: boolean): Error {
  return new StreamError(tagged ? `tag does not exist: ${familiarString(ref)}` : `An image does not exist locally with the tag: ${familiarName(ref)}`);
}
