import type { CommandContext, ProcessResult } from '../../shell/command';

/** Writes what a nested run left over (its output for a pipe) and returns its status; 126 when nothing could run it. */
export async function relay(context: CommandContext, result: ProcessResult | undefined): Promise<number> {
  if (!result) return 126;
  if (result.stdout) await context.stdout.write(result.stdout);
  if (result.stderr) await context.stderr.write(result.stderr);
  return result.exitCode;
}
