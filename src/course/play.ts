/**
 * Plays command lines into a session as a learner types them: each line runs
 * at the prompt, and a command that reads input (a container's shell, a
 * password prompt) takes the following lines, as the page's Run buttons and
 * the sim CLI's pipe do. After each line typed at the host's prompt,
 * `afterLine` sees the session, as the page's checkpoints do.
 */
import { recordingTerminal, type Session } from '../../simulator';

export interface Played {
  output: string;
  /** The exit status of each line run at the host's prompt. */
  statuses: number[];
}

export async function playLines(session: Session, lines: readonly string[], afterLine: (line: string) => Promise<void> = async () => undefined): Promise<Played> {
  const queue = [...lines];
  const { terminal, output } = recordingTerminal(() => queue.shift() ?? null);
  const statuses: number[] = [];
  for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
    await terminal.write(`$ ${line}\n`);
    statuses.push(await session.run(line, terminal));
    await afterLine(line);
  }
  return { output: output(), statuses };
}
