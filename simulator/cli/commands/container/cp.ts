import type { ReadWriteLayer } from '../../../archive/rw-layer';
import { baseName, contentSize, type Metadata } from '../../../archive/types';
import type { Container } from '../../../container/container';
import type { FilesystemView } from '../../../archive/union';
import { notFound } from '../../../errdefs/errors';
import { LEARNER_UID } from '../../../host/filesystem';
import { resolvePath } from '../../../host/paths';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';
import { humanSizeWithPrecision } from '../../format/units';

/** The headers of docker/cli's copyProgress (cli/command/container/cp.go). */
const COPY_TO_CONTAINER = 'Copying to container - ';
const COPY_FROM_CONTAINER = 'Copying from container - ';

/** morikuni/aec v1.0.0: save and restore the cursor (SCO), hide and show it, erase the whole line. */
const SAVE = '\x1b[s';
const RESTORE = '\x1b[u';
const HIDE = '\x1b[?25l';
const SHOW = '\x1b[?25h';
const ERASE_LINE = '\x1b[2K';

/**
 * The length of the tar stream docker cp sends or receives for `path`, whose
 * entries are named from `name` (moby's archive.TarWithOptions, written by
 * Go's archive/tar in PAX format): a 512-byte header per entry, preceded by a
 * PAX extended header when a name does not fit the USTAR one, file contents
 * padded to 512 bytes, and two zero blocks at the end. This is the size the
 * CLI's summary reports, not the size of the files (docker/cli#5777).
 */
function tarSize(view: FilesystemView, path: string, name: string): number {
  const block = (bytes: number) => Math.ceil(bytes / 512) * 512;
  let size = 1024;
  const walk = (current: string, entry: string): void => {
    const node = view.get(current);
    if (!node) return;
    const header = node.type === 'directory' ? `${entry}/` : entry;
    const link = node.type === 'symlink' || node.type === 'hardlink' ? node.target : '';
    const records = [paxRecord('path', header), paxRecord('linkpath', link)].join('');
    size += 512 + (records === '' ? 0 : 512 + block(utf8Length(records)));
    if (node.type === 'file') size += block(contentSize(node.content));
    if (node.type === 'directory') for (const child of view.children(current)) walk(`${current === '/' ? '' : current}/${child}`, `${entry}/${child}`);
  };
  walk(path, name);
  return size;
}

/** Go's formatPAXRecord, for a value the USTAR header cannot hold (longer than 100 bytes, or not ASCII); '' otherwise. */
function paxRecord(key: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  if (utf8Length(value) <= 100 && /^[\x00-\x7f]*$/.test(value)) return '';
  let size = utf8Length(key) + utf8Length(value) + 3;
  size += String(size).length;
  let record = `${size} ${key}=${value}\n`;
  if (utf8Length(record) !== size) record = `${utf8Length(record)} ${key}=${value}\n`;
  return record;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * The local destination as docker/cli's resolveLocalPath shows it: absolute
 * and clean, keeping a trailing `/.` or `/` of what was typed
 * (archive.PreserveTrailingDotOrSeparator).
 */
function localDestination(absolute: string, typed: string): string {
  let path = absolute;
  const base = typed.replace(/\/+$/, '').split('/').pop();
  if (base === '.' && !path.endsWith('/.')) path += path.endsWith('/') ? '.' : '/.';
  if (!path.endsWith('/') && typed.endsWith('/')) path += '/';
  return path;
}

/** A client-side failure of docker cp about a local path, printed as Go's os errors are. */
class LocalPathError extends Error {}

/** Splits `container:path`; a local path may contain ':' only after a '/' (docker/cli's splitCpArg). */
function splitArg(arg: string): { container?: string; path: string } {
  if (arg.startsWith('/') || arg.startsWith('.')) return { path: arg };
  const colon = arg.indexOf(':');
  if (colon < 0 || (arg.indexOf('/') >= 0 && arg.indexOf('/') < colon)) return { path: arg };
  return { container: arg.slice(0, colon), path: arg.slice(colon + 1) };
}

/** Copies `from` (file or directory tree) to `to`, as `docker cp` does: into `to` when it is a directory. */
function copyTree(source: FilesystemView, from: string, target: ReadWriteLayer, to: string, owner: Pick<Metadata, 'uid' | 'gid'> | undefined): void {
  const node = source.get(from);
  if (!node) return;
  const destination = target.get(to)?.type === 'directory' ? `${to === '/' ? '' : to}/${from.slice(from.lastIndexOf('/') + 1)}` : to;
  const walk = (path: string, dest: string): void => {
    const entry = source.get(path);
    if (!entry) return;
    const metadata = { mode: entry.mode, uid: owner?.uid ?? entry.uid, gid: owner?.gid ?? entry.gid, mtime: entry.mtime };
    if (entry.type === 'directory') {
      if (!target.get(dest)) target.mkdir(dest, metadata);
      for (const name of source.children(path)) walk(`${path === '/' ? '' : path}/${name}`, `${dest}/${name}`);
    } else if (entry.type === 'symlink') {
      if (target.get(dest)) target.remove(dest, entry.mtime);
      target.symlink(dest, entry.target, metadata);
    } else if (entry.type === 'file') {
      target.writeFile(dest, entry.content, metadata);
    }
  };
  walk(from, destination);
}

/** docker cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH and docker cp [OPTIONS] SRC_PATH CONTAINER:DEST_PATH */
export const cpCommand: DockerCommand = {
  name: 'cp',
  use: '[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
  short: 'Copy files/folders between a container and the local filesystem',
  aliases: ['docker container cp', 'docker cp'],
  category: { group: 'other' },
  flags: [
    { name: 'archive', shorthand: 'a', type: 'bool', usage: 'Archive mode (copy all uid/gid information)' },
    { name: 'follow-link', shorthand: 'L', type: 'bool', usage: 'Always follow symbol link in SRC_PATH' },
    { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
  ],
  args: { kind: 'exact', count: 2 },
  async run(context, flags, [sourceArg = '', targetArg = '']) {
    const source = splitArg(sourceArg);
    const target = splitArg(targetArg);
    if (source.container !== undefined && target.container !== undefined) {
      await context.stderr.write('copying between containers is not supported\n');
      return 1;
    }
    if (source.container === undefined && target.container === undefined) {
      await context.stderr.write('must specify at least one container source\n');
      return 1;
    }
    const { engine, host, shell } = context;
    const archive = flags.get('archive') === true;
    // Without --quiet, progress is shown only when stdout is a terminal.
    const quiet = flags.has('quiet') ? flags.get('quiet') === true : !context.tty;
    // copyProgress draws on stderr, when that is a terminal, until the copy ends; then the summary follows.
    const summary = async (header: string, size: number, destination: string) => {
      if (quiet) return;
      const progress = context.tty ? `${SAVE}Preparing to copy...${HIDE}${RESTORE}${ERASE_LINE}${header}0B${SHOW}${RESTORE}${ERASE_LINE}` : '';
      await context.stderr.write(`${progress}Successfully copied ${humanSizeWithPrecision(size, 3)} to ${destination}\n`);
    };
    try {
      if (target.container !== undefined) {
        // copyToContainer: the local source is read (and tarred) before the daemon is asked anything.
        const from = resolvePath(shell.cwd, source.path, shell.home);
        if (!host.get(from)) throw new LocalPathError(`lstat ${from}: no such file or directory`);
        const destination = `${target.container}:${target.path}`;
        let container: Container;
        let to: string;
        try {
          container = engine.containers.get(target.container);
          to = resolvePath(container.config.WorkingDir || '/', target.path, '/root');
          if (!container.layer.get(to) && !container.layer.get(to.slice(0, to.lastIndexOf('/')) || '/')) {
            throw notFound(`Could not find the file ${target.path} in container ${target.container}`);
          }
        } catch (error) {
          // The archive was already being sent when the daemon answered: the summary comes before its error.
          await summary(COPY_TO_CONTAINER, tarSize(host, from, baseName(resolvePath('/', target.path, '/'))), destination);
          throw error;
        }
        const size = tarSize(host, from, container.layer.get(to)?.type === 'directory' ? baseName(from) : baseName(to));
        copyTree(host, from, container.layer, to, archive ? undefined : { uid: 0, gid: 0 });
        await summary(COPY_TO_CONTAINER, size, destination);
      } else {
        // copyFromContainer: the local destination is checked first (command.ValidateOutputPath).
        const to = resolvePath(shell.cwd, target.path, shell.home);
        const parent = to.slice(0, to.lastIndexOf('/')) || '/';
        if (!host.get(parent)) throw new LocalPathError(`invalid output path: directory "${parent}" does not exist`);
        const container = engine.containers.get(source.container ?? '');
        const from = resolvePath(container.config.WorkingDir || '/', source.path, '/root');
        if (!container.layer.get(from)) throw notFound(`Could not find the file ${source.path} in container ${source.container}`);
        if (!host.isDirectory(parent)) {
          // archive.CopyTo fails before reading anything of the archive.
          await summary(COPY_FROM_CONTAINER, 0, localDestination(to, target.path));
          throw new LocalPathError(`lstat ${to}: not a directory`);
        }
        const size = tarSize(container.layer, from, baseName(from));
        copyTree(container.layer, from, host, to, { uid: LEARNER_UID, gid: LEARNER_UID });
        await summary(COPY_FROM_CONTAINER, size, localDestination(to, target.path));
      }
      return 0;
    } catch (error) {
      if (error instanceof LocalPathError) {
        await context.stderr.write(`${error.message}\n`);
        return 1;
      }
      return reportError(context, error);
    }
  },
};
