import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileBytes } from '../archive/tar';
import { createHostFilesystem, LEARNER_UID } from '../host/filesystem';
import { nodeCatalogRegistry } from './node-helpers';
import { runLine, testSession } from './transcript';

/**
 * Acceptance against real container tools: an image committed and saved in
 * the simulator must be read by skopeo, unpacked by umoci with the expected
 * root filesystem, and loaded by podman with the same history. CI installs
 * the tools (.ci/run); without them this test fails and says how to get them.
 */
function requireTool(name: string): void {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
  } catch {
    throw new Error(`${name} is needed for this test: apt-get install skopeo umoci podman (CI installs them in .ci/run)`);
  }
}

const run = (command: string, args: string[], cwd?: string): string => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('docker save output in real tools', () => {
  it('is accepted by skopeo, unpacked by umoci and loaded by podman with the same history', async () => {
    for (const tool of ['skopeo', 'umoci', 'podman', 'tar']) requireTool(tool);
    const host = createHostFilesystem();
    host.writeFile('/home/learner/hello.txt', { kind: 'bytes', bytes: new TextEncoder().encode('hello from layerlab\n') }, { mode: 0o644, uid: LEARNER_UID, gid: LEARNER_UID, mtime: 0 });
    const session = testSession({ registry: nodeCatalogRegistry(), host });
    // The container's process deletes a file of the image: the committed layer holds a whiteout for it.
    for (const line of ['docker pull -q busybox', 'docker create --name box busybox rm /etc/group', 'docker cp hello.txt box:/hello.txt', 'docker start -a box', 'docker diff box', 'docker commit -m "add hello" box snap:v1', 'docker save -o snap.tar snap:v1']) {
      expect((await runLine(session, line)).status, line).toBe(0);
    }
    const history = (await runLine(session, "docker history --no-trunc --format '{{.CreatedBy}}|{{.Comment}}' snap:v1")).output.trim().split('\n');
    const saved = host.get('/home/learner/snap.tar');
    if (saved?.type !== 'file') throw new Error('docker save wrote no snap.tar');

    const dir = mkdtempSync(join(tmpdir(), 'layerlab-save-'));
    const archive = join(dir, 'snap.tar');
    writeFileSync(archive, fileBytes(saved.content));

    // skopeo reads it both as a docker archive and as an OCI archive, with our layer digests.
    const dockerArchive = JSON.parse(run('skopeo', ['inspect', `docker-archive:${archive}`])) as { Layers: string[] };
    const ociArchive = JSON.parse(run('skopeo', ['inspect', `oci-archive:${archive}:v1`])) as { Layers: string[] };
    const inspect = JSON.parse((await runLine(session, 'docker image inspect snap:v1')).output) as Array<{ RootFS: { Layers: string[] } }>;
    expect(dockerArchive.Layers).toEqual(inspect[0]?.RootFS.Layers);
    expect(ociArchive.Layers).toEqual(inspect[0]?.RootFS.Layers);

    // Every blob's name is its sha256.
    const layout = join(dir, 'layout');
    run('mkdir', ['-p', layout]);
    run('tar', ['-xf', archive, '-C', layout]);
    for (const name of readdirSync(join(layout, 'blobs', 'sha256'))) {
      expect(createHash('sha256').update(readFileSync(join(layout, 'blobs', 'sha256', name))).digest('hex')).toBe(name);
    }

    // umoci unpacks the OCI layout into the expected root filesystem.
    const bundle = join(dir, 'bundle');
    run('umoci', ['unpack', '--image', `${layout}:v1`, bundle]);
    expect(readFileSync(join(bundle, 'rootfs', 'hello.txt'), 'utf8')).toBe('hello from layerlab\n');
    expect(readdirSync(join(bundle, 'rootfs', 'bin'))).toContain('busybox');
    expect(readdirSync(join(bundle, 'rootfs', 'etc'))).toContain('passwd');
    expect(readdirSync(join(bundle, 'rootfs', 'etc'))).not.toContain('group');

    // podman loads the archive and reports the same history.
    const storage = ['--storage-driver', 'vfs', '--root', join(dir, 'podman-root'), '--runroot', join(dir, 'podman-run')];
    run('podman', [...storage, 'load', '-i', archive]);
    const podmanHistory = run('podman', [...storage, 'history', '--no-trunc', '--format', '{{.CreatedBy}}|{{.Comment}}', 'docker.io/library/snap:v1']).trim().split('\n');
    expect(podmanHistory).toEqual(history);

    // And back: archives podman writes, in both formats, load into the simulator with the same layers.
    await runLine(session, 'docker rm box');
    for (const format of ['docker-archive', 'oci-archive']) {
      const out = join(dir, `podman-${format}.tar`);
      run('podman', [...storage, 'save', '--format', format, '-o', out, 'docker.io/library/snap:v1']);
      host.writeFile(`/home/learner/${format}.tar`, { kind: 'bytes', bytes: new Uint8Array(readFileSync(out)) }, { mode: 0o644, uid: LEARNER_UID, gid: LEARNER_UID, mtime: 0 });
      await runLine(session, 'docker rmi -f snap:v1');
      const loaded = await runLine(session, `docker load -i ${format}.tar`);
      expect(loaded.status, loaded.output).toBe(0);
      expect(loaded.output).toMatch(/^Loaded image( ID)?: /);
      const reference = loaded.output.includes('Loaded image ID: ') ? loaded.output.trim().slice('Loaded image ID: '.length) : loaded.output.trim().slice('Loaded image: '.length);
      const layers = JSON.parse((await runLine(session, `docker image inspect ${reference}`)).output) as Array<{ RootFS: { Layers: string[] } }>;
      expect(layers[0]?.RootFS.Layers, format).toEqual(inspect[0]?.RootFS.Layers);
    }
  }, 120_000);
});
