import { resolvePath } from './paths';

/**
 * The learner's machine's directory tree. For now it holds only the standard
 * directories of a Debian host, so that `cd`, the prompt and path completion
 * behave; the filesystem model of the engine replaces it with real files.
 */
export interface HostDirectories {
  isDirectory(path: string): boolean;
  /** Names of the directories directly inside `path`, sorted. */
  children(path: string): string[];
}

export const LEARNER_HOME = '/home/learner';

const STANDARD_DIRECTORIES = [
  '/bin', '/boot', '/dev', '/etc', '/home', LEARNER_HOME, '/lib', '/media', '/mnt', '/opt', '/proc',
  '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local',
  '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/lib', '/var/log', '/var/tmp',
];

/** A fixed set of directories, each with its parents. */
export class StaticDirectories implements HostDirectories {
  private readonly paths: Set<string>;

  constructor(paths: readonly string[] = STANDARD_DIRECTORIES) {
    this.paths = new Set(['/']);
    for (const path of paths) {
      let current = resolvePath('/', path, '/');
      while (current !== '/') {
        this.paths.add(current);
        current = current.slice(0, current.lastIndexOf('/')) || '/';
      }
    }
  }

  isDirectory(path: string): boolean {
    return this.paths.has(path);
  }

  children(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    return [...this.paths]
      .filter((candidate) => candidate !== '/' && candidate.startsWith(prefix) && !candidate.slice(prefix.length).includes('/'))
      .map((candidate) => candidate.slice(prefix.length))
      .sort();
  }
}
