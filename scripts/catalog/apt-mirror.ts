/**
 * The Debian package mirror the simulated `apt-get` and `apt` of the Debian
 * and Ubuntu containers install from (simulator/packages/format.ts):
 *
 *   npx tsx scripts/catalog/apt-mirror.ts      (generate.ts runs it last)
 *
 * writes public/catalog/packages/debian-bookworm/index.json and one contents
 * file per package (<name>.json), and the index.json of ubuntu-noble and
 * ubuntu-jammy, whose packages are the same bookworm ones (like the images,
 * see ubuntu.ts) under Ubuntu's archive names.
 *
 * Real (from the .debs pinned in packages.lock.json and apt's own lists):
 * - which packages: what `apt-get install <one of REQUESTED>` would newly
 *   install on each of the catalog's debian:bookworm, bookworm-slim,
 *   ubuntu:24.04 and ubuntu:22.04, with and without Recommends (resolved as
 *   the engine's apt resolves, debs.ts resolveInstall), plus every package
 *   those images have installed (so apt can say it is already the newest);
 * - versions, sizes, sections, priorities and which suite each comes from
 *   (the first of apt's lists that has the pinned version); relations;
 * - each package's files (merged-/usr paths, as the images are unpacked),
 *   its dpkg record (the control fields in dpkg's order, with Conffiles) and
 *   the control files dpkg keeps in /var/lib/dpkg/info;
 * - what configuring does, derived from the maintainer scripts: the links
 *   and files of `update-alternatives --install` and its message (none with
 *   --quiet), `deb-systemd-helper enable` (its "Created symlink" lines),
 *   `update-rc.d … defaults` (the rc?.d links), `invoke-rc.d … start` (which
 *   the images' policy-rc.d denies); ca-certificates' /etc/ssl/certs (one
 *   link per certificate, OpenSSL's subject-hash links, the bundle) and
 *   /etc/ca-certificates.conf; tzdata's /etc/localtime and /etc/timezone;
 * - which triggers installing a package activates: its `activate` lines and
 *   dpkg-trigger calls, and the file triggers whose directories it ships into
 *   (libc-bin's ldconfig, ca-certificates, libglib2.0-0's schemas…);
 * - apt-get update's downloads on debian:bookworm: the InRelease and
 *   Packages files of this machine's lists (Packages: the .xz size its
 *   InRelease names, stored as the .lz4 apt keeps).
 *
 * Approximated or left out:
 * - messages that are not derived from a script line by line are written
 *   here (MESSAGES); tzdata's two "Local time is now" lines are left out
 *   (their date is the moment of the install, which a static message cannot
 *   say); debconf's frontend warnings and accounts that postinst scripts add
 *   (messagebus, _ssh) are not reproduced; Python's byte-compilation
 *   (__pycache__) is not in `configured`;
 * - among several providers of a virtual package, the first by name is taken
 *   (libfile-desktopentry-perl's Recommends: x-terminal-emulator gives
 *   alacritty);
 * - Ubuntu: components (main, universe) from a short list of what is in
 *   universe, the index files' sizes from real `apt-get update` logs of the
 *   ubuntu images (not measured here), and everything else Debian's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogEntry, CatalogImage, CatalogLayer } from '../../simulator/catalog/format';
import { PACKAGES_VERSION, type IndexFile, type MirrorIndex, type PackageContents, type PackageInfo } from '../../simulator/packages/format';
import { aptLists, debPath, listedStanza, locked, parseStanza, readDeb, relationGroups, resolveInstall, saveLock, type Deb } from './debs';
import { alternativesOf, dpkgRecord, mergedPath, unpack, writeAlternatives } from './debian';
import { defaultTextPolicy } from './layers';
import { Tree, asText } from './tree';

const CATALOG = new URL('../../public/catalog/', import.meta.url).pathname;
const PACKAGES = join(CATALOG, 'packages');

/** What a learner is expected to `apt-get install`. */
export const REQUESTED = [
  'curl', 'wget', 'git', 'bash', 'vim', 'nano', 'jq', 'ca-certificates', 'tzdata', 'python3', 'python3-pip', 'python3-venv', 'nodejs', 'npm', 'nginx', 'openssl', 'iputils-ping',
  'procps', 'build-essential', 'less', 'unzip', 'zip', 'gnupg', 'htop', 'net-tools', 'iproute2', 'dnsutils', 'file', 'make', 'gcc', 'g++', 'sudo',
];

/** The catalog images (public/catalog/images/<key>.json) whose apt installs from these mirrors. */
const BASE_IMAGES = ['debian-bookworm', 'debian-bookworm-slim', 'ubuntu-24.04', 'ubuntu-22.04'];

// ---------------------------------------------------------------- the package set

/** Packages in an image's dpkg status (its last layer that has one), by name, with what they provide. */
function installedIn(imageKey: string): { packages: Map<string, string>; provided: Set<string> } {
  const image = JSON.parse(readFileSync(join(CATALOG, 'images', `${imageKey}.json`), 'utf8')) as CatalogImage;
  let status: string | undefined;
  for (const ref of image.layers) {
    const layer = JSON.parse(readFileSync(join(CATALOG, 'layers', `${ref.diffId.slice('sha256:'.length)}.json`), 'utf8')) as CatalogLayer;
    const entry = layer.entries.find((e) => e[1] === '/var/lib/dpkg/status');
    if (entry) status = entry[7];
  }
  if (status === undefined) throw new Error(`${imageKey}: no /var/lib/dpkg/status text in its layers (regenerate the catalog)`);
  const packages = new Map<string, string>();
  const provided = new Set<string>();
  for (const block of status.split(/\n\n+/)) {
    const stanza = parseStanza(block);
    if (!stanza.Package || stanza.Status !== 'install ok installed') continue;
    packages.set(stanza.Package, stanza.Version);
    provided.add(stanza.Package);
    for (const [virtual] of relationGroups(stanza.Provides)) provided.add(virtual!);
  }
  return { packages, provided };
}

/** The mirror's packages: the images' own, and every install of a requested package on each image. */
function mirrorPackages(): string[] {
  const all = new Set<string>();
  for (const key of BASE_IMAGES) {
    const { packages, provided } = installedIn(key);
    for (const [name, version] of packages) {
      // The image must have been built from the pinned .debs, or "already the newest version" would name another version.
      if (locked(name).version !== version) throw new Error(`${key} has ${name} ${version}, packages.lock.json pins ${locked(name).version}`);
      all.add(name);
    }
    for (const recommends of [true, false]) for (const root of REQUESTED) for (const name of resolveInstall([root], { installed: provided, recommends })) all.add(name);
  }
  return [...all].sort();
}

// ---------------------------------------------------------------- index

/** The contents file of a package (below the mirror, without .json). */
function contentsName(name: string): string {
  return name.replace(/[^A-Za-z0-9.+_-]/g, '_');
}

function packageInfo(deb: Deb): PackageInfo {
  const control = deb.control;
  const { stanza, origin } = listedStanza(deb.name);
  const size = statSync(debPath(deb.name)).size;
  if (stanza.Size !== undefined && Number(stanza.Size) !== size) throw new Error(`${deb.name}: the .deb has ${size} bytes, apt's list says ${stanza.Size}`);
  const groups = (field: string | undefined) => {
    const found = relationGroups(field);
    return found.length > 0 ? found : undefined;
  };
  const provides = relationGroups(control.Provides).map(([name]) => name!);
  const info: PackageInfo = {
    version: deb.version,
    architecture: control.Architecture!,
    summary: (control.Description ?? '').split('\n')[0]!.trim(),
    origin,
    // apt shows the archive's Section and Priority (its override file), which may differ from the .deb's.
    section: stanza.Section ?? control.Section,
    priority: stanza.Priority ?? control.Priority,
    ...(control.Essential === 'yes' ? { essential: true } : {}),
    ...(control['Multi-Arch'] ? { multiArch: control['Multi-Arch'] } : {}),
    size,
    installedSize: Number(control['Installed-Size'] ?? 0) * 1024,
    depends: relationGroups([control['Pre-Depends'], control.Depends].filter(Boolean).join(',')),
    ...(groups(control.Recommends) ? { recommends: groups(control.Recommends) } : {}),
    ...(groups(control.Suggests) ? { suggests: groups(control.Suggests) } : {}),
    ...(provides.length > 0 ? { provides } : {}),
    ...(stanza.Filename ? { filename: stanza.Filename } : {}),
    contents: contentsName(deb.name),
  };
  return info;
}

/** What `apt-get update` fetches on debian:bookworm, from this machine's lists (the same sources). */
function debianIndexFiles(): IndexFile[] {
  const lists = aptLists();
  const releases: IndexFile[] = [];
  const packages: IndexFile[] = [];
  for (const list of lists) {
    // http://deb.debian.org/debian bookworm/main amd64 Packages → …/debian bookworm InRelease, kept as …_dists_bookworm_InRelease.
    const [uri, target] = list.description.split(' ') as [string, string];
    const [suite, component] = target.split('/') as [string, string];
    const releasePath = list.path.replace(/_dists_.*$/, `_dists_${suite}_InRelease`);
    const release = readFileSync(releasePath, 'utf8');
    const xz = new RegExp(`^ [0-9a-f]{64}\\s+(\\d+) ${component}/binary-amd64/Packages\\.xz$`, 'm').exec(release);
    if (!xz) throw new Error(`${releasePath} names no ${component}/binary-amd64/Packages.xz`);
    const releaseSize = statSync(releasePath).size;
    releases.push({ name: `${uri} ${suite} InRelease`, size: releaseSize, path: releasePath, storedSize: releaseSize });
    packages.push({ name: list.description, size: Number(xz[1]), path: list.path, storedSize: statSync(list.path).size });
  }
  return [...releases, ...packages];
}

// ---------------------------------------------------------------- contents

/** The package's archive unpacked as on a merged-/usr system. */
async function archiveTree(deb: Deb): Promise<Tree> {
  const tree = new Tree();
  await unpack(tree, [deb.name], { mergedUsr: true });
  return tree;
}

/** The control files dpkg keeps in /var/lib/dpkg/info, as text (the .list is the runtime's). */
function infoFiles(deb: Deb): Record<string, string> | undefined {
  const info: Record<string, string> = {};
  for (const [name, bytes] of [...deb.controlFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const text = asText(bytes);
    if (text !== undefined) info[name] = text;
  }
  return Object.keys(info).length > 0 ? info : undefined;
}

function text(deb: Deb, control: string): string {
  const bytes = deb.controlFiles.get(control);
  return bytes ? new TextDecoder().decode(bytes) : '';
}

/** The script with its continuation lines joined and comment lines dropped. */
function scriptLines(script: string): string[] {
  return script
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line));
}

interface Configured {
  tree: Tree;
  messages: string[];
}

/** update-alternatives: the links and /var/lib/dpkg/alternatives/<name> of each alternative, and its line unless --quiet. */
function configureAlternatives(deb: Deb, archive: Tree, out: Configured, epoch: number): void {
  const alternatives = alternativesOf(deb);
  if (alternatives.length === 0) return;
  writeAlternatives(out.tree, [deb], epoch, true, (path) => archive.has(path) || out.tree.has(path));
  out.tree.remove('/etc/alternatives/README');
  for (const alt of alternatives) {
    if (!alt.quiet && archive.has(mergedPath(alt.path))) out.messages.push(`update-alternatives: using ${alt.path} to provide ${alt.link} (${alt.name}) in auto mode`);
  }
}

/** A systemd unit's [Install] section: its WantedBy, RequiredBy, Alias and Also. */
function installSection(unit: string): Map<string, string[]> {
  const section = /^\[Install\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(unit)?.[1] ?? '';
  const keys = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const match = /^\s*(WantedBy|RequiredBy|Alias|Also)\s*=\s*(.*)$/.exec(line);
    if (match) keys.set(match[1]!, [...(keys.get(match[1]!) ?? []), ...match[2]!.trim().split(/\s+/).filter(Boolean)]);
  }
  return keys;
}

/**
 * `deb-systemd-helper [--user] enable '<unit>'`, as on a first install: a
 * link per WantedBy/RequiredBy (and Alias) of the unit, found where
 * deb-systemd-helper looks (the path as the package ships it), and its
 * "Created symlink" line.
 */
function configureSystemd(deb: Deb, out: Configured, epoch: number): void {
  for (const line of scriptLines(text(deb, 'postinst'))) {
    const match = /deb-systemd-helper\s+(--user\s+)?enable\s+'?([^'\s]+)'?/.exec(line);
    if (!match) continue;
    const user = match[1] !== undefined;
    const enable = (unit: string, seen: Set<string>): void => {
      if (seen.has(unit)) return;
      seen.add(unit);
      const dirs = user ? ['/usr/lib/systemd/user'] : ['/lib/systemd/system', '/usr/lib/systemd/system'];
      const file = deb.data.find((entry) => entry.type === 'file' && dirs.some((dir) => entry.path === `${dir}/${unit}`));
      if (!file?.data) return;
      const install = installSection(new TextDecoder().decode(file.data));
      const etc = user ? '/etc/systemd/user' : '/etc/systemd/system';
      const links = [...(install.get('WantedBy') ?? []).map((target) => `${etc}/${target}.wants/${unit}`), ...(install.get('RequiredBy') ?? []).map((target) => `${etc}/${target}.requires/${unit}`), ...(install.get('Alias') ?? []).map((alias) => `${etc}/${alias}`)];
      for (const link of links) {
        out.tree.symlink(link, file.path, epoch);
        out.messages.push(`Created symlink ${link} → ${file.path}.`);
      }
      for (const also of install.get('Also') ?? []) enable(also, seen);
    };
    enable(match[2]!, new Set());
  }
}

/**
 * `update-rc.d <script> defaults` without insserv: S01/K01 links in the
 * runlevels of the init script's LSB header.
 */
function configureSysvInit(deb: Deb, out: Configured, epoch: number): void {
  for (const line of scriptLines(text(deb, 'postinst'))) {
    const match = /update-rc\.d\s+(\S+)\s+defaults\b/.exec(line);
    if (!match) continue;
    const name = match[1]!;
    const script = deb.data.find((entry) => entry.path === `/etc/init.d/${name}` && entry.type === 'file')?.data;
    if (!script) continue;
    const header = new TextDecoder().decode(script);
    const levels = (field: string) => (new RegExp(`^#[ \\t]*${field}:[ \\t]*(.*)$`, 'm').exec(header)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
    for (const level of levels('Default-Start')) out.tree.symlink(`/etc/rc${level}.d/S01${name}`, `../init.d/${name}`, epoch);
    for (const level of levels('Default-Stop')) out.tree.symlink(`/etc/rc${level}.d/K01${name}`, `../init.d/${name}`, epoch);
  }
}

/**
 * `invoke-rc.d <script> start` (debhelper's `$_dh_action` is start on a
 * first install): in a container it cannot tell the runlevel, and the
 * image's policy-rc.d (exit 101) denies it.
 */
function configureServiceStart(deb: Deb, out: Configured): void {
  const actions = scriptLines(text(deb, 'postinst'))
    .map((line) => /invoke-rc\.d\s+(?:--skip-systemd-native\s+)?[^\s-]\S*\s+(start|restart|\$_dh_action)\b/.exec(line)?.[1])
    .filter((action): action is string => action !== undefined);
  if (actions.length === 0) return;
  const action = actions.some((a) => a !== 'restart') ? 'start' : 'restart';
  out.messages.push('invoke-rc.d: could not determine current runlevel', `invoke-rc.d: policy-rc.d denied execution of ${action}.`);
}

/** OpenSSL's subject hash of a certificate (what `openssl rehash` names its link after). */
function subjectHash(pem: Uint8Array): string {
  return execFileSync('openssl', ['x509', '-noout', '-subject_hash'], { input: pem, encoding: 'utf8' }).trim();
}

/**
 * ca-certificates' postinst: /etc/ca-certificates.conf listing every
 * certificate (new file), then update-ca-certificates: a .pem link per
 * certificate, the bundle, OpenSSL's hash links.
 */
function configureCaCertificates(deb: Deb, out: Configured, epoch: number): void {
  const certs = deb.data.filter((e) => e.type === 'file' && /^\/usr\/share\/ca-certificates\/.+\.crt$/.test(e.path));
  const names = certs.map((cert) => cert.path.slice('/usr/share/ca-certificates/'.length)).sort();
  const header = /cat > \/etc\/ca-certificates\.conf <<EOF\n([\s\S]*?)\nEOF/.exec(text(deb, 'postinst'))?.[1];
  if (header === undefined) throw new Error('ca-certificates: its postinst no longer writes /etc/ca-certificates.conf as expected');
  out.tree.file('/etc/ca-certificates.conf', `${header}\n${names.join('\n')}\n`, { mtime: epoch });
  let bundle = 0;
  const hashes = new Map<string, number>();
  for (const name of names) {
    const cert = certs.find((c) => c.path === `/usr/share/ca-certificates/${name}`)!;
    const pem = `${name.slice(name.lastIndexOf('/') + 1, -'.crt'.length)}.pem`;
    out.tree.symlink(`/etc/ssl/certs/${pem}`, cert.path, epoch);
    // The bundle is each certificate with a newline added where it lacks one (sed '$a\').
    bundle += cert.size + (cert.data![cert.size - 1] === 0x0a ? 0 : 1);
    const hash = subjectHash(cert.data!);
    const n = hashes.get(hash) ?? 0;
    hashes.set(hash, n + 1);
    out.tree.symlink(`/etc/ssl/certs/${hash}.${n}`, pem, epoch);
  }
  out.tree.sizedFile('/etc/ssl/certs/ca-certificates.crt', bundle, { mtime: epoch });
  out.messages.push('Updating certificates in /etc/ssl/certs...', `${names.length} added, 0 removed; done.`);
}

/** tzdata's postinst with debconf's default answer (Etc/UTC), without the two lines that tell the time of the install. */
function configureTzdata(out: Configured, epoch: number): void {
  out.tree.symlink('/etc/localtime', '/usr/share/zoneinfo/Etc/UTC', epoch);
  out.tree.file('/etc/timezone', 'Etc/UTC\n', { mtime: epoch });
  out.messages.push('', "Current default time zone: 'Etc/UTC'", "Run 'dpkg-reconfigure tzdata' if you wish to change it.", '');
}

/** Lines maintainer scripts print that are not derived above (read from the scripts named). */
const MESSAGES: Record<string, string[]> = {
  // python3's postinst, unless DEBIAN_FRONTEND=noninteractive.
  python3: ['running python rtupdate hooks for python3.11...', 'running python post-rtupdate hooks for python3.11...'],
};

/** What configuring the package adds, and what it prints, in the order its postinst does it. */
function configure(deb: Deb, archive: Tree, epoch: number): Configured {
  const out: Configured = { tree: new Tree(), messages: [] };
  if (deb.name === 'ca-certificates') configureCaCertificates(deb, out, epoch);
  if (deb.name === 'tzdata') configureTzdata(out, epoch);
  configureAlternatives(deb, archive, out, epoch);
  configureSysvInit(deb, out, epoch);
  configureSystemd(deb, out, epoch);
  configureServiceStart(deb, out);
  out.messages.push(...(MESSAGES[deb.name] ?? []));
  return out;
}

// ---------------------------------------------------------------- triggers

interface TriggerIndex {
  /** Named triggers (ldconfig, update-ca-certificates) → the packages interested. */
  named: Map<string, string[]>;
  /** File triggers: directory → the packages interested. */
  files: Map<string, string[]>;
}

/** Every `interest` line of the mirror's packages. */
function triggerIndex(debs: readonly Deb[]): TriggerIndex {
  const index: TriggerIndex = { named: new Map(), files: new Map() };
  for (const deb of debs) {
    for (const line of text(deb, 'triggers').split('\n')) {
      const match = /^\s*interest(?:-await|-noawait)?\s+(\S+)/.exec(line);
      if (!match) continue;
      const map = match[1]!.startsWith('/') ? index.files : index.named;
      map.set(match[1]!, [...(map.get(match[1]!) ?? []), deb.name]);
    }
  }
  return index;
}

/**
 * The packages whose triggers installing `deb` activates: its `activate`
 * lines (libc-bin for ldconfig), the dpkg-trigger calls of its postinst
 * (ca-certificates triggers itself), and the file triggers of other
 * packages on directories it ships files into.
 */
function activates(deb: Deb, triggers: TriggerIndex): string[] | undefined {
  const found = new Set<string>();
  for (const line of text(deb, 'triggers').split('\n')) {
    const match = /^\s*activate(?:-await|-noawait)?\s+(\S+)/.exec(line);
    if (match) for (const owner of triggers.named.get(match[1]!) ?? []) found.add(owner);
  }
  for (const line of scriptLines(text(deb, 'postinst'))) {
    const match = /^\s*dpkg-trigger\s+(?:--no-await\s+)?(\S+)\s*$/.exec(line);
    if (match) for (const owner of triggers.named.get(match[1]!) ?? []) found.add(owner);
  }
  for (const entry of deb.data) {
    if (entry.type === 'directory') continue;
    for (const path of new Set([entry.path, mergedPath(entry.path)])) {
      for (const [dir, owners] of triggers.files) if (path.startsWith(`${dir}/`)) for (const owner of owners) if (owner !== deb.name) found.add(owner);
    }
  }
  return found.size > 0 ? [...found].sort() : undefined;
}

// ---------------------------------------------------------------- writing

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value));
}

/** Removes the files of a mirror directory not written this time. */
function prune(dir: string, keep: ReadonlySet<string>): void {
  for (const file of readdirSync(dir)) if (!keep.has(file)) rmSync(join(dir, file));
}

async function writeDebianMirror(names: readonly string[]): Promise<MirrorIndex> {
  const dir = join(PACKAGES, 'debian-bookworm');
  mkdirSync(dir, { recursive: true });
  const debs: Deb[] = [];
  for (const name of names) debs.push(await readDeb(name));
  const triggers = triggerIndex(debs);
  const index: MirrorIndex = { version: PACKAGES_VERSION, format: 'deb', indexFiles: debianIndexFiles(), packages: {} };
  const written = new Set(['index.json']);
  for (const deb of debs) {
    const info = packageInfo(deb);
    index.packages[deb.name] = info;
    const archive = await archiveTree(deb);
    // What configuring creates is dated like the archive's newest file (no install time is known).
    const epoch = Math.max(0, ...deb.data.map((entry) => entry.mtime));
    const configured = configure(deb, archive, epoch);
    const contents: PackageContents = {
      version: PACKAGES_VERSION,
      key: `deb-bookworm-${deb.name}_${deb.version}`,
      entries: archive.entries(defaultTextPolicy),
      record: dpkgRecord(deb),
      ...(infoFiles(deb) ? { info: infoFiles(deb) } : {}),
    };
    const configuredEntries: CatalogEntry[] = configured.tree.entries(defaultTextPolicy);
    if (configuredEntries.length > 0) contents.configured = configuredEntries;
    if (configured.messages.length > 0) contents.messages = configured.messages;
    const activated = activates(deb, triggers);
    if (activated) contents.activates = activated;
    writeJson(join(dir, `${info.contents}.json`), contents);
    written.add(`${info.contents}.json`);
  }
  writeJson(join(dir, 'index.json'), index);
  prune(dir, written);
  return index;
}

// ---------------------------------------------------------------- ubuntu

interface UbuntuMirror {
  codename: string;
  /** Components in the order the image's sources list them. */
  components: string[];
  /** Real `apt-get update` sizes of an ubuntu:<version> container (kB as apt prints them, × 1000). */
  releaseSizes: Record<string, number>;
  packageSizes: Record<string, number>;
  /** Packages Ubuntu has in universe rather than main (besides node-*). */
  universe: ReadonlySet<string>;
}

/** Node.js and its npm world, the JavaScript libraries only they need, alacritty: universe in both releases. */
const UNIVERSE_COMMON = [
  'alacritty', 'eslint', 'gyp', 'handlebars', 'libjs-async', 'libjs-events', 'libjs-inherits', 'libjs-is-typedarray', 'libjs-prettify', 'libjs-regenerate', 'libjs-source-map', 'libjs-sprintf-js',
  'libjs-typedarray-to-buffer', 'libjs-util', 'libnode-dev', 'libnode108', 'nodejs', 'nodejs-doc', 'npm', 'terser', 'webpack',
];

const NOBLE: UbuntuMirror = {
  codename: 'noble',
  components: ['main', 'universe', 'restricted', 'multiverse'],
  releaseSizes: { noble: 256_000, 'noble-security': 126_000, 'noble-updates': 126_000, 'noble-backports': 126_000 },
  packageSizes: {
    'noble-security/main': 1_193_000, 'noble-security/universe': 1_525_000, 'noble-security/restricted': 1_721_000, 'noble-security/multiverse': 50_000,
    'noble/main': 1_808_000, 'noble/universe': 19_300_000, 'noble/restricted': 117_000, 'noble/multiverse': 331_000,
    'noble-updates/main': 1_522_000, 'noble-updates/universe': 2_146_000, 'noble-updates/restricted': 1_838_000, 'noble-updates/multiverse': 55_800,
    'noble-backports/main': 48_900, 'noble-backports/universe': 35_900,
  },
  // jq moved to main for noble.
  universe: new Set(UNIVERSE_COMMON),
};

const JAMMY: UbuntuMirror = {
  codename: 'jammy',
  components: ['main', 'restricted', 'universe', 'multiverse'],
  releaseSizes: { jammy: 270_000, 'jammy-security': 129_000, 'jammy-updates': 128_000, 'jammy-backports': 127_000 },
  packageSizes: {
    'jammy-security/main': 1_858_000, 'jammy-security/restricted': 2_395_000, 'jammy-security/universe': 1_084_000, 'jammy-security/multiverse': 44_700,
    'jammy/main': 1_792_000, 'jammy/restricted': 164_000, 'jammy/universe': 17_500_000, 'jammy/multiverse': 266_000,
    'jammy-updates/main': 2_129_000, 'jammy-updates/restricted': 2_468_000, 'jammy-updates/universe': 1_377_000, 'jammy-updates/multiverse': 51_100,
    'jammy-backports/main': 81_000, 'jammy-backports/universe': 31_800,
  },
  universe: new Set([...UNIVERSE_COMMON, 'jq', 'libjq1', 'libonig5']),
};

/**
 * Ubuntu's `apt-get update`: the four InRelease files, then the Packages
 * files (security's first, from its own host, then the archive's by suite),
 * kept gzipped: Ubuntu's image asks for .gz lists (docker-gzip-indexes).
 */
function ubuntuIndexFiles(mirror: UbuntuMirror): IndexFile[] {
  const c = mirror.codename;
  const host = (suite: string) => (suite.endsWith('-security') ? 'security.ubuntu.com' : 'archive.ubuntu.com');
  const files: IndexFile[] = [];
  for (const suite of [c, `${c}-security`, `${c}-updates`, `${c}-backports`]) {
    const size = mirror.releaseSizes[suite]!;
    files.push({ name: `http://${host(suite)}/ubuntu ${suite} InRelease`, size, path: `/var/lib/apt/lists/${host(suite)}_ubuntu_dists_${suite}_InRelease`, storedSize: size });
  }
  for (const suite of [`${c}-security`, c, `${c}-updates`, `${c}-backports`]) {
    for (const component of mirror.components) {
      const size = mirror.packageSizes[`${suite}/${component}`];
      if (size === undefined) continue;
      files.push({
        name: `http://${host(suite)}/ubuntu ${suite}/${component} amd64 Packages`,
        size,
        path: `/var/lib/apt/lists/${host(suite)}_ubuntu_dists_${suite}_${component}_binary-amd64_Packages.gz`,
        storedSize: size,
      });
    }
  }
  return files;
}

function writeUbuntuMirror(mirror: UbuntuMirror, debian: MirrorIndex): void {
  const dir = join(PACKAGES, `ubuntu-${mirror.codename}`);
  mkdirSync(dir, { recursive: true });
  const packages: Record<string, PackageInfo> = {};
  for (const [name, info] of Object.entries(debian.packages)) {
    const component = name.startsWith('node-') || mirror.universe.has(name) ? 'universe' : 'main';
    packages[name] = { ...info, origin: `${mirror.codename}/${component}`, contents: `../debian-bookworm/${info.contents}` };
  }
  const index: MirrorIndex = { version: PACKAGES_VERSION, format: 'deb', indexFiles: ubuntuIndexFiles(mirror), packages };
  writeJson(join(dir, 'index.json'), index);
  prune(dir, new Set(['index.json']));
}

/** Writes the three mirrors (after the catalog's images: the package set comes from them). */
export async function writeAptMirrors(): Promise<void> {
  const started = Date.now();
  const names = mirrorPackages();
  const debian = await writeDebianMirror(names);
  writeUbuntuMirror(NOBLE, debian);
  writeUbuntuMirror(JAMMY, debian);
  console.error(`apt mirrors: ${names.length} packages, ${Date.now() - started} ms`);
}

if (process.argv[1] && new URL(import.meta.url).pathname === resolve(process.argv[1])) {
  if (!existsSync(join(CATALOG, 'index.json'))) throw new Error('no catalog: run scripts/catalog/generate.ts first');
  await writeAptMirrors();
  saveLock();
}
