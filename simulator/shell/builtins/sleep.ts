import type { Command } from '../command';

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** sleep NUMBER[SUFFIX]...: pause for the sum of the intervals (GNU coreutils), interruptible with Ctrl-C. */
export const sleep: Command = {
  name: 'sleep',
  summary: 'delay for a specified amount of time',
  async run({ argv, stderr, clock, signal }) {
    const args = argv.slice(1);
    if (args.length === 0) {
      await stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    let seconds = 0;
    for (const arg of args) {
      const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
      if (!match) {
        await stderr.write(`sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
        return 1;
      }
      seconds += Number(match[1]) * (UNITS[match[2] ?? ''] ?? 1);
    }
    await clock.sleep(seconds * 1000, signal);
    return 0;
  },
};
