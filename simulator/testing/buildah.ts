import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEARNER_UID } from '../host/filesystem';
import { sortEntries, type ContextEntry } from './build-context';
import { readOciLayout, type OciImage } from './image-facts';

/**
 * buildah, a real builder, driven from Node for the comparison test
 * (buildah.test.ts) and the build benchmarks (scripts/bench-engine.ts).
 * Every store lives in its own temporary directory (`--root`/`--runroot`,
 * vfs driver, chroot isolation), so runs share no state with each other or
 * with the machine's own containers storage, and need no overlay mounts.
 */
export class Buildah {
  readonly directory: string;
  private readonly storage: string[];

  constructor() {
    this.directory = mkdtempSync(join(tmpdir(), 'layerlab-buildah-'));
    this.storage = ['--storage-driver', 'vfs', '--root', join(this.directory, 'root'), '--runroot', join(this.directory, 'run')];
  }

  /** `buildah bud --layers --isolation chroot` of `contextDir` (its Dockerfile is `<contextDir>/Dockerfile`); throws with buildah's output when it fails. */
  bud(contextDir: string, tag: string, options: { buildArgs?: readonly string[]; noCache?: boolean } = {}): void {
    const args = ['bud', '--layers', '--isolation', 'chroot', '-t', tag, '-f', join(contextDir, 'Dockerfile')];
    for (const arg of options.buildArgs ?? []) args.push('--build-arg', arg);
    if (options.noCache === true) args.push('--no-cache');
    this.run([...args, contextDir]);
  }

  /** The image tagged `tag`, pushed to an OCI layout and read back from it. */
  async image(tag: string): Promise<OciImage> {
    const layout = join(this.directory, `layout-${tag.replace(/[^a-z0-9]/g, '-')}`);
    rmSync(layout, { recursive: true, force: true });
    this.run(['push', tag, `oci:${layout}:${tag.replace(/[:/]/g, '-')}`]);
    return readOciLayout((path) => new Uint8Array(readFileSync(join(layout, path))));
  }

  dispose(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }

  private run(args: string[]): string {
    try {
      return execFileSync('buildah', [...this.storage, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`buildah ${args.join(' ')} failed: ${failed.stderr || failed.stdout || failed.message}`);
    }
  }
}

/**
 * Why buildah cannot be used here, or undefined when it can: it must be
 * installed and able to build (as root, or rootless with user namespaces) —
 * found out by building a one-line image in a throwaway store.
 */
export function buildahUnavailable(): string | undefined {
  try {
    execFileSync('buildah', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'buildah is not installed (apt-get install buildah; CI installs it in .ci/run)';
  }
  const buildah = new Buildah();
  try {
    const context = join(buildah.directory, 'probe');
    writeContextDir(context, [{ path: 'Dockerfile', type: 'file', mode: 0o644, bytes: new TextEncoder().encode('FROM scratch\nENV PROBE=1\n') }]);
    buildah.bud(context, 'layerlab-probe');
    return undefined;
  } catch (error) {
    return `buildah is installed but cannot build here: ${(error as Error).message.trim().split('\n').slice(-3).join(' ')}`;
  } finally {
    buildah.dispose();
  }
}

/**
 * Writes a context onto the disk for buildah. Files are owned by the learner's
 * uid, as they are in the simulated home, when we may chown (as root): that
 * checks that COPY without --chown resets ownership on both sides.
 */
export function writeContextDir(directory: string, entries: readonly ContextEntry[]): void {
  const mayChown = process.getuid?.() === 0;
  const own = (path: string): void => {
    if (mayChown) chownSync(path, LEARNER_UID, LEARNER_UID);
  };
  mkdirSync(directory, { recursive: true });
  own(directory);
  for (const entry of sortEntries(entries)) {
    const path = join(directory, entry.path);
    if (entry.type === 'directory') mkdirSync(path, { recursive: true });
    else writeFileSync(path, entry.bytes);
    // Explicitly, since mkdir and writeFile are subject to the umask.
    chmodSync(path, entry.mode);
    own(path);
  }
}

/**
 * Reads a fixture's context from the repository. Git keeps only whether a
 * file is executable, so modes are normalised to 755/644 (directories 755)
 * and `modes` supplies any other, keyed by relative path.
 */
export function readContextDir(directory: string, modes: Readonly<Record<string, number>> = {}): ContextEntry[] {
  const entries: ContextEntry[] = [];
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(directory, relative)).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const stat = statSync(join(directory, path));
      if (stat.isDirectory()) {
        entries.push({ path, type: 'directory', mode: modes[path] ?? 0o755 });
        walk(path);
      } else {
        entries.push({ path, type: 'file', mode: modes[path] ?? ((stat.mode & 0o111) !== 0 ? 0o755 : 0o644), bytes: new Uint8Array(readFileSync(join(directory, path))) });
      }
    }
  };
  walk('');
  return entries;
}
