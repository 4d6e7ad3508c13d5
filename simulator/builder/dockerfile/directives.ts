/**
 * Parser directives (BuildKit's frontend/dockerfile/parser/directives.go):
 * `# syntax=…`, `# escape=…` and `# check=…` on the first lines, before any
 * instruction, blank line or other comment. Names are case-insensitive, each may
 * appear once, and the first line that is not a directive ends the search.
 */
import { InstructionError } from './errors';
import { trimLeftSpace } from './text';

export interface Directives {
  /** `# syntax=` as written, e.g. `docker/dockerfile:1`. */
  syntax?: string;
  /** The escape token: `\` (the default) or a backtick. */
  escape: string;
  /** `# check=` as written, e.g. `skip=JSONArgsRecommended;error=true`. */
  check?: string;
}

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const VALID = new Set(['syntax', 'escape', 'check']);

/** DirectiveParser: fed the physical lines in order until it says it is done. */
export class DirectiveParser {
  private done = false;
  private readonly seen = new Set<string>();
  readonly directives: Directives = { escape: '\\' };

  /** One line (newline removed, leading whitespace already trimmed by the caller when BuildKit does). */
  parseLine(line: string): void {
    if (this.done) return;
    if (!line.startsWith('#')) {
      this.done = true;
      return;
    }
    const match = DIRECTIVE.exec(trimLeftSpace(line.slice(1)));
    const key = match?.[1]?.toLowerCase();
    const value = match?.[2];
    if (key === undefined || value === undefined || !VALID.has(key)) {
      this.done = true;
      return;
    }
    if (this.seen.has(key)) throw new InstructionError(`only one ${key} parser directive can be used`);
    this.seen.add(key);
    if (key === 'escape') {
      if (value !== '`' && value !== '\\') throw new InstructionError(`invalid escape token '${value}' does not match \` or \\`);
      this.directives.escape = value;
    } else if (key === 'syntax') {
      this.directives.syntax = value;
    } else {
      this.directives.check = value;
    }
  }
}
