import { resolvePath } from '../../host/paths';
import type { Command } from '../command';
import { completePath } from '../complete-path';

/** cd [dir]: change the working directory, with bash's `~`, `-` and error messages. */
export const cd: Command = {
  name: 'cd',
  summary: 'change the shell working directory',
  async run({ argv, stdout, stderr, shell, directories }) {
    const args = argv.slice(1);
    if (args.length > 1) {
      await stderr.write('bash: cd: too many arguments\n');
      return 1;
    }
    let target = args[0] ?? shell.home;
    if (target === '-') {
      const previous = shell.env.get('OLDPWD');
      if (!previous) {
        await stderr.write('bash: cd: OLDPWD not set\n');
        return 1;
      }
      target = previous;
      await stdout.write(`${previous}\n`);
    }
    const path = resolvePath(shell.cwd, target, shell.home);
    if (!directories.isDirectory(path)) {
      await stderr.write(`bash: cd: ${target}: No such file or directory\n`);
      return 1;
    }
    shell.chdir(path);
    return 0;
  },
  complete: (_words, partial, context) => completePath(partial, context, true),
};
