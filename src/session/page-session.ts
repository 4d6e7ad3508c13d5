import { SupervisedSession, type WorkerHandle } from '../../simulator/remote/supervised-session';
import { RemoteSession } from '../../simulator/remote/client';
import type { SessionSnapshot, TerminalIO } from '../../simulator/session/types';
import { lessonSetupSchema, type LessonSetup } from '../lesson-schema';
import { lineLogOf } from './line-log';
import { forgetSession, loadSession, loadSessionSetup, readSavedSession, saveSession } from './saved-session';
import { setupLines } from './setup-lines';

/**
 * One engine session per page key, shared by everything on the page that
 * shows it: the terminal types into it, the views read it. ES modules are
 * instances per page, so the islands that import this get the same session.
 * It starts from the session saved for the key (IndexedDB), else from the
 * lesson's setup, and is saved again after every command line.
 */
export interface PageSession {
  session: SupervisedSession;
  /** Said to the learner once, when a saved session had to be discarded. */
  notice: string | undefined;
}

const sessions = new Map<string, Promise<PageSession>>();
/** Bumped by a reset, so that a save begun before it cannot write the old session back. */
const generations = new Map<string, number>();
const saveTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** Saving waits for a pause between lines: a lesson's Run button may type several in a row. */
const SAVE_DELAY_MS = 300;

function spawnWorker(): WorkerHandle {
  const worker = new Worker(new URL('../terminal/session.worker.ts', import.meta.url), { type: 'module', name: 'layerlab-session' });
  return { endpoint: worker, terminate: () => worker.terminate() };
}

/** The setup's JSON as the page declares it for `key` (the lesson page writes it), '' for none: also what a saved session records. */
function declaredSetupText(key: string): string {
  for (const element of document.querySelectorAll<HTMLScriptElement>('script[data-session-setup]')) {
    if (element.dataset.sessionSetup === key) return element.textContent ?? '';
  }
  return '';
}

function declaredSetup(key: string): LessonSetup | undefined {
  const text = declaredSetupText(key);
  if (text === '') return undefined;
  const parsed = lessonSetupSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

const silent: TerminalIO = { columns: 80, tty: false, write: () => Promise.resolve(), readLine: () => Promise.resolve(null) };

/**
 * The session a lesson starts from, made in a scratch worker: the setup's
 * lines never reach the terminal, the views' "what happened" or `history`.
 */
async function setupSnapshot(setup: LessonSetup | undefined): Promise<SessionSnapshot | undefined> {
  const lines = setup ? setupLines(setup) : [];
  if (lines.length === 0) return undefined;
  const worker = spawnWorker();
  try {
    const scratch = new RemoteSession(worker.endpoint);
    for (const line of lines) {
      const status = await scratch.run(line, silent);
      if (status !== 0) console.warn(`layerlab: the lesson's setup line \`${line}\` exited with ${status}`);
    }
    const snapshot = await scratch.snapshot();
    return { ...snapshot, shell: { ...snapshot.shell, history: [] } };
  } finally {
    worker.terminate();
  }
}

async function startingPoint(key: string): Promise<{ snapshot: SessionSnapshot | undefined; notice: string | undefined; saved?: boolean }> {
  let stored: unknown;
  try {
    stored = await loadSession(key);
  } catch {
    // No storage: start from the setup, as on a first visit.
  }
  if (stored !== undefined) {
    // A lesson whose starting point changed since (new files, other commands) starts again from the new one.
    const setup = await loadSessionSetup(key).catch(() => undefined);
    if (setup !== undefined && setup !== declaredSetupText(key)) {
      void forgetSession(key).catch(() => undefined);
      return { snapshot: await setupSnapshot(declaredSetup(key)), notice: 'This lesson has changed since you last worked on it, so it starts again from its new beginning.' };
    }
    const saved = readSavedSession(stored);
    if (saved.ok) return { snapshot: saved.snapshot, notice: undefined, saved: true };
    void forgetSession(key).catch(() => undefined);
    return { snapshot: await setupSnapshot(declaredSetup(key)), notice: `Your saved session could not be restored (${saved.problem}), so it starts again from the beginning.` };
  }
  return { snapshot: await setupSnapshot(declaredSetup(key)), notice: undefined };
}

function saveAfterLines(key: string, session: SupervisedSession): void {
  session.onLineFinished(() => {
    clearTimeout(saveTimers.get(key));
    saveTimers.set(
      key,
      setTimeout(() => {
        const generation = generations.get(key) ?? 0;
        void session
          .snapshot()
          .then((snapshot) => ((generations.get(key) ?? 0) === generation ? saveSession(key, snapshot, declaredSetupText(key)) : undefined))
          .catch(() => undefined);
      }, SAVE_DELAY_MS),
    );
  });
}

export function openPageSession(key: string): Promise<PageSession> {
  let opened = sessions.get(key);
  if (!opened) {
    opened = startingPoint(key).then(async ({ snapshot, notice, saved }) => {
      const session = new SupervisedSession(spawnWorker, snapshot ? { snapshot } : {});
      let message = notice;
      // A saved session whose outer shape was right but whose insides the engine cannot take leaves a worker
      // that never answers: rather than a terminal that never starts, start again from the setup, and say so.
      if (saved && !(await answers(session))) {
        await forgetSession(key).catch(() => undefined);
        session.restart(await setupSnapshot(declaredSetup(key)));
        message = 'Your saved session could not be restored (the engine could not start from it), so it starts again from the beginning.';
      }
      // Which line caused which events is only said as lines end: keep it from the start.
      lineLogOf(session);
      saveAfterLines(key, session);
      return { session, notice: message };
    });
    sessions.set(key, opened);
  }
  return opened;
}

/** How long a session restored from storage has to answer before it counts as broken. */
const RESTORE_ANSWER_MS = 8_000;

/** Whether the session answers at all (its prompt) in reasonable time. */
function answers(session: SupervisedSession): Promise<boolean> {
  return Promise.race([
    session.prompt().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), RESTORE_ANSWER_MS)),
  ]);
}

export async function pageSession(key: string): Promise<SupervisedSession> {
  return (await openPageSession(key)).session;
}

/** "Reset lesson": forgets the saved session and starts again from the setup, in the same session object. */
export async function resetPageSession(key: string): Promise<void> {
  const { session } = await openPageSession(key);
  clearTimeout(saveTimers.get(key));
  generations.set(key, (generations.get(key) ?? 0) + 1);
  await forgetSession(key).catch(() => undefined);
  session.restart(await setupSnapshot(declaredSetup(key)));
  globalThis.dispatchEvent(new CustomEvent(SESSION_RESET, { detail: key }));
}

/** Dispatched on the page (detail: the session key) once a reset has put the session back to its setup. */
export const SESSION_RESET = 'layerlab:session-reset';
