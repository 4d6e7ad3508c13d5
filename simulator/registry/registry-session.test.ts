import { describe, expect, it } from 'vitest';
import { restoreEngine, snapshotEngine } from '../daemon/snapshot';
import { ManualClock } from '../session/clock';
import { nodeCatalogRegistry } from '../testing/node-helpers';
import { runLine, testSession } from '../testing/transcript';
import type { Engine } from '../daemon/engine';
import type { Session } from '../session/types';

const registry = nodeCatalogRegistry();

/** The session saved and restored, with `change` made to its engine in between (as a registry's web page would make it). */
async function continued(session: Session, change: (engine: Engine) => void): Promise<Session> {
  const saved = JSON.parse(JSON.stringify(await session.snapshot())) as { engine: unknown; time: number };
  const engine = restoreEngine(saved.engine, { clock: new ManualClock(saved.time), registry });
  change(engine);
  return testSession({ registry, snapshot: { ...saved, engine: JSON.parse(JSON.stringify(snapshotEngine(engine))) } });
}

/** Runs lines one after another and returns what they printed. */
async function run(session: Session, ...lines: string[]): Promise<string> {
  let output = '';
  for (const line of lines) output += (await runLine(session, line)).output;
  return output;
}

describe('registries in a session', () => {
  it('keeps pushed repositories, accounts and logins through a snapshot, and a private Hub repository is its owner’s only', async () => {
    const first = testSession({ registry });
    await run(first, 'echo layerlab-password | docker login -u learner --password-stdin', 'docker pull -q busybox', 'docker tag busybox learner/secret:v1', 'docker push -q learner/secret:v1');
    // The Hub's page flips the repository to private through the engine's registry interface.
    const second = await continued(first, (engine) => {
      expect(engine.registry.repositories('docker.io')).toEqual([{ path: 'learner/secret', visibility: 'public', tags: ['v1'] }]);
      expect(engine.registry.setVisibility('docker.io', 'learner/secret', 'private')).toBe(true);
    });
    expect(await run(second, 'docker rmi learner/secret:v1 busybox >/dev/null', 'docker pull -q learner/secret:v1')).toBe('docker.io/learner/secret:v1\n');
    expect(await run(second, 'docker rmi learner/secret:v1 >/dev/null', 'docker logout >/dev/null', 'docker pull learner/secret:v1')).toBe(
      "Error response from daemon: pull access denied for learner/secret, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
    );
    expect(await run(second, 'docker search secret')).toBe('NAME      DESCRIPTION   STARS     OFFICIAL\n');
  });

  it('saves the contents of pushed layers no local image holds any more, so a restored session still pulls them', async () => {
    const first = testSession({ registry });
    await run(
      first,
      'echo layerlab-password | docker login -u learner --password-stdin',
      "docker run --name box busybox sh -c 'echo kept > /kept.txt'",
      'docker commit box learner/kept >/dev/null',
      'docker push -q learner/kept',
      'docker rm box >/dev/null',
      'docker rmi learner/kept busybox >/dev/null',
    );
    const second = testSession({ registry, snapshot: JSON.parse(JSON.stringify(await first.snapshot())) });
    expect(await run(second, 'docker run --rm learner/kept cat /kept.txt')).toContain('kept\n');
  });

  it('refuses a revoked access token, also when config.json still holds it', async () => {
    const first = testSession({ registry });
    expect(await run(first, 'echo dckr_pat_layerlab_learner | docker login -u learner --password-stdin 2>/dev/null')).toBe('Login Succeeded\n');
    const second = await continued(first, (engine) => expect(engine.registry.revokeToken('docker.io', 'dckr_pat_layerlab_learner')).toBe(true));
    expect(await run(second, 'echo dckr_pat_layerlab_learner | docker login -u learner --password-stdin')).toBe(
      'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n',
    );
    expect(await run(second, 'docker login < /dev/null')).toBe(
      "Authenticating with existing credentials... [Username: learner]\n\n Info -> To login with a different account, run 'docker logout' followed by 'docker login'\n\n\nStored credentials invalid or expired\nError: Cannot perform an interactive login from a non TTY device\n",
    );
  });

  it('lets a "Public Repo Read-only" token pull public repositories only; read-only and read-write tokens pull private ones too', async () => {
    const first = testSession({ registry });
    await run(first, 'echo layerlab-password | docker login -u learner --password-stdin', 'docker pull -q busybox', 'docker tag busybox learner/secret:v1', 'docker tag busybox learner/open:v1');
    await run(first, 'docker push -q learner/secret:v1', 'docker push -q learner/open:v1', 'docker rmi learner/secret:v1 learner/open:v1 >/dev/null');
    const tokens = new Map<string, string>();
    const second = await continued(first, (engine) => {
      expect(engine.registry.setVisibility('docker.io', 'learner/secret', 'private')).toBe(true);
      for (const scope of ['public-read', 'read', 'read-write'] as const) tokens.set(scope, engine.registry.createToken('docker.io', 'learner', { scope }) ?? '');
    });
    const loginWith = (scope: string) => `echo ${tokens.get(scope)} | docker login -u learner --password-stdin 2>/dev/null`;
    const denied =
      "Error response from daemon: pull access denied for learner/secret, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n";
    expect(await run(second, loginWith('public-read'), 'docker pull -q learner/secret:v1')).toBe(`Login Succeeded\n${denied}`);
    expect(await run(second, 'docker pull -q learner/open:v1', 'docker rmi learner/open:v1 >/dev/null')).toBe('docker.io/learner/open:v1\n');
    expect(await run(second, 'docker pull -q --all-tags learner/secret')).toBe(denied);
    for (const scope of ['read', 'read-write']) {
      expect(await run(second, loginWith(scope), 'docker pull -q learner/secret:v1', 'docker rmi learner/secret:v1 >/dev/null')).toBe('Login Succeeded\ndocker.io/learner/secret:v1\n');
    }
  });
});
