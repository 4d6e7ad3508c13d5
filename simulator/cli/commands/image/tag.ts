import { invalidParameter } from '../../../errdefs/errors';
import { getImage } from '../../../images/get';
import { InvalidReferenceError, parseNormalizedNamed, tagNameOnly } from '../../../reference/reference';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

/** docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG] — prints nothing on success. */
export const tagCommand: DockerCommand = {
  name: 'tag',
  use: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  aliases: ['docker image tag', 'docker tag'],
  category: { group: 'other' },
  flags: [],
  args: { kind: 'exact', count: 2 },
  async run(context, _flags, [source = '', target = '']) {
    try {
      let ref;
      try {
        ref = parseNormalizedNamed(target);
      } catch (error) {
        if (!(error instanceof InvalidReferenceError)) throw error;
        // The client checks the target before calling the daemon (moby client image_tag.go).
        await context.stderr.write(`Error parsing reference: "${target}" is not a valid repository/tag: ${error.message}\n`);
        return 1;
      }
      if (ref.digest !== undefined) throw invalidParameter('refusing to create a tag with a digest reference');
      const image = getImage(context.engine, source);
      const tag = tagNameOnly(ref);
      context.engine.references.addTag(tag, image.id, true);
      context.engine.tagged(image.id, tag);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
