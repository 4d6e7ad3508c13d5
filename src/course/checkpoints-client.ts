/**
 * A lesson page's checkpoints, live: each is checked against the engine's
 * state (session.check, in the worker) when the session is ready, after
 * every command line and after any other change of the engine (the Hub page,
 * a background container exiting),
 * and turns `passed` the moment its checks hold. A pass is kept in the
 * learner's progress, so it stays passed on reload; "Reset lesson" clears
 * the lesson's passes, as its state starts again.
 */
import type { Check } from '../../simulator/checkpoints/types';
import type { SupervisedSession } from '../../simulator/remote/supervised-session';
import { downloadFile } from '../lib/download';
import { passCheckpoint, resetCheckpoints, startLesson } from '../progress/record';
import { loadProgress, updateProgress } from '../progress/store';
import { pageSession, SESSION_RESET } from '../session/page-session';

/** How long the engine's events must pause before the checkpoints are checked for them. */
const EVENTS_SETTLE_MS = 250;

interface PageCheckpoint {
  id: string;
  element: HTMLElement;
  checks: Check[];
}

function readCheckpoints(root: ParentNode): PageCheckpoint[] {
  return [...root.querySelectorAll<HTMLElement>('[data-checkpoint]')].map((element) => ({
    id: element.dataset.checkpoint ?? '',
    element,
    // Written by Checkpoint.astro from the validated frontmatter.
    checks: JSON.parse(element.querySelector('[data-checkpoint-checks]')?.textContent ?? '[]') as Check[],
  }));
}

function show(checkpoint: PageCheckpoint, passed: boolean, detail: string): void {
  const { element } = checkpoint;
  element.dataset.status = passed ? 'passed' : 'pending';
  const state = element.querySelector('[data-checkpoint-state]');
  if (state) state.textContent = passed ? 'Passed' : 'Pending';
  const text = element.querySelector('[data-checkpoint-detail]');
  if (text) text.textContent = detail;
}

/**
 * Re-checks the pending checkpoints; calls that come while one runs are
 * folded into one more run after it. The page says how many command lines
 * have finished (`data-lines-finished`) and up to which one the state has
 * been checked (`data-lines-checked`), so tests know when a check followed
 * their command.
 */
function checker(root: HTMLElement, session: SupervisedSession, lessonId: string, checkpoints: readonly PageCheckpoint[]): { recheck: () => void; lineFinished: () => void } {
  let running = false;
  let again = false;
  let finished = 0;
  const run = async (): Promise<void> => {
    running = true;
    do {
      again = false;
      const upTo = finished;
      // All pending checkpoints' checks in one request to the worker, then split back per checkpoint.
      const pending = checkpoints.filter((checkpoint) => checkpoint.element.dataset.status !== 'passed');
      let results;
      try {
        results = await session.check(pending.flatMap((checkpoint) => checkpoint.checks));
      } catch {
        // A worker being replaced: the next line's check will tell.
        continue;
      }
      let offset = 0;
      for (const checkpoint of pending) {
        const own = results.slice(offset, (offset += checkpoint.checks.length));
        const passed = own.every((result) => result.passed);
        const said = (passed ? own : own.filter((result) => !result.passed)).map((result) => result.explanation).join('; ');
        show(checkpoint, passed, passed ? `Passed: ${said}.` : `Not yet: ${said}.`);
        if (passed) updateProgress((progress) => passCheckpoint(progress, lessonId, checkpoint.id, new Date()));
      }
      root.dataset.linesChecked = String(upTo);
    } while (again);
    running = false;
  };
  const recheck = (): void => {
    if (running) again = true;
    else void run();
  };
  return {
    recheck,
    lineFinished() {
      finished++;
      root.dataset.linesFinished = String(finished);
      recheck();
    },
  };
}

/** Reveals a checkpoint's hints one at a time. */
function wireHints(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('[data-hint-next]') : null;
    if (!button) return;
    const hints = [...(button.closest('[data-hints]')?.querySelectorAll<HTMLElement>('[data-hint]') ?? [])];
    const next = hints.find((hint) => hint.hidden);
    if (next) next.hidden = false;
    const shown = hints.filter((hint) => !hint.hidden).length;
    if (shown >= hints.length) button.hidden = true;
    else button.textContent = `Show another hint (${shown + 1} of ${hints.length})`;
  });
}

/** "Show solution" asks first, then shows the commands with their Run buttons. */
function wireSolution(root: HTMLElement): void {
  const solution = root.querySelector<HTMLElement>('[data-solution]');
  if (!solution) return;
  const show = solution.querySelector<HTMLButtonElement>('[data-solution-show]');
  const confirm = solution.querySelector<HTMLElement>('[data-solution-confirm]');
  const body = solution.querySelector<HTMLElement>('[data-solution-body]');
  if (!show || !confirm || !body) return;
  show.addEventListener('click', () => {
    confirm.hidden = false;
    show.setAttribute('aria-expanded', 'true');
    confirm.querySelector<HTMLButtonElement>('[data-solution-yes]')?.focus();
  });
  confirm.querySelector('[data-solution-no]')?.addEventListener('click', () => {
    confirm.hidden = true;
    show.setAttribute('aria-expanded', 'false');
    show.focus();
  });
  confirm.querySelector('[data-solution-yes]')?.addEventListener('click', () => {
    confirm.hidden = true;
    show.hidden = true;
    body.hidden = false;
    body.querySelector<HTMLButtonElement>('button')?.focus();
  });
}

/** "Download session": the page's engine session as a file that `sim --state FILE --check <id>` grades. */
function wireDownload(root: HTMLElement, lessonId: string, storageKey: string): void {
  const button = root.querySelector<HTMLButtonElement>('[data-download-session]');
  button?.addEventListener('click', async () => {
    const snapshot = await (await pageSession(storageKey)).snapshot();
    downloadFile(`layerlab-session-${lessonId}.json`, [JSON.stringify(snapshot)], 'application/json');
  });
}

/** Wires a lesson page: the lesson counts as started, hints and the solution work, checkpoints follow the engine. */
export async function startLessonPage(root: HTMLElement, lessonId: string, storageKey: string): Promise<void> {
  updateProgress((progress) => startLesson(progress, lessonId, new Date()));
  wireHints(root);
  wireSolution(root);
  wireDownload(root, lessonId, storageKey);
  const checkpoints = readCheckpoints(root);
  const passedBefore = loadProgress().progress.lessons[lessonId]?.checkpoints ?? {};
  for (const checkpoint of checkpoints) {
    if (passedBefore[checkpoint.id] !== undefined) show(checkpoint, true, 'Passed earlier: your progress is kept in this browser.');
  }
  if (checkpoints.length === 0) return;
  const session = await pageSession(storageKey);
  const { recheck, lineFinished } = checker(root, session, lessonId, checkpoints);
  session.onLineFinished(lineFinished);
  // The engine also changes between lines: the Hub page (an account, a token, a repository's visibility), a
  // background container exiting. Checked once the events pause, so a pull's many events make one check.
  let settling: ReturnType<typeof setTimeout> | undefined;
  session.subscribe(() => {
    clearTimeout(settling);
    settling = setTimeout(recheck, EVENTS_SETTLE_MS);
  });
  globalThis.addEventListener(SESSION_RESET, (event) => {
    if ((event as CustomEvent<string>).detail !== storageKey) return;
    updateProgress((progress) => resetCheckpoints(progress, lessonId));
    for (const checkpoint of checkpoints) show(checkpoint, false, "Checked against the engine's state after every command you run.");
    recheck();
  });
  recheck();
}
