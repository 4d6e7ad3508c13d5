import { invalidParameter } from '../../../errdefs/errors';
import { getImage } from '../../../images/get';
import { goTimeString } from '../../../daemon/time';
import { imageRows, listImages, type ImageRow } from '../../../images/list';
import { familiarMatch, parseNormalizedNamed } from '../../../reference/reference';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand, FlagValues } from '../../command';
import { reportError } from '../../errors';
import { createdSince, humanSizeWithPrecision, truncateId } from '../../format/units';
import { renderListing, TABLE_FORMAT_HELP } from '../../format/output';

/** The filters the daemon's image list accepts. */
const IMAGE_FILTERS = ['before', 'dangling', 'label', 'label!', 'reference', 'since', 'until'];

/** docker/cli's image table titles (formatter/image.go). */
export const IMAGE_HEADERS = {
  Containers: 'CONTAINERS',
  CreatedAt: 'CREATED AT',
  CreatedSince: 'CREATED',
  Digest: 'DIGEST',
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  SharedSize: 'SHARED SIZE',
  Size: 'SIZE',
  Tag: 'TAG',
  UniqueSize: 'UNIQUE SIZE',
  VirtualSize: 'SIZE',
};

/** The fields a `--format` template sees for each row (docker/cli's imageContext). */
function rowFields(row: ImageRow, noTrunc: boolean, now: number) {
  const { summary } = row;
  return {
    Containers: 'N/A',
    CreatedAt: goTimeString(summary.created),
    CreatedSince: createdSince(summary.created, now),
    Digest: row.digest,
    ID: noTrunc ? summary.id : truncateId(summary.id),
    Repository: row.repository,
    SharedSize: 'N/A',
    Size: humanSizeWithPrecision(summary.size, 3),
    Tag: row.tag,
    UniqueSize: 'N/A',
    VirtualSize: humanSizeWithPrecision(summary.size, 3),
  };
}

/** `-f` filters of `docker images`: name=value pairs (the flag's validation has checked the form). */
function parseFilters(values: readonly string[]): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const value of values) {
    const at = value.indexOf('=');
    const name = value.slice(0, at).trim().toLowerCase();
    filters.set(name, [...(filters.get(name) ?? []), value.slice(at + 1)]);
  }
  return filters;
}

/** docker/cli's opts.FilterOpt.Set. */
function validateFilter(value: string): string | undefined {
  return value.includes('=') ? undefined : 'bad format of filter (expected name=value)';
}

/** docker images [OPTIONS] [REPOSITORY[:TAG]] */
export const imagesCommand: DockerCommand = {
  name: 'images',
  use: '[OPTIONS] [REPOSITORY[:TAG]]',
  short: 'List images',
  aliases: ['docker image ls', 'docker image list', 'docker images'],
  category: { group: 'common', top: 7 },
  flags: [
    { name: 'all', shorthand: 'a', type: 'bool', usage: 'Show all images (default hides intermediate images)' },
    { name: 'digests', type: 'bool', usage: 'Show digests' },
    { name: 'filter', shorthand: 'f', type: 'list', varname: 'filter', usage: 'Filter output based on conditions provided', validate: validateFilter },
    { name: 'format', type: 'string', usage: TABLE_FORMAT_HELP },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only show image IDs' },
  ],
  args: { kind: 'max', count: 1 },
  async run(context, flags, args) {
    try {
      return await listCommand(context, flags, args[0]);
    } catch (error) {
      return reportError(context, error);
    }
  },
};

async function listCommand(context: CommandContext, flags: FlagValues, pattern: string | undefined): Promise<number> {
  const engine = context.engine;
  const noTrunc = flags.get('no-trunc') === true;
  const showDigests = flags.get('digests') === true;
  const filters = parseFilters((flags.get('filter') as string[] | undefined) ?? []);
  let summaries = listImages(engine, flags.get('all') === true);
  for (const name of filters.keys()) if (!IMAGE_FILTERS.includes(name)) throw invalidParameter(`invalid filter '${name}'`);
  // before= and since= compare creation times with the named image's (moby's image list).
  for (const [name, keep] of [['before', (a: number, b: number) => a < b], ['since', (a: number, b: number) => a > b]] as const) {
    for (const reference of filters.get(name) ?? []) {
      const image = getImage(engine, reference);
      const created = image.config.created ? Date.parse(image.config.created) : 0;
      summaries = summaries.filter((summary) => keep(summary.created, created));
    }
  }
  const dangling = filters.get('dangling')?.[0];
  if (dangling !== undefined) summaries = summaries.filter((summary) => (summary.repoTags.length === 0) === (dangling === 'true'));
  for (const label of filters.get('label') ?? []) {
    const [key = '', value] = label.split('=', 2);
    summaries = summaries.filter((summary) => key in summary.labels && (value === undefined || summary.labels[key] === value));
  }
  const patterns = [...(filters.get('reference') ?? []), ...(pattern !== undefined ? [pattern] : [])];
  if (pattern !== undefined) parseNormalizedNamed(pattern.replace(/[*?[\]]/g, 'x'));
  let rows = summaries.flatMap((summary) => imageRows(summary, showDigests));
  if (patterns.length > 0) {
    rows = rows.filter((row) => row.tag !== '<none>' && patterns.some((p) => matchesPattern(p, row)));
  }
  const now = engine.clock.now();
  if (flags.get('quiet') === true) {
    await context.stdout.write(rows.map((row) => `${rowFields(row, noTrunc, now).ID}\n`).join(''));
    return 0;
  }
  const showDigestColumn = showDigests ? '{{.Digest}}\t' : '';
  await context.stdout.write(
    renderListing((flags.get('format') as string | undefined) ?? '', {
      defaultTable: `{{.Repository}}\t{{.Tag}}\t${showDigestColumn}{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}`,
      headers: IMAGE_HEADERS,
      rows: rows.map((row) => rowFields(row, noTrunc, now)),
      goType: '*formatter.imageContext',
    }),
  );
  return 0;
}

/** `docker images alpine`, `alpine:3.20`, `busy*:*libc`: docker's reference filter matches the familiar name, and name:tag when a tag is given. */
function matchesPattern(pattern: string, row: ImageRow): boolean {
  const ref = parseNormalizedNamed(`${row.repository}:${row.tag}`);
  return familiarMatch(pattern, ref);
}
