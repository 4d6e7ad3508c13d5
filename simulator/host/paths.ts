/** POSIX path helpers for the simulated machine (paths are always absolute and '/'-separated). */

/** Resolves `path` against `cwd`, expanding a leading `~` to `home`, and folds `.`, `..` and repeated slashes. */
export function resolvePath(cwd: string, path: string, home: string): string {
  return normalizePath(cwd, path === '~' || path.startsWith('~/') ? home + path.slice(1) : path);
}

/** `path` against `cwd`, with `.`, `..` and repeated slashes folded (what the kernel makes of a path, before symlinks). */
export function normalizePath(cwd: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Shows `path` with the home directory abbreviated to `~`, as bash's `\w` does. */
export function tildePath(path: string, home: string): string {
  if (path === home) return '~';
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
