/** Time as the engine sees it: injected so that tests and transcripts are deterministic. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with {@link Interrupted} as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /**
   * Lets simulated time pass without waiting: the moments between a learner's
   * commands. A real clock needs nothing (real time passes by itself).
   */
  elapse?(ms: number): void;
}

/** Raised inside a command when the learner interrupts it (Ctrl-C). */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** Rejects with {@link Interrupted} when `signal` aborts before `promise` settles. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Interrupted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The wall clock, for the browser and the `sim` CLI. Each sleep removes its abort listener when it ends, so a long pull does not pile them up. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(new Interrupted());
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new Interrupted());
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock that only moves when told to, or when a command sleeps: sleeping
 * advances it instantly. Tests and golden transcripts use it.
 */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  elapse(ms: number): void {
    this.advance(ms);
  }

  /** Continues from a saved time. */
  set(ms: number): void {
    this.current = ms;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(new Interrupted());
    this.current += ms;
    return Promise.resolve();
  }
}
