import type { CommandContext } from '../shell/command';

/** Everything on standard input up to its end (a pipe's contents, or lines typed until Ctrl-D), newline-terminated. */
export async function readStandardInput(context: CommandContext): Promise<string> {
  const lines: string[] = [];
  for (let line = await context.readLine(''); line !== null; line = await context.readLine('')) lines.push(line);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
