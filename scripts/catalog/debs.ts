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

/** A relation field (Depends, Recommends…) as alternative groups of package names, version constraints and `:any` dropped. */
export function relationGroups(field: string | undefined): string[][] {
  return (field ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean)
    .map((group) => group.split('|').map((alt) => alt.trim().split(/[\s(:]/)[0]!));
}

export interface InstallOptions {
  /** Follow Recommends too, as apt-get install does unless told --no-install-recommends. */
  recommends?: boolean;
  /** Names the system already has: its packages and what they Provide. */
  installed?: ReadonlySet<string>;
  /** Among several providers of a virtual package, these win (else the first by name). */
  prefer?: readonly string[];
}

/**
 * What `apt-get install <roots>` newly installs on a system that has
 * `installed`, with the relations of each package's pinned version: depth
 * first over Pre-Depends, Depends and Recommends (in that order), a group
 * that something installed or planned satisfies is skipped, else its first
 * alternative that exists is taken (a virtual one through its provider). A
 * Recommends nothing can satisfy is left out, as apt does. The engine's apt
 * (simulator/packages/resolve.ts) resolves the same way, so a mirror made of
 * these closures has everything it will ask for.
 */
export function resolveInstall(roots: readonly string[], options: InstallOptions = {}): string[] {
  const prefer = options.prefer ?? ['usr-is-merged'];
  const installed = options.installed ?? new Set<string>();
  const planned = new Set<string>();
  const provided = new Set<string>();
  const satisfied = (name: string) => installed.has(name) || provided.has(name) || planned.has(name);
  const pick = (name: string): string | undefined => {
    if (listedNewest(name)) return name;
    const found = listedProviders(name);
    return found.find((candidate) => prefer.includes(candidate)) ?? found[0];
  };
  const visit = (name: string): void => {
    if (planned.has(name) || installed.has(name)) return;
    planned.add(name);
    const stanza = lockedStanza(name);
    const required = relationGroups([stanza['Pre-Depends'], stanza.Depends].filter(Boolean).join(','));
    const recommended = options.recommends ? relationGroups(stanza.Recommends) : [];
    for (const [index, group] of [...required, ...recommended].entries()) {
      if (group.some(satisfied)) continue;
      const chosen = group.map(pick).find((found) => found !== undefined);
      if (chosen === undefined) {
        if (index < required.length) throw new Error(`${name}: cannot satisfy "${group.join(' | ')}"`);
        continue;
      }
      visit(chosen);
    }
    for (const [virtual] of relationGroups(stanza.Provides)) provided.add(virtual!);
  };
  for (const root of roots) {
    const chosen = pick(root);
    if (chosen === undefined) throw new Error(`package ${root} is not in apt's lists (run apt-get update)`);
    visit(chosen);
  }
  return [...planned].sort();
}

// ---------------------------------------------------------------- apt's lists

/** One Packages file apt downloaded (`apt-get indextargets`), in the order of the sources. */
export interface AptList {
  /** What apt-get update prints for it: `http://deb.debian.org/debian bookworm/main amd64 Packages`. */
  description: string;
  /** `bookworm/main`, `bookworm-security/main`. */
  origin: string;
  /** The file in /var/lib/apt/lists. */
  path: string;
  /** The list's stanzas by package name. */
  packages: Map<string, Stanza[]>;
}

let lists: AptList[] | undefined;

/** The Packages lists apt has, read with apt's own tools (apt-helper undoes the .lz4 it keeps them in). */
export function aptLists(): AptList[] {
  if (lists) return lists;
  const format = '$(FILENAME)\t$(DESCRIPTION)\t$(CREATED_BY)\t$(ARCHITECTURE)';
  const targets = execFileSync('apt-get', ['indextargets', '--format', format], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([path, , kind, arch]) => path && kind === 'Packages' && arch === 'amd64');
  lists = targets.map(([path, description]) => {
    const text = execFileSync('/usr/lib/apt/apt-helper', ['cat-file', path!], { maxBuffer: 1 << 30, encoding: 'utf8' });
    const packages = new Map<string, Stanza[]>();
    for (const block of text.split(/\n\n+/)) {
      const stanza = parseStanza(block);
      if (!stanza.Package) continue;
      packages.set(stanza.Package, [...(packages.get(stanza.Package) ?? []), stanza]);
    }
    const origin = description!.split(' ')[1]!;
    return { description: description!, origin, path: path!, packages };
  });
  return lists;
}

/**
 * A package's stanza at its pinned version, from the first list that has
 * that version (apt fetches a version from the first source that has it),
 * and that list's origin.
 */
export function listedStanza(name: string): { stanza: Stanza; origin: string } {
  const { version } = locked(name);
  for (const list of aptLists()) {
    const stanza = list.packages.get(name)?.find((s) => s.Version === version);
    if (stanza) return { stanza, origin: list.origin };
  }
  throw new Error(`${name} ${version} (pinned) is in none of apt's lists: run apt-get update, or unpin it`);
}

const listedNewestCache = new Map<string, Stanza | undefined>();

/**
 * The newest version of a package in apt's lists: unlike `apt-cache
 * dumpavail`, never a version only this machine has installed (from a
 * third-party repository or by hand).
 */
export function listedNewest(name: string): Stanza | undefined {
  if (listedNewestCache.has(name)) return listedNewestCache.get(name);
  const candidates = aptLists().flatMap((list) => list.packages.get(name) ?? []);
  const found = candidates.length === 0 ? undefined : candidates.reduce((best, next) => (compareVersions(next.Version, best.Version) > 0 ? next : best));
  listedNewestCache.set(name, found);
  return found;
}

let listedProvidersMap: Map<string, string[]> | undefined;

/** Packages of apt's lists that Provide `name`, sorted. */
function listedProviders(name: string): string[] {
  if (!listedProvidersMap) {
    const map = new Map<string, Set<string>>();
    for (const list of aptLists()) {
      for (const [pkg, stanzas] of list.packages) {
        for (const stanza of stanzas) for (const [provided] of relationGroups(stanza.Provides)) map.set(provided!, (map.get(provided!) ?? new Set()).add(pkg));
      }
    }
    listedProvidersMap = new Map([...map].map(([virtual, pkgs]) => [virtual, [...pkgs].sort()]));
  }
  return listedProvidersMap.get(name) ?? [];
}

/** The index stanza of a package's pinned version (pinning the newest when it is not pinned yet). */
export function lockedStanza(name: string): Stanza {
  return listedStanza(name).stanza;
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
    // The newest in Debian's lists, not dumpavail's candidate (which may be a version installed here from elsewhere).
    const stanza = listedNewest(name);
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
