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

/** When the learner's machine was set up: the times of its system files. */
const INSTALLED = Date.UTC(2026, 9, 14, 9, 31);

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
    base.set(path, { type: 'directory', mode: path === '/tmp' ? 0o1777 : 0o755, uid: owned ? LEARNER_UID : 0, gid: owned ? LEARNER_UID : 0, mtime: INSTALLED });
  }
  for (const [path, text] of Object.entries(ACCOUNTS)) base.set(path, { type: 'file', content: { kind: 'bytes', bytes: new TextEncoder().encode(text) }, mode: 0o644, uid: 0, gid: 0, mtime: INSTALLED });
  for (const [path, target] of MERGED_USR) base.set(path, { type: 'symlink', target, mode: 0o777, uid: 0, gid: 0, mtime: INSTALLED });
  for (const name of programs) {
    base.set(`/usr/bin/${name}`, { type: 'file', content: { kind: 'generated', size: PROGRAM_SIZES[name] ?? DEFAULT_PROGRAM_SIZE, seed: `host:/usr/bin/${name}` }, mode: 0o755, uid: 0, gid: 0, mtime: INSTALLED });
  }
  return new ReadWriteLayer(new UnionView([base]), changes);
}

/** Debian 12's base accounts (base-passwd), with the learner as its first user, in the docker group so docker runs without sudo; and the files that say what the machine is. */
const ACCOUNTS: Record<string, string> = {
  '/etc/passwd': `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
learner:x:1000:1000:Learner,,,:/home/learner:/bin/bash
`,
  '/etc/debian_version': '12.11\n',
  '/etc/os-release': `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`,
  '/etc/hostname': 'layerlab\n',
  '/etc/group': `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
docker:x:999:learner
learner:x:1000:
`,
};

/** Sizes of a few Debian 12 amd64 binaries, so `ls -l /usr/bin` looks like a real machine's. */
const PROGRAM_SIZES: Record<string, number> = { bash: 1265648, cat: 44016, docker: 20338368, ls: 151344, grep: 203152, sed: 122224, tar: 531344, gzip: 98136, jq: 31168 };
const DEFAULT_PROGRAM_SIZE = 68_496;
