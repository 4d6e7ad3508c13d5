/**
 * Debian packages for the catalog: which version of each package (pinned in
 * packages.lock.json so reruns give the same bytes), where its .deb is cached,
 * and what it contains.
 *
 * Only Debian's own tools are used: `apt-cache dumpavail` to read the package
 * index apt already has, `apt-get download` to fetch a .deb, and
 * `dpkg-deb --fsys-tarfile/--ctrl-tarfile` to read one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unpackTar } from 'modern-tar';

const HERE = new URL('.', import.meta.url).pathname;
export const CACHE_DIR = join(HERE, '.cache');
const DEB_DIR = join(CACHE_DIR, 'debs');
const LOCK_FILE = join(HERE, 'packages.lock.json');

/** One stanza of Debian's package index. */
export interface Stanza {
  Package: string;
  Version: string;
  Priority?: string;
  Depends?: string;
  'Pre-Depends'?: string;
  Provides?: string;
  Filename?: string;
  SHA256?: string;
  [field: string]: string | undefined;
}

export interface LockedPackage {
  version: string;
  sha256: string;
}

// ---------------------------------------------------------------- index

let index: Map<string, Stanza[]> | undefined;

/** The package index apt has (run `apt-get update` first), by package name. */
function packageIndex(): Map<string, Stanza[]> {
  if (index) return index;
  const text = execFileSync('apt-cache', ['dumpavail'], { maxBuffer: 1 << 30, encoding: 'utf8' });
  index = new Map();
  for (const block of text.split(/\n\n+/)) {
    const stanza = parseStanza(block);
    if (!stanza.Package || !stanza.Version) continue;
    if (stanza.Architecture !== 'amd64' && stanza.Architecture !== 'all') continue;
    const list = index.get(stanza.Package) ?? [];
    list.push(stanza);
    index.set(stanza.Package, list);
  }
  return index;
}

export function parseStanza(block: string): Stanza {
  const stanza: Record<string, string> = {};
  let last = '';
  for (const line of block.split('\n')) {
    if (line === '') continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last) stanza[last] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    last = line.slice(0, colon);
    stanza[last] = line.slice(colon + 1).trim();
  }
  return stanza as unknown as Stanza;
}

const newestCache = new Map<string, Stanza | undefined>();

/** The newest version apt knows of a package (dpkg's ordering). */
function newest(name: string): Stanza | undefined {
  if (newestCache.has(name)) return newestCache.get(name);
  const candidates = packageIndex().get(name);
  const found = candidates?.reduce((best, next) => (compareVersions(next.Version, best.Version) > 0 ? next : best));
  newestCache.set(name, found);
  return found;
}

function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  try {
    execFileSync('dpkg', ['--compare-versions', a, 'gt', b]);
    return 1;
  } catch {
    return -1;
  }
}

const providersCache = new Map<string, string[]>();

/** Packages that Provide `name` (virtual packages). */
function providers(name: string): string[] {
  const cached = providersCache.get(name);
  if (cached) return cached;
  const found: string[] = [];
  for (const [pkg, stanzas] of packageIndex()) {
    if (stanzas.some((s) => (s.Provides ?? '').split(',').some((p) => p.trim().split(/[\s(]/)[0] === name))) found.push(pkg);
  }
  providersCache.set(name, found.sort());
  return found;
}

/** All packages of a priority, e.g. "required". */
export function packagesOfPriority(priority: string): string[] {
  const names: string[] = [];
  for (const name of packageIndex().keys()) if (newest(name)?.Priority === priority) names.push(name);
  return names.sort();
}

/**
 * The closure of `roots` over Depends and Pre-Depends, choosing for each
 * alternative group the first alternative already chosen, else the first that
 * exists (what debootstrap and apt do for a minimal install).
 */
export function resolveDependencies(roots: readonly string[], prefer: readonly string[] = ['usr-is-merged']): string[] {
  const chosen = new Set<string>();
  const wanted = new Set(roots);
  const queue = [...roots];
  const planned = (name: string) => chosen.has(name) || wanted.has(name);
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (chosen.has(name)) continue;
    const stanza = newest(name);
    if (!stanza) throw new Error(`package ${name} is not in apt's index (run apt-get update)`);
    chosen.add(name);
    const relations = [stanza['Pre-Depends'], stanza.Depends].filter(Boolean).join(',');
    for (const group of relations.split(',').map((g) => g.trim()).filter(Boolean)) {
      const alternatives = group.split('|').map((alt) => alt.trim().split(/[\s(:]/)[0]!);
      const real = alternatives.filter((alt) => newest(alt));
      const candidates = real.length > 0 ? real : alternatives.flatMap((alt) => providers(alt));
      if (candidates.length === 0) throw new Error(`${name}: cannot satisfy "${group}"`);
      if (candidates.some(planned)) continue;
      const pick = candidates.find((c) => prefer.includes(c)) ?? candidates[0]!;
      wanted.add(pick);
      queue.push(pick);
    }
  }
  return [...chosen].sort();
}

// ---------------------------------------------------------------- lock and cache

function readLock(): Record<string, LockedPackage> {
  return existsSync(LOCK_FILE) ? (JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as Record<string, LockedPackage>) : {};
}

let lock: Record<string, LockedPackage> | undefined;
let lockChanged = false;

/** The pinned version of a package; pins the newest apt knows when it is not pinned yet. */
export function locked(name: string): LockedPackage {
  lock ??= readLock();
  let entry = lock[name];
  if (!entry) {
    const stanza = newest(name);
    if (!stanza?.SHA256) throw new Error(`package ${name} is not in apt's index (run apt-get update)`);
    entry = { version: stanza.Version, sha256: stanza.SHA256 };
    lock[name] = entry;
    lockChanged = true;
  }
  return entry;
}

/** Writes packages.lock.json if new packages were pinned during this run. */
export function saveLock(): void {
  if (!lock || !lockChanged) return;
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(LOCK_FILE, `${JSON.stringify(sorted, null, 1)}\n`);
  lockChanged = false;
}

/** The path of the cached .deb of a package at its pinned version, downloading it if needed. */
export function debPath(name: string): string {
  const { version, sha256: expected } = locked(name);
  mkdirSync(DEB_DIR, { recursive: true });
  const prefix = `${name}_`;
  const find = () =>
    readdirSync(DEB_DIR).find((file) => file.startsWith(prefix) && decodeURIComponent(file).slice(prefix.length).startsWith(`${version}_`) && file.endsWith('.deb'));
  let file = find();
  if (!file) {
    execFileSync('apt-get', ['download', '-q', `${name}=${version}`], { cwd: DEB_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
    file = find();
    if (!file) throw new Error(`apt-get download ${name}=${version} did not leave a .deb in ${DEB_DIR}`);
  }
  const path = join(DEB_DIR, file);
  const actual = bytesToHex(sha256(readFileSync(path)));
  if (actual !== expected) throw new Error(`${path}: sha256 ${actual}, but packages.lock.json pins ${expected}`);
  return path;
}

// ---------------------------------------------------------------- contents

export interface DebEntry {
  /** Absolute, normalised path ("/usr/bin/env"). */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'link';
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  size: number;
  /** Symlink target as written, or a hard link's absolute target path. */
  linkname?: string;
  data?: Uint8Array;
}

export interface Deb {
  name: string;
  version: string;
  /** The control file, parsed. */
  control: Stanza;
  controlText: string;
  /** Files of control.tar.* other than "control" (md5sums, conffiles, postinst…). */
  controlFiles: Map<string, Uint8Array>;
  data: DebEntry[];
}

const debs = new Map<string, Deb>();

export async function readDeb(name: string): Promise<Deb> {
  const cached = debs.get(name);
  if (cached) return cached;
  const path = debPath(name);
  const data = await tarEntries(execFileSync('dpkg-deb', ['--fsys-tarfile', path], { maxBuffer: 1 << 30 }));
  const control = await tarEntries(execFileSync('dpkg-deb', ['--ctrl-tarfile', path], { maxBuffer: 1 << 30 }));
  const controlFiles = new Map<string, Uint8Array>();
  let controlText = '';
  for (const entry of control) {
    if (entry.type !== 'file' || !entry.data) continue;
    const base = entry.path.slice(1);
    if (base === 'control') controlText = new TextDecoder().decode(entry.data);
    else controlFiles.set(base, entry.data);
  }
  const deb: Deb = { name, version: locked(name).version, control: parseStanza(controlText), controlText, controlFiles, data };
  debs.set(name, deb);
  return deb;
}

async function tarEntries(tar: Buffer): Promise<DebEntry[]> {
  const entries: DebEntry[] = [];
  for (const { header, data } of await unpackTar(new Uint8Array(tar.buffer, tar.byteOffset, tar.byteLength))) {
    const path = normalise(header.name);
    if (path === '/') continue;
    const type = header.type ?? 'file';
    if (type !== 'file' && type !== 'directory' && type !== 'symlink' && type !== 'link') continue;
    entries.push({
      path,
      type,
      mode: (header.mode ?? 0o644) & 0o7777,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      mtime: Math.floor((header.mtime?.getTime() ?? 0) / 1000),
      size: type === 'file' ? (data?.length ?? 0) : 0,
      ...(type === 'symlink' ? { linkname: header.linkname ?? '' } : {}),
      ...(type === 'link' ? { linkname: normalise(header.linkname ?? '') } : {}),
      ...(type === 'file' ? { data: data ?? new Uint8Array(0) } : {}),
    });
  }
  return entries;
}

function normalise(name: string): string {
  const trimmed = name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '/' : `/${trimmed}`;
}
