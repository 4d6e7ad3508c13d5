import type { Command } from '../command';
import { hostCommandNames } from './index';

/** help: what this machine offers, generated from the commands it knows. */
export const help: Command = {
  name: 'help',
  summary: 'show the commands available in this terminal',
  async run({ stdout, commands, columns }) {
    await stdout.write(
      [
        'Layerlab: a simulated Linux machine with a Docker engine, running in your browser.',
        '',
        'Commands available here:',
        ...wrap(hostCommandNames(commands), Math.max(40, columns) - 2).map((row) => `  ${row}`),
        '',
        "Type 'docker --help' for Docker's commands, or try 'docker version'.",
        'Keys: Tab completes, Up/Down recall history, Ctrl-C interrupts, Ctrl-L clears the screen.',
        '',
      ].join('\n'),
    );
    return 0;
  },
};

function wrap(words: string[], width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of words) {
    if (row && row.length + 1 + word.length > width) {
      rows.push(row);
      row = word;
    } else row = row ? `${row} ${word}` : word;
  }
  if (row) rows.push(row);
  return rows;
}
