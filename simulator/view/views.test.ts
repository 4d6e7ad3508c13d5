import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../daemon/events';
import type { Session } from '../session/types';
import { nodeCatalogRegistry, nodePackageMirrors } from '../testing/node-helpers';
import { runLine, testSession } from '../testing/transcript';
import type { LayerRow } from './image-layers';

function session(): Session {
  return testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors() });
}

/** Runs a line that must succeed; returns its output. */
async function ok(target: Session, line: string): Promise<string> {
  const { output, status } = await runLine(target, line);
  expect(status, `${line}\n${output}`).toBe(0);
  return output;
}

/** The events the line emitted. */
async function eventsOf(target: Session, line: string): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  const stop = target.subscribe((event) => events.push(event));
  try {
    await ok(target, line);
  } finally {
    stop();
  }
  return events;
}

function only<T extends EngineEvent['type']>(events: EngineEvent[], type: T): Extract<EngineEvent, { type: T }> {
  const matching = events.filter((event): event is Extract<EngineEvent, { type: T }> => event.type === type);
  expect(matching, `exactly one ${type} in ${JSON.stringify(events.map((event) => event.type))}`).toHaveLength(1);
  return matching[0] as Extract<EngineEvent, { type: T }>;
}

/** A directory `dir` holding `files` (name → text), written by the learner's shell. */
async function writeFiles(target: Session, dir: string, files: Record<string, string>): Promise<void> {
  await ok(target, `mkdir -p ${dir}`);
  for (const [name, text] of Object.entries(files)) await ok(target, `printf '%s' '${text.replace(/'/g, "'\\''")}' > ${dir}/${name}`);
}

describe('image layers', () => {
  it('lists the layers bottom to top with the history docker history shows, sizes that add up, and who shares them', async () => {
    const s = session();
    await ok(s, 'docker pull -q debian:bookworm');
    await ok(s, 'docker pull -q node:20');
    const layers = await s.query({ kind: 'imageLayers', image: 'node:20' });
    const history = (await ok(s, "docker history --no-trunc --format '{{.CreatedBy}}' node:20")).trimEnd().split('\n');
    expect(layers.rows.map((row) => row.createdBy).reverse()).toEqual(history);
    const layerRows = layers.rows.filter((row): row is LayerRow => row.kind === 'layer');
    expect(layerRows.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(layers.layerCount).toBe(8);
    expect(layers.rows.some((row) => row.kind === 'metadata')).toBe(true);
    expect(layerRows.reduce((total, row) => total + row.size, 0)).toBe(layers.size);
    expect(String(layers.size)).toBe((await ok(s, "docker image inspect -f '{{.Size}}' node:20")).trim());
    expect(layerRows[0]?.sharedWith).toEqual(['debian:bookworm']);
    expect(layerRows[1]?.sharedWith).toEqual([]);
    expect(layerRows[0]?.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(layers.names).toEqual(['node:20']);
  });
});

describe('events', () => {
  it('tells which layers a pull downloaded and which were there already, and because of which image', async () => {
    const s = session();
    await ok(s, 'docker pull -q debian:bookworm');
    const pulled = only(await eventsOf(s, 'docker pull -q python:3.12'), 'image.pulled');
    expect(pulled.ref).toBe('python:3.12');
    expect(pulled.layers.map((layer) => layer.status)).toEqual(['already-exists', ...Array(6).fill('downloaded')]);
    expect(pulled.layers[0]?.sharedWith).toEqual(['debian:bookworm']);
    const again = only(await eventsOf(s, 'docker pull -q node:20'), 'image.pulled');
    expect(again.layers.slice(0, 4).map((layer) => layer.sharedWith)).toEqual([['debian:bookworm', 'python:3.12'], ['python:3.12'], ['python:3.12'], ['python:3.12']]);
    expect(again.layers.slice(4).every((layer) => layer.status === 'downloaded')).toBe(true);
  });

  it('explains the first cache miss of a build: a changed file, a changed command, a changed environment', async () => {
    const s = session();
    const dockerfile = (run: string, env = ''): string => `FROM alpine\nWORKDIR /app\nCOPY app.js .\n${env}RUN ${run}\n`;
    await writeFiles(s, 'app', { 'app.js': 'console.log(1)\n', Dockerfile: dockerfile('cp app.js copy.js') });
    const first = only(await eventsOf(s, 'docker build -q -t app app'), 'image.built');
    expect(first.steps.map((step) => [step.createdBy, step.cached])).toEqual([
      ['WORKDIR /app', false],
      ['COPY app.js . # buildkit', false],
      ['RUN /bin/sh -c cp app.js copy.js # buildkit', false],
    ]);
    expect(first.firstMiss).toEqual({ step: 0, name: '[2/4] WORKDIR /app', reason: { kind: 'new-step' } });
    expect(first.tags).toEqual(['app:latest']);

    const cached = only(await eventsOf(s, 'docker build -q -t app app'), 'image.built');
    expect(cached.steps.every((step) => step.cached)).toBe(true);
    expect(cached.firstMiss).toBeUndefined();

    await writeFiles(s, 'app', { 'app.js': 'console.log(2)\n' });
    const edited = only(await eventsOf(s, 'docker build -q -t app app'), 'image.built');
    expect(edited.firstMiss).toEqual({ step: 1, name: '[3/4] COPY app.js .', reason: { kind: 'files-changed', instruction: 'COPY app.js .', changed: ['/app.js'], added: [], removed: [] } });

    await writeFiles(s, 'app', { Dockerfile: dockerfile('cp app.js other.js') });
    const command = only(await eventsOf(s, 'docker build -q -t app app'), 'image.built');
    expect(command.firstMiss?.reason).toEqual({ kind: 'instruction-changed', before: 'RUN /bin/sh -c cp app.js copy.js', after: 'RUN /bin/sh -c cp app.js other.js' });

    await writeFiles(s, 'app', { Dockerfile: dockerfile('cp app.js other.js', 'ENV MODE=production\n') });
    const environment = only(await eventsOf(s, 'docker build -q -t app app'), 'image.built');
    expect(environment.firstMiss?.reason).toEqual({ kind: 'environment-changed', instruction: 'RUN /bin/sh -c cp app.js other.js' });

    const forced = only(await eventsOf(s, 'docker build -q --no-cache -t app app'), 'image.built');
    expect(forced.firstMiss?.reason).toEqual({ kind: 'no-cache' });

    await ok(s, 'docker builder prune -af');
    const pruned = only(await eventsOf(s, 'docker build -q -t app app'), 'image.built');
    expect(pruned.firstMiss?.reason).toEqual({ kind: 'not-in-cache' });
  });

  it('follows containers from creation to removal, commits, tags and removals', async () => {
    const s = session();
    await ok(s, 'docker pull -q alpine');
    const run = await eventsOf(s, "docker run --name writer alpine sh -c 'echo hi > /note'");
    expect(run.map((event) => event.type)).toEqual(['container.created', 'container.started', 'container.exited']);
    expect(only(run, 'container.exited')).toMatchObject({ name: 'writer', exitCode: 0, changes: { added: 1, changed: 0, deleted: 0 } });
    const commit = await eventsOf(s, 'docker commit writer noted');
    expect(commit.map((event) => event.type)).toEqual(['image.committed', 'image.tagged']);
    expect(only(commit, 'image.committed')).toMatchObject({ containerName: 'writer', ref: 'noted:latest', layerSize: 3, changes: { added: 1 } });
    expect(only(await eventsOf(s, 'docker tag noted noted:v2'), 'image.tagged').ref).toBe('noted:v2');
    expect(only(await eventsOf(s, 'docker rm writer'), 'container.removed')).toMatchObject({ name: 'writer', changes: { added: 1 } });
    const removal = await eventsOf(s, 'docker rmi noted noted:v2');
    expect(removal.map((event) => event.type)).toEqual(['image.untagged', 'image.untagged', 'image.removed']);
    expect(only(removal, 'image.removed').layersDeleted).toHaveLength(1);
    const ids = (await s.events()).map((event) => event.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await s.events(ids[ids.length - 2])).toHaveLength(1);
  });
});

describe('layer tree', () => {
  async function builtImage(): Promise<{ s: Session; bigSize: number }> {
    const s = session();
    await ok(s, 'mkdir -p big && seq 1 2000 > big/big.bin');
    await writeFiles(s, 'big', { Dockerfile: 'FROM alpine\nCOPY big.bin /tmp/big.bin\nRUN rm /tmp/big.bin && echo changed > /etc/motd\n' });
    await ok(s, 'docker build -q -t wasteful big');
    return { s, bigSize: Number((await ok(s, 'wc -c < big/big.bin')).trim()) };
  }

  it('marks what each layer added, modified and removed, with sizes, and lists changed paths only on demand', async () => {
    const { s, bigSize } = await builtImage();
    const copied = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 1, path: '/tmp' });
    expect(copied.entries).toEqual([{ name: 'big.bin', path: '/tmp/big.bin', type: 'file', mode: 0o644, uid: 0, gid: 0, size: bigSize, status: 'added', layer: 1 }]);
    const removed = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 2, path: '/tmp' });
    expect(removed.entries.map((entry) => [entry.name, entry.status, entry.size])).toEqual([['big.bin', 'removed', bigSize]]);
    const root = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 2, changedOnly: true });
    expect(root.entries.map((entry) => [entry.name, entry.status, entry.changedBelow])).toEqual([
      ['etc', 'unchanged', true],
      ['tmp', 'unchanged', true],
    ]);
    const etc = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 2, path: '/etc', changedOnly: true });
    expect(etc.entries.map((entry) => [entry.name, entry.status, entry.size])).toEqual([['motd', 'modified', 8]]);
    expect(root.summary).toEqual({ added: 0, modified: 1, removed: 1 });
    const everything = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 2 });
    expect(everything.entries.length).toBeGreaterThan(root.entries.length);
    const base = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 0, path: '/etc' });
    expect(base.entries.every((entry) => entry.status === 'added' && entry.layer === 0)).toBe(true);
  });

  it('shows the whole image against its first layer, with directory sizes adding up to the image', async () => {
    const { s } = await builtImage();
    const all = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 'all', changedOnly: true });
    // big.bin came and went above the first layer: it is not in the image at all.
    expect(all.entries.map((entry) => entry.name)).toEqual(['etc']);
    const whole = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 'all' });
    const layers = await s.query({ kind: 'imageLayers', image: 'wasteful' });
    const finalBytes = whole.entries.reduce((total, entry) => total + entry.size, 0);
    const sizeOf = (index: number): number => (layers.rows.find((row) => row.kind === 'layer' && row.index === index) as LayerRow).size;
    const baseEtc = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 0, path: '/etc' });
    const oldMotd = baseEtc.entries.find((entry) => entry.name === 'motd')?.size ?? 0;
    // The final tree holds the base's files with the new motd for the old one; big.bin only lives in layer 1.
    expect(finalBytes).toBe(sizeOf(0) - oldMotd + sizeOf(2));
    expect(sizeOf(2)).toBe(8);
    await expect(s.query({ kind: 'layerTree', image: 'wasteful', layer: 7 })).rejects.toThrow(/No such layer/);
    await expect(s.query({ kind: 'layerTree', image: 'wasteful', layer: 0, path: '/nowhere' })).rejects.toThrow(/No such path/);
  });

  it('counts the deleted file as wasted space, as dive does', async () => {
    const { s, bigSize } = await builtImage();
    const efficiency = await s.query({ kind: 'efficiency', image: 'wasteful' });
    const baseEtc = await s.query({ kind: 'layerTree', image: 'wasteful', layer: 0, path: '/etc' });
    const oldMotd = baseEtc.entries.find((entry) => entry.name === 'motd')?.size ?? 0;
    expect(oldMotd).toBeGreaterThan(8);
    // big.bin: its bytes, then a whiteout (0); /etc/motd: alpine's, then the 8 bytes of "changed\n".
    expect(efficiency.wastedBytes).toBe(bigSize + oldMotd + 8);
    expect(efficiency.inefficientPaths).toEqual([
      { path: '/tmp/big.bin', count: 2, totalSize: bigSize },
      { path: '/etc/motd', count: 2, totalSize: oldMotd + 8 },
    ]);
    expect(efficiency.userSize).toBe(bigSize + 8);
    expect(efficiency.userWastedRatio).toBeCloseTo((bigSize + oldMotd + 8) / (bigSize + 8), 12);
    expect(efficiency.score).toBeLessThan(1);
  });

  it('lists node:20 one directory at a time, quickly', async () => {
    const s = session();
    await ok(s, 'docker pull -q node:20');
    const time = async (query: Parameters<Session['query']>[0]): Promise<number> => {
      const started = performance.now();
      await s.query(query);
      return performance.now() - started;
    };
    const firstRoot = await time({ kind: 'layerTree', image: 'node:20', layer: 'all' });
    const againRoot = await time({ kind: 'layerTree', image: 'node:20', layer: 'all' });
    const deep = await time({ kind: 'layerTree', image: 'node:20', layer: 'all', path: '/usr/local/lib/node_modules/npm/node_modules' });
    const topLayerRoot = await time({ kind: 'layerTree', image: 'node:20', layer: 7 });
    const efficiency = await time({ kind: 'efficiency', image: 'node:20' });
    console.log(JSON.stringify({ metric: 'node:20 layer tree (ms)', firstRoot, againRoot, deep, topLayerRoot, efficiency }));
    expect(firstRoot).toBeLessThan(5_000);
    expect(againRoot).toBeLessThan(100);
    expect(deep).toBeLessThan(100);
  });
});

describe('containers on an image', () => {
  it('shows each container’s writable layer as docker diff does, and only the one written to changes', async () => {
    const s = session();
    await ok(s, 'docker pull -q alpine');
    await ok(s, 'docker create --name idle alpine');
    await ok(s, "docker run --name busy alpine sh -c 'mkdir /data && echo hello > /data/file && rm /etc/motd'");
    const containers = await s.query({ kind: 'containers', image: 'alpine' });
    expect(containers.map((container) => [container.name, container.status])).toEqual([
      ['busy', 'exited'],
      ['idle', 'created'],
    ]);
    const busy = containers[0];
    expect(busy?.changes).toEqual([
      { kind: 'A', path: '/data' },
      { kind: 'A', path: '/data/file' },
      { kind: 'C', path: '/etc' },
      { kind: 'D', path: '/etc/motd' },
    ]);
    expect((await ok(s, 'docker diff busy')).trim().split('\n')).toEqual(['A /data', 'A /data/file', 'C /etc', 'D /etc/motd']);
    expect(busy?.counts).toEqual({ added: 2, changed: 1, deleted: 1 });
    expect(busy?.size).toBe(6);
    expect(containers[1]?.changes).toEqual([]);
    expect(busy?.imageNames).toEqual(['alpine:latest']);
  });
});

describe('image comparison', () => {
  it('compares ubuntu, alpine and distroless from what they hold', async () => {
    const s = session();
    const refs = ['ubuntu', 'alpine', 'gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/base-debian12'];
    for (const ref of refs) await ok(s, `docker pull -q ${ref}`);
    const { images, differences } = await s.query({ kind: 'compareImages', images: refs, fileLimit: 5 });
    const [ubuntu, alpine, staticNonroot, base] = images;
    for (const [index, image] of images.entries()) expect(String(image.size)).toBe((await ok(s, `docker image inspect -f '{{.Size}}' ${refs[index]}`)).trim());
    expect(ubuntu).toMatchObject({ shell: true, packages: { database: 'dpkg' }, user: { configured: '', name: 'root', uid: 0, root: true } });
    expect(ubuntu?.packageManagers).toEqual(expect.arrayContaining(['apt-get', 'dpkg']));
    expect(alpine).toMatchObject({ shell: true, packageManagers: ['apk'], packages: { database: 'apk' }, user: { root: true } });
    expect(staticNonroot).toMatchObject({ shell: false, packageManagers: [], user: { configured: '65532', name: 'nonroot', uid: 65532, root: false } });
    expect(base).toMatchObject({ shell: false, packageManagers: [], user: { root: true } });
    expect(ubuntu?.packages.count).toBeGreaterThan(50);
    expect(alpine?.packages.count).toBeGreaterThan(5);
    expect(staticNonroot?.packages.count).toBeGreaterThan(0);
    expect((base?.packages.count ?? 0)).toBeGreaterThan(staticNonroot?.packages.count ?? 0);
    expect((alpine?.size ?? 0) < (ubuntu?.size ?? 0)).toBe(true);
    expect(differences.map((difference) => difference.ref)).toEqual(refs.slice(1));
    const versusAlpine = differences[0];
    expect(versusAlpine?.onlyInThis).toBeGreaterThan(0);
    expect(versusAlpine?.examples.onlyInThis.length).toBeLessThanOrEqual(5);
    expect(versusAlpine?.examples.onlyInThis).toEqual([...(versusAlpine?.examples.onlyInThis ?? [])].sort());
  });
});

describe('registry view', () => {
  it('shows the signed-in account’s tokens and pushed tags, and a visitor only public repositories', async () => {
    const s = session();
    await ok(s, 'docker pull -q alpine');
    await ok(s, 'docker tag alpine learner/demo:v1');
    await runLine(s, 'docker login -u learner --password-stdin <<< layerlab-password');
    const pushed = only(await eventsOf(s, 'docker push -q learner/demo:v1'), 'image.pushed');
    expect(pushed.layers.map((layer) => [layer.status, layer.from])).toEqual([['mounted', 'library/alpine']]);
    const credentials = { username: 'learner', password: 'layerlab-password' };
    const signedIn = await s.query({ kind: 'registry', credentials });
    expect(signedIn.account?.username).toBe('learner');
    expect(signedIn.account?.tokens).toContainEqual({ id: expect.any(String), masked: 'dckr_pat_…rner', description: 'Layerlab lessons', scope: 'read-write-delete', createdAt: 0, revoked: false });
    expect(signedIn.repositories).toEqual([
      { path: 'learner/demo', visibility: 'public', owned: true, tags: [{ tag: 'v1', digest: pushed.manifestDigest, size: expect.any(Number), pushedAt: pushed.time }] },
    ]);
    expect(signedIn.repositories[0]?.tags[0]?.size).toBeGreaterThan(0);
    expect(signedIn.official.map((image) => image.name)).toContain('alpine');
    expect(signedIn.official.map((image) => image.name)).not.toContain('gcr.io/distroless/static-debian12');
    const visitor = await s.query({ kind: 'registry' });
    expect(visitor.account).toBeNull();
    expect(visitor.repositories.map((repository) => [repository.path, repository.owned])).toEqual([['learner/demo', false]]);
    const refused = await s.query({ kind: 'registry', credentials: { username: 'learner', password: 'wrong' } });
    expect(refused.account).toBeNull();
    const gcr = await s.query({ kind: 'registry', host: 'gcr.io' });
    expect(gcr.official.map((image) => image.name)).toContain('distroless/static-debian12');
  });
});

describe('queries', () => {
  it('never change the engine', async () => {
    const s = session();
    await ok(s, 'docker pull -q alpine');
    await ok(s, 'docker pull -q debian:bookworm');
    await ok(s, "docker run --name box alpine sh -c 'echo x > /x'");
    const before = JSON.stringify(await s.snapshot());
    const eventsBefore = await s.events();
    await s.query({ kind: 'images' });
    await s.query({ kind: 'imageLayers', image: 'alpine' });
    await s.query({ kind: 'layerTree', image: 'alpine', layer: 0, path: '/etc' });
    await s.query({ kind: 'layerTree', image: 'alpine', layer: 'all', changedOnly: true });
    await s.query({ kind: 'efficiency', image: 'debian:bookworm' });
    await s.query({ kind: 'containers' });
    await s.query({ kind: 'compareImages', images: ['alpine', 'debian:bookworm'] });
    await s.query({ kind: 'registry', credentials: { username: 'learner', password: 'layerlab-password' } });
    await expect(s.query({ kind: 'imageLayers', image: 'nothing-here' })).rejects.toThrow('No such image: nothing-here:latest');
    expect(JSON.stringify(await s.snapshot())).toBe(before);
    expect(await s.events()).toEqual(eventsBefore);
  });

  it('lists local images for a picker', async () => {
    const s = session();
    await ok(s, 'docker pull -q alpine');
    await ok(s, "docker run --name box alpine true && docker commit box");
    const images = await s.query({ kind: 'images' });
    expect(images).toHaveLength(2);
    expect(images.find((image) => image.names.includes('alpine:latest'))).toMatchObject({ tagged: true, layerCount: 1, containers: 1 });
    expect(images.find((image) => !image.tagged)?.names[0]).toMatch(/^[0-9a-f]{12}$/);
  });
});
