import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { InvalidSnapshotError } from '../archive/serialize';
import { createHostFilesystem, LEARNER_UID } from '../host/filesystem';
import type { Session } from '../session/types';
import { nodeCatalogRegistry } from './node-helpers';
import { runLine, TEST_START, testSession } from './transcript';
import { ManualClock } from '../session/clock';
import { createSession } from '../session/shell-session';

const registry = nodeCatalogRegistry();

function freshSession(): Session {
  const host = createHostFilesystem();
  host.writeFile('/home/learner/hello.txt', { kind: 'bytes', bytes: new TextEncoder().encode('hello\n') }, { mode: 0o644, uid: LEARNER_UID, gid: LEARNER_UID, mtime: TEST_START });
  return testSession({ registry, host });
}

/** Commands that change the engine's and the learner's state. */
const STEPS = [
  'docker pull -q hello-world',
  'docker pull -q busybox',
  'docker tag hello-world greeting:v1',
  'docker tag busybox tools:1',
  'docker create --name box busybox',
  'docker create busybox',
  'docker cp hello.txt box:/hello.txt',
  'docker cp box:/hello.txt back.txt',
  'docker commit box snap',
  'docker rmi greeting:v1',
  'docker rmi -f snap',
  'docker run hello-world',
  // Deletes an image a stopped container still uses (moby: -f overrides that soft conflict); the container keeps its layers.
  'docker rmi -f hello-world',
  'docker rmi -f busybox',
  'docker rm box',
  'docker save -o hw.tar hello-world',
  `mkdir -p app && printf 'FROM busybox\\nCOPY hello.txt /\\nRUN wc -c /hello.txt > /size\\nCMD ["cat", "/size"]\\n' > app/Dockerfile && cp hello.txt app/`,
  'docker build -q -t built app',
  'DOCKER_BUILDKIT=0 docker build -q -t classic app',
  'docker builder prune -af',
  'cd /tmp',
  'cd',
];

/** What the learner can observe of a session. */
const PROBES = [
  'docker images -a --digests --no-trunc',
  'docker ps -a --no-trunc',
  'docker history --no-trunc -H=false hello-world',
  'docker history --no-trunc -H=false snap',
  'docker image inspect hello-world busybox snap tools:1',
  'docker diff box',
  'pwd',
  'docker create --name probe busybox',
  'docker ps -a --no-trunc',
  'docker system df',
  'docker build --progress=plain -t probe-build app',
  'DOCKER_BUILDKIT=0 docker build -t probe-classic app',
  // Which layers the containers held on to: once they are gone, a pull says which layers are still there ("Already exists").
  'docker rm -f $(docker ps -aq)',
  'docker system df',
  'docker pull hello-world',
  'docker pull busybox',
];

async function observe(session: Session): Promise<string[]> {
  const seen: string[] = [];
  for (const probe of PROBES) {
    const { output, status } = await runLine(session, probe);
    seen.push(`${probe} → ${status}\n${output}`);
  }
  return seen;
}

describe('session snapshots', () => {
  it('restore(snapshot(s)) behaves exactly like s, through a JSON round trip', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...STEPS), { maxLength: 12 }), async (steps) => {
        const original = freshSession();
        for (const step of steps) await runLine(original, step);
        const saved = JSON.parse(JSON.stringify(await original.snapshot())) as unknown;
        const restored = createSession({ clock: new ManualClock(0), registry, snapshot: saved });
        expect(await observe(restored)).toEqual(await observe(original));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('keeps a stopped container whose image `docker rmi -f` deleted, with the layers it sits on', async () => {
    const original = freshSession();
    for (const line of ['docker pull -q hello-world', 'docker run hello-world']) expect((await runLine(original, line)).status).toBe(0);
    // moby's classic store: -f overrides a stopped container's (soft) conflict, the image goes, its layer stays (the container holds it).
    const removed = await runLine(original, 'docker rmi -f hello-world');
    expect(removed.status).toBe(0);
    expect(removed.output.split('\n').filter((line) => line.startsWith('Deleted: '))).toHaveLength(1);
    const saved = JSON.parse(JSON.stringify(await original.snapshot())) as unknown;
    const restored = createSession({ clock: new ManualClock(TEST_START + 60_000), registry, snapshot: saved });
    expect((await runLine(restored, "docker ps -aq | wc -l")).output.trim()).toBe('1');
    expect((await runLine(restored, 'docker start -a $(docker ps -aq)')).output).toContain('Hello from Docker!');
    // Removing the container releases the layer: a new pull downloads it again.
    expect((await runLine(restored, 'docker rm $(docker ps -aq)')).status).toBe(0);
    expect((await runLine(restored, 'docker pull hello-world')).output).toContain('Pull complete');
  }, 30_000);

  it('restores a container saved before containers held their layers (no parentLayer) from its image', async () => {
    const original = freshSession();
    expect((await runLine(original, 'docker create --name old hello-world')).status).toBe(0);
    const saved = JSON.parse(JSON.stringify(await original.snapshot())) as { engine: { containers: Array<Record<string, unknown>>; layers: Array<{ references: number }> } };
    for (const container of saved.engine.containers) delete container.parentLayer;
    for (const layer of saved.engine.layers) layer.references -= 1;
    const restored = createSession({ clock: new ManualClock(TEST_START + 60_000), registry, snapshot: saved });
    expect((await runLine(restored, 'docker start -a old')).output).toContain('Hello from Docker!');
    expect((await runLine(restored, 'docker rm old')).status).toBe(0);
    expect((await runLine(restored, 'docker images -q hello-world | wc -l')).output.trim()).toBe('1');
  }, 30_000);

  it('starts again the containers that were running, in their own writable layer and with their ports', async () => {
    const original = freshSession();
    for (const line of ['docker run -d --name web -p 8080:80 nginx', 'docker exec web sh -c "echo kept > /tmp/note"']) expect((await runLine(original, line)).status).toBe(0);
    const saved = JSON.parse(JSON.stringify(await original.snapshot())) as unknown;
    const restored = createSession({ clock: new ManualClock(TEST_START + 60_000), registry, snapshot: saved });
    expect((await runLine(restored, "docker ps --format '{{.Names}} {{.Ports}}'")).output).toBe('web 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n');
    expect(await runLine(restored, 'docker exec web cat /tmp/note')).toEqual({ output: 'kept\n', status: 0 });
    // The resumed process starts in the background, as after a daemon restart.
    await vi.waitFor(async () => expect((await runLine(restored, 'docker top web')).output).toContain('nginx: master process nginx -g daemon off;'), { timeout: 5000, interval: 20 });
    expect(await runLine(restored, 'docker stop web')).toEqual({ output: 'web\n', status: 0 });
    expect((await runLine(restored, "docker ps -a --format '{{.Status}}'")).output).toMatch(/^Exited \(0\) /);
  }, 30_000);

  it('refuses a snapshot of another version or a damaged one, saying what is wrong', async () => {
    const session = freshSession();
    await runLine(session, 'docker pull -q hello-world');
    const good = JSON.parse(JSON.stringify(await session.snapshot())) as Record<string, unknown>;
    const restore = (snapshot: unknown) => () => createSession({ registry, snapshot });
    expect(restore({ ...good, version: 99 })).toThrow('snapshot version 99 is not supported (this engine reads version 1)');
    expect(restore({ ...good, engine: { ...(good.engine as object), version: 0 } })).toThrow(InvalidSnapshotError);
    expect(restore({ ...good, engine: { ...(good.engine as object), layers: [{ chainId: 'nope' }] } })).toThrow('layers[0].chainId: expected a sha256 digest');
    expect(restore({ ...good, host: [['relative', 'f']] })).toThrow(InvalidSnapshotError);
    expect(restore('not a snapshot')).toThrow('snapshot: expected an object');
  });
});
