import type { Command } from '../command';

/** clear: what ncurses' clear writes for TERM=xterm-256color (home, erase screen, erase scrollback). */
export const clear: Command = {
  name: 'clear',
  summary: 'clear the terminal screen',
  async run({ stdout }) {
    await stdout.write('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
