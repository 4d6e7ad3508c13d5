import { LEARNER_UID } from '../../host/filesystem';
import { resolvePath } from '../../host/paths';
import type { CommandContext } from '../../shell/command';
import { reportError } from '../errors';

/**
 * Where `docker save` and `docker export` put their tar: the -o file, as
 * docker/cli does — a terminal is refused, and the output path is checked
 * (command.ValidateOutputPath) before the daemon is asked. The simulated
 * CLI's stdout carries text, so there is no streaming to a pipe.
 */
export async function writeArchiveOutput(context: CommandContext, output: string | undefined, failure: string, archive: () => Promise<Uint8Array>): Promise<number> {
  if (output === undefined || output === '') {
    await context.stderr.write('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
    return 1;
  }
  const path = resolvePath(context.shell.cwd, output, context.shell.home);
  const { host } = context;
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  if (!host.isDirectory(parent)) {
    await context.stderr.write(`${failure}: invalid output path: directory "${parent}" does not exist\n`);
    return 1;
  }
  try {
    const tar = await archive();
    host.writeFile(path, { kind: 'bytes', bytes: tar }, { mode: 0o600, uid: LEARNER_UID, gid: LEARNER_UID, mtime: context.engine.clock.now() });
    return 0;
  } catch (error) {
    return reportError(context, error);
  }
}
