import type { Command } from '../command';

/** pwd: print the working directory. */
export const pwd: Command = {
  name: 'pwd',
  summary: 'print the name of the current working directory',
  async run({ stdout, shell }) {
    await stdout.write(`${shell.cwd}\n`);
    return 0;
  },
};
