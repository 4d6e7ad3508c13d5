import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familiarString, parseNormalizedNamed, referenceString, type DigestedReference, type Reference } from './reference';
import { ReferenceStore, ReferenceStoreError, type ReferenceStoreJSON } from './store';

const ref = parseNormalizedNamed;

function digested(text: string): DigestedReference {
  const parsed = ref(text);
  if (parsed.digest === undefined) throw new Error(`${text} has no digest`);
  return parsed as DigestedReference;
}

/** The error `run` throws, which must be a ReferenceStoreError. */
function storeError(run: () => unknown): ReferenceStoreError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceStoreError);
    return error as ReferenceStoreError;
  }
  throw new Error('expected a ReferenceStoreError');
}

// moby reference/store_test.go: saveLoadTestCases and marshalledSaveLoadTestCases.
const SAVE_LOAD_CASES: Record<string, string> = {
  'registry:5000/foobar:HEAD': 'sha256:470022b8af682154f57a2163d030eb369549549cba00edc69e1b99b46bb924d6',
  'registry:5000/foobar:alternate': 'sha256:ae300ebc4a4f00693702cfb0a5e0b7bc527b353828dc86ad09fb95c8a681b793',
  'registry:5000/foobar:latest': 'sha256:6153498b9ac00968d71b66cca4eac37e990b5f9eb50c26877eb8799c8847451b',
  'registry:5000/foobar:master': 'sha256:6c9917af4c4e05001b346421959d7ea81b6dc9d25718466a37a6add865dfd7fc',
  'jess/hollywood:latest': 'sha256:ae7a5519a0a55a2d4ef20ddcbd5d0ca0888a1f7ab806acc8e2a27baf46f529fe',
  'registry@sha256:367eb40fd0330a7e464777121e39d2f5b3e8e23a1e159342e53ab05c9e4d94e6': 'sha256:24126a56805beb9711be5f4590cc2eb55ab8d4a85ebd618eed72bb19fc50631c',
  'busybox:latest': 'sha256:91e54dfb11794fad694460162bf0cb0a4fa710cfa3f60979c177d920813e267c',
};

const MOBY_REPOSITORIES_JSON =
  '{"Repositories":{"busybox":{"busybox:latest":"sha256:91e54dfb11794fad694460162bf0cb0a4fa710cfa3f60979c177d920813e267c"},"jess/hollywood":{"jess/hollywood:latest":"sha256:ae7a5519a0a55a2d4ef20ddcbd5d0ca0888a1f7ab806acc8e2a27baf46f529fe"},"registry":{"registry@sha256:367eb40fd0330a7e464777121e39d2f5b3e8e23a1e159342e53ab05c9e4d94e6":"sha256:24126a56805beb9711be5f4590cc2eb55ab8d4a85ebd618eed72bb19fc50631c"},"registry:5000/foobar":{"registry:5000/foobar:HEAD":"sha256:470022b8af682154f57a2163d030eb369549549cba00edc69e1b99b46bb924d6","registry:5000/foobar:alternate":"sha256:ae300ebc4a4f00693702cfb0a5e0b7bc527b353828dc86ad09fb95c8a681b793","registry:5000/foobar:latest":"sha256:6153498b9ac00968d71b66cca4eac37e990b5f9eb50c26877eb8799c8847451b","registry:5000/foobar:master":"sha256:6c9917af4c4e05001b346421959d7ea81b6dc9d25718466a37a6add865dfd7fc"}}}';

const ID1 = 'sha256:9655aef5fd742a1b4e1b7b163aa9f1c76c186304bf39102283d80927c916ca9c';
const ID2 = 'sha256:9655aef5fd742a1b4e1b7b163aa9f1c76c186304bf39102283d80927c916ca9d';
const ID3 = 'sha256:9655aef5fd742a1b4e1b7b163aa9f1c76c186304bf39102283d80927c916ca9e';

describe('ReferenceStore (ported from moby store_test.go)', () => {
  it('loads repositories.json data (TestLoad)', () => {
    const { Repositories } = JSON.parse(MOBY_REPOSITORIES_JSON) as { Repositories: ReferenceStoreJSON['repositories'] };
    const store = ReferenceStore.fromJSON({ version: 1, repositories: Repositories });
    for (const [text, id] of Object.entries(SAVE_LOAD_CASES)) expect(store.get(ref(text))).toBe(id);
  });

  it('saves exactly what moby writes, keys sorted (TestSave)', () => {
    const store = new ReferenceStore();
    for (const [text, id] of Object.entries(SAVE_LOAD_CASES)) {
      const parsed = ref(text);
      if (parsed.digest === undefined) store.addTag(parsed, id, false);
      else store.addDigest(parsed as DigestedReference, id, false);
    }
    expect(JSON.stringify({ Repositories: store.toJSON().repositories })).toBe(MOBY_REPOSITORIES_JSON);
  });

  it('adds, gets and deletes references (TestAddDeleteGet)', () => {
    const store = new ReferenceStore();
    const nameOnly = ref('username/repo');
    store.addTag(nameOnly, ID1, false);
    const ref1 = ref('username/repo1:latest');
    store.addTag(ref1, ID1, false);
    const ref2 = ref('username/repo1:old');
    store.addTag(ref2, ID2, false);
    const ref3 = ref('username/repo1:alias');
    store.addTag(ref3, ID1, false);
    const ref4 = ref('username/repo2:latest');
    store.addTag(ref4, ID2, false);
    // Writing the same values again silently succeeds.
    store.addTag(ref4, ID2, false);
    const ref5 = digested('username/repo3@sha256:58153dfb11794fad694460162bf0cb0a4fa710cfa3f60979c177d920813e267c');
    store.addDigest(ref5, ID2, false);
    store.addDigest(ref5, ID2, false);

    // Overwriting a digest with another image fails, even forced.
    const digestConflict = storeError(() => store.addDigest(ref5, ID3, false));
    expect(digestConflict.kind).toBe('conflict');
    expect(digestConflict.message).toBe('Cannot overwrite digest sha256:58153dfb11794fad694460162bf0cb0a4fa710cfa3f60979c177d920813e267c');
    expect(storeError(() => store.addDigest(ref5, ID3, true)).kind).toBe('conflict');

    // Moving a tag needs force.
    const tagConflict = storeError(() => store.addTag(ref4, ID3, false));
    expect(tagConflict.kind).toBe('conflict');
    expect(tagConflict.message).toBe(
      `Conflict: Tag username/repo2:latest is already set to image ${ID2}, if you want to replace it, please use the force option`,
    );
    store.addTag(ref4, ID3, true);

    expect(store.get(nameOnly)).toBe(ID1);
    expect(store.get(ref1)).toBe(ID1);
    expect(store.get(ref2)).toBe(ID2);
    expect(store.get(ref3)).toBe(ID1);
    expect(store.get(ref4)).toBe(ID3);
    expect(store.get(ref5)).toBe(ID2);

    const nonExistRepo = ref('username/nonexistrepo:latest');
    const nonExistTag = ref('username/repo1:nonexist');
    expect(store.get(nonExistRepo)).toBeUndefined();
    expect(store.get(nonExistTag)).toBeUndefined();

    // Lexically sorted.
    expect(store.references(ID1).map(referenceString)).toEqual([referenceString(ref3), referenceString(ref1), `${referenceString(nameOnly)}:latest`]);

    const associations = store.referencesByName(ref('username/repo1'));
    expect(associations.map(({ ref: r, id }) => [referenceString(r), id])).toEqual([
      [referenceString(ref3), ID1],
      [referenceString(ref1), ID1],
      [referenceString(ref2), ID2],
    ]);

    expect(store.delete(nonExistRepo)).toBe(false);
    expect(store.delete(nonExistTag)).toBe(false);

    expect(store.delete(ref1)).toBe(true);
    expect(store.get(ref1)).toBeUndefined();
    expect(store.delete(ref5)).toBe(true);
    expect(store.get(ref5)).toBeUndefined();
    expect(store.delete(nameOnly)).toBe(true);
    expect(store.get(nameOnly)).toBeUndefined();
  });

  it('refuses a digest as a tag and sha256 as a repository name (TestInvalidTags)', () => {
    const store = new ReferenceStore();
    const id = 'sha256:470022b8af682154f57a2163d030eb369549549cba00edc69e1b99b46bb924d6';
    const ambiguous = storeError(() => store.addTag(ref('sha256:abc'), id, true));
    expect(ambiguous.kind).toBe('invalid-parameter');
    expect(ambiguous.message).toBe('refusing to create an ambiguous tag using digest algorithm as name');
    const digestTag = storeError(() => store.addTag(ref('registry@sha256:367eb40fd0330a7e464777121e39d2f5b3e8e23a1e159342e53ab05c9e4d94e6'), id, true));
    expect(digestTag.kind).toBe('invalid-parameter');
    expect(digestTag.message).toBe('refusing to create a tag with a digest reference');
    expect(store.all()).toEqual([]);
  });
});

describe('ReferenceStore behaviour', () => {
  it('files every spelling of a Docker Hub name under one familiar key', () => {
    const store = new ReferenceStore();
    store.addTag(ref('ubuntu'), ID1, false);
    for (const spelling of ['ubuntu', 'ubuntu:latest', 'library/ubuntu', 'docker.io/ubuntu', 'docker.io/library/ubuntu:latest', 'index.docker.io/library/ubuntu']) {
      expect(store.get(ref(spelling))).toBe(ID1);
    }
    expect(store.toJSON().repositories).toEqual({ ubuntu: { 'ubuntu:latest': ID1 } });
  });

  it('stores and finds a tag-and-digest reference by its digest alone', () => {
    const store = new ReferenceStore();
    const digest = 'sha256:58153dfb11794fad694460162bf0cb0a4fa710cfa3f60979c177d920813e267c';
    store.addDigest(digested(`redis:7@${digest}`), ID1, false);
    expect(store.toJSON().repositories).toEqual({ redis: { [`redis@${digest}`]: ID1 } });
    expect(store.get(ref(`redis@${digest}`))).toBe(ID1);
    expect(store.get(ref(`redis:other@${digest}`))).toBe(ID1);
    expect(store.get(ref('redis:7'))).toBeUndefined();
    expect(store.delete(ref(`redis:whatever@${digest}`))).toBe(true);
    expect(store.all()).toEqual([]);
  });

  it('moves a forced tag from the old image to the new one', () => {
    const store = new ReferenceStore();
    store.addTag(ref('app:1'), ID1, false);
    store.addTag(ref('app:1'), ID2, true);
    expect(store.references(ID1)).toEqual([]);
    expect(store.references(ID2)).toEqual([ref('app:1')]);
  });

  it('sorts by canonical string as moby does, not by familiar string', () => {
    const store = new ReferenceStore();
    for (const text of ['ubuntu:latest', 'localhost:5000/ubuntu:latest', 'myuser/app:1', 'ubuntu:22.04']) store.addTag(ref(text), ID1, false);
    // docker.io/library/ubuntu… < docker.io/myuser/… < localhost:5000/…; familiar order would start with localhost.
    expect(store.references(ID1).map(familiarString)).toEqual(['ubuntu:22.04', 'ubuntu:latest', 'myuser/app:1', 'localhost:5000/ubuntu:latest']);
    expect(store.all().map(({ ref: r }) => familiarString(r))).toEqual(['ubuntu:22.04', 'ubuntu:latest', 'myuser/app:1', 'localhost:5000/ubuntu:latest']);
  });

  it('lists a repository by name, ignoring the tag of the name given', () => {
    const store = new ReferenceStore();
    store.addTag(ref('app:2'), ID2, false);
    store.addTag(ref('app:1'), ID1, false);
    store.addTag(ref('other:1'), ID1, false);
    expect(store.referencesByName(ref('app:999'))).toEqual([
      { ref: ref('app:1'), id: ID1 },
      { ref: ref('app:2'), id: ID2 },
    ]);
    expect(store.referencesByName(ref('missing'))).toEqual([]);
  });

  it('hands out references parsed back from their familiar form, as a restarted daemon would', () => {
    const store = new ReferenceStore();
    store.addTag(ref('docker.io/foo.bar/app:1'), ID1, false);
    // Go files it under "foo.bar/app", which reads back as registry foo.bar; both spellings find it.
    expect(store.references(ID1)).toEqual([{ domain: 'foo.bar', path: 'app', tag: '1' }]);
    expect(store.get(ref('docker.io/foo.bar/app:1'))).toBe(ID1);
    expect(store.get(ref('foo.bar/app:1'))).toBe(ID1);
  });

  it('refuses malformed image IDs', () => {
    const store = new ReferenceStore();
    expect(() => store.addTag(ref('app'), 'not-an-id', false)).toThrow(TypeError);
    expect(() => store.addTag(ref('app'), 'sha256:abc', false)).toThrow(TypeError);
  });
});

describe('ReferenceStore serialisation', () => {
  it('writes a plain versioned object', () => {
    const store = new ReferenceStore();
    store.addTag(ref('b:1'), ID2, false);
    store.addTag(ref('a:1'), ID1, false);
    const json = store.toJSON();
    expect(json).toEqual({ version: 1, repositories: { a: { 'a:1': ID1 }, b: { 'b:1': ID2 } } });
    expect(Object.keys(json.repositories)).toEqual(['a', 'b']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('reads an empty store', () => {
    expect(ReferenceStore.fromJSON({ version: 1, repositories: {} }).all()).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'nope', 'expected an object'],
    ['null', null, 'expected an object'],
    ['an array', [], 'expected an object'],
    ['a missing version', { repositories: {} }, 'unsupported version undefined'],
    ['a future version', { version: 2, repositories: {} }, 'unsupported version 2'],
    ['no repositories', { version: 1 }, '"repositories" must be an object'],
    ['a repository that is not an object', { version: 1, repositories: { a: 'x' } }, 'repository "a" must be an object'],
    ['an invalid reference', { version: 1, repositories: { a: { 'A:1': ID1 } } }, '"A:1" in repository "a" is not a valid reference'],
    ['an ID that is not a digest', { version: 1, repositories: { a: { 'a:1': 'abc' } } }, 'must point to an image ID, got "abc"'],
    ['an ID that is not a string', { version: 1, repositories: { a: { 'a:1': 7 } } }, 'must point to an image ID, got 7'],
    ['a bare name', { version: 1, repositories: { a: { a: ID1 } } }, 'must have either a tag or a digest'],
    ['a tag with a digest', { version: 1, repositories: { a: { [`a:1@${ID2}`]: ID1 } } }, 'must have either a tag or a digest'],
    ['a reference in the wrong repository', { version: 1, repositories: { b: { 'a:1': ID1 } } }, '"a:1" in repository "b" does not belong to that repository'],
    ['a canonical instead of a familiar reference', { version: 1, repositories: { a: { 'docker.io/library/a:1': ID1 } } }, 'does not belong to that repository'],
    ['the reserved name sha256', { version: 1, repositories: { sha256: { 'sha256:1': ID1 } } }, 'repository name "sha256" is reserved'],
  ])('rejects %s', (_label, data, message) => {
    expect(() => ReferenceStore.fromJSON(data)).toThrow(message);
    expect(() => ReferenceStore.fromJSON(data)).toThrow(/^invalid reference store data: /);
  });

  // Property: whatever sequence of operations built a store, its serialised
  // copy answers every question the same way.
  const pool = [
    'ubuntu',
    'ubuntu:22.04',
    'library/ubuntu:20.04',
    'myuser/app:1',
    'myuser/app',
    'localhost:5000/app:dev',
    'Foo/bar:x',
    'docker.io/foo.bar/app:1',
    'foo.bar/app:1',
    'foo_bar.com/app:1',
    'sha256:abc',
    `redis@sha256:${'a'.repeat(64)}`,
    `redis:7@sha256:${'b'.repeat(64)}`,
    `localhost:5000/app@sha256:${'c'.repeat(64)}`,
  ].map((text) => ref(text));
  const ids = [ID1, ID2, ID3];
  const operation = fc.record({
    kind: fc.constantFrom('tag', 'digest', 'delete'),
    ref: fc.constantFrom(...pool),
    id: fc.constantFrom(...ids),
    force: fc.boolean(),
  });

  function apply(store: ReferenceStore, op: { kind: string; ref: Reference; id: string; force: boolean }): void {
    try {
      if (op.kind === 'delete') store.delete(op.ref);
      else if (op.kind === 'tag') store.addTag(op.ref, op.id, op.force);
      else if (op.ref.digest !== undefined) store.addDigest(op.ref as DigestedReference, op.id, op.force);
    } catch (error) {
      if (!(error instanceof ReferenceStoreError)) throw error;
    }
  }

  it('fromJSON(toJSON()) preserves every lookup', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), (ops) => {
        const store = new ReferenceStore();
        for (const op of ops) apply(store, op);
        const json = store.toJSON();
        const copy = ReferenceStore.fromJSON(JSON.parse(JSON.stringify(json)));
        expect(copy.toJSON()).toEqual(json);
        expect(copy.all()).toEqual(store.all());
        for (const r of pool) {
          expect(copy.get(r)).toBe(store.get(r));
          expect(copy.referencesByName(r)).toEqual(store.referencesByName(r));
        }
        for (const id of ids) expect(copy.references(id)).toEqual(store.references(id));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a plain map keyed by familiar string', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), (ops) => {
        const store = new ReferenceStore();
        const model = new Map<string, string>();
        for (const op of ops) {
          apply(store, op);
          const key = storeKey(op.ref);
          if (op.kind === 'delete') model.delete(key);
          else if (acceptable(op, model.get(key), key)) model.set(key, op.id);
        }
        for (const r of pool) expect(store.get(r)).toBe(model.get(storeKey(r)));
        expect(store.all().map(({ ref: r, id }) => [familiarString(r), id]).sort()).toEqual([...model].sort());
      }),
      { numRuns: 500 },
    );
  });
});

/** The model's key: the familiar string after moby's defaulting (digest wins, bare names get latest). */
function storeKey(r: Reference): string {
  if (r.digest !== undefined) return familiarString({ domain: r.domain, path: r.path, digest: r.digest });
  return familiarString({ ...r, tag: r.tag ?? 'latest' });
}

/** Whether moby would accept the addition, given what the key points to now. */
function acceptable(op: { kind: string; ref: Reference; id: string; force: boolean }, current: string | undefined, key: string): boolean {
  if (key.startsWith('sha256:')) return false;
  if (op.kind === 'tag' && op.ref.digest !== undefined) return false;
  if (op.kind === 'digest' && op.ref.digest === undefined) return false;
  if (current === undefined || current === op.id) return true;
  return op.ref.digest === undefined && op.force;
}
