import { LEARNER_HOME } from '../host/directories';
import type { SessionState } from '../session/types';

/** Variables the interpreter sets for itself, which are not the learner's to carry over. */
const TRANSIENT = new Set(['?', 'OPTIND', 'SHELLOPTS', 'BASHOPTS', 'IFS', 'OSTYPE', 'MACHTYPE', 'HOSTTYPE']);

/**
 * What persists from line to line: variables, working directory, the last
 * exit status, the functions defined, and the lines typed (for `history`).
 */
export class ShellState {
  cwd: string;
  lastExitCode: number;
  env: Map<string, string>;
  readonly functions: Map<string, unknown>;
  readonly history: string[];

  constructor(saved?: Partial<SessionState>, defaults: Record<string, string> = hostEnvironment()) {
    this.cwd = saved?.cwd ?? defaults.PWD ?? LEARNER_HOME;
    this.lastExitCode = saved?.lastExitCode ?? 0;
    this.env = new Map(Object.entries(saved?.env ?? defaults));
    this.functions = new Map(Object.entries(saved?.functions ?? {}));
    this.history = [...(saved?.history ?? [])];
  }

  get home(): string {
    return this.env.get('HOME') ?? LEARNER_HOME;
  }

  remember(line: string, limit: number): void {
    this.history.push(line);
    if (this.history.length > limit) this.history.splice(0, this.history.length - limit);
  }

  /** Takes over what a command line left behind. */
  adopt(env: Record<string, string>, functions: ReadonlyMap<string, unknown>, status: number): void {
    this.env = new Map(Object.entries(env).filter(([name]) => !TRANSIENT.has(name)));
    this.cwd = env.PWD ?? this.cwd;
    for (const [name, source] of functions) this.functions.set(name, source);
    this.lastExitCode = status;
  }

  save(): SessionState {
    return { cwd: this.cwd, env: Object.fromEntries(this.env), lastExitCode: this.lastExitCode, functions: Object.fromEntries(this.functions), history: [...this.history] };
  }
}

/** The learner's login environment on the host. */
export function hostEnvironment(): Record<string, string> {
  return {
    HOME: LEARNER_HOME,
    HOSTNAME: 'layerlab',
    LANG: 'C.UTF-8',
    LOGNAME: 'learner',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    PWD: LEARNER_HOME,
    SHELL: '/bin/bash',
    SHLVL: '1',
    TERM: 'xterm-256color',
    USER: 'learner',
  };
}
