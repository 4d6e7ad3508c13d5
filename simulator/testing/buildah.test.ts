import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBytes } from '../archive/tar';
import { createHostFilesystem, LEARNER_UID } from '../host/filesystem';
import { FIXTURE_MODES, generatedArchives, writeContextToHost, type ContextEntry } from './build-context';
import { Buildah, buildahUnavailable, readContextDir, writeContextDir } from './buildah';
import { imageFacts, readOciLayout, tarFiles, type FileFact, type ImageFacts, type OciImage } from './image-facts';
import { runLine, testSession } from './transcript';

/**
 * docker build against a real builder. For each FROM-scratch Dockerfile in
 * simulator/testdata/buildah/<name>/, `buildah bud --layers --isolation chroot
 * --storage-driver vfs` and Layerlab's `docker build` must agree on the number
 * of layers, which history entries are empty layers, the config (Env, Cmd,
 * Entrypoint, WorkingDir, User, ExposedPorts, Volumes, Labels) and every file
 * of the final root filesystem (type, mode, owner, size, content hash).
 *
 * Docker's BuildKit is the reference, not buildah. Where buildah departs from
 * BuildKit on purpose, `asBuildKit` below turns buildah's facts into
 * BuildKit's, each rule with the BuildKit source that says so; those are the
 * only places the two builders are not compared as they are. Checked with
 * buildah 1.28.2 (Debian 12). Byte-level details (digests, timestamps,
 * history texts and comments, tar entry order) differ between any two
 * builders and are not compared.
 *
 * CI installs buildah (.ci/run). Where it is missing or cannot build (it
 * needs root or user namespaces), the comparison is skipped with the reason.
 */
const FIXTURES = fileURLToPath(new URL('../testdata/buildah/', import.meta.url));
const FIXTURE_NAMES = readdirSync(FIXTURES).sort();

/** `--build-arg`s per fixture: env-arg-label gives VERSION one and leaves APP to its default. */
const BUILD_ARGS: Readonly<Record<string, readonly string[]>> = { 'env-arg-label': ['VERSION=1.2.3'] };

/**
 * Directories that only a WORKDIR creates, with the owner BuildKit gives them:
 * BuildKit runs `mkdir -p <dir>` as the current USER (0:0 when there is none),
 * mode 0755, creating every missing parent the same way (fsutil's
 * copy.MkdirAll chowns each directory it creates). buildah creates none of
 * them, and a later COPY into such a path creates it as root instead.
 * Listed rather than derived so that the expectation is reviewable here.
 */
const WORKDIR_DIRECTORIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'workdir-user': {
    '/srv': '0:0',
    '/srv/app': '0:0',
    '/srv/app/current': '0:0',
    '/var': '0:0',
    '/var/lib': '0:0',
    '/var/lib/thing': '0:0',
    // WORKDIR /home/user comes after USER 1000:1000.
    '/home': '1000:1000',
    '/home/user': '1000:1000',
  },
};

/**
 * buildah's facts as BuildKit would have them. Every rule is a deliberate
 * difference between the two builders, established by building the fixtures
 * with buildah and reading BuildKit's source (moby/buildkit,
 * frontend/dockerfile/dockerfile2llb):
 */
function asBuildKit(name: string, image: OciImage, facts: ImageFacts): ImageFacts {
  const history = (image.config.history ?? []).map((entry, index) => {
    // 1. WORKDIR is a layer in BuildKit and an empty layer in buildah.
    //    BuildKit's dispatchWorkdir (convert.go) adds `llb.Mkdir(wd, 0755,
    //    WithParents, WithUser(USER))` and commits its history entry with
    //    withLayer = true whenever the directory is not `/`; buildah 1.28
    //    records `/bin/sh -c #(nop) WORKDIR …` with "empty_layer": true and
    //    creates no directory (see `buildah push x oci:dir` of a Dockerfile
    //    with WORKDIR and no COPY after it: no layer, no directory).
    const workdir = /^\/bin\/sh -c #\(nop\) WORKDIR (.*)$/.exec(entry.created_by ?? '');
    return workdir !== null && workdir[1]?.trim() !== '/' ? 'L' : facts.history[index];
  }).join('');
  const workdirLayers = [...history].filter((kind, index) => kind !== facts.history[index]).length;

  const rootfs: Record<string, FileFact> = { ...facts.rootfs };
  for (const [path, owner] of Object.entries(WORKDIR_DIRECTORIES[name] ?? {})) {
    const [uid = 0, gid = 0] = owner.split(':').map(Number);
    rootfs[path] = { type: 'directory', mode: '755', uid, gid };
  }

  const labels = { ...facts.config.Labels };
  // 2. buildah labels every image it builds with its own version
  //    (`"io.buildah.version": "1.28.2"` in `buildah inspect`); BuildKit adds no label.
  delete labels['io.buildah.version'];

  return {
    layers: facts.layers + workdirLayers,
    history,
    config: {
      ...facts.config,
      // 3. FROM scratch starts from BuildKit's emptyImage (dockerfile2llb/image.go):
      //    WorkingDir "/" and Env PATH=<default>. buildah sets the same PATH but leaves
      //    WorkingDir empty until a WORKDIR sets it.
      WorkingDir: facts.config.WorkingDir === '' ? '/' : facts.config.WorkingDir,
      Labels: labels,
    },
    rootfs,
  };
}

async function fixtureContext(name: string): Promise<ContextEntry[]> {
  const entries = readContextDir(join(FIXTURES, name), FIXTURE_MODES[name]);
  if (name === 'add-archives') entries.push(...(await generatedArchives()));
  return entries;
}

async function buildahFacts(buildah: Buildah, name: string, entries: readonly ContextEntry[]): Promise<ImageFacts> {
  const context = join(buildah.directory, 'contexts', name);
  writeContextDir(context, entries);
  buildah.bud(context, `cmp-${name}`, { buildArgs: BUILD_ARGS[name] ?? [] });
  const image = await buildah.image(`cmp-${name}`);
  return asBuildKit(name, image, await imageFacts(image));
}

/** Layerlab's build of the same context, from the learner's home, read back through `docker save` as a real tool would read it. */
async function layerlabFacts(name: string, entries: readonly ContextEntry[]): Promise<ImageFacts> {
  const host = createHostFilesystem();
  writeContextToHost(host, name, entries);
  const session = testSession({ host });
  const buildArgs = (BUILD_ARGS[name] ?? []).map((arg) => ` --build-arg ${arg}`).join('');
  const build = await runLine(session, `docker build -t cmp/${name}${buildArgs} ${name}`);
  expect(build.status, `docker build of ${name}:\n${build.output}`).toBe(0);
  const save = await runLine(session, `docker save -o ${name}.tar cmp/${name}`);
  expect(save.status, save.output).toBe(0);
  const saved = host.get(`/home/learner/${name}.tar`);
  if (saved?.type !== 'file') throw new Error(`docker save wrote no ${name}.tar`);
  const image = await readOciLayout(await tarFiles(fileBytes(saved.content)));
  // docker image inspect tells the same story as the saved config.
  const inspect = JSON.parse((await runLine(session, `docker image inspect cmp/${name}`)).output) as Array<{ RootFS: { Layers: string[] }; Config: { WorkingDir?: string; User?: string } }>;
  expect(inspect[0]?.RootFS.Layers, `${name}: inspect's layers`).toEqual(image.config.rootfs.diff_ids);
  expect(inspect[0]?.Config.WorkingDir ?? '', `${name}: inspect's WorkingDir`).toBe(image.config.config?.WorkingDir ?? '');
  return imageFacts(image);
}

const unavailable = buildahUnavailable();
if (unavailable !== undefined) console.warn(`buildah.test.ts: comparison with buildah skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)(`docker build agrees with buildah bud${unavailable === undefined ? '' : ` (skipped: ${unavailable})`}`, () => {
  const buildah = unavailable === undefined ? new Buildah() : undefined;
  afterAll(() => buildah?.dispose());

  it.each(FIXTURE_NAMES)('%s', async (name) => {
    if (buildah === undefined) return;
    const entries = await fixtureContext(name);
    const expected = await buildahFacts(buildah, name, entries);
    const actual = await layerlabFacts(name, entries);
    // Soft, so that one run reports every aspect that differs.
    expect.soft(actual.layers, `${name}: number of layers`).toBe(expected.layers);
    expect.soft(actual.history, `${name}: empty-layer pattern of the history (E empty, L layer)`).toBe(expected.history);
    for (const key of Object.keys(expected.config) as Array<keyof ImageFacts['config']>) {
      expect.soft(actual.config[key], `${name}: config ${key}`).toEqual(expected.config[key]);
    }
    expect.soft(Object.keys(actual.rootfs).sort(), `${name}: paths of the root filesystem`).toEqual(Object.keys(expected.rootfs).sort());
    for (const [path, fact] of Object.entries(expected.rootfs)) {
      if (path in actual.rootfs) expect.soft(actual.rootfs[path], `${name}: ${path}`).toEqual(fact);
    }
  }, 180_000);
});

/** The learner's files are theirs: the comparison relies on it to check that COPY resets ownership. */
it('puts build contexts into the learner home as the learner', async () => {
  const host = createHostFilesystem();
  writeContextToHost(host, 'ctx', await fixtureContext('copy-files'));
  expect(host.get('/home/learner/ctx/private.key')).toMatchObject({ type: 'file', mode: 0o600, uid: LEARNER_UID });
  expect(host.get('/home/learner/ctx/conf')).toMatchObject({ type: 'directory', mode: 0o750, uid: LEARNER_UID });
});
