import { parentOf, type Node } from '../archive/types';
import type { LayerFileSystem } from '../userland/filesystem';
import type { ShellFlavour } from './programs';

/**
 * The history file an interactive shell keeps in its user's home, so that
 * `docker diff` after `docker run -it alpine sh` shows `A /root/.ash_history`,
 * as it does with real Docker.
 *
 * - BusyBox ash (alpine, busybox): ash.c sets HISTFILE to `$HOME/.ash_history`
 *   when it is not set and the shell is interactive. Alpine's and the busybox
 *   image's configs have FEATURE_EDITING_SAVEHISTORY but not
 *   FEATURE_EDITING_SAVE_ON_EXIT, so lineedit.c's remember_in_history()
 *   appends each line as soon as it is read, before it runs
 *   (`open(hist_file, O_WRONLY|O_CREAT|O_APPEND, 0600)`, the line and "\n").
 *   Empty lines and a repeat of the line before are not remembered; at the
 *   first prompt the file is loaded, so "the line before" may be the previous
 *   session's last.
 * - bash (debian, ubuntu): HISTFILE defaults to `~/.bash_history`
 *   (variables.c); the file is read when the shell starts and the whole list
 *   is written back when an interactive shell exits (`exit`, end of input) by
 *   bashhist.c's maybe_save_shell_history(), readline's histfile.c creating it
 *   with mode 0600, keeping the last HISTFILESIZE (default HISTSIZE, 500)
 *   lines. Without HISTCONTROL (the images' root has no .bashrc setting it)
 *   every non-empty line is kept, repeats too. A shell killed by SIGKILL
 *   (docker stop of an interactive bash, which ignores SIGTERM) saves nothing.
 * - dash (debian's /bin/sh) keeps no history.
 *
 * A file that cannot be written (no such directory, a user without write
 * permission) is skipped silently, as both shells do.
 */
export interface ShellHistory {
  /** A line as the shell read it at its prompt. */
  typed(line: string): Promise<void>;
  /** The shell exits by itself (`exit`, end of input); not when it is killed. */
  exited(): Promise<void>;
}

/** bash's default HISTSIZE, which HISTFILESIZE defaults to (config-top.h, variables.c). */
const BASH_HISTFILESIZE = 500;

const NONE: ShellHistory = { typed: async () => undefined, exited: async () => undefined };

/** The history an interactive shell of `flavour` keeps, with the environment it started with. */
export function shellHistory(fs: LayerFileSystem, flavour: ShellFlavour, env: ReadonlyMap<string, string>): ShellHistory {
  if (flavour === 'dash') return NONE;
  const home = env.get('HOME');
  const file = env.get('HISTFILE') ?? (home === undefined ? undefined : `${home.replace(/\/+$/, '')}/${flavour === 'bash' ? '.bash_history' : '.ash_history'}`);
  if (!file) return NONE;
  const path = fs.resolvePath('/', file);
  if (flavour === 'ash') {
    let last: string | undefined;
    let loaded = false;
    return {
      async typed(line) {
        if (!loaded) {
          loaded = true;
          last = (await readLines(fs, path)).at(-1);
        }
        if (line === '' || line === last) return;
        last = line;
        await writeHistory(fs, path, [...(await readLines(fs, path)), line]);
      },
      exited: async () => undefined,
    };
  }
  // bash reads the file as it starts; the lines typed go after it.
  const lines = readLines(fs, path);
  const typed: string[] = [];
  return {
    async typed(line) {
      if (line !== '') typed.push(line);
    },
    async exited() {
      await writeHistory(fs, path, [...(await lines), ...typed].slice(-BASH_HISTFILESIZE));
    },
  };
}

async function readLines(fs: LayerFileSystem, path: string): Promise<string[]> {
  const found = fs.lookup(path);
  if (found?.node.type !== 'file' || !mayAccess(fs, found.node, 0o4)) return [];
  let text: string;
  try {
    text = new TextDecoder().decode(await fs.readFileBuffer(found.resolved));
  } catch {
    return [];
  }
  return text.split('\n').filter((line, index, all) => index < all.length - 1 || line !== '');
}

async function writeHistory(fs: LayerFileSystem, path: string, lines: readonly string[]): Promise<void> {
  const existing = fs.lookup(path);
  if (existing) {
    if (existing.node.type !== 'file' || !mayAccess(fs, existing.node, 0o2)) return;
  } else {
    const parent = fs.lookup(parentOf(path));
    if (parent?.node.type !== 'directory' || !mayAccess(fs, parent.node, 0o3)) return;
  }
  try {
    await fs.writeFile(path, lines.map((line) => `${line}\n`).join(''));
    if (!existing) await fs.chmod(path, 0o600);
  } catch {
    // As the shells do: a history that cannot be written is not worth a word.
  }
}

/** Whether the process's user may do `want` (r=4, w=2, x=1) on `node`, as the kernel checks it; root may write anything. */
function mayAccess(fs: LayerFileSystem, node: Node, want: number): boolean {
  const { uid, gid } = fs.owner;
  if (uid === 0) return true;
  const bits = node.uid === uid ? (node.mode >> 6) & 7 : node.gid === gid ? (node.mode >> 3) & 7 : node.mode & 7;
  return (bits & want) === want;
}
