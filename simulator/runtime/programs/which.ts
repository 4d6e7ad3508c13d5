import type { Command } from '../../shell/command';
import { DEFAULT_PATH, resolveCommand } from '../identify';
import { LayerFileSystem } from '../../userland/filesystem';

/** which NAME…: where PATH finds each command in the container's files; exit 1 when one is missing. */
export const which: Command = {
  name: 'which',
  summary: 'locate a command',
  async run(context) {
    const fs = new LayerFileSystem(context.host, context.clock, { uid: 0, gid: 0 });
    let status = 0;
    for (const name of context.argv.slice(1).filter((arg) => !arg.startsWith('-'))) {
      const found = resolveCommand(fs, name, context.shell.env.get('PATH') ?? DEFAULT_PATH, context.shell.cwd);
      if (found.kind === 'not-found' || found.kind === 'not-executable' || found.kind === 'directory') status = 1;
      else await context.stdout.write(`${found.path}\n`);
    }
    return status;
  },
};
