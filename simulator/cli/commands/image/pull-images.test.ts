import { describe, expect, it } from 'vitest';
import type { Change, Changeset } from '../../../archive/types';
import { LayerStore } from '../../../layer/store';
import { MemoryRegistry } from '../../../registry/memory';
import { runLine, testSession } from '../../../testing/transcript';
import { truncateId } from '../../format/units';

const meta = { mode: 0o644, uid: 0, gid: 0, mtime: 0 };
const layer = (path: string, size: number): Changeset =>
  new Map<string, Change>([[path, { type: 'file', content: { kind: 'generated', size, seed: path }, ...meta }]]);

async function config(layers: Changeset[], created: string, cmd: string): Promise<string> {
  const diffIds = await Promise.all(layers.map((changeset) => LayerStore.diffIdOf(changeset)));
  return JSON.stringify({ architecture: 'amd64', config: { Cmd: [cmd] }, created, os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } });
}

/** A registry with library/alpine and library/app, which shares alpine's layer. */
async function registry() {
  const base = layer('/bin/busybox', 7_800_000);
  const app = layer('/app/server', 2_000_000);
  const hub = new MemoryRegistry();
  const alpine = await hub.put('docker.io/library/alpine', 'latest', await config([base], '2026-10-20T00:00:00Z', 'sh'), [base]);
  const appImage = await hub.put('docker.io/library/app', 'latest', await config([base, app], '2026-11-19T00:00:00Z', '/app/server'), [base, app]);
  return { hub, alpine, appImage };
}

describe('docker pull and docker images', () => {
  it('pulls, reuses shared layers, lists images and reports an up-to-date image', async () => {
    const { hub, alpine, appImage } = await registry();
    const session = testSession({ registry: hub });
    const base = truncateId(alpine.layers[0]?.blobDigest ?? '');
    const top = truncateId(appImage.layers[1]?.blobDigest ?? '');

    expect(await runLine(session, 'docker pull alpine')).toEqual({
      status: 0,
      output: [
        'Using default tag: latest',
        'latest: Pulling from library/alpine',
        `${base}: Pulling fs layer`,
        `${base}: Verifying Checksum`,
        `${base}: Download complete`,
        `${base}: Pull complete`,
        `Digest: ${alpine.manifestDigest}`,
        'Status: Downloaded newer image for alpine:latest',
        'docker.io/library/alpine:latest',
        '',
      ].join('\n'),
    });

    expect((await runLine(session, 'docker pull app:latest')).output).toBe(
      [
        'latest: Pulling from library/app',
        `${base}: Already exists`,
        `${top}: Pulling fs layer`,
        `${top}: Verifying Checksum`,
        `${top}: Download complete`,
        `${top}: Pull complete`,
        `Digest: ${appImage.manifestDigest}`,
        'Status: Downloaded newer image for app:latest',
        'docker.io/library/app:latest',
        '',
      ].join('\n'),
    );

    expect((await runLine(session, 'docker pull alpine')).output).toContain('Status: Image is up to date for alpine:latest\n');
    expect(await runLine(session, 'docker pull -q alpine')).toEqual({ status: 0, output: 'docker.io/library/alpine:latest\n' });

    const listing = (await runLine(session, 'docker images')).output.split('\n');
    expect(listing[0]).toBe('REPOSITORY   TAG       IMAGE ID       CREATED       SIZE');
    expect(listing[1]).toMatch(/^app          latest    [a-f0-9]{12}   1[23] days ago   9\.8MB$/);
    expect(listing[2]).toMatch(/^alpine       latest    [a-f0-9]{12}   [0-9]+ (days|weeks|months) ago +7\.8MB$/);
    expect((await runLine(session, 'docker images -q')).output.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await runLine(session, 'docker images alpine')).output.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await runLine(session, "docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}'")).output).toBe('app:latest 9.8MB\nalpine:latest 7.8MB\n');
  });

  it("reports Docker's errors for unknown repositories, tags and malformed names", async () => {
    const { hub } = await registry();
    const session = testSession({ registry: hub });
    expect(await runLine(session, 'docker pull nosuch')).toEqual({
      status: 1,
      output:
        "Using default tag: latest\nError response from daemon: pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
    });
    expect(await runLine(session, 'docker pull alpine:nosuch')).toEqual({
      status: 1,
      output: 'Error response from daemon: manifest for alpine:nosuch not found: manifest unknown: manifest unknown\n',
    });
    expect(await runLine(session, 'docker pull Alpine')).toEqual({
      status: 1,
      output: 'invalid reference format: repository name (library/Alpine) must be lowercase\n',
    });
    expect(await runLine(session, 'docker pull')).toEqual({
      status: 1,
      output: "docker: 'docker pull' requires 1 argument\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nRun 'docker pull --help' for more information\n",
    });
    expect((await runLine(session, 'docker images -f foo')).status).toBe(125);
    expect((await runLine(session, 'docker images -f foo')).output).toBe(
      'invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun \'docker images --help\' for more information\n',
    );
  });
});
