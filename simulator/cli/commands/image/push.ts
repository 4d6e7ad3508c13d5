import { nothingToPush, pushTag } from '../../../distribution/push';
import type { ProgressEvent } from '../../../distribution/pull';
import { EngineError, StreamError } from '../../../errdefs/errors';
import type { StoredImage } from '../../../image/store';
import { familiarString, referenceString, withTag, type Reference } from '../../../reference/reference';
import { progressEmitter, transferReference } from './transfer-reference';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand } from '../../command';
import { credentialsFor, loadDockerConfig } from '../../config-file';
import { reportError } from '../../errors';
import { infoHeader } from '../../format/note';

/** docker push [OPTIONS] NAME[:TAG] — docker/cli 28's cli/command/image/push.go, the daemon's part after moby's distribution/push.go. */
export const pushCommand: DockerCommand = {
  name: 'push',
  use: '[OPTIONS] NAME[:TAG]',
  short: 'Upload an image to a registry',
  aliases: ['docker image push', 'docker push'],
  category: { group: 'common', top: 6 },
  flags: [
    { name: 'all-tags', shorthand: 'a', type: 'bool', usage: 'Push all tags of an image to the repository' },
    { name: 'disable-content-trust', type: 'bool', usage: 'Skip image signing (default true)' },
    {
      name: 'platform',
      type: 'string',
      usage:
        "Push a platform-specific manifest as a single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
    },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Suppress verbose output' },
  ],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [name = '']) {
    try {
      const quiet = flags.get('quiet') === true;
      const all = flags.get('all-tags') === true;
      const platform = flags.get('platform') as string | undefined;
      if (platform) await context.stderr.write(platformNote(context.tty));
      const ref = await transferReference(context, name, all, quiet);
      if (!ref) return 1;
      await pushRepository(context, ref, progressEmitter(context, quiet), platform);
      if (quiet) await context.stdout.write(`${referenceString(ref)}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};

/** docker/cli's printNote for --platform (push.go), on standard error. */
function platformNote(terminal: boolean): string {
  const text = 'Using --platform pushes only the specified platform manifest of a multi-platform image index.\nOther components, like attestations, will not be included.\nTo push the complete multi-platform image, remove the --platform flag.\n';
  const header = infoHeader(terminal);
  const shown = terminal ? text.replaceAll('--platform', '\x1b[1m--platform\x1b[0m') : text;
  // aec.Italic is applied whether or not standard error is a terminal.
  return header + shown.split('\n').map((line, index) => `${index > 0 ? ' '.repeat(9) : ''}\x1b[3m${line}\x1b[0m\n`).join('');
}

/** The daemon's push of a tag, or of every tag of the repository (pushV2Repository). */
async function pushRepository(context: CommandContext, ref: Reference, emit: (event: ProgressEvent) => Promise<void>, platform: string | undefined): Promise<void> {
  const { engine } = context;
  const credentials = credentialsFor(loadDockerConfig(context).config, ref.domain);
  const named = { domain: ref.domain, path: ref.path };
  if (platform && ref.tag !== undefined) {
    const id = engine.references.get(ref);
    const image = id === undefined ? undefined : engine.images.get(id as StoredImage['id']);
    if (image) checkPlatform(ref, image, platform);
  }
  await emit({ status: `The push refers to repository [${referenceString(named)}]` });
  const tags = engine.references.referencesByName(named).filter(({ ref: stored }) => stored.tag !== undefined && stored.digest === undefined);
  if (tags.length === 0) throw nothingToPush(ref, false);
  try {
    engine.registry.registry(ref.domain);
  } catch (error) {
    // The registry is reached once the stream has started: its failure is printed as the daemon streamed it.
    if (error instanceof EngineError) throw new StreamError(error.message);
    throw error;
  }
  const targets = ref.tag === undefined ? tags.map(({ ref: stored }) => withTag(named, stored.tag ?? '')) : [ref];
  for (const target of targets) {
    const id = engine.references.get(target);
    const image = id === undefined ? undefined : engine.images.get(id as StoredImage['id']);
    if (!image) throw nothingToPush(target, true);
    await pushTag(engine, target as Reference & { tag: string }, image, emit, context.signal, credentials);
  }
}

/** The classic store's GetImage with a platform: the image must be of it (the reference as the client sent it, familiar). */
function checkPlatform(ref: Reference, image: StoredImage, platform: string): void {
  const [os = '', architecture = image.config.architecture, variant] = platform.split('/');
  const actual = [image.config.os, image.config.architecture, image.config.variant].filter(Boolean).join('/');
  const wanted = [os, architecture, variant].filter(Boolean).join('/');
  if (os !== image.config.os || architecture !== image.config.architecture || (variant !== undefined && variant !== image.config.variant)) {
    throw new EngineError('notFound', `image with reference ${familiarString(ref)} was found but does not match the specified platform: wanted ${wanted}, actual: ${actual}`);
  }
}
