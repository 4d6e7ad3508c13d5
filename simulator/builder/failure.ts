/**
 * A failed BuildKit build, and how buildx reports it: the failing step's
 * last log lines in a `------` box, the Dockerfile excerpt with `>>>` on the
 * lines at fault (buildkit solver/errdefs Source.Print), then
 * `ERROR: failed to solve: <cause>`.
 */
import type { Vertex } from './progress';

export class BuildFailure extends Error {
  constructor(
    message: string,
    /** The step that failed, for the log box. */
    readonly vertex?: Vertex,
    /** The Dockerfile lines at fault (1-based, inclusive). */
    readonly lines?: readonly [number, number],
  ) {
    super(message);
    this.name = 'BuildFailure';
  }
}

/** A step's own error (a bad port, a bad --chmod, a failed RUN): the builder reports it at the step's line. */
export class StepError extends Error {
  override readonly name = 'StepError';
}

/** Source.Print: two lines of context around a multi-line range, four around a single line, within the file. */
export function dockerfileExcerpt(text: string, filename: string, [first, last]: readonly [number, number]): string {
  const lines = text.split('\n');
  if (first < 1 || first > lines.length) return '';
  let start = first;
  let end = Math.min(last, lines.length);
  const pad = end === start ? 4 : 2;
  for (let p = 0; p < pad; ) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== lines.length) {
      end++;
      p++;
    }
    p++;
  }
  let out = `${filename}:${first}\n--------------------\n`;
  for (let i = start; i <= end; i++) {
    const marker = i >= first && i <= last ? '>>>' : '   ';
    out += ` ${String(i).padStart(3)} | ${marker} ${lines[i - 1] ?? ''}\n`;
  }
  return `${out}--------------------\n`;
}

/** The failing step's box, which the progress printer adds at the end of its display. */
export function failureBox(failure: BuildFailure): string {
  if (!failure.vertex) return '';
  let out = `------\n > ${failure.vertex.name}:\n`;
  for (const { time, text } of failure.vertex.logs.slice(-10)) out += `${((time - failure.vertex.started) / 1000).toFixed(3)} ${text}\n`;
  return `${out}------\n`;
}

/** What buildx prints of the error itself: the Dockerfile excerpt, then `ERROR: failed to solve: …`. */
export function failureSummary(failure: BuildFailure, dockerfile: { text: string; filename: string } | undefined): string {
  const excerpt = dockerfile && failure.lines ? dockerfileExcerpt(dockerfile.text, dockerfile.filename, failure.lines) : '';
  return `${excerpt}ERROR: failed to solve: ${failure.message}\n`;
}
