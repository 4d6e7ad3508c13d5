/**
 * Checks the Debian package mirror in public/catalog/packages/debian-bookworm
 * and its Ubuntu siblings (written by scripts/catalog/apt-mirror.ts): every
 * dependency can be satisfied inside the mirror, every contents file is there
 * and well formed, the catalog's Debian and Ubuntu images have their
 * installed packages in it at the same versions, and the engine's resolver
 * installs from it what real apt installs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogImage, CatalogLayer } from '../catalog/format';
import { parseStatus, providedNames } from './dpkg-database';
import { planInstall, providersOf } from './resolve';
import { CATALOG_ROOT as CATALOG, expectProgram, expectUnpackable, readMirror, unsatisfiedDependencies } from '../testing/mirror-files';

const readJson = <T,>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** What a learner may `apt-get install` (scripts/catalog/apt-mirror.ts REQUESTED). */
const REQUIRED = [
  'curl', 'wget', 'git', 'bash', 'vim', 'nano', 'jq', 'ca-certificates', 'tzdata', 'python3', 'python3-pip', 'python3-venv', 'nodejs', 'npm', 'nginx', 'openssl', 'iputils-ping',
  'procps', 'build-essential', 'less', 'unzip', 'zip', 'gnupg', 'htop', 'net-tools', 'iproute2', 'dnsutils', 'file', 'make', 'gcc', 'g++', 'sudo',
];

/** The dpkg status of a catalog image: its last layer that has one. */
function imageStatus(key: string): string {
  const image = readJson<CatalogImage>(join(CATALOG, 'images', `${key}.json`));
  let status = '';
  for (const ref of image.layers) {
    const layer = readJson<CatalogLayer>(join(CATALOG, 'layers', `${ref.diffId.slice('sha256:'.length)}.json`));
    const entry = layer.entries.find((e) => e[1] === '/var/lib/dpkg/status');
    if (entry?.[7] !== undefined) status = entry[7];
  }
  return status;
}

describe('the Debian bookworm package mirror', () => {
  const mirror = readMirror('debian-bookworm');
  const { index, names, contentsOf } = mirror;

  it('is a deb mirror with the lists apt-get update fetches on debian:bookworm', () => {
    expect(index.version).toBe(1);
    expect(index.format).toBe('deb');
    expect(index.indexFiles.map((f) => f.name)).toEqual([
      'http://deb.debian.org/debian bookworm InRelease',
      'http://deb.debian.org/debian bookworm-updates InRelease',
      'http://deb.debian.org/debian-security bookworm-security InRelease',
      'http://deb.debian.org/debian bookworm/main amd64 Packages',
      'http://deb.debian.org/debian bookworm-updates/main amd64 Packages',
      'http://deb.debian.org/debian-security bookworm-security/main amd64 Packages',
    ]);
    expect(index.indexFiles[0]!.path).toBe('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease');
    expect(index.indexFiles[3]!.path).toBe('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4');
    // The main Packages.xz is about 8.8 MB; apt keeps it recompressed as a bigger .lz4.
    expect(index.indexFiles[3]!.size).toBeGreaterThan(8_000_000);
    expect(index.indexFiles[3]!.storedSize).toBeGreaterThan(index.indexFiles[3]!.size);
  });

  it('has the requested packages', () => {
    for (const name of REQUIRED) expect(providersOf(index, name).length, name).toBeGreaterThan(0);
  });

  it('satisfies every dependency inside the mirror', () => {
    expect(unsatisfiedDependencies(index)).toEqual([]);
  });

  it('has well-formed package information whose origins are lists apt fetched', () => {
    const packagesFiles = index.indexFiles.filter((f) => f.name.endsWith(' Packages')).map((f) => f.name);
    for (const [name, info] of Object.entries(index.packages)) {
      expect(['amd64', 'all'], name).toContain(info.architecture);
      expect(['bookworm/main', 'bookworm-updates/main', 'bookworm-security/main'], name).toContain(info.origin);
      expect(packagesFiles.some((file) => file.includes(` ${info.origin} `)), name).toBe(true);
      expect(info.summary.length, name).toBeGreaterThan(0);
      expect(info.contents, name).toMatch(/^[A-Za-z0-9.+_-]+$/);
      expect(info.size, name).toBeGreaterThan(0);
    }
  });

  it('has the catalog images’ installed packages at the images’ versions', () => {
    for (const key of ['debian-bookworm', 'debian-bookworm-slim', 'ubuntu-24.04', 'ubuntu-22.04']) {
      const stanzas = parseStatus(imageStatus(key));
      expect(stanzas.length, key).toBeGreaterThan(50);
      for (const stanza of stanzas) {
        const name = stanza.fields.get('Package')!;
        expect(index.packages[name]?.version, `${key}: ${name}`).toBe(stanza.fields.get('Version'));
      }
    }
  });

  it('installs what apt-get install curl installs on debian:bookworm', () => {
    const installed = new Set(parseStatus(imageStatus('debian-bookworm')).flatMap(providedNames));
    const plan = planInstall(index, ['curl'], installed, { recommends: true });
    expect(plan.missing).toEqual([]);
    expect([...plan.order].sort()).toEqual([
      'ca-certificates', 'curl', 'krb5-locales', 'libbrotli1', 'libcurl4', 'libgssapi-krb5-2', 'libk5crypto3', 'libkeyutils1', 'libkrb5-3', 'libkrb5support0', 'libldap-2.5-0',
      'libldap-common', 'libnghttp2-14', 'libpsl5', 'librtmp1', 'libsasl2-2', 'libsasl2-modules', 'libsasl2-modules-db', 'libssh2-1', 'libssl3', 'openssl', 'publicsuffix',
    ]);
  });

  // Reads all 816 packages' contents files: seconds on a busy machine, so not the default 5 s limit.
  it('has a contents file per package with sorted, unique paths and directories before their children', { timeout: 60_000 }, () => {
    for (const name of names) {
      const c = contentsOf(name);
      const info = index.packages[name]!;
      expect(c.version).toBe(1);
      expect(c.key, name).toBe(`deb-bookworm-${name}_${info.version}`);
      expect(c.record.startsWith(`Package: ${name}\n`), name).toBe(true);
      expect(c.record, name).toContain(`\nVersion: ${info.version}\n`);
      expect(c.record, name).not.toMatch(/^Status:/m);
      expect(Object.keys(c.info ?? {}), name).not.toContain('list');
      expectUnpackable(name, c.entries);
      expectUnpackable(name, c.configured ?? []);
      // Merged /usr: nothing under /bin, /sbin, /lib, /lib64 themselves.
      expect(c.entries.filter((e) => /^\/(bin|sbin|lib|lib64)(\/|$)/.test(e[1])).map((e) => e[1]), name).toEqual([]);
    }
  });

  it('gives curl its program as a regular executable file', () => {
    expectProgram(mirror, 'curl', '/usr/bin/curl');
  });

  it('configures what the maintainer scripts configure', () => {
    const vim = contentsOf('vim');
    expect(vim.configured).toContainEqual(expect.arrayContaining(['l', '/usr/bin/vi', 0o777, 0, 0, expect.any(Number), '/etc/alternatives/vi']));
    expect(vim.configured).toContainEqual(expect.arrayContaining(['l', '/etc/alternatives/vi', 0o777, 0, 0, expect.any(Number), '/usr/bin/vim.basic']));
    expect(vim.messages).toContain('update-alternatives: using /usr/bin/vim.basic to provide /usr/bin/editor (editor) in auto mode');
    const certs = contentsOf('ca-certificates');
    expect(certs.messages?.[0]).toBe('Updating certificates in /etc/ssl/certs...');
    expect(certs.messages?.[1]).toMatch(/^1\d\d added, 0 removed; done\.$/);
    expect(certs.configured?.find((e) => e[1] === '/etc/ssl/certs/ca-certificates.crt')?.[6]).toBeGreaterThan(150_000);
    expect(certs.activates).toEqual(['ca-certificates']);
    expect(contentsOf('tzdata').configured?.find((e) => e[1] === '/etc/localtime')?.[6]).toBe('/usr/share/zoneinfo/Etc/UTC');
    expect(contentsOf('libcurl4').activates).toEqual(['libc-bin']);
  });

  it('keeps the text of small configuration files and the dpkg control files', () => {
    const nanorc = contentsOf('nano').entries.find((e) => e[1] === '/etc/nanorc');
    expect(nanorc?.[7]).toContain('nano');
    expect(contentsOf('curl').info?.md5sums).toMatch(/^[0-9a-f]{32} {2}usr\/bin\/curl$/m);
    const record = contentsOf('nginx-common').record;
    expect(record).toMatch(/^Conffiles:$/m);
    expect(record).toMatch(/^ \/etc\/nginx\/nginx\.conf [0-9a-f]{32}$/m);
  });
});

describe('the Ubuntu package mirrors', () => {
  const debian = readMirror('debian-bookworm').index;
  for (const [codename, version] of [['noble', '24.04'], ['jammy', '22.04']] as const) {
    it(`ubuntu-${codename} has bookworm's packages under Ubuntu's archive names`, () => {
      const { index } = readMirror(`ubuntu-${codename}`);
      expect(index.format).toBe('deb');
      expect(index.indexFiles[0]!.name).toBe(`http://archive.ubuntu.com/ubuntu ${codename} InRelease`);
      expect(Object.keys(index.packages)).toEqual(Object.keys(debian.packages));
      const packagesFiles = index.indexFiles.filter((f) => f.name.endsWith(' Packages')).map((f) => f.name);
      for (const [name, info] of Object.entries(index.packages)) {
        expect(info.contents, name).toBe(`../debian-bookworm/${debian.packages[name]!.contents}`);
        expect(existsSync(join(CATALOG, 'packages', `ubuntu-${codename}`, `${info.contents}.json`)), name).toBe(true);
        expect(packagesFiles.some((file) => file.includes(` ${info.origin} `)), `${name}: ${info.origin}`).toBe(true);
      }
      expect(index.packages.nodejs?.origin).toBe(`${codename}/universe`);
      expect(index.packages.curl?.origin).toBe(`${codename}/main`);
      // Every package of the ubuntu image is known, so apt says it is already installed.
      for (const stanza of parseStatus(imageStatus(`ubuntu-${version}`))) expect(index.packages[stanza.fields.get('Package')!], stanza.text).toBeDefined();
    });
  }
});
