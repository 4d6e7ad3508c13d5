import type { Command } from '../command';

/** help: what this machine offers, generated from the commands it knows. */
export const help: Command = {
  name: 'help',
  summary: 'show the commands available in this terminal',
  async run({ stdout, commands }) {
    const names = [...commands.keys()].sort();
    const width = Math.max(...names.map((name) => name.length)) + 2;
    const rows = names.map((name) => `  ${name.padEnd(width)}${commands.get(name)?.summary ?? ''}`);
    await stdout.write(
      [
        'Layerlab: a simulated Linux machine with a Docker engine, running in your browser.',
        '',
        'Commands available here:',
        ...rows,
        '',
        "Type 'docker --help' for Docker's commands, or try 'docker version'.",
        'Keys: Tab completes, Up/Down recall history, Ctrl-C interrupts, Ctrl-L clears the screen.',
        '',
      ].join('\n'),
    );
    return 0;
  },
};
