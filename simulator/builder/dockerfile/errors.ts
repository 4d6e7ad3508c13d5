/**
 * DockerfileParseError: what BuildKit's Dockerfile frontend reports when it
 * rejects a Dockerfile. `message` is the frontend's own text, word for word
 * (for example `dockerfile parse error on line 2: unknown instruction: RUNN`);
 * `line` and `endLine` are the 1-based source lines the error points at, so the
 * builder can render the `Dockerfile:2` block with `>>>` markers itself, as
 * buildx does from the error's location (0 when the error has no location).
 */
export class DockerfileParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly endLine: number = line,
  ) {
    super(message);
    this.name = 'DockerfileParseError';
  }
}

/**
 * An error raised while reading one instruction, before it is given a line:
 * the parser catches it and rethrows it as a DockerfileParseError with the
 * instruction's location (BuildKit's parser.WithLocation).
 */
export class InstructionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstructionError';
  }
}
