import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortable, systemClock, type Clock } from '../session/clock';
import { createSession, type SessionOptions } from '../session/shell-session';
import type { SessionState, TerminalIO } from '../session/types';
import { RecordingTerminal, runLine } from '../testing/transcript';
import type { MessageEndpoint } from './protocol';
import { serveSession } from './serve';
import { SupervisedSession, type WorkerHandle } from './supervised-session';
import { asEndpoint, delay, nodeCatalogRegistry, stripAnsi, within } from '../testing/node-helpers';
import type { EngineEvent } from '../daemon/events';

/** A worker that takes `init` and then spins forever on the first `run`: it can never see an interrupt. */
const STUCK_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if (message && message.type === 'run') for (;;) {}
});
`;

const workers: Worker[] = [];
const channels: MessageChannel[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

interface StuckWorker {
  handle: WorkerHandle;
  online: Promise<void>;
  exited: Promise<number>;
  terminated: () => number;
}

function stuckWorker(): StuckWorker {
  const worker = new Worker(STUCK_WORKER, { eval: true });
  workers.push(worker);
  let terminations = 0;
  const endpoint: MessageEndpoint = {
    postMessage: (message) => worker.postMessage(message),
    addEventListener: (_type, listener) => {
      worker.on('message', (data: unknown) => listener({ data }));
    },
  };
  return {
    handle: {
      endpoint,
      terminate: () => {
        terminations++;
        void worker.terminate();
      },
    },
    online: new Promise((resolve) => worker.once('online', () => resolve())),
    exited: new Promise((resolve) => worker.once('exit', resolve)),
    terminated: () => terminations,
  };
}

interface InProcessWorker {
  handle: WorkerHandle;
  terminated: () => number;
}

/**
 * A session served in this thread. With `dropInterrupts`, the serving side
 * never hears of an interrupt: a command that waits keeps waiting.
 */
function inProcessWorker(options: Omit<SessionOptions, 'state'> = {}, dropInterrupts = false): InProcessWorker {
  const channel = new MessageChannel();
  channels.push(channel);
  const { port1, port2 } = channel;
  const port = asEndpoint(port2);
  const server: MessageEndpoint = {
    postMessage: (message) => port.postMessage(message),
    addEventListener: (type, listener) => {
      port.addEventListener(type, ({ data }) => {
        if (dropInterrupts && typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'interrupt') return;
        listener({ data });
      });
    },
    start: () => port.start?.(),
  };
  serveSession(server, options);
  let terminations = 0;
  return {
    handle: {
      endpoint: asEndpoint(port1),
      terminate: () => {
        terminations++;
        port1.close();
        port2.close();
      },
    },
    terminated: () => terminations,
  };
}

/** A clock whose sleeps never end on their own (and hold no timer). */
const foreverClock: Clock = {
  now: () => Date.UTC(2026, 0, 1),
  sleep: (_ms, signal) => abortable(new Promise<void>(() => undefined), signal),
};

async function stateIn(cwd: string): Promise<SessionState> {
  const base = await createSession().state();
  return { ...base, cwd, env: { ...base.env, PWD: cwd, OLDPWD: base.cwd } };
}

describe('SupervisedSession', () => {
  it('replaces a worker that ignores an interrupt, resolving the run with 130', async () => {
    const stuck = stuckWorker();
    const replacements: InProcessWorker[] = [];
    let first = true;
    const spawn = (): WorkerHandle => {
      if (first) {
        first = false;
        return stuck.handle;
      }
      const worker = inProcessWorker();
      replacements.push(worker);
      return worker.handle;
    };
    const session = new SupervisedSession(spawn, { graceMs: 100, state: await stateIn('/tmp') });

    const terminal = new RecordingTerminal();
    const run = session.run('anything', terminal);
    await stuck.online;
    await delay(20);
    const interruptedAt = Date.now();
    session.interrupt();
    expect(session.replacements).toBe(0);

    expect(await within(run, 2000)).toBe(130);
    expect(Date.now() - interruptedAt).toBeGreaterThanOrEqual(90);
    expect(session.replacements).toBe(1);
    expect(stuck.terminated()).toBe(1);
    expect(await within(stuck.exited, 2000)).toBe(1);
    expect(replacements).toHaveLength(1);
    expect(terminal.output).toBe('');

    // The new worker starts from the state given at construction, with $? of the killed line.
    expect(await runLine(session, 'echo $?')).toEqual({ output: '130\n', status: 0 });
    expect(await runLine(session, 'pwd')).toEqual({ output: '/tmp\n', status: 0 });
    expect(await runLine(session, 'echo $PWD $OLDPWD')).toEqual({ output: '/tmp /home/learner\n', status: 0 });
    expect(stripAnsi(await session.prompt())).toBe('learner@layerlab:/tmp$ ');
    expect(await session.complete('docker ver', 10)).toEqual({ from: 7, candidates: [{ value: 'version' }] });
    expect(session.replacements).toBe(1);
    expect(replacements[0]?.terminated()).toBe(0);
  });

  it('lets a well-behaved worker stop on its own, without replacing it', async () => {
    const spawned: InProcessWorker[] = [];
    const spawn = (): WorkerHandle => {
      const worker = inProcessWorker({ clock: systemClock });
      spawned.push(worker);
      return worker.handle;
    };
    const session = new SupervisedSession(spawn, { graceMs: 100 });

    const run = session.run('sleep 60; echo after', new RecordingTerminal());
    await delay(50);
    session.interrupt();
    expect(await within(run, 1000)).toBe(130);

    await delay(150); // past graceMs: no watchdog may fire now
    expect(session.replacements).toBe(0);
    expect(spawned).toHaveLength(1);
    expect(spawned[0]?.terminated()).toBe(0);
    // Same worker, same shell: $? is the interrupted line's status.
    expect(await runLine(session, 'echo $?')).toEqual({ output: '130\n', status: 0 });
  });

  it('does not replace a worker when interrupted while idle', async () => {
    const spawned: InProcessWorker[] = [];
    const session = new SupervisedSession(
      () => {
        const worker = inProcessWorker();
        spawned.push(worker);
        return worker.handle;
      },
      { graceMs: 20 },
    );
    session.interrupt();
    await delay(60);
    expect(session.replacements).toBe(0);
    expect(await runLine(session, 'echo ok')).toEqual({ output: 'ok\n', status: 0 });
    expect(spawned).toHaveLength(1);
  });

  it('restarts from the state after the last completed line', async () => {
    const spawned: InProcessWorker[] = [];
    const spawn = (): WorkerHandle => {
      // The first worker never hears interrupts; its replacement does.
      const worker = spawned.length === 0 ? inProcessWorker({ clock: foreverClock }, true) : inProcessWorker();
      spawned.push(worker);
      return worker.handle;
    };
    const session = new SupervisedSession(spawn, { graceMs: 50 });

    expect(await runLine(session, 'cd /usr/local')).toEqual({ output: '', status: 0 });
    expect(await runLine(session, 'read NAME', ['Ada'])).toEqual({ output: 'Ada\n', status: 0 });
    // The learner's files survive too, not only the shell.
    expect(await runLine(session, 'echo kept > /tmp/note')).toEqual({ output: '', status: 0 });

    const terminal = new RecordingTerminal();
    const run = session.run('echo started; sleep 60; cd /tmp', terminal);
    await delay(20);
    session.interrupt();
    expect(await within(run, 1000)).toBe(130);
    expect(session.replacements).toBe(1);
    expect(spawned).toHaveLength(2);
    expect(spawned[0]?.terminated()).toBe(1);
    expect(terminal.output).toBe('started\n');

    expect(await runLine(session, 'pwd')).toEqual({ output: '/usr/local\n', status: 0 });
    expect(await runLine(session, 'echo $NAME')).toEqual({ output: 'Ada\n', status: 0 });
    expect(await runLine(session, 'echo $?; cat /tmp/note')).toEqual({ output: '0\nkept\n', status: 0 });
  });

  it('keeps a worker whose line takes Ctrl-C itself, such as a container shell at its prompt', async () => {
    const spawned: InProcessWorker[] = [];
    const session = new SupervisedSession(
      () => {
        const worker = inProcessWorker({ registry: nodeCatalogRegistry() });
        spawned.push(worker);
        return worker.handle;
      },
      { graceMs: 50 },
    );
    expect((await runLine(session, 'docker pull -q alpine')).status).toBe(0);
    const prompts: string[] = [];
    let answer: ((line: string | null) => void) | undefined;
    const terminal: TerminalIO = {
      columns: 80,
      write: async () => undefined,
      readLine: (prompt) => {
        prompts.push(prompt);
        return new Promise((resolve) => (answer = resolve));
      },
    };
    const run = session.run('docker run -it alpine sh', terminal);
    await vi.waitFor(() => expect(prompts).toEqual(['/ # ']), { interval: 2, timeout: 2000 });
    session.interrupt();
    await vi.waitFor(() => expect(prompts).toEqual(['/ # ', '/ # ']), { interval: 2, timeout: 2000 });
    await delay(150); // past graceMs: the worker acknowledged the interrupt, so it stays
    expect(session.replacements).toBe(0);
    answer?.('exit 7');
    expect(await within(run, 2000)).toBe(7);
    expect(spawned).toHaveLength(1);
  });

  it('fails other calls in flight on the replaced worker', async () => {
    const stuck = stuckWorker();
    let first = true;
    const spawn = (): WorkerHandle => {
      if (first) {
        first = false;
        return stuck.handle;
      }
      return inProcessWorker().handle;
    };
    const session = new SupervisedSession(spawn, { graceMs: 50 });
    const run = session.run('anything', new RecordingTerminal());
    await stuck.online;
    const prompt = session.prompt();
    session.interrupt();
    await expect(prompt).rejects.toThrow('the session worker was replaced');
    expect(await within(run, 1000)).toBe(130);
    expect(stripAnsi(await session.prompt())).toBe('learner@layerlab:~$ ');
  });
});

describe('SupervisedSession and the views', () => {
  it('passes queries and events through, and a replacement worker numbers its events on', async () => {
    /** Sleeps of a day or more never end (and ignore Ctrl-C, whose message is dropped); shorter ones end at once. */
    const clock: Clock = {
      now: () => Date.UTC(2026, 0, 1),
      sleep: (ms, signal) => (ms >= 86_400_000 ? abortable(new Promise<void>(() => undefined), signal) : Promise.resolve()),
    };
    let spawned = 0;
    const spawn = (): WorkerHandle => inProcessWorker({ clock, registry: nodeCatalogRegistry() }, spawned++ === 0).handle;
    const session = new SupervisedSession(spawn, { graceMs: 50 });
    const events: EngineEvent[] = [];
    session.subscribe((event) => events.push(event));

    expect((await runLine(session, 'docker pull -q hello-world')).status).toBe(0);
    expect((await session.query({ kind: 'images' })).map((image) => image.names)).toEqual([['hello-world:latest']]);
    const run = session.run('sleep 86400', new RecordingTerminal());
    await delay(20);
    session.interrupt();
    expect(await within(run, 2000)).toBe(130);
    expect(session.replacements).toBe(1);

    expect((await runLine(session, 'docker tag hello-world hw:v2')).status).toBe(0);
    expect(events.map((event) => [event.type, event.id])).toEqual([
      ['image.pulled', 1],
      ['image.tagged', 2],
    ]);
    expect((await session.query({ kind: 'images' }))[0]?.names).toEqual(['hello-world:latest', 'hw:v2']);
    expect((await session.events()).map((event) => event.id)).toEqual([2]);
  });
});
