import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { installedRecord, parseInstalled, serializeInstalled, withoutConstraint } from './apk-database';
import { installedStanza, parseStatus, providedNames, serializeStatus } from './dpkg-database';
import type { MirrorIndex, PackageInfo } from './format';
import { planInstall, providersOf } from './resolve';
import { sizeToStr } from '../runtime/programs/apt';
import { validateMirrorIndex, validatePackageContents } from './mirrors';

const pkg = (depends: string[][], extra: Partial<PackageInfo> = {}): PackageInfo => ({ version: '1.0-r0', architecture: 'x86_64', summary: 's', origin: 'main', size: 1000, installedSize: 4096, depends, contents: 'x', ...extra });

/** curl's real dependency shape on Alpine 3.20, reduced. */
const INDEX: MirrorIndex = {
  version: 1,
  format: 'apk',
  indexFiles: [{ name: 'https://example/main/x86_64/APKINDEX.tar.gz', size: 1, path: '/var/cache/apk/APKINDEX.1.tar.gz', storedSize: 1 }],
  packages: {
    curl: pkg([['ca-certificates'], ['so:libc.musl-x86_64.so.1'], ['so:libcurl.so.4'], ['so:libz.so.1']]),
    'ca-certificates': pkg([['so:libcrypto.so.3']]),
    libcurl: pkg([['so:libbrotlidec.so.1'], ['so:libcares.so.2'], ['so:libidn2.so.0'], ['so:libz.so.1']], { provides: ['so:libcurl.so.4'] }),
    'brotli-libs': pkg([], { provides: ['so:libbrotlidec.so.1'] }),
    'c-ares': pkg([], { provides: ['so:libcares.so.2'] }),
    libidn2: pkg([['so:libunistring.so.5']], { provides: ['so:libidn2.so.0'] }),
    libunistring: pkg([], { provides: ['so:libunistring.so.5'] }),
    zlib: pkg([], { provides: ['so:libz.so.1'] }),
  },
};

describe('planInstall', () => {
  it('installs dependencies first, in the order they are declared, as apk prints them', () => {
    const installed = new Set(['musl', 'so:libc.musl-x86_64.so.1', 'zlib', 'so:libz.so.1', 'libcrypto3', 'so:libcrypto.so.3']);
    expect(planInstall(INDEX, ['curl'], installed)).toEqual({ order: ['ca-certificates', 'brotli-libs', 'c-ares', 'libunistring', 'libidn2', 'libcurl', 'curl'], missing: [] });
  });

  it('reports names nothing provides and plans nothing already installed', () => {
    expect(planInstall(INDEX, ['nope', 'zlib'], new Set(['zlib']))).toEqual({ order: [], missing: ['nope'] });
  });

  it('finds virtual names through what provides them', () => {
    expect(providersOf(INDEX, 'so:libcurl.so.4')).toEqual(['libcurl']);
    expect(providersOf(INDEX, 'curl')).toEqual(['curl']);
  });

  it('always lists every package once, each after everything it depends on that it installs', () => {
    const names = Object.keys(INDEX.packages);
    fc.assert(
      fc.property(fc.subarray(names), fc.subarray(names), (wanted, present) => {
        const installed = new Set(present.flatMap((name) => [name, ...(INDEX.packages[name]?.provides ?? [])]));
        const { order } = planInstall(INDEX, wanted, installed);
        expect(new Set(order).size).toBe(order.length);
        for (const [position, name] of order.entries()) {
          expect(installed.has(name)).toBe(false);
          for (const group of INDEX.packages[name]!.depends) {
            const provider = providersOf(INDEX, group[0]!)[0];
            if (provider && order.includes(provider)) expect(order.indexOf(provider)).toBeLessThan(position);
          }
        }
      }),
    );
  });
});

describe("apk's installed database", () => {
  it('lists a package by directory and reads back what it wrote', () => {
    const record = installedRecord('P:curl\nV:8.9.1-r1\nI:4096\nD:ca-certificates so:libcurl.so.4\np:cmd:curl=8.9.1-r1', 'k', [
      ['d', '/usr', 0o755, 0, 0, 0, 0],
      ['d', '/usr/bin', 0o755, 0, 0, 0, 0],
      ['f', '/usr/bin/curl', 0o755, 0, 0, 0, 250000],
    ]);
    expect(record.text).toMatch(/^P:curl\nV:8\.9\.1-r1\nI:4096\nD:ca-certificates so:libcurl\.so\.4\np:cmd:curl=8\.9\.1-r1\nF:usr\nF:usr\/bin\nR:curl\na:0:0:755\nZ:Q1[A-Za-z0-9+/]{27}=\n$/);
    const [parsed] = parseInstalled(serializeInstalled([record]));
    expect(parsed).toMatchObject({ name: 'curl', version: '8.9.1-r1', installedSize: 4096, depends: ['ca-certificates', 'so:libcurl.so.4'], provides: ['cmd:curl'], paths: ['/usr', '/usr/bin', '/usr/bin/curl'] });
  });

  it('drops version constraints from names', () => {
    expect(['so:libz.so.1=1.3.1', 'curl>=8', '!foo', 'a~1'].map(withoutConstraint)).toEqual(['so:libz.so.1', 'curl', 'foo', 'a']);
  });
});

describe("dpkg's status", () => {
  it('keeps stanzas as written and inserts Status after Package', () => {
    const text = 'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b7\nDescription: GNU Bourne Again SHell\n Bash is an sh-compatible command language interpreter.\n';
    const stanzas = parseStatus(text);
    expect(stanzas[0]?.fields.get('Description')).toBe('GNU Bourne Again SHell\n Bash is an sh-compatible command language interpreter.');
    const curl = installedStanza('Package: curl\nPriority: optional\nProvides: http-client (= 1)\nVersion: 7.88.1-10+deb12u8\n');
    expect(curl.text).toBe('Package: curl\nStatus: install ok installed\nPriority: optional\nProvides: http-client (= 1)\nVersion: 7.88.1-10+deb12u8\n');
    expect(providedNames(curl)).toEqual(['curl', 'http-client']);
    expect(installedStanza('Package: bash\nEssential: yes\nPriority: required\n').text).toBe('Package: bash\nEssential: yes\nStatus: install ok installed\nPriority: required\n');
    expect(serializeStatus([...stanzas, curl])).toBe(`${text}\n${curl.text}`);
  });
});

describe("APT's SizeToStr", () => {
  it('prints sizes as apt does in the C locale', () => {
    expect([0, 512, 63_400, 99_949, 151_000, 3_439_000, 8_792_000, 19_300_000].map(sizeToStr)).toEqual(['0 ', '512 ', '63.4 k', '99.9 k', '151 k', '3439 k', '8792 k', '19.3 M']);
  });
});

describe('mirror validation', () => {
  it('accepts a well-formed index and names the field that is wrong', () => {
    expect(validateMirrorIndex(INDEX, 'x')).toBe(INDEX);
    expect(() => validateMirrorIndex({ ...INDEX, packages: { curl: { ...INDEX.packages.curl, depends: [[]] } } }, 'x')).toThrow(/packages\["curl"\]\.depends/);
    expect(() => validatePackageContents({ version: 1, key: 'k', record: '', entries: [['f', 'relative', 0o644, 0, 0, 0, 1]] }, 'c.json')).toThrow(/c\.json.*absolute/);
  });
});
