/**
 * Base images of a build (FROM, COPY --from=<image>): found locally by
 * reference, or fetched from the registry into the layer store without
 * being tagged — BuildKit keeps what it pulls in its own cache, which is
 * why a base image pulled by a build does not show in `docker images`.
 */
import type { Engine } from '../daemon/engine';
import { chainIds, digestOf, type Digest } from '../digest/digest';
import { DOWNLOAD_BYTES_PER_MS } from '../distribution/pull';
import type { StoredImage } from '../image/store';
import { parseImageConfig, type ImageConfig } from '../image/config';
import { parseNormalizedNamed, referenceString, tagNameOnly, type Reference } from '../reference/reference';
import type { Changeset } from '../archive/types';
import type { RemoteImage } from '../registry/registry';
import type { Credentials } from '../registry/accounts';
import { EngineError } from '../errdefs/errors';

export interface BaseImage {
  /** The image ID (config digest): the key of everything built on it. */
  id: Digest;
  config: ImageConfig;
  top: Digest | undefined;
  /** `docker.io/library/alpine:latest`. */
  canonical: string;
  /** The manifest digest when it came from the registry in this build. */
  pulledDigest?: Digest;
}

/** Why a base could not be resolved, as BuildKit's image resolver words it. */
export class BaseNotFound extends Error {
  override readonly name = 'BaseNotFound';
}

export function canonicalName(name: string): { ref: Reference; canonical: string } {
  const ref = tagNameOnly(parseNormalizedNamed(name));
  return { ref, canonical: referenceString(ref) };
}

/** A local image by reference (tag or digest), or undefined. */
export function localBase(engine: Engine, ref: Reference): StoredImage | undefined {
  const id = engine.references.get(ref);
  return id ? engine.images.get(id as Digest) : undefined;
}

/**
 * The registry's manifest for `ref`, asked with the learner's credentials
 * for its registry (buildx passes the CLI's on); throws BaseNotFound with
 * the resolver's message — for a registry that cannot be reached too.
 */
export async function remoteBase(engine: Engine, ref: Reference, canonical: string, credentials: Credentials | undefined): Promise<RemoteImage> {
  let remote;
  try {
    remote = await engine.registry.resolve(`${ref.domain}/${ref.path}`, ref.digest ?? ref.tag ?? 'latest', credentials);
  } catch (error) {
    if (error instanceof EngineError) throw new BaseNotFound(`failed to resolve source metadata for ${canonical}: ${error.message}`);
    throw error;
  }
  if (remote === 'repository not found') {
    throw new BaseNotFound(`failed to resolve source metadata for ${canonical}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`);
  }
  if (remote === 'manifest not found') throw new BaseNotFound(`failed to resolve source metadata for ${canonical}: ${canonical}: not found`);
  return remote;
}

/**
 * Downloads a remote image's layers that are not present (`sha256:… 3.6MB / 3.6MB`
 * for each), taking one reference on its top layer for the caller to own.
 */
export async function fetchLayers(
  engine: Engine,
  remote: RemoteImage,
  report: (blob: Digest, size: number, started: number) => Promise<void>,
  signal: AbortSignal,
): Promise<{ config: ImageConfig; top: Digest | undefined; id: Digest }> {
  const config = parseImageConfig(remote.configText);
  const changesets: Array<{ diffId: Digest; changeset: Changeset }> = [];
  const chain = chainIds(remote.layers.map((layer) => layer.diffId));
  for (const [index, layer] of remote.layers.entries()) {
    // A layer already present is not downloaded again; the store keeps the one it has.
    if (engine.layers.has(chain[index] as Digest)) {
      changesets.push({ diffId: layer.diffId, changeset: new Map() });
      continue;
    }
    const started = engine.clock.now();
    await engine.clock.sleep(50 + layer.blobSize / DOWNLOAD_BYTES_PER_MS, signal);
    changesets.push({ diffId: layer.diffId, changeset: await layer.load() });
    await report(layer.blobDigest, layer.blobSize, started);
  }
  const top = engine.layers.register(changesets);
  return { config, top, id: digestOf(remote.configText) };
}
