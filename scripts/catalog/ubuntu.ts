/**
 * ubuntu:24.04 (noble) and ubuntu:22.04 (jammy), APPROXIMATED.
 *
 * The real images are Ubuntu's minimized cloud rootfs (ubuntu-base), built
 * from Ubuntu's packages, which cannot be fetched here. So the tree is the
 * same software from Debian bookworm's packages (the package set of the real
 * minimal image — no tzdata, no adduser, no procps; jammy also has
 * e2fsprogs), unpacked the way debuerreotype does (debian.ts), then given
 * Ubuntu's identity: os-release, lsb-release, legal, issue, debian_version
 * (trixie/sid, bookworm/sid), accounts (noble's `ubuntu` user, jammy's gnats
 * and _apt at uid 100), Ubuntu's apt sources and keyring, and the
 * "minimized" dpkg excludes with unminimize. Versions in the dpkg database
 * stay Debian's.
 */
import { debianRootfs } from './debian';
import { isDpkgDatabase } from './layers';
import { Tree } from './tree';

export interface UbuntuRelease {
  version: string; // 24.04
  point: string; // 24.04.3
  codename: string; // noble
  name: string; // Noble Numbat
  debianVersion: string; // trixie/sid
  created: string;
}

export const NOBLE: UbuntuRelease = { version: '24.04', point: '24.04.3', codename: 'noble', name: 'Noble Numbat', debianVersion: 'trixie/sid', created: '2025-10-01T15:03:44.372845617Z' };
export const JAMMY: UbuntuRelease = { version: '22.04', point: '22.04.5', codename: 'jammy', name: 'Jammy Jellyfish', debianVersion: 'bookworm/sid', created: '2025-10-01T15:03:30.189742354Z' };

/** The Debian packages standing in for the minimal image's Ubuntu packages. */
function packagesOf(release: UbuntuRelease): string[] {
  const common = [
    'apt', 'base-files', 'base-passwd', 'bash', 'bsdutils', 'coreutils', 'dash', 'debconf', 'debianutils', 'diffutils', 'dpkg', 'findutils', 'gcc-12-base', 'gpgv', 'grep', 'gzip', 'hostname',
    'init-system-helpers', 'libacl1', 'libapt-pkg6.0', 'libattr1', 'libaudit-common', 'libaudit1', 'libblkid1', 'libbz2-1.0', 'libc-bin', 'libc6', 'libcap-ng0', 'libcap2', 'libcom-err2', 'libcrypt1',
    'libdb5.3', 'libdebconfclient0', 'libffi8', 'libgcc-s1', 'libgcrypt20', 'libgmp10', 'libgnutls30', 'libgpg-error0', 'libhogweed6', 'libidn2-0', 'liblz4-1', 'liblzma5', 'libmd0', 'libmount1',
    'libncursesw6', 'libnettle8', 'libp11-kit0', 'libpam-modules', 'libpam-modules-bin', 'libpam-runtime', 'libpam0g', 'libpcre2-8-0', 'libseccomp2', 'libselinux1', 'libsemanage-common', 'libsemanage2',
    'libsepol2', 'libsmartcols1', 'libssl3', 'libstdc++6', 'libsystemd0', 'libtasn1-6', 'libtinfo6', 'libudev1', 'libunistring2', 'libuuid1', 'libxxhash0', 'libzstd1', 'login', 'mawk', 'mount',
    'ncurses-base', 'ncurses-bin', 'passwd', 'perl-base', 'sed', 'sensible-utils', 'sysvinit-utils', 'tar', 'util-linux', 'zlib1g',
  ];
  const jammyOnly = ['e2fsprogs', 'libext2fs2', 'libss2', 'logsave', 'usrmerge'];
  // jammy's minimal image has no libssl3 (nothing in it links OpenSSL yet); noble's has libssl3t64.
  if (release.codename === 'jammy') return [...common.filter((p) => p !== 'libssl3'), ...jammyOnly.filter((p) => p !== 'usrmerge')].sort();
  return common.sort();
}

const EXCLUDES = `# Drop all man pages
path-exclude=/usr/share/man/*

# Drop all translations
path-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo

# Drop all documentation ...
path-exclude=/usr/share/doc/*

# ... except copyright files ...
path-include=/usr/share/doc/*/copyright

# ... and Debian changelogs for native & non-native packages
path-include=/usr/share/doc/*/changelog.*

# Drop all translations?
path-exclude=/usr/share/groff/*
path-exclude=/usr/share/info/*

# lintian stuff is small, but really unnecessary
path-exclude=/usr/share/lintian/*
path-exclude=/usr/share/linda/*

# Drop Debian-specific documentation
path-exclude=/usr/share/doc-base/*
`;

const UNMINIMIZE = `#!/bin/sh

set -e

echo "This system has been minimized by removing packages and content that are"
echo "not required on a system that users do not log into."
echo ""
echo "This script restores content and packages that are found on a default"
echo "Ubuntu server system in order to make this system more suitable for"
echo "interactive use."
echo ""
echo "Reinstallation of packages may fail due to changes to the system"
echo "configuration, the presence of third-party packages, or for other"
echo "reasons."
echo ""
echo "This operation may take some time."
echo ""
read -p "Would you like to continue? [y/N]: " REPLY
echo    # (optional) move to a new line
if [ "$REPLY" != "y" ] && [ "$REPLY" != "Y" ]
then
    exit 1
fi

if [ -f /etc/dpkg/dpkg.cfg.d/excludes ] || [ -f /etc/dpkg/dpkg.cfg.d/excludes.dpkg-tmp ]; then
    # This system was minimized: restore the excluded content.
    echo "Re-enabling installation of all documentation in dpkg..."
    if [ -f /etc/dpkg/dpkg.cfg.d/excludes ]; then
        mv /etc/dpkg/dpkg.cfg.d/excludes /etc/dpkg/dpkg.cfg.d/excludes.dpkg-tmp
    fi
    echo "Updating package list and upgrading packages..."
    apt-get update
    # apt-get upgrade asks for confirmation before upgrading packages to let the user stop here
    apt-get upgrade
    echo "Restoring system documentation..."
    echo "Reinstalling packages with files in /usr/share/man/ ..."
    # Reinstallation takes place in two steps because a single dpkg --verified
    # command generates very long parameter list for "xargs dpkg -S" and may go
    # over ARG_MAX. Since many packages have man pages the second download
    # handles a much smaller amount of packages.
    dpkg -S /usr/share/man/ |sed 's|, |\\n|g;s|: [^:]*$||' | DEBIAN_FRONTEND=noninteractive xargs apt-get install --reinstall -y
    echo "Reinstalling packages with system documentation in /usr/share/doc/ .."
    # This step processes the packages which still have missing documentation
    dpkg --verify --verify-format rpm | awk '/..5......   \\/usr\\/share\\/doc/ {print $2}' | sed 's|/[^/]*$||' | sort |uniq \\
         | xargs dpkg -S | sed 's|, |\\n|g;s|: [^:]*$||' | uniq | DEBIAN_FRONTEND=noninteractive xargs apt-get install --reinstall -y
    echo "Restoring system translations..."
    # This step processes the packages which still have missing translations
    dpkg --verify --verify-format rpm | awk '/..5......   \\/usr\\/share\\/locale/ {print $2}' | sed 's|/[^/]*$||' | sort |uniq \\
         | xargs dpkg -S | sed 's|, |\\n|g;s|: [^:]*$||' | uniq | DEBIAN_FRONTEND=noninteractive xargs apt-get install --reinstall -y
    if dpkg --verify --verify-format rpm | awk '/..5......   \\/usr\\/share\\/doc/ {exit 1}'; then
        echo "Documentation has been restored successfully."
        rm /etc/dpkg/dpkg.cfg.d/excludes.dpkg-tmp
    else
        echo "There are still files missing from /usr/share/doc/:"
        dpkg --verify --verify-format rpm | awk '/..5......   \\/usr\\/share\\/doc/ {print " " $2}'
        echo "You may want to try running this script again or you can remove"
        echo "/etc/dpkg/dpkg.cfg.d/excludes.dpkg-tmp and restore the files manually."
    fi
fi

if  [ "$(dpkg-divert --truename /usr/bin/man)" = "/usr/bin/man.REAL" ]; then
    # Remove diverted man binary
    rm -f /usr/bin/man
    dpkg-divert --quiet --remove --rename /usr/bin/man
fi

if ! dpkg-query --show --showformat='\${db:Status-Status}\\n' ubuntu-minimal 2> /dev/null | grep -q '^installed$'; then
    echo "Installing ubuntu-minimal package to provide the familiar Ubuntu minimal tools..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y ubuntu-minimal
fi

if ! dpkg-query --show --showformat='\${db:Status-Status}\\n' ubuntu-server 2> /dev/null | grep -q '^installed$'; then
    echo "Installing ubuntu-server package to provide the familiar Ubuntu server tools..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y ubuntu-server
fi

# unminimization succeeded, there is no need to mention it in motd
rm -f /etc/update-motd.d/60-unminimize
`;

const PASSWD_BASE =
  'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nuucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\nproxy:x:13:13:proxy:/bin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\nlist:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\nirc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n';

export function ubuntuPasswd(release: UbuntuRelease): string {
  return release.codename === 'noble'
    ? `${PASSWD_BASE}_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n`
    : `${PASSWD_BASE}gnats:x:41:41:Gnats Bug-Reporting System (admin):/var/lib/gnats:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n_apt:x:100:65534::/nonexistent:/usr/sbin/nologin\n`;
}

function ubuntuGroup(release: UbuntuRelease): string {
  const groups = [
    'root:x:0:', 'daemon:x:1:', 'bin:x:2:', 'sys:x:3:', 'adm:x:4:', 'tty:x:5:', 'disk:x:6:', 'lp:x:7:', 'mail:x:8:', 'news:x:9:', 'uucp:x:10:', 'man:x:12:', 'proxy:x:13:', 'kmem:x:15:',
    'dialout:x:20:', 'fax:x:21:', 'voice:x:22:', 'cdrom:x:24:', 'floppy:x:25:', 'tape:x:26:', 'sudo:x:27:', 'audio:x:29:', 'dip:x:30:', 'www-data:x:33:', 'backup:x:34:', 'operator:x:37:', 'list:x:38:',
    'irc:x:39:', 'src:x:40:', ...(release.codename === 'jammy' ? ['gnats:x:41:'] : []), 'shadow:x:42:', 'utmp:x:43:', 'video:x:44:', 'sasl:x:45:', 'plugdev:x:46:', 'staff:x:50:', 'games:x:60:', 'users:x:100:',
    'nogroup:x:65534:', ...(release.codename === 'noble' ? ['ubuntu:x:1000:'] : []),
  ];
  return `${groups.join('\n')}\n`;
}

function sources(release: UbuntuRelease): [string, string][] {
  const c = release.codename;
  if (c === 'noble') {
    return [
      ['/etc/apt/sources.list', '# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\n'],
      [
        '/etc/apt/sources.list.d/ubuntu.sources',
        `# Ubuntu sources have moved to the /etc/apt/sources.list.d/ubuntu.sources
# file, which uses the deb822 format. Use deb822-formatted .sources files
# to manage package sources in the /etc/apt/sources.list.d/ directory.
# See the sources.list(5) manual page for details.

## See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to
## newer versions of the distribution.
Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

## Ubuntu security updates. Aside from URIs and Suites,
## this should mirror your choices in the previous section.
Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
`,
      ],
    ];
  }
  return [
    [
      '/etc/apt/sources.list',
      `# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to
# newer versions of the distribution.
deb http://archive.ubuntu.com/ubuntu/ ${c} main restricted
# deb-src http://archive.ubuntu.com/ubuntu/ ${c} main restricted

## Major bug fix updates produced after the final release of the
## distribution.
deb http://archive.ubuntu.com/ubuntu/ ${c}-updates main restricted
# deb-src http://archive.ubuntu.com/ubuntu/ ${c}-updates main restricted

## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu
## team. Also, please note that software in universe WILL NOT receive any
## review or updates from the Ubuntu security team.
deb http://archive.ubuntu.com/ubuntu/ ${c} universe
# deb-src http://archive.ubuntu.com/ubuntu/ ${c} universe
deb http://archive.ubuntu.com/ubuntu/ ${c}-updates universe
# deb-src http://archive.ubuntu.com/ubuntu/ ${c}-updates universe

## N.B. software from this repository is ENTIRELY UNSUPPORTED by the Ubuntu
## team, and may not be under a free licence. Please satisfy yourself as to
## your rights to use the software. Also, please note that software in
## multiverse WILL NOT receive any review or updates from the Ubuntu
## security team.
deb http://archive.ubuntu.com/ubuntu/ ${c} multiverse
# deb-src http://archive.ubuntu.com/ubuntu/ ${c} multiverse
deb http://archive.ubuntu.com/ubuntu/ ${c}-updates multiverse
# deb-src http://archive.ubuntu.com/ubuntu/ ${c}-updates multiverse

## N.B. software from this repository may not have been tested as
## extensively as that contained in the main release, although it includes
## newer versions of some applications which may provide useful features.
## Also, please note that software in backports WILL NOT receive any review
## or updates from the Ubuntu security team.
deb http://archive.ubuntu.com/ubuntu/ ${c}-backports main restricted universe multiverse
# deb-src http://archive.ubuntu.com/ubuntu/ ${c}-backports main restricted universe multiverse

deb http://security.ubuntu.com/ubuntu/ ${c}-security main restricted
# deb-src http://security.ubuntu.com/ubuntu/ ${c}-security main restricted
deb http://security.ubuntu.com/ubuntu/ ${c}-security universe
# deb-src http://security.ubuntu.com/ubuntu/ ${c}-security universe
deb http://security.ubuntu.com/ubuntu/ ${c}-security multiverse
# deb-src http://security.ubuntu.com/ubuntu/ ${c}-security multiverse
`,
    ],
  ];
}

const BASHRC_HEAD = `# ~/.bashrc: executed by bash(1) for non-login shells.
# see /usr/share/doc/bash/examples/startup-files (in the package bash-doc)
# for examples
`;

/** The minimized Ubuntu root filesystem (see the file comment: approximated). */
export async function ubuntuRootfs(release: UbuntuRelease): Promise<Tree> {
  const epoch = Math.floor(Date.parse(release.created) / 1000);
  const tree = await debianRootfs({ suite: 'bookworm', packages: packagesOf(release), epoch, slim: false });
  const owner = { mtime: epoch };
  // Ubuntu's minimization: dpkg excludes, applied to what was unpacked.
  const excluded = (path: string) =>
    (/^\/usr\/share\/(man|groff|info|lintian|linda|doc-base)\//.test(path) || /^\/usr\/share\/locale\/[^/]+\/LC_MESSAGES\/[^/]+\.mo$/.test(path) || path.startsWith('/usr/share/doc/')) &&
    !/^\/usr\/share\/doc\/[^/]+\/(copyright|changelog\.[^/]+)$/.test(path);
  for (const [path, node] of [...tree.nodes]) if (node.kind !== 'd' && excluded(path)) tree.nodes.delete(path);
  for (const path of [...tree.nodes.keys()].filter((p) => /^\/usr\/share\/(man|info|groff|lintian)\//.test(p)).sort().reverse()) {
    if (tree.get(path)?.kind === 'd' && tree.children(path).length === 0) tree.nodes.delete(path);
  }
  tree.remove('/etc/apt/sources.list.d/debian.sources');
  tree.remove('/usr/share/keyrings');
  tree.remove('/etc/dpkg/origins/debian');
  tree.sizedFile('/usr/share/keyrings/ubuntu-archive-keyring.gpg', 3662, owner);
  tree.sizedFile('/usr/share/keyrings/ubuntu-archive-removed-keys.gpg', 2760, owner);
  tree.sizedFile('/usr/share/keyrings/ubuntu-master-keyring.gpg', 1227, owner);
  tree.sizedFile(`/etc/apt/trusted.gpg.d/ubuntu-keyring-2018-archive.gpg`, 2794, owner);
  tree.sizedFile('/etc/apt/trusted.gpg.d/ubuntu-keyring-2012-cdimage.gpg', 1733, owner);
  for (const [path, text] of sources(release)) tree.file(path, text, owner);
  tree.file('/etc/dpkg/dpkg.cfg.d/excludes', EXCLUDES, owner);
  tree.file('/etc/dpkg/origins/ubuntu', 'Vendor: Ubuntu\nVendor-URL: http://www.ubuntu.com/\nBugs: https://bugs.launchpad.net/ubuntu/+filebug\nParent: Debian\n', owner);
  tree.symlink('/etc/dpkg/origins/default', 'ubuntu', epoch);
  tree.file('/usr/local/sbin/unminimize', UNMINIMIZE, { ...owner, mode: 0o755 });
  // Identity.
  const pretty = `Ubuntu ${release.point} LTS`;
  tree.file(
    '/usr/lib/os-release',
    `PRETTY_NAME="${pretty}"\nNAME="Ubuntu"\nVERSION_ID="${release.version}"\nVERSION="${release.point} LTS (${release.name})"\nVERSION_CODENAME=${release.codename}\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=${release.codename}\n${release.codename === 'noble' ? 'LOGO=ubuntu-logo\n' : ''}`,
    owner,
  );
  tree.symlink('/etc/os-release', '../usr/lib/os-release', epoch);
  tree.file('/etc/lsb-release', `DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=${release.version}\nDISTRIB_CODENAME=${release.codename}\nDISTRIB_DESCRIPTION="${pretty}"\n`, owner);
  tree.file(
    '/etc/legal',
    '\nThe programs included with the Ubuntu system are free software;\nthe exact distribution terms for each program are described in the\nindividual files in /usr/share/doc/*/copyright.\n\nUbuntu comes with ABSOLUTELY NO WARRANTY, to the extent permitted by\napplicable law.\n\n',
    owner,
  );
  tree.file('/etc/issue', `${pretty} \\n \\l\n\n`, owner);
  tree.file('/etc/issue.net', `${pretty}\n`, owner);
  tree.file('/etc/debian_version', `${release.debianVersion}\n`, owner);
  tree.remove('/etc/timezone');
  tree.remove('/etc/localtime');
  tree.remove('/usr/share/zoneinfo');
  // Accounts.
  const day = Math.floor(epoch / 86400);
  const passwd = ubuntuPasswd(release);
  const group = ubuntuGroup(release);
  const users = passwd.split('\n').filter(Boolean).map((l) => l.split(':')[0]!);
  const groups = group.split('\n').filter(Boolean).map((l) => l.split(':')[0]!);
  tree.file('/etc/passwd', passwd, owner);
  tree.file('/etc/group', group, owner);
  tree.file('/etc/shadow', users.map((u) => `${u}:${u === 'root' ? '*' : u === 'ubuntu' ? '!' : '*'}:${day}:0:99999:7:::\n`).join(''), { ...owner, mode: 0o640, gid: 42 });
  tree.file('/etc/gshadow', groups.map((g) => `${g}:*::\n`).join(''), { ...owner, mode: 0o640, gid: 42 });
  for (const backup of ['passwd', 'group', 'shadow', 'gshadow']) {
    const original = tree.get(`/etc/${backup}`);
    if (original?.kind === 'f' && original.bytes) tree.file(`/etc/${backup}-`, original.bytes, { mtime: epoch, mode: original.mode, gid: original.gid });
  }
  if (release.codename === 'noble') {
    const home = { mtime: epoch, uid: 1000, gid: 1000 };
    tree.dir('/home/ubuntu', { ...home, mode: 0o750 });
    const skel = (name: string) => tree.get(`/etc/skel/${name}`);
    for (const name of ['.bash_logout', '.bashrc', '.profile']) {
      const node = skel(name);
      if (node?.kind === 'f') tree.set(`/home/ubuntu/${name}`, { ...node, uid: 1000, gid: 1000, mtime: epoch });
      else if (name === '.bashrc') tree.file(`/home/ubuntu/${name}`, BASHRC_HEAD, home);
    }
  }
  tree.clampMtimes(epoch);
  return tree;
}

/** The /etc text, plus unminimize (a script a learner reads). */
export function ubuntuTextPolicy(path: string, size: number): boolean {
  if (isDpkgDatabase(path)) return true;
  if (path === '/usr/local/sbin/unminimize') return true;
  if (path.startsWith('/home/ubuntu/') && size <= 16 * 1024) return true;
  return size <= 16 * 1024 && !/\.(asc|gpg|pem|crt)$/.test(path) && (path.startsWith('/etc/') || path === '/usr/lib/os-release' || path.startsWith('/usr/share/base-files/') || path.startsWith('/usr/share/base-passwd/'));
}
