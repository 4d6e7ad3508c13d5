/**
 * The classic builder (`DOCKER_BUILDKIT=0`, moby daemon/builder/dockerfile):
 * every instruction of every stage up to the target is a step that commits
 * an intermediate image — through a container for RUN and the metadata
 * instructions, directly for COPY/ADD — so the cache is the image store
 * itself: a step is cached when the current image has a child made by the
 * same command with the same configuration.
 */
import { ReadWriteLayer } from '../archive/rw-layer';
import type { FilesystemView } from '../archive/union';
import { addContainer, generatedName, newContainer } from '../daemon/containers';
import type { Engine } from '../daemon/engine';
import type { BuiltStep, CacheMissReason } from '../daemon/events';
import { rfc3339Nano } from '../daemon/time';
import { ENGINE_VERSION } from '../daemon/version';
import { digestOf, hexOf, type Digest } from '../digest/digest';
import { pullImage, type ProgressEvent } from '../distribution/pull';
import { EngineError } from '../errdefs/errors';
import type { HistoryEntry, RunConfig } from '../image/config';
import type { StoredImage } from '../image/store';
import { EMPTY_LAYER_DIFF_ID } from '../images/commit';
import { LayerStore } from '../layer/store';
import { familiarString } from '../reference/reference';
import { ProgressDisplay } from '../cli/format/progress';
import { humanSize, truncateId } from '../cli/format/units';
import type { CommandContext } from '../shell/command';
import { canonicalName, localBase } from './base';
import { onBuildTriggers, type BuildRequest } from './buildkit';
import { copyInto, makeDirectories, matchSources, resolveChown, SourceNotFound, sourceChecksum, MULTIPLE_SOURCES_ERROR } from './copy';
import { expandWord } from './dockerfile/expand';
import type { Instruction } from './dockerfile/instruction';
import { DockerfileParseError, parseDockerfile } from './dockerfile/parse';
import { buildStages, findStage, selectTarget, type Stage } from './dockerfile/stages';
import { fromConfig, scratchState, type ImageState } from './image-state';
import { applyMetadata, globalArgValues, type ArgScope } from './metadata';
import { runInBuildContainer } from './run-step';
import { copyPlan, lacksDirectoryDestination, parseChmod, runArgv, unreachableUrl, urlSource, workdirPath } from './steps';

/** A step that failed: its message, and the exit status the CLI ends with (a RUN's own code). */
class StepFailed extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/** The run configuration as moby's classic builder stores it: a whole container.Config, Go's field order. */
function legacyRunConfig(config: RunConfig, parent: string): RunConfig {
  return {
    Hostname: '',
    Domainname: '',
    User: config.User ?? '',
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ...(config.ExposedPorts && Object.keys(config.ExposedPorts).length > 0 ? { ExposedPorts: config.ExposedPorts } : {}),
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: config.Env ?? null,
    Cmd: config.Cmd ?? null,
    ...(config.Healthcheck ? { Healthcheck: config.Healthcheck } : {}),
    ...(config.ArgsEscaped ? { ArgsEscaped: true } : {}),
    Image: parent,
    Volumes: config.Volumes && Object.keys(config.Volumes).length > 0 ? config.Volumes : null,
    WorkingDir: config.WorkingDir ?? '',
    Entrypoint: config.Entrypoint ?? null,
    OnBuild: config.OnBuild && config.OnBuild.length > 0 ? config.OnBuild : null,
    Labels: config.Labels && Object.keys(config.Labels).length > 0 ? config.Labels : null,
    ...(config.StopSignal ? { StopSignal: config.StopSignal } : {}),
    ...(config.Shell && config.Shell.length > 0 ? { Shell: config.Shell } : {}),
  };
}

class LegacyBuilder {
  private readonly engine: Engine;
  private readonly out: (text: string) => Promise<void>;
  private readonly stageImages = new Map<Stage, { id: Digest; state: ImageState }>();
  /** The image the current stage is at (undefined: FROM scratch, nothing committed yet). */
  private current: Digest | undefined;
  private scope: ArgScope;
  /** The steps in the order they ran (cached: `Using cache`), for the engine's record of the build and its `image.built` event. */
  private readonly steps: BuiltStep[] = [];
  private firstMiss: { step: number; name: string; reason: CacheMissReason } | undefined;
  /** The running step as its progress line names it (`Step 3/5 : COPY app.js /app/`), and its instruction. */
  private stepNow: { name: string; instruction: Instruction } | undefined;

  constructor(
    private readonly context: CommandContext,
    private readonly request: BuildRequest,
    quiet: boolean,
  ) {
    this.engine = context.engine;
    this.out = quiet ? async () => undefined : (text) => context.stdout.write(text);
    this.scope = { buildArgs: request.buildArgs, globalArgs: new Map(), escapeToken: '\\' };
  }

  async build(): Promise<StoredImage> {
    await this.out(`Sending build context to Docker daemon  ${humanSize(this.request.context.tarSize())}\n`);
    let stages: Stage[];
    let metaArgs: Instruction[];
    let escapeToken: string;
    try {
      const dockerfile = parseDockerfile(this.request.dockerfileText);
      escapeToken = dockerfile.directives.escape ?? '\\';
      const parsed = buildStages(dockerfile);
      const target = selectTarget(parsed.stages, this.request.target);
      stages = parsed.stages.slice(0, target.index + 1);
      metaArgs = parsed.globalArgs;
    } catch (error) {
      if (error instanceof DockerfileParseError) throw new EngineError('invalidParameter', error.message);
      throw error;
    }
    const total = metaArgs.length + stages.length + stages.reduce((sum, stage) => sum + stage.commands.length, 0);
    let step = 0;
    for (const instruction of metaArgs) await this.out(`Step ${++step}/${total} : ${instruction.original}\n`);
    this.scope = { buildArgs: this.request.buildArgs, globalArgs: globalArgValues(metaArgs, this.request.buildArgs, escapeToken), escapeToken };
    let last: { id: Digest; state: ImageState } | undefined;
    for (const stage of stages) {
      await this.out(`Step ${++step}/${total} : ${stage.from.original}\n`);
      const { state, triggers } = await this.from(stage);
      if (triggers.length > 0) {
        await this.out(`# Executing ${triggers.length} build ${triggers.length === 1 ? 'trigger' : 'triggers'}\n`);
        for (const trigger of triggers) {
          // A trigger has no progress line of its own: it runs under its stage's FROM step.
          this.stepNow = { name: trigger.original, instruction: trigger };
          await this.dispatch(trigger, state);
        }
      }
      for (const instruction of stage.commands) {
        await this.out(`Step ${++step}/${total} : ${instruction.original}\n`);
        this.stepNow = { name: `Step ${step}/${total} : ${instruction.original}`, instruction };
        await this.dispatch(instruction, state);
        await this.out(` ---> ${truncateId(hexOf(this.current as Digest))}\n`);
      }
      if (!this.current) throw new StepFailed('No image was generated. Is your Dockerfile empty?');
      last = { id: this.current, state };
      this.stageImages.set(stage, last);
    }
    const image = this.engine.images.get((last as { id: Digest }).id) as StoredImage;
    await this.out(`Successfully built ${truncateId(hexOf(image.id))}\n`);
    for (const tag of this.request.tags) {
      this.engine.references.addTag(tag, image.id, true);
      this.engine.tagged(image.id, tag);
      await this.out(`Successfully tagged ${familiarString(tag)}\n`);
    }
    this.engine.built({ imageId: image.id, tags: this.request.tags.map((tag) => familiarString(tag)), builder: 'legacy', steps: this.steps, ...(this.firstMiss ? { firstMiss: this.firstMiss } : {}) });
    return image;
  }

  private async from(stage: Stage): Promise<{ state: ImageState; triggers: Instruction[] }> {
    const name = expandWord(stage.baseName, this.scope.globalArgs, this.scope.escapeToken);
    if (name.toLowerCase() === 'scratch') {
      this.current = undefined;
      await this.out(' ---> \n');
      return { state: scratchLegacy(), triggers: [] };
    }
    const earlier = findStage([...this.stageImages.keys()], name);
    if (earlier && earlier.name !== '') {
      const built = this.stageImages.get(earlier) as { id: Digest; state: ImageState };
      this.current = built.id;
      await this.out(` ---> ${truncateId(hexOf(built.id))}\n`);
      return { state: { ...built.state, config: { ...built.state.config }, history: [...built.state.history], env: new Map(built.state.env), buildArgs: [] }, triggers: [] };
    }
    const { ref } = canonicalName(name);
    let image = this.request.pull ? undefined : localBase(this.engine, ref);
    if (!image) {
      const display = new ProgressDisplay(this.out, this.context.tty, this.context.columns);
      image = (await pullImage(this.engine, ref, (event: ProgressEvent) => display.show(event), this.request.signal, this.request.credentials?.(ref.domain))).image;
    }
    this.current = image.id;
    await this.out(` ---> ${truncateId(hexOf(image.id))}\n`);
    const state = fromConfig(image.config, this.engine.topLayerOf(image));
    delete state.config.OnBuild;
    return { state, triggers: onBuildTriggers(image.config, stage) };
  }

  private async dispatch(instruction: Instruction, state: ImageState): Promise<void> {
    switch (instruction.keyword) {
      case 'RUN':
        return this.run(instruction, state);
      case 'COPY':
      case 'ADD':
        return this.copy(instruction, state);
      case 'WORKDIR': {
        state.config.WorkingDir = workdirPath(instruction, state, this.scope);
        const directory = { mode: 0o755, uid: 0, gid: 0, mtime: this.engine.clock.now() };
        return this.commit(state, `#(nop) WORKDIR ${state.config.WorkingDir}`, true, (layer) => makeDirectories(layer, state.config.WorkingDir ?? '/', directory));
      }
      default: {
        let history;
        try {
          history = applyMetadata(state, instruction, this.scope);
        } catch (error) {
          throw new StepFailed(error instanceof Error ? error.message : String(error));
        }
        return this.commit(state, `#(nop)  ${history.legacy}`, true);
      }
    }
  }

  /** `|1 A=b` of the declared ARGs with values that no ENV overrides, sorted (prependEnvOnCmd). */
  private buildArgPrefix(state: ImageState): string[] {
    const envKeys = new Set((state.config.Env ?? []).map((entry) => entry.split('=')[0]));
    const pairs = state.buildArgs.filter((arg) => arg.value !== undefined && !envKeys.has(arg.key)).map((arg) => `${arg.key}=${arg.value}`).sort();
    return pairs.length > 0 ? [`|${pairs.length}`, ...pairs] : [];
  }

  private async run(instruction: Instruction, state: ImageState): Promise<void> {
    const argv = runArgv(instruction, state);
    const createdBy = [...this.buildArgPrefix(state), ...argv].join(' ');
    if (await this.usingCache(state, createdBy)) return;
    const id = this.engine.random.hex(32);
    await this.out(` ---> Running in ${id.slice(0, 12)}\n`);
    const layer = new ReadWriteLayer(this.engine.layers.view(state.top));
    const outcome = await runInBuildContainer(this.engine, state, argv, { id, hostname: id.slice(0, 12), layer, log: (line) => this.out(`${line}\n`), signal: this.request.signal });
    if (outcome.startError !== undefined || outcome.exitCode !== 0) {
      if (this.current) this.leaveFailedContainer(this.current, id, state, argv, layer, outcome.exitCode);
      if (outcome.startError !== undefined) throw new StepFailed(outcome.startError, outcome.exitCode);
      throw new StepFailed(`The command '${argv.join(' ')}' returned a non-zero code: ${outcome.exitCode}`, outcome.exitCode);
    }
    await this.store(state, createdBy, layer, id);
  }

  /** A failed step's container stays (the builder removes intermediate containers only after a successful build). */
  private leaveFailedContainer(image: Digest, id: string, state: ImageState, argv: string[], layer: ReadWriteLayer, exitCode: number): void {
    const now = this.engine.clock.now();
    const container = newContainer(this.engine, {
      id,
      name: generatedName(this.engine, id),
      image,
      imageName: truncateId(hexOf(image)),
      config: { ...legacyRunConfig(state.config, image), Hostname: id.slice(0, 12), Cmd: argv },
      state: { status: 'exited', exitCode, startedAt: now, finishedAt: now },
      layer,
      parentLayer: state.top,
    });
    addContainer(this.engine, container);
  }

  private async copy(instruction: Instruction, state: ImageState): Promise<void> {
    const plan = copyPlan(instruction, state, this.scope);
    const url = urlSource(plan);
    if (url !== undefined) throw new StepFailed(instruction.keyword === 'COPY' ? 'COPY failed: source can\'t be a URL for COPY' : unreachableUrl(url));
    let fs: FilesystemView = this.request.context;
    if (plan.from !== undefined) {
      const source = findStage([...this.stageImages.keys()], plan.from);
      if (source) fs = this.engine.layers.view((this.stageImages.get(source) as { state: ImageState }).state.top);
      else {
        const { ref } = canonicalName(plan.from);
        let image = localBase(this.engine, ref);
        if (!image) image = (await pullImage(this.engine, ref, async () => undefined, this.request.signal, this.request.credentials?.(ref.domain))).image;
        fs = this.engine.layers.view(this.engine.topLayerOf(image));
      }
    }
    if (lacksDirectoryDestination(plan)) throw new StepFailed(MULTIPLE_SOURCES_ERROR);
    let matched;
    try {
      matched = matchSources(fs, plan.sources);
    } catch (error) {
      if (!(error instanceof SourceNotFound)) throw error;
      const what = plan.from === undefined ? 'file not found in build context or excluded by .dockerignore' : `failed to copy files`;
      throw new StepFailed(`${instruction.keyword} failed: ${what}: stat ${error.path.slice(1)}: file does not exist`);
    }
    const kind = matched.length === 1 ? (matched[0]?.node.type === 'directory' ? 'dir' : 'file') : 'multi';
    const hash = hexOf(digestOf(sourceChecksum(fs, matched)));
    const chown = plan.chown === undefined ? '' : `--chown=${plan.chown} `;
    const createdBy = [...shellOf(state), `#(nop) ${instruction.keyword} ${chown}${kind}:${hash} in ${plan.dest} `].join(' ');
    if (await this.usingCache(state, createdBy)) return;
    const layer = new ReadWriteLayer(this.engine.layers.view(state.top));
    const mode = plan.chmod === undefined ? undefined : parseChmod(plan.chmod);
    const owner = plan.chown === undefined ? { uid: 0, gid: 0 } : resolveChown(layer, plan.chown);
    await copyInto(layer, fs, matched, { dest: plan.dest, workdir: state.config.WorkingDir || '/', owner, ...(mode === undefined ? {} : { mode }), unpack: plan.unpack, now: this.engine.clock.now() });
    await this.store(state, createdBy, layer);
  }

  /** Metadata (and WORKDIR) steps: a container that is created, committed and removed. */
  private async commit(state: ImageState, comment: string, withContainer: boolean, change?: (layer: ReadWriteLayer) => void): Promise<void> {
    const createdBy = [...shellOf(state), comment].join(' ');
    if (await this.usingCache(state, createdBy)) return;
    const id = withContainer ? this.engine.random.hex(32) : undefined;
    if (id) await this.out(` ---> Running in ${id.slice(0, 12)}\n`);
    const layer = new ReadWriteLayer(this.engine.layers.view(state.top));
    change?.(layer);
    await this.store(state, createdBy, layer, id);
  }

  /** probeCache: a child of the current image with this command and this configuration. */
  private async usingCache(state: ImageState, createdBy: string): Promise<boolean> {
    if (this.request.noCache || !this.current) {
      this.missed(this.request.noCache ? { kind: 'no-cache' } : { kind: 'new-step' });
      return false;
    }
    const expected = JSON.stringify(legacyRunConfig(state.config, this.current));
    for (const childId of this.engine.images.children(this.current)) {
      const child = this.engine.images.get(childId);
      const last = child?.config.history?.at(-1);
      if (!child || last?.created_by !== createdBy || JSON.stringify(child.config.config) !== expected) continue;
      await this.out(' ---> Using cache\n');
      this.adopt(state, child);
      this.recordStep(createdBy, true, last.empty_layer || !state.top ? 0 : (this.engine.layers.get(state.top)?.size ?? 0));
      return true;
    }
    this.missed(this.missReason(this.current, createdBy, state));
    return false;
  }

  /** Records the running step as the first that missed the cache, unless an earlier one did. */
  private missed(reason: CacheMissReason): void {
    if (!this.firstMiss && this.stepNow) this.firstMiss = { step: this.steps.length, name: this.stepNow.name, reason };
  }

  private recordStep(createdBy: string, cached: boolean, size: number): void {
    if (this.stepNow) this.steps.push({ name: this.stepNow.name, createdBy, cached, size });
  }

  /**
   * Why no child of `parent` is this step: the classic builder's cache is the
   * image store itself, so what its children were made by says it — none (a
   * new step), the same command with another configuration, a COPY/ADD of
   * other files, or another instruction.
   */
  private missReason(parent: Digest, createdBy: string, state: ImageState): CacheMissReason {
    const children = this.engine.images
      .children(parent)
      .map((id) => this.engine.images.get(id))
      .filter((child): child is StoredImage => child !== undefined);
    const instruction = this.stepNow?.instruction.original ?? '';
    const made = (child: StoredImage): string => child.config.history?.at(-1)?.created_by ?? '';
    if (children.length === 0) return { kind: 'new-step' };
    if (children.some((child) => made(child) === createdBy)) return { kind: 'environment-changed', instruction };
    const copied = (text: string): string | undefined => /#\(nop\) (?:COPY|ADD) /.test(text) ? text.replace(/ (?:file|dir|multi):[0-9a-f]{64} in /, ' in ') : undefined;
    const sources = copied(createdBy);
    if (sources !== undefined && children.some((child) => copied(made(child)) === sources)) return { kind: 'files-changed', instruction, changed: [], added: [], removed: [] };
    const shell = shellOf(state).join(' ');
    const latest = children.reduce((a, b) => ((b.config.created ?? '') >= (a.config.created ?? '') ? b : a));
    const before = legacyInstruction(made(latest), shell);
    // A RUN whose build arguments changed leaves the same instruction with another `|1 A=b` prefix.
    if (before === legacyInstruction(createdBy, shell)) return { kind: 'environment-changed', instruction };
    return { kind: 'instruction-changed', before, after: instruction };
  }

  private adopt(state: ImageState, image: StoredImage): void {
    this.current = image.id;
    state.top = this.engine.topLayerOf(image);
    state.diffIds = [...image.config.rootfs.diff_ids];
    state.history = [...(image.config.history ?? [])];
  }

  /** Commits the step's layer as a new intermediate image, child of the current one. */
  private async store(state: ImageState, createdBy: string, layer: ReadWriteLayer, containerId?: string): Promise<void> {
    const changes = layer.changeset();
    const diffId = await LayerStore.diffIdOf(changes);
    const empty = diffId === EMPTY_LAYER_DIFF_ID;
    const top = empty ? state.top : this.engine.layers.register([{ diffId, changeset: changes }], state.top);
    const created = rfc3339Nano(this.engine.clock.now());
    const history: HistoryEntry = { created, created_by: createdBy, ...(empty ? { empty_layer: true } : {}) };
    const config = {
      architecture: state.architecture,
      config: legacyRunConfig(state.config, this.current ?? ''),
      created,
      docker_version: ENGINE_VERSION.engine.version,
      history: [...state.history, history],
      os: state.os,
      rootfs: { type: 'layers', diff_ids: [...state.diffIds, ...(empty ? [] : [diffId])] },
      ...(state.author ? { author: state.author } : {}),
    };
    const text = JSON.stringify(config);
    const existed = this.engine.images.get(digestOf(text)) !== undefined;
    const image = this.engine.images.create(text);
    if (empty && top && !existed) this.engine.layers.register([], top);
    else if (!empty && existed && top) this.engine.layers.release(top);
    if (this.current) this.engine.images.setParent(image.id, this.current);
    if (containerId) await this.out(` ---> Removed intermediate container ${containerId.slice(0, 12)}\n`);
    this.adopt(state, image);
    this.recordStep(createdBy, false, empty || !top ? 0 : (this.engine.layers.get(top)?.size ?? 0));
  }
}

/** The shell metadata commits are recorded under (the `/bin/sh -c #(nop) …` of history). */
function shellOf(state: ImageState): string[] {
  return state.config.Shell && state.config.Shell.length > 0 ? state.config.Shell : ['/bin/sh', '-c'];
}

/**
 * The instruction a classic build step's history text was left by, as near
 * as the text tells: `/bin/sh -c #(nop)  ENV A=b` → `ENV A=b`,
 * `|1 A=b /bin/sh -c npm ci` → `RUN npm ci`.
 */
function legacyInstruction(createdBy: string, shell: string): string {
  const nop = /#\(nop\) +(.*)$/.exec(createdBy);
  if (nop) return (nop[1] ?? '').trim();
  let command = createdBy;
  const args = /^\|(\d+) /.exec(command);
  if (args) command = command.slice(args[0].length).split(' ').slice(Number(args[1])).join(' ');
  if (command.startsWith(`${shell} `)) command = command.slice(shell.length + 1);
  return `RUN ${command}`;
}

/** FROM scratch in the classic builder: no working directory, and the default PATH (setDefaultPath). */
function scratchLegacy(): ImageState {
  const state = scratchState();
  state.config.WorkingDir = '';
  return state;
}

/** Runs the classic builder; returns the exit status (a failing RUN's own code, as the CLI exits with it). */
export async function buildLegacy(context: CommandContext, request: BuildRequest, quiet: boolean, built: (id: string) => void): Promise<number> {
  const builder = new LegacyBuilder(context, request, quiet);
  try {
    const image = await builder.build();
    built(image.id);
    if (quiet) await context.stdout.write(`${image.id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof StepFailed || error instanceof DockerfileParseError) {
      await context.stderr.write(`${error.message}\n`);
      return error instanceof StepFailed ? error.status : 1;
    }
    if (error instanceof EngineError && error.kind !== 'invalidParameter') {
      await context.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
