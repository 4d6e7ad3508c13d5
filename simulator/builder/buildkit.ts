/**
 * `docker build` with BuildKit, Docker's default builder: only the stages the
 * target needs are built; RUN, COPY, ADD and WORKDIR are filesystem steps,
 * looked up in the build cache by what they depend on and run only when
 * missing; every other instruction only changes the configuration and leaves
 * a history entry. The image is exported once, at the end
 * (dockerfile2llb/convert.go, exporter/containerimage).
 */
import { FilesystemError, ReadWriteLayer } from '../archive/rw-layer';
import type { Changeset } from '../archive/types';
import { readTextFile, type FilesystemView } from '../archive/union';
import type { Engine } from '../daemon/engine';
import { rfc3339Nano } from '../daemon/time';
import { digestOf, type Digest } from '../digest/digest';
import { EngineError } from '../errdefs/errors';
import { parseImageConfig, type HistoryEntry, type ImageConfig } from '../image/config';
import type { StoredImage } from '../image/store';
import { LayerStore } from '../layer/store';
import { EMPTY_LAYER_DIFF_ID } from '../images/commit';
import { familiarString, referenceString, type Reference } from '../reference/reference';
import type { RemoteImage } from '../registry/registry';
import type { Credentials } from '../registry/accounts';
import { accountOf } from '../runtime/users';
import { humanSize } from '../cli/format/units';
import { canonicalName, fetchLayers, localBase, remoteBase, BaseNotFound, type BaseImage } from './base';
import { cacheKey, type CacheRecord } from './cache';
import type { BuildContext } from './context';
import { copyInto, makeDirectories, matchSources, resolveChown, sourceFingerprints, SourceNotFound, MULTIPLE_SOURCES_ERROR, type MatchedSource } from './copy';
import { BuildRecorder, type StepInputs } from './step-record';
import { expandFlag, expandWord } from './dockerfile/expand';
import type { Dockerfile, Instruction } from './dockerfile/instruction';
import { buildStages, findStage, selectTarget, type Stage } from './dockerfile/stages';
import { BuildFailure, StepError } from './failure';
import { lintDockerfile } from './lint';
import { cloneState, fromConfig, runCommandString, scratchState, type ImageState } from './image-state';
import { applyMetadata, globalArgValues, type ArgScope } from './metadata';
import { parseDockerfile, DockerfileParseError } from './dockerfile/parse';
import type { BuildProgress, Vertex } from './progress';
import { runInBuildContainer } from './run-step';
import { copyPlan, displayName, lacksDirectoryDestination, parseChmod, runArgv, unreachableUrl, urlSource, workdirPath } from './steps';
import { goQuote } from './dockerfile/text';
import { imageConfigText } from './export';

export interface BuildRequest {
  dockerfileText: string;
  /** The Dockerfile's name as buildx shows it: `Dockerfile`, `app.Dockerfile`. */
  dockerfileName: string;
  context: BuildContext;
  tags: Reference[];
  buildArgs: ReadonlyMap<string, string>;
  target?: string;
  noCache: boolean;
  /** --pull: base images are resolved in the registry even when present locally. */
  pull?: boolean;
  /** The learner's login for a registry host (from config.json), for base images that need one. */
  credentials?: (domain: string) => Credentials | undefined;
  labels: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

interface StageResult {
  state: ImageState;
  /** The cache key of the stage's filesystem. */
  key: string;
}

/** A base image's ONBUILD triggers as instructions, located at the FROM that inherits them. */
export function onBuildTriggers(image: ImageConfig, stage: Stage): Instruction[] {
  return (image.config?.OnBuild ?? []).map((trigger) => {
    let parsed;
    try {
      // A trigger is parsed as the one instruction of a stage, as BuildKit parses it on its own.
      parsed = parseDockerfile(`FROM scratch\n${trigger}`).instructions[1];
    } catch (error) {
      if (error instanceof DockerfileParseError) throw new DockerfileParseError(error.message.replace(/^dockerfile parse error on line \d+: /, ''), stage.from.startLine, stage.from.endLine);
      throw error;
    }
    if (!parsed) throw new DockerfileParseError('onbuild trigger should be a single expression', stage.from.startLine, stage.from.endLine);
    return { ...parsed, startLine: stage.from.startLine, endLine: stage.from.endLine };
  });
}

/** A base found in the registry, not yet downloaded. */
interface RemoteBase {
  remote: RemoteImage;
  canonical: string;
}

/** A stage's base: local, or in the registry. */
type ResolvedBase = BaseImage | RemoteBase;

const FILESYSTEM_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** Simulated durations, so that progress shows plausible times. */
const CONTAINER_START_MS = 180;
const COPY_BYTES_PER_MS = 200_000;
const EXPORT_BYTES_PER_MS = 50_000;

class BuildKitSolver {
  private readonly results = new Map<Stage, StageResult>();
  private contextLoaded = false;
  private readonly scope: ArgScope;
  /** History entries of metadata instructions made in this build, which get their times at export. */
  private readonly pendingTimes = new WeakSet<HistoryEntry>();
  /** Instructions that came from a base image's ONBUILD. */
  private readonly triggers = new WeakSet<Instruction>();
  /** Bytes of the layers this build made (not found in the cache), which the export writes. */
  newLayerBytes = 0;
  /** Entries of filesystem steps made in this build (their times are their layers'). */
  private readonly newEntries = new WeakSet<HistoryEntry>();
  /** The steps as they run, for the engine's record of the build and its `image.built` event. */
  readonly recorder: BuildRecorder;

  constructor(
    private readonly engine: Engine,
    private readonly request: BuildRequest,
    private readonly progress: BuildProgress,
    private readonly dockerfile: Dockerfile,
    private readonly stages: Stage[],
    globalArgs: ReadonlyMap<string, string>,
  ) {
    this.scope = { buildArgs: request.buildArgs, globalArgs, escapeToken: dockerfile.directives.escape ?? '\\' };
    this.recorder = new BuildRecorder(engine.buildSteps, request.noCache);
  }

  private get multiStage(): boolean {
    return this.stages.length > 1;
  }

  private stageName(stage: Stage): string {
    return stage.name || `stage-${stage.index}`;
  }

  /** The stages `target` needs, in Dockerfile order: its base stages and the stages it copies from. */
  reachable(target: Stage): Stage[] {
    const needed = new Set<Stage>();
    const visit = (stage: Stage): void => {
      if (needed.has(stage)) return;
      needed.add(stage);
      const base = this.baseStage(stage);
      if (base) visit(base);
      for (const instruction of stage.commands) {
        const from = instruction.keyword === 'COPY' ? expandFlag(instruction, 'from', this.scope.globalArgs, this.scope.escapeToken) : undefined;
        const source = from === undefined ? undefined : findStage(this.stages.slice(0, stage.index), from);
        if (source) visit(source);
      }
    };
    visit(target);
    return this.stages.filter((stage) => needed.has(stage));
  }

  private baseName(stage: Stage): string {
    return expandWord(stage.baseName, this.scope.globalArgs, this.scope.escapeToken);
  }

  baseStage(stage: Stage): Stage | undefined {
    const name = this.baseName(stage).toLowerCase();
    return this.stages.slice(0, stage.index).find((s) => s.name !== '' && s.name === name);
  }

  /** `[internal] load metadata for …` of every image a stage starts from: local, or from the registry. */
  async loadMetadata(stages: readonly Stage[]): Promise<Map<Stage, ResolvedBase>> {
    const bases = new Map<Stage, ResolvedBase>();
    for (const stage of stages) {
      const name = this.baseName(stage);
      if (name.toLowerCase() === 'scratch' || this.baseStage(stage)) continue;
      if (name === '') throw new BuildFailure(`base name (${stage.baseName}) should not be blank`, undefined, [stage.from.startLine, stage.from.endLine]);
      let resolved;
      try {
        resolved = canonicalName(name);
      } catch (error) {
        throw new BuildFailure(`failed to parse stage name "${name}": ${error instanceof Error ? error.message : String(error)}`, undefined, [stage.from.startLine, stage.from.endLine]);
      }
      const vertex = await this.progress.start(`[internal] load metadata for ${resolved.canonical}`);
      const local = this.request.pull ? undefined : localBase(this.engine, resolved.ref);
      if (local) {
        bases.set(stage, { id: local.id, config: local.config, top: this.engine.topLayerOf(local), canonical: resolved.canonical });
        await this.progress.done(vertex);
        continue;
      }
      try {
        await this.engine.clock.sleep(400, this.request.signal);
        bases.set(stage, { remote: await remoteBase(this.engine, resolved.ref, resolved.canonical, this.request.credentials?.(resolved.ref.domain)), canonical: resolved.canonical });
        await this.progress.done(vertex);
      } catch (error) {
        if (!(error instanceof BaseNotFound)) throw error;
        await this.progress.done(vertex, { error: error.message });
        throw new BuildFailure(`${name}: ${error.message}`, vertex, [stage.from.startLine, stage.from.endLine]);
      }
    }
    return bases;
  }

  async solve(target: Stage): Promise<StageResult> {
    const stages = this.reachable(target);
    const bases = await this.loadMetadata(stages);
    const ignore = await this.progress.start('[internal] load .dockerignore');
    await this.progress.status(ignore, `transferring context: ${humanSize(this.request.context.ignoreFileSize ?? 2)}`);
    await this.progress.done(ignore);
    for (const stage of stages) this.results.set(stage, await this.buildStage(stage, bases.get(stage)));
    return this.results.get(target) as StageResult;
  }

  private prefix(stage: Stage, total: number, index: number): string {
    if (total === 0) return '';
    const width = 1 + Math.floor(Math.log10(total));
    return `[${this.multiStage ? `${this.stageName(stage)} ` : ''}${String(index).padStart(width)}/${total}] `;
  }

  private async buildStage(stage: Stage, base: ResolvedBase | undefined): Promise<StageResult> {
    // The base image's ONBUILD triggers run first, each counted in the step total (initOnBuildTriggers).
    const triggers = base ? onBuildTriggers('remote' in base ? parseImageConfig(base.remote.configText) : base.config, stage) : [];
    for (const trigger of triggers) this.triggers.add(trigger);
    const commands = [...triggers, ...stage.commands];
    const fromStage = this.baseStage(stage);
    let total = stage.commands.filter((c) => FILESYSTEM_KEYWORDS.has(c.keyword)).length + triggers.length;
    if (base) total++;
    let index = 0;
    const next = (): string => this.prefix(stage, total, ++index);
    let state: ImageState;
    let key: string;
    if (fromStage) {
      const result = this.results.get(fromStage) as StageResult;
      state = cloneState(result.state);
      key = result.key;
    } else if (!base) {
      state = scratchState();
      key = 'scratch';
    } else {
      const resolved = 'remote' in base ? await this.pullBase(base, next()) : await this.localFrom(base, next());
      state = fromConfig(resolved.config, resolved.top);
      delete state.config.OnBuild;
      key = resolved.id;
    }
    for (const instruction of commands) {
      try {
        if (FILESYSTEM_KEYWORDS.has(instruction.keyword)) key = await this.filesystemStep(stage, instruction, state, key, next());
        else this.metadataStep(instruction, state);
      } catch (error) {
        throw this.asFailure(error, instruction);
      }
    }
    return { state, key };
  }

  private async localFrom(base: BaseImage, prefix: string): Promise<BaseImage> {
    const vertex = await this.progress.start(`${prefix}FROM ${base.canonical}`);
    await this.progress.done(vertex);
    return base;
  }

  /** A base from the registry: `FROM …@sha256:…`, its layers downloaded, held by the build cache. */
  private async pullBase(base: RemoteBase, prefix: string): Promise<BaseImage> {
    const pinned = `${base.canonical}@${base.remote.manifestDigest}`;
    const key = `from:${digestOf(base.remote.configText)}`;
    const cached = this.engine.buildCache.get(key);
    if (cached) {
      // Pulled by an earlier build: BuildKit's cache has it.
      await this.progress.cached(`${prefix}FROM ${pinned}`);
      return { id: digestOf(base.remote.configText), config: parseImageConfig(base.remote.configText), top: cached.top, canonical: base.canonical, pulledDigest: base.remote.manifestDigest };
    }
    const vertex = await this.progress.start(`${prefix}FROM ${pinned}`);
    await this.progress.status(vertex, `resolve ${pinned}`);
    const fetched = await fetchLayers(
      this.engine,
      base.remote,
      (blob, size, started) => this.progress.status(vertex, blob, { started, current: size, total: size }),
      this.request.signal,
    );
    this.engine.buildCache.put({ key, top: fetched.top, created: this.engine.clock.now(), lastUsed: this.engine.clock.now(), description: `${prefix}FROM ${pinned}`, size: 0 }, this.engine.layers, true);
    await this.progress.done(vertex);
    return { id: fetched.id, config: fetched.config, top: fetched.top, canonical: base.canonical, pulledDigest: base.remote.manifestDigest };
  }

  private metadataStep(instruction: Instruction, state: ImageState): void {
    const history = applyMetadata(state, instruction, this.scope);
    if (history.buildkit !== undefined) this.addHistory(state, `${history.buildkit}`, true);
  }

  private addHistory(state: ImageState, createdBy: string, empty: boolean, created?: number): HistoryEntry {
    const entry: HistoryEntry = { created_by: createdBy, comment: 'buildkit.dockerfile.v0', ...(empty ? { empty_layer: true } : {}) };
    if (created !== undefined) entry.created = rfc3339Nano(created);
    else this.pendingTimes.add(entry);
    this.newEntries.add(entry);
    state.history.push(entry);
    return entry;
  }

  /** RUN, COPY, ADD, WORKDIR: from the cache when the key is there, otherwise run; either way a layer (or none) and a history entry. */
  private async filesystemStep(stage: Stage, instruction: Instruction, state: ImageState, parentKey: string, prefix: string): Promise<string> {
    const name = `${prefix}${this.triggers.has(instruction) ? 'ONBUILD ' : ''}${displayName(instruction, state)}`;
    let step: { key: unknown[]; history: string; files?: string[]; execute(layer: ReadWriteLayer, vertex: Vertex): Promise<void> };
    switch (instruction.keyword) {
      case 'RUN': {
        const argv = runArgv(instruction, state);
        step = {
          key: ['run', argv, [...state.env], state.config.WorkingDir ?? '/', state.config.User ?? ''],
          history: `RUN ${runCommandString(state, argv)} # buildkit`,
          execute: (layer, vertex) => this.run(state, argv, layer, vertex),
        };
        break;
      }
      case 'WORKDIR': {
        const path = workdirPath(instruction, state, this.scope);
        state.config.WorkingDir = path;
        if (path === '/') {
          this.addHistory(state, `WORKDIR ${path}`, true);
          return parentKey;
        }
        const user = state.config.User ?? '';
        step = {
          key: ['workdir', path, user],
          history: `WORKDIR ${path}`,
          execute: async (layer) => {
            const owner = user === '' ? { uid: 0, gid: 0 } : accountOf({ read: (p) => readTextFile(layer, p) }, user);
            makeDirectories(layer, path, { mode: 0o755, uid: owner.uid, gid: owner.gid, mtime: this.engine.clock.now() });
            await this.engine.clock.sleep(10, this.request.signal);
          },
        };
        break;
      }
      default: {
        const plan = copyPlan(instruction, state, this.scope);
        const url = urlSource(plan);
        if (url !== undefined) {
          if (instruction.keyword === 'COPY') throw new StepError("source can't be a URL for COPY");
          const vertex = await this.progress.start(name);
          await this.progress.done(vertex, { error: unreachableUrl(url) });
          throw new BuildFailure(`failed to load cache key: ${unreachableUrl(url)}`, vertex, [instruction.startLine, instruction.endLine]);
        }
        const source = await this.copySource(stage, plan.from);
        if (lacksDirectoryDestination(plan)) throw new StepError(MULTIPLE_SOURCES_ERROR);
        const mode = plan.chmod === undefined ? undefined : parseChmod(plan.chmod);
        let matched: MatchedSource[];
        try {
          matched = matchSources(source.fs, plan.sources);
        } catch (error) {
          if (!(error instanceof SourceNotFound)) throw error;
          // The step fails while its cache key is computed: it shows as started and failed at once.
          const cause = `failed to calculate checksum of ref moby::${this.engine.random.base36(25)}: ${error.message}`;
          const vertex = await this.progress.start(name);
          await this.progress.done(vertex, { error: cause });
          throw new BuildFailure(`failed to compute cache key: ${cause}`, vertex, [instruction.startLine, instruction.endLine]);
        }
        const files = sourceFingerprints(source.fs, matched);
        step = {
          key: ['copy', plan.unpack, source.key, digestOf(files.join('\n')), plan.inline, plan.dest, state.config.WorkingDir ?? '/', plan.chown ?? '', plan.chmod ?? ''],
          files,
          history: `${instruction.keyword}${plan.flagsText}${plan.sources.map((s) => ` ${s}`).join('')}${plan.inline.map((h) => ` <<${h.name}`).join('')} ${plan.dest} # buildkit`,
          execute: async (layer) => {
            const owner = plan.chown === undefined ? { uid: 0, gid: 0 } : resolveChown(layer, plan.chown);
            const options = { dest: plan.dest, workdir: state.config.WorkingDir || '/', owner, ...(mode === undefined ? {} : { mode }), unpack: plan.unpack, now: this.engine.clock.now() };
            await copyInto(layer, source.fs, matched, options);
            for (const inline of plan.inline) {
              const file = { path: `/${inline.name}`, node: { type: 'file' as const, content: { kind: 'bytes' as const, bytes: new TextEncoder().encode(inline.content) }, mode: 0o644, uid: 0, gid: 0, mtime: options.now } };
              await copyInto(layer, { get: () => file.node, has: () => true, children: () => [] }, [file], options);
            }
            const bytes = matched.reduce((sum, m) => sum + (m.node.type === 'file' && m.node.content.kind === 'bytes' ? m.node.content.bytes.length : 0), 0);
            await this.engine.clock.sleep(20 + bytes / COPY_BYTES_PER_MS, this.request.signal);
          },
        };
      }
    }
    const key = cacheKey(parentKey, ...step.key);
    const inputs: StepInputs = { createdBy: step.history, key: JSON.stringify(step.key), ...(step.files ? { files: step.files } : {}) };
    const cached = this.request.noCache ? undefined : this.engine.buildCache.get(key);
    if (cached) {
      cached.lastUsed = this.engine.clock.now();
      this.recorder.step(parentKey, name, inputs, true, cached.size);
      await this.progress.cached(name);
      this.applyLayer(state, cached, step.history);
      return key;
    }
    const vertex = await this.progress.start(name);
    const layer = new ReadWriteLayer(this.engine.layers.view(state.top));
    try {
      await step.execute(layer, vertex);
    } catch (error) {
      await this.progress.done(vertex, { error: error instanceof Error ? error.message : String(error) });
      throw error instanceof BuildFailure ? new BuildFailure(error.message, vertex, error.lines) : new BuildFailure(error instanceof Error ? error.message : String(error), vertex, [instruction.startLine, instruction.endLine]);
    }
    const record = await this.commitLayer(key, state.top, layer.changeset(), name);
    this.recorder.step(parentKey, name, inputs, false, record.size);
    this.newLayerBytes += record.size;
    await this.progress.done(vertex);
    this.applyLayer(state, record, step.history);
    return key;
  }

  /** Stores a step's changes as a layer (none when nothing changed) and records it in the cache. */
  private async commitLayer(key: string, below: Digest | undefined, changes: Changeset, description: string): Promise<CacheRecord> {
    const diffId = await LayerStore.diffIdOf(changes);
    const now = this.engine.clock.now();
    if (diffId === EMPTY_LAYER_DIFF_ID) {
      const record: CacheRecord = { key, top: below, created: now, lastUsed: now, description, size: 0 };
      this.engine.buildCache.put(record, this.engine.layers);
      return record;
    }
    const top = this.engine.layers.register([{ diffId, changeset: changes }], below);
    const record: CacheRecord = { key, top, diffId, created: now, lastUsed: now, description, size: this.engine.layers.get(top as Digest)?.size ?? 0 };
    this.engine.buildCache.put(record, this.engine.layers, true);
    return record;
  }

  /** The step's result on the stage: its layer, if any, and its history entry (an empty diff is an empty layer, as the exporter normalises it). */
  private applyLayer(state: ImageState, record: CacheRecord, history: string): void {
    state.top = record.top;
    if (record.diffId) state.diffIds.push(record.diffId);
    this.addHistory(state, history, record.diffId === undefined, record.created);
  }

  private async run(state: ImageState, argv: string[], layer: ReadWriteLayer, vertex: Vertex): Promise<void> {
    await this.engine.clock.sleep(CONTAINER_START_MS, this.request.signal);
    const outcome = await runInBuildContainer(this.engine, state, argv, {
      id: this.engine.random.hex(32),
      hostname: 'buildkitsandbox',
      log: (line) => this.progress.log(vertex, line),
      signal: this.request.signal,
      layer,
    });
    const command = argv.join(' ');
    if (outcome.startError !== undefined) throw new StepError(`process ${goQuote(command)} did not complete successfully: ${outcome.startError}`);
    if (outcome.exitCode !== 0) throw new StepError(`process ${goQuote(command)} did not complete successfully: exit code: ${outcome.exitCode}`);
  }

  /** Where COPY takes its sources: the build context, an earlier stage, or an image. */
  private async copySource(stage: Stage, from: string | undefined): Promise<{ fs: FilesystemView; key: string }> {
    if (from === undefined) {
      if (!this.contextLoaded) {
        this.contextLoaded = true;
        const vertex = await this.progress.start('[internal] load build context');
        await this.progress.status(vertex, `transferring context: ${humanSize(this.request.context.transferSize(['/']))}`);
        await this.progress.done(vertex);
      }
      return { fs: this.request.context, key: 'context' };
    }
    const source = findStage(this.stages, from);
    if (source) {
      const result = this.results.get(source);
      if (!result || source.index >= stage.index) throw new StepError(`cannot copy from stage "${from}", it needs to be defined before current stage "${this.stageName(stage)}"`);
      return { fs: this.engine.layers.view(result.state.top), key: result.key };
    }
    const { ref, canonical } = canonicalName(from);
    const local = localBase(this.engine, ref);
    if (local) return { fs: this.engine.layers.view(this.engine.topLayerOf(local)), key: local.id };
    const vertex = await this.progress.start(`[internal] load metadata for ${canonical}`);
    try {
      const remote = await remoteBase(this.engine, ref, canonical, this.request.credentials?.(ref.domain));
      await this.progress.done(vertex);
      const fetched = await this.pullBase({ remote, canonical }, '');
      return { fs: this.engine.layers.view(fetched.top), key: fetched.id };
    } catch (error) {
      if (error instanceof BaseNotFound) await this.progress.done(vertex, { error: error.message });
      throw error;
    }
  }

  private asFailure(error: unknown, instruction: Instruction): unknown {
    if (error instanceof BuildFailure) return error;
    if (error instanceof DockerfileParseError) return new BuildFailure(error.message, undefined, [error.line || instruction.startLine, error.endLine || instruction.endLine]);
    if (error instanceof StepError || error instanceof EngineError || error instanceof FilesystemError || error instanceof BaseNotFound) {
      return new BuildFailure(error.message, undefined, [instruction.startLine, instruction.endLine]);
    }
    return error;
  }

  /**
   * The target's image config. A metadata entry made in this build takes the
   * time of the layer step before it (or, at the top of a stage, the one
   * after it), so that a build found entirely in the cache gives the same
   * image, as BuildKit's does.
   */
  finalConfig(state: ImageState): string {
    const entries = state.history;
    const layerTime = (from: number, step: number): string | undefined => {
      for (let i = from; i >= 0 && i < entries.length; i += step) {
        const entry = entries[i] as HistoryEntry;
        if (!this.pendingTimes.has(entry) && this.newEntries.has(entry)) return entry.created;
      }
      return undefined;
    };
    entries.forEach((entry, index) => {
      if (this.pendingTimes.has(entry)) entry.created = layerTime(index, -1) ?? layerTime(index, 1) ?? rfc3339Nano(this.engine.clock.now());
    });
    const labels = Object.keys(this.request.labels).length > 0 ? { ...(state.config.Labels ?? {}), ...this.request.labels } : state.config.Labels;
    const created = state.history.reduce<string | undefined>((latest, entry) => (entry.created && (!latest || entry.created > latest) ? entry.created : latest), undefined);
    return imageConfigText({ ...state, config: { ...state.config, ...(labels ? { Labels: labels } : {}) } }, created);
  }
}

/**
 * Builds the Dockerfile's target with BuildKit; returns the image, stored and
 * tagged. Throws BuildFailure for everything buildx reports as
 * `ERROR: failed to solve: …`.
 */
export async function buildWithBuildKit(engine: Engine, request: BuildRequest, progress: BuildProgress): Promise<StoredImage> {
  const definition = await progress.start(`[internal] load build definition from ${request.dockerfileName}`);
  await progress.status(definition, `transferring dockerfile: ${humanSize(new TextEncoder().encode(request.dockerfileText).length)}`);
  await progress.done(definition);
  if (request.dockerfileText.length === 0) throw new BuildFailure('the Dockerfile cannot be empty');
  let dockerfile: Dockerfile;
  let target: Stage;
  let stages: Stage[];
  let globalArgs: Map<string, string>;
  try {
    dockerfile = parseDockerfile(request.dockerfileText);
    const parsed = buildStages(dockerfile);
    stages = parsed.stages;
    target = selectTarget(stages, request.target);
    globalArgs = globalArgValues(parsed.globalArgs, request.buildArgs, dockerfile.directives.escape ?? '\\');
  } catch (error) {
    if (error instanceof DockerfileParseError) throw new BuildFailure(error.message, undefined, error.line > 0 ? [error.line, error.endLine] : undefined);
    throw error;
  }
  const solver = new BuildKitSolver(engine, request, progress, dockerfile, stages, globalArgs);
  for (const warning of lintDockerfile(stages, solver.reachable(target), (stage) => solver.baseStage(stage))) await progress.warn(definition, warning);
  const result = await solver.solve(target);
  const image = await exportImage(engine, request, progress, solver.finalConfig(result.state), result.state.top, solver.newLayerBytes);
  const { steps, firstMiss } = solver.recorder;
  engine.built({ imageId: image.id, tags: request.tags.map((tag) => familiarString(tag)), builder: 'buildkit', steps, ...(firstMiss ? { firstMiss } : {}) });
  return image;
}

/** `exporting to image`: the config stored as the image, its layers referenced, the tags set. */
async function exportImage(engine: Engine, request: BuildRequest, progress: BuildProgress, configText: string, top: Digest | undefined, newBytes: number): Promise<StoredImage> {
  const vertex = await progress.start('exporting to image');
  const existed = engine.images.get(digestOf(configText)) !== undefined;
  const started = engine.clock.now();
  // Exporting writes the layers this build made: time for their bytes.
  await engine.clock.sleep(Math.round(newBytes / EXPORT_BYTES_PER_MS), request.signal);
  await progress.status(vertex, 'exporting layers', { started });
  const image = engine.images.create(configText);
  if (!existed && top) engine.layers.register([], top);
  await progress.status(vertex, `writing image ${image.id}`);
  for (const tag of request.tags) {
    engine.references.addTag(tag, image.id, true);
    engine.tagged(image.id, tag);
    await progress.status(vertex, `naming to ${referenceString(tag)}`);
  }
  await progress.done(vertex);
  return image;
}
