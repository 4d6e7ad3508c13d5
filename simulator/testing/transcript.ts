import { ManualClock } from '../session/clock';
import { createSession, type SessionOptions } from '../session/shell-session';
import type { ReadOptions, Session, TerminalIO } from '../session/types';

/** A terminal for tests: records everything written, answers reads from a queue of typed lines. */
export class RecordingTerminal implements TerminalIO {
  output = '';
  readonly prompts: string[] = [];

  constructor(
    private readonly typed: Array<string | null> = [],
    readonly columns = 80,
    /** Whether the output counts as a terminal (Docker then draws progress and colours); transcripts run without one. */
    readonly tty = false,
  ) {}

  async write(data: string): Promise<void> {
    this.output += data;
  }

  /** Typed answers are shown after their prompt, except a secret's: with echo off the terminal shows nothing of it. */
  async readLine(prompt: string, options?: ReadOptions): Promise<string | null> {
    this.prompts.push(prompt);
    this.output += prompt;
    const line = this.typed.shift() ?? null;
    if (line !== null && options?.echo !== false) this.output += `${line}\n`;
    return line;
  }
}

/** When test sessions start: after every catalog image was made, so their ages read naturally. */
export const TEST_START = Date.UTC(2026, 11, 1, 12, 0, 0);

/** A session on a clock fixed at {@link TEST_START}, for deterministic transcripts. */
export function testSession(options: SessionOptions = {}): Session {
  return createSession({ clock: new ManualClock(TEST_START), ...options });
}

/** Runs `line` and returns what the terminal showed and the exit status; `terminal` makes the output a TTY of that width. */
export async function runLine(
  session: Session,
  line: string,
  typed: Array<string | null> = [],
  terminal?: { columns: number },
): Promise<{ output: string; status: number }> {
  const recording = new RecordingTerminal(typed, terminal?.columns ?? 80, terminal !== undefined);
  const status = await session.run(line, recording);
  return { output: recording.output, status };
}
