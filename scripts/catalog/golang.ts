/**
 * Go as docker-library/golang installs it: the official linux-amd64 release
 * unpacked into /usr/local/go (COPY --link /target/ /, the same layer in the
 * Debian and Alpine variants), GOPATH=/go with src and bin world-writable.
 *
 * Go 1.23 cannot be fetched here, so /usr/local/go is approximated: the
 * standard library and test sources are Debian's golang-1.19-src file tree
 * (paths and sizes; bytes generated), the toolchain binaries have Go 1.23's
 * names and realistic sizes, VERSION and go.env carry their real text.
 */
import { readDeb } from './debs';
import { isDpkgDatabase } from './layers';
import { Tree } from './tree';

export const GOLANG_VERSION = '1.23.12';
/** The release's file times (go1.23.12 was tagged on 2025-08-06). */
export const GO_RELEASE_EPOCH = Date.parse('2025-08-06T16:40:10Z') / 1000;

const TOOLS: [string, number][] = [
  ['addr2line', 2_216_096], ['asm', 4_460_640], ['buildid', 2_110_944], ['cgo', 4_112_032], ['compile', 20_343_360], ['covdata', 2_904_672], ['cover', 4_523_264], ['doc', 3_499_552],
  ['fix', 2_636_928], ['link', 6_631_136], ['nm', 2_171_200], ['objdump', 3_410_784], ['pack', 1_627_904], ['pprof', 14_523_136], ['test2json', 2_105_184], ['trace', 12_845_888], ['vet', 7_340_640],
];

export async function goRoot(): Promise<Tree> {
  const tree = new Tree();
  const epoch = GO_RELEASE_EPOCH;
  const owner = { mtime: epoch };
  const go = '/usr/local/go';
  const src = await readDeb('golang-1.19-src');
  for (const entry of src.data) {
    const m = /^\/usr\/share\/go-1\.19\/(src|test|misc|api|lib|doc)(\/.*)?$/.exec(entry.path);
    if (!m) continue;
    const path = `${go}/${m[1]}${m[2] ?? ''}`;
    if (entry.type === 'directory') tree.dir(path, owner);
    else if (entry.type === 'file') tree.sizedFile(path, entry.size, { ...owner, mode: entry.mode & 0o111 ? 0o755 : 0o644 });
    else if (entry.type === 'symlink') tree.symlink(path, entry.linkname!, epoch);
  }
  tree.sizedFile(`${go}/bin/go`, 14_651_928, { ...owner, mode: 0o755 });
  tree.sizedFile(`${go}/bin/gofmt`, 3_041_512, { ...owner, mode: 0o755 });
  for (const [name, size] of TOOLS) tree.sizedFile(`${go}/pkg/tool/linux_amd64/${name}`, size, { ...owner, mode: 0o755 });
  tree.dir(`${go}/pkg/include`, owner);
  for (const [name, size] of [['asm_amd64.h', 1_125], ['asm_ppc64x.h', 1_522], ['funcdata.h', 2_252], ['textflag.h', 1_845]] as const) tree.sizedFile(`${go}/pkg/include/${name}`, size, owner);
  tree.sizedFile(`${go}/lib/time/zoneinfo.zip`, 405_602, owner);
  tree.file(`${go}/VERSION`, `go${GOLANG_VERSION}\ntime 2025-08-06T16:40:10Z\n`, owner);
  tree.file(
    `${go}/go.env`,
    '# This file contains the initial defaults for go command configuration.\n# Values set by \'go env -w\' and written to the user\'s go/env file override these.\n# The environment overrides everything else.\n\n# Use the Go module mirror and checksum database by default.\n# See https://proxy.golang.org for details.\nGOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\n\n# Automatically download newer toolchains as directed by go.mod files.\n# See https://go.dev/doc/toolchain for details.\nGOTOOLCHAIN=auto\n',
    owner,
  );
  tree.sizedFile(`${go}/LICENSE`, 1_453, owner);
  tree.sizedFile(`${go}/PATENTS`, 1_303, owner);
  tree.sizedFile(`${go}/README.md`, 1_455, owner);
  tree.sizedFile(`${go}/SECURITY.md`, 397, owner);
  tree.sizedFile(`${go}/CONTRIBUTING.md`, 1_339, owner);
  tree.file(`${go}/codereview.cfg`, 'branch: release-branch.go1.23\nparent-branch: master\n', owner);
  return tree;
}

/** RUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH" */
export function goPath(epoch: number): Tree {
  const tree = new Tree();
  for (const dir of ['/go', '/go/bin', '/go/src']) tree.dir(dir, { mtime: epoch, mode: 0o1777 });
  return tree;
}

export function golangTextPolicy(path: string, size: number): boolean {
  if (isDpkgDatabase(path)) return true;
  if (size > 16 * 1024 || /\.(asc|gpg|pem|crt)$/.test(path)) return false;
  return path.startsWith('/etc/') || path === '/usr/local/go/VERSION' || path === '/usr/local/go/go.env' || path === '/usr/local/go/codereview.cfg' || path.startsWith('/lib/apk/db/installed');
}

export function golangEnv(path: string): string[] {
  return [`PATH=/go/bin:/usr/local/go/bin:${path.slice('PATH='.length)}`, `GOLANG_VERSION=${GOLANG_VERSION}`, 'GOTOOLCHAIN=local', 'GOPATH=/go'];
}

/** Alpine's ca-certificates package (the bundle is rewritten; a .pem link per certificate). */
export async function alpineCaCertificates(tree: Tree, epoch: number): Promise<string[]> {
  const certs = (await readDeb('ca-certificates')).data.filter((e) => e.type === 'file' && e.path.startsWith('/usr/share/ca-certificates/mozilla/') && e.path.endsWith('.crt'));
  let bundle = 0;
  const files: string[] = [];
  for (const cert of certs) {
    tree.sizedFile(cert.path, cert.size, { mtime: 1720182016 });
    const name = cert.path.slice(cert.path.lastIndexOf('/') + 1, -'.crt'.length);
    tree.symlink(`/etc/ssl/certs/${name}.pem`, cert.path, epoch);
    bundle += cert.size;
    files.push(cert.path);
  }
  tree.sizedFile('/etc/ssl/certs/ca-certificates.crt', bundle, { mtime: epoch });
  tree.file('/etc/ca-certificates.conf', `${certs.map((c) => c.path.slice('/usr/share/ca-certificates/'.length)).sort().join('\n')}\n`, { mtime: epoch });
  tree.dir('/etc/ca-certificates/update.d', { mtime: epoch });
  tree.sizedFile('/usr/sbin/update-ca-certificates', 30_568, { mtime: 1720182016, mode: 0o755 });
  return files;
}
