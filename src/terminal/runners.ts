/**
 * What a page's terminal lets the rest of the page do with it: type lines
 * into it as the learner would. A tiny registry, apart from mount.ts, so the
 * lesson's code blocks can reach the terminal without loading xterm or the
 * engine themselves (ES modules are instances per page, as in page-session.ts).
 */
export interface TerminalRunner {
  /** True while a command holds the terminal without reading a line: typed lines then wait for it. */
  readonly busy: boolean;
  /** Types each line and presses Enter, one after another; resolves once the last one is entered. */
  typeLines(lines: readonly string[]): Promise<void>;
  focus(): void;
}

const runners = new Map<string, TerminalRunner>();
const waiting = new Map<string, Array<(runner: TerminalRunner) => void>>();

/** Registers the terminal of page key `key`; returns the function that unregisters it. */
export function registerRunner(key: string, runner: TerminalRunner): () => void {
  runners.set(key, runner);
  const waiters = waiting.get(key) ?? [];
  waiting.delete(key);
  for (const resolve of waiters) resolve(runner);
  return () => {
    // A terminal mounted again under the same key since then keeps its own registration.
    if (runners.get(key) === runner) runners.delete(key);
  };
}

export function currentRunner(key: string): TerminalRunner | undefined {
  return runners.get(key);
}

/** The terminal of `key`, once it is mounted (islands mount when the browser is idle). */
export function nextRunner(key: string): Promise<TerminalRunner> {
  const runner = runners.get(key);
  if (runner) return Promise.resolve(runner);
  return new Promise((resolve) => {
    const waiters = waiting.get(key) ?? [];
    waiters.push(resolve);
    waiting.set(key, waiters);
  });
}
