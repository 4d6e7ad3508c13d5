import type { SessionSnapshot } from '../../simulator/session/types';

/**
 * The page sessions saved in IndexedDB, one record per page key, holding what
 * `Session.snapshot()` returned. Storage may be missing or refuse (private
 * mode, quota): the session then simply lasts as long as the page.
 */
const DB_NAME = 'layerlab';
const STORE = 'sessions';

/** A saved value that can be restored, or why it cannot. */
export type SavedSession = { ok: true; snapshot: SessionSnapshot } | { ok: false; problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a stored value before a worker is started from it: the engine
 * rejects a malformed snapshot by throwing in the worker, where nobody would
 * see it, so what it checks (and that files and engine are there) is checked
 * here, in the page.
 */
export function readSavedSession(value: unknown): SavedSession {
  if (!isRecord(value)) return { ok: false, problem: 'it is not a saved session' };
  if (value.version !== 1) return { ok: false, problem: `it was saved by another version of Layerlab (format ${JSON.stringify(value.version) ?? 'unknown'})` };
  const shell = value.shell;
  if (!isRecord(shell) || typeof shell.cwd !== 'string' || !isRecord(shell.env) || typeof shell.lastExitCode !== 'number') {
    return { ok: false, problem: 'its shell state is damaged' };
  }
  // The files are a list of changes (serializeChangeset), the engine a record of its stores.
  if (!Array.isArray(value.host) || !isRecord(value.engine)) return { ok: false, problem: 'its files or images are missing' };
  if (value.time !== undefined && typeof value.time !== 'number') return { ok: false, problem: 'its clock is damaged' };
  return { ok: true, snapshot: value as unknown as SessionSnapshot };
}

let database: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  database ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB would not open'));
  });
  // A failed open is not remembered: the next call tries again.
  database.catch(() => (database = undefined));
  return database;
}

/** One request in its own transaction, as a promise. */
async function request<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const pending = make(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(pending.result);
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });
}

export function loadSession(key: string): Promise<unknown> {
  return request('readonly', (store) => store.get(key));
}

/** Where the setup a saved session started from is kept: beside it, so the snapshot's own format is untouched. */
const setupKey = (key: string): string => `${key}#setup`;

/** Saves the session with the setup it started from (the lesson's setup as its page declares it; '' for none). */
export async function saveSession(key: string, snapshot: SessionSnapshot, setup: string): Promise<void> {
  await request('readwrite', (store) => store.put(snapshot, key));
  await request('readwrite', (store) => store.put(setup, setupKey(key)));
}

/** The setup the saved session started from; undefined when unknown (saved before it was recorded). */
export async function loadSessionSetup(key: string): Promise<string | undefined> {
  const setup = await request('readonly', (store) => store.get(setupKey(key)));
  return typeof setup === 'string' ? setup : undefined;
}

export async function forgetSession(key: string): Promise<void> {
  await request('readwrite', (store) => store.delete(key));
  await request('readwrite', (store) => store.delete(setupKey(key)));
}
