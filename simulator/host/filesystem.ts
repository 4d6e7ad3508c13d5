import { ReadWriteLayer } from '../archive/rw-layer';
import type { Change, Changeset } from '../archive/types';
import { UnionView } from '../archive/union';
import { LEARNER_HOME } from './directories';

const STANDARD_DIRECTORIES = [
  '/bin', '/boot', '/dev', '/etc', '/home', LEARNER_HOME, '/lib', '/media', '/mnt', '/opt', '/proc',
  '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local',
  '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/lib', '/var/log', '/var/tmp',
];

/** uid/gid of the learner, as on a Debian machine's first user. */
export const LEARNER_UID = 1000;

/**
 * The learner's machine: a Debian host's standard directories, with the
 * learner's home, as a writable layer over them — the same model as a
 * container's filesystem, so files move between the two without conversion.
 * `changes` are the learner's own files, from a saved session.
 */
export function createHostFilesystem(changes?: Changeset): ReadWriteLayer {
  const base = new Map<string, Change>();
  for (const path of STANDARD_DIRECTORIES) {
    const owned = path === LEARNER_HOME;
    base.set(path, { type: 'directory', mode: path === '/tmp' ? 0o1777 : 0o755, uid: owned ? LEARNER_UID : 0, gid: owned ? LEARNER_UID : 0, mtime: 0 });
  }
  return new ReadWriteLayer(new UnionView([base]), changes);
}
