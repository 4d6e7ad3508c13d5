/** Names a shell implements itself: a container's shell never looks them up in PATH. */
export const SHELL_BUILTINS: ReadonlySet<string> = new Set([
  ':', '.', '[', 'alias', 'bg', 'break', 'builtin', 'cd', 'command', 'continue', 'declare', 'dirs', 'echo', 'eval', 'exec', 'exit',
  'export', 'false', 'fg', 'getopts', 'hash', 'jobs', 'kill', 'let', 'local', 'mapfile', 'popd', 'printf', 'pushd', 'pwd', 'read',
  'readarray', 'readonly', 'return', 'set', 'shift', 'shopt', 'source', 'test', 'times', 'trap', 'true', 'type', 'typeset',
  'ulimit', 'umask', 'unalias', 'unset', 'wait',
]);
