import type { CommandContext, ProcessResult } from '../../shell/command';

/**
 * BusyBox applets that word a file they cannot open differently from GNU
 * coreutils, whose wording the interpreter's tools print. Only these: the
 * others print `applet: FILE: strerror` as coreutils does, because they open
 * with libbb's fopen_or_warn_stdin(), which is bb_simple_perror_msg(path)
 * (head, wc, cut, grep, sed keep the tools' wording).
 *
 * - cat: bb_cat() opens with open_or_warn_stdin() → open3_or_warn(), which is
 *   `bb_perror_msg("can't open '%s'", pathname)` (libbb/xfuncs_printf.c);
 *   it goes on with the next file and exits 1.
 * - tail: also open_or_warn_stdin() for every file, then
 *   `bb_error_msg_and_die("no files")` when none could be opened
 *   (coreutils/tail.c); exit status 1.
 * - sort: xfopen_stdin() → xfopen(), `bb_perror_msg_and_die("can't open '%s'")`
 *   at the first file it cannot open ("coreutils 6.9 compat: abort on first
 *   open error"), so nothing is sorted or printed; exit status 1.
 */
export const BUSYBOX_REWORDED: ReadonlySet<string> = new Set(['cat', 'tail', 'sort']);

/** Runs the interpreter's tool for `applet` and passes on what it printed in BusyBox's words. */
export async function runBusyboxApplet(context: CommandContext, applet: string, args: readonly string[]): Promise<number> {
  const raw = await context.userland?.runTool([applet, ...args], { keep: busyboxKeeps(applet, args) });
  if (!raw) return 126;
  const result = inBusyboxWords(applet, args, raw);
  // tail opens every file before it prints any: its complaints come first.
  const streams = applet === 'tail' ? [[context.stderr, result.stderr], [context.stdout, result.stdout]] as const : [[context.stdout, result.stdout], [context.stderr, result.stderr]] as const;
  for (const [stream, text] of streams) if (text) await stream.write(text);
  return result.exitCode;
}

/**
 * Which of the tool's streams {@link inBusyboxWords} needs back to reword:
 * standard error always; tail's output too (its headers go by the files it
 * could open), unless it follows a file and must stream.
 */
export function busyboxKeeps(applet: string, args: readonly string[]): { stdout: boolean; stderr: boolean } {
  const follows = args.some((arg) => /^-[a-zA-Z]*[fF]/.test(arg) || arg === '--follow' || arg.startsWith('--follow='));
  return { stdout: applet === 'tail' && !follows, stderr: true };
}

export function inBusyboxWords(applet: string, args: readonly string[], result: ProcessResult): ProcessResult {
  switch (applet) {
    case 'cat':
      return { ...result, stderr: cantOpen(applet, result.stderr) };
    case 'tail': {
      const stderr = cantOpen(applet, result.stderr);
      const files = tailOperands(args);
      const failed = stderr.split('\n').filter((line) => line.startsWith(`${applet}: can't open '`)).length;
      if (failed === 0) return { ...result, stderr };
      if (failed === files) return { stdout: '', stderr: `${stderr}tail: no files\n`, exitCode: 1 };
      // Headers go by the files it opened (`nfiles > header_threshhold`, 1 without -v): one left, no header.
      const stdout = files - failed === 1 && !args.includes('-v') ? result.stdout.replace(/^==> .* <==\n/, '') : result.stdout;
      return { stdout, stderr, exitCode: 1 };
    }
    case 'sort': {
      const first = cantOpen(applet, result.stderr)
        .split('\n')
        .find((line) => line.startsWith(`${applet}: can't open '`));
      return first === undefined ? result : { stdout: '', stderr: `${first}\n`, exitCode: 1 };
    }
    default:
      return result;
  }
}

/** The errors open(2) gives for a path, as strerror words them. */
const OPEN_ERRORS = 'No such file or directory|Permission denied|Not a directory';

/** `applet: FILE: error` (coreutils' wording) as libbb's `applet: can't open 'FILE': error`. */
function cantOpen(applet: string, stderr: string): string {
  const pattern = new RegExp(`^${applet}: (.+): (${OPEN_ERRORS})$`, 'gm');
  return stderr.replace(pattern, (_line, path: string, error: string) => `${applet}: can't open '${path}': ${error}`);
}

/** How many files `tail` was given: its operands, without options and their values (-n N, -c N, -s N). */
function tailOperands(args: readonly string[]): number {
  let files = 0;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--') return files + args.length - index - 1;
    if (/^-[ncs]$/.test(arg)) index++;
    else if (!(arg.startsWith('-') && arg !== '-')) files++;
  }
  return files;
}
