/**
 * Node.js as docker-library/node installs it: the official (or, on Alpine,
 * unofficial-builds musl) tarball extracted into /usr/local with
 * --strip-components=1, yarn 1 in /opt, and the docker-entrypoint.sh.
 *
 * npm, corepack and yarn are the real packages from the npm registry (their
 * files, sizes and text; fetched once with `npm pack` into .cache/npm); the
 * C headers are Debian's libnode-dev ones; the node binary gets generated
 * bytes of a realistic size.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { unpackTar } from 'modern-tar';
import { CACHE_DIR, readDeb } from './debs';
import { isDpkgDatabase } from './layers';
import { Tree } from './tree';

export const NODE_VERSION = '20.19.5';
export const YARN_VERSION = '1.22.22';
const NPM_VERSION = '10.8.2';
const COREPACK_VERSION = '0.32.0';

const NPM_CACHE = join(CACHE_DIR, 'npm');

/** The files of a package from the npm registry (`npm pack name@version`, cached), paths relative to the package root. */
async function npmPackage(name: string, version: string): Promise<{ path: string; type: 'file' | 'directory' | 'symlink'; mode: number; data?: Uint8Array; linkname?: string }[]> {
  mkdirSync(NPM_CACHE, { recursive: true });
  const file = join(NPM_CACHE, `${name}-${version}.tgz`);
  if (!existsSync(file)) execFileSync('npm', ['pack', `${name}@${version}`], { cwd: NPM_CACHE, stdio: ['ignore', 'ignore', 'pipe'] });
  const tar = gunzipSync(new Uint8Array(readFileSync(file)));
  const out = [];
  for (const { header, data } of await unpackTar(tar)) {
    const path = header.name.replace(/^package\//, '').replace(/\/+$/, '');
    if (!path) continue;
    const type = header.type === 'directory' ? 'directory' : header.type === 'symlink' ? 'symlink' : 'file';
    out.push({ path, type, mode: (header.mode ?? 0o644) & 0o7777, data: type === 'file' ? (data ?? new Uint8Array()) : undefined, linkname: header.linkname } as const);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function addPackage(tree: Tree, name: string, version: string, dir: string, epoch: number): Promise<void> {
  for (const entry of await npmPackage(name, version)) {
    const path = `${dir}/${entry.path}`;
    if (entry.type === 'directory') tree.dir(path, { mtime: epoch });
    else if (entry.type === 'symlink') tree.symlink(path, entry.linkname ?? '', epoch);
    else {
      // Registry tarballs store 0644/0755; executables keep their bit.
      const mode = entry.mode & 0o111 ? 0o755 : 0o644;
      tree.set(path, { kind: 'f', size: entry.data!.length, bytes: entry.data, mode, uid: 0, gid: 0, mtime: epoch });
    }
  }
}

export interface NodeDist {
  musl: boolean;
  /** Where the tarball goes: /usr/local (docker-library/node) or /nodejs (distroless). */
  prefix?: string;
}

const OPENSSL_ARCHS = [
  'BSD-x86', 'BSD-x86_64', 'VC-WIN32', 'VC-WIN64-ARM', 'VC-WIN64A', 'aix64-gcc-as', 'darwin-i386-cc', 'darwin64-arm64-cc', 'darwin64-x86_64-cc', 'linux-aarch64', 'linux-armv4', 'linux-elf',
  'linux-ppc64le', 'linux-x86_64', 'linux32-s390x', 'linux64-loongarch64', 'linux64-mips64', 'linux64-riscv64', 'linux64-s390x', 'solaris-x86-gcc', 'solaris64-x86_64-gcc',
];
/** The generated OpenSSL headers each include/node/openssl/archs/<arch>/<asm>/ holds (bytes). */
const OPENSSL_ARCH_HEADERS: [string, number][] = [
  ['crypto/buildinf.h', 3_212], ['crypto/include/internal/bn_conf.h', 856], ['crypto/include/internal/dso_conf.h', 480], ['include/crypto/bn_conf.h', 856], ['include/crypto/dso_conf.h', 480],
  ['include/openssl/asn1.h', 61_068], ['include/openssl/asn1t.h', 35_888], ['include/openssl/bio.h', 40_785], ['include/openssl/cmp.h', 41_720], ['include/openssl/cms.h', 34_227], ['include/openssl/conf.h', 10_674],
  ['include/openssl/configuration.h', 4_573], ['include/openssl/crmf.h', 14_646], ['include/openssl/crypto.h', 24_175], ['include/openssl/ct.h', 22_712], ['include/openssl/err.h', 22_207], ['include/openssl/ess.h', 8_968],
  ['include/openssl/fipskey.h', 1_010], ['include/openssl/lhash.h', 14_017], ['include/openssl/ocsp.h', 29_357], ['include/openssl/opensslv.h', 3_181], ['include/openssl/pkcs12.h', 19_538], ['include/openssl/pkcs7.h', 22_250],
  ['include/openssl/safestack.h', 18_439], ['include/openssl/srp.h', 15_487], ['include/openssl/ssl.h', 124_947], ['include/openssl/ui.h', 19_250], ['include/openssl/x509.h', 71_608], ['include/openssl/x509_vfy.h', 52_003],
  ['include/openssl/x509v3.h', 93_846], ['include/progs.h', 17_829], ['providers/common/include/prov/der_digests.h', 8_079], ['providers/common/include/prov/der_rsa.h', 8_964], ['providers/common/include/prov/der_wrap.h', 1_135],
];

/** /usr/local after extracting node-v<version>-linux-x64[-musl].tar.xz, plus the Dockerfile's nodejs symlink. */
export async function nodeDist(tree: Tree, epoch: number, dist: NodeDist): Promise<void> {
  const owner = { mtime: epoch };
  const local = dist.prefix ?? '/usr/local';
  // The tarball's OpenSSL headers for every platform (the Alpine image keeps only its own).
  for (const arch of dist.musl ? ['linux-x86_64'] : OPENSSL_ARCHS) {
    for (const variant of ['asm', 'asm_avx2', 'no-asm']) {
      for (const [file, size] of OPENSSL_ARCH_HEADERS) tree.sizedFile(`${local}/include/node/openssl/archs/${arch}/${variant}/${file}`, size, owner);
    }
  }
  tree.sizedFile(`${local}/bin/node`, dist.musl ? 99_142_352 : 98_912_808, { ...owner, mode: 0o755 });
  if (local === '/usr/local') tree.symlink(`${local}/bin/nodejs`, '/usr/local/bin/node', epoch);
  tree.symlink(`${local}/bin/npm`, '../lib/node_modules/npm/bin/npm-cli.js', epoch);
  tree.symlink(`${local}/bin/npx`, '../lib/node_modules/npm/bin/npx-cli.js', epoch);
  tree.symlink(`${local}/bin/corepack`, '../lib/node_modules/corepack/dist/corepack.js', epoch);
  await addPackage(tree, 'npm', NPM_VERSION, `${local}/lib/node_modules/npm`, epoch);
  await addPackage(tree, 'corepack', COREPACK_VERSION, `${local}/lib/node_modules/corepack`, epoch);
  for (const entry of (await readDeb('libnode-dev')).data) {
    if (entry.type !== 'file' || !entry.path.startsWith('/usr/include/node/')) continue;
    tree.set(`${local}/include/node/${entry.path.slice('/usr/include/node/'.length)}`, { kind: 'f', size: entry.size, bytes: entry.data, mode: 0o644, uid: 0, gid: 0, mtime: epoch });
  }
  tree.sizedFile(`${local}/CHANGELOG.md`, 373_154, owner);
  tree.sizedFile(`${local}/LICENSE`, 116_918, owner);
  tree.sizedFile(`${local}/README.md`, 39_824, owner);
  tree.sizedFile(`${local}/share/doc/node/gdbinit`, 13_286, owner);
  tree.sizedFile(`${local}/share/doc/node/lldb_commands.py`, 3_284, owner);
  tree.sizedFile(`${local}/share/man/man1/node.1`, 20_482, owner);
  tree.sizedFile(`${local}/share/systemtap/tapset/node.stp`, 4_887, owner);
}

/** /opt/yarn-v<version> and its two links. */
export async function yarnInstall(epoch: number): Promise<Tree> {
  const tree = new Tree();
  const dir = `/opt/yarn-v${YARN_VERSION}`;
  tree.dir('/opt', { mtime: epoch });
  await addPackage(tree, 'yarn', YARN_VERSION, dir, epoch);
  tree.dir('/usr/local/bin', { mtime: epoch });
  tree.symlink('/usr/local/bin/yarn', `${dir}/bin/yarn`, epoch);
  tree.symlink('/usr/local/bin/yarnpkg', `${dir}/bin/yarnpkg`, epoch);
  return tree;
}

export const NODE_ENTRYPOINT = `#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
`;

export function nodeEntrypointLayer(epoch: number): Tree {
  const tree = new Tree();
  tree.dir('/usr/local/bin', { mtime: epoch });
  tree.file('/usr/local/bin/docker-entrypoint.sh', NODE_ENTRYPOINT, { mtime: epoch, mode: 0o755 });
  return tree;
}

/** Scripts and package metadata stay readable. */
export function nodeTextPolicy(path: string, size: number): boolean {
  if (isDpkgDatabase(path)) return true;
  if (size > 16 * 1024 || /\.(asc|gpg|pem|crt)$/.test(path)) return false;
  return path.startsWith('/etc/') || path === '/usr/local/bin/docker-entrypoint.sh' || /\/node_modules\/[^/]+\/(package\.json|README\.md)$/.test(path) || /\/bin\/[^/]+\.js$/.test(path) || path.startsWith('/lib/apk/db/installed');
}

/** Stands for the x64 musl tarball's checksum in the history text (not the real value, which is not known here). */
const NODE_MUSL_X64_SHA256 = '3b8e0c0b57a3cd8d2fd1e4d8b6a5d4e3f1a9c7b2e6d5f4a3b2c1d0e9f8a7b6c5';

export const NODE_ALPINE_RUN = `addgroup -g 1000 node \\
    && adduser -u 1000 -G node -s /bin/sh -D node \\
    && apk add --no-cache \\
        libstdc++ \\
    && apk add --no-cache --virtual .build-deps \\
        curl \\
    && ARCH= OPENSSL_ARCH='linux*' && alpineArch="$(apk --print-arch)" \\
      && case "\${alpineArch##*-}" in \\
        x86_64) ARCH='x64' CHECKSUM="${NODE_MUSL_X64_SHA256}" OPENSSL_ARCH=linux-x86_64;; \\
        x86) OPENSSL_ARCH=linux-elf;; \\
        aarch64) OPENSSL_ARCH=linux-aarch64;; \\
        arm*) OPENSSL_ARCH=linux-armv4;; \\
        ppc64le) OPENSSL_ARCH=linux-ppc64le;; \\
        s390x) OPENSSL_ARCH=linux-s390x;; \\
        *) ;; \\
      esac \\
  && if [ -n "\${CHECKSUM}" ]; then \\
    set -eu; \\
    curl -fsSLO --compressed "https://unofficial-builds.nodejs.org/download/release/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz"; \\
    echo "$CHECKSUM  node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz" | sha256sum -c - \\
      && tar -xJf "node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz" -C /usr/local --strip-components=1 --no-same-owner \\
      && ln -s /usr/local/bin/node /usr/local/bin/nodejs; \\
  fi \\
  && rm -f "node-v$NODE_VERSION-linux-$ARCH-musl.tar.xz" \\
  && find /usr/local/include/node/openssl/archs -mindepth 1 -maxdepth 1 ! -name "$OPENSSL_ARCH" -exec rm -rf {} \\; \\
  && apk del .build-deps \\
  && node --version \\
  && npm --version \\
  && rm -rf /tmp/*`;

export const YARN_ALPINE_RUN = `apk add --no-cache --virtual .build-deps-yarn curl gnupg tar \\
  && export GNUPGHOME="$(mktemp -d)" \\
  && for key in \\
    6A010C5166006599AA17F08146C2130DFD2497F5 \\
  ; do \\
    gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$key" || \\
    gpg --batch --keyserver keyserver.ubuntu.com --recv-keys "$key" ; \\
  done \\
  && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz" \\
  && curl -fsSLO --compressed "https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz.asc" \\
  && gpg --batch --verify yarn-v$YARN_VERSION.tar.gz.asc yarn-v$YARN_VERSION.tar.gz \\
  && gpgconf --kill all \\
  && rm -rf "$GNUPGHOME" \\
  && mkdir -p /opt \\
  && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/ \\
  && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn \\
  && ln -s /opt/yarn-v$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg \\
  && rm yarn-v$YARN_VERSION.tar.gz.asc yarn-v$YARN_VERSION.tar.gz \\
  && apk del .build-deps-yarn \\
  && yarn --version \\
  && rm -rf /tmp/*`;
