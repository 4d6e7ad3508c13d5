import type { CommandContext } from '../../shell/command';
import { SIGNALS } from '../process';

/**
 * Waits as a server in the foreground waits: until one of the signals it
 * handles arrives (resolves with it; Ctrl-C in the terminal counts as
 * SIGINT), or until it is killed (resolves undefined).
 */
export function untilSignalled(context: CommandContext, handled: readonly number[]): Promise<number | undefined> {
  return new Promise<number | undefined>((resolve) => {
    const signals = context.signals;
    if (!signals) return;
    for (const signal of handled) signals.on(signal, () => resolve(signal));
    signals.signal.addEventListener('abort', () => resolve(undefined), { once: true });
    context.signal.addEventListener('abort', () => resolve(SIGNALS.SIGINT), { once: true });
  });
}
