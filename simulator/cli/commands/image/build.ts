import { FilesystemError } from '../../../archive/rw-layer';
import { fileBytes } from '../../../archive/tar';
import { BuildContext, ContextError } from '../../../builder/context';
import { buildWithBuildKit, type BuildRequest } from '../../../builder/buildkit';
import { BuildFailure, failureBox, failureSummary } from '../../../builder/failure';
import { warningsSummary } from '../../../builder/lint';
import { buildLegacy } from '../../../builder/legacy';
import { BuildProgress, PlainDisplay, TtyDisplay, type ProgressDisplay, type Vertex } from '../../../builder/progress';
import { EngineError } from '../../../errdefs/errors';
import { LEARNER_UID } from '../../../host/filesystem';
import { resolvePath } from '../../../host/paths';
import { credentialsFor, loadDockerConfig } from '../../config-file';
import { readStandardInput } from '../../stdin';
import { InvalidReferenceError, parseNormalizedNamed, tagNameOnly, type Reference } from '../../../reference/reference';
import { Interrupted } from '../../../session/clock';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand, FlagSpec, FlagValues } from '../../command';

/** The legacy builder's notice (docker/cli cmd/docker/builder.go), printed when DOCKER_BUILDKIT=0. */
const LEGACY_NOTICE = `DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0
            environment-variable.

`;

/** buildx's cli.ExactArgs(1) error, which its main prints after `ERROR: `. */
const BUILDX_ARGS_ERROR = `ERROR: "docker buildx build" requires exactly 1 argument.
See 'docker buildx build --help'.

Usage:  docker buildx build [OPTIONS] PATH | URL | -

Start a build
`;

/** docker/cli's own build command (cli.ExactArgs(1) of cli/required.go). */
const LEGACY_ARGS_ERROR = `docker: 'docker build' requires 1 argument

Usage:  docker build [OPTIONS] PATH | URL | -

Run 'docker build --help' for more information
`;

/** DOCKER_BUILDKIT as docker/cli reads it (strconv.ParseBool): 0/false/f turn BuildKit off. */
function legacyRequested(context: CommandContext): boolean {
  const value = context.shell.env.get('DOCKER_BUILDKIT');
  return value !== undefined && ['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(value);
}

/** --iidfile: the image ID, without a newline, in a file of the learner's machine. */
function writeIidFile(context: CommandContext, flags: FlagValues, id: string): void {
  const file = flags.get('iidfile') as string | undefined;
  if (file === undefined) return;
  const path = resolvePath(context.shell.cwd, file, context.shell.home);
  try {
    context.host.writeFile(path, { kind: 'bytes', bytes: new TextEncoder().encode(id) }, { mode: 0o644, uid: LEARNER_UID, gid: LEARNER_UID, mtime: context.clock.now() });
  } catch (error) {
    if (error instanceof FilesystemError) throw new ContextError(`open ${file}: ${error.code === 'EISDIR' ? 'is a directory' : 'no such file or directory'}`);
    throw error;
  }
}

const list = (flags: FlagValues, name: string): string[] => (flags.get(name) as string[] | undefined) ?? [];

/** `--build-arg K=V`, or `--build-arg K` to pass the variable of the same name from the shell. */
function buildArgs(context: CommandContext, flags: FlagValues): Map<string, string> {
  const args = new Map<string, string>();
  for (const entry of list(flags, 'build-arg')) {
    const eq = entry.indexOf('=');
    if (eq >= 0) args.set(entry.slice(0, eq), entry.slice(eq + 1));
    else if (context.shell.env.has(entry)) args.set(entry, context.shell.env.get(entry) as string);
  }
  return args;
}

function labels(flags: FlagValues): Record<string, string> {
  return Object.fromEntries(list(flags, 'label').map((label) => [label.split('=')[0] ?? label, label.includes('=') ? label.slice(label.indexOf('=') + 1) : '']));
}

interface Prepared {
  request: Omit<BuildRequest, 'signal'>;
  /** What the context directory was called on the command line. */
  contextArg: string;
}

/**
 * Reads the context and the Dockerfile; throws ContextError or a
 * MissingDockerfile. `docker build -` takes the Dockerfile from standard
 * input and has no context; `-f -` takes it from there with the context.
 */
async function prepare(context: CommandContext, flags: FlagValues, contextArg: string, tags: Reference[], legacy: boolean): Promise<Prepared> {
  const fileFlag = flags.get('file') as string | undefined;
  const fromStdin = contextArg === '-' || fileFlag === '-';
  let buildContext: BuildContext;
  let dir = '/';
  if (contextArg === '-') buildContext = BuildContext.empty();
  else {
    dir = resolvePath(context.shell.cwd, contextArg, context.shell.home);
    try {
      buildContext = BuildContext.open(context.host, dir);
    } catch (error) {
      if (error instanceof ContextError) throw new ContextError(error.message.replace(`"${dir}"`, `"${contextArg}"`));
      throw error;
    }
  }
  let dockerfileText: string;
  let dockerfileName = 'Dockerfile';
  if (fromStdin) dockerfileText = await readStandardInput(context);
  else {
    const dockerfilePath = fileFlag === undefined ? `${dir === '/' ? '' : dir}/Dockerfile` : resolvePath(context.shell.cwd, fileFlag, context.shell.home);
    const node = context.host.get(dockerfilePath);
    dockerfileName = dockerfilePath.slice(dockerfilePath.lastIndexOf('/') + 1);
    if (node?.type !== 'file') {
      if (legacy) throw new ContextError(`unable to evaluate symlinks in Dockerfile path: lstat ${dockerfilePath}: no such file or directory`);
      throw new MissingDockerfile(dockerfileName);
    }
    dockerfileText = new TextDecoder().decode(fileBytes(node.content));
  }
  return {
    contextArg,
    request: {
      dockerfileText,
      dockerfileName,
      context: buildContext,
      tags,
      buildArgs: buildArgs(context, flags),
      ...(flags.get('target') !== undefined ? { target: flags.get('target') as string } : {}),
      noCache: flags.get('no-cache') === true,
      pull: flags.get('pull') === true,
      credentials: (domain) => credentialsFor(loadDockerConfig(context).config, domain),
      labels: labels(flags),
    },
  };
}

class MissingDockerfile extends Error {
  constructor(readonly dockerfileName: string) {
    super(`failed to read dockerfile: open ${dockerfileName}: no such file or directory`);
  }
}

/** -t values, as buildx and the legacy CLI each reject a bad one. */
function parseTags(values: readonly string[], legacy: boolean): Reference[] {
  return values.map((value) => {
    try {
      return tagNameOnly(parseNormalizedNamed(value));
    } catch (error) {
      if (!(error instanceof InvalidReferenceError)) throw error;
      throw new ContextError(legacy ? `invalid argument "${value}" for "-t, --tag" flag: ${error.message}` : `invalid tag "${value}": ${error.message.replace(/^invalid reference format: /, '')}`);
    }
  });
}

async function runBuildKit(context: CommandContext, flags: FlagValues, contextArg: string): Promise<number> {
  const quiet = flags.get('quiet') === true;
  const mode = quiet ? 'quiet' : ((flags.get('progress') as string | undefined) ?? 'auto');
  if (!['auto', 'plain', 'tty', 'quiet', 'rawjson'].includes(mode)) {
    await context.stderr.write(`ERROR: invalid progress mode ${mode}\n`);
    return 1;
  }
  const write = (text: string): Promise<void> => context.stderr.write(text);
  let prepared: Prepared;
  try {
    prepared = await prepare(context, flags, contextArg, parseTags(list(flags, 'tag'), false), false);
  } catch (error) {
    if (error instanceof ContextError) {
      await write(`ERROR: ${error.message.startsWith('invalid tag') ? '' : 'unable to prepare context: '}${error.message}\n`);
      return 1;
    }
    if (!(error instanceof MissingDockerfile)) throw error;
    const display = await displayFor(context, mode, write);
    const progress = new BuildProgress(context.clock, display);
    const vertex = await progress.start(`[internal] load build definition from ${error.dockerfileName}`);
    await progress.status(vertex, 'transferring dockerfile: 2B');
    await progress.done(vertex);
    await progress.finish();
    await write(`ERROR: failed to solve: ${error.message}\n`);
    return 1;
  }
  const display = await displayFor(context, mode, write);
  const progress = new BuildProgress(context.clock, display);
  const warnings = (): string => (quiet ? '' : warningsSummary(progress.warnings, context.tty));
  try {
    const image = await buildWithBuildKit(context.engine, { ...prepared.request, signal: context.signal }, progress);
    await progress.finish();
    await write(warnings());
    writeIidFile(context, flags, image.id);
    if (quiet) await context.stdout.write(`${image.id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ContextError) {
      await write(`ERROR: ${error.message}\n`);
      return 1;
    }
    await progress.finish();
    if (error instanceof Interrupted) throw error;
    if (error instanceof BuildFailure) {
      const dockerfile = quiet ? undefined : { text: prepared.request.dockerfileText, filename: prepared.request.dockerfileName };
      await write(`${quiet ? '' : failureBox(error)}${warnings()}${failureSummary(error, dockerfile)}`);
      return 1;
    }
    throw error;
  }
}

/** The display for a progress mode: a live frame on a terminal (auto, tty), lines otherwise; nothing when quiet. */
async function displayFor(context: CommandContext, mode: string, write: (text: string) => Promise<void>): Promise<(vertices: () => readonly Vertex[]) => ProgressDisplay> {
  const nothing = async (): Promise<void> => undefined;
  const silent: ProgressDisplay = { started: nothing, logged: nothing, statusChanged: nothing, warned: nothing, completed: nothing, finish: nothing };
  if (mode === 'quiet' || mode === 'rawjson') return () => silent;
  if (mode === 'tty' || (mode === 'auto' && context.tty)) {
    const started = context.clock.now();
    return (vertices) => new TtyDisplay(write, context.clock, started, context.columns, vertices);
  }
  const plain = await PlainDisplay.open(write);
  return () => plain;
}

async function runLegacy(context: CommandContext, flags: FlagValues, contextArg: string): Promise<number> {
  await context.stderr.write(LEGACY_NOTICE);
  try {
    const prepared = await prepare(context, flags, contextArg, parseTags(list(flags, 'tag'), true), true);
    return await buildLegacy(context, { ...prepared.request, signal: context.signal }, flags.get('quiet') === true, (id) => writeIidFile(context, flags, id));
  } catch (error) {
    if (error instanceof ContextError) {
      await context.stderr.write(`${error.message.startsWith('invalid argument') ? '' : 'unable to prepare context: '}${error.message}\n`);
      return 1;
    }
    if (error instanceof EngineError) {
      await context.stderr.write(`Error response from daemon: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** The flags both builders take, worded as buildx words them (`docker buildx build --help`). */
const BUILDX_FLAGS: FlagSpec[] = [
  { name: 'build-arg', type: 'list', varname: 'stringArray', usage: 'Set build-time variables' },
  { name: 'file', shorthand: 'f', type: 'string', usage: 'Name of the Dockerfile (default: "PATH/Dockerfile")' },
  { name: 'iidfile', type: 'string', usage: 'Write the image ID to a file' },
  { name: 'label', type: 'list', varname: 'stringArray', usage: 'Set metadata for an image' },
  { name: 'no-cache', type: 'bool', usage: 'Do not use cache when building the image' },
  { name: 'progress', type: 'string', usage: 'Set type of progress output ("auto", "quiet", "plain", "tty", "rawjson"). Use plain to show container output (default "auto")' },
  { name: 'pull', type: 'bool', usage: 'Always attempt to pull all referenced images' },
  { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Suppress the build output and print image ID on success' },
  { name: 'tag', shorthand: 't', type: 'list', varname: 'stringArray', usage: 'Image identifier (format: "[registry/]repository[:tag]")' },
  { name: 'target', type: 'string', usage: 'Set the target build stage to build' },
];

/** The same flags as docker/cli's own (legacy) build command words them; it has no --progress. */
const LEGACY_FLAGS: FlagSpec[] = [
  { name: 'build-arg', type: 'list', usage: 'Set build-time variables' },
  { name: 'file', shorthand: 'f', type: 'string', usage: 'Name of the Dockerfile (Default is "PATH/Dockerfile")' },
  { name: 'iidfile', type: 'string', usage: 'Write the image ID to the file' },
  { name: 'label', type: 'list', usage: 'Set metadata for an image' },
  { name: 'no-cache', type: 'bool', usage: 'Do not use cache when building the image' },
  { name: 'pull', type: 'bool', usage: 'Always attempt to pull a newer version of the image' },
  { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Suppress the build output and print image ID on success' },
  { name: 'tag', shorthand: 't', type: 'list', usage: 'Name and optionally a tag in the "name:tag" format' },
  { name: 'target', type: 'string', usage: 'Set the target build stage to build.' },
];

/** docker build [OPTIONS] PATH — BuildKit (buildx) by default, the classic builder with DOCKER_BUILDKIT=0. */
export const buildCommand: DockerCommand = {
  name: 'build',
  use: '[OPTIONS] PATH | URL | -',
  short: 'Build an image from a Dockerfile',
  aliases: ['docker image build', 'docker build', 'docker builder build'],
  category: { group: 'common', top: 4 },
  flags: BUILDX_FLAGS,
  helpFor(context) {
    if (legacyRequested(context)) return { command: { ...buildCommand, flags: LEGACY_FLAGS }, path: 'docker build' };
    return { command: { ...buildCommand, short: 'Start a build', aliases: ['docker buildx build', 'docker buildx b'] }, path: 'docker buildx build' };
  },
  // The argument count is checked in run: buildx words its error its own way.
  args: { kind: 'any' },
  async run(context, flags, args) {
    const legacy = legacyRequested(context);
    const [contextArg] = args;
    if (args.length !== 1 || contextArg === undefined) {
      await context.stderr.write(legacy ? LEGACY_ARGS_ERROR : BUILDX_ARGS_ERROR);
      return 1;
    }
    return legacy ? runLegacy(context, flags, contextArg) : runBuildKit(context, flags, contextArg);
  },
};
