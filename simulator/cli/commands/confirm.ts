import type { CommandContext } from '../../shell/command';

/**
 * docker/cli's prompt.Confirm: prints the warning, asks
 * `Are you sure you want to continue? [y/N] ` and reads one line; only `y`
 * or `Y` (spaces around it ignored) confirms. A refusal, or the end of input,
 * is a cancellation, which the CLI ends silently with status 0: image prune
 * returns `cancelledErr{errors.New("image prune has been cancelled")}`
 * (container, system and builder prune alike), and cmd/docker/docker.go's
 * main exits 0 without printing an error for which errdefs.IsCancelled holds
 * (docker/cli v28 cli/command/image/prune.go, cmd/docker/docker.go). The
 * "… has been cancelled" text is never shown.
 */
export async function confirm(context: CommandContext, warning: string): Promise<boolean> {
  await context.stdout.write(`${warning}\n`);
  const answer = await context.readLine('Are you sure you want to continue? [y/N] ');
  return answer !== null && answer.trim().toLowerCase() === 'y';
}

/** docker/cli's opts.FilterOpt.Set, the check of every `--filter` flag. */
export function validateFilterFlag(value: string): string | undefined {
  return value.includes('=') ? undefined : 'bad format of filter (expected name=value)';
}
