import type { CommandContext, ProcessResult } from '../../shell/command';

/**
 * GNU tools (Debian and Ubuntu images) that word a file they cannot open
 * differently from the interpreter's tools (`tool: FILE: strerror`):
 *
 * - head: head_file(), `error (0, errno, _("cannot open %s for reading"),
 *   quoteaf (filename))` (coreutils src/head.c); goes on, exits 1.
 * - tail: tail_file(), the same words for `prettyname` (src/tail.c); exits 1.
 * - sort: check_inputs() tries every input before sorting,
 *   `sort_die (_("cannot read"), files[i])`, which is `error (SORT_FAILURE,
 *   errno, "%s: %s", message, quotef (file))` (src/sort.c): nothing is
 *   sorted, exit status 2.
 * - sed: open_next_file(), `ck_fprintf (stderr, _("%s: can't read %s: %s\n"),
 *   program_name, name, strerror (errno))`, then the next file; the exit
 *   status is EXIT_BAD_INPUT, 2 (GNU sed execute.c).
 */
export const GNU_REWORDED: ReadonlySet<string> = new Set(['head', 'tail', 'sort', 'sed']);

/** The errors open(2) gives for a path, as strerror words them. */
const OPEN_ERRORS = 'No such file or directory|Permission denied|Not a directory';

/** Runs the interpreter's tool and passes on what it printed in GNU's words. */
export async function runGnuTool(context: CommandContext, tool: string, args: readonly string[]): Promise<number> {
  const raw = await context.userland?.runTool([tool, ...args], { keep: { stdout: tool === 'sort', stderr: true } });
  if (!raw) return 126;
  const result = inGnuWords(tool, raw);
  for (const [stream, text] of [[context.stdout, result.stdout], [context.stderr, result.stderr]] as const) if (text) await stream.write(text);
  return result.exitCode;
}

export function inGnuWords(tool: string, result: ProcessResult): ProcessResult {
  const pattern = new RegExp(`^${tool}: (.+): (${OPEN_ERRORS})$`, 'gm');
  const failures = [...result.stderr.matchAll(pattern)];
  if (failures.length === 0) return result;
  switch (tool) {
    case 'head':
    case 'tail':
      return { ...result, stderr: result.stderr.replace(pattern, (_line, path: string, error: string) => `${tool}: cannot open ${quoteaf(path)} for reading: ${error}`) };
    case 'sort': {
      const [, path = '', error = ''] = failures[0] ?? [];
      return { stdout: '', stderr: `sort: cannot read: ${quotef(path)}: ${error}\n`, exitCode: 2 };
    }
    case 'sed':
      return { ...result, stderr: result.stderr.replace(pattern, (_line, path: string, error: string) => `sed: can't read ${path}: ${error}`), exitCode: 2 };
    default:
      return result;
  }
}

/** gnulib's shell-escape-always quoting (quoteaf): `'/x'`; a name with a single quote in double quotes. */
function quoteaf(name: string): string {
  if (!name.includes("'")) return `'${name}'`;
  if (!/["$`\\]/.test(name)) return `"${name}"`;
  return `'${name.replace(/'/g, "'\\''")}'`;
}

/** gnulib's shell-escape quoting (quotef): as it is unless the shell would need quotes. */
function quotef(name: string): string {
  return /^[A-Za-z0-9_./@%+=:,^-]+$/.test(name) ? name : quoteaf(name);
}
