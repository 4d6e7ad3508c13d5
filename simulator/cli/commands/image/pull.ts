import { pullAccessDenied, pullImage, validateRepoName, pullStatus, pullTag, type ProgressEvent } from '../../../distribution/pull';
import { familiarString, referenceString, withTag, type Reference } from '../../../reference/reference';
import { progressEmitter, transferReference } from './transfer-reference';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';
import { credentialsFor, loadDockerConfig } from '../../config-file';
import type { Credentials } from '../../../registry/accounts';

/** docker pull [OPTIONS] NAME[:TAG|@DIGEST] */
export const pullCommand: DockerCommand = {
  name: 'pull',
  use: '[OPTIONS] NAME[:TAG|@DIGEST]',
  short: 'Download an image from a registry',
  aliases: ['docker image pull', 'docker pull'],
  category: { group: 'common', top: 5 },
  flags: [
    { name: 'all-tags', shorthand: 'a', type: 'bool', usage: 'Download all tagged images in the repository' },
    { name: 'disable-content-trust', type: 'bool', usage: 'Skip image verification (default true)' },
    { name: 'platform', type: 'string', usage: 'Set platform if server is multi-platform capable' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Suppress verbose output' },
  ],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [name = '']) {
    // docker/cli's runPull (cli/command/image/pull.go).
    try {
      const quiet = flags.get('quiet') === true;
      const allTags = flags.get('all-tags') === true;
      const ref = await transferReference(context, name, allTags, quiet);
      if (!ref) return 1;
      const emit = progressEmitter(context, quiet);
      // The CLI sends the login config.json holds for the registry, if any.
      const credentials = credentialsFor(loadDockerConfig(context).config, ref.domain);
      if (allTags) await pullAllTags(context, ref, emit, credentials);
      else await pullImage(context.engine, ref, emit, context.signal, credentials);
      // The reference as pulled: `docker.io/library/alpine:latest`, or `docker.io/library/alpine` for all tags.
      await context.stdout.write(`${referenceString(ref)}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};

/**
 * The daemon's pull of a name without tag (moby pull_v2.go pullRepository):
 * every tag the registry lists, in its order, each with its own "Pulling
 * from" and "Digest:" lines, then one status line for the repository.
 */
async function pullAllTags(context: CommandContext, ref: Reference, emit: (event: ProgressEvent) => Promise<void>, credentials: Credentials | undefined): Promise<void> {
  const { engine } = context;
  validateRepoName(ref);
  const tags = await engine.registry.tags(`${ref.domain}/${ref.path}`, credentials);
  if (tags === 'repository not found') throw pullAccessDenied(ref, engine.registry, credentials, true);
  let layersDownloaded = false;
  for (const tag of tags) {
    const { tagUpdated } = await pullTag(engine, withTag(ref, tag), emit, context.signal, credentials);
    layersDownloaded ||= tagUpdated;
  }
  await emit(pullStatus(familiarString(ref), layersDownloaded));
}
