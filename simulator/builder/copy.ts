/**
 * COPY and ADD as BuildKit's file operation performs them (llb.Copy with
 * CopyDirContentsOnly, CreateDestPath, AllowWildcard, AllowEmptyWildcard;
 * AttemptUnpack for ADD): sources are matched in the context or in another
 * stage, a directory's contents are copied rather than the directory, a
 * destination ending in `/` (or an existing directory) receives files under
 * their own names, and ADD unpacks local tar archives.
 */
import { gunzipSync } from 'fflate';
import { FilesystemError, type ReadWriteLayer } from '../archive/rw-layer';
import { tarToChangeset } from '../archive/tar';
import { baseName, parentOf, type FileContent, type Metadata, type Node } from '../archive/types';
import { readTextFile, type FilesystemView } from '../archive/union';
import { digestOf } from '../digest/digest';
import { normalizePath } from '../host/paths';
import { pathMatch, PatternSyntaxError } from '../reference/pathmatch';

/** A source that is not there: BuildKit's `"/missing.txt": not found`. */
export class SourceNotFound extends Error {
  constructor(readonly path: string) {
    super(`"${path}": not found`);
    this.name = 'SourceNotFound';
  }
}

/** A path a COPY source matched, with what is there. */
export interface MatchedSource {
  path: string;
  node: Node;
}

const WILDCARD = /[*?[\\]/;

/** A source as the builder sees it: relative to the source's root, `..` cannot leave it. */
function sourcePath(source: string): string {
  return normalizePath('/', source);
}

/** The node at `path`, following symlinks (a source path is followed, FollowSymlinks). */
function follow(fs: FilesystemView, path: string, depth = 0): { path: string; node: Node } | undefined {
  const node = fs.get(path);
  if (!node) return undefined;
  if (node.type === 'symlink' && depth < 40) return follow(fs, normalizePath(parentOf(path), node.target), depth + 1);
  if (node.type === 'hardlink') {
    const target = fs.get(node.target);
    return target ? { path, node: target } : undefined;
  }
  return { path, node };
}

/** Every path a wildcard source matches, component by component, in lexical order. */
function glob(fs: FilesystemView, pattern: string): string[] {
  let current = ['/'];
  for (const part of pattern.split('/').filter((p) => p !== '')) {
    const next: string[] = [];
    for (const dir of current) {
      if (!WILDCARD.test(part)) {
        const candidate = `${dir === '/' ? '' : dir}/${part}`;
        if (fs.has(candidate)) next.push(candidate);
        continue;
      }
      for (const name of fs.children(dir)) {
        try {
          if (pathMatch(part, name)) next.push(`${dir === '/' ? '' : dir}/${name}`);
        } catch (error) {
          if (!(error instanceof PatternSyntaxError)) throw error;
        }
      }
    }
    current = next;
  }
  return current;
}

/** The paths each source names; a plain source that is missing throws, a wildcard matching nothing gives nothing. */
export function matchSources(fs: FilesystemView, sources: readonly string[]): MatchedSource[] {
  const matched: MatchedSource[] = [];
  for (const source of sources) {
    const path = sourcePath(source);
    const paths = WILDCARD.test(source) ? glob(fs, path) : [path];
    for (const candidate of paths) {
      const found = follow(fs, candidate);
      if (!found) throw new SourceNotFound(path);
      matched.push({ path: candidate, node: found.node });
    }
  }
  return matched;
}

/** Everything below a matched directory (its contents, not itself), parents before children, with paths relative to it. */
function walk(fs: FilesystemView, root: string, visit: (relative: string, node: Node) => void, dir = root): void {
  for (const name of fs.children(dir)) {
    const path = `${dir === '/' ? '' : dir}/${name}`;
    const node = fs.get(path);
    if (!node) continue;
    const resolved = node.type === 'hardlink' ? fs.get(node.target) ?? node : node;
    visit(root === '/' ? path : path.slice(root.length), resolved);
    if (node.type === 'directory') walk(fs, root, visit, path);
  }
}

function contentDigest(content: FileContent): string {
  return content.kind === 'generated' ? `generated:${content.seed}:${content.size}` : digestOf(content.bytes);
}

/**
 * The cache checksum of what a COPY takes from its source: names, types,
 * permissions and contents — not modification times, which is why touching
 * a file does not invalidate the cache, and changing one byte does.
 */
export function sourceChecksum(fs: FilesystemView, matched: readonly MatchedSource[]): string {
  return digestOf(sourceFingerprints(fs, matched).join('\n'));
}

/** What the checksum is made of: one `path\0type\0mode\0content` line per copied path, so a cache miss can name the files that changed. */
export function sourceFingerprints(fs: FilesystemView, matched: readonly MatchedSource[]): string[] {
  const lines: string[] = [];
  const describe = (path: string, node: Node): string => {
    const what = node.type === 'file' ? contentDigest(node.content) : node.type === 'symlink' ? node.target : node.type;
    return `${path}\0${node.type}\0${node.mode.toString(8)}\0${what}`;
  };
  for (const { path, node } of matched) {
    lines.push(describe(path, node));
    if (node.type === 'directory') walk(fs, path, (relative, child) => lines.push(describe(`${path}${relative}`, child)));
  }
  return lines;
}

export interface CopyOptions {
  /** The destination as written (expanded), relative to `workdir` unless absolute. */
  dest: string;
  workdir: string;
  /** Owner of everything copied: root unless --chown. */
  owner: { uid: number; gid: number };
  /** --chmod: the permission bits of everything copied. */
  mode?: number;
  /** ADD: local tar archives (plain or gzip) are unpacked into the destination. */
  unpack: boolean;
  /** For directories the copy creates. */
  now: number;
}

/** The destination path: a trailing `/` (or `.`) means "into this directory". */
function destination(options: CopyOptions): { path: string; isDirectory: boolean } {
  const raw = options.dest === '.' || options.dest === '' ? './' : options.dest;
  const path = normalizePath(options.workdir || '/', raw);
  return { path, isDirectory: raw.endsWith('/') || raw.endsWith('/.') };
}

/** mkdir -p: every missing directory of `path` made with `metadata`; something else in the way is replaced. */
export function makeDirectories(layer: ReadWriteLayer, path: string, metadata: Metadata): void {
  if (path === '/') return;
  const existing = layer.get(path);
  if (existing?.type === 'directory') return;
  makeDirectories(layer, parentOf(path), metadata);
  if (existing) layer.remove(path, metadata.mtime);
  layer.mkdir(path, metadata);
}

function mkdirAll(layer: ReadWriteLayer, path: string, options: CopyOptions): void {
  makeDirectories(layer, path, { mode: 0o755, uid: options.owner.uid, gid: options.owner.gid, mtime: options.now });
}

/** Puts one node at `path`, replacing what is there unless both are directories (then only metadata changes). */
function place(layer: ReadWriteLayer, path: string, node: Node, options: CopyOptions): void {
  const metadata = { mode: options.mode ?? node.mode, uid: options.owner.uid, gid: options.owner.gid, mtime: node.mtime };
  mkdirAll(layer, parentOf(path), options);
  const existing = layer.get(path);
  if (node.type === 'directory') {
    if (existing?.type === 'directory') layer.setDirectory(path, { ...existing, ...metadata });
    else {
      if (existing) layer.remove(path, options.now);
      layer.mkdir(path, metadata);
    }
    return;
  }
  if (existing) layer.remove(path, options.now);
  if (node.type === 'symlink') layer.symlink(path, node.target, metadata);
  else if (node.type === 'file') layer.writeFile(path, node.content, metadata);
}

/** A gzip or plain tar archive's entries, or undefined when the file is not one (ADD copies it as it is). */
async function archiveEntries(content: FileContent): Promise<Map<string, Node> | undefined> {
  if (content.kind !== 'bytes') return undefined;
  let bytes = content.bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return undefined;
    }
  }
  const magic = new TextDecoder().decode(bytes.subarray(257, 262));
  if (magic !== 'ustar') return undefined;
  try {
    const changes = await tarToChangeset(bytes);
    const nodes = new Map<string, Node>();
    for (const [path, change] of changes) if (change.type !== 'whiteout') nodes.set(path, change);
    return nodes;
  } catch {
    return undefined;
  }
}

/** More than one source needs a directory to go into (docker's own check). */
export const MULTIPLE_SOURCES_ERROR = 'When using COPY with more than one source file, the destination must be a directory and end with a /';

/** Copies the matched sources into the layer; returns nothing, throws FilesystemError on a clash it cannot resolve. */
export async function copyInto(layer: ReadWriteLayer, fs: FilesystemView, matched: readonly MatchedSource[], options: CopyOptions): Promise<void> {
  const dest = destination(options);
  const existing = layer.get(dest.path);
  const intoDirectory = dest.isDirectory || existing?.type === 'directory' || matched.length > 1;
  for (const { path, node } of matched) {
    if (node.type === 'directory') {
      mkdirAll(layer, dest.path, options);
      walk(fs, path, (relative, child) => place(layer, `${dest.path === '/' ? '' : dest.path}${relative}`, child, options));
      continue;
    }
    const entries = options.unpack && node.type === 'file' ? await archiveEntries(node.content) : undefined;
    if (entries) {
      mkdirAll(layer, dest.path, options);
      for (const [entry, child] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
        // Unpacked files keep the archive's owners and modes (--chown/--chmod do not apply to them).
        place(layer, `${dest.path === '/' ? '' : dest.path}${entry}`, child, { ...options, owner: { uid: child.uid, gid: child.gid } });
      }
      continue;
    }
    const target = intoDirectory ? `${dest.path === '/' ? '' : dest.path}/${baseName(path)}` : dest.path;
    if (intoDirectory) mkdirAll(layer, dest.path, options);
    place(layer, target, node, options);
  }
}


/**
 * --chown=user[:group]: names are looked up in the destination's /etc/passwd
 * and /etc/group, numbers taken as they are; an unknown name is an error.
 */
export function resolveChown(fs: FilesystemView, chown: string): { uid: number; gid: number } {
  const [user = '', group] = chown.split(':');
  const passwd = readTextFile(fs, '/etc/passwd');
  const account = /^\d+$/.test(user) ? undefined : (passwd ?? '').split('\n').map((line) => line.split(':')).find((fields) => fields[0] === user);
  if (!/^\d+$/.test(user) && !account) throw new FilesystemError('ENOENT', `user ${user}`);
  const uid = account ? Number(account[2]) : Number(user);
  let gid = account ? Number(account[3]) : uid;
  if (group !== undefined && group !== '') {
    if (/^\d+$/.test(group)) gid = Number(group);
    else {
      const entry = (readTextFile(fs, '/etc/group') ?? '').split('\n').map((line) => line.split(':')).find((fields) => fields[0] === group);
      if (!entry) throw new FilesystemError('ENOENT', `group ${group}`);
      gid = Number(entry[2]);
    }
  }
  return { uid, gid };
}
