import { addFilter, parseFilterFlags } from '../../../daemon/filters';
import { pruneImages } from '../../../images/prune';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';
import { humanSize } from '../../format/units';
import { confirm, validateFilterFlag } from '../confirm';

const DANGLING_WARNING = 'WARNING! This will remove all dangling images.';
const ALL_WARNING = 'WARNING! This will remove all images without at least one container associated to them.';

/**
 * docker image prune [OPTIONS] — dangling images, or with -a every image no
 * container uses; the CLI adds `dangling=true` (or `false` with -a) to the
 * filters, and prints the daemon's report in lowercase (`untagged:`,
 * `deleted:`).
 */
export const imagePruneCommand: DockerCommand = {
  name: 'prune',
  use: '[OPTIONS]',
  short: 'Remove unused images',
  category: { group: 'other' },
  flags: [
    { name: 'all', shorthand: 'a', type: 'bool', usage: 'Remove all unused images, not just dangling ones' },
    { name: 'filter', type: 'list', varname: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")', validate: validateFilterFlag },
    { name: 'force', shorthand: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  args: { kind: 'none' },
  async run(context, flags) {
    const all = flags.get('all') === true;
    const filters = parseFilterFlags((flags.get('filter') as string[] | undefined) ?? []);
    addFilter(filters, 'dangling', String(!all));
    if (flags.get('force') !== true && !(await confirm(context, all ? ALL_WARNING : DANGLING_WARNING))) return 0;
    try {
      const report = pruneImages(context.engine, filters);
      let output = '';
      if (report.imagesDeleted.length > 0) {
        const lines = report.imagesDeleted.map((record) => ('untagged' in record ? `untagged: ${record.untagged}\n` : `deleted: ${record.deleted}\n`));
        output = `Deleted Images:\n${lines.join('')}\n`;
      }
      const reclaimed = report.imagesDeleted.length > 0 ? report.spaceReclaimed : 0;
      await context.stdout.write(`${output}Total reclaimed space: ${humanSize(reclaimed)}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
