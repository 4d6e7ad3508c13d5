import { unpackTar } from 'modern-tar';
import { describe, expect, it } from 'vitest';
import { fileBytes } from '../../../archive/tar';
import { createHostFilesystem } from '../../../host/filesystem';
import { nodeCatalogRegistry } from '../../../testing/node-helpers';
import { runLine, testSession } from '../../../testing/transcript';

describe('docker export', () => {
  it("writes the container's merged filesystem: a file written in it, not one deleted in it, the image's others", async () => {
    const host = createHostFilesystem();
    const session = testSession({ registry: nodeCatalogRegistry(), host });
    expect((await runLine(session, 'docker pull -q busybox')).status).toBe(0);
    // The container stops: export works on a stopped container.
    expect((await runLine(session, 'docker run --name box busybox sh -c "mkdir /data && echo kept > /data/note && rm /etc/group && rm -r /home"')).status).toBe(0);
    expect(await runLine(session, 'docker export -o box.tar box')).toEqual({ status: 0, output: '' });

    const node = host.get('/home/learner/box.tar');
    if (node?.type !== 'file') throw new Error('box.tar was not written');
    const entries = await unpackTar(fileBytes(node.content));
    const names = entries.map((entry) => entry.header.name);
    const text = (name: string) => new TextDecoder().decode(entries.find((entry) => entry.header.name === name)?.data);

    expect(names).toContain('data/');
    expect(text('data/note')).toBe('kept\n');
    expect(names).toContain('etc/passwd');
    expect(names).not.toContain('etc/group');
    expect(names.filter((name) => name === 'home/' || name.startsWith('home/'))).toEqual([]);
    // No whiteout files: deletions are applied, not recorded.
    expect(names.filter((name) => name.includes('.wh.'))).toEqual([]);
    // filepath.Walk's order: a directory, then what it holds.
    expect(names.indexOf('data/')).toBeLessThan(names.indexOf('data/note'));
  });

  it('refuses a terminal without -o, as docker/cli does', async () => {
    const session = testSession({ registry: nodeCatalogRegistry() });
    await runLine(session, 'docker pull -q busybox');
    await runLine(session, 'docker create --name box busybox');
    expect(await runLine(session, 'docker export box')).toEqual({ status: 1, output: 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n' });
  });
});
