import { checkCount, checkString, fail, isObject, validateEntries } from '../catalog/decode';
import { PACKAGES_VERSION, type MirrorIndex, type PackageContents, type PackageInfo } from './format';

/** Reads a file below the catalog root: fetch in the browser, the filesystem in Node (the same loader as the image catalog's). */
export type MirrorLoader = (path: string) => Promise<unknown>;

/** The mirror could not be reached or has no such archive: the package manager reports a failed fetch. */
export class MirrorUnavailable extends Error {
  constructor(readonly mirror: string) {
    super(`package mirror ${mirror} is not available`);
    this.name = 'MirrorUnavailable';
  }
}

/**
 * The package archives containers download from (simulator/packages/format.ts),
 * fetched file by file when a package manager asks. Nothing is fetched before.
 */
export class PackageMirrors {
  private readonly indexes = new Map<string, Promise<MirrorIndex>>();

  constructor(private readonly load: MirrorLoader) {}

  /** A mirror's index; MirrorUnavailable when there is none by that name. */
  index(mirror: string): Promise<MirrorIndex> {
    let index = this.indexes.get(mirror);
    if (!index) {
      const where = `packages/${mirror}/index.json`;
      index = this.load(where).then(
        (json) => validateMirrorIndex(json, where),
        () => {
          throw new MirrorUnavailable(mirror);
        },
      );
      // A failed fetch is not remembered: the next try fetches again.
      index.catch(() => this.indexes.delete(mirror));
      this.indexes.set(mirror, index);
    }
    return index;
  }

  /** What a package installs; MirrorUnavailable when its file cannot be fetched. */
  async contents(mirror: string, info: PackageInfo): Promise<PackageContents> {
    const where = `packages/${mirror}/${info.contents}.json`;
    let json: unknown;
    try {
      json = await this.load(where);
    } catch {
      throw new MirrorUnavailable(mirror);
    }
    return validatePackageContents(json, where);
  }
}

const CONTENTS_NAME = /^(\.\.\/[a-z0-9.-]+\/)?[A-Za-z0-9.+_-]+$/;

function checkGroups(value: unknown, where: string, field: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((group) => !Array.isArray(group) || group.length === 0 || group.some((name) => typeof name !== 'string' || name === ''))) {
    fail(where, `${field} must be a list of non-empty lists of package names`);
  }
}

function checkPackageInfo(name: string, value: unknown, where: string): void {
  const at = `packages[${JSON.stringify(name)}]`;
  if (!isObject(value)) fail(where, `${at} must be an object`);
  for (const field of ['version', 'architecture', 'summary', 'origin', 'contents'] as const) checkString(value[field], where, `${at}.${field}`);
  for (const field of ['size', 'installedSize'] as const) checkCount(value[field], where, `${at}.${field}`);
  checkGroups(value.depends, where, `${at}.depends`);
  if (value.depends === undefined) fail(where, `${at}.depends must be a list`);
  checkGroups(value.recommends, where, `${at}.recommends`);
  checkGroups(value.suggests, where, `${at}.suggests`);
  if (!CONTENTS_NAME.test(String(value.contents))) fail(where, `${at}.contents must name a file of this mirror or a sibling's, got ${JSON.stringify(value.contents)}`);
}

export function validateMirrorIndex(json: unknown, where: string): MirrorIndex {
  if (!isObject(json)) fail(where, 'expected an object');
  if (json.version !== PACKAGES_VERSION) fail(where, `version is ${JSON.stringify(json.version)}, expected ${PACKAGES_VERSION}`);
  if (json.format !== 'apk' && json.format !== 'deb') fail(where, 'format must be "apk" or "deb"');
  if (!Array.isArray(json.indexFiles) || json.indexFiles.length === 0) fail(where, 'indexFiles must list what an update downloads');
  json.indexFiles.forEach((file, index) => {
    if (!isObject(file)) fail(where, `indexFiles[${index}] must be an object`);
    checkString(file.name, where, `indexFiles[${index}].name`);
    checkString(file.path, where, `indexFiles[${index}].path`);
    checkCount(file.size, where, `indexFiles[${index}].size`);
    checkCount(file.storedSize, where, `indexFiles[${index}].storedSize`);
  });
  if (!isObject(json.packages)) fail(where, 'packages must be an object');
  for (const [name, info] of Object.entries(json.packages)) checkPackageInfo(name, info, where);
  return json as unknown as MirrorIndex;
}

export function validatePackageContents(json: unknown, where: string): PackageContents {
  if (!isObject(json)) fail(where, 'expected an object');
  if (json.version !== PACKAGES_VERSION) fail(where, `version is ${JSON.stringify(json.version)}, expected ${PACKAGES_VERSION}`);
  if (checkString(json.key, where, 'key') === '') fail(where, 'key must not be empty');
  checkString(json.record, where, 'record');
  validateEntries(json.entries, where);
  if (json.configured !== undefined) validateEntries(json.configured, where, 'configured');
  for (const field of ['messages', 'activates'] as const) {
    const list = json[field];
    if (list !== undefined && (!Array.isArray(list) || list.some((line) => typeof line !== 'string'))) fail(where, `${field} must be a list of strings`);
  }
  if (json.info !== undefined && (!isObject(json.info) || Object.values(json.info).some((text) => typeof text !== 'string'))) fail(where, 'info must map control file names to their text');
  return json as unknown as PackageContents;
}
