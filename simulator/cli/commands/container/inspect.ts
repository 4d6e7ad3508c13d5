import { inspectContainer } from '../../../daemon/inspect';
import type { DockerCommand } from '../../command';
import { inspectEach } from '../system/inspect';
import { INSPECT_FORMAT_HELP } from '../system/version';

/** docker container inspect [OPTIONS] CONTAINER [CONTAINER...] — each container's ContainerJSON; unknown ones are reported after. */
export const containerInspectCommand: DockerCommand = {
  name: 'inspect',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  category: { group: 'other' },
  flags: [
    { name: 'format', shorthand: 'f', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'size', shorthand: 's', type: 'bool', usage: 'Display total file sizes' },
  ],
  args: { kind: 'min', count: 1 },
  run: (context, flags, names) => inspectEach(context, flags, names, (name) => inspectContainer(context.engine, name, flags.get('size') === true)),
};
