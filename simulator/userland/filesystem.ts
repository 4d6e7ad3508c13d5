import type { BufferEncoding, CpOptions, FileContent as ShellFileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from 'just-bash';
import { FilesystemError, type ReadWriteLayer } from '../archive/rw-layer';
import { fileBytes } from '../archive/tar';
import { readTextFile } from '../archive/union';
import { contentSize, isWithin, parentOf, type Metadata, type Node } from '../archive/types';
import type { Clock } from '../session/clock';
import { normalizePath } from '../host/paths';

/** A character device the shell can redirect to: the terminal, /dev/null. */
export interface Device {
  write(bytes: Uint8Array): Promise<void>;
  /** One line typed at the terminal (with its newline), '' at end of input. */
  read(): Promise<Uint8Array>;
}

/** Who creates files: new files and directories belong to them (root in most containers, the learner on the host). */
export interface Owner {
  uid: number;
  gid: number;
}

type ReadFileOptions = Exclude<Parameters<IFileSystem['readFile']>[1], BufferEncoding | undefined>;
/** How close to the real clock's now a time must be to count as "now" (touch without -d). */
const WALL_CLOCK_NOW_MS = 5_000;

type WriteFileOptions = Exclude<Parameters<IFileSystem['writeFile']>[2], BufferEncoding | undefined>;
type DirentEntry = Awaited<ReturnType<NonNullable<IFileSystem['readdirWithFileTypes']>>>[number];

/** /dev/null: swallows what is written, reads as empty. */
const NULL_DEVICE: Device = { write: async () => undefined, read: async () => new Uint8Array() };

const MAX_SYMLINKS = 40;
const UMASK = 0o022;

type Operation = 'open' | 'stat' | 'lstat' | 'scandir' | 'mkdir' | 'rm' | 'cp' | 'mv' | 'chmod' | 'symlink' | 'link' | 'readlink' | 'realpath' | 'utime';

const MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'illegal operation on a directory',
  EEXIST: 'file already exists',
  ENOTEMPTY: 'directory not empty',
  ELOOP: 'too many symbolic links encountered',
  EINVAL: 'invalid argument',
  EBUSY: 'resource busy or locked',
};

/** Node's style of error, which the shell's commands recognise by `code` and print as coreutils do. */
function fsError(code: string, operation: Operation, path: string): Error {
  return Object.assign(new Error(`${code}: ${MESSAGES[code] ?? code}, ${operation} '${path}'`), { code, path });
}

/**
 * The shell's view of a machine's files: the learner's host or a container's
 * writable layer over its image. Every write lands in the ReadWriteLayer, so
 * `docker diff` and `docker commit` see what the shell did. Symlinks are
 * followed as the kernel follows them, and file contents keep their identity
 * when copied (a copied busybox is still busybox).
 */
export class LayerFileSystem implements IFileSystem {
  private readonly devices = new Map<string, Device>();
  /** Commands the shell runs that have no file of their own (bash's builtins); they exist for the lookup only and are never listed. */
  private readonly virtual = new Set<string>();
  /** Files bind-mounted over the layers (a container's /etc/hosts): read and written in place, never part of a layer; shared by every process of the machine. */
  private mounts: Map<string, Extract<Node, { type: 'file' }>> = new Map();

  constructor(
    readonly layer: ReadWriteLayer,
    private readonly clock: Clock,
    public owner: Owner,
  ) {
    this.devices.set('/dev/null', NULL_DEVICE);
  }

  /** Makes `path` a device (it need not exist in the layer, as /dev is a mount in a real container); returns the undo, which puts back the device that was there. */
  attachDevice(path: string, device: Device): () => void {
    const previous = this.devices.get(path);
    this.devices.set(path, device);
    return () => {
      if (previous) this.devices.set(path, previous);
      else this.devices.delete(path);
    };
  }

  /** Bind-mounts a file at `path` (Docker's /etc/hostname, /etc/hosts, /etc/resolv.conf). */
  mountFile(path: string, text: string, mode = 0o644): void {
    this.mounts.set(path, { type: 'file', content: { kind: 'bytes', bytes: new TextEncoder().encode(text) }, mode, uid: 0, gid: 0, mtime: this.clock.now() });
  }

  /** Shares the bind mounts of another view of the same machine (another process of the container). */
  shareMounts(other: LayerFileSystem): void {
    this.mounts = other.mounts;
  }

  /** Lets the interpreter find a command at `path` that is part of the shell itself. */
  addVirtualExecutable(path: string): void {
    this.virtual.add(path);
  }

  // Resolution -----------------------------------------------------------

  resolvePath(base: string, path: string): string {
    return normalizePath(base, path);
  }

  /** The path with every symlink on the way followed (the last one too when `followLast`). */
  private resolve(path: string, operation: Operation, followLast = true): string {
    let remaining = this.resolvePath('/', path).split('/').filter(Boolean);
    let resolved = '/';
    let hops = 0;
    while (remaining.length > 0) {
      const [name, ...rest] = remaining as [string, ...string[]];
      const candidate = resolved === '/' ? `/${name}` : `${resolved}/${name}`;
      const node = this.layer.get(candidate);
      const isLast = rest.length === 0;
      if (node?.type === 'symlink' && (!isLast || followLast)) {
        if (++hops > MAX_SYMLINKS) throw fsError('ELOOP', operation, path);
        const target = node.target.startsWith('/') ? node.target : `${resolved}/${node.target}`;
        remaining = [...this.resolvePath('/', target).split('/').filter(Boolean), ...rest];
        resolved = '/';
        continue;
      }
      if (!isLast && node && node.type !== 'directory') throw fsError('ENOTDIR', operation, path);
      resolved = candidate;
      remaining = rest;
    }
    return resolved;
  }

  /** The node at a resolved path, with hard links read through to the file they name. */
  private nodeAt(resolved: string): Node | undefined {
    const mounted = this.mounts.get(resolved);
    if (mounted) return mounted;
    const node = this.layer.get(resolved);
    return node?.type === 'hardlink' ? this.layer.get(node.target) : node;
  }

  private existing(path: string, operation: Operation, followLast = true): { resolved: string; node: Node } {
    const resolved = this.resolve(path, operation, followLast);
    const node = this.nodeAt(resolved);
    if (!node) throw fsError('ENOENT', operation, path);
    return { resolved, node };
  }

  /** The node of an executable as the kernel finds it (following links), or undefined. */
  lookup(path: string): { resolved: string; node: Node } | undefined {
    return this.entry(path, true);
  }

  /** A text file as a process opens it (links followed, bind mounts seen; not a device), or undefined (readTextFile). */
  readText(path: string): string | undefined {
    return readTextFile({ get: (target) => this.lookup(target)?.node }, path);
  }

  /** What stat (`follow`) or lstat sees at `path`, with ownership and time; undefined when nothing is there. */
  entry(path: string, follow: boolean): { resolved: string; node: Node } | undefined {
    try {
      const resolved = this.resolve(path, 'stat', follow);
      const node = this.nodeAt(resolved);
      return node ? { resolved, node } : undefined;
    } catch {
      return undefined;
    }
  }

  // Reading ---------------------------------------------------------------

  async readFile(path: string, options?: ReadFileOptions | BufferEncoding): Promise<string> {
    const bytes = await this.readFileBuffer(path);
    const encoding = typeof options === 'string' ? options : options?.encoding ?? 'utf8';
    return decode(bytes, encoding);
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    const device = this.devices.get(this.resolvePath('/', path));
    if (device) return device.read();
    const { node } = this.existing(path, 'open');
    if (node.type === 'directory') throw fsError('EISDIR', 'open', path);
    if (node.type !== 'file') throw fsError('ENOENT', 'open', path);
    return fileBytes(node.content);
  }

  async exists(path: string): Promise<boolean> {
    if (this.devices.has(this.resolvePath('/', path)) || this.virtual.has(path)) return true;
    return this.lookup(path) !== undefined;
  }

  async stat(path: string): Promise<FsStat> {
    if (this.devices.has(this.resolvePath('/', path))) return deviceStat(this.clock.now());
    if (this.virtual.has(path) && !this.lookup(path)) return { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o755, size: 0, mtime: new Date(0) };
    return statOf(this.existing(path, 'stat').node);
  }

  async lstat(path: string): Promise<FsStat> {
    if (this.devices.has(this.resolvePath('/', path))) return deviceStat(this.clock.now());
    return statOf(this.existing(path, 'lstat', false).node);
  }

  async readdir(path: string): Promise<string[]> {
    return this.list(path);
  }

  /** The names in a directory, sorted, mounted files included. */
  list(path: string): string[] {
    const { resolved, node } = this.existing(path, 'scandir');
    if (node.type !== 'directory') throw fsError('ENOTDIR', 'scandir', path);
    const names = new Set(this.layer.children(resolved));
    for (const mounted of this.mounts.keys()) if (parentOf(mounted) === resolved) names.add(mounted.slice(mounted.lastIndexOf('/') + 1));
    return [...names].sort();
  }

  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    const { resolved } = this.existing(path, 'scandir');
    const names = await this.readdir(path);
    return names.map((name) => {
      const node = this.nodeAt(resolved === '/' ? `/${name}` : `${resolved}/${name}`);
      return { name, isFile: node?.type === 'file', isDirectory: node?.type === 'directory', isSymbolicLink: node?.type === 'symlink' };
    });
  }

  async readlink(path: string): Promise<string> {
    const { node } = this.existing(path, 'readlink', false);
    if (node.type !== 'symlink') throw fsError('EINVAL', 'readlink', path);
    return node.target;
  }

  async realpath(path: string): Promise<string> {
    return this.existing(path, 'realpath').resolved;
  }

  getAllPaths(): string[] {
    const paths: string[] = [];
    const walk = (directory: string): void => {
      for (const name of this.layer.children(directory)) {
        const child = directory === '/' ? `/${name}` : `${directory}/${name}`;
        paths.push(child);
        if (this.layer.get(child)?.type === 'directory') walk(child);
      }
    };
    walk('/');
    return paths;
  }

  // Writing ---------------------------------------------------------------

  async writeFile(path: string, content: ShellFileContent, options?: WriteFileOptions | BufferEncoding): Promise<void> {
    const bytes = encode(content, typeof options === 'string' ? options : options?.encoding);
    const device = this.devices.get(this.resolvePath('/', path));
    if (device) return device.write(bytes);
    this.writeBytes(path, bytes);
  }

  async appendFile(path: string, content: ShellFileContent, options?: WriteFileOptions | BufferEncoding): Promise<void> {
    const bytes = encode(content, typeof options === 'string' ? options : options?.encoding);
    const device = this.devices.get(this.resolvePath('/', path));
    if (device) return device.write(bytes);
    const current = this.lookup(path);
    if (current?.node.type === 'file') {
      const before = fileBytes(current.node.content);
      const joined = new Uint8Array(before.length + bytes.length);
      joined.set(before);
      joined.set(bytes, before.length);
      this.writeBytes(path, joined);
    } else {
      this.writeBytes(path, bytes);
    }
  }

  private writeBytes(path: string, bytes: Uint8Array): void {
    const resolved = this.resolve(path, 'open');
    const mounted = this.mounts.get(resolved);
    if (mounted) {
      this.mounts.set(resolved, { ...mounted, content: { kind: 'bytes', bytes }, mtime: this.clock.now() });
      return;
    }
    const existing = this.layer.get(resolved);
    if (existing?.type === 'directory') throw fsError('EISDIR', 'open', path);
    // Writing through a hard link changes the file both names share.
    const target = existing?.type === 'hardlink' ? existing.target : resolved;
    const previous = this.nodeAt(target);
    const metadata: Metadata = previous ? { mode: previous.mode, uid: previous.uid, gid: previous.gid, mtime: this.clock.now() } : this.newMetadata(0o666);
    this.guard('open', path, () => this.layer.writeFile(target, { kind: 'bytes', bytes }, metadata));
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const resolved = this.resolve(path, 'mkdir');
    const existing = this.nodeAt(resolved);
    if (existing) {
      if (options?.recursive && existing.type === 'directory') return;
      throw fsError('EEXIST', 'mkdir', path);
    }
    if (options?.recursive && resolved !== '/' && !this.lookup(parentOf(resolved))) await this.mkdir(parentOf(resolved), options);
    this.guard('mkdir', path, () => this.layer.mkdir(resolved, this.newMetadata(0o777)));
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    let resolved: string;
    try {
      resolved = this.resolve(path, 'rm', false);
    } catch (error) {
      if (options?.force) return;
      throw error;
    }
    if (this.mounts.has(resolved)) throw fsError('EBUSY', 'rm', path);
    const node = this.layer.get(resolved);
    if (!node) {
      if (options?.force) return;
      throw fsError('ENOENT', 'rm', path);
    }
    if (node.type === 'directory' && !options?.recursive && this.layer.children(resolved).length > 0) throw fsError('ENOTEMPTY', 'rm', path);
    this.guard('rm', path, () => this.layer.remove(resolved, this.clock.now()));
  }

  async cp(source: string, destination: string, options?: CpOptions): Promise<void> {
    const { resolved: from, node } = this.existing(source, 'cp');
    if (node.type === 'directory' && !options?.recursive) throw fsError('EISDIR', 'cp', source);
    this.copyTree(from, this.resolve(destination, 'cp'), false);
  }

  async mv(source: string, destination: string): Promise<void> {
    const from = this.resolve(source, 'mv', false);
    if (!this.layer.get(from)) throw fsError('ENOENT', 'mv', source);
    const to = this.resolve(destination, 'mv', false);
    if (from === to) return;
    if (isWithin(to, from)) throw fsError('EINVAL', 'mv', destination);
    this.copyTree(from, to, true);
    this.guard('mv', source, () => this.layer.remove(from, this.clock.now()));
  }

  /** Copies a tree; file contents are shared, not duplicated, so they keep their identity. `preserve` keeps metadata as rename does. */
  private copyTree(from: string, to: string, preserve: boolean): void {
    const node = this.nodeAt(from);
    if (!node) throw fsError('ENOENT', 'cp', from);
    const metadata: Metadata = preserve ? { mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime } : { ...this.newMetadata(node.mode | UMASK), mode: node.mode };
    const existing = this.layer.get(to);
    if (existing && (existing.type === 'directory') !== (node.type === 'directory')) throw fsError(existing.type === 'directory' ? 'EISDIR' : 'ENOTDIR', 'cp', to);
    if (node.type === 'directory') {
      if (!existing) this.guard('cp', to, () => this.layer.mkdir(to, metadata));
      for (const name of this.layer.children(from)) this.copyTree(`${from === '/' ? '' : from}/${name}`, `${to === '/' ? '' : to}/${name}`, preserve);
    } else if (node.type === 'symlink') {
      if (existing) this.layer.remove(to, this.clock.now());
      this.guard('cp', to, () => this.layer.symlink(to, node.target, metadata));
    } else if (node.type === 'file') {
      this.guard('cp', to, () => this.layer.writeFile(to, node.content, metadata));
    }
  }

  async chmod(path: string, mode: number): Promise<void> {
    const { resolved, node } = this.existing(path, 'chmod');
    this.replace(resolved, { ...node, mode: mode & 0o7777 });
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    const { resolved, node } = this.existing(path, 'utime');
    // just-bash's touch stamps `new Date()`, the real clock's now; the machine's now is the session clock's.
    const time = Math.abs(mtime.getTime() - Date.now()) < WALL_CLOCK_NOW_MS ? this.clock.now() : mtime.getTime();
    this.replace(resolved, { ...node, mtime: time });
  }

  /** Changes ownership (chown), which the shell's interface has no method for. */
  chown(path: string, uid: number, gid: number): void {
    const { resolved, node } = this.existing(path, 'chmod');
    this.replace(resolved, { ...node, uid, gid });
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    const resolved = this.resolve(linkPath, 'symlink', false);
    if (this.layer.get(resolved)) throw fsError('EEXIST', 'symlink', linkPath);
    this.guard('symlink', linkPath, () => this.layer.symlink(resolved, target, { ...this.newMetadata(0o777), mode: 0o777 }));
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    const { node } = this.existing(existingPath, 'link');
    if (node.type !== 'file') throw fsError('EISDIR', 'link', existingPath);
    const to = this.resolve(newPath, 'link', false);
    if (this.layer.get(to)) throw fsError('EEXIST', 'link', newPath);
    this.guard('link', newPath, () => this.layer.writeFile(to, node.content, node));
  }

  /** Puts a changed node in place of the one at `resolved` (metadata changes copy the file up; a mount changes in place). */
  private replace(resolved: string, node: Node): void {
    if (this.mounts.has(resolved) && node.type === 'file') {
      this.mounts.set(resolved, node);
    } else if (node.type === 'directory') {
      this.layer.setDirectory(resolved, node);
    } else if (node.type === 'file') {
      this.layer.writeFile(resolved, node.content, node);
    } else if (node.type === 'symlink') {
      this.layer.remove(resolved, node.mtime);
      this.layer.symlink(resolved, node.target, node);
    }
  }

  private newMetadata(requestedMode: number): Metadata {
    return { mode: requestedMode & ~UMASK, uid: this.owner.uid, gid: this.owner.gid, mtime: this.clock.now() };
  }

  /** Turns the layer's errors into Node-style ones the shell's commands print. */
  private guard(operation: Operation, path: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      if (error instanceof FilesystemError) throw fsError(error.code, operation, path);
      throw error;
    }
  }
}

function statOf(node: Node): FsStat {
  const size = node.type === 'file' ? contentSize(node.content) : node.type === 'symlink' ? node.target.length : node.type === 'directory' ? 4096 : 0;
  return {
    isFile: node.type === 'file' || node.type === 'hardlink',
    isDirectory: node.type === 'directory',
    isSymbolicLink: node.type === 'symlink',
    mode: node.mode,
    size,
    mtime: new Date(node.mtime),
  };
}

function deviceStat(now: number): FsStat {
  return { isFile: false, isDirectory: false, isSymbolicLink: false, mode: 0o620, size: 0, mtime: new Date(now) };
}

function encode(content: ShellFileContent, encoding: BufferEncoding | undefined): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (encoding === 'binary' || encoding === 'latin1') return Uint8Array.from(content, (char) => char.charCodeAt(0) & 0xff);
  return new TextEncoder().encode(content);
}

function decode(bytes: Uint8Array, encoding: BufferEncoding | null): string {
  if (encoding === 'binary' || encoding === 'latin1') {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return text;
  }
  return new TextDecoder().decode(bytes);
}

