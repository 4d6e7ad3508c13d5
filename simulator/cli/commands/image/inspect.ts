import { inspectImage, typedImageInspect } from '../../../images/inspect';
import type { DockerCommand } from '../../command';
import { inspectEach } from '../system/inspect';
import { INSPECT_FORMAT_HELP } from '../system/version';

/** docker image inspect [OPTIONS] IMAGE [IMAGE...] */
export const imageInspectCommand: DockerCommand = {
  name: 'inspect',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  category: { group: 'other' },
  flags: [
    { name: 'format', shorthand: 'f', type: 'string', usage: INSPECT_FORMAT_HELP },
    { name: 'platform', type: 'string', usage: 'Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n\'os[/arch[/variant]]\': Explicit platform (eg. linux/amd64)' },
  ],
  args: { kind: 'min', count: 1 },
  run: (context, flags, names) => inspectEach(context, flags, names, (name) => inspectImage(context.engine, name), typedImageInspect),
};
