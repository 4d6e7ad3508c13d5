import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PackageMirrors } from './mirrors';
import { nodeCatalogRegistry } from '../testing/node-helpers';
import { runLine, testSession } from '../testing/transcript';

/** The site's mirror files, except those `fails` refuses (a dropped connection, a file the server lost). */
function mirrorsFailing(fails: (path: string) => boolean): PackageMirrors {
  return new PackageMirrors(async (path) => {
    if (fails(path)) throw new Error(`HTTP 503 for ${path}`);
    return JSON.parse(await readFile(new URL(`../../public/catalog/${path}`, import.meta.url), 'utf8'));
  });
}

async function inside(image: string, script: string, mirrors?: PackageMirrors): Promise<{ output: string; status: number }> {
  const session = testSession({ registry: nodeCatalogRegistry(), ...(mirrors ? { mirrors } : {}) });
  await runLine(session, `docker pull -q ${image}`);
  return runLine(session, `docker run --rm ${image} sh -c '${script}'`);
}

describe('package managers when the mirror cannot be reached', () => {
  it('apk ignores a repository it cannot fetch, then finds no package', async () => {
    const { output, status } = await inside('alpine', 'apk add curl; echo "status $?"; apk info | wc -l');
    expect(output).toBe(
      [
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz',
        'WARNING: Ignoring https://dl-cdn.alpinelinux.org/alpine/v3.20/main: temporary error (try again later)',
        'fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz',
        'WARNING: Ignoring https://dl-cdn.alpinelinux.org/alpine/v3.20/community: temporary error (try again later)',
        'ERROR: unable to select packages:',
        '  curl (no such package):',
        '    required by: world[curl]',
        'status 1',
        '14',
        '',
      ].join('\n'),
    );
    expect(status).toBe(0);
  });

  it('apk stops at a package it cannot fetch, keeping what it installed before', async () => {
    const { output } = await inside('alpine', 'apk add curl; echo "status $?"; apk info | tail -1', mirrorsFailing((path) => path.endsWith('/libcurl-8.10.1-r0.json')));
    expect(output).toContain('(8/10) Installing zstd-libs (1.5.6-r0)\n(9/10) Installing libcurl (8.10.1-r0)\nERROR: libcurl-8.10.1-r0: temporary error (try again later)\n1 error; 11 MiB in 22 packages\nstatus 1\nzstd-libs\n');
  });

  it('apt-get update reports each source it cannot resolve; install then finds nothing', async () => {
    const { output } = await inside('debian:bookworm', 'apt-get update; echo "status $?"; apt-get install -y curl; echo "status $?"');
    expect(output).toBe(
      [
        "Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'",
        "Err:2 http://deb.debian.org/debian bookworm-updates InRelease\n  Temporary failure resolving 'deb.debian.org'",
        "Err:3 http://deb.debian.org/debian-security bookworm-security InRelease\n  Temporary failure resolving 'deb.debian.org'",
        'Reading package lists...',
        "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'",
        "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm-updates/InRelease  Temporary failure resolving 'deb.debian.org'",
        "W: Failed to fetch http://deb.debian.org/debian-security/dists/bookworm-security/InRelease  Temporary failure resolving 'deb.debian.org'",
        'W: Some index files failed to download. They have been ignored, or old ones used instead.',
        'status 0',
        'Reading package lists...',
        'Building dependency tree...',
        'Reading state information...',
        'E: Unable to locate package curl',
        'status 100',
        '',
      ].join('\n'),
    );
  });

  it('apt-get install fetches every archive before unpacking any: a failed fetch leaves the system as it was', async () => {
    const { output } = await inside('debian:bookworm', 'apt-get update -qq && apt-get install -qq curl; echo "status $?"; dpkg -l libbrotli1', mirrorsFailing((path) => path.endsWith('/curl.json')));
    expect(output).toBe(
      [
        "E: Failed to fetch http://deb.debian.org/debian/pool/main/c/curl/curl_7.88.1-10+deb12u15_amd64.deb  Temporary failure resolving 'deb.debian.org'",
        'E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?',
        'status 100',
        'dpkg-query: no packages found matching libbrotli1',
        '',
      ].join('\n'),
    );
  });
});
