import { createSession } from './shell-session';
import type { TerminalIO } from './types';

/** The tools and shell forms learners use first: loading them once makes a learner's first use of each as quick as the next. */
const WARM_UP_LINES = [
  'x=$(echo a | cat | grep a | wc -l); for i in 1 2; do echo "$i$x" > /tmp/w; done; cat /tmp/w >> /tmp/w2',
  'ls -la / > /dev/null; find /tmp -maxdepth 1 > /dev/null; mkdir -p /tmp/d/e && rm -r /tmp/d',
  'printf "b\\na\\n" | sort | uniq -c | head -1 | tail -1 | cut -c1-3 | tr a b | sed s/b/c/ | awk "{print}" > /dev/null',
  'nosuchcommand 2>/dev/null || true',
];

const silent: TerminalIO = { columns: 80, write: async () => undefined, readLine: async () => null };

/**
 * Runs the commonest lines once in a scratch session (its own machine, so
 * nothing of the learner's is touched): the interpreter loads each tool's
 * code on first use, which would otherwise make the first `cat | grep` a
 * learner types noticeably slower than the rest. Returns how long it took.
 */
export async function warmUp(): Promise<number> {
  const started = performance.now();
  const scratch = createSession();
  for (const line of WARM_UP_LINES) await scratch.run(line, silent);
  return performance.now() - started;
}
