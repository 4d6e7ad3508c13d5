import { describe, expect, it } from 'vitest';
import { Interrupted, systemClock } from './clock';

describe('systemClock.sleep', () => {
  it('leaves no abort listener behind when a sleep ends, however many sleeps share a signal', async () => {
    let listeners = 0;
    const signal = {
      aborted: false,
      addEventListener: () => void listeners++,
      removeEventListener: () => void listeners--,
    } as unknown as AbortSignal;
    for (let i = 0; i < 20; i++) await systemClock.sleep(1, signal);
    expect(listeners).toBe(0);
  });

  it('stops at once with Interrupted when the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(Interrupted);
  });
});
