/** docker/cli's formatter.Ellipsis for text of single-width characters: cut to `width`, the last one becoming "…". */
export function ellipsis(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return '';
  if (width === 1) return chars[0] ?? '';
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}
