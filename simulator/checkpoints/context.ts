import type { Engine } from '../daemon/engine';
import type { StoredImage } from '../image/store';
import { getImage } from '../images/get';
import type { CommandContext } from '../shell/command';
import type { CheckResult } from './types';

/** What checks read: the engine, and the learner's machine (its files, and the shell's home and environment for ~/.docker). */
export interface CheckContext extends Pick<CommandContext, 'shell' | 'host'> {
  engine: Engine;
}

export const pass = (explanation: string): CheckResult => ({ passed: true, explanation });
export const fail = (explanation: string): CheckResult => ({ passed: false, explanation });

/** The image `name` names, as `docker run` would find it; undefined when there is none (or the name is malformed). */
export function findImage(engine: Engine, name: string): StoredImage | undefined {
  try {
    return getImage(engine, name);
  } catch {
    return undefined;
  }
}

/** An image ID as `docker images` shows it (12 hex digits). */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
