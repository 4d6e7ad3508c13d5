import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../daemon/events';
import { abortable, ManualClock, type Clock } from '../session/clock';
import type { SessionOptions } from '../session/shell-session';
import { RecordingTerminal, runLine, TEST_START } from '../testing/transcript';
import { asEndpoint, delay, nodeCatalogRegistry, within } from '../testing/node-helpers';
import { RemoteSession } from './client';
import type { MessageEndpoint } from './protocol';
import { serveSession } from './serve';
import { SupervisedSession, type WorkerHandle } from './supervised-session';

const LEARNER = { username: 'learner', password: 'layerlab-password' };
const registry = nodeCatalogRegistry();
const channels: MessageChannel[] = [];

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

/** A session served in this thread; with `dropInterrupts` the serving side never hears Ctrl-C. */
function inProcessWorker(options: Omit<SessionOptions, 'state'>, dropInterrupts = false): WorkerHandle {
  const channel = new MessageChannel();
  channels.push(channel);
  const port = asEndpoint(channel.port2);
  const server: MessageEndpoint = {
    postMessage: (message) => port.postMessage(message),
    addEventListener: (type, listener) =>
      port.addEventListener(type, ({ data }) => {
        if (dropInterrupts && (data as { type?: unknown } | null)?.type === 'interrupt') return;
        listener({ data });
      }),
    start: () => port.start?.(),
  };
  serveSession(server, options);
  return {
    endpoint: asEndpoint(channel.port1),
    terminate: () => {
      channel.port1.close();
      channel.port2.close();
    },
  };
}

/** Sleeps of a day or more never end (and, with interrupts dropped, never stop); shorter ones end at once. */
const clock: Clock = {
  now: () => TEST_START,
  sleep: (ms, signal) => (ms >= 86_400_000 ? abortable(new Promise<void>(() => undefined), signal) : Promise.resolve()),
};

/** A supervised session whose first worker ignores interrupts (so `sleep 86400` gets it replaced). */
function supervised(): SupervisedSession {
  let spawned = 0;
  return new SupervisedSession(() => inProcessWorker({ clock, registry }, spawned++ === 0), { graceMs: 50 });
}

/** Runs `sleep 86400`, interrupts it and waits for the worker to be replaced. */
async function replaceWorker(session: SupervisedSession): Promise<void> {
  const run = session.run('sleep 86400', new RecordingTerminal());
  await delay(20);
  session.interrupt();
  expect(await within(run, 2000)).toBe(130);
  expect(session.replacements).toBe(1);
}

describe('registry actions over the remote session', () => {
  it('signs up, creates and revokes a token, with the engine’s events streamed to the page', async () => {
    const { port1, port2 } = new MessageChannel();
    channels.push({ port1, port2 } as MessageChannel);
    serveSession(asEndpoint(port2), { clock: new ManualClock(TEST_START), registry });
    const remote = new RemoteSession(asEndpoint(port1));
    const streamed: EngineEvent[] = [];
    remote.subscribe((event) => streamed.push(event));

    expect(await remote.registry({ kind: 'signUp', username: 'grace1906', password: 'cobol-compiler' })).toEqual({ username: 'grace1906' });
    await expect(remote.registry({ kind: 'signUp', username: 'grace1906', password: 'cobol-compiler' })).rejects.toThrow('The username “grace1906” is already taken.');
    const grace = { username: 'grace1906', password: 'cobol-compiler' };
    const created = await remote.registry({ kind: 'createToken', credentials: grace, description: 'terminal' });
    expect(created.token).toMatch(/^dckr_pat_[0-9a-f]{27}$/);
    expect((await runLine(remote, `echo ${created.token} | docker login -u grace1906 --password-stdin 2>/dev/null`)).output).toBe('Login Succeeded\n');
    await remote.registry({ kind: 'revokeToken', credentials: grace, tokenId: created.id });
    expect((await runLine(remote, `echo ${created.token} | docker login -u grace1906 --password-stdin`)).status).toBe(1);
    await delay(10);
    expect(streamed.map((event) => event.type)).toEqual(['registry.account.created', 'registry.token.created', 'registry.token.revoked']);
    await expect(remote.registry({ kind: 'createToken', credentials: { ...grace, password: 'nope' }, description: 'x' })).rejects.toThrow('Incorrect username or password.');
  });
});

describe('registry actions through the supervised session', () => {
  it('keeps a token made on the page after the last line when a stuck worker is replaced', async () => {
    const session = supervised();
    expect((await runLine(session, 'docker pull -q busybox && docker tag busybox learner/kept:v1')).status).toBe(0);
    const created = await session.registry({ kind: 'createToken', credentials: LEARNER, description: 'kept' });
    await replaceWorker(session);
    const page = await session.query({ kind: 'registry', credentials: LEARNER });
    expect(page.account?.tokens.map((token) => [token.description, token.revoked])).toEqual([
      ['Layerlab lessons', false],
      ['kept', false],
    ]);
    // The images of the last line are there too, and the token logs in and pushes.
    expect((await runLine(session, `echo ${created.token} | docker login -u learner --password-stdin 2>/dev/null && docker push -q learner/kept:v1`)).output).toBe(
      'Login Succeeded\ndocker.io/learner/kept:v1\n',
    );
  });

  it('keeps what the page did before any line completed', async () => {
    const session = supervised();
    await session.registry({ kind: 'signUp', username: 'grace1906', password: 'cobol-compiler' });
    await replaceWorker(session);
    expect((await runLine(session, 'echo cobol-compiler | docker login -u grace1906 --password-stdin 2>/dev/null')).output).toBe('Login Succeeded\n');
  });

  it('gives a replacement worker again what the page changed while the killed line ran', async () => {
    const session = supervised();
    await runLine(session, 'echo layerlab-password | docker login -u learner --password-stdin 2>/dev/null; docker pull -q busybox; docker tag busybox learner/app:v1; docker push -q learner/app:v1');
    const run = session.run('sleep 86400', new RecordingTerminal());
    await delay(20);
    expect(await session.registry({ kind: 'setVisibility', credentials: LEARNER, repository: 'learner/app', visibility: 'private' })).toEqual({ repository: 'learner/app', visibility: 'private' });
    const revoked = await session.query({ kind: 'registry', credentials: LEARNER });
    const seeded = revoked.account?.tokens[0]?.id ?? '';
    await session.registry({ kind: 'revokeToken', credentials: LEARNER, tokenId: seeded });
    session.interrupt();
    expect(await within(run, 2000)).toBe(130);
    expect(session.replacements).toBe(1);
    await delay(20);
    const page = await session.query({ kind: 'registry', credentials: LEARNER });
    expect(page.repositories.map((repository) => [repository.path, repository.visibility])).toEqual([['learner/app', 'private']]);
    expect(page.account?.tokens[0]?.revoked).toBe(true);
    expect((await runLine(session, 'docker logout >/dev/null; docker rmi learner/app:v1 >/dev/null; docker pull learner/app:v1')).output).toContain('pull access denied for learner/app');
  });
});
