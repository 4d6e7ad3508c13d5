import { sha1 } from '@noble/hashes/legacy.js';
import type { CatalogEntry } from '../catalog/format';

/**
 * apk's installed database (/lib/apk/db/installed): one record per package,
 * `X:value` lines, records separated by a blank line; a record's files are
 * its `F:` directories with their `R:` files below them.
 */
export interface ApkRecord {
  name: string;
  version: string;
  /** Bytes installed (I:). */
  installedSize: number;
  /** D: names (dependencies). */
  depends: string[];
  /** p: names, without their `=version`. */
  provides: string[];
  /** Every path it owns, absolute: its directories and their files. */
  paths: string[];
  /** The record's text, as stored. */
  text: string;
}

export const INSTALLED = '/lib/apk/db/installed';
export const WORLD = '/etc/apk/world';
export const TRIGGERS = '/lib/apk/db/triggers';

export function parseInstalled(text: string): ApkRecord[] {
  return text
    .split(/\n\n+/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map(parseRecord);
}

function parseRecord(text: string): ApkRecord {
  const record: ApkRecord = { name: '', version: '', installedSize: 0, depends: [], provides: [], paths: [], text: `${text}\n` };
  let directory = '';
  for (const line of text.split('\n')) {
    const value = line.slice(2);
    switch (line.slice(0, 2)) {
      case 'P:':
        record.name = value;
        break;
      case 'V:':
        record.version = value;
        break;
      case 'I:':
        record.installedSize = Number(value) || 0;
        break;
      case 'D:':
        record.depends = value.split(' ').filter(Boolean).map(withoutConstraint);
        break;
      case 'p:':
        record.provides = value.split(' ').filter(Boolean).map(withoutConstraint);
        break;
      case 'F:':
        directory = `/${value}`;
        record.paths.push(directory);
        break;
      case 'R:':
        record.paths.push(`${directory}/${value}`);
        break;
    }
  }
  return record;
}

/** `so:libz.so.1=1.3.1` → `so:libz.so.1`; `curl>=8` → `curl`. */
export function withoutConstraint(name: string): string {
  return name.replace(/^!/, '').split(/[=<>~]/, 1)[0] ?? name;
}

export function serializeInstalled(records: readonly ApkRecord[]): string {
  return records.map((record) => `${record.text.replace(/\n+$/, '')}\n\n`).join('');
}

/** apk's "Q1" checksum form: base64 of a SHA-1, here of what identifies the file (its package and path). */
export function q1(seed: string): string {
  return `Q1${btoa(String.fromCharCode(...sha1(new TextEncoder().encode(seed))))}`;
}

/**
 * A package's record once installed: the index's record with its files
 * listed by directory (F:, then R: with a:/Z: for each file).
 */
export function installedRecord(head: string, key: string, entries: readonly CatalogEntry[]): ApkRecord {
  const lines = [head.replace(/\n+$/, '')];
  const byDirectory = new Map<string, Array<{ name: string; mode: number }>>();
  for (const [kind, path, mode] of entries) {
    if (kind === 'd') byDirectory.set(path, byDirectory.get(path) ?? []);
    else {
      const directory = path.slice(0, path.lastIndexOf('/')) || '/';
      byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), { name: path.slice(path.lastIndexOf('/') + 1), mode }]);
    }
  }
  for (const [directory, files] of byDirectory) {
    lines.push(`F:${directory.slice(1)}`);
    for (const file of files) {
      lines.push(`R:${file.name}`);
      if (file.mode !== 0o644) lines.push(`a:0:0:${file.mode.toString(8)}`);
      lines.push(`Z:${q1(`${key}:${directory}/${file.name}`)}`);
    }
  }
  return parseRecord(lines.join('\n'));
}
