import { lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadWriteLayer } from '../simulator/archive/rw-layer';
import { fileBytes } from '../simulator/archive/tar';
import { LEARNER_HOME } from '../simulator/host/directories';
import { LEARNER_UID } from '../simulator/host/filesystem';

/** Copies a real directory into the learner's home, so that files there (a build context, hello.txt) exist in the session. */
export async function loadWorkdir(dir: string, host: ReadWriteLayer, home = LEARNER_HOME): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const target = `${home}/${name}`;
    const stats = await lstat(path);
    const metadata = { mode: stats.mode & 0o7777, uid: LEARNER_UID, gid: LEARNER_UID, mtime: stats.mtimeMs };
    if (stats.isDirectory()) {
      if (!host.get(target)) host.mkdir(target, metadata);
      await loadWorkdir(path, host, target);
    } else if (stats.isSymbolicLink()) {
      host.symlink(target, await readlink(path), metadata);
    } else if (stats.isFile()) {
      host.writeFile(target, { kind: 'bytes', bytes: new Uint8Array(await readFile(path)) }, metadata);
    }
  }
}

/** Writes the learner's home back to the real directory: new and changed files appear there, deleted ones go. */
export async function storeWorkdir(dir: string, host: ReadWriteLayer, home = LEARNER_HOME): Promise<void> {
  await mkdir(dir, { recursive: true });
  const names = new Set(host.children(home));
  for (const existing of await readdir(dir)) if (!names.has(existing)) await rm(join(dir, existing), { recursive: true, force: true });
  for (const name of names) {
    const node = host.get(`${home}/${name}`);
    const path = join(dir, name);
    if (!node) continue;
    if (node.type === 'directory') await storeWorkdir(path, host, `${home}/${name}`);
    else if (node.type === 'file') await writeFile(path, fileBytes(node.content), { mode: node.mode });
    else if (node.type === 'symlink') {
      await rm(path, { force: true });
      await symlink(node.target, path);
    }
  }
}
