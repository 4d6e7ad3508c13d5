import { pageTerminalKey } from './page-key';
import { currentRunner, nextRunner } from './runners';

/**
 * Wires the Run and Copy buttons of a lesson's runnable code blocks (the
 * markup comes from src/markdown/runnable-code.ts). One delegated listener,
 * and only the tiny runner registry: xterm and the engine stay with the
 * terminal island, which loads them when the browser is idle.
 */

const STATUS_MS = 3000;
const clearTimers = new WeakMap<HTMLElement, number>();

/** Shows `message` next to the buttons; its role="status" announces it to screen readers. */
function say(block: HTMLElement, message: string, clearAfter = false): void {
  const status = block.querySelector<HTMLElement>('[data-runnable-status]');
  if (!status) return;
  window.clearTimeout(clearTimers.get(block));
  status.textContent = message;
  if (clearAfter) clearTimers.set(block, window.setTimeout(() => (status.textContent = ''), STATUS_MS));
}

async function run(block: HTMLElement, lines: readonly string[]): Promise<void> {
  if (!document.querySelector('[data-terminal]')) {
    say(block, 'This page has no terminal: copy the command instead.', true);
    return;
  }
  const key = pageTerminalKey(location.pathname);
  let runner = currentRunner(key);
  if (!runner) {
    say(block, 'Starting the terminal…');
    runner = await nextRunner(key);
  }
  // Focus first, so Ctrl-C reaches a command the lines are waiting for.
  runner.focus();
  if (runner.busy) say(block, 'Waiting for the running command to finish…');
  await runner.typeLines(lines);
  say(block, 'Sent to the terminal', true);
}

async function copy(block: HTMLElement, text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    say(block, 'Copied', true);
  } catch {
    // No clipboard API (insecure page, denied permission): select the code for the learner's own copy.
    const code = block.querySelector('pre');
    if (code) window.getSelection()?.selectAllChildren(code);
    say(block, 'Selected: press Ctrl+C to copy', true);
  }
}

document.addEventListener('click', (event) => {
  if (!(event.target instanceof Element)) return;
  const button = event.target.closest<HTMLButtonElement>('[data-runnable] button[data-action]');
  const block = button?.closest<HTMLElement>('[data-runnable]');
  if (!button || !block) return;
  const command = block.dataset.command ?? '';
  if (button.dataset.action === 'run') void run(block, command.split('\n'));
  else void copy(block, command);
});
