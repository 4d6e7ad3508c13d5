import type { Command } from '../../shell/command';
import { namesById } from '../users';
import { accountOfProcess, readText } from './identity';

/**
 * busybox ps: the container's processes, as its PID namespace shows them
 * (`PID   USER     TIME  COMMAND`). The ps process itself is listed too.
 */
export const ps: Command = {
  name: 'ps',
  summary: 'report process status',
  async run(context) {
    const table = context.processes;
    const users = namesById(readText(context, '/etc/passwd'));
    const nameOf = (uid: number): string => users.get(uid) ?? String(uid);
    // Run by `docker exec c ps`, ps is already listed as the exec'd process.
    const listed = table?.entries.some((entry) => entry.argv.join(' ') === context.argv.join(' '));
    const self = listed ? undefined : table?.spawn({ ppid: 1, uid: accountOfProcess(context).uid, argv: context.argv, started: context.clock.now(), tty: context.tty });
    try {
      const rows = [...(table?.entries ?? [])].sort((a, b) => a.pid - b.pid).map((entry) => `${String(entry.pid).padStart(5)} ${nameOf(entry.uid).slice(0, 8).padEnd(8)}  0:00 ${entry.argv.join(' ')}\n`);
      await context.stdout.write(`PID   USER     TIME  COMMAND\n${rows.join('')}`);
      return 0;
    } finally {
      if (self) table?.exit(self);
    }
  },
};
