import { chainIds, digestOf, type Digest } from '../digest/digest';
import { notFound, EngineError } from '../errdefs/errors';
import type { Engine } from '../daemon/engine';
import type { StoredImage } from '../image/store';
import { familiarName, familiarString, referenceString, type Reference } from '../reference/reference';
import type { RemoteLayer } from '../registry/registry';
import type { Credentials } from '../registry/accounts';
import type { Registries } from '../registry/registries';
import { MEDIA_TYPES } from '../registry/manifest';
import type { Changeset } from '../archive/types';
import { truncateId } from '../cli/format/units';
import type { PulledLayer } from '../daemon/events';
import { imagesSharingLayer } from '../images/names';

/** One line of pull progress, as the daemon streams it (jsonmessage): `<id>: <status>` or a bare message. */
export interface ProgressEvent {
  id?: string;
  status: string;
  /** Bytes done and total, for the live bars of a TTY; a non-TTY drops these updates. */
  progress?: { current: number; total: number };
  /** A per-layer status, which a TTY shows on the layer's own line. */
  layer?: boolean;
}

/** The parts of the engine a pull uses. */
export type PullEngine = Pick<Engine, 'registry' | 'layers' | 'images' | 'references' | 'clock' | 'distribution' | 'events'>;

export interface PullResult {
  image: StoredImage;
  /** True when the reference already named this image ("Status: Image is up to date"). */
  upToDate: boolean;
}

export interface TagPullResult {
  image: StoredImage;
  /** False when the tag or digest already named this image locally. */
  tagUpdated: boolean;
}

/** At most this many layers download at once; the others wait (moby's max-concurrent-downloads). */
const CONCURRENT_DOWNLOADS = 3;
/** Simulated network and disk speeds, so pulls take seconds of simulated time like real ones. */
export const DOWNLOAD_BYTES_PER_MS = 40_000;
const EXTRACT_BYTES_PER_MS = 150_000;

interface TransferStep {
  layer: number;
  kind: 'downloading' | 'downloaded' | 'extracting' | 'extracted';
  /** For progress steps, how much is done. */
  fraction: number;
  /** Milliseconds after the transfers began. */
  at: number;
}

/** Progress updates per download and extraction, for the live display on a TTY. */
const PROGRESS_STEPS = [0.2, 0.45, 0.7, 0.9, 1];

/**
 * When each layer finishes downloading and extracting, as moby's transfer
 * manager runs them: three downloads at a time, extraction strictly in layer
 * order, each layer once it is downloaded and the one below is extracted.
 * Sorted by time, this is the order of the progress lines.
 */
export function transferSchedule(blobSizes: readonly number[]): TransferStep[] {
  const slots = Array.from({ length: CONCURRENT_DOWNLOADS }, () => 0);
  const steps: TransferStep[] = [];
  let extracted = 0;
  blobSizes.forEach((size, layer) => {
    const slot = slots.indexOf(Math.min(...slots));
    const started = slots[slot] ?? 0;
    const downloaded = started + 50 + size / DOWNLOAD_BYTES_PER_MS;
    slots[slot] = downloaded;
    const extractStart = Math.max(downloaded, extracted);
    extracted = extractStart + 20 + size / EXTRACT_BYTES_PER_MS;
    for (const fraction of PROGRESS_STEPS) {
      steps.push({ layer, kind: 'downloading', fraction, at: started + (downloaded - started) * fraction - 1 });
      steps.push({ layer, kind: 'extracting', fraction, at: extractStart + (extracted - extractStart) * fraction - 1 });
    }
    steps.push({ layer, kind: 'downloaded', fraction: 1, at: downloaded }, { layer, kind: 'extracted', fraction: 1, at: extracted });
  });
  const order = { downloading: 0, downloaded: 1, extracting: 2, extracted: 3 } as const;
  return steps.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind] || a.layer - b.layer);
}

/**
 * docker pull of one tag or digest, as the classic store's puller does it
 * (moby daemon/internal/distribution/pull_v2.go pullTag, xfer/download.go):
 * resolve the manifest, and unless the image is already present (then
 * nothing is downloaded and no layer is reported), reuse the layers present
 * ("Already exists"), download and extract the others and store the config;
 * then report the manifest digest and tag. `tagUpdated` is false when the
 * reference already named this image. `ref` is normalised and has a tag or a
 * digest. The final "Status:" line is the caller's (pullRepository).
 * `credentials` are what the CLI found in config.json for the registry.
 */
export async function pullTag(deps: PullEngine, ref: Reference, emit: (event: ProgressEvent) => Promise<void>, signal: AbortSignal, credentials?: Credentials): Promise<TagPullResult> {
  validateRepoName(ref);
  const tagOrDigest = ref.digest ?? ref.tag ?? 'latest';
  const repository = `${ref.domain}/${ref.path}`;
  const remote = await deps.registry.resolve(repository, tagOrDigest, credentials);
  if (remote === 'repository not found') throw pullAccessDenied(ref, deps.registry, credentials);
  if (remote === 'manifest not found') {
    throw notFound(`manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown`);
  }
  // pull_v2.go shows a digest reference whole (`docker.io/library/ubuntu@sha256:…: Pulling from library/ubuntu`), a tag alone.
  await emit({ id: ref.digest === undefined ? tagOrDigest : referenceString(ref), status: `Pulling from ${ref.path}` });

  // pullSchema2Layers: an image whose config is already in the store is not pulled again.
  const existing = deps.images.get(digestOf(remote.configText));
  const diffIds = remote.layers.map((layer) => layer.diffId);
  const chain = chainIds(diffIds);
  const missing = existing ? [] : remote.layers.filter((_, index) => !deps.layers.has(chain[index] as Digest));
  // Who had the layers already, asked before this image is stored and shares them too.
  const pulledLayers = remote.layers.map((layer, index): PulledLayer => {
    const present = !missing.includes(layer);
    const sharedWith = present ? imagesSharingLayer(deps, chain[index] as Digest, index, digestOf(remote.configText)) : [];
    return { diffId: layer.diffId, blobDigest: layer.blobDigest, blobSize: layer.blobSize, status: present ? 'already-exists' : 'downloaded', sharedWith };
  });
  if (!existing) {
    for (const [index, layer] of remote.layers.entries()) {
      if (deps.layers.has(chain[index] as Digest)) await emit({ id: truncateId(layer.blobDigest), status: 'Already exists', layer: true });
    }
  }
  for (const layer of missing) await emit({ id: truncateId(layer.blobDigest), status: 'Pulling fs layer', layer: true });
  for (const layer of missing.slice(CONCURRENT_DOWNLOADS)) await emit({ id: truncateId(layer.blobDigest), status: 'Waiting', layer: true });
  const changesets = new Map<Digest, Changeset>();
  let elapsed = 0;
  for (const step of transferSchedule(missing.map((layer) => layer.blobSize))) {
    const layer = missing[step.layer] as RemoteLayer;
    const id = truncateId(layer.blobDigest);
    await deps.clock.sleep(step.at - elapsed, signal);
    elapsed = step.at;
    const total = layer.blobSize;
    if (step.kind === 'downloading' || step.kind === 'extracting') {
      await emit({ id, status: step.kind === 'downloading' ? 'Downloading' : 'Extracting', progress: { current: Math.round(total * step.fraction), total }, layer: true });
    } else if (step.kind === 'downloaded') {
      await emit({ id, status: 'Verifying Checksum', layer: true });
      await emit({ id, status: 'Download complete', layer: true });
      changesets.set(layer.diffId, await layer.load());
    } else {
      await emit({ id, status: 'Pull complete', layer: true });
    }
  }

  const image = deps.images.create(remote.configText);
  if (!existing) {
    // The image takes one reference on its layer stack; layers present already are reused as they are.
    deps.layers.register(remote.layers.map((layer) => ({ diffId: layer.diffId, changeset: changesets.get(layer.diffId) ?? new Map() })));
  }
  for (const layer of remote.layers) {
    deps.distribution.add(layer.diffId, { digest: layer.blobDigest, size: layer.blobSize, mediaType: layer.mediaType ?? MEDIA_TYPES.layerGzip, repository });
  }
  await emit({ status: `Digest: ${remote.manifestDigest}` });
  const tagUpdated = deps.references.get(ref) !== image.id;
  const named = { domain: ref.domain, path: ref.path };
  if (ref.tag !== undefined && ref.digest === undefined) deps.references.addTag({ ...named, tag: ref.tag }, image.id, true);
  deps.references.addDigest({ ...named, digest: remote.manifestDigest }, image.id, true);
  deps.events.emit({ type: 'image.pulled', ref: familiarString(ref), imageId: image.id, manifestDigest: remote.manifestDigest, upToDate: !tagUpdated, layers: pulledLayers });
  return { image, tagUpdated };
}

/**
 * moby's distribution.Pull refuses `scratch` before it asks any registry
 * (daemon/internal/distribution/pull.go validateRepoName: the familiar name
 * equals api.NoBaseImageSpecifier; errors.go reservedNameError, a Forbidden
 * error worded `'scratch' is a reserved name`). `docker.io/library/scratch`
 * is `scratch` too; `someone/scratch` is not.
 */
export function validateRepoName(ref: Reference): void {
  if (familiarName(ref) === 'scratch') throw new EngineError('forbidden', "'scratch' is a reserved name");
}

/**
 * What a pull of a repository that does not exist (or is private) fails
 * with: the registry's own refusal when the pull carried no valid
 * credentials and the registry has one (ghcr.io, gcr.io, ECR, ACR, Harbor),
 * else Docker Hub's. `tagList` is `--all-tags`, which asks for the tag list
 * (GET /v2/<name>/tags/list) first.
 */
export function pullAccessDenied(ref: Reference, registries?: Registries, credentials?: Credentials, tagList = false): EngineError {
  const registry = registries?.hosts().includes(ref.domain) ? registries.registry(ref.domain) : undefined;
  if (registry?.profile.open) {
    // registry:2 has no repositories apart from their tags: a manifest of an unknown one is MANIFEST_UNKNOWN, its tag
    // list NAME_UNKNOWN (distribution's registry/handlers manifests.go, tags.go), which notFoundError words so.
    return notFound(
      tagList
        ? `repository ${familiarName(ref)} not found: name unknown: repository name not known to registry`
        : `manifest for ${familiarString(ref)} not found: manifest unknown: manifest unknown`,
    );
  }
  const refusal = registry?.profile.anonymousPullDenied;
  // Google's distroless project is public: its refusal is not the one for a missing repository there.
  if (registry && refusal && !registry.profile.catalogPaths?.test(ref.path) && registries?.userOf(ref.domain, credentials) === undefined) {
    const url = `https://${ref.domain}/v2/${ref.path}/${tagList ? 'tags/list' : `manifests/${ref.digest ?? ref.tag ?? 'latest'}`}`;
    // moby's TranslatePullError keeps anything but a denied / unknown errcode as it is (errdefs.Unknown).
    return new EngineError('unauthorized', refusal({ method: tagList ? 'Get' : 'Head', url, path: ref.path }));
  }
  return new EngineError(
    'notFound',
    `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
  );
}

/** pullRepository's writeStatus: whether anything changed for `requested` (familiar form: `alpine:latest`, or `alpine` for all tags). */
export function pullStatus(requested: string, layersDownloaded: boolean): ProgressEvent {
  return { status: `Status: ${layersDownloaded ? 'Downloaded newer image' : 'Image is up to date'} for ${requested}` };
}

/** docker pull of a tag or digest: {@link pullTag}, then the status line. */
export async function pullImage(deps: PullEngine, ref: Reference, emit: (event: ProgressEvent) => Promise<void>, signal: AbortSignal, credentials?: Credentials): Promise<PullResult> {
  const { image, tagUpdated } = await pullTag(deps, ref, emit, signal, credentials);
  await emit(pullStatus(familiarString(ref), tagUpdated));
  return { image, upToDate: !tagUpdated };
}
