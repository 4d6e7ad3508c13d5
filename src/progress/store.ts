/**
 * The learner's progress in this browser (localStorage): read with recovery,
 * written after every change, and announced so that every part of the page
 * (and other tabs, through the storage event) shows the same thing.
 */
import { emptyProgress, PROGRESS_VERSION, progressSchema, type Progress } from './schema';

export const PROGRESS_KEY = 'layerlab:progress';
/** Where an unreadable value is kept, so that recovering never destroys the only copy. */
export const UNREADABLE_KEY = 'layerlab:progress:unreadable';
export const PROGRESS_CHANGED = 'layerlab:progress-changed';

export interface LoadedProgress {
  progress: Progress;
  /** Said to the learner when what was stored could not be used as it was. */
  notice?: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Storage disabled (a privacy setting): progress lives as long as the page.
    return undefined;
  }
}

/** Reads stored progress; anything unusable is set aside and replaced by an empty progress, with a notice. */
export function readStoredProgress(text: string | null): LoadedProgress {
  if (text === null) return { progress: emptyProgress() };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { progress: emptyProgress(), notice: 'Your saved progress could not be read (it was damaged), so it was reset. A copy of the old data was kept in this browser.' };
  }
  const parsed = progressSchema.safeParse(json);
  if (parsed.success) return { progress: parsed.data };
  const version = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).version : undefined;
  const why = typeof version === 'number' && version !== PROGRESS_VERSION ? `it was saved by a ${version > PROGRESS_VERSION ? 'newer' : 'older'} version of Layerlab` : 'it was damaged';
  return { progress: emptyProgress(), notice: `Your saved progress could not be read (${why}), so it was reset. A copy of the old data was kept in this browser.` };
}

let memory: Progress | undefined;

export function loadProgress(storage: Storage | undefined = browserStorage()): LoadedProgress {
  let text: string | null = null;
  try {
    text = storage?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    // Unreadable storage: as if nothing were stored.
  }
  if (text === null && memory) return { progress: memory };
  const loaded = readStoredProgress(text);
  if (loaded.notice && text !== null) {
    try {
      storage?.setItem(UNREADABLE_KEY, text);
      storage?.setItem(PROGRESS_KEY, JSON.stringify(loaded.progress));
    } catch {
      // Full or disabled storage: the notice still tells the learner.
    }
  }
  return loaded;
}

export function saveProgress(progress: Progress, storage: Storage | undefined = browserStorage()): void {
  memory = progress;
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Full or disabled storage: kept in memory for this page.
  }
  globalThis.dispatchEvent?.(new CustomEvent(PROGRESS_CHANGED));
}

/** Applies `change` to the stored progress and saves the result. */
export function updateProgress(change: (progress: Progress) => Progress): Progress {
  const next = change(loadProgress().progress);
  saveProgress(next);
  return next;
}

/** Calls `listener` when the progress changes, here or in another tab. */
export function onProgressChange(listener: () => void): () => void {
  const onStorage = (event: StorageEvent): void => {
    if (event.key === PROGRESS_KEY) listener();
  };
  globalThis.addEventListener(PROGRESS_CHANGED, listener);
  globalThis.addEventListener('storage', onStorage);
  return () => {
    globalThis.removeEventListener(PROGRESS_CHANGED, listener);
    globalThis.removeEventListener('storage', onStorage);
  };
}
