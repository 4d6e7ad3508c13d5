import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogEntry } from '../catalog/format';
import { validateMirrorIndex, validatePackageContents } from '../packages/mirrors';
import type { MirrorIndex, PackageContents } from '../packages/format';
import { providersOf } from '../packages/resolve';

/** The site's catalog, where the package mirrors are. */
export const CATALOG_ROOT = new URL('../../public/catalog/', import.meta.url).pathname;

export interface MirrorFiles {
  index: MirrorIndex;
  names: string[];
  /** A package's contents file, read (and checked by the engine's own validation) once. */
  contentsOf(name: string): PackageContents;
}

/** Reads a package mirror of the catalog (public/catalog/packages/<mirror>), as the engine reads it. */
export function readMirror(mirror: string): MirrorFiles {
  const read = (file: string): unknown => JSON.parse(readFileSync(`${CATALOG_ROOT}packages/${mirror}/${file}`, 'utf8'));
  const index = validateMirrorIndex(read('index.json'), `${mirror}/index.json`);
  const contents = new Map<string, PackageContents>();
  return {
    index,
    names: Object.keys(index.packages),
    contentsOf(name) {
      let found = contents.get(name);
      if (!found) {
        const file = `${index.packages[name]!.contents}.json`;
        found = validatePackageContents(read(file), file);
        contents.set(name, found);
      }
      return found;
    },
  };
}

/** Dependency groups nothing in the mirror satisfies, as `package: a | b`. */
export function unsatisfiedDependencies(index: MirrorIndex): string[] {
  const missing: string[] = [];
  for (const [name, info] of Object.entries(index.packages)) {
    for (const group of info.depends) if (!group.some((alternative) => providersOf(index, alternative).length > 0)) missing.push(`${name}: ${group.join(' | ')}`);
  }
  return missing;
}

const parentOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';

/** A package's entries unpack as listed: sorted unique paths, each file's directory listed before it, hard links to files listed before them. */
export function expectUnpackable(name: string, entries: readonly CatalogEntry[]): void {
  const seen = new Map<string, CatalogEntry>();
  let previous = '';
  for (const entry of entries) {
    const [kind, path] = entry;
    expect(path > previous, `${name}: ${path} after ${previous}`).toBe(true);
    previous = path;
    const parent = parentOf(path);
    if (parent !== '/') expect(seen.get(parent)?.[0], `${name}: ${path} without its directory`).toBe('d');
    if (kind === 'h') expect(seen.get(entry[6] as string)?.[0], `${name}: hard link ${path}`).toBe('f');
    seen.set(path, entry);
  }
}

/** A package's program is a regular executable file at its path (so the runtime knows it by what it is). */
export function expectProgram(mirror: MirrorFiles, name: string, path: string): void {
  const entry = mirror.contentsOf(name).entries.find((candidate) => candidate[1] === path);
  expect(entry?.[0]).toBe('f');
  expect(entry?.[2]).toBe(0o755);
  expect(entry?.[6]).toBeGreaterThan(100_000);
}
