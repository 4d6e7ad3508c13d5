/**
 * The build context: the directory `docker build` is given, as the builder
 * receives it — rooted at `/`, without what `.dockerignore` leaves out —
 * and the Dockerfile, read from the context or from `-f`.
 */
import { fileBytes } from '../archive/tar';
import { contentSize, type Node } from '../archive/types';
import { UnionView, type FilesystemView } from '../archive/union';
import { normalizePath } from '../host/paths';
import { IgnoreMatcher } from './dockerignore';

/** Why a context could not be prepared (docker/cli's `unable to prepare context: …`). */
export class ContextError extends Error {
  override readonly name = 'ContextError';
}

export class BuildContext implements FilesystemView {
  private constructor(
    private readonly host: FilesystemView,
    /** The context directory on the learner's machine. */
    readonly root: string,
    readonly ignore: IgnoreMatcher,
    /** The `.dockerignore` file's size, as BuildKit reports the transfer. */
    readonly ignoreFileSize: number | undefined,
  ) {}

  /** The context at `dir` (absolute) on the learner's machine; throws a ContextError when it is not a directory. */
  static open(host: FilesystemView, dir: string): BuildContext {
    const node = host.get(dir);
    if (!node) throw new ContextError(`path "${dir}" not found`);
    if (node.type !== 'directory') throw new ContextError(`path "${dir}" is not a directory`);
    const ignoreNode = host.get(`${dir === '/' ? '' : dir}/.dockerignore`);
    const ignoreText = ignoreNode?.type === 'file' ? new TextDecoder().decode(fileBytes(ignoreNode.content)) : '';
    return new BuildContext(host, dir, new IgnoreMatcher(ignoreText), ignoreNode?.type === 'file' ? contentSize(ignoreNode.content) : undefined);
  }

  /** No context at all: `docker build -` with the Dockerfile on standard input. */
  static empty(): BuildContext {
    return new BuildContext(new UnionView([]), '/', new IgnoreMatcher(''), undefined);
  }

  /** The host path of a context path (`/app.js` → `/home/learner/app/app.js`). */
  hostPath(path: string): string {
    return normalizePath(this.root, `.${path}`);
  }

  private visible(path: string): boolean {
    return path === '/' || !this.ignore.ignores(path.slice(1));
  }

  get(path: string): Node | undefined {
    return this.visible(path) ? this.host.get(this.hostPath(path)) : undefined;
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  children(path: string): string[] {
    if (!this.visible(path)) return [];
    const prefix = path === '/' ? '' : path;
    return this.host.children(this.hostPath(path)).filter((name) => this.visible(`${prefix}/${name}`));
  }

  /** Every entry under `paths` the builder would transfer, each once. */
  private walk(paths: readonly string[], visit: (node: Node) => void): void {
    const seen = new Set<string>();
    const step = (path: string): void => {
      if (seen.has(path)) return;
      seen.add(path);
      const node = this.get(path);
      if (!node) return;
      visit(node);
      if (node.type === 'directory') for (const name of this.children(path)) step(`${path === '/' ? '' : path}/${name}`);
    };
    for (const path of paths) step(path);
  }

  /** Bytes of the regular files under `paths` that the builder would transfer (each counted once). */
  transferSize(paths: readonly string[]): number {
    let size = 0;
    this.walk(paths, (node) => {
      if (node.type === 'file') size += contentSize(node.content);
    });
    return size;
  }

  /** The tar the classic CLI sends for the whole context: a 512-byte header per entry, file data in 512-byte blocks, 1 KiB of end. */
  tarSize(): number {
    let size = 1024 - 512; // the root itself has no header
    this.walk(['/'], (node) => {
      size += 512;
      if (node.type === 'file') size += Math.ceil(contentSize(node.content) / 512) * 512;
    });
    return size;
  }
}
