import { fileBytes } from '../archive/tar';
import type { Node } from '../archive/types';
import type { LayerFileSystem } from '../userland/filesystem';
import { GO_PROGRAM_MARKER } from './programs/go';

/**
 * What a path names when a process is to run it, decided by the file, as
 * the kernel decides: a program the simulator knows by what it is (busybox
 * and its applet links, coreutils, bash, nginx…), a script with its
 * interpreter, or a binary nobody here can run.
 */
export type Executable =
  | { kind: 'program'; path: string; /** What the binary is: its name where the image installed it ("busybox", "ls", "nginx"). */ program: string }
  | { kind: 'script'; path: string; interpreter: string; argument?: string }
  | { kind: 'text'; path: string }
  | { kind: 'binary'; path: string };

export type Resolution = Executable | { kind: 'not-found'; path: string } | { kind: 'not-executable'; path: string } | { kind: 'directory'; path: string };

/**
 * Finds `name` as execve does from a shell: a name with a slash is a path
 * (relative to `cwd`), any other is looked up in each directory of `PATH`.
 */
export function resolveCommand(fs: LayerFileSystem, name: string, searchPath: string, cwd: string): Resolution {
  if (name.includes('/')) return identifyPath(fs, fs.resolvePath(cwd, name));
  let denied: Resolution | undefined;
  for (const directory of searchPath.split(':')) {
    if (!directory) continue;
    const found = identifyPath(fs, fs.resolvePath(cwd, `${directory}/${name}`));
    // execvp skips what it cannot run and keeps looking; a file it may not run is reported only if nothing else is found.
    if (found.kind === 'not-executable') denied ??= found;
    else if (found.kind !== 'not-found' && found.kind !== 'directory') return found;
  }
  return denied ?? { kind: 'not-found', path: name };
}

export function identifyPath(fs: LayerFileSystem, path: string): Resolution {
  const found = fs.lookup(path);
  if (!found) return { kind: 'not-found', path };
  const { node } = found;
  if (node.type === 'directory') return { kind: 'directory', path };
  if (node.type !== 'file' || (node.mode & 0o111) === 0) return { kind: 'not-executable', path };
  return identifyFile(path, node);
}

/** The PATH a container gets when its image sets none (moby's default for Linux). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const SHEBANG = /^#!\s*(\S+)(?:[ \t]+(.*?))?\s*$/;

function identifyFile(path: string, node: Extract<Node, { type: 'file' }>): Executable {
  const content = node.content;
  if (content.kind === 'generated') {
    // Catalog binaries carry where the image installed them ("<layer>:<path>"): that is what they are, wherever they were copied to.
    const origin = content.seed.slice(content.seed.indexOf(':') + 1);
    return { kind: 'program', path, program: origin.slice(origin.lastIndexOf('/') + 1) };
  }
  const head = new TextDecoder().decode(fileBytes(content).subarray(0, 256));
  // What Layerlab's `go build` writes runs as the program it was built from.
  if (head.startsWith(GO_PROGRAM_MARKER)) return { kind: 'program', path, program: 'go-program' };
  const firstLine = head.split('\n', 1)[0] ?? '';
  const shebang = SHEBANG.exec(firstLine);
  if (shebang?.[1]) return { kind: 'script', path, interpreter: shebang[1], ...(shebang[2] ? { argument: shebang[2] } : {}) };
  // A text file without #! is run by the shell that started it (execve's ENOEXEC fallback); anything else is a foreign binary.
  return head.includes('\0') || head.startsWith('\x7fELF') ? { kind: 'binary', path } : { kind: 'text', path };
}
