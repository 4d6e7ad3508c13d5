/** Evaluates checks against the engine and the learner's machine: read-only, synchronous, from the state alone. */
import { evaluateBuildCheck } from './build-checks';
import { evaluateContainerCheck } from './container-checks';
import type { CheckContext } from './context';
import { evaluateHomeFile } from './home-file';
import { evaluateDanglingImages, evaluateImageCheck } from './image-checks';
import { evaluateLoggedIn, evaluateRepositoryHasTag, evaluateRepositoryTagsMatch } from './registry-checks';
import type { Check, CheckResult } from './types';

export type { CheckContext } from './context';

export function evaluateCheck(context: CheckContext, check: Check): CheckResult {
  switch (check.kind) {
    case 'imageExists':
    case 'imageHasTag':
    case 'imageLayers':
    case 'imageHasFile':
    case 'imageSizeBelow':
    case 'imageRunsAsNonRoot':
    case 'imageHasShell':
      return evaluateImageCheck(context, check);
    case 'containerExists':
    case 'containerChanged':
      return evaluateContainerCheck(context, check);
    case 'loggedIn':
      return evaluateLoggedIn(context, check);
    case 'repositoryHasTag':
      return evaluateRepositoryHasTag(context, check);
    case 'repositoryTagsMatch':
      return evaluateRepositoryTagsMatch(context, check);
    case 'buildStepCached':
    case 'buildFirstMiss':
    case 'lastBuildUsed':
      return evaluateBuildCheck(context, check);
    case 'homeFile':
      return evaluateHomeFile(context, check);
    case 'danglingImages':
      return evaluateDanglingImages(context, check);
    case 'all':
    case 'any': {
      const results = check.checks.map((inner) => evaluateCheck(context, inner));
      const passed = check.kind === 'all' ? results.every((result) => result.passed) : results.some((result) => result.passed);
      return { passed, explanation: results.map((result) => result.explanation).join(check.kind === 'all' ? '; ' : ' / ') };
    }
    case 'not': {
      const inner = evaluateCheck(context, check.check);
      return { passed: !inner.passed, explanation: inner.explanation };
    }
  }
}

/** Evaluates each check; a check that cannot be evaluated fails with the reason rather than failing them all. */
export function evaluateChecks(context: CheckContext, checks: readonly Check[]): CheckResult[] {
  return checks.map((check) => {
    try {
      return evaluateCheck(context, check);
    } catch (error) {
      return { passed: false, explanation: `could not check: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
}
