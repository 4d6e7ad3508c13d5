import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../session/clock';
import { createSession } from '../session/shell-session';
import type { Session } from '../session/types';
import { RemoteSession } from '../remote/client';
import { serveSession } from '../remote/serve';
import { SupervisedSession } from '../remote/supervised-session';
import { asEndpoint, nodeCatalogRegistry } from '../testing/node-helpers';
import { runLine, TEST_START, testSession } from '../testing/transcript';
import type { Check } from './types';

const channels: MessageChannel[] = [];

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

/** A session served over a channel in this thread: the worker's side and the page's. */
function served(): { endpoint: ReturnType<typeof asEndpoint>; close: () => void } {
  const channel = new MessageChannel();
  channels.push(channel);
  serveSession(asEndpoint(channel.port2), { clock: new ManualClock(TEST_START), registry: nodeCatalogRegistry() });
  return { endpoint: asEndpoint(channel.port1), close: () => channel.port1.close() };
}

const makers: Record<string, () => Session> = {
  'the shell session': () => testSession({ registry: nodeCatalogRegistry() }),
  'a remote session': () => new RemoteSession(served().endpoint),
  'a supervised session': () =>
    new SupervisedSession(() => {
      const { endpoint, close } = served();
      return { endpoint, terminate: close };
    }),
};

const mineExists: Check[] = [{ kind: 'imageExists', image: 'mine:v1' }];

describe.each(Object.entries(makers))('command questions graded by effect, through %s', (_name, make) => {
  it('passes any correct spelling and fails a wrong command, leaving the session as it was', async () => {
    const s = make();
    expect((await runLine(s, 'docker pull -q alpine')).status).toBe(0);
    const before = await s.snapshot();
    const events: unknown[] = [];
    const stop = s.subscribe((event) => events.push(event));

    const short = await s.tryCommand('docker tag alpine mine:v1', mineExists);
    expect(short).toEqual({ output: '', status: 0, results: [{ passed: true, explanation: expect.stringMatching(/^image mine:v1 exists/) as unknown }] });
    const long = await s.tryCommand('docker image tag alpine:latest mine:v1', mineExists);
    expect(long.results[0]?.passed).toBe(true);
    const wrong = await s.tryCommand('docker tag alpine mine:v2', mineExists);
    expect(wrong).toEqual({ output: '', status: 0, results: [{ passed: false, explanation: 'there is no image mine:v1 yet' }] });
    const failing = await s.tryCommand('docker tag nosuch mine:v1', mineExists);
    expect(failing.status).toBe(1);
    expect(failing.output).toBe('Error response from daemon: No such image: nosuch:latest\n');
    expect(failing.results[0]?.passed).toBe(false);

    stop();
    expect(events).toEqual([]);
    expect(await s.snapshot()).toEqual(before);
    expect(await s.check(mineExists)).toEqual([{ passed: false, explanation: 'there is no image mine:v1 yet' }]);
  });

  it('rejects a malformed check, naming the field', async () => {
    const s = make();
    await expect(s.tryCommand('true', [{ kind: 'loggedIn' } as unknown as Check])).rejects.toThrow('checks[0].registry: required by a loggedIn check');
    await expect(s.check([{ kind: 'nope' } as unknown as Check])).rejects.toThrow(/^checks\[0\].kind: expected one of/);
  });
});

describe('a command question whose command does not end', () => {
  it('is interrupted as Ctrl-C would (after 10 s of real time), and graded on what it left', async () => {
    const session = createSession({ clock: systemClock, registry: nodeCatalogRegistry() });
    const started = Date.now();
    const result = await session.tryCommand('touch started.txt; sleep 600', [{ kind: 'homeFile', path: 'started.txt' }]);
    expect(result.status).toBe(130);
    expect(result.results[0]?.passed).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
