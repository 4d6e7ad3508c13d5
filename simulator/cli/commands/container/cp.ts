import type { ReadWriteLayer } from '../../../archive/rw-layer';
import type { Metadata } from '../../../archive/types';
import type { FilesystemView } from '../../../archive/union';
import { notFound } from '../../../errdefs/errors';
import { LEARNER_UID } from '../../../host/filesystem';
import { resolvePath } from '../../../host/paths';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

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
    try {
      if (target.container !== undefined) {
        const container = engine.containers.get(target.container);
        const from = resolvePath(shell.cwd, source.path, shell.home);
        if (!host.get(from)) throw new LocalPathError(`lstat ${from}: no such file or directory`);
        const to = resolvePath(container.config.WorkingDir || '/', target.path, '/root');
        if (!container.layer.get(to) && !container.layer.get(to.slice(0, to.lastIndexOf('/')) || '/')) {
          throw notFound(`Could not find the file ${target.path} in container ${target.container}`);
        }
        copyTree(host, from, container.layer, to, archive ? undefined : { uid: 0, gid: 0 });
      } else {
        const container = engine.containers.get(source.container ?? '');
        const from = resolvePath(container.config.WorkingDir || '/', source.path, '/root');
        if (!container.layer.get(from)) throw notFound(`Could not find the file ${source.path} in container ${source.container}`);
        const to = resolvePath(shell.cwd, target.path, shell.home);
        const parent = to.slice(0, to.lastIndexOf('/')) || '/';
        if (!host.get(to) && !host.isDirectory(parent)) throw new LocalPathError(`lstat ${parent}: no such file or directory`);
        copyTree(container.layer, from, host, to, { uid: LEARNER_UID, gid: LEARNER_UID });
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
