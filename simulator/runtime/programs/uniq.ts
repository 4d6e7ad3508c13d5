import type { Command } from '../../shell/command';
import { relay } from './relay';

/**
 * uniq, whose `-c` counts GNU coreutils and busybox both print seven wide
 * (`%7lu `); the rest is the interpreter's uniq.
 */
export const uniq: Command = {
  name: 'uniq',
  summary: 'report or omit repeated lines',
  async run(context) {
    const args = context.argv.slice(1);
    const result = await context.userland?.runTool(['uniq', ...args]);
    if (!result) return 126;
    const counting = args.some((arg) => arg === '--count' || /^-[a-zA-Z]*c/.test(arg));
    return relay(context, counting ? { ...result, stdout: result.stdout.replace(/^ *(\d+) /gm, (_, count: string) => `${count.padStart(7)} `) } : result);
  },
};
