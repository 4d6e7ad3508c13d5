/**
 * Why a build step missed the cache. The cache key is a hash — it says that
 * something changed, not what — so the engine also remembers, for each state
 * a step ran on, what the steps run on it were made of (their instruction,
 * their whole key, and for COPY/ADD one fingerprint per copied file). A miss
 * is then explained by comparing with what an earlier build did at the same
 * point. Kept in memory only: a restored session explains less, never wrongly.
 */
import type { BuiltStep, CacheMissReason } from '../daemon/events';

/** What one filesystem step depends on, as its cache key was computed from it. */
export interface StepInputs {
  /** The history text the step leaves (`RUN npm ci # buildkit`). */
  createdBy: string;
  /** The parts of the cache key, as JSON: equal keys mean the very same step. */
  key: string;
  /** COPY and ADD: `path\0type\0mode\0content` per copied path (see sourceFingerprints). */
  files?: readonly string[];
}

/** How many different steps are remembered per state: enough for a learner switching between a few Dockerfile versions. */
const REMEMBERED_PER_STATE = 8;

/** The steps earlier builds ran on each state (by the state's cache key), most recent first. */
export class StepMemory {
  private readonly byParent = new Map<string, StepInputs[]>();

  remember(parentKey: string, inputs: StepInputs): void {
    const earlier = (this.byParent.get(parentKey) ?? []).filter((step) => step.key !== inputs.key);
    this.byParent.set(parentKey, [inputs, ...earlier].slice(0, REMEMBERED_PER_STATE));
  }

  earlier(parentKey: string): readonly StepInputs[] {
    return this.byParent.get(parentKey) ?? [];
  }
}

/** Why a step on `parentKey` with `inputs` is not in the cache, from what earlier builds ran there. */
export function explainMiss(earlier: readonly StepInputs[], inputs: StepInputs, noCache: boolean): CacheMissReason {
  if (noCache) return { kind: 'no-cache' };
  if (earlier.length === 0) return { kind: 'new-step' };
  if (earlier.some((step) => step.key === inputs.key)) return { kind: 'not-in-cache' };
  const instruction = instructionText(inputs.createdBy);
  const same = earlier.find((step) => step.createdBy === inputs.createdBy);
  if (!same) return { kind: 'instruction-changed', before: instructionText((earlier[0] as StepInputs).createdBy), after: instruction };
  const files = fileChanges(same.files ?? [], inputs.files ?? []);
  if (files.changed.length + files.added.length + files.removed.length > 0) return { kind: 'files-changed', instruction, ...files };
  return { kind: 'environment-changed', instruction };
}

/** The instruction as written, without BuildKit's history marker. */
function instructionText(createdBy: string): string {
  return createdBy.replace(/ # buildkit$/, '');
}

function fileChanges(before: readonly string[], after: readonly string[]): { changed: string[]; added: string[]; removed: string[] } {
  const byPath = (lines: readonly string[]): Map<string, string> => new Map(lines.map((line) => [line.slice(0, line.indexOf('\0')), line]));
  const old = byPath(before);
  const now = byPath(after);
  const changed: string[] = [];
  const added: string[] = [];
  for (const [path, line] of now) {
    const previous = old.get(path);
    if (previous === undefined) added.push(path);
    else if (previous !== line) changed.push(path);
  }
  const removed = [...old.keys()].filter((path) => !now.has(path));
  return { changed, added, removed };
}

/** The steps of one build as they run, and the first miss with its reason. */
export class BuildRecorder {
  readonly steps: BuiltStep[] = [];
  firstMiss: { step: number; name: string; reason: CacheMissReason } | undefined;

  constructor(
    private readonly memory: StepMemory,
    private readonly noCache: boolean,
  ) {}

  /** Records a step found in the cache (`cached`) or just run, on the state `parentKey`. */
  step(parentKey: string, name: string, inputs: StepInputs, cached: boolean, size: number): void {
    if (!cached && !this.firstMiss) this.firstMiss = { step: this.steps.length, name, reason: explainMiss(this.memory.earlier(parentKey), inputs, this.noCache) };
    this.memory.remember(parentKey, inputs);
    this.steps.push({ name, createdBy: inputs.createdBy, cached, size });
  }
}
