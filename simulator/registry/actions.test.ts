import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../daemon/events';
import { nodeCatalogRegistry } from '../testing/node-helpers';
import { runLine, testSession, TEST_START } from '../testing/transcript';
import type { Session } from '../session/types';

const LEARNER = { username: 'learner', password: 'layerlab-password' };
const registry = nodeCatalogRegistry();

async function run(session: Session, line: string): Promise<string> {
  return (await runLine(session, line)).output;
}

function recorded(session: Session): EngineEvent[] {
  const events: EngineEvent[] = [];
  session.subscribe((event) => events.push(event));
  return events;
}

describe('registry actions: sign up', () => {
  it('creates a Docker ID that logs in and pushes to its own namespace', async () => {
    const s = testSession({ registry });
    const events = recorded(s);
    expect(await s.registry({ kind: 'signUp', username: 'ada2026', password: 'analytical-engine', email: 'ada@example.com' })).toEqual({ username: 'ada2026' });
    expect(events.map(({ type, ...rest }) => [type, (rest as { username?: string }).username])).toEqual([['registry.account.created', 'ada2026']]);
    expect(await run(s, 'echo analytical-engine | docker login -u ada2026 --password-stdin 2>/dev/null')).toBe('Login Succeeded\n');
    await run(s, 'docker pull -q busybox && docker tag busybox ada2026/first:v1');
    expect((await runLine(s, 'docker push -q ada2026/first:v1')).status).toBe(0);
    const page = await s.query({ kind: 'registry', credentials: { username: 'ada2026', password: 'analytical-engine' } });
    expect(page.account).toEqual({ username: 'ada2026', tokens: [] });
    expect(page.repositories.map((repository) => [repository.path, repository.owned])).toEqual([['ada2026/first', true]]);
  });

  it('refuses taken and reserved names, malformed names and weak passwords, saying why', async () => {
    const s = testSession({ registry });
    await expect(s.registry({ kind: 'signUp', username: 'learner', password: 'a-long-password' })).rejects.toThrow('The username “learner” is already taken. Choose another one.');
    await expect(s.registry({ kind: 'signUp', username: 'library', password: 'a-long-password' })).rejects.toThrow('already taken');
    await expect(s.registry({ kind: 'signUp', username: 'Ada', password: 'a-long-password' })).rejects.toThrow('4 to 30 characters long and contain only lowercase letters (a–z) and numbers (0–9)');
    await expect(s.registry({ kind: 'signUp', username: 'ada', password: 'a-long-password' })).rejects.toThrow('4 to 30 characters');
    await expect(s.registry({ kind: 'signUp', username: 'ada-l', password: 'a-long-password' })).rejects.toThrow('4 to 30 characters');
    await expect(s.registry({ kind: 'signUp', username: 'adalovelace', password: 'short' })).rejects.toThrow('Passwords must be at least 9 characters long.');
    await expect(s.registry({ kind: 'signUp', username: 'adalovelace', password: 'password123' })).rejects.toThrow('too easy to guess');
    await expect(s.registry({ kind: 'signUp', username: 'adalovelace', password: 'adalovelace1' })).rejects.toThrow('too easy to guess');
    await expect(s.registry({ kind: 'signUp', username: 'adalovelace', password: 'aaaaaaaaaaaa' })).rejects.toThrow('too easy to guess');
    await expect(s.registry({ kind: 'signUp', username: 'adalovelace', password: 'analytical-engine', email: 'not an address' })).rejects.toThrow('Enter a valid email address');
    expect(await s.events()).toEqual([]);
  });
});

describe('registry actions: sign in', () => {
  it('takes the password, refuses a token or a wrong password, and changes nothing', async () => {
    const s = testSession({ registry });
    const before = JSON.stringify(await s.snapshot());
    expect(await s.registry({ kind: 'signIn', ...LEARNER })).toEqual({ username: 'learner' });
    await expect(s.registry({ kind: 'signIn', username: 'learner', password: 'dckr_pat_layerlab_learner' })).rejects.toThrow('Access tokens cannot sign in');
    await expect(s.registry({ kind: 'signIn', username: 'learner', password: 'nope' })).rejects.toThrow('Incorrect username or password.');
    await expect(s.registry({ kind: 'signIn', username: 'nobody', password: 'nope' })).rejects.toThrow('Incorrect username or password.');
    expect(JSON.stringify(await s.snapshot())).toBe(before);
    expect(await s.events()).toEqual([]);
  });
});

describe('registry actions: personal access tokens', () => {
  it('creates a token shown once in Docker’s format, which logs in until it is revoked', async () => {
    const s = testSession({ registry });
    const events = recorded(s);
    const created = await s.registry({ kind: 'createToken', credentials: LEARNER, description: 'laptop', scope: 'read-write' });
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/), token: expect.stringMatching(/^dckr_pat_[0-9a-f]{27}$/), description: 'laptop', scope: 'read-write', createdAt: TEST_START });
    const page = await s.query({ kind: 'registry', credentials: LEARNER });
    expect(page.account?.tokens).toEqual([
      { id: expect.any(String), masked: 'dckr_pat_…rner', description: 'Layerlab lessons', scope: 'read-write-delete', createdAt: 0, revoked: false },
      { id: created.id, masked: `dckr_pat_…${created.token.slice(-4)}`, description: 'laptop', scope: 'read-write', createdAt: TEST_START, revoked: false },
    ]);
    // The page never sees a token's text again.
    expect(JSON.stringify(page)).not.toContain(created.token);
    expect(await run(s, `echo ${created.token} | docker login -u learner --password-stdin 2>/dev/null`)).toBe('Login Succeeded\n');

    expect(await s.registry({ kind: 'revokeToken', credentials: LEARNER, tokenId: created.id })).toEqual({ id: created.id, description: 'laptop' });
    expect((await s.query({ kind: 'registry', credentials: LEARNER })).account?.tokens[1]?.revoked).toBe(true);
    expect(await run(s, `echo ${created.token} | docker login -u learner --password-stdin`)).toBe(
      'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password\n',
    );
    expect(events.map((event) => event.type)).toEqual(['registry.token.created', 'registry.token.revoked']);
    expect(JSON.stringify(events)).not.toContain(created.token);
    await expect(s.registry({ kind: 'revokeToken', credentials: LEARNER, tokenId: created.id })).rejects.toThrow('already revoked');
    await expect(s.registry({ kind: 'revokeToken', credentials: LEARNER, tokenId: 'nope' })).rejects.toThrow('No such access token');
  });

  it('checks the credentials: a wrong password, someone else’s token, or a token in place of the password', async () => {
    const s = testSession({ registry });
    await expect(s.registry({ kind: 'createToken', credentials: { username: 'learner', password: 'wrong' }, description: 'x' })).rejects.toThrow('Incorrect username or password.');
    await expect(s.registry({ kind: 'createToken', credentials: { username: 'learner', password: 'dckr_pat_layerlab_learner' }, description: 'x' })).rejects.toThrow(
      'Access tokens cannot sign in to the website: use your password.',
    );
    await expect(s.registry({ kind: 'createToken', credentials: LEARNER, description: '   ' })).rejects.toThrow('Give the token a description');
    await s.registry({ kind: 'signUp', username: 'mallory', password: 'not-the-learner' });
    const [seeded] = (await s.query({ kind: 'registry', credentials: LEARNER })).account?.tokens ?? [];
    await expect(s.registry({ kind: 'revokeToken', credentials: { username: 'mallory', password: 'not-the-learner' }, tokenId: seeded?.id ?? '' })).rejects.toThrow('No such access token');
  });

  it('lets a read-only token pull but not push', async () => {
    const s = testSession({ registry });
    const { token } = await s.registry({ kind: 'createToken', credentials: LEARNER, description: 'CI pulls', scope: 'read' });
    await run(s, `echo ${token} | docker login -u learner --password-stdin 2>/dev/null`);
    await run(s, 'docker pull -q busybox && docker tag busybox learner/ro:v1');
    const pushed = await runLine(s, 'docker push -q learner/ro:v1');
    expect(pushed.status).toBe(1);
    expect(pushed.output).toContain('unauthorized: access token has insufficient scopes');
  });
});

describe('registry actions: visibility', () => {
  it('makes a pushed repository private: anonymous pulls are refused, its owner still pulls', async () => {
    const s = testSession({ registry });
    await run(s, 'echo layerlab-password | docker login -u learner --password-stdin 2>/dev/null; docker pull -q busybox; docker tag busybox learner/app:v1; docker push -q learner/app:v1');
    const events = recorded(s);
    expect(await s.registry({ kind: 'setVisibility', credentials: LEARNER, repository: 'learner/app', visibility: 'private' })).toEqual({ repository: 'learner/app', visibility: 'private' });
    expect(events.map((event) => event.type)).toEqual(['registry.visibility.changed']);
    expect((await runLine(s, 'docker rmi learner/app:v1 && docker pull -q learner/app:v1')).status).toBe(0);
    expect(await run(s, 'docker rmi learner/app:v1 >/dev/null; docker logout >/dev/null; docker pull learner/app:v1')).toContain('pull access denied for learner/app');
    expect((await s.query({ kind: 'registry' })).repositories).toEqual([]);
    await s.registry({ kind: 'setVisibility', credentials: LEARNER, repository: 'learner/app', visibility: 'public' });
    expect((await runLine(s, 'docker pull -q learner/app:v1')).status).toBe(0);
  });

  it('refuses repositories that are not there or not the account’s', async () => {
    const s = testSession({ registry });
    await run(s, 'echo layerlab-password | docker login -u learner --password-stdin 2>/dev/null; docker pull -q busybox; docker tag busybox learner/app:v1; docker push -q learner/app:v1');
    await s.registry({ kind: 'signUp', username: 'mallory', password: 'not-the-learner' });
    const mallory = { username: 'mallory', password: 'not-the-learner' };
    await expect(s.registry({ kind: 'setVisibility', credentials: mallory, repository: 'learner/app', visibility: 'private' })).rejects.toThrow('Only the owner of learner/app may change its visibility.');
    await expect(s.registry({ kind: 'setVisibility', credentials: LEARNER, repository: 'learner/none', visibility: 'private' })).rejects.toThrow('No repository learner/none here.');
    await expect(s.registry({ kind: 'setVisibility', credentials: LEARNER, repository: 'library/alpine', visibility: 'private' })).rejects.toThrow('No repository library/alpine here.');
  });

  it('keeps accounts and token details through a snapshot', async () => {
    const s = testSession({ registry });
    await s.registry({ kind: 'signUp', username: 'ada2026', password: 'analytical-engine', email: 'ada@example.com' });
    const created = await s.registry({ kind: 'createToken', credentials: { username: 'ada2026', password: 'analytical-engine' }, description: 'notebook', scope: 'public-read' });
    const restored = testSession({ registry, snapshot: JSON.parse(JSON.stringify(await s.snapshot())) });
    const page = await restored.query({ kind: 'registry', credentials: { username: 'ada2026', password: 'analytical-engine' } });
    expect(page.account?.tokens).toEqual([{ id: created.id, masked: `dckr_pat_…${created.token.slice(-4)}`, description: 'notebook', scope: 'public-read', createdAt: TEST_START, revoked: false }]);
    expect(await restored.registry({ kind: 'revokeToken', credentials: { username: 'ada2026', password: 'analytical-engine' }, tokenId: created.id })).toEqual({ id: created.id, description: 'notebook' });
  });
});
