import { resolvePath } from '../host/paths';
import type { CompletionCandidate } from '../session/types';
import type { CompletionContext } from './command';

/**
 * Completes `partial` as a path, as bash does: directories end in '/', hidden
 * entries only when asked for with a leading dot; `directoriesOnly` for
 * commands such as cd.
 */
export function completePath(partial: string, { shell, directories }: CompletionContext, directoriesOnly = false): CompletionCandidate[] {
  const slash = partial.lastIndexOf('/');
  const dirPart = partial.slice(0, slash + 1);
  const namePart = partial.slice(slash + 1);
  const base = resolvePath(shell.cwd, dirPart || '.', shell.home);
  if (!directories.isDirectory(base)) return [];
  return directories
    .children(base)
    .filter((name) => name.startsWith(namePart) && (namePart.startsWith('.') || !name.startsWith('.')))
    .map((name) => ({ name, isDirectory: directories.isDirectory(resolvePath(base, name, shell.home)) }))
    .filter((entry) => entry.isDirectory || !directoriesOnly)
    .map(({ name, isDirectory }) => ({ value: `${dirPart}${name}${isDirectory ? '/' : ''}`, display: `${name}${isDirectory ? '/' : ''}` }));
}
