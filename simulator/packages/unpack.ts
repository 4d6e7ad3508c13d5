import { generatedSeed } from '../catalog/decode';
import type { CatalogEntry } from '../catalog/format';
import type { FileContent, Metadata } from '../archive/types';
import type { PackageFiles } from './machine';

/**
 * Unpacking a package into a machine's files, as apk and dpkg do: into the
 * container's writable layer (so `docker diff` and `docker commit` see it),
 * through the symlinks the image has (Debian's /lib → usr/lib), keeping
 * directories that exist and replacing files.
 */

function contentOf(key: string, entry: CatalogEntry): FileContent {
  const [, path, , , , , size, text] = entry;
  return text === undefined ? { kind: 'generated', size: Number(size), seed: generatedSeed(key, path) } : { kind: 'bytes', bytes: new TextEncoder().encode(text) };
}

/** Writes the entries (in path order) and returns the paths it wrote, as the package database lists them. */
export function unpackEntries(files: PackageFiles, key: string, entries: readonly CatalogEntry[]): string[] {
  const fs = files.fs;
  const written: string[] = [];
  const unpacked = new Map<string, CatalogEntry>();
  for (const entry of entries) {
    const [kind, path, mode, uid, gid, seconds, detail] = entry;
    const metadata: Metadata = { mode, uid, gid, mtime: seconds * 1000 };
    const real = files.realPath(path);
    const existing = fs.layer.get(real);
    switch (kind) {
      case 'd':
        if (!existing) fs.layer.mkdir(real, metadata);
        else if (existing.type !== 'directory' && existing.type !== 'symlink') {
          fs.layer.remove(real, metadata.mtime);
          fs.layer.mkdir(real, metadata);
        }
        break;
      case 'f':
        unpacked.set(path, entry);
        if (existing && existing.type !== 'file') fs.layer.remove(real, metadata.mtime);
        fs.layer.writeFile(real, contentOf(key, entry), metadata);
        break;
      case 'l':
        if (existing) fs.layer.remove(real, metadata.mtime);
        fs.layer.symlink(real, String(detail), metadata);
        break;
      case 'h': {
        // A hard link is another name for a file of the same package: the same bytes, known by the same origin.
        const target = unpacked.get(String(detail));
        if (existing) fs.layer.remove(real, metadata.mtime);
        if (target) fs.layer.writeFile(real, contentOf(key, target), metadata);
        break;
      }
      case 'w':
        if (existing) fs.layer.remove(real, 0);
        continue;
    }
    written.push(path);
  }
  return written;
}

/** Deletes what a package installed (files and links; its directories once empty), deepest first. */
export function removePaths(files: PackageFiles, paths: readonly string[], mtime: number): void {
  const fs = files.fs;
  for (const path of [...paths].sort().reverse()) {
    const found = fs.entry(path, false);
    if (!found) continue;
    if (found.node.type === 'directory') {
      if (fs.list(found.resolved).length === 0 && found.resolved !== '/') fs.layer.remove(found.resolved, mtime);
    } else {
      fs.layer.remove(found.resolved, mtime);
    }
  }
}
