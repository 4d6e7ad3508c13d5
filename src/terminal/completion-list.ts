/**
 * Layout of the list bash prints on a second Tab when a completion is
 * ambiguous.
 */

/** Spaces readline leaves between columns (it pads every item to longest + 2). */
const COLUMN_GAP = 2;

/**
 * Formats completion candidates in columns as bash/readline does (and as `ls`
 * does): items keep the given order (the caller sorts) and run top to bottom,
 * then left to right; every column is as wide as the longest item plus two
 * spaces; as many columns as fit in `cols` (at least one). Rows are joined
 * with "\r\n", carry no trailing spaces, and the result ends with "\r\n"
 * (an empty list gives "").
 *
 * Widths count code points; wide (CJK/emoji) characters are out of scope.
 */
export function formatCompletionList(items: readonly string[], cols: number): string {
  if (items.length === 0) return '';
  const columnWidth = Math.max(...items.map(textWidth)) + COLUMN_GAP;
  // Readline also drops a column when they fill the width exactly, because it
  // pads the last column too; we never write trailing spaces, so the last
  // column always ends short of the margin and that precaution is not needed.
  const columns = Math.max(1, Math.floor(cols / columnWidth));
  const rows = Math.ceil(items.length / columns);
  let out = '';
  for (let row = 0; row < rows; row++) {
    out += formatRow(items, row, rows, columnWidth) + '\r\n';
  }
  return out;
}

/** One row of the vertical layout: items row, row + rows, row + 2·rows, … */
function formatRow(items: readonly string[], row: number, rows: number, columnWidth: number): string {
  const cells: string[] = [];
  for (let index = row; index < items.length; index += rows) {
    cells.push(items[index] ?? '');
  }
  return cells
    .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(columnWidth - textWidth(cell))))
    .join('');
}

function textWidth(text: string): number {
  return Array.from(text).length;
}
