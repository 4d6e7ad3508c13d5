import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidSnapshotError } from '../archive/serialize';
import type { EngineEvent } from '../daemon/events';
import type { Session, SessionSnapshot } from '../session/types';
import { nodeCatalogRegistry, nodePackageMirrors } from '../testing/node-helpers';
import { runLine, testSession } from '../testing/transcript';
import type { Check, CheckResult } from './types';

/** Runs a line that must succeed. */
async function ok(target: Session, line: string): Promise<void> {
  const { output, status } = await runLine(target, line);
  expect(status, `${line}\n${output}`).toBe(0);
}

/** A snapshot as it is stored (JSON), with its engine's fields open to change. */
async function stored(target: Session): Promise<SessionSnapshot & { engine: Record<string, unknown> }> {
  return JSON.parse(JSON.stringify(await target.snapshot())) as SessionSnapshot & { engine: Record<string, unknown> };
}

const restore = (snapshot: unknown): Session => testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors(), snapshot });

/** Every build check both ways, for a last build whose step 2 came from the cache and step 3 ran. */
const checks: Check[] = [
  { kind: 'buildFirstMiss', step: 3 },
  { kind: 'buildFirstMiss', step: 2 },
  { kind: 'buildFirstMiss', step: null },
  { kind: 'buildStepCached', step: 2, cached: true },
  { kind: 'buildStepCached', instruction: 'COPY', cached: false },
  { kind: 'buildStepCached', instruction: 'COPY', cached: true },
  { kind: 'buildStepCached', step: 7, cached: true },
];
const expected: boolean[] = [true, false, false, true, true, false, false];
const noBuild: CheckResult = { passed: false, explanation: 'no image has been built in this session yet' };

/** Built twice, a file of the second COPY changed: step 2 cached, step 3 ran. */
let s: Session;
let answers: CheckResult[];
beforeAll(async () => {
  s = testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors() });
  for (const line of [
    'mkdir app && printf "FROM alpine\\nRUN echo hi > /hello\\nCOPY a.txt /a.txt\\n" > app/Dockerfile && echo one > app/a.txt',
    'docker build -q -t built app',
    'echo two > app/a.txt && docker build -q -t built app',
  ]) {
    await ok(s, line);
  }
  answers = await s.check(checks);
}, 60_000);

describe('the last build, kept as engine state', () => {
  it('answers the build checks in the session that built', () => {
    expect(answers.map((answer) => answer.passed)).toEqual(expected);
    expect(answers[0]?.explanation).toMatch(/first step of the last build that ran \(not cached\) was \[3\/3\] COPY a.txt \/a.txt/);
  });

  it('still emits image.built with the same data', async () => {
    const built = (await s.events()).filter((event): event is Extract<EngineEvent, { type: 'image.built' }> => event.type === 'image.built');
    expect(built).toHaveLength(2);
    const last = built[1];
    expect(last).toMatchObject({ builder: 'buildkit', tags: ['built:latest'], firstMiss: { step: 1, name: '[3/3] COPY a.txt /a.txt', reason: { kind: 'files-changed' } } });
    const snapshot = await stored(s);
    const { type: _type, id: _id, time: _time, ...data } = last as EngineEvent & { type: 'image.built' };
    expect(snapshot.engine.lastBuild).toEqual(data);
  });

  it('survives a snapshot: a session restored from it answers the same', async () => {
    const restored = restore(await stored(s));
    expect(await restored.check(checks)).toEqual(answers);
    // The events were not restored; the record was.
    expect((await restored.events()).some((event) => event.type === 'image.built')).toBe(false);
    // And it is saved again from there.
    expect(await restore(await stored(restored)).check(checks)).toEqual(answers);
  });

  it('is seen by tryCommand, whose copy is restored from a snapshot', async () => {
    const tried = await s.tryCommand('true', [{ kind: 'buildFirstMiss', step: 3 }, { kind: 'buildStepCached', step: 2, cached: true }]);
    expect(tried.status).toBe(0);
    expect(tried.results.map((result) => result.passed)).toEqual([true, true]);
    // A build in the copy is the copy's last build, not the session's.
    const rebuilt = await s.tryCommand('docker build -q -t built app', [{ kind: 'buildFirstMiss', step: null }]);
    expect(rebuilt.results).toEqual([{ passed: true, explanation: 'every step of the last build came from the cache' }]);
    expect(await s.check(checks)).toEqual(answers);
  });

  it('loads an older snapshot without it, with no build yet', async () => {
    const older = await stored(s);
    delete older.engine.lastBuild;
    const restored = restore(older);
    expect(await restored.check([{ kind: 'buildFirstMiss', step: null }, { kind: 'buildStepCached', step: 2, cached: true }])).toEqual([noBuild, noBuild]);
    // The build cache was restored: the next build takes both steps from it.
    await ok(restored, 'docker build -q -t built app');
    expect(await restored.check([{ kind: 'buildFirstMiss', step: null }])).toEqual([{ passed: true, explanation: 'every step of the last build came from the cache' }]);
  });

  it('leaves the last build as it was when a build fails', async () => {
    const copy = restore(await stored(s));
    await ok(copy, 'mkdir broken && printf "FROM alpine\\nRUN echo new > /new\\nRUN false\\n" > broken/Dockerfile');
    expect((await runLine(copy, 'docker build -q broken')).status).toBe(1);
    expect(await copy.check(checks)).toEqual(answers);
    expect(await restore(await stored(copy)).check(checks)).toEqual(answers);
  });

  it('records a legacy build’s steps (`Using cache` is cached), numbered as its `Step N/M :` lines, and restores them', async () => {
    const copy = restore(await stored(s));
    await ok(copy, 'DOCKER_BUILDKIT=0 docker build -q -t classic app');
    const first = copy.check([{ kind: 'buildFirstMiss', step: 2 }, { kind: 'buildStepCached', step: 3, cached: false }]);
    expect((await first).map((answer) => answer.passed)).toEqual([true, true]);
    expect((await first)[0]?.explanation).toBe('the first step of the last build that ran (not cached) was Step 2/3 : RUN echo hi > /hello');
    expect((await stored(copy)).engine.lastBuild).toMatchObject({
      builder: 'legacy',
      tags: ['classic:latest'],
      steps: [
        { name: 'Step 2/3 : RUN echo hi > /hello', createdBy: '/bin/sh -c echo hi > /hello', cached: false, size: expect.any(Number) },
        { name: 'Step 3/3 : COPY a.txt /a.txt', cached: false },
      ],
      firstMiss: { step: 0, name: 'Step 2/3 : RUN echo hi > /hello', reason: { kind: 'new-step' } },
    });
    // Built again with a file of the COPY changed: step 2 is `Using cache`, step 3 runs — the same answers as BuildKit's.
    await ok(copy, 'echo three > app/a.txt && DOCKER_BUILDKIT=0 docker build -q -t classic app');
    expect((await copy.check(checks)).map((answer) => answer.passed)).toEqual(expected);
    const snapshot = await stored(copy);
    expect(snapshot.engine.lastBuild).toMatchObject({
      steps: [{ cached: true }, { cached: false }],
      firstMiss: { step: 1, name: 'Step 3/3 : COPY a.txt /a.txt', reason: { kind: 'files-changed', instruction: 'COPY a.txt /a.txt' } },
    });
    expect((await restore(snapshot).check(checks)).map((answer) => answer.passed)).toEqual(expected);
    // Everything from the cache.
    await ok(copy, 'DOCKER_BUILDKIT=0 docker build -q -t classic app');
    expect(await copy.check([{ kind: 'buildFirstMiss', step: null }])).toEqual([{ passed: true, explanation: 'every step of the last build came from the cache' }]);
  });

  it('explains a legacy step that missed the cache from what the image store holds', async () => {
    const copy = restore(await stored(s));
    await ok(copy, 'mkdir classic && printf "FROM alpine\\nENV A=1\\nRUN echo hi\\n" > classic/Dockerfile && DOCKER_BUILDKIT=0 docker build -q classic');
    const missOf = async (): Promise<unknown> => ((await stored(copy)).engine.lastBuild as { firstMiss?: unknown }).firstMiss;
    await ok(copy, 'printf "FROM alpine\\nENV A=1\\nRUN echo bye\\n" > classic/Dockerfile && DOCKER_BUILDKIT=0 docker build -q classic');
    expect(await missOf()).toEqual({ step: 1, name: 'Step 3/3 : RUN echo bye', reason: { kind: 'instruction-changed', before: 'RUN echo hi', after: 'RUN echo bye' } });
    await ok(copy, 'DOCKER_BUILDKIT=0 docker build -q --no-cache classic');
    expect(await missOf()).toEqual({ step: 0, name: 'Step 2/3 : ENV A=1', reason: { kind: 'no-cache' } });
  });

  it.each<[string, (build: Record<string, unknown>) => void, RegExp]>([
    ['an unknown builder', (build) => Object.assign(build, { builder: 'kaniko' }), /^lastBuild.builder: expected buildkit or legacy$/],
    ['an image ID that is not a digest', (build) => Object.assign(build, { imageId: 'abc' }), /^lastBuild.imageId: expected a sha256 digest$/],
    ['a tag that is not a string', (build) => Object.assign(build, { tags: [1] }), /^lastBuild.tags\[0\]: expected a string$/],
    ['a step without cached', (build) => delete (build.steps as Array<Record<string, unknown>>)[0]?.cached, /^lastBuild.steps\[0\].cached: expected true or false$/],
    ['a first miss past the steps', (build) => Object.assign(build.firstMiss as object, { step: 9 }), /^lastBuild.firstMiss.step: expected the index of one of the 2 steps$/],
    ['an unknown miss reason', (build) => Object.assign(build.firstMiss as object, { reason: { kind: 'moon-phase' } }), /^lastBuild.firstMiss.reason.kind: expected one of no-cache, /],
    ['a files-changed reason without its lists', (build) => delete ((build.firstMiss as Record<string, unknown>).reason as Record<string, unknown>).added, /^lastBuild.firstMiss.reason.added: expected a list$/],
  ])('refuses a snapshot with %s, naming the field', async (_name, damage, message) => {
    const snapshot = await stored(s);
    damage(snapshot.engine.lastBuild as Record<string, unknown>);
    expect(() => restore(snapshot)).toThrow(InvalidSnapshotError);
    expect(() => restore(snapshot)).toThrow(message);
  });

  it('refuses a last build that is not an object', async () => {
    const snapshot = await stored(s);
    snapshot.engine.lastBuild = 'yesterday';
    expect(() => restore(snapshot)).toThrow(/^lastBuild: expected an object$/);
  });
});

describe('which builder made the last build', () => {
  it('tells BuildKit from the legacy builder, and names the image it made', async () => {
    const session = testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors() });
    await ok(session, 'mkdir app && printf "FROM alpine\\nCOPY a.txt /a.txt\\n" > app/Dockerfile && echo one > app/a.txt');
    await ok(session, 'docker build -q -t kit app');
    const [kit, legacy, named, other] = await session.check([
      { kind: 'lastBuildUsed', builder: 'buildkit' },
      { kind: 'lastBuildUsed', builder: 'legacy' },
      { kind: 'lastBuildUsed', builder: 'buildkit', image: 'kit' },
      { kind: 'lastBuildUsed', builder: 'buildkit', image: 'alpine' },
    ]);
    expect([kit?.passed, legacy?.passed, named?.passed, other?.passed]).toEqual([true, false, true, false]);
    expect(legacy?.explanation).toMatch(/^the last build used BuildKit and made image [0-9a-f]{12}$/);
    expect(other?.explanation).toMatch(/which is not alpine$/);
    await ok(session, 'DOCKER_BUILDKIT=0 docker build -q -t old app');
    const [nowLegacy] = await session.check([{ kind: 'lastBuildUsed', builder: 'legacy', image: 'old' }]);
    expect(nowLegacy).toMatchObject({ passed: true, explanation: expect.stringMatching(/legacy builder \(DOCKER_BUILDKIT=0\)/) });
  }, 60_000);
});

describe('dangling images', () => {
  it('counts untagged images that no other image builds on, as docker images -f dangling=true lists them', async () => {
    const session = testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors() });
    await ok(session, 'mkdir app && printf "FROM alpine\\nCOPY a.txt /a.txt\\n" > app/Dockerfile && echo one > app/a.txt');
    await ok(session, 'docker build -q -t app app');
    expect((await session.check([{ kind: 'danglingImages', count: 0 }]))[0]).toEqual({ passed: true, explanation: 'there are no dangling images' });
    await ok(session, 'echo two > app/a.txt && docker build -q -t app app');
    const listed = (await runLine(session, 'docker images -q -f dangling=true')).output.trim();
    const [none, one] = await session.check([
      { kind: 'danglingImages', count: 0 },
      { kind: 'danglingImages', atLeast: 1, atMost: 1 },
    ]);
    expect(none).toEqual({ passed: false, explanation: `there is 1 dangling image (${listed}); expected exactly 0` });
    expect(one?.passed).toBe(true);
    await ok(session, 'docker image prune -f');
    expect((await session.check([{ kind: 'danglingImages', count: 0 }]))[0]?.passed).toBe(true);
  }, 60_000);
});
