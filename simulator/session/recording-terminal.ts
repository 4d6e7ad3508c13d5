import type { ReadOptions, TerminalIO } from './types';

/**
 * A terminal that records everything a command line shows — its output, the
 * prompts it reads at, and the answers typed at them (a hidden one stays
 * hidden) — with `reply` typing those answers: nothing (end of input) for a
 * quiz question's command, the next scripted line when a lesson is played.
 */
export function recordingTerminal(reply: (prompt: string) => string | null): { terminal: TerminalIO; output: () => string } {
  let output = '';
  const terminal: TerminalIO = {
    columns: 80,
    write: async (data) => {
      output += data;
    },
    readLine: async (prompt: string, options?: ReadOptions) => {
      output += prompt;
      const typed = reply(prompt);
      if (typed !== null && options?.echo !== false) output += `${typed}\n`;
      return typed;
    },
  };
  return { terminal, output: () => output };
}
