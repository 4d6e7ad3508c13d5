import { fileBytes } from '../../../archive/tar';
import type { PortBinding } from '../../../container/container';
import { createContainer } from '../../../daemon/containers';
import { parsePublish } from '../../../daemon/ports';
import { resolvePath } from '../../../host/paths';
import { pullImage, type ProgressEvent } from '../../../distribution/pull';
import { credentialsFor, loadDockerConfig } from '../../config-file';
import { EngineError } from '../../../errdefs/errors';
import { getImage } from '../../../images/get';
import type { StoredImage } from '../../../image/store';
import { familiarString, InvalidReferenceError, parseAnyReference, parseNormalizedNamed, tagNameOnly } from '../../../reference/reference';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand, FlagSpec, FlagValues } from '../../command';
import { ProgressDisplay } from '../../format/progress';

/** The flags `docker create` and `docker run` share (the subset the simulator honours). */
export const CONTAINER_FLAGS: FlagSpec[] = [
  { name: 'entrypoint', type: 'string', usage: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', shorthand: 'e', type: 'list', usage: 'Set environment variables' },
  { name: 'env-file', type: 'list', usage: 'Read in a file of environment variables' },
  { name: 'hostname', shorthand: 'h', type: 'string', usage: 'Container host name' },
  { name: 'interactive', shorthand: 'i', type: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'label', shorthand: 'l', type: 'list', usage: 'Set meta data on a container' },
  { name: 'name', type: 'string', usage: 'Assign a name to the container' },
  { name: 'publish', shorthand: 'p', type: 'list', usage: "Publish a container's port(s) to the host" },
  { name: 'rm', type: 'bool', usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },
  { name: 'tty', shorthand: 't', type: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'user', shorthand: 'u', type: 'string', usage: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { name: 'workdir', shorthand: 'w', type: 'string', usage: 'Working directory inside the container' },
];

/** Flags of docker run that other commands share (docker exec's -e, -i, -t, -w…), by name. */
export function containerFlag(name: string): FlagSpec {
  const found = CONTAINER_FLAGS.find((flag) => flag.name === name);
  if (!found) throw new Error(`docker run has no --${name}`);
  return found;
}

/**
 * The image for a new container, pulled first when it is not here — with
 * `Unable to find image '…' locally` and the pull's progress on stderr, as
 * docker/cli's create.go does.
 */
export async function imageForContainer(context: CommandContext, name: string): Promise<StoredImage> {
  const engine = context.engine;
  // docker/cli checks the reference itself before asking the daemon.
  parseAnyReference(name);
  try {
    return getImage(engine, name);
  } catch (error) {
    if (!(error instanceof EngineError) || error.kind !== 'notFound') throw error;
  }
  const ref = tagNameOnly(parseNormalizedNamed(name));
  await context.stderr.write(`Unable to find image '${familiarString(ref)}' locally\n`);
  const display = new ProgressDisplay((text) => context.stderr.write(text), context.tty, context.columns);
  const emit = (event: ProgressEvent) => display.show(event);
  const result = await pullImage(engine, ref, emit, context.signal, credentialsFor(loadDockerConfig(context).config, ref.domain));
  return result.image;
}

export async function createFromFlags(context: CommandContext, flags: FlagValues, [image = '', ...command]: string[]) {
  const publish: PortBinding[] = [];
  for (const spec of (flags.get('publish') as string[] | undefined) ?? []) {
    const parsed = parsePublish(spec);
    if (typeof parsed === 'string') throw new ClientError(parsed);
    publish.push(...parsed);
  }
  const env = [...(await envFiles(context, (flags.get('env-file') as string[] | undefined) ?? [])), ...((flags.get('env') as string[] | undefined) ?? [])];
  const created = await imageForContainer(context, image);
  return createContainer(context.engine, created, {
    imageName: image,
    name: flags.get('name') as string | undefined,
    command,
    entrypoint: flags.get('entrypoint') as string | undefined,
    env: env.map((entry) => withClientValue(entry, context)),
    labels: (flags.get('label') as string[] | undefined) ?? [],
    workdir: flags.get('workdir') as string | undefined,
    user: flags.get('user') as string | undefined,
    hostname: flags.get('hostname') as string | undefined,
    tty: flags.get('tty') === true,
    openStdin: flags.get('interactive') === true,
    autoRemove: flags.get('rm') === true,
    publish,
  });
}

/** A client-side error of docker run/create (bad -p, unreadable --env-file), printed with the command's help hint. */
export class ClientError extends Error {}

/** `-e NAME` without a value takes the client's own variable, and is dropped when it has none (opts.ValidateEnv). */
function withClientValue(entry: string, context: CommandContext): string {
  if (entry.includes('=')) return entry;
  const value = context.shell.env.get(entry);
  return value === undefined ? entry : `${entry}=${value}`;
}

/** --env-file: KEY=VALUE lines of a file on the learner's machine, comments and blank lines skipped (opts.ParseEnvFile). */
export async function envFiles(context: CommandContext, paths: string[]): Promise<string[]> {
  const entries: string[] = [];
  for (const path of paths) {
    const node = context.host.get(resolvePath(context.shell.cwd, path, context.shell.home));
    if (node?.type !== 'file') throw new ClientError(`open ${path}: no such file or directory`);
    for (const line of new TextDecoder().decode(fileBytes(node.content)).split('\n')) {
      const trimmed = line.replace(/^\s+/, '');
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      entries.push(trimmed.replace(/\r$/, ''));
    }
  }
  return entries;
}

/** docker create [OPTIONS] IMAGE [COMMAND] [ARG...] — prints the new container's ID. */
export const createCommand: DockerCommand = {
  name: 'create',
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new container',
  aliases: ['docker container create', 'docker create'],
  category: { group: 'other' },
  flags: CONTAINER_FLAGS,
  interspersed: false,
  args: { kind: 'min', count: 1 },
  async run(context, flags, args) {
    try {
      const container = await createFromFlags(context, flags, args);
      await context.stdout.write(`${container.id}\n`);
      return 0;
    } catch (error) {
      // docker/cli's create.go wraps every failure with the command's help hint (exit 125).
      if (error instanceof EngineError || error instanceof InvalidReferenceError || error instanceof ClientError) {
        const message = error instanceof EngineError ? `Error response from daemon: ${error.message}` : error.message;
        await context.stderr.write(`docker: ${message}\n\nRun 'docker create --help' for more information\n`);
        return 125;
      }
      throw error;
    }
  },
};
