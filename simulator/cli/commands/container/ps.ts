import { containerLayerSize } from '../../../daemon/prune';
import type { Engine } from '../../../daemon/engine';
import { displayPorts } from '../../../daemon/ports';
import { containerCommand } from '../../../daemon/containers';
import type { Container } from '../../../container/container';
import { goTimeString } from '../../../daemon/time';
import { listContainers } from '../../../daemon/container-list';
import { getImage } from '../../../images/get';
import { familiarString, parseNormalizedNamed, trimNamed, withTag } from '../../../reference/reference';
import { parseFilterFlags } from '../../../daemon/filters';
import { validateFilterFlag } from '../confirm';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';
import { ellipsis } from '../../format/ellipsis';
import { renderListing, TABLE_FORMAT_HELP } from '../../format/output';
import { containerStatusText, createdSince, humanSizeWithPrecision, truncateId } from '../../format/units';

/** docker/cli's container table titles (formatter/container.go). */
export const CONTAINER_HEADERS = {
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Labels: 'LABELS',
  LocalVolumes: 'LOCAL VOLUMES',
  Mounts: 'MOUNTS',
  Names: 'NAMES',
  Networks: 'NETWORKS',
  Ports: 'PORTS',
  RunningFor: 'CREATED',
  Size: 'SIZE',
  State: 'STATE',
  Status: 'STATUS',
};

/**
 * The image a container list reports (moby daemon/list.go refreshImage): the
 * name the container was created with, unless that no longer finds the
 * container's image (untagged, removed, or now naming another image) — then
 * the image's ID.
 */
export function listedImage(engine: Engine, container: Container): string {
  if (container.imageName === container.image) return container.imageName;
  try {
    if (getImage(engine, container.imageName).id === container.image) return container.imageName;
  } catch {
    // Not found (or no longer a valid name): the ID it resolved to at creation.
  }
  return container.image;
}

/**
 * docker/cli's ContainerContext.Image (formatter/container.go): an image ID
 * truncated, a name familiar and without digest; all as it is with --no-trunc.
 */
function imageColumn(image: string, imageId: string, trunc: boolean): string {
  if (image === '') return '<no image>';
  if (!trunc) return image;
  if (truncateId(imageId) === truncateId(image)) return truncateId(imageId);
  try {
    const ref = parseNormalizedNamed(image);
    return familiarString(ref.tag === undefined ? trimNamed(ref) : withTag(trimNamed(ref), ref.tag));
  } catch {
    return image;
  }
}

/** The fields of docker/cli's containerContext; `size` is the SIZE column's text. */
export function containerFields(engine: Engine, container: Container, trunc: boolean, now: number, size: string) {
  const command = containerCommand(container).join(' ');
  return {
    Command: `"${trunc ? ellipsis(command, 20) : command}"`,
    CreatedAt: goTimeString(container.created),
    ID: trunc ? truncateId(container.id) : container.id,
    Image: imageColumn(listedImage(engine, container), container.image, trunc),
    Labels: Object.entries(container.config.Labels ?? {}).map(([k, v]) => `${k}=${v}`).join(','),
    LocalVolumes: '0',
    Mounts: '',
    Names: container.name,
    Networks: 'bridge',
    Ports: displayPorts(container),
    RunningFor: createdSince(container.created, now),
    Size: size,
    State: container.state.status,
    Status: containerStatusText({ ...container.state }, now),
  };
}

/**
 * The SIZE column, as docker/cli's ContainerContext.Size() words the daemon's
 * SizeRw and SizeRootFs (the writable layer plus the image's layers):
 * `srw`, and ` (virtual <srw+image>)` after it when SizeRootFs is above 0,
 * both HumanSizeWithPrecision(…, 3).
 */
function sizeText(engine: Engine, container: Container): string {
  const rw = containerLayerSize(container);
  const image = engine.images.get(container.image);
  const rootFs = rw + (image ? engine.sizeOf(image) : 0);
  const text = humanSizeWithPrecision(rw, 3);
  return rootFs > 0 ? `${text} (virtual ${humanSizeWithPrecision(rootFs, 3)})` : text;
}

/** Whether a --format template reads .Size (docker/cli executes it once to find out; a field reference is what it finds). */
function usesSize(format: string): boolean {
  return /\{\{[^}]*\.Size\b[^}]*\}\}/.test(format);
}

/** docker ps [OPTIONS] */
export const psCommand: DockerCommand = {
  name: 'ps',
  use: '[OPTIONS]',
  short: 'List containers',
  aliases: ['docker container ls', 'docker container list', 'docker container ps', 'docker ps'],
  category: { group: 'common', top: 3 },
  flags: [
    { name: 'all', shorthand: 'a', type: 'bool', usage: 'Show all containers (default shows just running)' },
    { name: 'filter', shorthand: 'f', type: 'list', varname: 'filter', usage: 'Filter output based on conditions provided', validate: validateFilterFlag },
    { name: 'format', type: 'string', usage: TABLE_FORMAT_HELP },
    {
      name: 'last',
      shorthand: 'n',
      type: 'string',
      varname: 'int',
      usage: 'Show n last created containers (includes all states) (default -1)',
      validate: (value) => (/^[+-]?\d+$/.test(value) ? undefined : `strconv.ParseInt: parsing "${value}": invalid syntax`),
    },
    { name: 'latest', shorthand: 'l', type: 'bool', usage: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only display container IDs' },
    { name: 'size', shorthand: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  args: { kind: 'none' },
  async run(context, flags) {
    try {
      const now = context.engine.clock.now();
      const last = flags.get('latest') === true ? 1 : Number(flags.get('last') ?? -1);
      const containers = listContainers(context.engine, {
        all: flags.get('all') === true,
        limit: last,
        filters: parseFilterFlags((flags.get('filter') as string[] | undefined) ?? []),
      });
      const trunc = flags.get('no-trunc') !== true;
      const format = (flags.get('format') as string | undefined) ?? '';
      // docker/cli's list.go turns --size on by itself when the --format template uses .Size (docker/cli#24696).
      const withSize = flags.get('size') === true || usesSize(format);
      const rows = containers.map((container) => containerFields(context.engine, container, trunc, now, withSize ? sizeText(context.engine, container) : '0B'));
      if (flags.get('quiet') === true) {
        await context.stdout.write(rows.map((row) => `${row.ID}\n`).join(''));
        return 0;
      }
      await context.stdout.write(
        renderListing(format, {
          defaultTable: `{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}${withSize ? '\t{{.Size}}' : ''}`,
          headers: CONTAINER_HEADERS,
          rows,
          goType: '*formatter.ContainerContext',
        }),
      );
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
