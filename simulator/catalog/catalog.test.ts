/**
 * Checks the generated catalog in public/catalog (scripts/catalog/generate.ts)
 * the way the engine will read it: every file valid, every digest real.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { changesetToTar } from '../archive/tar';
import { digestOf, hexOf } from '../digest/digest';
import { layerChangeset, validateCatalogImage, validateCatalogIndex, validateCatalogLayer } from './decode';
import type { CatalogImage, CatalogLayer } from './format';

const ROOT = new URL('../../public/catalog/', import.meta.url).pathname;
const present = existsSync(join(ROOT, 'index.json'));

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
}

const layers = new Map<string, CatalogLayer>();
function layerOf(diffId: string): CatalogLayer {
  let layer = layers.get(diffId);
  if (!layer) {
    const file = `layers/${diffId.slice('sha256:'.length)}.json`;
    layer = validateCatalogLayer(readJson(file), file);
    layers.set(diffId, layer);
  }
  return layer;
}

function imageOf(key: string): { image: CatalogImage; config: Record<string, any> } {
  const image = validateCatalogImage(readJson(`images/${key}.json`), `images/${key}.json`);
  return { image, config: JSON.parse(image.config) };
}

function tagged(repository: string, tag: string): { image: CatalogImage; config: Record<string, any> } {
  const index = validateCatalogIndex(readJson('index.json'));
  const key = index.repositories[repository]?.tags[tag];
  if (!key) throw new Error(`${repository}:${tag} is not in the catalog`);
  return imageOf(key);
}

function textOf(image: CatalogImage, path: string): string | undefined {
  let text: string | undefined;
  for (const ref of image.layers) {
    const entry = layerOf(ref.diffId).entries.find((e) => e[1] === path);
    if (entry?.[0] === 'f') text = entry[7];
    else if (entry) text = undefined;
  }
  return text;
}

function imageSize(image: CatalogImage): number {
  return image.layers.reduce((sum, layer) => sum + layer.size, 0);
}

describe.skipIf(!present)('the generated catalog', () => {
  const index = present ? validateCatalogIndex(readJson('index.json')) : { version: 1 as const, repositories: {} };
  const keys = [...new Set(Object.values(index.repositories).flatMap((r) => Object.values(r.tags)))].sort();

  it('has an image file for every tag, and no image or layer file that nothing uses', () => {
    expect(keys.length).toBeGreaterThan(0);
    const used = new Set<string>();
    for (const key of keys) for (const ref of imageOf(key).image.layers) used.add(`${hexOf(ref.diffId)}.json`);
    expect(readdirSync(join(ROOT, 'images')).sort()).toEqual(keys.map((key) => `${key}.json`).sort());
    expect(readdirSync(join(ROOT, 'layers')).sort()).toEqual([...used].sort());
  });

  it('lists each image’s layers in its config, with refs that match the layer files', () => {
    for (const key of keys) {
      const { image, config } = imageOf(key);
      expect(config.rootfs.diff_ids, key).toEqual(image.layers.map((l) => l.diffId));
      for (const ref of image.layers) {
        const layer = layerOf(ref.diffId);
        expect(layer.key, key).toBe(ref.key);
        expect(layer.diffId).toBe(ref.diffId);
        const files = layer.entries.filter((e) => e[0] === 'f').reduce((sum, e) => sum + Number(e[6]), 0);
        expect(files, `${key} ${ref.key}`).toBe(ref.size);
      }
    }
  });

  it('gives images with different configs different IDs, and tags of one image the same ID', () => {
    const ids = new Map<string, string>();
    for (const key of keys) {
      const { image } = imageOf(key);
      const id = digestOf(image.config);
      expect(ids.has(id), `${key} has the same config as ${ids.get(id)}`).toBe(false);
      ids.set(id, key);
    }
    const debian = index.repositories.debian!.tags;
    expect(debian.latest).toBe(debian.bookworm);
  });

  // Rebuilding every tar takes a while once the big images (python:3.12, node:20…) are in: of the
  // layers whose tar exceeds BIG_TAR only a sample is rebuilt (the smallest of them), unless
  // CATALOG_VERIFY_ALL=1 is set; the others still get the entry and size checks of the other tests.
  const BIG_TAR = 100_000_000;
  const verifyAll = process.env.CATALOG_VERIFY_ALL === '1';
  it('has tars whose sha256 is the diff ID and gzip blobs whose digest and size are recorded', async () => {
    const seen = new Set<string>();
    const refs = keys.flatMap((key) => imageOf(key).image.layers);
    const big = refs.filter((ref) => ref.tarSize > BIG_TAR).sort((a, b) => a.tarSize - b.tarSize);
    const sample = new Set(big.slice(0, 1).map((ref) => ref.diffId));
    for (const key of keys) {
      for (const ref of imageOf(key).image.layers) {
        if (seen.has(ref.diffId)) continue;
        seen.add(ref.diffId);
        if (!verifyAll && ref.tarSize > BIG_TAR && !sample.has(ref.diffId)) continue;
        const tar = await changesetToTar(layerChangeset(layerOf(ref.diffId)));
        expect(tar.length, ref.key).toBe(ref.tarSize);
        expect(digestOf(tar), ref.key).toBe(ref.diffId);
        if (tar.length < 8_000_000) {
          const blob = gzipSync(tar, { level: 6, mtime: 0 });
          expect(digestOf(blob), ref.key).toBe(ref.blobDigest);
          expect(blob.length).toBe(ref.blobSize);
        }
      }
    }
  }, 300_000);

  it('has the sizes docker images shows for the real images (±10%)', () => {
    const targets: [string, string, number][] = [
      ['debian', 'bookworm-slim', 74.8e6],
      ['debian', 'bookworm', 117e6],
      ['gcr.io/distroless/static-debian12', 'latest', 2e6],
      ['gcr.io/distroless/base-debian12', 'latest', 20.7e6],
      ['gcr.io/distroless/cc-debian12', 'latest', 23.6e6],
      ['busybox', 'latest', 4.3e6],
      ['hello-world', 'latest', 13.3e3],
      ['alpine', '3.20', 7.8e6],
      ['ubuntu', '24.04', 78.1e6],
      ['ubuntu', '22.04', 77.9e6],
      ['nginx', 'latest', 192e6],
      ['python', '3.12-slim', 130e6],
      ['node', '20-alpine', 135e6],
      ['httpd', 'latest', 148e6],
      ['golang', '1.23-alpine', 245e6],
      ['python', '3.12', 1.02e9],
      ['node', '20', 1.1e9],
      ['golang', '1.23', 814e6],
      ['gcr.io/distroless/java17-debian12', 'latest', 226e6],
      ['gcr.io/distroless/nodejs20-debian12', 'latest', 181e6],
      ['gcr.io/distroless/nodejs20-debian12', 'debug', 183e6],
    ];
    for (const [repository, tag, target] of targets) {
      const size = imageSize(tagged(repository, tag).image);
      expect(Math.abs(size - target) / target, `${repository}:${tag} is ${size} bytes`).toBeLessThanOrEqual(0.1);
    }
  });

  it('has the real /etc/passwd and os-release of debian:bookworm', () => {
    for (const tag of ['bookworm', 'bookworm-slim']) {
      const { image, config } = tagged('debian', tag);
      const passwd = textOf(image, '/etc/passwd')!;
      expect(passwd.split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/bash');
      expect(passwd).toContain('_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n');
      expect(passwd.trimEnd().split('\n')).toHaveLength(18);
      expect(textOf(image, '/usr/lib/os-release')).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
      expect(textOf(image, '/etc/debian_version')).toMatch(/^12\.\d+\n$/);
      expect(config.config).toEqual({ Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Entrypoint: [], Cmd: ['bash'] });
      expect(config.history[0].created_by).toMatch(/^# debian\.sh --arch 'amd64' out\/ 'bookworm' '@\d+'$/);
      expect(image.layers).toHaveLength(1);
    }
    const slim = tagged('debian', 'bookworm-slim').image;
    const docs = layerOf(slim.layers[0]!.diffId).entries.filter((e) => e[1].startsWith('/usr/share/doc/') && e[0] === 'f');
    expect(docs.every((e) => e[1].endsWith('/copyright'))).toBe(true);
    expect(layerOf(slim.layers[0]!.diffId).entries.some((e) => e[1].startsWith('/usr/share/man/man1/'))).toBe(false);
  });

  it('has distroless images as rules_oci builds them', () => {
    for (const name of ['static', 'base', 'cc']) {
      const repository = `gcr.io/distroless/${name}-debian12`;
      expect(Object.keys(index.repositories[repository]!.tags).sort()).toEqual(['debug', 'debug-nonroot', 'latest', 'nonroot']);
      const latest = tagged(repository, 'latest');
      expect(latest.config.created).toBe('0001-01-01T00:00:00Z');
      expect(latest.config.config.User).toBe('0');
      expect(latest.config.config.WorkingDir).toBe('/');
      expect(latest.config.config.Entrypoint).toBeUndefined();
      expect(latest.config.history).toHaveLength(latest.image.layers.length);
      expect(textOf(latest.image, '/etc/passwd')).toBe(
        'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
      );
      expect(textOf(latest.image, '/usr/lib/os-release')).toContain('PRETTY_NAME="Distroless"\n');
      const nonroot = tagged(repository, 'nonroot');
      expect(nonroot.config.config.User).toBe('65532');
      expect(nonroot.config.config.WorkingDir).toBe('/home/nonroot');
      expect(nonroot.image.layers).toEqual(latest.image.layers);
      const debug = tagged(repository, 'debug-nonroot');
      expect(debug.config.config.Entrypoint).toEqual(['/busybox/sh']);
      expect(debug.config.config.User).toBe('65532');
      expect(debug.config.config.Env[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox');
      expect(debug.image.layers.some((l) => layerOf(l.diffId).entries.some((e) => e[1] === '/busybox/sh'))).toBe(true);
    }
    // static's layers are the bottom of base's, and base's of cc's.
    const ids = (repository: string) => tagged(repository, 'latest').image.layers.map((l) => l.diffId);
    expect(ids('gcr.io/distroless/base-debian12').slice(0, 12)).toEqual(ids('gcr.io/distroless/static-debian12'));
    expect(ids('gcr.io/distroless/cc-debian12').slice(0, 14)).toEqual(ids('gcr.io/distroless/base-debian12'));
  });

  it('has busybox with its applets as hard links and hello-world with /hello', () => {
    const busybox = tagged('busybox', 'latest');
    expect(busybox.config.config).toEqual({ Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] });
    expect(tagged('busybox', '1.37').image).toEqual(busybox.image);
    const entries = layerOf(busybox.image.layers[0]!.diffId).entries;
    const links = entries.filter((e) => e[0] === 'h' && e[1].startsWith('/bin/'));
    expect(links.length).toBeGreaterThan(200);
    expect(entries.find((e) => e[1] === '/bin/sh')?.[0]).toBe('h');
    expect(textOf(busybox.image, '/etc/passwd')).toMatch(/^root:x:0:0:root:\/root:\/bin\/sh\n/);
    const hello = tagged('hello-world', 'latest');
    expect(hello.config.config.Cmd).toEqual(['/hello']);
    expect(hello.config.history.map((h: { created_by: string }) => h.created_by)).toEqual(['COPY hello / # buildkit', 'CMD ["/hello"]']);
    expect(layerOf(hello.image.layers[0]!.diffId).entries).toEqual([['f', '/hello', 0o755, 0, 0, 1683046167, 13256]]);
  });

  it('has alpine:3.20 as docker-library builds it from the minirootfs', () => {
    const alpine = tagged('alpine', '3.20');
    for (const tag of ['latest', '3']) expect(tagged('alpine', tag).image).toEqual(alpine.image);
    expect(alpine.config.config).toEqual({ Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'], WorkingDir: '/', ArgsEscaped: true, OnBuild: null });
    expect(alpine.config.history.map((h: { created_by: string }) => h.created_by)).toEqual([expect.stringMatching(/^ADD alpine-minirootfs-3\.20\.\d+-x86_64\.tar\.gz \/ # buildkit$/), 'CMD ["/bin/sh"]']);
    expect(alpine.image.layers).toHaveLength(1);
    const entries = layerOf(alpine.image.layers[0]!.diffId).entries;
    const entry = (path: string) => entries.find((e) => e[1] === path);
    expect(entry('/bin/sh')?.slice(0, 1).concat(entry('/bin/sh')![6])).toEqual(['l', '/bin/busybox']);
    expect(entry('/bin/busybox')?.[0]).toBe('f');
    expect(entry('/lib/libc.musl-x86_64.so.1')?.[6]).toBe('ld-musl-x86_64.so.1');
    expect(entries.filter((e) => e[0] === 'l' && e[6] === '/bin/busybox').length).toBeGreaterThan(300);
    expect(textOf(alpine.image, '/etc/passwd')).toMatch(/^root:x:0:0:root:\/root:\/bin\/sh\n/);
    expect(textOf(alpine.image, '/etc/os-release')).toContain('PRETTY_NAME="Alpine Linux v3.20"\n');
    expect(textOf(alpine.image, '/etc/alpine-release')).toMatch(/^3\.20\.\d+\n$/);
    const installed = textOf(alpine.image, '/lib/apk/db/installed')!;
    expect([...installed.matchAll(/^P:(.*)$/gm)].map((m) => m[1]).sort()).toEqual(
      ['alpine-baselayout', 'alpine-baselayout-data', 'alpine-keys', 'apk-tools', 'busybox', 'busybox-binsh', 'ca-certificates-bundle', 'libcrypto3', 'libssl3', 'musl', 'musl-utils', 'scanelf', 'ssl_client', 'zlib'],
    );
  });

  it('has ubuntu:24.04 and 22.04 (approximated from Debian packages) with Ubuntu’s identity and history', () => {
    for (const [tag, version, codename, alias] of [['24.04', '24.04', 'noble', 'latest'], ['22.04', '22.04', 'jammy', 'jammy']] as const) {
      const ubuntu = tagged('ubuntu', tag);
      expect(tagged('ubuntu', alias).image).toEqual(ubuntu.image);
      expect(ubuntu.image.layers).toHaveLength(1);
      expect(ubuntu.config.config.Cmd).toEqual(['/bin/bash']);
      expect(ubuntu.config.config.Labels).toEqual({ 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': version });
      const history = ubuntu.config.history.map((h: { created_by: string }) => h.created_by);
      expect(history.slice(0, 4)).toEqual(['/bin/sh -c #(nop)  ARG RELEASE', '/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH', '/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu', `/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=${version}`]);
      expect(history[4]).toMatch(/^\/bin\/sh -c #\(nop\) ADD file:[0-9a-f]{64} in \/ $/);
      expect(history[5]).toBe('/bin/sh -c #(nop)  CMD ["/bin/bash"]');
      expect(ubuntu.config.history.filter((h: { empty_layer?: boolean }) => !h.empty_layer)).toHaveLength(1);
      expect(textOf(ubuntu.image, '/usr/lib/os-release')).toContain(`VERSION_CODENAME=${codename}\n`);
      expect(textOf(ubuntu.image, '/etc/lsb-release')).toContain(`DISTRIB_RELEASE=${version}\n`);
      expect(textOf(ubuntu.image, '/etc/legal')).toContain('Ubuntu comes with ABSOLUTELY NO WARRANTY');
    }
    expect(textOf(tagged('ubuntu', 'noble').image, '/etc/passwd')).toContain('ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n');
    expect(textOf(tagged('ubuntu', 'jammy').image, '/etc/passwd')).not.toContain('ubuntu:x:1000');
    expect(textOf(tagged('ubuntu', 'noble').image, '/etc/debian_version')).toBe('trixie/sid\n');
    expect(textOf(tagged('ubuntu', 'jammy').image, '/etc/debian_version')).toBe('bookworm/sid\n');
  });

  it('has nginx on the very debian:bookworm-slim layer of the catalog, with its entrypoint scripts', () => {
    const nginx = tagged('nginx', 'latest');
    expect(tagged('nginx', '1.27').image).toEqual(nginx.image);
    const slim = tagged('debian', 'bookworm-slim');
    expect(nginx.image.layers[0]).toEqual(slim.image.layers[0]);
    expect(nginx.image.layers).toHaveLength(7);
    expect(nginx.config.config.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(nginx.config.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(nginx.config.config.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(nginx.config.config.StopSignal).toBe('SIGQUIT');
    expect(nginx.config.config.Env).toContain('NGINX_VERSION=1.27.5');
    const history = nginx.config.history as { created_by: string; empty_layer?: boolean }[];
    expect(history.filter((h) => !h.empty_layer)).toHaveLength(7);
    expect(history[0]!.created_by).toBe(slim.config.history[0].created_by);
    expect(history.map((h) => h.created_by).slice(-4)).toEqual(['ENTRYPOINT ["/docker-entrypoint.sh"]', 'EXPOSE map[80/tcp:{}]', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx" "-g" "daemon off;"]']);
    expect(textOf(nginx.image, '/etc/nginx/nginx.conf')).toContain('include /etc/nginx/conf.d/*.conf;');
    expect(textOf(nginx.image, '/etc/nginx/conf.d/default.conf')).toContain('root   /usr/share/nginx/html;');
    expect(textOf(nginx.image, '/usr/share/nginx/html/index.html')).toContain('<h1>Welcome to nginx!</h1>');
    expect(textOf(nginx.image, '/docker-entrypoint.sh')).toMatch(/^#!\/bin\/sh\n/);
    for (const script of ['10-listen-on-ipv6-by-default.sh', '15-local-resolvers.envsh', '20-envsubst-on-templates.sh', '30-tune-worker-processes.sh']) expect(textOf(nginx.image, `/docker-entrypoint.d/${script}`)).toMatch(/^#!\/bin\/sh\n/);
    expect(textOf(nginx.image, '/etc/passwd')).toContain('nginx:x:101:101:nginx user:/nonexistent:/bin/false\n');
  });

  it('has python:3.12-slim on debian:bookworm-slim with python’s config', () => {
    const python = tagged('python', '3.12-slim');
    expect(python.image.layers[0]).toEqual(tagged('debian', 'bookworm-slim').image.layers[0]);
    expect(python.image.layers).toHaveLength(4);
    expect(python.config.config.Cmd).toEqual(['python3']);
    expect(python.config.config.Env).toEqual([
      'PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'LANG=C.UTF-8',
      'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
      expect.stringMatching(/^PYTHON_VERSION=3\.12\.\d+$/),
      expect.stringMatching(/^PYTHON_SHA256=[0-9a-f]{64}$/),
    ]);
    const entries = python.image.layers.flatMap((l) => layerOf(l.diffId).entries);
    expect(entries.find((e) => e[1] === '/usr/local/bin/python')?.[6]).toBe('python3');
    expect(entries.find((e) => e[1] === '/usr/local/bin/python3')?.[6]).toBe('python3.12');
    expect(entries.some((e) => e[1] === '/usr/local/lib/python3.12/os.py')).toBe(true);
    expect(entries.some((e) => e[1].startsWith('/usr/local/lib/python3.12/site-packages/pip/'))).toBe(true);
  });

  it('has node:20-alpine on the very alpine layer of the catalog, with npm from the registry', () => {
    const node = tagged('node', '20-alpine');
    expect(node.image.layers[0]).toEqual(tagged('alpine', '3.20').image.layers[0]);
    expect(node.config.config.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(node.config.config.Cmd).toEqual(['node']);
    expect(node.config.config.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', expect.stringMatching(/^NODE_VERSION=20\.\d+\.\d+$/), 'YARN_VERSION=1.22.22']);
    expect(textOf(node.image, '/usr/local/bin/docker-entrypoint.sh')).toContain('set -- node "$@"');
    expect(textOf(node.image, '/usr/local/lib/node_modules/npm/package.json')).toMatch(/"name": "npm"/);
    expect(textOf(node.image, '/etc/passwd')).toContain('node:x:1000:1000:');
    expect(textOf(node.image, '/lib/apk/db/installed')).toContain('P:libstdc++\n');
  });

  it('has httpd with its prefix, configuration and httpd-foreground', () => {
    const httpd = tagged('httpd', 'latest');
    expect(httpd.image.layers[0]).toEqual(tagged('debian', 'bookworm-slim').image.layers[0]);
    expect(httpd.config.config.Cmd).toEqual(['httpd-foreground']);
    expect(httpd.config.config.WorkingDir).toBe('/usr/local/apache2');
    expect(httpd.config.config.StopSignal).toBe('SIGWINCH');
    expect(httpd.config.config.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(httpd.config.config.Env[0]).toBe('PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(textOf(httpd.image, '/usr/local/apache2/htdocs/index.html')).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(textOf(httpd.image, '/usr/local/apache2/conf/httpd.conf')).toContain('ErrorLog /proc/self/fd/2\n');
    expect(textOf(httpd.image, '/usr/local/bin/httpd-foreground')).toContain('exec httpd -DFOREGROUND "$@"');
  });

  it('has golang:1.23-alpine with GOPATH and /usr/local/go', () => {
    const golang = tagged('golang', '1.23-alpine');
    expect(golang.image.layers[0]).toEqual(tagged('alpine', '3.20').image.layers[0]);
    expect(golang.config.config.Env).toEqual(['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', expect.stringMatching(/^GOLANG_VERSION=1\.23\.\d+$/), 'GOTOOLCHAIN=local', 'GOPATH=/go']);
    expect(golang.config.config.WorkingDir).toBe('/go');
    expect(textOf(golang.image, '/usr/local/go/VERSION')).toMatch(/^go1\.23\.\d+\n/);
    const entries = golang.image.layers.flatMap((l) => layerOf(l.diffId).entries);
    expect(entries.some((e) => e[1] === '/usr/local/go/bin/go' && e[0] === 'f')).toBe(true);
    expect(entries.some((e) => e[1] === '/usr/local/go/src/fmt/print.go')).toBe(true);
  });

  it('has python:3.12 on buildpack-deps:bookworm (debian:bookworm, curl, scm, the build tools)', () => {
    const python = tagged('python', '3.12');
    expect(python.image.layers[0]).toEqual(tagged('debian', 'bookworm').image.layers[0]);
    expect(python.image.layers.map((l) => l.key).slice(1, 4)).toEqual(['buildpack-deps-bookworm-curl-20261117', 'buildpack-deps-bookworm-scm-20261117', 'buildpack-deps-bookworm-20261117']);
    expect(python.config.config.Cmd).toEqual(['python3']);
    expect(python.config.config.Env).toEqual(tagged('python', '3.12-slim').config.config.Env);
    const entries = python.image.layers.flatMap((l) => layerOf(l.diffId).entries);
    for (const tool of ['/usr/bin/gcc-12', '/usr/bin/git', '/usr/bin/curl', '/usr/bin/make']) expect(entries.some((e) => e[1] === tool), tool).toBe(true);
    expect(entries.find((e) => e[1] === '/usr/local/bin/python')?.[6]).toBe('python3');
  });

  it('has node:20 on buildpack-deps:bookworm, sharing its layers with python:3.12', () => {
    const node = tagged('node', '20');
    expect(node.image.layers.slice(0, 4)).toEqual(tagged('python', '3.12').image.layers.slice(0, 4));
    expect(node.config.config.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(node.config.config.Cmd).toEqual(['node']);
    expect(node.config.config.Env).toEqual(tagged('node', '20-alpine').config.config.Env);
    expect(textOf(node.image, '/etc/passwd')).toContain('node:x:1000:1000::/home/node:/bin/bash\n');
    const entries = node.image.layers.flatMap((l) => layerOf(l.diffId).entries);
    expect(entries.find((e) => e[1] === '/usr/local/bin/npm')?.[6]).toBe('../lib/node_modules/npm/bin/npm-cli.js');
    expect(entries.find((e) => e[1] === '/usr/local/bin/yarn')?.[6]).toBe('/opt/yarn-v1.22.22/bin/yarn');
  });

  it('has golang:1.23 on buildpack-deps:bookworm-scm, sharing /usr/local/go with golang:1.23-alpine', () => {
    const golang = tagged('golang', '1.23');
    const alpine = tagged('golang', '1.23-alpine');
    expect(golang.image.layers.slice(0, 3)).toEqual(tagged('python', '3.12').image.layers.slice(0, 3));
    expect(golang.image.layers[4]).toEqual(alpine.image.layers[2]);
    expect(golang.config.config.Env).toEqual(alpine.config.config.Env);
    expect(golang.config.config.WorkingDir).toBe('/go');
  });

  it('has the distroless nodejs20, python3 and java17 images on the cc layers', () => {
    const cc = tagged('gcr.io/distroless/cc-debian12', 'latest').image.layers.map((l) => l.diffId);
    for (const [name, entrypoint] of [['python3', ['/usr/bin/python3.11']], ['java17', ['/usr/bin/java', '-jar']], ['nodejs20', ['/nodejs/bin/node']]] as const) {
      const repository = `gcr.io/distroless/${name}-debian12`;
      expect(Object.keys(index.repositories[repository]!.tags).sort()).toEqual(['debug', 'debug-nonroot', 'latest', 'nonroot']);
      const latest = tagged(repository, 'latest');
      expect(latest.image.layers.slice(0, cc.length).map((l) => l.diffId)).toEqual(cc);
      expect(latest.config.config.Entrypoint).toEqual(entrypoint);
      expect(tagged(repository, 'nonroot').config.config.User).toBe('65532');
      expect(tagged(repository, 'debug').image.layers.some((l) => layerOf(l.diffId).entries.some((e) => e[1] === '/busybox/sh'))).toBe(true);
    }
    const java = tagged('gcr.io/distroless/java17-debian12', 'latest').image.layers.flatMap((l) => layerOf(l.diffId).entries);
    expect(java.find((e) => e[1] === '/usr/bin/java')?.[6]).toBe('/usr/lib/jvm/java-17-openjdk-amd64/bin/java');
    expect(java.some((e) => e[1] === '/usr/lib/jvm/java-17-openjdk-amd64/lib/modules')).toBe(true);
  });
});
