import type { Engine } from '../../../daemon/engine';
import { containerCommand } from '../../../daemon/containers';
import { diskUsage, type DiskUsage } from '../../../daemon/disk-usage';
import { goTimeString } from '../../../daemon/time';
import { familiarName } from '../../../reference/reference';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand } from '../../command';
import { ellipsis } from '../../format/ellipsis';
import { quote } from '../../format/go-format';
import { TABLE_FORMAT_HELP } from '../../format/output';
import { CONTAINER_HEADERS, containerFields } from '../container/ps';
import { IMAGE_HEADERS } from '../image/images';
import { tabwrite } from '../../format/tabwriter';
import { parseTemplate, prepareDockerFormat, TemplateExecError, TemplateParseError, type Template } from '../../format/template';
import { containerStatusText, createdSince, humanSize, humanSizeWithPrecision, truncateId } from '../../format/units';

/** docker/cli's formatter/disk_usage.go table formats and column titles. */
const SUMMARY_TABLE = '{{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
/** NewDiskUsageFormat's `raw` format: a block per row, a blank line after each. */
const RAW_SUMMARY = 'type: {{.Type}}\ntotal: {{.TotalCount}}\nactive: {{.Active}}\nsize: {{.Size}}\nreclaimable: {{.Reclaimable}}\n';
const SUMMARY_HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };
const IMAGE_TABLE = '{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
const CONTAINER_TABLE = '{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
const VOLUME_TABLE = '{{.Name}}\t{{.Links}}\t{{.Size}}';
const VOLUME_HEADERS = { Driver: 'DRIVER', Labels: 'LABELS', Links: 'LINKS', Mountpoint: 'MOUNTPOINT', Name: 'VOLUME NAME', Scope: 'SCOPE', Size: 'SIZE' };
const BUILD_CACHE_TABLE = '{{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';
const BUILD_CACHE_HEADERS = {
  CacheType: 'CACHE TYPE',
  CreatedSince: 'CREATED',
  Description: 'DESCRIPTION',
  ID: 'CACHE ID',
  InUse: 'IN USE',
  LastUsedSince: 'LAST USED',
  Parent: 'PARENT',
  Shared: 'SHARED',
  Size: 'SIZE',
  UsageCount: 'USAGE',
};

/** A failure docker/cli wraps as "template parsing error: …" (parsing and executing alike) and ends with status 1. */
class FormatError extends Error {}

/** `X (NN%)` when there is anything at all, the percentage an integer division as in Go. */
function reclaimable(reclaim: number, total: number): string {
  return total > 0 ? `${humanSize(reclaim)} (${Math.trunc((reclaim * 100) / total)}%)` : humanSize(reclaim);
}

/** The four rows of the summary, each with the fields of its diskUsage*Context (in the order its JSON has them). */
function summaryRows(usage: DiskUsage) {
  let usedByImages = 0;
  for (const image of usage.images) if (image.containers !== 0) usedByImages += image.summary.size - image.sharedSize;
  const active = (container: DiskUsage['containers'][number]): boolean => ['running', 'paused', 'restarting'].includes(container.container.state.status);
  let containersSize = 0;
  let containersReclaimable = 0;
  for (const container of usage.containers) {
    containersSize += container.sizeRw;
    if (!active(container)) containersReclaimable += container.sizeRw;
  }
  return [
    {
      Active: String(usage.images.filter((image) => image.containers > 0).length),
      Reclaimable: reclaimable(usage.layersSize - usedByImages, usage.layersSize),
      Size: humanSize(usage.layersSize),
      TotalCount: String(usage.images.length),
      Type: 'Images',
    },
    {
      Active: String(usage.containers.filter(active).length),
      Reclaimable: reclaimable(containersReclaimable, containersSize),
      Size: humanSize(containersSize),
      TotalCount: String(usage.containers.length),
      Type: 'Containers',
    },
    { Active: '0', Reclaimable: humanSize(0), Size: humanSize(0), TotalCount: '0', Type: 'Local Volumes' },
    { Active: '0', Reclaimable: humanSize(usage.buildCache.size), Size: humanSize(usage.buildCache.size), TotalCount: String(usage.buildCache.count), Type: 'Build Cache' },
  ];
}

/** Go type names of the rows, for template errors. */
const SUMMARY_TYPES = ['*formatter.diskUsageImagesContext', '*formatter.diskUsageContainersContext', '*formatter.diskUsageVolumesContext', '*formatter.diskUsageBuilderContext'];

/** The verbose view's rows: the fields of docker/cli's imageContext and ContainerContext (truncated when the format is a table). */
function verboseRows(engine: Engine, usage: DiskUsage, trunc: boolean, now: number) {
  const images = usage.images.map(({ summary, sharedSize, containers }) => {
    // Only the first tag is shown; an image without one is <none> <none>.
    const first = summary.repoTags[0];
    return {
      Containers: String(containers),
      CreatedAt: goTimeString(summary.created),
      CreatedSince: createdSince(summary.created, now),
      Digest: '',
      ID: trunc ? truncateId(summary.id) : summary.id,
      Repository: first ? familiarName(first) : '<none>',
      SharedSize: humanSize(sharedSize),
      Size: humanSizeWithPrecision(summary.size, 3),
      Tag: first?.tag ?? '<none>',
      UniqueSize: humanSize(summary.size - sharedSize),
      VirtualSize: humanSize(summary.size),
    };
  });
  const containers = usage.containers.map(({ container, sizeRw }) => containerFields(engine, container, trunc, now, humanSizeWithPrecision(sizeRw, 3)));
  return { Images: images, Containers: containers, Volumes: [] as object[], BuildCache: [] as object[] };
}

function parse(source: string): Template {
  try {
    return parseTemplate('', source);
  } catch (error) {
    if (error instanceof TemplateParseError) throw new FormatError(`template parsing error: ${error.message}`);
    throw error;
  }
}

function run(template: Template, data: unknown, typeName: string): string {
  try {
    return template.execute(data, () => typeName);
  } catch (error) {
    if (error instanceof TemplateExecError) throw new FormatError(`template parsing error: ${error.message}`);
    throw error;
  }
}

/** One table of the verbose view: the header row, then a row per item, through the tabwriter. */
function table(source: string, headers: object, rows: readonly object[], typeName: string): string {
  const template = parse(source);
  const lines = rows.map((row) => run(template, row, typeName));
  return `${tabwrite([template.execute(headers, undefined, { header: true }), ...lines].join('\n'), { minwidth: 10, padding: 3 })}\n`;
}

function render(engine: Engine, usage: DiskUsage, format: string, verbose: boolean, now: number): string {
  const prepared = prepareDockerFormat(format);
  if (verbose && format === 'table') {
    const rows = verboseRows(engine, usage, true, now);
    return [
      `Images space usage:\n\n${table(IMAGE_TABLE, IMAGE_HEADERS, rows.Images, '*formatter.imageContext')}`,
      `\nContainers space usage:\n\n${table(CONTAINER_TABLE, CONTAINER_HEADERS, rows.Containers, '*formatter.ContainerContext')}`,
      `\nLocal Volumes space usage:\n\n${table(VOLUME_TABLE, VOLUME_HEADERS, rows.Volumes, '*formatter.volumeContext')}`,
      `\nBuild cache usage: ${humanSize(usage.buildCache.size)}\n\n${table(BUILD_CACHE_TABLE, BUILD_CACHE_HEADERS, rows.BuildCache, '*formatter.buildCacheContext')}`,
    ].join('');
  }
  if (verbose) {
    // Any other format runs once over all the lists, and nothing follows its output.
    return run(parse(prepared.template), verboseRows(engine, usage, prepared.table, now), '*formatter.diskUsageContext');
  }
  const source = format === 'raw' ? RAW_SUMMARY : prepared.table && prepared.template === '' ? SUMMARY_TABLE : prepared.template;
  const template = parse(source);
  const lines = summaryRows(usage).map((row, i) => run(template, row, SUMMARY_TYPES[i] ?? 'struct'));
  if (!prepared.table) return lines.map((line) => `${line}\n`).join('');
  const header = template.execute(SUMMARY_HEADERS, undefined, { header: true });
  return `${tabwrite([header, ...lines].join('\n'), { minwidth: 10, padding: 3 })}\n`;
}

async function runDiskUsage(context: CommandContext, format: string, verbose: boolean): Promise<number> {
  try {
    await context.stdout.write(render(context.engine, diskUsage(context.engine), format, verbose, context.engine.clock.now()));
    return 0;
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    await context.stderr.write(`${error.message}\n`);
    return 1;
  }
}

/** docker system df [OPTIONS] */
export const dfCommand: DockerCommand = {
  name: 'df',
  use: '[OPTIONS]',
  short: 'Show docker disk usage',
  category: { group: 'other' },
  flags: [
    { name: 'format', type: 'string', usage: TABLE_FORMAT_HELP },
    { name: 'verbose', shorthand: 'v', type: 'bool', usage: 'Show detailed information on space usage' },
  ],
  args: { kind: 'none' },
  run: (context, flags) => runDiskUsage(context, ((flags.get('format') as string | undefined) ?? '') || 'table', flags.get('verbose') === true),
};
