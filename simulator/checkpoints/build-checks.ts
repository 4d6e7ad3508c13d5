/**
 * Checks of the session's last `docker build`: the engine's record of it
 * (`engine.lastBuild`: the steps the builder took from the cache or ran, and
 * the first that ran with why), the same data as its `image.built` event.
 * BuildKit's steps are its filesystem steps, numbered as its progress lines
 * (`[2/4] COPY …`); the legacy builder's are every instruction after FROM,
 * numbered as its `Step 3/5 : COPY …` lines. The
 * record is part of the engine's state and of a saved session, so these
 * checks answer alike after a reload, in a replaced worker and in
 * `tryCommand`'s copy. A build that failed or was interrupted leaves the one
 * before it as the last build; before any build, these checks say so.
 */
import type { BuiltStep } from '../daemon/events';
import { fail, findImage, pass, shortId, type CheckContext } from './context';
import type { Check, CheckResult, StepSelector } from './types';

type BuildCheck = Extract<Check, { kind: 'buildStepCached' | 'buildFirstMiss' | 'lastBuildUsed' }>;

const BUILDER_WORDS = { buildkit: 'BuildKit', legacy: 'the legacy builder (DOCKER_BUILDKIT=0)' } as const;

export function evaluateBuildCheck(context: CheckContext, check: BuildCheck): CheckResult {
  const build = context.engine.lastBuild;
  if (!build) return fail('no image has been built in this session yet');
  if (check.kind === 'lastBuildUsed') {
    const found = `the last build used ${BUILDER_WORDS[build.builder]} and made image ${shortId(build.imageId)}`;
    if (build.builder !== check.builder) return fail(found);
    if (check.image === undefined) return pass(found);
    const image = findImage(context.engine, check.image);
    return image?.id === build.imageId ? pass(`${found}, ${check.image}`) : fail(`${found}, which is not ${check.image}`);
  }
  if (check.kind === 'buildFirstMiss') {
    const missed = build.firstMiss ? build.steps[build.firstMiss.step] : undefined;
    if (!missed) return check.step === null ? pass('every step of the last build came from the cache') : fail(`every step of the last build came from the cache; expected step ${check.step} to run`);
    const found = `the first step of the last build that ran (not cached) was ${missed.name}`;
    return stepNumber(missed) === check.step ? pass(found) : fail(check.step === null ? `${found}; expected every step from the cache` : `${found}, not step ${check.step}`);
  }
  const step = build.steps.find((candidate) => selects(check, candidate));
  if (!step) return fail(`the last build had no step ${selectorWords(check)}`);
  const found = step.cached ? `the last build took ${step.name} from the cache` : `the last build ran ${step.name} (not from the cache)`;
  return step.cached === check.cached ? pass(found) : fail(found);
}

/** N of a progress line's `[N/M]` (or `[stage N/M]`), or of the legacy builder's `Step N/M :`. */
function stepNumber(step: BuiltStep): number | undefined {
  const match = /^\[(?:\S+ )?(\d+)\/\d+\]/.exec(step.name) ?? /^Step (\d+)\/\d+ : /.exec(step.name);
  return match ? Number(match[1]) : undefined;
}

function selects(selector: StepSelector, step: BuiltStep): boolean {
  return (selector.step === undefined || stepNumber(step) === selector.step) && (selector.instruction === undefined || step.name.includes(selector.instruction));
}

function selectorWords(selector: StepSelector): string {
  return [selector.step === undefined ? '' : String(selector.step), selector.instruction === undefined ? '' : `with ${JSON.stringify(selector.instruction)}`].filter((part) => part !== '').join(' ');
}
