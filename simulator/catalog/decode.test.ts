import { describe, expect, it } from 'vitest';
import { changesetToTar, fileBytes, tarToChangeset } from '../archive/tar';
import { digestOf } from '../digest/digest';
import { CatalogFormatError, changesetEntries, generatedSeed, layerChangeset, validateCatalogImage, validateCatalogIndex, validateCatalogLayer } from './decode';
import { CATALOG_VERSION, type CatalogEntry, type CatalogLayer } from './format';

const DIGEST = `sha256:${'a'.repeat(64)}` as const;

function layer(entries: CatalogEntry[], key = 'test-layer'): CatalogLayer {
  return { version: CATALOG_VERSION, key, diffId: DIGEST, entries };
}

const sample = layer([
  ['d', '/bin', 0o755, 0, 0, 1_700_000_000, 0],
  ['f', '/bin/busybox', 0o755, 0, 0, 1_700_000_000, 1000],
  ['h', '/bin/sh', 0o755, 0, 0, 1_700_000_000, '/bin/busybox'],
  ['d', '/etc', 0o755, 0, 0, 1_700_000_000, 0],
  ['l', '/etc/localtime', 0o777, 0, 0, 1_700_000_000, '/usr/share/zoneinfo/Etc/UTC'],
  ['f', '/etc/os-release', 0o644, 0, 0, 1_700_000_000, 13, 'ID=debian\né\n'],
  ['d', '/opt', 0o755, 0, 0, 1_700_000_000, 0, 'opaque'],
  ['w', '/tmp', 0, 0, 0, 0, 0],
]);

describe('layerChangeset', () => {
  it('turns each kind of entry into the engine’s node, with mtimes in milliseconds', () => {
    const changes = layerChangeset(sample);
    expect(changes.get('/bin')).toEqual({ type: 'directory', mode: 0o755, uid: 0, gid: 0, mtime: 1_700_000_000_000 });
    expect(changes.get('/bin/sh')).toMatchObject({ type: 'hardlink', target: '/bin/busybox' });
    expect(changes.get('/etc/localtime')).toMatchObject({ type: 'symlink', target: '/usr/share/zoneinfo/Etc/UTC' });
    expect(changes.get('/opt')).toMatchObject({ type: 'directory', opaque: true });
    expect(changes.get('/tmp')).toEqual({ type: 'whiteout' });
  });

  it('keeps text as UTF-8 bytes and seeds generated content with the layer key and path', () => {
    const changes = layerChangeset(sample);
    const text = changes.get('/etc/os-release');
    expect(text?.type === 'file' && new TextDecoder().decode(fileBytes(text.content))).toBe('ID=debian\né\n');
    const binary = changes.get('/bin/busybox');
    expect(binary).toMatchObject({ type: 'file', content: { kind: 'generated', size: 1000, seed: 'test-layer:/bin/busybox' } });
    expect(generatedSeed('k', '/p')).toBe('k:/p');
  });

  it('gives the same tar digest for the same key and entries, and another for another key', async () => {
    const a = digestOf(await changesetToTar(layerChangeset(sample)));
    const b = digestOf(await changesetToTar(layerChangeset(structuredClone(sample))));
    const c = digestOf(await changesetToTar(layerChangeset({ ...sample, key: 'other' })));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('survives a round trip through a tar', async () => {
    const back = await tarToChangeset(await changesetToTar(layerChangeset(sample)));
    expect(back.get('/bin/sh')).toMatchObject({ type: 'hardlink', target: '/bin/busybox' });
    expect(back.get('/opt')).toMatchObject({ type: 'directory', opaque: true });
    expect(back.get('/tmp')).toEqual({ type: 'whiteout' });
    const busybox = back.get('/bin/busybox');
    expect(busybox?.type === 'file' && fileBytes(busybox.content).length).toBe(1000);
  });
});

describe('changesetEntries', () => {
  it('is the inverse of layerChangeset', () => {
    expect(changesetEntries(sample.key, layerChangeset(sample))).toEqual(sample.entries);
  });

  it('refuses generated content seeded for another layer', () => {
    expect(() => changesetEntries('another', layerChangeset(sample))).toThrow(/another/);
  });
});

describe('validateCatalogLayer', () => {
  it('accepts a well-formed layer', () => {
    expect(validateCatalogLayer(JSON.parse(JSON.stringify(sample)))).toEqual(sample);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', [], /expected an object/],
    ['a wrong version', { ...sample, version: 2 }, /version is 2/],
    ['no key', { ...sample, key: undefined }, /key must be a string/],
    ['a bad digest', { ...sample, diffId: 'sha256:XYZ' }, /diffId must be/],
    ['entries out of order', layer([sample.entries[3]!, sample.entries[0]!]), /path order/],
    ['a relative path', layer([['f', 'etc/x', 0o644, 0, 0, 0, 0]]), /absolute and normalised/],
    ['an unknown kind', layer([['x' as 'f', '/x', 0o644, 0, 0, 0, 0]]), /kind must be one of/],
    ['a text of the wrong size', layer([['f', '/x', 0o644, 0, 0, 0, 3, 'é']]), /2 bytes of UTF-8 but the size says 3/],
    ['a negative mtime', layer([['d', '/x', 0o755, 0, 0, -1, 0]]), /mtime must be a whole number/],
    ['a link to a missing file', layer([['h', '/x', 0o644, 0, 0, 0, '/y']]), /not a file of this layer/],
    ['a link before its file', layer([['h', '/a', 0o644, 0, 0, 0, '/b'], ['f', '/b', 0o644, 0, 0, 0, 0]]), /must come after its target/],
    ['a whiteout with metadata', layer([['w', '/x', 0o644, 0, 0, 0, 0]]), /whiteout is/],
  ];
  for (const [what, json, message] of bad) {
    it(`rejects ${what}`, () => {
      expect(() => validateCatalogLayer(json, 'layers/x.json')).toThrow(CatalogFormatError);
      expect(() => validateCatalogLayer(json, 'layers/x.json')).toThrow(message);
    });
  }

  it('names the file in its message', () => {
    expect(() => validateCatalogLayer({ ...sample, diffId: 1 }, 'layers/abc.json')).toThrow(/^invalid catalog data \(layers\/abc\.json\): diffId must be a string, got number 1$/);
  });
});

describe('validateCatalogImage', () => {
  const ref = { key: 'test-layer', diffId: DIGEST, tarSize: 2048, blobDigest: DIGEST, blobSize: 100, size: 12 };
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [DIGEST] } });

  it('accepts an image whose config lists its layers', () => {
    const image = { version: CATALOG_VERSION, config, layers: [ref] };
    expect(validateCatalogImage(image)).toEqual(image);
  });

  it('rejects a config whose diff_ids do not match the layers', () => {
    expect(() => validateCatalogImage({ version: CATALOG_VERSION, config, layers: [] })).toThrow(/do not match/);
  });

  it('rejects a config that is not JSON, and layer refs with missing sizes', () => {
    expect(() => validateCatalogImage({ version: CATALOG_VERSION, config: '{', layers: [] })).toThrow(/config is not JSON/);
    expect(() => validateCatalogImage({ version: CATALOG_VERSION, config, layers: [{ ...ref, size: -1 }] })).toThrow(/layers\[0\]\.size/);
  });
});

describe('validateCatalogIndex', () => {
  it('accepts repositories with tags and rejects bad tags', () => {
    const index = { version: CATALOG_VERSION, repositories: { debian: { description: 'Debian', official: true, tags: { latest: 'debian-bookworm' } } } };
    expect(validateCatalogIndex(index)).toEqual(index);
    expect(() => validateCatalogIndex({ ...index, repositories: { debian: { ...index.repositories.debian, tags: { 'bad tag': 'x' } } } })).toThrow(/not a valid tag/);
    expect(() => validateCatalogIndex({ ...index, repositories: { debian: { ...index.repositories.debian, official: 'yes' } } })).toThrow(/official must be/);
  });
});
