import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatCompletionList } from './completion-list';

describe('formatCompletionList', () => {
  it('returns nothing for no items', () => {
    expect(formatCompletionList([], 80)).toBe('');
  });

  it('ends a single item with CRLF', () => {
    expect(formatCompletionList(['hosts'], 80)).toBe('hosts\r\n');
  });

  it('runs items top to bottom, then left to right, like ls', () => {
    // Width 1 + 2 = 3 per column; 9 columns fit in 9 cells but 5 items
    // over 3 columns need 2 rows, filled column by column.
    expect(formatCompletionList(['a', 'b', 'c', 'd', 'e'], 9)).toBe('a  c  e\r\nb  d\r\n');
  });

  it('makes every column as wide as the longest item plus two spaces', () => {
    expect(formatCompletionList(['lib/', 'lib32/', 'libexec/', 'local/'], 20)).toBe(
      'lib/      libexec/\r\n' + 'lib32/    local/\r\n',
    );
  });

  it('uses as many columns as fit, including an exact fit', () => {
    expect(formatCompletionList(['aaaaaaaa', 'bbbbbbbb', 'cccccccc'], 20)).toBe(
      'aaaaaaaa  cccccccc\r\n' + 'bbbbbbbb\r\n',
    );
    expect(formatCompletionList(['aaaaaaaa', 'bbbbbbbb', 'cccccccc'], 19)).toBe(
      'aaaaaaaa\r\nbbbbbbbb\r\ncccccccc\r\n',
    );
  });

  it('falls back to one column when an item is wider than the terminal', () => {
    expect(formatCompletionList(['a-very-long-name', 'b'], 10)).toBe('a-very-long-name\r\nb\r\n');
  });

  it('lays out a typical directory listing like bash at 40 columns', () => {
    const items = ['bin/', 'boot/', 'dev/', 'etc/', 'home/', 'lib/', 'media/', 'mnt/', 'opt/', 'proc/', 'root/', 'run/'];
    // Longest is 6 → columns of 8; 5 fit in 40; 12 items → 3 rows, so only 4 columns are used.
    expect(formatCompletionList(items, 40)).toBe(
      'bin/    etc/    media/  proc/\r\n' + 'boot/   home/   mnt/    root/\r\n' + 'dev/    lib/    opt/    run/\r\n',
    );
  });

  it('counts code points, not UTF-16 units', () => {
    expect(formatCompletionList(['𝑥', 'é', 'ab'], 12)).toBe('𝑥   é   ab\r\n');
  });

  it('keeps every item, in column-major order, within the width, without trailing spaces', () => {
    const item = fc.string({ unit: fc.constantFrom('a', 'b', '/', '-', '.', '1'), minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 100 }), (items, cols) => {
        const out = formatCompletionList(items, cols);
        expect(out.endsWith('\r\n')).toBe(true);
        const rows = out.slice(0, -2).split('\r\n');
        const cells = rows.map((row) => row.split(/ {2,}/));
        for (const row of rows) expect(row).not.toMatch(/ $/);
        const longest = Math.max(...items.map((i) => i.length));
        if (longest + 2 <= cols) for (const row of rows) expect(row.length).toBeLessThanOrEqual(cols);
        const columnMajor: string[] = [];
        const columns = Math.max(...cells.map((c) => c.length));
        for (let c = 0; c < columns; c++) for (const row of cells) if (row[c] !== undefined) columnMajor.push(row[c] ?? '');
        expect(columnMajor).toEqual(items);
      }),
    );
  });
});
