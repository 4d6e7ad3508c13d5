import { inspectContainer } from '../../../daemon/inspect';
import type { DockerCommand } from '../../command';
import { daemonError, inspectTemplate, printInspectResults } from '../system/inspect';
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
  async run(context, flags, names) {
    const format = (flags.get('format') as string | undefined) ?? '';
    const template = await inspectTemplate(context, format);
    if (typeof template === 'number') return template;
    const size = flags.get('size') === true;
    const results = names.map((name) => {
      try {
        return { value: inspectContainer(context.engine, name, size) };
      } catch (error) {
        return daemonError(error);
      }
    });
    return printInspectResults(context, format, template, results);
  },
};
