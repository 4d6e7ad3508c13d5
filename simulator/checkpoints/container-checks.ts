/** Checks of containers: one exists in a state, its writable layer holds a change. */
import type { Container } from '../container/container';
import { normalizePath } from '../host/paths';
import { fail, findImage, pass, type CheckContext } from './context';
import type { Check, CheckResult, PathChangeKind } from './types';

type ContainerCheck = Extract<Check, { kind: 'containerExists' | 'containerChanged' }>;

const CHANGE_KINDS: Record<'A' | 'C' | 'D', PathChangeKind> = { A: 'added', C: 'changed', D: 'deleted' };

export function evaluateContainerCheck(context: CheckContext, check: ContainerCheck): CheckResult {
  const { found, described } = candidates(context, check);
  if (found.length === 0) return fail(`there is no ${described} yet`);
  if (check.kind === 'containerExists') {
    const state = check.state ?? 'any';
    const matching = found.find((container) => state === 'any' || container.state.status === state);
    if (matching) return pass(`${nameOf(matching, check)} is ${matching.state.status}`);
    return fail(`${found.map((container) => `${nameOf(container, check)} is ${container.state.status}`).join(', ')}, not ${state}`);
  }
  const path = normalizePath('/', check.path);
  const wanted = check.change === undefined ? 'changed (added, changed or deleted)' : check.change;
  for (const container of found) {
    const change = container.layer.diff().find((entry) => entry.path === path);
    const kind = change ? CHANGE_KINDS[change.kind] : undefined;
    if (kind && (check.change === undefined || kind === check.change)) return pass(`${nameOf(container, check)}'s writable layer has ${path} ${kind}`);
  }
  return fail(`no writable layer of a ${described} has ${path} ${wanted}`);
}

/** The containers a check is about: the one named, or those of an image; and how to speak of them. */
function candidates(context: CheckContext, check: ContainerCheck): { found: Container[]; described: string } {
  const { engine } = context;
  const byImage = (list: Container[]): Container[] => {
    if (check.image === undefined) return list;
    const image = findImage(engine, check.image);
    return image ? list.filter((container) => container.image === image.id) : [];
  };
  if (check.container !== undefined) {
    let container: Container | undefined;
    try {
      container = engine.containers.find(check.container);
    } catch {
      // An ambiguous ID prefix names no one container.
      container = undefined;
    }
    return { found: byImage(container ? [container] : []), described: `container ${check.container}${check.image === undefined ? '' : ` from image ${check.image}`}` };
  }
  return { found: byImage(engine.containers.list()), described: `container from image ${check.image ?? ''}` };
}

function nameOf(container: Container, check: ContainerCheck): string {
  return check.container === undefined ? `container ${container.name} (from ${check.image ?? container.imageName})` : `container ${check.container}`;
}
