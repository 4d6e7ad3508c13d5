import { imageHistory, shownCreatedBy, type HistoryItem } from '../../../images/history';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';
import { ellipsis } from '../../format/ellipsis';
import { renderListing, TABLE_FORMAT_HELP } from '../../format/output';
import { humanDuration, humanSizeWithPrecision, truncateId } from '../../format/units';

/** docker/cli's history table titles. */
const HISTORY_HEADERS = { Comment: 'COMMENT', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', CreatedSince: 'CREATED', ID: 'IMAGE', Size: 'SIZE' };

/** The fields of docker/cli's historyContext. */
function fields(item: HistoryItem, human: boolean, trunc: boolean, now: number) {
  const createdAt = new Date(item.created * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const createdBy = shownCreatedBy(item.createdBy);
  return {
    Comment: item.comment,
    CreatedAt: createdAt,
    CreatedBy: trunc ? ellipsis(createdBy, 45) : createdBy,
    CreatedSince: !human ? createdAt : item.created <= 0 ? 'N/A' : `${humanDuration(now - item.created * 1000)} ago`,
    ID: trunc && item.id !== '<missing>' ? truncateId(item.id) : item.id,
    Size: human ? humanSizeWithPrecision(item.size, 3) : String(item.size),
  };
}

/** docker history [OPTIONS] IMAGE */
export const historyCommand: DockerCommand = {
  name: 'history',
  use: '[OPTIONS] IMAGE',
  short: 'Show the history of an image',
  aliases: ['docker image history', 'docker history'],
  category: { group: 'other' },
  flags: [
    { name: 'format', type: 'string', usage: TABLE_FORMAT_HELP },
    { name: 'human', shorthand: 'H', type: 'bool', usage: 'Print sizes and dates in human readable format (default true)' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'platform', type: 'string', usage: 'Show history for the given platform. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only show image IDs' },
  ],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [name = '']) {
    try {
      const items = imageHistory(context.engine, name);
      const human = flags.get('human') !== false;
      const trunc = flags.get('no-trunc') !== true;
      const now = context.engine.clock.now();
      const rows = items.map((item) => fields(item, human, trunc, now));
      if (flags.get('quiet') === true) {
        await context.stdout.write(rows.map((row) => `${row.ID}\n`).join(''));
        return 0;
      }
      await context.stdout.write(
        renderListing((flags.get('format') as string | undefined) ?? '', {
          defaultTable: '{{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}',
          headers: { ...HISTORY_HEADERS, CreatedSince: human ? 'CREATED' : 'CREATED AT' },
          rows,
          goType: '*image.historyContext',
        }),
      );
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
