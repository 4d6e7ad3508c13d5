import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../session/types';
import { nodeCatalogRegistry, nodePackageMirrors } from '../testing/node-helpers';
import { runLine, testSession } from '../testing/transcript';
import { validateCheck, validateChecks } from './validate';
import type { Check } from './types';

/** Runs a line that must succeed. */
async function ok(target: Session, line: string): Promise<void> {
  const { output, status } = await runLine(target, line);
  expect(status, `${line}\n${output}`).toBe(0);
}

/** One state for every check: images pulled, tagged, built twice; containers in each state; a login and a push; a file. */
let s: Session;
beforeAll(async () => {
  s = testSession({ registry: nodeCatalogRegistry(), mirrors: nodePackageMirrors() });
  for (const line of [
    'docker pull -q alpine',
    'docker pull -q gcr.io/distroless/static-debian12',
    'docker tag alpine app:1',
    'mkdir app && printf "FROM alpine\\nRUN echo hi > /hello\\nCOPY a.txt /a.txt\\nUSER 1000\\n" > app/Dockerfile && echo one > app/a.txt',
    'docker build -q -t built app',
    'echo two > app/a.txt && docker build -q -t built app',
    'docker create --name made alpine',
    "docker run --name box alpine sh -c 'echo x > /new.txt; echo y >> /etc/profile; rm /etc/motd'",
    'docker run -d --name web alpine sleep 1000',
    'echo layerlab-password | docker login -u learner --password-stdin',
    'docker tag alpine learner/app:v1 && docker push -q learner/app:v1',
    'docker tag alpine learner/web:v1 && docker tag alpine learner/web:latest && docker tag built learner/web:v2 && docker push -q -a learner/web',
    'echo "hello world" > notes.txt',
  ]) {
    await ok(s, line);
  }
}, 60_000);

/** Each check with whether it must pass: every predicate both ways. */
const cases: Array<[Check, boolean, RegExp]> = [
  [{ kind: 'imageExists', image: 'app:1' }, true, /^image app:1 exists \(ID [0-9a-f]{12}\)$/],
  [{ kind: 'imageExists', image: 'app:2' }, false, /^there is no image app:2 yet$/],
  [{ kind: 'imageHasTag', image: 'alpine', tag: 'app:1' }, true, /app:1 and alpine are the same image/],
  [{ kind: 'imageHasTag', image: 'built', tag: 'app:1' }, false, /app:1 is image [0-9a-f]{12}, not built/],
  [{ kind: 'imageHasTag', image: 'alpine', tag: 'app:9' }, false, /nothing is tagged app:9 yet/],
  [{ kind: 'imageLayers', image: 'built', count: 3 }, true, /image built has 3 layers \(exactly 3\)/],
  [{ kind: 'imageLayers', image: 'alpine', atLeast: 2 }, false, /image alpine has 1 layer, not at least 2/],
  [{ kind: 'imageLayers', image: 'built', atLeast: 2, atMost: 3 }, true, /at least 2 and at most 3/],
  [{ kind: 'imageHasFile', image: 'built', path: '/a.txt' }, true, /image built has \/a.txt/],
  [{ kind: 'imageHasFile', image: 'alpine', path: 'a.txt' }, false, /image alpine has no \/a.txt/],
  [{ kind: 'imageSizeBelow', image: 'gcr.io/distroless/static-debian12', bytes: 5_000_000 }, true, /bytes\), below 5MB/],
  [{ kind: 'imageSizeBelow', image: 'alpine', bytes: 1_000_000 }, false, /not below 1MB/],
  [{ kind: 'imageRunsAsNonRoot', image: 'built' }, true, /runs as .* \(uid 1000, USER 1000\)/],
  [{ kind: 'imageRunsAsNonRoot', image: 'alpine' }, false, /image alpine runs as root \(uid 0, no USER set\)/],
  [{ kind: 'imageHasShell', image: 'alpine', present: true }, true, /image alpine has a shell/],
  [{ kind: 'imageHasShell', image: 'gcr.io/distroless/static-debian12', present: true }, false, /has no shell/],
  [{ kind: 'imageHasShell', image: 'gcr.io/distroless/static-debian12', present: false }, true, /has no shell/],
  [{ kind: 'containerExists', container: 'made', state: 'created' }, true, /container made is created/],
  [{ kind: 'containerExists', container: 'box', state: 'running' }, false, /container box is exited, not running/],
  [{ kind: 'containerExists', container: 'web', state: 'running' }, true, /container web is running/],
  [{ kind: 'containerExists', image: 'alpine', state: 'exited' }, true, /container box \(from alpine\) is exited/],
  [{ kind: 'containerExists', container: 'nobody' }, false, /there is no container nobody yet/],
  [{ kind: 'containerExists', image: 'built' }, false, /no container from image built/],
  [{ kind: 'containerChanged', container: 'box', path: '/new.txt', change: 'added' }, true, /box's writable layer has \/new.txt added/],
  [{ kind: 'containerChanged', container: 'box', path: '/etc/profile', change: 'changed' }, true, /\/etc\/profile changed/],
  [{ kind: 'containerChanged', image: 'alpine', path: '/etc/motd', change: 'deleted' }, true, /\/etc\/motd deleted/],
  [{ kind: 'containerChanged', container: 'box', path: '/new.txt', change: 'deleted' }, false, /no writable layer of a container box has \/new.txt deleted/],
  [{ kind: 'containerChanged', container: 'made', path: '/new.txt' }, false, /has \/new.txt changed \(added, changed or deleted\)/],
  [{ kind: 'loggedIn', registry: 'docker.io' }, true, /logged in to docker.io as learner \(~\/.docker\/config.json has its entry\)/],
  [{ kind: 'loggedIn', registry: 'ghcr.io' }, false, /~\/.docker\/config.json has no login for ghcr.io/],
  [{ kind: 'repositoryHasTag', repository: 'learner/app', tag: 'v1', visibility: 'public' }, true, /docker.io\/learner\/app has tag v1 and is public/],
  [{ kind: 'repositoryHasTag', repository: 'learner/app', tag: 'v1', visibility: 'private' }, false, /is public, not private/],
  [{ kind: 'repositoryHasTag', repository: 'learner/app', tag: 'v2' }, false, /has no tag v2 \(tags: v1\)/],
  [{ kind: 'repositoryHasTag', repository: 'ghcr.io/learner/app', tag: 'v1' }, false, /ghcr.io has no repository learner\/app yet/],
  [{ kind: 'repositoryTagsMatch', repository: 'learner/web', tag: 'latest', sameAs: 'v1' }, true, /^docker.io\/learner\/web:latest and :v1 are the same image \(manifest [0-9a-f]{12}\)$/],
  [{ kind: 'repositoryTagsMatch', repository: 'learner/web', tag: 'v2', sameAs: 'v1' }, false, /^docker.io\/learner\/web:v2 is manifest [0-9a-f]{12}, but :v1 is [0-9a-f]{12}: they are different images$/],
  [{ kind: 'repositoryTagsMatch', repository: 'learner/web', tag: 'v3', sameAs: 'v1' }, false, /has no tag v3 \(tags: latest, v1, v2\)/],
  [{ kind: 'repositoryTagsMatch', repository: 'ghcr.io/learner/web', tag: 'latest', sameAs: 'v1' }, false, /^ghcr.io has no repository learner\/web yet$/],
  [{ kind: 'buildStepCached', step: 2, cached: true }, true, /took \[2\/3\] RUN echo hi > \/hello from the cache/],
  [{ kind: 'buildStepCached', instruction: 'COPY', cached: true }, false, /ran \[3\/3\] COPY a.txt \/a.txt \(not from the cache\)/],
  [{ kind: 'buildStepCached', step: 7, cached: true }, false, /had no step 7/],
  [{ kind: 'buildFirstMiss', step: 3 }, true, /first step .* was \[3\/3\] COPY/],
  [{ kind: 'buildFirstMiss', step: null }, false, /expected every step from the cache/],
  [{ kind: 'homeFile', path: 'notes.txt', contains: 'hello' }, true, /~\/notes.txt has the expected content/],
  [{ kind: 'homeFile', path: '~/notes.txt', matches: '^hello w' }, true, /expected content/],
  [{ kind: 'homeFile', path: 'notes.txt', contains: 'bye' }, false, /~\/notes.txt does not contain "bye"/],
  [{ kind: 'homeFile', path: 'app' }, false, /~\/app is a directory, not a file/],
  [{ kind: 'homeFile', path: 'missing.txt' }, false, /there is no ~\/missing.txt yet/],
  [{ kind: 'all', checks: [{ kind: 'imageExists', image: 'app:1' }, { kind: 'loggedIn', registry: 'docker.io' }] }, true, /exists .*; logged in/],
  [{ kind: 'all', checks: [{ kind: 'imageExists', image: 'app:1' }, { kind: 'loggedIn', registry: 'ghcr.io' }] }, false, /no login for ghcr.io/],
  [{ kind: 'any', checks: [{ kind: 'imageExists', image: 'app:2' }, { kind: 'imageExists', image: 'app:1' }] }, true, /app:1 exists/],
  [{ kind: 'any', checks: [{ kind: 'imageExists', image: 'app:2' }, { kind: 'imageExists', image: 'app:3' }] }, false, /app:3/],
  [{ kind: 'not', check: { kind: 'imageExists', image: 'app:2' } }, true, /there is no image app:2 yet/],
  [{ kind: 'not', check: { kind: 'imageExists', image: 'app:1' } }, false, /app:1 exists/],
];

describe('checkpoint predicates on a real session', () => {
  it.each(cases.map(([check, passed, explanation]) => ({ name: `${JSON.stringify(check)} ${passed ? 'passes' : 'fails'}`, check, passed, explanation })))('$name', async ({ check, passed, explanation }) => {
    const [result] = await s.check([check]);
    expect(result?.passed, result?.explanation).toBe(passed);
    expect(result?.explanation).toMatch(explanation);
  });

  it('covers every kind of check, passing and failing', () => {
    const kinds = (wanted: boolean): Set<string> => new Set(cases.filter(([, passed]) => passed === wanted).map(([check]) => check.kind));
    expect(kinds(true)).toEqual(kinds(false));
  });

  it('has no last build in a fresh session', async () => {
    const fresh = testSession();
    expect(await fresh.check([{ kind: 'buildFirstMiss', step: null }])).toEqual([{ passed: false, explanation: 'no image has been built in this session yet' }]);
  });
});

describe('validateCheck', () => {
  it('accepts good checks as they are', () => {
    const check = { kind: 'not', check: { kind: 'containerExists', container: 'web', state: 'running' } };
    expect(validateCheck(check)).toEqual(check);
  });

  it.each([
    [null, /^check: expected an object with a "kind"/],
    [{ kind: 'imageExist', image: 'a' }, /^check.kind: expected one of imageExists, /],
    [{ kind: 'imageExists' }, /^check.image: required by a imageExists check$/],
    [{ kind: 'imageExists', image: '' }, /^check.image: expected a non-empty string; got ""$/],
    [{ kind: 'imageExists', image: 'a', tag: 'b' }, /^check.tag: not a field of a imageExists check \(its fields: image\)$/],
    [{ kind: 'imageLayers', image: 'a' }, /^check: a imageLayers check needs count or atLeast or atMost$/],
    [{ kind: 'imageLayers', image: 'a', count: 1.5 }, /^check.count: expected a whole number/],
    [{ kind: 'containerExists', container: 'a', state: 'stopped' }, /^check.state: expected one of created, running/],
    [{ kind: 'buildFirstMiss', step: 0 }, /^check.step: expected a step number \(1 or more\) or null/],
    [{ kind: 'homeFile', path: 'a', matches: '(' }, /^check.matches: expected a valid regular expression/],
    [{ kind: 'all', checks: [{ kind: 'imageExists', image: 'a' }, { kind: 'loggedIn' }] }, /^check.checks\[1\].registry: required by a loggedIn check$/],
    [{ kind: 'repositoryTagsMatch', repository: 'learner/web', tag: 'latest' }, /^check.sameAs: required by a repositoryTagsMatch check$/],
    [{ kind: 'not', check: { kind: 'repositoryHasTag', repository: 'r', tag: 't', visibility: 'secret' } }, /^check.check.visibility: expected one of public, private/],
  ])('rejects %j, naming the field', (json, message) => {
    expect(() => validateCheck(json)).toThrow(message);
  });

  it('names the position in a list', () => {
    expect(() => validateChecks([{ kind: 'imageExists', image: 'a' }, { kind: 'imageExists', image: 3 }])).toThrow(/^checks\[1\].image: expected a non-empty string; got 3$/);
  });

  it('makes the session reject a malformed check', async () => {
    await expect(testSession().check([{ kind: 'imageExists' } as unknown as Check])).rejects.toThrow('checks[0].image: required by a imageExists check');
  });
});
