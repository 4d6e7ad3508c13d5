// Engine figures for `npm run bench`: command latencies over a scripted
// session, cold and warm pulls of every catalog image, docker save, docker
// build (against buildah when it is installed), and the heap after pulling
// the whole catalog. Prints JSON lines on stdout.
import { readFile } from 'node:fs/promises';
import { createSession } from '../simulator';
import { ManualClock } from '../simulator/session/clock';
import { CatalogRegistry } from '../simulator/registry/catalog';
import { PackageMirrors } from '../simulator/packages/mirrors';
import { createHostFilesystem } from '../simulator/host/filesystem';
import type { Session, TerminalIO } from '../simulator/session/types';
import { warmUp } from '../simulator/session/warm-up';
import { fiftyInstructionContext, multiStageContext, writeContextToHost } from '../simulator/testing/build-context';
import { Buildah, buildahUnavailable, writeContextDir } from '../simulator/testing/buildah';

const catalogRoot = new URL('../public/catalog/', import.meta.url);
const loader = async (path: string) => JSON.parse(await readFile(new URL(path, catalogRoot), 'utf8')) as unknown;
const index = (await loader('index.json')) as { repositories: Record<string, { tags: Record<string, string> }> };
const images = Object.entries(index.repositories).flatMap(([name, repo]) => Object.keys(repo.tags).map((tag) => `${name}:${tag}`));

const sink: TerminalIO = { columns: 80, write: async () => undefined, readLine: async () => null };
const emit = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));
const mirrors = new PackageMirrors(loader);
const newSession = (registry = new CatalogRegistry(loader), host = createHostFilesystem()) => createSession({ clock: new ManualClock(Date.UTC(2026, 11, 1)), registry, mirrors, host });

async function timed(session: Session, line: string): Promise<number> {
  const start = performance.now();
  const status = await session.run(line, sink);
  if (status !== 0) throw new Error(`${line} failed with ${status}`);
  return performance.now() - start;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

// Cold pull: a fresh engine (catalog files already read once, as a browser cache would have them); warm: pulled again.
const shared = new CatalogRegistry(loader);
for (const image of images) {
  const session = newSession(shared);
  emit(`engine.pull.cold.${image}`, await timed(session, `docker pull -q ${image}`), 'ms');
  emit(`engine.pull.warm.${image}`, await timed(session, `docker pull -q ${image}`), 'ms');
}

// A scripted session with 20 images and 20 containers.
const session = newSession(shared);
const bases = images.slice(0, 4);
for (const image of bases) await timed(session, `docker pull -q ${image}`);
for (let i = 0; bases.length > 0 && i < 20; i++) await timed(session, `docker tag ${bases[i % bases.length]} bench/app${i}:v1`);
for (let i = 0; i < 20; i++) await timed(session, `docker create --name box${i} bench/app${i}:v1`);
const kinds: Record<string, (i: number) => string> = {
  images: () => 'docker images',
  'ps -a': () => 'docker ps -a',
  history: (i) => `docker history bench/app${i % 20}:v1`,
  inspect: (i) => `docker image inspect bench/app${i % 20}:v1`,
  tag: (i) => `docker tag bench/app${i % 20}:v1 bench/extra${i}:v1`,
  rmi: (i) => `docker rmi bench/extra${i}:v1`,
  diff: (i) => `docker diff box${i % 20}`,
  commit: (i) => `docker commit box${i % 20} bench/snap${i}`,
};
for (const [kind, line] of Object.entries(kinds)) {
  const samples: number[] = [];
  for (let i = 0; i < 40; i++) samples.push(await timed(session, line(i)));
  emit(`engine.command.${kind}.p50`, percentile(samples, 50), 'ms');
  emit(`engine.command.${kind}.p99`, percentile(samples, 99), "ms");
}

// Common shell lines on the host, and the same inside an interactive alpine container (each line's time
// from being typed to the next prompt).
const SHELL_LINES = [
  'echo hello',
  'ls -la /etc',
  'cat /etc/passwd | grep root | wc -l',
  'for i in 1 2 3; do echo $i; done',
  'x=$(echo sub); echo "$x"',
  'echo data > /tmp/f; cat /tmp/f >> /tmp/g',
  'mkdir -p /tmp/a/b && find /tmp/a',
  'nosuchcommand 2>/dev/null || echo missing',
];
// The worker warms the interpreter up (loads the commonest tools) once a session starts: so does the bench.
emit('shell.warm_up', await warmUp(), 'ms');
const hostShell = newSession(shared);
const hostSamples: number[] = [];
for (let round = 0; round < 10; round++) for (const line of SHELL_LINES) hostSamples.push(await timed(hostShell, line.replace('/etc', '/home')));
emit('shell.host.line.p50', percentile(hostSamples, 50), 'ms');
emit('shell.host.line.p99', percentile(hostSamples, 99), 'ms');

const containerShell = newSession(shared);
await timed(containerShell, 'docker pull -q alpine');
const typed = Array.from({ length: 11 }, () => SHELL_LINES).flat();
// The first round is the first use of each line in a container (reported apart), the other ten the steady state.
const firstRound: number[] = [];
const containerSamples: number[] = [];
let typedAt = 0;
const inside: TerminalIO = {
  columns: 80,
  write: async () => undefined,
  async readLine() {
    if (typedAt > 0) (firstRound.length < SHELL_LINES.length ? firstRound : containerSamples).push(performance.now() - typedAt);
    const line = typed.shift();
    typedAt = performance.now();
    return line ?? null;
  },
};
await containerShell.run('docker run -it alpine sh', inside);
emit('shell.container.line.p50', percentile(containerSamples, 50), 'ms');
emit("shell.container.line.p99", percentile(containerSamples, 99), "ms");
emit('shell.container.first_use.max', Math.max(...firstRound), 'ms');

// Package managers inside a container: each line's time from typed to the next prompt (mirror files
// already fetched once, as a browser cache would have them after the first install in a session).
async function timeInside(image: string, lines: readonly string[]): Promise<number[]> {
  const session = newSession(shared);
  await timed(session, `docker pull -q ${image}`);
  const queue = [...lines];
  const samples: number[] = [];
  let at = 0;
  const terminal: TerminalIO = {
    columns: 80,
    write: async () => undefined,
    async readLine(prompt) {
      if (at > 0 && prompt.endsWith('# ')) samples.push(performance.now() - at);
      at = performance.now();
      return queue.shift() ?? null;
    },
  };
  await session.run(`docker run -it ${image} sh`, terminal);
  return samples;
}
await timeInside('alpine', ['apk add curl']);
emit('packages.apk_add_curl', (await timeInside('alpine', ['apk add curl']))[0] ?? NaN, 'ms');
await timeInside('debian:bookworm', ['apt-get update', 'apt-get install -y curl']);
const apt = await timeInside('debian:bookworm', ['apt-get update', 'apt-get install -y curl']);
emit('packages.apt_get_update', apt[0] ?? NaN, 'ms');
emit('packages.apt_get_install_curl', apt[1] ?? NaN, 'ms');

// docker save of the biggest Debian image in the catalog.
const saveSession = newSession(shared);
const saveTarget = images.find((image) => image.startsWith('ubuntu:')) ?? 'debian:bookworm';
await timed(saveSession, `docker pull -q ${saveTarget}`);
emit(`engine.save.${saveTarget}`, await timed(saveSession, `docker save -o out.tar ${saveTarget}`), 'ms');

// docker build of a 50-instruction FROM-scratch Dockerfile (goals: 100 ms uncached, 20 ms cached) and of a
// multi-stage one, each the median of ten builds after one unmeasured build (the first use of the builder's code).
const buildHost = createHostFilesystem();
writeContextToHost(buildHost, 'fifty', fiftyInstructionContext());
writeContextToHost(buildHost, 'multi', multiStageContext());
const buildSession = newSession(shared, buildHost);
const buildSamples = async (line: string): Promise<number> => {
  await timed(buildSession, line);
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) samples.push(await timed(buildSession, line));
  return percentile(samples, 50);
};
const uncached = await buildSamples('docker build --no-cache -q -t bench/fifty fifty');
emit('build.fifty_instructions.uncached', uncached, 'ms');
emit('build.fifty_instructions.cached', await buildSamples('docker build -q -t bench/fifty fifty'), 'ms');
await timed(buildSession, 'docker pull -q alpine');
emit('build.multi_stage', await buildSamples('docker build --no-cache -q -t bench/multi multi'), 'ms');

// The same 50-instruction build by buildah (uncached: a fresh store each time; vfs, chroot isolation), when it is
// installed and can build here; nothing otherwise. The median of three: each takes seconds, and buildah's
// binaries are already warm from the probe build of buildahUnavailable.
if (buildahUnavailable() === undefined) {
  const buildahMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const buildah = new Buildah();
    try {
      const context = `${buildah.directory}/fifty`;
      writeContextDir(context, fiftyInstructionContext());
      const start = performance.now();
      buildah.bud(context, 'bench-fifty');
      buildahMs.push(performance.now() - start);
    } finally {
      buildah.dispose();
    }
  }
  const buildahMedian = percentile(buildahMs, 50);
  emit('build.buildah_fifty_instructions', buildahMedian, 'ms');
  emit('build.buildah_ratio', buildahMedian / uncached, 'ratio');
}

// docker push of a 3-layer image (busybox and two committed layers) to a registry that has none of them, so
// every layer is compressed and uploaded: the median of ten, each in a fresh session.
const pushSamples: number[] = [];
for (let i = 0; i < 10; i++) {
  const pushSession = newSession(shared);
  await timed(pushSession, 'docker pull -q busybox');
  await timed(pushSession, "docker run --name one busybox sh -c 'echo one > /one'");
  await timed(pushSession, 'docker commit one bench/two');
  await timed(pushSession, "docker run --name two bench/two sh -c 'echo two > /two'");
  await timed(pushSession, 'docker commit two localhost:5000/bench/three');
  pushSamples.push(await timed(pushSession, 'docker push -q localhost:5000/bench/three'));
}
emit('registry.push_3_layers', percentile(pushSamples, 50), 'ms');

// Heap after pulling the whole catalog, against the bytes the layers stand for.
globalThis.gc?.();
const before = process.memoryUsage().heapUsed;
const all = newSession(shared);
for (const image of images) await timed(all, `docker pull -q ${image}`);
globalThis.gc?.();
emit('engine.heap.after_pulling_catalog', (process.memoryUsage().heapUsed - before) / 1e6, 'MB');
const layers = new Map<string, number>();
for (const image of images) {
  const repo = image.slice(0, image.lastIndexOf(':'));
  const key = index.repositories[repo]?.tags[image.slice(image.lastIndexOf(':') + 1)];
  const data = (await loader(`images/${key}.json`)) as { layers: Array<{ diffId: string; size: number }> };
  for (const layer of data.layers) layers.set(layer.diffId, layer.size);
}
emit('engine.catalog.unique_layer_bytes', [...layers.values()].reduce((a, b) => a + b, 0) / 1e6, 'MB');
