import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { openPageSession } from '../session/page-session';
// The terminal's Reset button reaches the session through this module, which its island loads anyway.
export { resetPageSession } from '../session/page-session';
import { TerminalController } from './controller';
import { KeyPolicy } from './key-policy';
import { registerRunner } from './runners';
import { currentSiteTheme, TERMINAL_THEMES } from './themes';
import { loadHistory, saveHistory } from './storage';

export interface MountOptions {
  storageKey: string;
  screenReaderMode: boolean;
  onReady(): void;
  /** Called when the saved session could not be restored, with what to tell the learner. */
  onNotice?(text: string): void;
}

export interface MountedTerminal {
  setScreenReaderMode(enabled: boolean): void;
  dispose(): void;
}

/** What the terminal's wrapper exposes to tests and tools: the text of xterm's buffer, scrollback included. */
export interface TerminalHostElement extends HTMLElement {
  layerlabTerminal?: { text(): string; paste(data: string): void; readonly busy?: boolean };
}

function exposeBuffer(element: TerminalHostElement, terminal: Terminal): void {
  element.layerlabTerminal = {
    text() {
      const buffer = terminal.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n').replace(/\n+$/, '');
    },
    paste: (data) => terminal.paste(data),
  };
}

/** How long the session may take to open before the screen says it is being prepared. */
const PREPARING_NOTICE_MS = 400;

/**
 * Puts an xterm.js terminal into `element` and wires it to a session in a Web
 * Worker. The only place that touches both xterm and the engine. Resolves
 * once the page's session exists (restored or set up), so the first prompt
 * is the session's own.
 */
export async function mountTerminal(element: HTMLElement, options: MountOptions): Promise<MountedTerminal> {
  const terminal = new Terminal({
    convertEol: true,
    cursorBlink: true,
    fontFamily: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    screenReaderMode: options.screenReaderMode,
    theme: TERMINAL_THEMES[currentSiteTheme()],
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(element);
  fit.fit();
  // The screen is there (and readable by tests) while the session is restored or set up.
  exposeBuffer(element, terminal);
  // Keys typed meanwhile are type-ahead, given to the controller once it exists.
  let typedEarly = '';
  const early = terminal.onData((data) => (typedEarly += data));

  // A lesson's first visit builds its starting state (pulls, builds) before the first prompt: say so if it takes a while.
  const preparing = setTimeout(() => terminal.write('\x1b[2mPreparing this lesson\'s machine…\x1b[0m'), PREPARING_NOTICE_MS);
  const opened = await openPageSession(options.storageKey).finally(() => clearTimeout(preparing));
  // Erase the notice (if it was written) so the screen starts with the session's own prompt.
  terminal.write('\r\x1b[2K');
  early.dispose();
  const { session, notice } = opened;
  // Said once: a terminal mounted again after a reset has nothing to report.
  opened.notice = undefined;
  if (notice) options.onNotice?.(notice);

  const controller = new TerminalController(
    { get cols() { return terminal.cols; }, write: (data) => new Promise((resolve) => terminal.write(data, resolve)) },
    session,
    { history: loadHistory(options.storageKey), onHistoryChange: (entries) => saveHistory(options.storageKey, entries) },
  );

  const keys = new KeyPolicy();
  terminal.attachCustomKeyEventHandler((event) => {
    const route = keys.route(event, terminal.hasSelection());
    if (route === 'copy') {
      event.preventDefault();
      void navigator.clipboard?.writeText(terminal.getSelection()).catch(() => undefined);
      terminal.clearSelection();
    }
    return route === 'terminal';
  });

  // Tests type a lesson's lines one by one, each once the terminal takes a line (as the Run buttons do).
  Object.defineProperty((element as TerminalHostElement).layerlabTerminal ?? {}, 'busy', { get: () => controller.busy, configurable: true });
  if (typedEarly) controller.input(typedEarly);
  const disposables = [
    terminal.onData((data) => controller.input(data)),
    terminal.onResize(({ cols }) => controller.resize(cols)),
  ];
  const resizeObserver = new ResizeObserver(() => fit.fit());
  resizeObserver.observe(element);
  const themeObserver = new MutationObserver(() => {
    terminal.options.theme = TERMINAL_THEMES[currentSiteTheme()];
  });
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  // The lesson's runnable code blocks type into this terminal through the registry.
  const unregisterRunner = registerRunner(options.storageKey, {
    get busy() {
      return controller.busy;
    },
    typeLines: (lines) => controller.typeLines(lines),
    focus: () => terminal.focus(),
  });
  void controller.start().then(() => options.onReady());

  return {
    setScreenReaderMode(enabled) {
      terminal.options.screenReaderMode = enabled;
    },
    dispose() {
      unregisterRunner();
      resizeObserver.disconnect();
      themeObserver.disconnect();
      disposables.forEach((disposable) => disposable.dispose());
      terminal.dispose();
    },
  };
}
