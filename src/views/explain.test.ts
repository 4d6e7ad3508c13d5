import { describe, expect, it } from 'vitest';
import type { BuiltStep, EngineEvent, EngineEventBody, PulledLayer } from '../../simulator/daemon/events';
import { changes, explainEvent, explainEvents, groupEvents, groupTitle, list, missReason, shortInstruction, size } from './explain';

const ID = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
let nextId = 1;
const at = (body: EngineEventBody, time = 1000): EngineEvent => ({ ...body, id: nextId++, time }) as EngineEvent;

const layer = (status: PulledLayer['status'], blobSize: number, sharedWith: string[] = []): PulledLayer => ({
  diffId: 'sha256:d',
  blobDigest: 'sha256:b',
  blobSize,
  status,
  sharedWith,
});
const step = (name: string, cached: boolean): BuiltStep => ({ name, createdBy: name.replace(/^\[[^\]]*\] /, ''), cached, size: 0 });
const none = { added: 0, changed: 0, deleted: 0 };

describe('sizes and lists', () => {
  it('prints sizes as docker images does', () => {
    expect(size(0)).toBe('0B');
    expect(size(3_623_807)).toBe('3.62MB');
    expect(size(7_812_345)).toBe('7.81MB');
    expect(size(12_000)).toBe('12kB');
  });

  it('joins names in plain English and cuts long lists', () => {
    expect(list([])).toBe('');
    expect(list(['a'])).toBe('a');
    expect(list(['a', 'b'])).toBe('a and b');
    expect(list(['a', 'b', 'c'])).toBe('a, b and c');
    expect(list(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
    expect(changes({ added: 2, changed: 1, deleted: 0 })).toBe('2 added and 1 changed');
    expect(changes(none)).toBe('no changes');
  });
});

describe('explainEvent', () => {
  it('image.pulled: everything downloaded', () => {
    expect(explainEvent(at({ type: 'image.pulled', ref: 'alpine:latest', imageId: ID, manifestDigest: 'sha256:m', upToDate: false, layers: [layer('downloaded', 3_623_807)] }))).toBe(
      'Pulled alpine:latest: 1 layer downloaded (3.62MB).',
    );
  });

  it('image.pulled: some layers shared with a local image', () => {
    const layers = [layer('already-exists', 10, ['debian:bookworm']), layer('already-exists', 10, ['debian:bookworm']), layer('already-exists', 10, ['debian:bookworm']), ...Array.from({ length: 4 }, () => layer('downloaded', 10_000_000))];
    expect(explainEvent(at({ type: 'image.pulled', ref: 'python:3.12', imageId: ID, manifestDigest: 'sha256:m', upToDate: false, layers }))).toBe(
      'Pulled python:3.12: 3 of 7 layers were already present because debian:bookworm shares them; 4 downloaded (40MB).',
    );
  });

  it('image.pulled: already up to date, or every layer already present', () => {
    expect(explainEvent(at({ type: 'image.pulled', ref: 'alpine:latest', imageId: ID, manifestDigest: 'sha256:m', upToDate: true, layers: [layer('already-exists', 5, ['alpine:latest'])] }))).toBe(
      'Pulled alpine:latest: it was already up to date, nothing was downloaded.',
    );
    expect(explainEvent(at({ type: 'image.pulled', ref: 'alpine:3.20', imageId: ID, manifestDigest: 'sha256:m', upToDate: false, layers: [layer('already-exists', 5, ['alpine:latest', 'snap:latest'])] }))).toBe(
      'Pulled alpine:3.20: its one layer was already present because alpine:latest and snap:latest share it, nothing was downloaded.',
    );
  });

  it('image.built: a cache miss after cached steps, for each reason', () => {
    const steps = [step('[2/4] WORKDIR /app', true), step('[3/4] COPY app.js .', false), step('[4/4] RUN cp app.js copy.js', false)];
    const built = (reason: Extract<EngineEventBody, { type: 'image.built' }>['firstMiss']): string =>
      explainEvent(at({ type: 'image.built', imageId: ID, tags: ['app:2'], builder: 'buildkit', steps, ...(reason ? { firstMiss: reason } : {}) }));
    const miss = (reason: Parameters<typeof missReason>[0]) => ({ step: 1, name: '[3/4] COPY app.js .', reason });
    expect(built(miss({ kind: 'files-changed', instruction: 'COPY app.js .', changed: ['/app.js'], added: [], removed: [] }))).toBe(
      'Built app:2: step 2 came from the cache; step 3 (COPY app.js .) ran again because app.js changed; so the step after it ran too.',
    );
    expect(built(miss({ kind: 'no-cache' }))).toContain('step 3 (COPY app.js .) ran because the build was told not to use the cache (--no-cache)');
    expect(built(miss({ kind: 'new-step' }))).toContain('ran for the first time');
    expect(built(miss({ kind: 'not-in-cache' }))).toContain('ran again because its cached result was deleted (docker builder prune)');
    expect(built(miss({ kind: 'instruction-changed', before: 'RUN a', after: 'RUN b' }))).toContain('ran again because the instruction changed (it was "RUN a", now "RUN b")');
    expect(built(miss({ kind: 'environment-changed', instruction: 'RUN a' }))).toContain('ran again because its environment changed');
  });

  it('missReason: files added, changed and removed', () => {
    expect(missReason({ kind: 'files-changed', instruction: 'COPY . .', changed: ['/a.js', '/b.js'], added: ['/c.js'], removed: ['/d.js', '/e.js'] })).toBe(
      'again because a.js and b.js changed, c.js was added and d.js and e.js were removed',
    );
    expect(missReason({ kind: 'files-changed', instruction: 'COPY . .', changed: [], added: [], removed: [] })).toBe('again because the files it copies changed');
  });

  it('image.built: ranges of cached steps, everything cached, the legacy builder, untagged', () => {
    const steps = [step('[2/5] WORKDIR /app', true), step('[3/5] COPY a .', true), step('[4/5] RUN x', true), step('[5/5] COPY app.js .', false)];
    expect(
      explainEvent(at({ type: 'image.built', imageId: ID, tags: ['app:2'], builder: 'buildkit', steps, firstMiss: { step: 3, name: '[5/5] COPY app.js .', reason: { kind: 'files-changed', instruction: 'COPY app.js .', changed: ['/app.js'], added: [], removed: [] } } })),
    ).toBe('Built app:2: steps 2–4 came from the cache; step 5 (COPY app.js .) ran again because app.js changed.');
    expect(explainEvent(at({ type: 'image.built', imageId: ID, tags: ['app:2'], builder: 'buildkit', steps: steps.map((s) => ({ ...s, cached: true })) }))).toBe(
      'Built app:2: all 4 steps came from the cache, nothing ran.',
    );
    expect(explainEvent(at({ type: 'image.built', imageId: ID, tags: [], builder: 'legacy', steps: [] }))).toBe(
      'Built image 0123456789ab with the legacy builder (one intermediate container and image per step).',
    );
    const legacySteps = [step('Step 2/4 : WORKDIR /app', true), step('Step 3/4 : COPY . .', false), step('Step 4/4 : CMD ["./start.sh"]', false)];
    expect(
      explainEvent(at({ type: 'image.built', imageId: ID, tags: ['app:old'], builder: 'legacy', steps: legacySteps, firstMiss: { step: 1, name: 'Step 3/4 : COPY . .', reason: { kind: 'files-changed', instruction: 'COPY . .', changed: [], added: [], removed: [] } } })),
    ).toBe('Built app:old with the legacy builder (one intermediate container and image per step): step 2 came from the cache; step 3 (COPY . .) ran again because the files it copies changed; so the step after it ran too.');
    expect(explainEvent(at({ type: 'image.built', imageId: ID, tags: [], builder: 'buildkit', steps: [] }))).toBe(
      "Built image 0123456789ab: no step changed files, so it has only its base image's layers.",
    );
    const staged = [step('[build 2/3] RUN a', true), step('[build 3/3] RUN b', false)];
    expect(explainEvent(at({ type: 'image.built', imageId: ID, tags: ['x:1'], builder: 'buildkit', steps: staged, firstMiss: { step: 1, name: '[build 3/3] RUN b', reason: { kind: 'new-step' } } }))).toBe(
      'Built x:1: step 2 of stage build came from the cache; step 3 of stage build (RUN b) ran for the first time: no earlier build ran this step on the same layers below it.',
    );
  });

  it('image.committed', () => {
    expect(explainEvent(at({ type: 'image.committed', imageId: ID, containerId: 'c', containerName: 'web', ref: 'snap:latest', layerSize: 12_000, changes: { added: 2, changed: 0, deleted: 0 } }))).toBe(
      "Committed container web as snap:latest: one new layer of 12kB (2 added), on top of its image's layers.",
    );
    expect(explainEvent(at({ type: 'image.committed', imageId: ID, containerId: 'c', containerName: 'web', layerSize: 0, changes: none }))).toBe(
      "Committed container web as the untagged image 0123456789ab: one new, empty layer (the container changed nothing), on top of its image's layers.",
    );
  });

  it('image.tagged, image.untagged, image.removed', () => {
    expect(explainEvent(at({ type: 'image.tagged', imageId: ID, ref: 'app:2' }))).toBe('Tagged image 0123456789ab as app:2: a new name, no new layers.');
    expect(explainEvent(at({ type: 'image.untagged', imageId: ID, ref: 'app:1' }))).toBe('Removed the name app:1 from image 0123456789ab.');
    expect(explainEvent(at({ type: 'image.removed', imageId: ID, layersDeleted: ['sha256:a'] }))).toBe('Deleted image 0123456789ab and 1 layer no other image used.');
    expect(explainEvent(at({ type: 'image.removed', imageId: ID, layersDeleted: [] }))).toBe('Deleted image 0123456789ab; its layers stay, other images still use them.');
  });

  it('image.pushed', () => {
    const pushed = (status: 'pushed' | 'already-exists' | 'mounted', size: number, from?: string) => ({ diffId: 'sha256:d', blobDigest: 'sha256:b', size, status, ...(from ? { from } : {}) });
    expect(
      explainEvent(at({ type: 'image.pushed', ref: 'learner/app:1', imageId: ID, manifestDigest: 'sha256:m', layers: [pushed('pushed', 1500), pushed('already-exists', 5), pushed('mounted', 9, 'library/alpine')] })),
    ).toBe('Pushed learner/app:1: 1 layer uploaded (1.5kB), 1 already in the repository and 1 mounted from library/alpine without uploading.');
  });

  it('container events', () => {
    expect(explainEvent(at({ type: 'container.created', containerId: 'c', name: 'web', imageId: ID, imageName: 'alpine' }))).toBe(
      "Created container web from alpine: a new, empty writable layer on top of the image's read-only layers.",
    );
    expect(explainEvent(at({ type: 'container.started', containerId: 'c', name: 'web', imageId: ID }))).toBe('Started container web.');
    expect(explainEvent(at({ type: 'container.exited', containerId: 'c', name: 'web', imageId: ID, exitCode: 3, changes: { added: 1, changed: 1, deleted: 0 } }))).toBe(
      'Container web exited with code 3; its writable layer keeps its 2 changes (1 added and 1 changed).',
    );
    expect(explainEvent(at({ type: 'container.exited', containerId: 'c', name: 'web', imageId: ID, exitCode: 0, changes: none }))).toBe('Container web exited with code 0; its writable layer is empty.');
    expect(explainEvent(at({ type: 'container.removed', containerId: 'c', name: 'web', imageId: ID, changes: { added: 2, changed: 1, deleted: 0 } }))).toBe(
      'Removed container web; its writable layer (3 changes) is gone.',
    );
    expect(explainEvent(at({ type: 'container.removed', containerId: 'c', name: 'web', imageId: ID, changes: none }))).toBe('Removed container web; its writable layer was empty.');
  });

  it('keeps user-chosen names as they are (the panel renders text, never markup)', () => {
    expect(explainEvent(at({ type: 'image.tagged', imageId: ID, ref: '<img src=x onerror=alert(1)>' }))).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('explainEvents', () => {
  it('folds a create and start, an exit and removal, and the tags a build or commit already names', () => {
    const events = [
      at({ type: 'container.created', containerId: 'c', name: 'web', imageId: ID, imageName: 'alpine' }),
      at({ type: 'container.started', containerId: 'c', name: 'web', imageId: ID }),
      at({ type: 'container.exited', containerId: 'c', name: 'web', imageId: ID, exitCode: 137, changes: { added: 1, changed: 0, deleted: 0 } }),
      at({ type: 'container.removed', containerId: 'c', name: 'web', imageId: ID, changes: { added: 1, changed: 0, deleted: 0 } }),
      at({ type: 'image.tagged', imageId: ID, ref: 'app:latest' }),
      at({ type: 'image.built', imageId: ID, tags: ['app:latest'], builder: 'buildkit', steps: [step('[2/2] RUN x', true)] }),
      at({ type: 'image.tagged', imageId: ID, ref: 'other:1' }),
    ];
    expect(explainEvents(events)).toEqual([
      "Created and started container web from alpine: a new, empty writable layer on top of the image's read-only layers.",
      'Container web exited with code 137 and was removed; its writable layer (1 change) is gone.',
      'Built app:latest: its one step came from the cache, nothing ran.',
      'Tagged image 0123456789ab as other:1: a new name, no new layers.',
    ]);
  });
});

describe('groupEvents', () => {
  it('cuts where time passed between events, newest first, and drops duplicates', () => {
    const pulled = at({ type: 'image.pulled', ref: 'alpine:latest', imageId: ID, manifestDigest: 'sha256:m', upToDate: false, layers: [layer('downloaded', 1)] }, 10_000);
    const created = at({ type: 'container.created', containerId: 'c', name: 'a', imageId: ID, imageName: 'alpine' }, 10_050);
    const started = at({ type: 'container.started', containerId: 'c', name: 'a', imageId: ID }, 10_060);
    const removed = at({ type: 'container.removed', containerId: 'c', name: 'a', imageId: ID, changes: none }, 15_000);
    const groups = groupEvents([pulled, created, started, started, removed]);
    expect(groups.map((group) => group.events.map((event) => event.type))).toEqual([['container.removed'], ['image.pulled', 'container.created', 'container.started']]);
    expect(groups.map(groupTitle)).toEqual(['Container removal', 'Pull, container start']);
  });
});

describe('shortInstruction', () => {
  it('drops the shell and BuildKit noise and cuts long text', () => {
    expect(shortInstruction('/bin/sh -c #(nop) ADD file:5b1e0e26ce5eca7f4d5a0a1bc3ba6e4ce1be55a8e45f1a03f3c09b8b7a1b3e4c in / ')).toBe('ADD file:5b1e0e26ce5e… in /');
    expect(shortInstruction('RUN /bin/sh -c apk add --no-cache curl # buildkit')).toBe('RUN apk add --no-cache curl');
    expect(shortInstruction('COPY app.js . # buildkit')).toBe('COPY app.js .');
    expect(shortInstruction('|1 MODE=dev /bin/sh -c echo $MODE')).toBe('RUN echo $MODE');
    expect(shortInstruction('/bin/sh -c apt-get update')).toBe('RUN apt-get update');
    expect(shortInstruction('sh')).toBe('sh');
    expect(shortInstruction('')).toBe('(no instruction recorded)');
    expect(shortInstruction('RUN ' + 'x'.repeat(100), 20)).toBe('RUN xxxxxxxxxxxxxxx…');
  });
});

describe('an event kind this panel does not know', () => {
  it('says that something happened rather than nothing', () => {
    expect(explainEvent({ type: 'volume.created', id: 1, time: 0 } as unknown as EngineEvent)).toBe('The engine reported volume.created.');
  });
});

describe('registry changes made on the Hub page', () => {
  it('says what each change means for docker login and pull, never showing a token', () => {
    expect(explainEvent(at({ type: 'registry.account.created', host: 'docker.io', username: 'ada' }))).toBe('Signed up ada on Docker Hub.');
    const created = explainEvent(at({ type: 'registry.token.created', host: 'docker.io', username: 'learner', tokenId: 't1', description: 'laptop', scope: 'read-write' }));
    expect(created).toBe('Created access token “laptop” for learner on Docker Hub (read-write): it can be used as a password with docker login.');
    expect(created).not.toMatch(/dckr_pat_/);
    expect(explainEvent(at({ type: 'registry.token.revoked', host: 'docker.io', username: 'learner', tokenId: 't1', description: 'laptop' }))).toBe('Revoked access token “laptop” of learner: docker login with it now fails.');
    expect(explainEvent(at({ type: 'registry.visibility.changed', host: 'ghcr.io', repository: 'learner/app', visibility: 'private' }))).toBe('learner/app on ghcr.io is now private: only a login that may see it can pull it.');
    expect(groupTitle({ events: [at({ type: 'registry.visibility.changed', host: 'docker.io', repository: 'learner/app', visibility: 'public' })] } as Parameters<typeof groupTitle>[0])).toBe('Registry');
  });
});

describe('grouping by command line', () => {
  it('puts the events of one line together, under it, even far apart in time, and the others by time', () => {
    const pull = at({ type: 'image.pulled', ref: 'alpine:latest', imageId: ID, manifestDigest: 'sha256:m', upToDate: false, layers: [] }, 1000);
    const created = at({ type: 'container.created', containerId: 'c', name: 'web', imageId: ID, imageName: 'alpine' } as EngineEventBody, 9000);
    const account = at({ type: 'registry.account.created', host: 'docker.io', username: 'ada' }, 9050);
    const lines = new Map([
      [pull.id, { run: 1, text: 'docker run -d --name web alpine' }],
      [created.id, { run: 1, text: 'docker run -d --name web alpine' }],
    ]);
    const groups = groupEvents([pull, created, account], 400, lines);
    expect(groups.map((group) => [group.line, group.events.length])).toEqual([
      [undefined, 1],
      ['docker run -d --name web alpine', 2],
    ]);
  });
});
