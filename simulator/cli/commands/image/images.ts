import { EngineError, invalidParameter } from '../../../errdefs/errors';
import { PatternSyntaxError } from '../../../reference/pathmatch';
import { getImage } from '../../../images/get';
import { goTimeString } from '../../../daemon/time';
import { imageRows, listImages, type ImageRow, type ImageSummary } from '../../../images/list';
import { familiarMatch, familiarString, parseNormalizedNamed } from '../../../reference/reference';
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

/**
 * The fields a `--format` template sees for each row (docker/cli's
 * imageContext). Containers is the daemon's count of containers using the
 * image, which API 1.51 (Engine 28.3) reports for every image instead of -1
 * ("N/A").
 */
function rowFields(row: ImageRow, noTrunc: boolean, now: number, containers: number) {
  const { summary } = row;
  return {
    Containers: String(containers),
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
    { name: 'tree', type: 'bool', usage: 'List multi-platform images as a tree (EXPERIMENTAL)' },
  ],
  args: { kind: 'max', count: 1 },
  async run(context, flags, args) {
    try {
      return await listCommand(context, flags, args[0]);
    } catch (error) {
      // The daemon's reference filter returns path.Match's error for a malformed pattern.
      if (error instanceof PatternSyntaxError) return reportError(context, new EngineError('system', error.message));
      return reportError(context, error);
    }
  },
};

/** The flags docker/cli 28's runImages refuses with --tree, in the order it checks them. */
const NOT_WITH_TREE: ReadonlyArray<[flag: string, message: string]> = [
  ['quiet', '--quiet is not yet supported with --tree'],
  ['no-trunc', '--no-trunc is not yet supported with --tree'],
  ['digests', '--show-digest is not yet supported with --tree'],
  ['format', '--format is not yet supported with --tree'],
];

async function listCommand(context: CommandContext, flags: FlagValues, pattern: string | undefined): Promise<number> {
  const engine = context.engine;
  const tree = flags.get('tree') === true;
  if (tree) {
    for (const [flag, message] of NOT_WITH_TREE) {
      const value = flags.get(flag);
      if (value === true || (typeof value === 'string' && value !== '')) {
        await context.stderr.write(`${message}\n`);
        return 1;
      }
    }
  }
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
  if (tree) return treeCommand(context, summaries, patterns, flags.get('all') === true);
  let rows = summaries.flatMap((summary) => imageRows(summary, showDigests));
  if (patterns.length > 0) {
    rows = rows.filter((row) => row.tag !== '<none>' && patterns.some((p) => matchesPattern(p, row)));
  }
  const now = engine.clock.now();
  if (flags.get('quiet') === true) {
    await context.stdout.write(rows.map((row) => `${noTrunc ? row.summary.id : truncateId(row.summary.id)}\n`).join(''));
    return 0;
  }
  const showDigestColumn = showDigests ? '{{.Digest}}\t' : '';
  await context.stdout.write(
    renderListing((flags.get('format') as string | undefined) ?? '', {
      defaultTable: `{{.Repository}}\t{{.Tag}}\t${showDigestColumn}{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}`,
      headers: IMAGE_HEADERS,
      rows: rows.map((row) => rowFields(row, noTrunc, now, engine.containers.usingImage(row.summary.id).length)),
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

/** One image of the tree view (docker/cli's topImage); the classic store lists no per-platform children. */
interface TreeImage {
  names: string[];
  id: string;
  diskUsage: string;
  contentSize: string;
  inUse: boolean;
}

/**
 * `docker images --tree` against the classic image store (docker/cli 28.3
 * cli/command/image/tree.go runTree). The daemon ignores `manifests=1` there,
 * so images have no platform children and their content size is 0B; with API
 * 1.51 it does count the containers of each image, which marks it In Use.
 * Untagged images without digests are hidden unless --all is given.
 */
async function treeCommand(context: CommandContext, summaries: ImageSummary[], patterns: string[], all: boolean): Promise<number> {
  const engine = context.engine;
  const images: TreeImage[] = [];
  for (const summary of summaries) {
    // The daemon's reference filter keeps only the matching tags and digests of an image, and drops it if none match.
    const keep = (ref: (typeof summary.repoTags)[number]) => patterns.length === 0 || patterns.some((p) => familiarMatch(p, ref));
    const tags = summary.repoTags.filter(keep);
    const digests = summary.repoDigests.filter(keep);
    if (patterns.length > 0 && tags.length === 0 && digests.length === 0) continue;
    if (!all && tags.length === 0 && digests.length === 0) continue;
    images.push({
      names: tags.map((ref) => familiarString(ref)),
      id: summary.id,
      diskUsage: humanSizeWithPrecision(summary.size, 3),
      contentSize: humanSizeWithPrecision(0, 3),
      inUse: engine.containers.usingImage(summary.id).length > 0,
    });
  }
  await context.stdout.write(printImageTree(images, context.tty, context.columns));
  return 0;
}

/** An aec colour: its codes, applied as `codes + text + reset`; '' is tui.ColorNone. */
type Color = string;

const apply = (color: Color, text: string): string => (color === '' ? text : `${color}${text}\x1b[0m`);

/** internal/tui's colours and the tree's own (aec.ANSI codes, concatenated as aec.NewBuilder does). */
const COLORS = {
  title: '\x1b[39m\x1b[1m',
  warning: '\x1b[93m',
  topName: '\x1b[34m\x1b[1m',
  secondary: '\x1b[39m',
  tertiary: '\x1b[39m\x1b[2m',
};

/** tui.Width: display width without ANSI escapes (every character here is one column wide). */
function displayWidth(text: string): number {
  let clean = text;
  for (let start = clean.indexOf('\x1b'); start >= 0; start = clean.indexOf('\x1b')) {
    const end = clean.indexOf('m', start);
    if (end < 0) break;
    clean = clean.slice(0, start) + clean.slice(end + 1);
  }
  return [...clean].length;
}

/** tui.Ellipsis: cut to `length` characters, the last one an ellipsis (escapes kept). */
function ellipsis(text: string, length: number): string {
  let out = '';
  let count = 0;
  let inEscape = false;
  let tooLong = false;
  for (const char of text) {
    if (char === '\x1b') {
      out += char;
      inEscape = true;
      continue;
    }
    if (inEscape) {
      out += char;
      if (char === 'm') {
        inEscape = false;
        if (tooLong) break;
      }
      continue;
    }
    count++;
    if (count === length) tooLong = true;
    if (!tooLong) out += char;
  }
  return tooLong ? `${out}…` : out;
}

interface TreeColumn {
  title: string;
  width: number;
  align: 'left' | 'right';
  value?: (image: TreeImage) => string;
  /** A colour of its own (the Extra column's tui.ColorNone) instead of the row's. */
  color?: Color;
}

/** imgColumn.Print: the text aligned in the column, cut with an ellipsis when too wide. */
function printColumn(column: TreeColumn, color: Color, text: string): string {
  const width = displayWidth(text);
  if (width > column.width) return apply(color, ellipsis(text, column.width));
  const fill = ' '.repeat(column.width - width);
  return column.align === 'right' ? fill + apply(color, text) : apply(color, text) + fill;
}

/**
 * printImageTree of docker/cli 28.3: the experimental-feature warning, the
 * right-aligned legend, the column titles (in bold even when not on a
 * terminal, a bug fixed only in docker/cli 29.1), and a row per image. Width
 * is the terminal's, 80 when not on a terminal.
 */
function printImageTree(images: TreeImage[], tty: boolean, columns: number): string {
  const COLUMN_SPACING = 3;
  const width = Math.max(tty ? columns : 80, 20);
  const color = (code: Color): Color => (tty ? code : '');
  const chip = tty ? '\x1b[38;5;0m\x1b[48;5;14m U \x1b[0m' : 'U';
  const placeholder = tty ? '   ' : ' ';
  const chipPossible = images.some((image) => image.inUse);

  let out = '';
  out += `${tty ? apply(COLORS.warning, "WARNING: This is an experimental feature. The output may change and shouldn't be depended on.") : "WARNING: This is an experimental feature. The output may change and shouldn't be depended on."}\n`;
  const infoHeader = tty ? '\x1b[1m\x1b[106m\x1b[30mi\x1b[0m\x1b[0m \x1b[96mInfo → \x1b[0m\x1b[0m' : ' Info -> ';
  const legend = `${infoHeader} ${chip} In Use `;
  out += `${' '.repeat(Math.max(0, width - displayWidth(legend)))}${legend}\n\n`;

  let table: TreeColumn[] = [
    { title: 'Image', width: 0, align: 'left' },
    { title: 'ID', width: 12, align: 'left', value: (image) => truncateId(image.id) },
    { title: 'Disk usage', width: 10, align: 'right', value: (image) => image.diskUsage },
    { title: 'Content size', width: 12, align: 'right', value: (image) => image.contentSize },
    {
      title: 'Extra',
      width: Math.max('Extra'.length, chipPossible ? displayWidth(chip) : 0),
      align: 'left',
      color: '',
      value: (image) => (chipPossible ? (image.inUse ? chip : placeholder) : ''),
    },
  ];
  // adjustColumns: drop the columns that would leave the names less than 12 columns, then fit the names.
  let nameWidth = width;
  for (const [index, column] of table.entries()) {
    if (column.width === 0) continue;
    const needed = column.width + (index > 0 ? COLUMN_SPACING : 0);
    if (nameWidth - needed < 12) {
      table = table.slice(0, index);
      break;
    }
    nameWidth -= needed;
  }
  const widest = Math.max('Image'.length, ...images.flatMap((image) => image.names.map((name) => name.length)));
  (table[0] as TreeColumn).width = Math.min(nameWidth, widest);

  out += table.map((column) => printColumn(column, COLORS.title, column.title.toUpperCase())).join(' '.repeat(COLUMN_SPACING));
  out += '\n';
  const first = table[0] as TreeColumn;
  for (const image of images) {
    if (image.names.length === 0) out += printColumn(first, color(COLORS.tertiary), '<untagged>');
    // Longest name first (a stable sort, as Go's for short lists); all but the last on lines of their own.
    const names = [...image.names].sort((a, b) => b.length - a.length);
    for (const [index, name] of names.entries()) {
      if (index < names.length - 1) out += `${apply(color(COLORS.topName), tty ? ellipsis(name, columns) : name)}\n`;
      else out += printColumn(first, color(COLORS.topName), name);
    }
    for (const column of table) {
      if (!column.value) continue;
      out += ' '.repeat(COLUMN_SPACING) + printColumn(column, column.color ?? color(COLORS.secondary), column.value(image));
    }
    out += '\n';
  }
  return out;
}
