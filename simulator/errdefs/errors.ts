/**
 * Errors the daemon returns, with Docker's exact message and a kind (moby's
 * errdefs marker interfaces). The CLI prints them after
 * `Error response from daemon: `, as docker/cli's client does.
 */
export type ErrorKind = 'notFound' | 'conflict' | 'invalidParameter' | 'forbidden' | 'unauthorized' | 'system';

export class EngineError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export const notFound = (message: string): EngineError => new EngineError('notFound', message);
export const conflict = (message: string): EngineError => new EngineError('conflict', message);
export const invalidParameter = (message: string): EngineError => new EngineError('invalidParameter', message);
