/**
 * The reference store: which image ID each `name:tag` and `name@digest`
 * points to. A port of moby's refstore (`reference/store.go`, the store behind
 * /var/lib/docker/image/overlay2/repositories.json in the classic image
 * store). It knows nothing of images: it maps names to ID strings, and the
 * image service decides what an ID means.
 *
 * Like moby it files every reference under its familiar repository name
 * (`ubuntu`) and familiar string (`ubuntu:22.04`), so `ubuntu`,
 * `docker.io/ubuntu` and `docker.io/library/ubuntu` are one repository.
 */
import { validateDigest } from './digest';
import {
  familiarName,
  familiarString,
  parseNormalizedNamed,
  referenceString,
  tagNameOnly,
  withDigest,
  trimNamed,
  type DigestedReference,
  type Reference,
} from './reference';

/** One reference and the image ID it points to (moby's Association). */
export interface Association {
  readonly ref: Reference;
  /** The image ID, `sha256:<64 hex>`. */
  readonly id: string;
}

/**
 * How moby classifies the failure (its errdefs), which decides the HTTP
 * status the daemon answers with: 400 or 409.
 */
export type ReferenceStoreErrorKind = 'invalid-parameter' | 'conflict';

/** A refused addition, with moby's exact message. */
export class ReferenceStoreError extends Error {
  override readonly name = 'ReferenceStoreError';

  constructor(
    readonly kind: ReferenceStoreErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** The serialised store: moby's repositories.json plus a format version. */
export interface ReferenceStoreJSON {
  readonly version: typeof FORMAT_VERSION;
  /** Familiar repository name → familiar reference → image ID, keys sorted as Go's encoding/json sorts them. */
  readonly repositories: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const FORMAT_VERSION = 1;

/** The digest algorithm Docker uses for IDs; not allowed as a repository name. */
const CANONICAL_ALGORITHM = 'sha256';

export class ReferenceStore {
  /** Familiar repository name → familiar reference string → image ID, as in repositories.json. */
  private readonly repositories = new Map<string, Map<string, string>>();
  /** Image ID → familiar reference string → reference: moby's referencesByIDCache. */
  private readonly byId = new Map<string, Map<string, Reference>>();

  /**
   * Points a tag at `imageId`; a reference without tag gets `latest`. Without
   * `force`, moving an existing tag to another image is a conflict. The daemon
   * itself always forces (docker tag, pull, build, commit, load).
   */
  addTag(ref: Reference, imageId: string, force: boolean): void {
    if (ref.digest !== undefined) {
      throw new ReferenceStoreError('invalid-parameter', 'refusing to create a tag with a digest reference');
    }
    this.addReference(tagNameOnly(ref), imageId, force);
  }

  /** Points a digest reference at `imageId`. A digest can never be moved, even with `force`. */
  addDigest(ref: DigestedReference, imageId: string, force: boolean): void {
    if (ref.digest === undefined) throw new TypeError('addDigest needs a reference with a digest');
    this.addReference(ref, imageId, force);
  }

  /**
   * Removes a reference (a missing tag means `latest`) and reports whether it
   * existed. Where moby returns ErrDoesNotExist, this returns false.
   */
  delete(ref: Reference): boolean {
    const key = storageKey(ref);
    const repository = this.repositories.get(key.name);
    const id = repository?.get(key.ref);
    if (repository === undefined || id === undefined) return false;
    repository.delete(key.ref);
    if (repository.size === 0) this.repositories.delete(key.name);
    this.unindex(id, key.ref);
    return true;
  }

  /**
   * The image ID `ref` points to, or undefined (moby's ErrDoesNotExist). A
   * reference with neither tag nor digest means `:latest`; one with both is
   * looked up by its digest alone.
   */
  get(ref: Reference): string | undefined {
    const key = storageKey(ref);
    return this.repositories.get(key.name)?.get(key.ref);
  }

  /** Every reference to `imageId`, sorted by canonical string as moby sorts them (`docker.io/…` before `localhost/…`). */
  references(imageId: string): Reference[] {
    return sortByCanonical([...(this.byId.get(imageId)?.values() ?? [])]);
  }

  /** Every reference in the repository of `name` (its tag and digest are ignored), sorted by canonical string. */
  referencesByName(name: Reference): Association[] {
    const repository = this.repositories.get(familiarName(name));
    return sortAssociations([...(repository ?? [])].map(([refString, id]) => ({ ref: storedReference(refString), id })));
  }

  /** Every reference in the store, sorted by canonical string. */
  all(): Association[] {
    const associations: Association[] = [];
    for (const repository of this.repositories.values()) {
      for (const [refString, id] of repository) associations.push({ ref: storedReference(refString), id });
    }
    return sortAssociations(associations);
  }

  /** A plain, versioned copy of the store that fromJSON accepts; the same data as moby's repositories.json. */
  toJSON(): ReferenceStoreJSON {
    const repositories: Record<string, Record<string, string>> = {};
    for (const name of sortedKeys(this.repositories)) {
      const repository = this.repositories.get(name) ?? new Map<string, string>();
      const entries: Record<string, string> = {};
      for (const refString of sortedKeys(repository)) entries[refString] = repository.get(refString) ?? '';
      repositories[name] = entries;
    }
    return { version: FORMAT_VERSION, repositories };
  }

  /**
   * Rebuilds a store from toJSON() output, checking that every entry is one
   * the store could have written: a parseable familiar reference with a tag
   * or a digest (not both), filed under its own repository, pointing to a
   * valid digest. Throws an Error naming the first bad entry.
   */
  static fromJSON(data: unknown): ReferenceStore {
    if (!isRecord(data)) throw formatError('expected an object');
    if (data['version'] !== FORMAT_VERSION) throw formatError(`unsupported version ${JSON.stringify(data['version'])}, expected ${FORMAT_VERSION}`);
    const repositories = data['repositories'];
    if (!isRecord(repositories)) throw formatError('"repositories" must be an object');
    const store = new ReferenceStore();
    for (const [name, entries] of Object.entries(repositories)) {
      if (!isRecord(entries)) throw formatError(`repository ${JSON.stringify(name)} must be an object`);
      for (const [refString, id] of Object.entries(entries)) store.restore(name, refString, id);
    }
    return store;
  }

  /** Adds one validated entry of serialised data. */
  private restore(name: string, refString: string, id: unknown): void {
    const where = `${JSON.stringify(refString)} in repository ${JSON.stringify(name)}`;
    let ref: Reference;
    try {
      ref = parseNormalizedNamed(refString);
    } catch (error) {
      throw formatError(`${where} is not a valid reference: ${(error as Error).message}`);
    }
    if (typeof id !== 'string' || validateDigest(id) !== undefined) throw formatError(`${where} must point to an image ID, got ${JSON.stringify(id)}`);
    const suffix = ref.tag !== undefined ? `:${ref.tag}` : `@${ref.digest ?? ''}`;
    if ((ref.tag === undefined) === (ref.digest === undefined)) throw formatError(`${where} must have either a tag or a digest`);
    // addReference files `name:tag` under `name`; compared as strings because a few familiar
    // names (`docker.io/foo`, kept for `docker.io/docker.io/foo`) parse back differently.
    if (refString !== name + suffix) throw formatError(`${where} does not belong to that repository`);
    if (name === CANONICAL_ALGORITHM) throw formatError(`repository name ${JSON.stringify(name)} is reserved`);
    this.store(name, refString, id);
  }

  /** moby's addReference: the rules shared by tags and digests. */
  private addReference(ref: Reference, imageId: string, force: boolean): void {
    assertImageId(imageId);
    const stored = favorDigest(ref);
    const name = familiarName(stored);
    const refString = familiarString(stored);
    if (name === CANONICAL_ALGORITHM) {
      throw new ReferenceStoreError('invalid-parameter', 'refusing to create an ambiguous tag using digest algorithm as name');
    }
    const oldId = this.repositories.get(name)?.get(refString);
    if (oldId !== undefined) {
      // Re-adding the same association succeeds silently (moby's store_test "should silently succeed").
      if (oldId === imageId) return;
      if (stored.digest !== undefined) throw new ReferenceStoreError('conflict', `Cannot overwrite digest ${stored.digest}`);
      if (!force) {
        throw new ReferenceStoreError(
          'conflict',
          `Conflict: Tag ${refString} is already set to image ${oldId}, if you want to replace it, please use the force option`,
        );
      }
      this.unindex(oldId, refString);
    }
    this.store(name, refString, imageId);
  }

  private store(name: string, refString: string, imageId: string): void {
    const ref = storedReference(refString);
    let repository = this.repositories.get(name);
    if (repository === undefined) {
      repository = new Map();
      this.repositories.set(name, repository);
    }
    repository.set(refString, imageId);
    let references = this.byId.get(imageId);
    if (references === undefined) {
      references = new Map();
      this.byId.set(imageId, references);
    }
    references.set(refString, ref);
  }

  private unindex(imageId: string, refString: string): void {
    const references = this.byId.get(imageId);
    references?.delete(refString);
    if (references?.size === 0) this.byId.delete(imageId);
  }
}

/** The repository name and reference string a reference is filed under, after moby's Get/Delete defaulting. */
function storageKey(ref: Reference): { name: string; ref: string } {
  const lookup = tagNameOnly(favorDigest(ref));
  return { name: familiarName(lookup), ref: familiarString(lookup) };
}

/** moby's favorDigest: a reference with both a tag and a digest is stored and found by its digest. */
function favorDigest(ref: Reference): Reference {
  return ref.tag !== undefined && ref.digest !== undefined ? withDigest(trimNamed(ref), ref.digest) : ref;
}

/**
 * The reference as the store hands it out: parsed back from its familiar
 * string, as moby's reload does. This keeps a store and its serialised copy
 * identical; a reference whose familiar form parses differently (Go's quirk
 * for `docker.io/foo.bar/app`, shown as `foo.bar/app`) comes back the way a
 * restarted daemon would return it.
 */
function storedReference(refString: string): Reference {
  return parseNormalizedNamed(refString);
}

function sortByCanonical(references: Reference[]): Reference[] {
  return references
    .map((ref) => ({ ref, key: referenceString(ref) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ ref }) => ref);
}

function sortAssociations(associations: Association[]): Association[] {
  return associations
    .map((association) => ({ association, key: referenceString(association.ref) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ association }) => association);
}

/** Go compares strings bytewise; for the ASCII of references that is code-unit order, not locale order. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedKeys(map: ReadonlyMap<string, unknown>): string[] {
  return [...map.keys()].sort(compareStrings);
}

function assertImageId(imageId: string): void {
  if (validateDigest(imageId) !== undefined) throw new TypeError(`not an image ID: ${JSON.stringify(imageId)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatError(detail: string): Error {
  return new Error(`invalid reference store data: ${detail}`);
}
