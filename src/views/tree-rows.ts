/**
 * The rows a file tree shows, from the directory listings it holds: the
 * root's entries, and under each open directory its own listing, depth
 * first; a directory open but not listed yet shows a "Listing…" row. Pure:
 * unit tested in tree-rows.test.ts.
 */
import type { LayerTreeListing, TreeEntry } from '../../simulator/view/layer-tree';

/** A directory's listing as held by the view: the engine's answer or its error, and the refresh it belongs to. */
export interface Slot {
  listing?: LayerTreeListing;
  error?: string;
  generation: number;
}

export type Row =
  | { kind: 'entry'; entry: TreeEntry; depth: number; position: number; setSize: number; parent: string }
  | { kind: 'note'; text: string; depth: number; parent: string; error?: boolean };

/** The rows shown: the root's entries, and the entries of every open directory under it, depth first. */
export function flatten(map: ReadonlyMap<string, Slot>, expanded: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  const walk = (path: string, depth: number): void => {
    const slot = map.get(path);
    if (!slot) {
      rows.push({ kind: 'note', text: 'Listing…', depth, parent: path });
      return;
    }
    if (slot.error !== undefined || !slot.listing) {
      rows.push({ kind: 'note', text: slot.error ?? 'Could not list this directory', depth, parent: path, error: true });
      return;
    }
    const entries = slot.listing.entries;
    if (entries.length === 0 && depth > 0) rows.push({ kind: 'note', text: '(empty)', depth, parent: path });
    entries.forEach((entry, index) => {
      rows.push({ kind: 'entry', entry, depth, position: index + 1, setSize: entries.length, parent: path });
      if (entry.type === 'directory' && expanded.has(entry.path)) walk(entry.path, depth + 1);
    });
  };
  if (map.has('/')) walk('/', 0);
  return rows;
}

/** The open directories the rows show (the root included): the listings the view needs, and no others. */
export function shownDirectories(rows: readonly Row[], expanded: ReadonlySet<string>): string[] {
  const paths = ['/'];
  for (const row of rows) if (row.kind === 'entry' && row.entry.type === 'directory' && expanded.has(row.entry.path)) paths.push(row.entry.path);
  return paths;
}
