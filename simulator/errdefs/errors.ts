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

/**
 * An error the daemon reports inside a progress stream that had started (a
 * push's `denied: …`): the CLI prints its text as it is, without the
 * `Error response from daemon: ` of an error response.
 */
export class StreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamError';
  }
}
