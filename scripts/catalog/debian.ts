/**
 * Debian root filesystems the way the official images make them:
 * debuerreotype runs `debootstrap --variant=minbase --merged-usr` (the
 * Priority: required packages plus apt), adds its "minimizing" apt/dpkg
 * configuration and deb822 sources, and for the "-slim" variant deletes docs,
 * man pages and locales (scripts/.slimify-excludes / .slimify-includes). The
 * tar clamps every mtime to the build's epoch.
 *
 * Packages are unpacked from their real .debs; the effects of maintainer
 * scripts that matter to a learner (users and groups, shadow files,
 * alternatives, /etc/shells, /etc/localtime, dpkg's database) are reproduced
 * here rather than run.
 */
import { createHash } from 'node:crypto';
import { readDeb, type Deb } from './debs';
import { Tree } from './tree';

/** bookworm's merged /usr: these top-level directories are symlinks into /usr. */
const MERGED_USR = ['bin', 'sbin', 'lib', 'lib64'];

export function mergedPath(path: string): string {
  for (const dir of MERGED_USR) if (path === `/${dir}` || path.startsWith(`/${dir}/`)) return `/usr${path}`;
  return path;
}

/** Unpacks packages into `tree` like dpkg would (files overwrite, existing directories stay). */
export async function unpack(tree: Tree, names: readonly string[], options: { mergedUsr: boolean }): Promise<Deb[]> {
  const map = options.mergedUsr ? mergedPath : (path: string) => path;
  const debs: Deb[] = [];
  for (const name of names) {
    const deb = await readDeb(name);
    debs.push(deb);
    for (const entry of deb.data) {
      const path = map(entry.path);
      if (options.mergedUsr && MERGED_USR.includes(entry.path.slice(1)) && entry.type === 'directory') continue;
      const owner = { mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime };
      switch (entry.type) {
        case 'directory':
          if (tree.get(path)?.kind !== 'd') tree.set(path, { kind: 'd', ...owner });
          break;
        case 'file':
          tree.set(path, { kind: 'f', size: entry.size, bytes: entry.data!, ...owner });
          break;
        case 'symlink':
          tree.set(path, { kind: 'l', target: entry.linkname!, ...owner });
          break;
        case 'link':
          tree.set(path, { kind: 'h', target: map(entry.linkname!), ...owner });
          break;
      }
    }
  }
  return debs;
}

function packageId(deb: Deb): string {
  return deb.control['Multi-Arch'] === 'same' ? `${deb.name}:${deb.control.Architecture}` : deb.name;
}

/**
 * The fields dpkg knows, in the order it writes them to its status file
 * (lib/dpkg/parse.c's fieldinfos); other fields (Homepage, Built-Using…)
 * follow in the order of the control file.
 */
const DPKG_FIELD_ORDER = [
  'Package', 'Essential', 'Protected', 'Status', 'Priority', 'Section', 'Installed-Size', 'Origin', 'Maintainer', 'Bugs', 'Architecture', 'Multi-Arch', 'Source', 'Version',
  'Config-Version', 'Replaces', 'Provides', 'Depends', 'Pre-Depends', 'Recommends', 'Suggests', 'Breaks', 'Conflicts', 'Enhances', 'Conffiles', 'Filename', 'Size', 'MD5sum',
  'MSDOS-Filename', 'Description', 'Triggers-Pending', 'Triggers-Awaited',
];

/** A control text's fields, each with its continuation lines, in their order. */
function controlFields(text: string): { name: string; lines: string[] }[] {
  const fields: { name: string; lines: string[] }[] = [];
  for (const line of text.replace(/\n+$/, '').split('\n')) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1]!.lines.push(line);
    else if (line.includes(':')) fields.push({ name: line.slice(0, line.indexOf(':')), lines: [line] });
  }
  return fields;
}

/**
 * The Conffiles field: each conffile of the package with the md5sum of what
 * was installed (computed from the archive: debhelper leaves conffiles out
 * of md5sums, since dpkg keeps their sums here).
 */
function conffilesField(deb: Deb): string[] | undefined {
  const conffiles = deb.controlFiles.get('conffiles');
  if (!conffiles) return undefined;
  const sumOf = (file: string): string => {
    const data = deb.data.find((entry) => entry.path === file && entry.type === 'file')?.data;
    return data ? createHash('md5').update(data).digest('hex') : 'newconffile';
  };
  // "remove-on-upgrade /etc/…" lines are instructions, not conffiles.
  const files = new TextDecoder().decode(conffiles).split('\n').filter((l) => l.startsWith('/'));
  return files.length === 0 ? undefined : ['Conffiles:', ...files.map((f) => ` ${f} ${sumOf(f)}`)];
}

/**
 * dpkg's record of a package in /var/lib/dpkg/status, without its Status
 * line: the control file's fields in dpkg's order, plus Conffiles. This is
 * what the package mirror stores; the runtime adds the Status line.
 */
export function dpkgRecord(deb: Deb): string {
  const fields = controlFields(deb.controlText);
  const conffiles = conffilesField(deb);
  if (conffiles) fields.push({ name: 'Conffiles', lines: conffiles });
  const rank = (name: string) => {
    const known = DPKG_FIELD_ORDER.indexOf(name);
    return known < 0 ? DPKG_FIELD_ORDER.length : known;
  };
  // Array.prototype.sort is stable: unknown fields keep the control file's order.
  const sorted = [...fields].sort((a, b) => rank(a.name) - rank(b.name));
  return `${sorted.flatMap((field) => field.lines).join('\n')}\n`;
}

/** dpkg's status entry of an installed package: its record with `Status: install ok installed` where dpkg puts it. */
export function statusStanza(deb: Deb): string {
  const lines = dpkgRecord(deb).replace(/\n$/, '').split('\n');
  // Status comes after Package and after Essential/Protected when present (their continuation lines never exist).
  let at = 1;
  while (at < lines.length && /^(Essential|Protected):/.test(lines[at]!)) at++;
  lines.splice(at, 0, 'Status: install ok installed');
  return `${lines.join('\n')}\n`;
}

const MAINTAINER_SCRIPTS = new Set(['preinst', 'postinst', 'prerm', 'postrm', 'config']);

/** /var/lib/dpkg as it is after the packages were installed. */
export function writeDpkgDatabase(tree: Tree, debs: readonly Deb[], epoch: number): void {
  const owner = { mtime: epoch };
  tree.dir('/var/lib/dpkg', { mtime: epoch });
  for (const deb of debs) {
    const id = packageId(deb);
    const list = ['/.', ...deb.data.map((entry) => entry.path)].join('\n');
    tree.file(`/var/lib/dpkg/info/${id}.list`, `${list}\n`, owner);
    for (const [name, bytes] of deb.controlFiles) {
      if (name === 'shlibs' || name === 'symbols' || name === 'templates' || name === 'triggers' || MAINTAINER_SCRIPTS.has(name) || name === 'md5sums' || name === 'conffiles') {
        tree.file(`/var/lib/dpkg/info/${id}.${name}`, bytes, { ...owner, mode: MAINTAINER_SCRIPTS.has(name) ? 0o755 : 0o644 });
      }
    }
  }
  const status = debs.map(statusStanza).join('\n');
  tree.file('/var/lib/dpkg/status', status, owner);
  tree.file('/var/lib/dpkg/status-old', status, owner);
  for (const empty of ['available', 'diversions', 'statoverride', 'lock', 'lock-frontend', 'triggers/Lock', 'triggers/Unincorp']) {
    tree.file(`/var/lib/dpkg/${empty}`, '', { ...owner, mode: empty.startsWith('lock') ? 0o640 : 0o644 });
  }
  tree.file('/var/lib/dpkg/triggers/File', '', owner);
  for (const dir of ['alternatives', 'parts', 'updates']) tree.dir(`/var/lib/dpkg/${dir}`, owner);
}

export interface Alternative {
  name: string;
  link: string;
  path: string;
  priority: number;
  slaves: { link: string; name: string; path: string }[];
  /** Installed with --quiet: update-alternatives prints nothing. */
  quiet: boolean;
}

/**
 * xz-utils' postinst builds its --slave arguments in a shell function
 * (`$(slave /usr/bin lz$util xz$util)` for cat, more, less…): the
 * alternative it installs, spelled out.
 */
function xzUtilsAlternative(): Alternative {
  const slave = (dir: string, name: string, target: string) => ({ link: `${dir}/${name}`, name, path: `${dir}/${target}` });
  const slaves = [slave('/usr/share/man/man1', 'lzma.1.gz', 'xz.1.gz'), slave('/usr/bin', 'unlzma', 'unxz'), slave('/usr/share/man/man1', 'unlzma.1.gz', 'unxz.1.gz')];
  for (const util of ['cat', 'more', 'less', 'diff', 'cmp', 'grep', 'egrep', 'fgrep']) {
    slaves.push(slave('/usr/bin', `lz${util}`, `xz${util}`), slave('/usr/share/man/man1', `lz${util}.1.gz`, `xz${util}.1.gz`));
  }
  return { name: 'lzma', link: '/usr/bin/lzma', path: '/usr/bin/xz', priority: 20, slaves, quiet: false };
}

/** `update-alternatives --install` calls in postinst scripts (literal arguments only; xz-utils' spelled out), in script order. */
export function alternativesOf(deb: Deb): Alternative[] {
  if (deb.name === 'xz-utils') return [xzUtilsAlternative()];
  const script = deb.controlFiles.get('postinst');
  if (!script) return [];
  const text = new TextDecoder().decode(script).replace(/\\\n\s*/g, ' ');
  const found: Alternative[] = [];
  for (const match of text.matchAll(/update-alternatives\s+(--quiet\s+)?--install\s+([^\n;&|]+)/g)) {
    // A comment ends the command (g++'s and gcc's commented-out --slave lines).
    const words = match[2]!.replace(/(^|\s)#.*$/, '').trim().split(/\s+/);
    if (words.some((word) => word.includes('$'))) continue;
    const [link, name, path, priority, ...rest] = words;
    if (!link || !name || !path || !priority) continue;
    const slaves: Alternative['slaves'] = [];
    for (let i = 0; i + 3 < rest.length + 1; i++) {
      if (rest[i] === '--slave' && rest[i + 3]) {
        slaves.push({ link: rest[i + 1]!, name: rest[i + 2]!, path: rest[i + 3]! });
        i += 3;
      }
    }
    found.push({ name, link, path, priority: Number(priority), slaves, quiet: match[1] !== undefined });
  }
  return found;
}

/**
 * The symlinks update-alternatives makes, and its administrative files.
 * `exists` says whether a (merged) path is installed: update-alternatives
 * skips a slave whose file is missing (man pages on -slim).
 */
export function writeAlternatives(tree: Tree, debs: readonly Deb[], epoch: number, mergedUsr: boolean, exists = (path: string) => tree.has(path)): void {
  const byName = new Map<string, Alternative[]>();
  for (const deb of debs) for (const alt of alternativesOf(deb)) byName.set(alt.name, [...(byName.get(alt.name) ?? []), alt]);
  const map = mergedUsr ? mergedPath : (path: string) => path;
  tree.dir('/etc/alternatives', { mtime: epoch });
  tree.file('/etc/alternatives/README', 'Please read the update-alternatives(1) man page for information on this\ndirectory and its contents.\n', { mtime: epoch });
  for (const [name, alts] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const best = alts.reduce((a, b) => (b.priority > a.priority ? b : a));
    if (!exists(map(best.path))) continue;
    tree.symlink(map(best.link), `/etc/alternatives/${name}`, epoch);
    tree.symlink(`/etc/alternatives/${name}`, best.path, epoch);
    for (const slave of best.slaves) {
      if (!exists(map(slave.path))) continue;
      tree.symlink(map(slave.link), `/etc/alternatives/${slave.name}`, epoch);
      tree.symlink(`/etc/alternatives/${slave.name}`, slave.path, epoch);
    }
    const slaveNames = best.slaves.map((s) => `${s.name}\n${s.link}\n`).join('');
    const choices = alts.map((alt) => `${alt.path}\n${alt.priority}\n${best.slaves.map((s) => `${alt.slaves.find((x) => x.name === s.name)?.path ?? ''}\n`).join('')}`).join('');
    tree.file(`/var/lib/dpkg/alternatives/${name}`, `auto\n${best.link}\n${slaveNames}\n${choices}\n`, { mtime: epoch });
  }
}

/** /etc/passwd, group, shadow and gshadow after base-passwd and `shadowconfig on`. */
export function writeAccounts(tree: Tree, epoch: number): void {
  const passwd = tree.text('/usr/share/base-passwd/passwd.master');
  const group = tree.text('/usr/share/base-passwd/group.master');
  if (passwd === undefined || group === undefined) throw new Error('base-passwd is not installed');
  const day = Math.floor(epoch / 86400);
  const users = passwd.split('\n').filter(Boolean).map((line) => line.split(':'));
  const groups = group.split('\n').filter(Boolean).map((line) => line.split(':'));
  const shadowGid = Number(groups.find((g) => g[0] === 'shadow')?.[2] ?? 42);
  tree.file('/etc/passwd', users.map((u) => [u[0], 'x', ...u.slice(2)].join(':') + '\n').join(''), { mtime: epoch });
  tree.file('/etc/group', groups.map((g) => [g[0], 'x', ...g.slice(2)].join(':') + '\n').join(''), { mtime: epoch });
  tree.file('/etc/shadow', users.map((u) => `${u[0]}:*:${day}:0:99999:7:::\n`).join(''), { mtime: epoch, mode: 0o640, gid: shadowGid });
  tree.file('/etc/gshadow', groups.map((g) => `${g[0]}:*::${g[3] ?? ''}\n`).join(''), { mtime: epoch, mode: 0o640, gid: shadowGid });
  for (const backup of ['passwd-', 'group-', 'shadow-', 'gshadow-']) {
    const original = tree.get(`/etc/${backup.slice(0, -1)}`);
    if (original?.kind === 'f' && original.bytes) tree.file(`/etc/${backup}`, original.bytes, { mtime: epoch, mode: original.mode, gid: original.gid });
  }
}

/** /etc/shells as debianutils' add-shell leaves it after bash and dash are installed. */
export function writeShells(tree: Tree, epoch: number): void {
  const shells = ['/bin/sh', '/usr/bin/sh', '/bin/bash', '/usr/bin/bash', '/bin/rbash', '/usr/bin/rbash', '/bin/dash', '/usr/bin/dash'];
  tree.file('/etc/shells', `# /etc/shells: valid login shells\n${shells.join('\n')}\n`, { mtime: epoch });
}

/** `ldconfig`'s cache: its size, roughly, from the libraries it indexes. */
export function writeLdSoCache(tree: Tree, epoch: number): void {
  const libraries = [...tree.nodes.keys()].filter((path) => /^\/usr\/lib\/x86_64-linux-gnu\/[^/]+\.so\.[^/]+$/.test(path)).length;
  tree.sizedFile('/etc/ld.so.cache', 48 + libraries * 112, { mtime: epoch });
}

/** debconf's database after the packages' templates were loaded. */
export function writeDebconfCache(tree: Tree, debs: readonly Deb[], epoch: number): void {
  let templates = 0;
  let questions = 0;
  for (const deb of debs) {
    const bytes = deb.controlFiles.get('templates');
    if (!bytes) continue;
    const text = new TextDecoder().decode(bytes);
    const count = (text.match(/^Template:/gm) ?? []).length;
    questions += count;
    templates += bytes.length + count * 40;
  }
  tree.dir('/var/cache/debconf', { mtime: epoch });
  tree.sizedFile('/var/cache/debconf/config.dat', questions * 110, { mtime: epoch });
  tree.sizedFile('/var/cache/debconf/config.dat-old', questions * 108, { mtime: epoch });
  tree.file('/var/cache/debconf/passwords.dat', '', { mtime: epoch, mode: 0o600 });
  tree.sizedFile('/var/cache/debconf/templates.dat', templates, { mtime: epoch });
  tree.sizedFile('/var/cache/debconf/templates.dat-old', templates, { mtime: epoch });
}

function heredoc(text: string): string {
  return `${text
    .replace(/^\n/, '')
    .split('\n')
    .map((line) => line.replace(/^\t+/, ''))
    .join('\n')
    .replace(/\n\s*$/, '')}\n`;
}

/** debuerreotype-minimizing-config. */
export function writeMinimizingConfig(tree: Tree, epoch: number): void {
  const owner = { mtime: epoch };
  tree.file(
    '/usr/sbin/policy-rc.d',
    heredoc(`
	#!/bin/sh

	# For most Docker users, "apt-get install" only happens during "docker build",
	# where starting services doesn't work and often fails in humorous ways. This
	# prevents those failures by stopping the services from attempting to start.

	exit 101
`),
    { ...owner, mode: 0o755 },
  );
  tree.file(
    '/etc/dpkg/dpkg.cfg.d/docker-apt-speedup',
    heredoc(`
	# For most Docker users, package installs happen during "docker build", which
	# doesn't survive power loss and gets restarted clean afterwards anyhow, so
	# this minor tweak gives us a nice speedup (much nicer on spinning disks,
	# obviously).

	force-unsafe-io
`),
    owner,
  );
  tree.file(
    '/etc/apt/apt.conf.d/docker-autoremove-suggests',
    heredoc(`
	# Since Docker users are looking for the smallest possible final images, the
	# following emerges as a very common pattern:

	#   RUN apt-get update \\
	#       && apt-get install -y <packages> \\
	#       && <do some compilation work> \\
	#       && apt-get purge -y --auto-remove <packages>

	# By default, APT will actually _keep_ packages installed via Recommends or
	# Depends if another package Suggests them, even and including if the package
	# that originally caused them to be installed is removed.  Setting this to
	# "false" ensures that APT is appropriately aggressive about removing the
	# packages it added.

	# https://aptitude.alioth.debian.org/doc/en/ch02s05s05.html#configApt-AutoRemove-SuggestsImportant
	Apt::AutoRemove::SuggestsImportant "false";
`),
    owner,
  );
  const clean = '"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";';
  tree.file(
    '/etc/apt/apt.conf.d/docker-clean',
    heredoc(`
	# Since for most Docker users, package installs happen in "docker build" steps,
	# they essentially become individual layers due to the way Docker handles
	# layering, especially using CoW filesystems.  What this means for us is that
	# the caches that APT keeps end up just wasting space in those layers, making
	# our layers unnecessarily large (especially since we'll normally never use
	# these caches again and will instead just "docker build" again and make a brand
	# new image).

	# Ideally, these would just be invoking "apt-get clean", but in our testing,
	# that ended up being cyclic and we got stuck on APT's lock, so we get this fun
	# creation that's essentially just "apt-get clean".
	DPkg::Post-Invoke { ${clean} };
	APT::Update::Post-Invoke { ${clean} };

	Dir::Cache::pkgcache "";
	Dir::Cache::srcpkgcache "";

	# Note that we do realize this isn't the ideal way to do this, and are always
	# open to better suggestions (https://github.com/debuerreotype/debuerreotype/issues).
`),
    owner,
  );
  tree.file(
    '/etc/apt/apt.conf.d/docker-gzip-indexes',
    heredoc(`
	# Since Docker users using "RUN apt-get update && apt-get install -y ..." in
	# their Dockerfiles don't go delete the lists files afterwards, we want them to
	# be as small as possible on-disk, so we explicitly request that Apt keep them
	# compressed on-disk too instead of decompressing them.

	# For comparison, an "apt-get update" layer without this on a pristine
	# "debian:wheezy" base image was "29.88 MB", where with this it was only
	# "8.273 MB".

	Acquire::GzipIndexes "true";
`),
    owner,
  );
  tree.file(
    '/etc/apt/apt.conf.d/docker-no-languages',
    heredoc(`
	# In Docker, we don't often need the "Translations" files, so we're just wasting
	# time and space by downloading them, and this inhibits that.  For users that do
	# need them, it's a simple matter to delete this file and "apt-get update". :)

	Acquire::Languages "none";
`),
    owner,
  );
}

/** debuerreotype-debian-sources-list --deb822 (the non-snapshot form the images ship). */
export function writeSources(tree: Tree, suite: string, epoch: number): void {
  const stamp = new Date(epoch * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const keyring = '/usr/share/keyrings/debian-archive-keyring.gpg';
  tree.file(
    '/etc/apt/sources.list.d/debian.sources',
    [
      'Types: deb',
      `# http://snapshot.debian.org/archive/debian/${stamp}`,
      'URIs: http://deb.debian.org/debian',
      `Suites: ${suite} ${suite}-updates`,
      'Components: main',
      `Signed-By: ${keyring}`,
      '',
      'Types: deb',
      `# http://snapshot.debian.org/archive/debian-security/${stamp}`,
      'URIs: http://deb.debian.org/debian-security',
      `Suites: ${suite}-security`,
      'Components: main',
      `Signed-By: ${keyring}`,
      '',
    ].join('\n'),
    { mtime: epoch },
  );
}

const SLIM_EXCLUDES = ['/usr/share/doc/*', '/usr/share/groff/*', '/usr/share/info/*', '/usr/share/linda/*', '/usr/share/lintian/overrides/*', '/usr/share/locale/*', '/usr/share/man/*'];
const SLIM_INCLUDES = [
  '/usr/share/doc/*/copyright',
  '/usr/share/doc/kde/HTML/C/*',
  '/usr/share/gnome/help/*/C/*',
  '/usr/share/locale/all_languages',
  '/usr/share/locale/currency/*',
  '/usr/share/locale/l10n/*',
  '/usr/share/locale/languages',
  '/usr/share/locale/locale.alias',
  '/usr/share/omf/*/*-C.emf',
];

/** find -path semantics: '*' matches any characters, '/' included. */
function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/** debuerreotype-slimify, including the dpkg path-exclude config it writes. */
export function slimify(tree: Tree, debs: readonly Deb[], epoch: number): void {
  const includes = SLIM_INCLUDES.map(globToRegExp);
  const lines = ['# This is the "slim" variant of the Debian base image.', '# Many files which are normally unnecessary in containers are excluded,', '# and this configuration file keeps them that way.'];
  for (const exclude of [...SLIM_EXCLUDES].sort()) {
    const pattern = globToRegExp(exclude);
    const owners = debs.filter((deb) => deb.data.some((entry) => pattern.test(entry.path))).map(packageId);
    const listing = owners.length > 0 ? [...new Set(owners)].sort().join(' ') : `dpkg-query: no path found matching pattern ${exclude}`;
    lines.push('', `# dpkg -S '${exclude}'`, ...fold(listing, 76).map((line) => `#  ${line}`), `path-exclude ${exclude}`);
    const dir = exclude.slice(0, -2);
    if (!tree.has(dir)) continue;
    const below = [...tree.nodes.keys()].filter((path) => path.startsWith(`${dir}/`));
    for (const path of below) {
      const node = tree.get(path)!;
      if (node.kind === 'd' || node.kind === 'l' || includes.some((re) => re.test(path))) continue;
      tree.nodes.delete(path);
    }
    // Remove dangling symlinks and empty directories until there are none.
    for (let changed = true; changed; ) {
      changed = false;
      for (const path of [...tree.nodes.keys()].filter((p) => p.startsWith(`${dir}/`)).sort().reverse()) {
        const node = tree.get(path)!;
        const dangling = node.kind === 'l' && tree.resolve(path) === undefined;
        const empty = node.kind === 'd' && tree.children(path).length === 0;
        if (dangling || empty) {
          tree.nodes.delete(path);
          changed = true;
        }
      }
    }
  }
  lines.push('', ...[...SLIM_INCLUDES].sort().map((include) => `path-include ${include}`));
  tree.file('/etc/dpkg/dpkg.cfg.d/docker', `${lines.join('\n')}\n`, { mtime: epoch });
}

/** fold -w width -s */
function fold(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length + 1 > width && line !== '') {
      out.push(`${line} `.trimEnd());
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  return out;
}

export interface DebianRootfsOptions {
  suite: string;
  packages: readonly string[];
  /** The build's epoch (the snapshot time), seconds. */
  epoch: number;
  slim: boolean;
}

/** A whole Debian root filesystem, as debuerreotype's debian.sh builds it. */
export async function debianRootfs(options: DebianRootfsOptions): Promise<Tree> {
  const { epoch } = options;
  const tree = new Tree();
  for (const dir of MERGED_USR) {
    tree.dir(`/usr/${dir}`, { mtime: epoch });
    tree.symlink(`/${dir}`, `usr/${dir}`, epoch);
  }
  const debs = await unpack(tree, options.packages, { mergedUsr: true });
  writeDpkgDatabase(tree, debs, epoch);
  writeAlternatives(tree, debs, epoch, true);
  writeAccounts(tree, epoch);
  writeShells(tree, epoch);
  tree.symlink('/etc/localtime', '/usr/share/zoneinfo/Etc/UTC', epoch);
  tree.file('/etc/timezone', 'Etc/UTC\n', { mtime: epoch });
  writeLdSoCache(tree, epoch);
  writeDebconfCache(tree, debs, epoch);
  writeMinimizingConfig(tree, epoch);
  writeSources(tree, options.suite, epoch);
  // Logs are emptied for reproducibility; apt's caches and lists are not shipped.
  for (const log of ['/var/log/alternatives.log', '/var/log/dpkg.log', '/var/log/apt/eipp.log.xz']) tree.file(log, '', { mtime: epoch, mode: log.includes('eipp') ? 0o600 : 0o644 });
  for (const dir of ['/var/cache/apt', '/var/lib/apt/lists']) for (const path of tree.children(dir)) tree.remove(path);
  if (options.slim) slimify(tree, debs, epoch);
  tree.clampMtimes(epoch);
  return tree;
}
