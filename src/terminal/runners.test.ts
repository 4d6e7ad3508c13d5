import { describe, expect, it } from 'vitest';
import { currentRunner, nextRunner, registerRunner, type TerminalRunner } from './runners';

function fakeRunner(): TerminalRunner {
  return { busy: false, typeLines: () => Promise.resolve(), focus: () => undefined };
}

describe('terminal runners', () => {
  it('hands a runner to those who asked before it was mounted', async () => {
    const waited = nextRunner('page:/early/');
    const runner = fakeRunner();
    registerRunner('page:/early/', runner);
    await expect(waited).resolves.toBe(runner);
    expect(currentRunner('page:/early/')).toBe(runner);
  });

  it('unregisters only its own registration', () => {
    const first = fakeRunner();
    const second = fakeRunner();
    const unregisterFirst = registerRunner('page:/again/', first);
    const unregisterSecond = registerRunner('page:/again/', second);
    unregisterFirst();
    expect(currentRunner('page:/again/')).toBe(second);
    unregisterSecond();
    expect(currentRunner('page:/again/')).toBeUndefined();
  });
});
