/**
 * The range arithmetic of a windowed (virtualised) list of fixed-height
 * rows: which rows a viewport shows, with some rows of overscan either side,
 * and where the first rendered row sits. Pure: unit tested in windowed.test.ts.
 */

export interface WindowRange {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
  /** Pixels above the first rendered row. */
  offset: number;
  /** Height of every row together: the scrolled content's height. */
  totalHeight: number;
}

export function windowRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 5): WindowRange {
  const total = Math.max(0, count) * rowHeight;
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, totalHeight: Math.max(0, total) };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offset: start * rowHeight, totalHeight: total };
}

/**
 * The scrollTop that brings row `index` fully into a viewport currently at
 * `scrollTop` (unchanged when it is already visible).
 */
export function scrollToRow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}
