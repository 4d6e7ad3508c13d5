import { parseFilterFlags } from '../../../daemon/filters';
import { pruneContainers } from '../../../daemon/prune';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';
import { humanSize } from '../../format/units';
import { confirm, validateFilterFlag } from '../confirm';

/** docker container prune [OPTIONS] — removes every stopped container, after asking unless forced. */
export const containerPruneCommand: DockerCommand = {
  name: 'prune',
  use: '[OPTIONS]',
  short: 'Remove all stopped containers',
  category: { group: 'other' },
  flags: [
    { name: 'filter', type: 'list', varname: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")', validate: validateFilterFlag },
    { name: 'force', shorthand: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  args: { kind: 'none' },
  async run(context, flags) {
    if (flags.get('force') !== true && !(await confirm(context, 'WARNING! This will remove all stopped containers.'))) return 0;
    try {
      const report = pruneContainers(context.engine, parseFilterFlags((flags.get('filter') as string[] | undefined) ?? []));
      let output = '';
      if (report.containersDeleted.length > 0) output += `Deleted Containers:\n${report.containersDeleted.map((id) => `${id}\n`).join('')}\n`;
      const reclaimed = report.containersDeleted.length > 0 ? report.spaceReclaimed : 0;
      await context.stdout.write(`${output}Total reclaimed space: ${humanSize(reclaimed)}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
