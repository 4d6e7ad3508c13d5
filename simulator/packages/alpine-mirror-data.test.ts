/**
 * Checks the Alpine package mirror in public/catalog/packages/alpine-v3.20
 * (written by scripts/catalog/apk-mirror.ts): every dependency can be
 * satisfied inside the mirror, every contents file is there and well formed.
 */
import { describe, expect, it } from 'vitest';
import { expectProgram, expectUnpackable, readMirror, unsatisfiedDependencies } from '../testing/mirror-files';

/** What the minirootfs holds: these must be in the mirror with the image's versions. */
const MINIROOTFS: Record<string, string> = {
  'alpine-baselayout': '3.6.5-r0', 'alpine-baselayout-data': '3.6.5-r0', 'alpine-keys': '2.4-r1', 'apk-tools': '2.14.4-r1', busybox: '1.36.1-r29', 'busybox-binsh': '1.36.1-r29',
  'ca-certificates-bundle': '20240705-r0', libcrypto3: '3.3.2-r0', libssl3: '3.3.2-r0', musl: '1.2.5-r0', 'musl-utils': '1.2.5-r0', scanelf: '1.3.7-r2', ssl_client: '1.36.1-r29', zlib: '1.3.1-r1',
};

/** What a learner may `apk add` (some are provided by another package: procps, libc-dev, openssh-client). */
const REQUIRED = [
  'curl', 'wget', 'git', 'bash', 'vim', 'nano', 'jq', 'ca-certificates', 'tzdata', 'python3', 'py3-pip', 'nodejs', 'npm', 'nginx', 'openssl', 'iputils', 'iputils-ping',
  'procps-ng', 'procps', 'build-base', 'gcc', 'g++', 'make', 'musl-dev', 'libc-dev', 'binutils', 'file', 'patch', 'fortify-headers', 'less', 'htop', 'unzip', 'zip',
  'coreutils', 'findutils', 'grep', 'sed', 'tar', 'shadow', 'sudo', 'su-exec', 'tini', 'openssh-client', 'bind-tools',
];

describe('the Alpine v3.20 package mirror', () => {
  const mirror = readMirror('alpine-v3.20');
  const { index, names, contentsOf } = mirror;
  const provided = new Map<string, string[]>();
  for (const [name, info] of Object.entries(index.packages)) {
    for (const virtual of [name, ...(info.provides ?? [])]) provided.set(virtual, [...(provided.get(virtual) ?? []), name]);
  }

  it('is an apk mirror with main and community indexes', () => {
    expect(index.version).toBe(1);
    expect(index.format).toBe('apk');
    expect(index.indexFiles.map((f) => f.name)).toEqual([
      'https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz',
      'https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz',
    ]);
    for (const file of index.indexFiles) {
      expect(file.path).toMatch(/^\/var\/cache\/apk\/APKINDEX\.[0-9a-f]{8}\.tar\.gz$/);
      expect(file.description).toMatch(/^v3\.20\.\d+-\d+-g[0-9a-f]+ \[https:\/\/dl-cdn\.alpinelinux\.org\/alpine\/v3\.20\/(main|community)\]$/);
      expect(file.count).toBeGreaterThan(1000);
      expect(file.size).toBeGreaterThan(100_000);
    }
    // apk names its cache file by the first 4 bytes of the sha1 of the repository URL.
    expect(index.indexFiles[0]!.path).toBe('/var/cache/apk/APKINDEX.a7d0ee1f.tar.gz');
    expect(index.indexFiles[1]!.path).toBe('/var/cache/apk/APKINDEX.2064c4a0.tar.gz');
  });

  it('has the requested packages and the minirootfs ones at the image versions', () => {
    for (const name of REQUIRED) expect(provided.has(name), name).toBe(true);
    for (const [name, version] of Object.entries(MINIROOTFS)) expect(index.packages[name]?.version, name).toBe(version);
    expect(provided.get('libc-dev')).toEqual(['musl-dev']);
    expect(provided.get('procps')).toEqual(['procps-ng']);
    expect(provided.get('openssh-client')).toEqual(['openssh-client-default']);
  });

  it('satisfies every dependency inside the mirror', () => {
    expect(unsatisfiedDependencies(index)).toEqual([]);
  });

  it('has well-formed package information', () => {
    for (const [name, info] of Object.entries(index.packages)) {
      expect(['x86_64', 'noarch'], name).toContain(info.architecture);
      expect(['main', 'community'], name).toContain(info.origin);
      expect(info.summary.length, name).toBeGreaterThan(0);
      expect(info.contents, name).toBe(`${name}-${info.version}`);
      expect(info.size, name).toBeGreaterThan(0);
    }
  });

  it('has a contents file per package with sorted, unique paths and directories before their children', () => {
    for (const name of names) {
      const c = contentsOf(name);
      expect(c.version).toBe(1);
      expect(c.key, name).toBe(`apk-v3.20-${name}-${index.packages[name]!.version}`);
      expect(c.record, name).toContain(`\nP:${name}\nV:${index.packages[name]!.version}\n`);
      expect(c.record, name).not.toMatch(/^[FRaZ]:/m);
      expectUnpackable(name, c.entries);
    }
  });

  it('gives curl its program as a regular executable file', () => {
    expectProgram(mirror, 'curl', '/usr/bin/curl');
  });

  it('has installed sizes close to the bytes of the files', () => {
    for (const name of names) {
      const bytes = contentsOf(name).entries.reduce((sum, e) => sum + (e[0] === 'f' ? (e[6] as number) : 0), 0);
      const installed = index.packages[name]!.installedSize;
      expect(Math.abs(installed - bytes), `${name}: I ${installed}, files ${bytes}`).toBeLessThanOrEqual(Math.max(bytes * 0.25, 16 * 1024));
    }
  });

  it('never has two packages own the same file', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const name of names) {
      for (const [kind, path] of contentsOf(name).entries) {
        if (kind === 'd') continue;
        const other = owner.get(path);
        if (other) clashes.push(`${path}: ${other} and ${name}`);
        owner.set(path, name);
      }
    }
    expect(clashes).toEqual([]);
  });
});
