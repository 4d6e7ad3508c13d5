/**
 * A port of Go's text/tabwriter (flags 0), which the Docker CLI uses for every
 * table and for `docker version`. Reproducing its column-block algorithm, not
 * just padding each column to its widest cell, is what makes our tables line
 * up exactly as Docker's do: a column's width is decided per block of
 * consecutive lines that have a cell in that column.
 */
export interface TabwriterOptions {
  /** Minimal cell width including padding. */
  minwidth: number;
  /** Padding added to a cell's width. */
  padding: number;
  /** The character used to pad cells (Go's padchar). */
  padchar?: string;
}

type Line = string[];

/** Aligns tab-terminated cells of `text` the way Go's tabwriter does. */
export function tabwrite(text: string, options: TabwriterOptions): string {
  const lines: Line[] = text.split('\n').map((line) => line.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];
  const pad = options.padchar ?? ' ';

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] ?? [];
      let rendered = '';
      cells.forEach((cell, j) => {
        const width = widths[j];
        rendered += width !== undefined && j < cells.length - 1 ? cell + pad.repeat(Math.max(0, width - runeCount(cell))) : cell;
      });
      out.push(rendered);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      writeLines(start, current);
      start = current;
      let width = options.minwidth;
      for (; current < line1; current++) {
        const cells = lines[current] ?? [];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column] ?? '') + options.padding);
      }
      widths.push(width);
      format(start, current);
      widths.pop();
      start = current;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}

function runeCount(text: string): number {
  return [...text].length;
}
