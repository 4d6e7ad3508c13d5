/**
 * docker/cli's tui.Output.PrintNote (internal/tui/note.go): a blank line, the
 * ` Info -> ` header (on a terminal a cyan `i Info → `, the text in italics),
 * and every further line indented to the header's width.
 */
export function infoNote(text: string, terminal: boolean): string {
  const header = infoHeader(terminal);
  const lines = text.split('\n').map((line, index) => `${index > 0 ? ' '.repeat(9) : ''}${terminal ? `\x1b[3m${line}\x1b[0m` : line}\n`);
  return `\n${header}${lines.join('')}`;
}

/** tui's InfoHeader: aec's Bold(LightCyanB(BlackF("i")) + " " + LightCyanF("Info → ")) on a terminal, nine columns wide like the plain one. */
export function infoHeader(terminal: boolean): string {
  return terminal ? '\x1b[1m\x1b[106m\x1b[30mi\x1b[0m\x1b[0m \x1b[96mInfo → \x1b[0m\x1b[0m' : ' Info -> ';
}
