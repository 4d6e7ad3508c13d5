import { describe, expect, it } from 'vitest';
import { passCheckpoint } from './record';
import { emptyProgress } from './schema';
import { loadProgress, PROGRESS_KEY, readStoredProgress, saveProgress, UNREADABLE_KEY } from './store';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('stored progress', () => {
  it('reads back what was saved', () => {
    const storage = memoryStorage();
    const progress = passCheckpoint(emptyProgress(), 'intro', 'pull', new Date('2026-11-24T09:00:00Z'));
    saveProgress(progress, storage);
    expect(loadProgress(storage)).toEqual({ progress });
  });

  it('starts empty, without a notice, when nothing is stored', () => {
    expect(readStoredProgress(null)).toEqual({ progress: emptyProgress() });
  });

  it.each([
    ['damaged JSON', '{"version":1,"less', /it was damaged/],
    ['a wrong shape', '{"version":1,"lessons":{"intro":{"checkpoints":3}}}', /it was damaged/],
    ['an older version', '{"version":0,"done":["intro"]}', /older version of Layerlab/],
    ['a newer version', '{"version":2,"lessons":{}}', /newer version of Layerlab/],
  ])('recovers from %s with a notice, keeping the old value aside', (_what, stored, why) => {
    const storage = memoryStorage({ [PROGRESS_KEY]: stored });
    const loaded = loadProgress(storage);
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.notice).toMatch(why);
    expect(loaded.notice).toMatch(/so it was reset/);
    expect(storage.items.get(UNREADABLE_KEY)).toBe(stored);
    // The next read is clean: the notice is said once.
    expect(loadProgress(storage)).toEqual({ progress: emptyProgress() });
  });
});
