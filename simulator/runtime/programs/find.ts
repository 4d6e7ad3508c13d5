import type { Command } from '../../shell/command';

/**
 * find, with GNU's `-quit` (stop at the first match) and `-follow`, which
 * the interpreter's find lacks and the nginx image's entrypoint uses: the
 * rest runs as the interpreter's find.
 */
export const find: Command = {
  name: 'find',
  summary: 'search for files in a directory hierarchy',
  async run(context) {
    const args = context.argv.slice(1);
    const quit = args.includes('-quit');
    // -follow only matters for symbolic links to directories, which the images' entrypoint directories do not have.
    const result = await context.userland?.runTool(['find', ...args.filter((arg) => arg !== '-quit' && arg !== '-follow')]);
    if (!result) return 126;
    const stdout = quit ? result.stdout.split('\n', 1)[0] + (result.stdout.includes('\n') ? '\n' : '') : result.stdout;
    if (stdout) await context.stdout.write(stdout);
    if (result.stderr) await context.stderr.write(result.stderr);
    return result.exitCode;
  },
};
