/**
 * Images side by side, from what they hold: size, layers, installed
 * packages, whether a shell and a package manager are there, the user they
 * run as, and the files that set them apart — the distroless lesson's table.
 */
import { fileBytes } from '../archive/tar';
import { ReadWriteLayer } from '../archive/rw-layer';
import type { UnionView } from '../archive/union';
import type { Engine } from '../daemon/engine';
import { getImage } from '../images/get';
import { imageNames } from '../images/names';
import { INSTALLED as APK_INSTALLED, parseInstalled } from '../packages/apk-database';
import { isInstalled, parseStatus, STATUS as DPKG_STATUS } from '../packages/dpkg-database';
import { DEFAULT_PATH, identifyPath, resolveCommand } from '../runtime/identify';
import { accountOf } from '../runtime/users';
import { LayerFileSystem } from '../userland/filesystem';
import { sameNode } from './layer-tree';

/** distroless keeps one status file per package here instead of /var/lib/dpkg/status. */
const DPKG_STATUS_DIRECTORY = '/var/lib/dpkg/status.d';
const PACKAGE_MANAGERS = ['apt-get', 'apt', 'dpkg', 'apk'];

export interface ComparedImage {
  ref: string;
  id: string;
  names: string[];
  size: number;
  layerCount: number;
  /** Installed packages by the image's package database (dpkg's or apk's); 0 and null when it has none. */
  packages: { count: number; database: 'dpkg' | 'apk' | null };
  /** Whether /bin/sh is there to run (following links), so `docker exec … sh` can work. */
  shell: boolean;
  /** The package managers a container could run (found on the default PATH). */
  packageManagers: string[];
  /** Who the container's process runs as: Config.User, resolved through the image's /etc/passwd. */
  user: { configured: string; name: string; uid: number; gid: number; root: boolean };
}

/** How an image's files differ from the first image's (files and links; directories are only where they are). */
export interface FileDifference {
  /** The image compared with the first. */
  ref: string;
  onlyInFirst: number;
  onlyInThis: number;
  differing: number;
  /** Up to the query's limit of each, sorted. */
  examples: { onlyInFirst: string[]; onlyInThis: string[]; differing: string[] };
}

export interface ImageComparison {
  images: ComparedImage[];
  /** Each image after the first against the first. */
  differences: FileDifference[];
}

/** Compares local images; `fileLimit` caps each list of example paths (default 50). */
export function compareImages(engine: Engine, refs: readonly string[], fileLimit = 50): ImageComparison {
  const found = refs.map((ref) => ({ ref, image: getImage(engine, ref) }));
  const views = found.map(({ image }) => engine.layers.view(engine.topLayerOf(image)));
  const images = found.map(({ ref, image }, index): ComparedImage => {
    const files = new LayerFileSystem(new ReadWriteLayer(views[index] as UnionView), engine.clock, { uid: 0, gid: 0 });
    const read = (path: string): string | undefined => {
      const node = files.lookup(path)?.node;
      return node?.type === 'file' && node.content.kind === 'bytes' ? new TextDecoder().decode(fileBytes(node.content)) : undefined;
    };
    const configured = image.config.config?.User ?? '';
    const account = accountOf({ read }, configured);
    return {
      ref,
      id: image.id,
      names: imageNames(engine, image.id),
      size: engine.sizeOf(image),
      layerCount: image.config.rootfs.diff_ids.length,
      packages: installedPackages(views[index] as UnionView, read),
      shell: identifyPath(files, '/bin/sh').kind !== 'not-found',
      packageManagers: PACKAGE_MANAGERS.filter((name) => resolveCommand(files, name, DEFAULT_PATH, '/').kind !== 'not-found'),
      user: { configured, name: account.name, uid: account.uid, gid: account.gid, root: account.uid === 0 },
    };
  });
  const [first, ...others] = views;
  const differences = first ? others.map((view, index) => fileDifference(found[index + 1]?.ref ?? '', first, view, fileLimit)) : [];
  return { images, differences };
}

function installedPackages(view: UnionView, read: (path: string) => string | undefined): ComparedImage['packages'] {
  const apk = read(APK_INSTALLED);
  if (apk !== undefined) return { count: parseInstalled(apk).length, database: 'apk' };
  let count = parseStatus(read(DPKG_STATUS) ?? '').filter(isInstalled).length;
  // distroless writes a stanza per installed package, without a Status field: each one is installed.
  for (const name of view.children(DPKG_STATUS_DIRECTORY)) {
    if (!name.endsWith('.md5sums')) count += parseStatus(read(`${DPKG_STATUS_DIRECTORY}/${name}`) ?? '').filter((stanza) => stanza.fields.has('Package')).length;
  }
  return { count, database: count > 0 || view.has(DPKG_STATUS) ? 'dpkg' : null };
}

function fileDifference(ref: string, first: UnionView, other: UnionView, limit: number): FileDifference {
  const onlyInFirst: string[] = [];
  const onlyInThis: string[] = [];
  const differing: string[] = [];
  for (const [path, node] of first.entries()) {
    if (node.type === 'directory') continue;
    const theirs = other.get(path);
    if (!theirs || theirs.type === 'directory') onlyInFirst.push(path);
    else if (!sameNode(node, theirs)) differing.push(path);
  }
  for (const [path, node] of other.entries()) {
    if (node.type === 'directory') continue;
    const ours = first.get(path);
    if (!ours || ours.type === 'directory') onlyInThis.push(path);
  }
  const examples = (paths: string[]): string[] => paths.sort().slice(0, limit);
  return {
    ref,
    onlyInFirst: onlyInFirst.length,
    onlyInThis: onlyInThis.length,
    differing: differing.length,
    examples: { onlyInFirst: examples(onlyInFirst), onlyInThis: examples(onlyInThis), differing: examples(differing) },
  };
}
