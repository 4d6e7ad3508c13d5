import type { Command } from '../../shell/command';
import { packageVersion } from './runtimes';
import { relay } from './relay';

/**
 * jq: the interpreter's jq, with `--version` answered as the installed jq
 * answers it (`jq-1.6` on Debian 12, the learner's machine; `jq-1.7.1` on
 * Alpine 3.20).
 */
export const jq: Command = {
  name: 'jq',
  summary: 'Command-line JSON processor',
  async run(context) {
    const args = context.argv.slice(1);
    if (args.length === 1 && args[0] === '--version') {
      await context.stdout.write(`jq-${packageVersion(context, 'jq') ?? '1.6'}\n`);
      return 0;
    }
    return relay(context, await context.userland?.runTool(['jq', ...args]));
  },
};
