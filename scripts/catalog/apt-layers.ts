/**
 * Layers that a Dockerfile's `RUN apt-get install …` adds on top of a Debian
 * image: the packages' files (from their real .debs), dpkg's status grown by
 * their stanzas, their info files, apt's logs, and — on a -slim base — the
 * dpkg path excludes applied. Each layer's state (installed packages, status
 * text) feeds the next layer built on top of it.
 */
import { resolveDependencies, type Deb } from './debs';
import { statusStanza, unpack, writeAlternatives } from './debian';
import { Tree } from './tree';

export interface AptState {
  packages: ReadonlySet<string>;
  /** /var/lib/dpkg/status after this layer. */
  status: string;
  slim: boolean;
}

export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

export function baseState(tree: Tree, packages: readonly string[], slim: boolean): AptState {
  const status = tree.text('/var/lib/dpkg/status');
  if (status === undefined) throw new Error('the base has no dpkg status');
  return { packages: new Set(packages), status, slim };
}

function packageId(deb: Deb): string {
  return deb.control['Multi-Arch'] === 'same' ? `${deb.name}:${deb.control.Architecture}` : deb.name;
}

/** The slim variant's dpkg excludes (debuerreotype-slimify), applied to newly installed files. */
export function applySlimExcludes(tree: Tree, keep: (path: string) => boolean = () => false): void {
  for (const [path, node] of [...tree.nodes]) {
    if (node.kind === 'd' || keep(path)) continue;
    if (/^\/usr\/share\/(doc|man|locale|info|groff|linda|lintian\/overrides)\//.test(path) && !/^\/usr\/share\/doc\/[^/]+\/copyright$/.test(path) && !/^\/usr\/share\/locale\/(locale\.alias|languages|all_languages)$/.test(path)) tree.nodes.delete(path);
  }
  for (const path of [...tree.nodes.keys()].filter((p) => /^\/usr\/share\/(doc|man|locale|info|groff)\//.test(p)).sort().reverse()) {
    const node = tree.get(path);
    if (node?.kind === 'd' && tree.children(path).length === 0) tree.nodes.delete(path);
  }
}

export interface AptInstallOptions {
  /** Packages to install (their dependency closure minus what is installed). */
  roots: readonly string[];
  epoch: number;
  /** Packages apt would not pull in here (e.g. left out on purpose). */
  skip?: readonly string[];
  /** Extra stanzas for packages not from Debian (e.g. nginx.org's). */
  extraStatus?: string[];
}

/** `apt-get update && apt-get install -y --no-install-recommends <roots> && rm -rf /var/lib/apt/lists/*` as one layer. */
export async function aptInstall(state: AptState, options: AptInstallOptions, tree = new Tree()): Promise<{ tree: Tree; state: AptState; debs: Deb[] }> {
  const { epoch } = options;
  const skip = new Set(options.skip ?? []);
  const names = resolveDependencies(options.roots).filter((name) => !state.packages.has(name) && !skip.has(name));
  const debs = await unpack(tree, names, { mergedUsr: true });
  const owner = { mtime: epoch };
  const stanzas = [...debs.map(statusStanza), ...(options.extraStatus ?? [])];
  const status = `${[state.status.replace(/\n+$/, ''), ...stanzas.map((s) => s.replace(/\n+$/, ''))].join('\n\n')}\n`;
  tree.file('/var/lib/dpkg/status', status, owner);
  tree.file('/var/lib/dpkg/status-old', state.status, owner);
  for (const deb of debs) {
    const id = packageId(deb);
    tree.file(`/var/lib/dpkg/info/${id}.list`, `${['/.', ...deb.data.map((e) => e.path)].join('\n')}\n`, owner);
    const md5sums = deb.controlFiles.get('md5sums');
    if (md5sums) tree.file(`/var/lib/dpkg/info/${id}.md5sums`, md5sums, owner);
    for (const script of ['postinst', 'prerm', 'postrm', 'preinst', 'conffiles', 'triggers', 'shlibs']) {
      const bytes = deb.controlFiles.get(script);
      if (bytes) tree.file(`/var/lib/dpkg/info/${id}.${script}`, bytes, { ...owner, mode: ['postinst', 'prerm', 'postrm', 'preinst'].includes(script) ? 0o755 : 0o644 });
    }
  }
  if (debs.some((deb) => /update-alternatives\s+(--quiet\s+)?--install/.test(new TextDecoder().decode(deb.controlFiles.get('postinst') ?? new Uint8Array())))) {
    writeAlternatives(tree, debs, epoch, true);
  }
  if (debs.length > 0) {
    tree.sizedFile('/var/lib/apt/extended_states', 60 * (state.packages.size + debs.length), owner);
    tree.file('/var/log/apt/eipp.log.xz', '', { ...owner, mode: 0o600 });
    tree.sizedFile('/var/log/apt/history.log', 400 + debs.reduce((n, d) => n + d.name.length + d.version.length + 12, 0), owner);
    tree.sizedFile('/var/log/apt/term.log', 600 + debs.length * 180, { ...owner, mode: 0o640, gid: 4 });
    tree.sizedFile('/var/log/dpkg.log', 300 + debs.length * 620, owner);
    tree.sizedFile('/etc/ld.so.cache', 48 + 112 * (200 + state.packages.size + debs.length), owner);
    tree.sizedFile('/var/cache/debconf/templates.dat', 500_000 + debs.length * 1_200, owner);
    tree.sizedFile('/var/cache/debconf/templates.dat-old', 499_000 + debs.length * 1_200, owner);
  }
  if (state.slim) applySlimExcludes(tree);
  tree.clampMtimes(epoch);
  return { tree, state: { packages: new Set([...state.packages, ...debs.map((d) => d.name)]), status, slim: state.slim }, debs };
}

/** BuildKit's created_by for `RUN <script>`: backslash-newlines joined, comment lines dropped. */
export function runCreatedBy(script: string): string {
  const lines = script.split('\n').filter((line) => !/^\s*#/.test(line));
  return `RUN /bin/sh -c ${lines.join('\n').replace(/\\\n/g, '')} # buildkit`;
}
