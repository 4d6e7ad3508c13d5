/** How a secret read ends. */
export type SecretAction = { type: 'submit'; line: string } | { type: 'eof' } | { type: 'cancel' };

/**
 * A line typed with echo off (a password prompt), as a tty in canonical mode
 * without ECHO takes it: nothing is drawn, not even the Enter; Backspace and
 * Ctrl-U still edit the hidden line, Ctrl-C interrupts, and Ctrl-D on an empty
 * line is end of input. Escape sequences (arrows, function keys) are dropped.
 */
export class SecretInput {
  private buffer = '';

  /** Feeds raw input; returns what ended the read, if anything did, and the input after it (type-ahead). */
  feed(data: string): { action?: SecretAction; rest: string } {
    for (let index = 0; index < data.length; index++) {
      const char = data[index] ?? '';
      const rest = (): string => data.slice(index + 1);
      if (char === '\r' || char === '\n') {
        // A pasted CRLF is one line end.
        const after = char === '\r' && data[index + 1] === '\n' ? data.slice(index + 2) : rest();
        return { action: { type: 'submit', line: this.buffer }, rest: after };
      }
      if (char === '\x03') return { action: { type: 'cancel' }, rest: '' };
      if (char === '\x04') {
        if (this.buffer === '') return { action: { type: 'eof' }, rest: rest() };
      } else if (char === '\x7f' || char === '\b') {
        this.buffer = [...this.buffer].slice(0, -1).join('');
      } else if (char === '\x15') {
        this.buffer = '';
      } else if (char === '\x1b') {
        index += escapeLength(data.slice(index)) - 1;
      } else if (char >= ' ') {
        this.buffer += char;
      }
    }
    return { rest: '' };
  }
}

/** Characters of the escape sequence at the start of `text`: CSI (`ESC [ … final`), SS3 (`ESC O x`), or ESC and one more. */
function escapeLength(text: string): number {
  if (text[1] === '[') {
    const end = text.slice(2).search(/[@-~]/);
    return end < 0 ? text.length : end + 3;
  }
  return Math.min(text.length, text[1] === 'O' ? 3 : 2);
}
