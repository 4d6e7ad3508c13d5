/**
 * Checks the Alpine package mirror in public/catalog/packages/alpine-v3.20
 * (written by scripts/catalog/apk-mirror.ts): every dependency can be
 * satisfied inside the mirror, every contents file is there and well formed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../catalog/format';
import type { MirrorIndex, PackageContents } from './format';

const ROOT = new URL('../../public/catalog/packages/alpine-v3.20/', import.meta.url).pathname;
const present = existsSync(join(ROOT, 'index.json'));

const readJson = <T,>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

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

const parentOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

describe.skipIf(!present)('the Alpine v3.20 package mirror', () => {
  const index = present ? readJson<MirrorIndex>('index.json') : ({ version: 1, format: 'apk', indexFiles: [], packages: {} } as MirrorIndex);
  const names = Object.keys(index.packages);
  const provided = new Map<string, string[]>();
  for (const [name, info] of Object.entries(index.packages)) {
    for (const virtual of [name, ...(info.provides ?? [])]) provided.set(virtual, [...(provided.get(virtual) ?? []), name]);
  }
  const contents = new Map<string, PackageContents>();
  const contentsOf = (name: string): PackageContents => {
    let c = contents.get(name);
    if (!c) {
      c = readJson<PackageContents>(`${index.packages[name]!.contents}.json`);
      contents.set(name, c);
    }
    return c;
  };

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
    const missing: string[] = [];
    for (const [name, info] of Object.entries(index.packages)) {
      for (const group of info.depends) if (!group.some((alt) => provided.has(alt))) missing.push(`${name}: ${group.join(' | ')}`);
    }
    expect(missing).toEqual([]);
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
      for (const list of [c.entries, c.configured ?? []]) {
        const seen = new Map<string, CatalogEntry>();
        let previous = '';
        for (const entry of list) {
          const [kind, path] = entry;
          expect(path > previous, `${name}: ${path} after ${previous}`).toBe(true);
          previous = path;
          if (list === c.entries) {
            const parent = parentOf(path);
            if (parent !== '/') expect(seen.get(parent)?.[0], `${name}: ${path} without its directory`).toBe('d');
            if (kind === 'h') expect(seen.get(entry[6] as string)?.[0], `${name}: hard link ${path}`).toBe('f');
          }
          seen.set(path, entry);
        }
      }
    }
  });

  it('gives curl its program as a regular executable file', () => {
    const curl = contentsOf('curl').entries.find((e) => e[1] === '/usr/bin/curl');
    expect(curl?.[0]).toBe('f');
    expect(curl?.[2]).toBe(0o755);
    expect(curl?.[6]).toBeGreaterThan(100_000);
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
