import { pidOf } from '../../../daemon/inspect';
import type { ProcessEntry } from '../../../runtime/process';
import type { DockerCommand } from '../../command';
import { runningContainer } from './each';
import { tabwrite } from '../../format/tabwriter';

/** The host's `ps -ef` columns, which the daemon runs for docker top. */
const TITLES = ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'];

/**
 * docker top CONTAINER: the container's processes as the host sees them
 * (host PIDs, `ps -ef` columns), laid out by docker/cli's top.go with
 * tabwriter(minwidth 20, padding 3). ps options are not supported.
 */
export const topCommand: DockerCommand = {
  name: 'top',
  use: 'CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  aliases: ['docker container top', 'docker top'],
  category: { group: 'other' },
  flags: [],
  interspersed: false,
  args: { kind: 'min', count: 1 },
  async run(context, _flags, [name = '']) {
    const found = await runningContainer(context, name, { stopped: (container) => `Error response from daemon: container ${container.id} is not running` });
    if (typeof found === 'number') return found;
    const { container, process } = found;
    const base = pidOf(container);
    // The container's PID 1 is a child of its containerd-shim on the host.
    const hostPid = (pid: number): number => (pid === 0 ? base - 21 : base + pid - 1);
    const row = (entry: ProcessEntry): string[] => [
      entry.uid === 0 ? 'root' : String(entry.uid),
      String(hostPid(entry.pid)),
      String(hostPid(entry.ppid === 0 && entry.pid !== 1 ? 0 : entry.ppid)),
      '0',
      new Date(entry.started).toISOString().slice(11, 16),
      entry.tty ? 'pts/0' : '?',
      '00:00:00',
      entry.argv.join(' '),
    ];
    const lines = [TITLES, ...[...process.table.entries].sort((a, b) => a.pid - b.pid).map(row)].map((cells) => `${cells.join('\t')}\n`);
    await context.stdout.write(tabwrite(lines.join(''), { minwidth: 20, padding: 3 }));
    return 0;
  },
};
