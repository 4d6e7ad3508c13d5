import { ReadWriteLayer } from '../archive/rw-layer';
import type { Change, Changeset } from '../archive/types';
import { UnionView } from '../archive/union';
import { LEARNER_HOME } from './directories';
import { hostBinaries } from './programs';

const STANDARD_DIRECTORIES = [
  '/boot', '/dev', '/etc', '/home', LEARNER_HOME, '/media', '/mnt', '/opt', '/proc', '/root', '/run',
  '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/sbin',
  '/usr/share', '/var', '/var/lib', '/var/log', '/var/tmp',
];

/** Debian 12 merges /bin, /sbin and /lib into /usr. */
const MERGED_USR: [string, string][] = [['/bin', 'usr/bin'], ['/lib', 'usr/lib'], ['/sbin', 'usr/sbin']];

/** uid/gid of the learner, as on a Debian machine's first user. */
export const LEARNER_UID = 1000;

/**
 * The learner's machine: a Debian host's standard directories, with the
 * learner's home, as a writable layer over them — the same model as a
 * container's filesystem, so files move between the two without conversion.
 * `programs` are installed in /usr/bin (as binaries of their real size,
 * roughly); `changes` are the learner's own files, from a saved session.
 */
export function createHostFilesystem(changes?: Changeset, programs: readonly string[] = hostBinaries()): ReadWriteLayer {
  const base = new Map<string, Change>();
  for (const path of STANDARD_DIRECTORIES) {
    const owned = path === LEARNER_HOME;
    base.set(path, { type: 'directory', mode: path === '/tmp' ? 0o1777 : 0o755, uid: owned ? LEARNER_UID : 0, gid: owned ? LEARNER_UID : 0, mtime: 0 });
  }
  for (const [path, target] of MERGED_USR) base.set(path, { type: 'symlink', target, mode: 0o777, uid: 0, gid: 0, mtime: 0 });
  for (const name of programs) {
    base.set(`/usr/bin/${name}`, { type: 'file', content: { kind: 'generated', size: PROGRAM_SIZES[name] ?? DEFAULT_PROGRAM_SIZE, seed: `host:/usr/bin/${name}` }, mode: 0o755, uid: 0, gid: 0, mtime: 0 });
  }
  return new ReadWriteLayer(new UnionView([base]), changes);
}

/** Sizes of a few Debian 12 amd64 binaries, so `ls -l /usr/bin` looks like a real machine's. */
const PROGRAM_SIZES: Record<string, number> = { bash: 1265648, cat: 44016, docker: 20338368, ls: 151344, grep: 203152, sed: 122224, tar: 531344, gzip: 98136, jq: 31168 };
const DEFAULT_PROGRAM_SIZE = 68_496;
