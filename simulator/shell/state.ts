import { LEARNER_HOME } from '../host/directories';
import type { SessionState } from '../session/types';

/** The shell's variables, working directory and last exit status, which persist from line to line. */
export class ShellState {
  cwd: string;
  lastExitCode: number;
  readonly env: Map<string, string>;

  constructor(saved?: SessionState) {
    this.cwd = saved?.cwd ?? LEARNER_HOME;
    this.lastExitCode = saved?.lastExitCode ?? 0;
    this.env = new Map(Object.entries(saved?.env ?? defaultEnvironment()));
  }

  get home(): string {
    return this.env.get('HOME') ?? LEARNER_HOME;
  }

  /** Changes directory, keeping PWD and OLDPWD as bash does. */
  chdir(path: string): void {
    this.env.set('OLDPWD', this.cwd);
    this.cwd = path;
    this.env.set('PWD', path);
  }

  /** The value of `$name`; `$?` is the last exit status, unset variables are empty. */
  lookup(name: string): string {
    return name === '?' ? String(this.lastExitCode) : this.env.get(name) ?? '';
  }

  save(): SessionState {
    return { cwd: this.cwd, env: Object.fromEntries(this.env), lastExitCode: this.lastExitCode };
  }
}

function defaultEnvironment(): Record<string, string> {
  return {
    HOME: LEARNER_HOME,
    HOSTNAME: 'layerlab',
    LANG: 'C.UTF-8',
    LOGNAME: 'learner',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    PWD: LEARNER_HOME,
    SHELL: '/bin/bash',
    TERM: 'xterm-256color',
    USER: 'learner',
  };
}
