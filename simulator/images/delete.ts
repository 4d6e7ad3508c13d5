import type { Engine } from '../daemon/engine';
import type { Digest } from '../digest/digest';
import { conflict, EngineError } from '../errdefs/errors';
import { truncateId } from '../cli/format/units';
import { isRunning } from '../container/container';
import { familiarString, parseNormalizedNamed, tagNameOnly, type Reference } from '../reference/reference';
import { getImage } from './get';

/** One line of `docker rmi` output. */
export type DeleteRecord = { untagged: string } | { deleted: string };

const HARD = { child: 1, running: 2 } as const;
const SOFT = { reference: 4, stopped: 8 } as const;
const CONFLICT_HARD = HARD.child | HARD.running;
const CONFLICT_SOFT = SOFT.reference | SOFT.stopped;

interface DeleteConflict {
  hard: boolean;
  used: boolean;
  error: EngineError;
}

/**
 * docker rmi, ported from moby's daemon/images/image_delete.go (classic
 * store): a reference is untagged first (refused while a container uses the
 * image and it is the only reference, unless forced), then the image itself is
 * deleted unless a conflict stands in the way — hard (child images, running
 * containers) or soft (other references, stopped containers; `-f` overrides).
 * Deleted layers are reported by chain ID.
 */
export function deleteImage(engine: Engine, imageRef: string, force: boolean, prune: boolean): DeleteRecord[] {
  const records: DeleteRecord[] = [];
  const image = getImage(engine, imageRef);
  const id = image.id;
  let repoRefs = engine.references.references(id);
  const using = () => engine.containers.list().find((container) => container.image === id);

  let removedRepositoryRef = false;
  if (!isImageIdPrefix(id, imageRef)) {
    if (!force && isSingleReference(repoRefs)) {
      const container = using();
      if (container) {
        throw conflict(`conflict: unable to remove repository reference "${imageRef}" (must force) - container ${truncateId(container.id)} is using its referenced image ${truncateId(id)}`);
      }
    }
    const parsed = removeReference(engine, parseNormalizedNamed(imageRef));
    records.push({ untagged: familiarString(parsed) });
    repoRefs = engine.references.references(id);
    if (parsed.digest === undefined) {
      const sameRepoTag = repoRefs.some((ref) => ref.digest === undefined && sameName(ref, parsed));
      if (!sameRepoTag) {
        const remaining: Reference[] = [];
        for (const ref of repoRefs) {
          if (ref.digest !== undefined && sameName(ref, parsed)) {
            removeReference(engine, ref);
            records.push({ untagged: familiarString(ref) });
          } else {
            remaining.push(ref);
          }
        }
        repoRefs = remaining;
      }
    }
    if (repoRefs.length > 0) return records;
    removedRepositoryRef = true;
  } else if (isSingleReference(repoRefs)) {
    const mask = CONFLICT_HARD | (force ? 0 : CONFLICT_SOFT & ~SOFT.reference);
    const found = checkConflict(engine, id, mask);
    if (found) throw found.error;
    for (const ref of repoRefs) records.push({ untagged: familiarString(removeReference(engine, ref)) });
  }
  deleteHelper(engine, id, records, force, prune, removedRepositoryRef);
  return records;
}

function deleteHelper(engine: Engine, id: Digest, records: DeleteRecord[], force: boolean, prune: boolean, quiet: boolean): void {
  const found = checkConflict(engine, id, CONFLICT_HARD | (force ? 0 : CONFLICT_SOFT));
  if (found) {
    if (quiet && (!isDangling(engine, id) || found.used)) return;
    throw found.error;
  }
  const parent = engine.images.parentOf(id);
  for (const ref of engine.references.references(id)) records.push({ untagged: familiarString(removeReference(engine, ref)) });
  const image = engine.images.get(id);
  const top = image ? engine.topLayerOf(image) : undefined;
  engine.images.delete(id);
  records.push({ deleted: id });
  const layersDeleted = top ? engine.layers.release(top) : [];
  for (const chainId of layersDeleted) records.push({ deleted: chainId });
  engine.events.emit({ type: 'image.removed', imageId: id, layersDeleted });
  if (prune && parent) deleteHelper(engine, parent, records, false, true, true);
}

function checkConflict(engine: Engine, id: Digest, mask: number): DeleteConflict | undefined {
  const make = (hard: boolean, used: boolean, message: string): DeleteConflict => ({
    hard,
    used,
    error: conflict(`conflict: unable to delete ${truncateId(id)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${message}`),
  });
  if (mask & HARD.child && engine.images.children(id).length > 0) return make(true, false, 'image has dependent child images');
  const containers = engine.containers.list().filter((container) => container.image === id);
  const running = containers.find((container) => isRunning(container.state));
  if (mask & HARD.running && running) return make(true, true, `image is being used by running container ${truncateId(running.id)}`);
  if (mask & SOFT.reference && engine.references.references(id).length > 0) return make(false, false, 'image is referenced in multiple repositories');
  const stopped = containers.find((container) => !isRunning(container.state));
  if (mask & SOFT.stopped && stopped) return make(false, true, `image is being used by stopped container ${truncateId(stopped.id)}`);
  return undefined;
}

/** All references are from one repository and there is at most one tag (false for none). */
function isSingleReference(refs: readonly Reference[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: Reference | undefined;
  const canonical = new Set<string>();
  for (const ref of refs) {
    if (ref.digest !== undefined) canonical.add(nameOf(ref));
    else if (single === undefined) single = ref;
    else return false;
  }
  single ??= refs[0];
  return canonical.size === 1 && single !== undefined && canonical.has(nameOf(single));
}

function isImageIdPrefix(id: string, candidate: string): boolean {
  return id.startsWith(candidate) || id.slice(id.indexOf(':') + 1).startsWith(candidate);
}

function removeReference(engine: Engine, ref: Reference): Reference {
  const full = tagNameOnly(ref);
  const imageId = engine.references.get(full);
  engine.references.delete(full);
  if (imageId !== undefined) engine.events.emit({ type: 'image.untagged', imageId, ref: familiarString(full) });
  return full;
}

function isDangling(engine: Engine, id: Digest): boolean {
  return engine.references.references(id).length === 0 && engine.images.children(id).length === 0;
}

function nameOf(ref: Reference): string {
  return `${ref.domain}/${ref.path}`;
}

function sameName(a: Reference, b: Reference): boolean {
  return nameOf(a) === nameOf(b);
}
