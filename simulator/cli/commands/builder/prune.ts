import type { CacheRecord } from '../../../builder/cache';
import type { Engine } from '../../../daemon/engine';
import { chainIds, type Digest } from '../../../digest/digest';
import type { DockerCommand } from '../../command';
import { humanSize } from '../../format/units';
import { confirm } from '../confirm';

const DANGLING_WARNING = 'WARNING! This will remove all dangling build cache.';
const ALL_WARNING = 'WARNING! This will remove all build cache.';

/** A record's ID as BuildKit shows it: 25 characters of [a-z0-9], here derived from its key so it is stable. */
function recordId(record: CacheRecord): string {
  // A pulled base's record is keyed `from:sha256:…`: the hex is what follows the last `sha256:`.
  return BigInt(`0x${record.key.slice(record.key.lastIndexOf('sha256:') + 'sha256:'.length)}`).toString(36).slice(0, 25).padStart(25, '0');
}

/** Records whose layers no image uses: what BuildKit calls dangling (results of earlier, changed builds). */
function danglingRecords(engine: Engine): CacheRecord[] {
  const used = new Set<Digest>();
  for (const image of engine.images.all()) for (const chainId of chainIds(image.config.rootfs.diff_ids)) used.add(chainId);
  return engine.buildCache.all().filter((record) => !record.top || !used.has(record.top));
}

/**
 * docker builder prune [OPTIONS] (docker/cli cli/command/builder/prune.go):
 * the build cache's records — only the dangling ones unless -a — and the
 * space their layers held once no image holds them either.
 */
export const builderPruneCommand: DockerCommand = {
  name: 'prune',
  use: '',
  short: 'Remove build cache',
  category: { group: 'other' },
  flags: [
    { name: 'all', shorthand: 'a', type: 'bool', usage: 'Remove all unused build cache, not just dangling ones' },
    { name: 'force', shorthand: 'f', type: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  args: { kind: 'none' },
  async run(context, flags) {
    const all = flags.get('all') === true;
    if (flags.get('force') !== true && !(await confirm(context, all ? ALL_WARNING : DANGLING_WARNING))) return 0;
    const { engine } = context;
    const chosen = all ? engine.buildCache.all() : danglingRecords(engine);
    const before = engine.layers.size;
    const removed = engine.buildCache.remove(chosen, engine.layers);
    const reclaimed = before - engine.layers.size;
    const listing = removed.length > 0 ? `Deleted build cache objects:\n${removed.map((record) => `${recordId(record)}\n`).join('')}\n` : '';
    await context.stdout.write(`${listing}Total reclaimed space: ${humanSize(reclaimed)}\n`);
    return 0;
  },
};
