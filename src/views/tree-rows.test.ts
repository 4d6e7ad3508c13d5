import { describe, expect, it } from 'vitest';
import type { LayerTreeListing, TreeEntry } from '../../simulator/view/layer-tree';
import { flatten, shownDirectories, type Slot } from './tree-rows';

const dir = (path: string): TreeEntry => ({ name: path.split('/').at(-1) ?? '', path, type: 'directory', mode: 0o755, uid: 0, gid: 0, size: 0, status: 'unchanged' });
const file = (path: string): TreeEntry => ({ ...dir(path), type: 'file', mode: 0o644, size: 3, status: 'added' });
const slot = (path: string, entries: TreeEntry[]): Slot => ({
  generation: 0,
  listing: { imageId: 'sha256:x', layer: 0, path, entries, summary: { added: 0, modified: 0, removed: 0 } } satisfies LayerTreeListing,
});

describe('flatten', () => {
  const map = new Map<string, Slot>([
    ['/', slot('/', [dir('/etc'), dir('/srv'), file('/z.txt')])],
    ['/srv', slot('/srv', [file('/srv/a'), file('/srv/b')])],
    ['/etc', slot('/etc', [])],
  ]);

  it('lists the root only when nothing is open, even with other listings held', () => {
    const rows = flatten(map, new Set());
    expect(rows.map((row) => (row.kind === 'entry' ? row.entry.path : row.text))).toEqual(['/etc', '/srv', '/z.txt']);
    expect(shownDirectories(rows, new Set())).toEqual(['/']);
  });

  it('puts an open directory\'s entries under it, with their depth and position', () => {
    const rows = flatten(map, new Set(['/srv']));
    expect(rows.map((row) => (row.kind === 'entry' ? `${row.depth}:${row.entry.path}:${row.position}/${row.setSize}` : row.text))).toEqual([
      '0:/etc:1/3',
      '0:/srv:2/3',
      '1:/srv/a:1/2',
      '1:/srv/b:2/2',
      '0:/z.txt:3/3',
    ]);
  });

  it('shows an empty directory as empty, and one not listed yet as listing', () => {
    const rows = flatten(map, new Set(['/etc', '/srv/a', '/missing']));
    expect(rows[1]).toMatchObject({ kind: 'note', text: '(empty)', parent: '/etc' });
    const pending = flatten(new Map([['/', slot('/', [dir('/opt')])]]), new Set(['/opt']));
    expect(pending[1]).toMatchObject({ kind: 'note', text: 'Listing…', depth: 1, parent: '/opt' });
    // Only directories that are shown and open are needed: not /missing, not a file.
    expect(shownDirectories(rows, new Set(['/etc', '/srv/a', '/missing']))).toEqual(['/', '/etc']);
  });

  it('never lists an open directory whose parent is closed', () => {
    const deep = new Map(map);
    deep.set('/srv/x', slot('/srv/x', [file('/srv/x/y')]));
    const rows = flatten(deep, new Set(['/srv/x']));
    expect(shownDirectories(rows, new Set(['/srv/x']))).toEqual(['/']);
  });

  it('shows a listing error in place', () => {
    const rows = flatten(new Map([['/', { generation: 0, error: 'No such path' }]]), new Set());
    expect(rows).toEqual([{ kind: 'note', text: 'No such path', depth: 0, parent: '/', error: true }]);
  });
});
