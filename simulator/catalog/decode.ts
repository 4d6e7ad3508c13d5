import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Change, Changeset, Metadata } from '../archive/types';
import { isDigest, type Digest } from '../digest/digest';
import { CATALOG_VERSION, type CatalogEntry, type CatalogImage, type CatalogIndex, type CatalogLayer, type CatalogLayerRef } from './format';

/**
 * Catalog files → the engine's model, and runtime checks of what was fetched.
 * The catalog is static JSON served next to the page, so nothing about its
 * shape can be taken on trust: every reader goes through a validate* function,
 * which names the file and the field that is wrong.
 */

/** The seed of a generated file's bytes: the layer's stable key and the file's path. */
export function generatedSeed(layerKey: string, path: string): string {
  return `${layerKey}:${path}`;
}

/** A layer's entries as the engine's changeset (mtime seconds → milliseconds). */
export function layerChangeset(layer: CatalogLayer): Changeset {
  const changes = new Map<string, Change>();
  for (const entry of layer.entries) changes.set(entry[1], entryChange(layer.key, entry));
  return changes;
}

function entryChange(layerKey: string, entry: CatalogEntry): Change {
  const [kind, path, mode, uid, gid, mtime, detail, text] = entry;
  const metadata: Metadata = { mode, uid, gid, mtime: mtime * 1000 };
  switch (kind) {
    case 'd':
      return text === 'opaque' ? { type: 'directory', opaque: true, ...metadata } : { type: 'directory', ...metadata };
    case 'f':
      return {
        type: 'file',
        content: text === undefined ? { kind: 'generated', size: Number(detail), seed: generatedSeed(layerKey, path) } : { kind: 'bytes', bytes: utf8ToBytes(text) },
        ...metadata,
      };
    case 'l':
      return { type: 'symlink', target: String(detail), ...metadata };
    case 'h':
      return { type: 'hardlink', target: String(detail), ...metadata };
    case 'w':
      return { type: 'whiteout' };
  }
}

/**
 * The inverse of layerChangeset, for files whose bytes are text (UTF-8) or
 * were generated from this layer's key. Bytes that are neither cannot be
 * written in the catalog format, so they are refused.
 */
export function changesetEntries(layerKey: string, changeset: Changeset): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const [path, change] of [...changeset].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (path === '/') continue;
    if (change.type === 'whiteout') {
      entries.push(['w', path, 0, 0, 0, 0, 0]);
      continue;
    }
    const head = [path, change.mode, change.uid, change.gid, Math.floor(change.mtime / 1000)] as const;
    switch (change.type) {
      case 'directory':
        entries.push(change.opaque ? ['d', ...head, 0, 'opaque'] : ['d', ...head, 0]);
        break;
      case 'symlink':
        entries.push(['l', ...head, change.target]);
        break;
      case 'hardlink':
        entries.push(['h', ...head, change.target]);
        break;
      case 'file': {
        const content = change.content;
        if (content.kind === 'generated') {
          if (content.seed !== generatedSeed(layerKey, path)) throw new Error(`${path}: generated content seeded "${content.seed}" cannot be written in layer "${layerKey}"`);
          entries.push(['f', ...head, content.size]);
        } else {
          const text = new TextDecoder('utf-8', { fatal: true }).decode(content.bytes);
          entries.push(['f', ...head, content.bytes.length, text]);
        }
        break;
      }
    }
  }
  return entries;
}

/** A catalog file that does not have the shape the engine reads. */
export class CatalogFormatError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`invalid catalog data (${where}): ${problem}`);
    this.name = 'CatalogFormatError';
  }
}

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fail(where: string, problem: string): never {
  throw new CatalogFormatError(where, problem);
}

function checkVersion(json: Json, where: string): void {
  if (json.version !== CATALOG_VERSION) fail(where, `version is ${JSON.stringify(json.version)}, expected ${CATALOG_VERSION}`);
}

export function checkString(value: unknown, where: string, field: string): string {
  if (typeof value !== 'string') fail(where, `${field} must be a string, got ${describe(value)}`);
  return value;
}

function checkDigest(value: unknown, where: string, field: string): Digest {
  const text = checkString(value, where, field);
  if (!isDigest(text)) fail(where, `${field} must be "sha256:" and 64 lowercase hex digits, got ${JSON.stringify(text)}`);
  return text;
}

export function checkCount(value: unknown, where: string, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(where, `${field} must be a whole number ≥ 0, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

const KINDS = new Set(['d', 'f', 'l', 'h', 'w']);

function checkEntry(value: unknown, where: string, index: number, previous: string | undefined): CatalogEntry {
  const at = `entries[${index}]`;
  if (!Array.isArray(value) || value.length < 7 || value.length > 8) fail(where, `${at} must be [kind, path, mode, uid, gid, mtime, detail, text?]`);
  const [kind, path, mode, uid, gid, mtime, detail, text] = value as unknown[];
  if (typeof kind !== 'string' || !KINDS.has(kind)) fail(where, `${at}: kind must be one of d, f, l, h, w, got ${describe(kind)}`);
  const p = checkString(path, where, `${at} path`);
  if (!p.startsWith('/') || p === '/' || p.endsWith('/') || p.includes('//') || p.split('/').some((part) => part === '.' || part === '..')) {
    fail(where, `${at}: path must be absolute and normalised, got ${JSON.stringify(p)}`);
  }
  if (previous !== undefined && !(previous < p)) fail(where, `${at}: entries must be in path order without repeats (${JSON.stringify(p)} after ${JSON.stringify(previous)})`);
  for (const [name, number] of [['mode', mode], ['uid', uid], ['gid', gid], ['mtime', mtime]] as const) checkCount(number, where, `${at} ${name}`);
  if ((mode as number) > 0o7777) fail(where, `${at}: mode ${(mode as number).toString(8)} has bits beyond the permission bits`);
  switch (kind) {
    case 'd':
      if (detail !== 0) fail(where, `${at}: a directory's detail must be 0`);
      if (text !== undefined && text !== 'opaque') fail(where, `${at}: a directory's 8th element can only be "opaque"`);
      break;
    case 'f': {
      const size = checkCount(detail, where, `${at} size`);
      if (text !== undefined) {
        const t = checkString(text, where, `${at} text`);
        const length = utf8ToBytes(t).length;
        if (length !== size) fail(where, `${at}: text is ${length} bytes of UTF-8 but the size says ${size}`);
      }
      break;
    }
    case 'l':
      if (checkString(detail, where, `${at} target`) === '') fail(where, `${at}: a symlink needs a target`);
      if (text !== undefined) fail(where, `${at}: a symlink has no 8th element`);
      break;
    case 'h': {
      const target = checkString(detail, where, `${at} target`);
      if (!target.startsWith('/')) fail(where, `${at}: a hard link's target must be an absolute path, got ${JSON.stringify(target)}`);
      if (text !== undefined) fail(where, `${at}: a hard link has no 8th element`);
      break;
    }
    case 'w':
      if (mode !== 0 || uid !== 0 || gid !== 0 || mtime !== 0 || detail !== 0 || text !== undefined) fail(where, `${at}: a whiteout is ['w', path, 0, 0, 0, 0, 0]`);
      break;
  }
  return value as CatalogEntry;
}

/** Checks a parsed public/catalog/layers/<hex>.json; `where` names it in errors. */
export function validateCatalogLayer(json: unknown, where = 'layer'): CatalogLayer {
  if (!isObject(json)) fail(where, `expected an object, got ${describe(json)}`);
  checkVersion(json, where);
  const key = checkString(json.key, where, 'key');
  if (key === '') fail(where, 'key must not be empty');
  checkDigest(json.diffId, where, 'diffId');
  validateEntries(json.entries, where);
  return json as unknown as CatalogLayer;
}

/** Checks a list of catalog entries (a layer's, a package's): their shape, path order, and hard links to files listed before them. */
export function validateEntries(value: unknown, where: string, field = 'entries'): CatalogEntry[] {
  if (!Array.isArray(value)) fail(where, `${field} must be an array, got ${describe(value)}`);
  let previous: string | undefined;
  const files = new Set<string>();
  value.forEach((entry, index) => {
    const checked = checkEntry(entry, where, index, previous);
    previous = checked[1];
    if (checked[0] === 'f') files.add(checked[1]);
  });
  for (const [index, entry] of (value as CatalogEntry[]).entries()) {
    if (entry[0] !== 'h') continue;
    const target = String(entry[6]);
    if (!files.has(target)) fail(where, `entries[${index}]: hard link ${entry[1]} points at ${target}, which is not a file of this layer`);
    // The tar is written in path order and a link must follow the file it names.
    if (!(target < entry[1])) fail(where, `entries[${index}]: hard link ${entry[1]} must come after its target ${target} in path order`);
  }
  return value as CatalogEntry[];
}

function checkLayerRef(value: unknown, where: string, index: number): CatalogLayerRef {
  const at = `layers[${index}]`;
  if (!isObject(value)) fail(where, `${at} must be an object, got ${describe(value)}`);
  checkString(value.key, where, `${at}.key`);
  checkDigest(value.diffId, where, `${at}.diffId`);
  checkDigest(value.blobDigest, where, `${at}.blobDigest`);
  for (const field of ['tarSize', 'blobSize', 'size'] as const) checkCount(value[field], where, `${at}.${field}`);
  return value as unknown as CatalogLayerRef;
}

/** Checks a parsed public/catalog/images/<key>.json, including that the config lists exactly its layers. */
export function validateCatalogImage(json: unknown, where = 'image'): CatalogImage {
  if (!isObject(json)) fail(where, `expected an object, got ${describe(json)}`);
  checkVersion(json, where);
  const config = checkString(json.config, where, 'config');
  if (!Array.isArray(json.layers)) fail(where, `layers must be an array, got ${describe(json.layers)}`);
  const layers = json.layers.map((layer, index) => checkLayerRef(layer, where, index));
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch (error) {
    fail(where, `config is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) fail(where, 'config must be a JSON object');
  for (const field of ['architecture', 'os'] as const) checkString(parsed[field], where, `config.${field}`);
  const rootfs = parsed.rootfs;
  if (!isObject(rootfs) || rootfs.type !== 'layers' || !Array.isArray(rootfs.diff_ids)) fail(where, 'config.rootfs must be {"type":"layers","diff_ids":[…]}');
  const diffIds = rootfs.diff_ids as unknown[];
  const listed = layers.map((layer) => layer.diffId);
  if (diffIds.length !== listed.length || diffIds.some((diffId, index) => diffId !== listed[index])) {
    fail(where, `config.rootfs.diff_ids (${diffIds.length}) do not match the layers listed (${listed.length})`);
  }
  return json as unknown as CatalogImage;
}

/** Checks a parsed public/catalog/index.json. */
export function validateCatalogIndex(json: unknown, where = 'index.json'): CatalogIndex {
  if (!isObject(json)) fail(where, `expected an object, got ${describe(json)}`);
  checkVersion(json, where);
  if (!isObject(json.repositories)) fail(where, `repositories must be an object, got ${describe(json.repositories)}`);
  for (const [name, repository] of Object.entries(json.repositories)) {
    const at = `repositories[${JSON.stringify(name)}]`;
    if (!isObject(repository)) fail(where, `${at} must be an object`);
    checkString(repository.description, where, `${at}.description`);
    if (typeof repository.official !== 'boolean') fail(where, `${at}.official must be true or false`);
    if (!isObject(repository.tags) || Object.keys(repository.tags).length === 0) fail(where, `${at}.tags must map at least one tag to an image key`);
    for (const [tag, key] of Object.entries(repository.tags)) {
      if (!/^[\w][\w.-]{0,127}$/.test(tag)) fail(where, `${at}: ${JSON.stringify(tag)} is not a valid tag`);
      if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(key)) fail(where, `${at}.tags[${JSON.stringify(tag)}] must be an image key, got ${describe(key)}`);
    }
  }
  return json as unknown as CatalogIndex;
}
