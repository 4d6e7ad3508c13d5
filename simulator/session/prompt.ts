import { tildePath } from '../host/paths';
import type { ShellState } from '../shell/state';

/** Debian's colour prompt: `\[\e[01;32m\]\u@\h\[\e[00m\]:\[\e[01;34m\]\w\[\e[00m\]\$ `. */
export function bashPrompt(shell: ShellState): string {
  const user = shell.env.get('USER') ?? 'learner';
  const host = shell.env.get('HOSTNAME') ?? 'layerlab';
  const sigil = user === 'root' ? '#' : '$';
  return `\x1b[01;32m${user}@${host}\x1b[00m:\x1b[01;34m${tildePath(shell.cwd, shell.home)}\x1b[00m${sigil} `;
}
