import { SupervisedSession, type WorkerHandle } from '../../simulator/remote/supervised-session';
import { lineLogOf } from './line-log';

/**
 * One engine session per page key, shared by everything on the page that
 * shows it: the terminal types into it, the views read it. ES modules are
 * instances per page, so the islands that import this get the same session.
 */
const sessions = new Map<string, SupervisedSession>();

function spawnWorker(): WorkerHandle {
  const worker = new Worker(new URL('../terminal/session.worker.ts', import.meta.url), { type: 'module', name: 'layerlab-session' });
  return { endpoint: worker, terminate: () => worker.terminate() };
}

export function pageSession(key: string): SupervisedSession {
  let session = sessions.get(key);
  if (!session) {
    session = new SupervisedSession(spawnWorker);
    sessions.set(key, session);
    // Which line caused which events is only said as lines end: keep it from the start.
    lineLogOf(session);
  }
  return session;
}
