/** The parts of a KeyboardEvent the policy looks at. */
export interface KeyInfo {
  type: string;
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * Who handles a key pressed in the terminal:
 * - 'terminal': xterm turns it into input for the shell (the default);
 * - 'browser': xterm ignores it, so the browser does its usual thing (Tab
 *   after Escape moves focus out of the terminal; Ctrl+V pastes);
 * - 'copy': copy the selected text instead of sending Ctrl-C, as terminal
 *   emulators do when something is selected (Ctrl+Shift+C always copies).
 */
export type KeyRoute = 'terminal' | 'browser' | 'copy';

export class KeyPolicy {
  private escapePressed = false;

  route(event: KeyInfo, hasSelection: boolean): KeyRoute {
    if (event.type !== 'keydown') return 'terminal';
    const afterEscape = this.escapePressed;
    this.escapePressed = event.key === 'Escape';
    if (event.key === 'Tab' && afterEscape) return 'browser';
    const command = event.ctrlKey || event.metaKey;
    const letter = event.key.toLowerCase();
    if (command && letter === 'c' && (hasSelection || event.shiftKey)) return 'copy';
    if (command && letter === 'v') return 'browser';
    return 'terminal';
  }
}
