import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostDirectories } from '../host/directories';
import { abortable, ManualClock, systemClock, type Clock } from '../session/clock';
import { createSession, type SessionOptions } from '../session/shell-session';
import type { SessionState, TerminalIO } from '../session/types';
import { RecordingTerminal, runLine, testSession } from '../testing/transcript';
import { RemoteSession } from './client';
import type { MessageEndpoint } from './protocol';
import { serveSession } from './serve';
import { asEndpoint, delay, neverAnsweringTerminal, nodeCatalogRegistry, stripAnsi, within } from '../testing/node-helpers';
import type { EngineEvent } from '../daemon/events';

const HIGH_WATER_BYTES = 64 * 1024;

const channels: MessageChannel[] = [];

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

function openChannel(): MessageChannel {
  const channel = new MessageChannel();
  channels.push(channel);
  return channel;
}

/** A session served on one end of a channel, used through the other. */
function connect(options: Omit<SessionOptions, 'state'> = {}, state?: SessionState): RemoteSession {
  const { port1, port2 } = openChannel();
  serveSession(asEndpoint(port2), { clock: new ManualClock(Date.UTC(2026, 0, 1)), ...options });
  return new RemoteSession(asEndpoint(port1), state);
}

/** A clock whose sleeps last until the test releases them. */
class GatedClock implements Clock {
  private readonly waiting: Array<() => void> = [];
  sleeps = 0;

  now(): number {
    return Date.UTC(2026, 0, 1);
  }

  sleep(_ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps++;
    return abortable(new Promise<void>((resolve) => this.waiting.push(resolve)), signal);
  }

  release(): void {
    this.waiting.splice(0).forEach((resolve) => resolve());
  }
}

/** A terminal that takes `ms` to accept each write and logs every call. */
class SlowTerminal implements TerminalIO {
  readonly columns = 80;
  readonly log: string[] = [];
  output = '';
  writes = 0;

  constructor(
    private readonly ms: number,
    private readonly typed: string | null = null,
  ) {}

  async write(data: string): Promise<void> {
    this.writes++;
    await delay(this.ms);
    this.output += data;
    this.log.push(`write:${data}`);
  }

  async readLine(prompt: string): Promise<string | null> {
    this.log.push(`read:${prompt}`);
    return this.typed;
  }
}

async function homeState(changes: Partial<SessionState> & { env?: Record<string, string> }): Promise<SessionState> {
  const base = await createSession().state();
  return { ...base, ...changes, env: { ...base.env, ...changes.env } };
}

describe('RemoteSession over serveSession', () => {
  it('runs a line and resolves with its exit status', async () => {
    const remote = connect();
    expect(await runLine(remote, 'echo hello')).toEqual({ output: 'hello\n', status: 0 });
    expect(await runLine(remote, 'frobnicate')).toEqual({ output: 'bash: frobnicate: command not found\n', status: 127 });
    expect(await runLine(remote, 'cd /nowhere || echo fallback')).toEqual({
      output: 'bash: cd: /nowhere: No such file or directory\nfallback\n',
      status: 0,
    });
    expect(await runLine(remote, 'echo $?')).toEqual({ output: '0\n', status: 0 });
  });

  it('gives the same output as a session in the same thread', async () => {
    const remote = connect();
    const line = 'docker version; docker --help; help; docker version --foo';
    const local = await runLine(testSession(), line);
    expect(local.status).toBe(125);
    expect(await runLine(remote, line)).toEqual(local);
  });

  it('passes the terminal width to the session', async () => {
    const remote = connect();
    const wide = await localOutput('docker version --help', 200);
    const narrow = await localOutput('docker version --help', 60);
    expect(narrow).not.toBe(wide);
    const terminal = new RecordingTerminal([], 60);
    expect(await remote.run('docker version --help', terminal)).toBe(0);
    expect(terminal.output).toBe(narrow);
  });

  it('reports the state after the line with runWithState', async () => {
    const remote = connect();
    const result = await remote.runWithState('cd /tmp', new RecordingTerminal());
    expect(result.status).toBe(0);
    expect(result.state.cwd).toBe('/tmp');
    expect(result.state.env.OLDPWD).toBe('/home/learner');
    expect(result.state.lastExitCode).toBe(0);
  });

  it('streams output to the terminal while the line is still running', async () => {
    const clock = new GatedClock();
    const remote = connect({ clock });
    const terminal = new SlowTerminal(0);
    let settled = false;
    const run = remote.run('echo first; sleep 1; echo second', terminal).finally(() => {
      settled = true;
    });
    await vi.waitFor(() => expect(terminal.log).toEqual(['write:first\n']), { interval: 2, timeout: 1000 });
    await vi.waitFor(() => expect(clock.sleeps).toBe(1), { interval: 2, timeout: 1000 });
    expect(settled).toBe(false);
    clock.release();
    expect(await run).toBe(0);
    expect(terminal.log).toEqual(['write:first\n', 'write:second\n']);
  });

  it('has every write taken by the terminal before run() resolves', async () => {
    const remote = connect();
    const terminal = new SlowTerminal(5);
    expect(await remote.run('echo a; echo b; echo c', terminal)).toBe(0);
    expect(terminal.log).toEqual(['write:a\n', 'write:b\n', 'write:c\n']);
  });

  it('round-trips readLine: the prompt goes to the terminal, the typed line to the session', async () => {
    const remote = connect();
    const terminal = new RecordingTerminal(['Ada Lovelace']);
    expect(await remote.run("read -p 'Name: ' NAME", terminal)).toBe(0);
    expect(terminal.prompts).toEqual(['Name: ']);
    expect(await runLine(remote, 'echo hello $NAME')).toEqual({ output: 'hello Ada Lovelace\n', status: 0 });

    const plain = new RecordingTerminal(['x']);
    expect(await remote.run('read X', plain)).toBe(0);
    expect(plain.prompts).toEqual(['']);
    expect(await runLine(remote, 'echo $X')).toEqual({ output: 'x\n', status: 0 });
  });

  it('delivers end of input as null: read returns 1', async () => {
    const remote = connect();
    const terminal = new RecordingTerminal([null]);
    expect(await remote.run('read NAME', terminal)).toBe(1);
    expect((await remote.state()).env.NAME).toBeUndefined();
  });

  it('asks for a line only after the output before it was written', async () => {
    const remote = connect();
    const terminal = new SlowTerminal(5, 'Ada');
    expect(await remote.run("echo one; echo two; read -p 'Name: ' NAME; echo $NAME", terminal)).toBe(0);
    expect(terminal.log).toEqual(['write:one\n', 'write:two\n', 'read:Name: ', 'write:Ada\n']);
    expect((await remote.state()).env.NAME).toBe('Ada');
  });

  it('completes through the channel', async () => {
    const remote = connect();
    expect(await remote.complete('dock', 4)).toEqual({ from: 0, candidates: [{ value: 'docker' }] });
    expect(await remote.complete('docker version --f', 18)).toEqual({ from: 15, candidates: [{ value: '--format' }] });
    expect(await remote.complete('cd /usr/l', 9)).toEqual({
      from: 3,
      candidates: [
        { value: '/usr/lib/', display: 'lib/' },
        { value: '/usr/local/', display: 'local/' },
      ],
    });
    expect(await remote.complete('docker ver --help', 10)).toEqual({ from: 7, candidates: [{ value: 'version' }] });
  });

  it('shows the prompt and state through the channel, following cd', async () => {
    const remote = connect();
    expect(stripAnsi(await remote.prompt())).toBe('learner@layerlab:~$ ');
    await runLine(remote, 'cd /usr/local');
    expect(stripAnsi(await remote.prompt())).toBe('learner@layerlab:/usr/local$ ');
    const state = await remote.state();
    expect(state.cwd).toBe('/usr/local');
    expect(state.env.PWD).toBe('/usr/local');
    expect(state.env.OLDPWD).toBe('/home/learner');
  });

  it('answers concurrent requests each with its own result', async () => {
    const remote = connect();
    const [prompt, completion, state] = await Promise.all([remote.prompt(), remote.complete('ech', 3), remote.state()]);
    expect(stripAnsi(prompt)).toBe('learner@layerlab:~$ ');
    expect(completion).toEqual({ from: 0, candidates: [{ value: 'echo' }] });
    expect(state.cwd).toBe('/home/learner');
  });

  it('starts from the state given at init', async () => {
    const state = await homeState({ cwd: '/tmp', env: { PWD: '/tmp', GREETING: 'hi' }, lastExitCode: 3 });
    const remote = connect({}, state);
    expect(stripAnsi(await remote.prompt())).toBe('learner@layerlab:/tmp$ ');
    expect(await runLine(remote, 'echo $? $GREETING')).toEqual({ output: '3 hi\n', status: 0 });
    expect(await runLine(remote, 'pwd')).toEqual({ output: '/tmp\n', status: 0 });
  });

  it('rejects a call that fails inside the session with its message', async () => {
    const broken: HostDirectories = {
      isDirectory: () => {
        throw new Error('disk on fire');
      },
      children: () => [],
    };
    const remote = connect({ directories: broken });
    await expect(remote.complete('cd /u', 5)).rejects.toThrow('disk on fire');
    expect(await runLine(remote, 'echo ok')).toEqual({ output: 'ok\n', status: 0 });
  });
});

describe('RemoteSession: interrupt', () => {
  it('flushes output not yet on the screen, as a tty does on Ctrl-C, so a flooding loop stops at once', async () => {
    const remote = connect({ clock: systemClock });
    const terminal = new SlowTerminal(2);
    const run = remote.run('while true; do echo y; done', terminal);
    await vi.waitFor(() => expect(terminal.writes).toBeGreaterThan(5), { interval: 2, timeout: 2000 });
    remote.interrupt();
    const writesAtInterrupt = terminal.writes;
    expect(await within(run, 1000)).toBe(130);
    // Only the write in progress at Ctrl-C may finish; nothing queued behind it reaches the terminal.
    expect(terminal.writes - writesAtInterrupt).toBeLessThanOrEqual(1);
    expect(await runLine(remote, 'echo after')).toEqual({ output: 'after\n', status: 0 });
  });

  it('stops `sleep 60` and resolves with 130', async () => {
    const remote = connect({ clock: systemClock });
    const run = remote.run('sleep 60; echo after', new RecordingTerminal());
    await delay(50);
    remote.interrupt();
    expect(await within(run, 1000)).toBe(130);
    expect(await runLine(remote, 'echo $?')).toEqual({ output: '130\n', status: 0 });
  });

  it('stops a command waiting for a typed line', async () => {
    const remote = connect();
    const { terminal, asked: reading } = neverAnsweringTerminal();
    const run = remote.run("read -p 'Name: ' NAME", terminal);
    expect(await reading).toBe('Name: ');
    remote.interrupt();
    expect(await within(run, 1000)).toBe(130);
    expect(await runLine(remote, 'echo ok')).toEqual({ output: 'ok\n', status: 0 });
  });

  it('is harmless when nothing runs', async () => {
    const remote = connect();
    remote.interrupt();
    expect(await runLine(remote, 'echo ok')).toEqual({ output: 'ok\n', status: 0 });
  });
});

describe('RemoteSession: flow control', () => {
  const REPEAT = 200;
  const line = Array.from({ length: REPEAT }, () => 'docker version').join('; ');

  it('delivers all output, in order, to a slow terminal', async () => {
    const once = await localOutput('docker version', 80);
    expect(once.length * REPEAT).toBeGreaterThan(HIGH_WATER_BYTES);
    const remote = connect();
    const terminal = new SlowTerminal(1);
    expect(await remote.run(`${line}; echo end`, terminal)).toBe(0);
    expect(terminal.output).toBe(`${once.repeat(REPEAT)}end\n`);
    expect(terminal.writes).toBe(REPEAT + 1);
  });

  it('keeps at most the high-water mark (plus one chunk) of output unacknowledged', async () => {
    const once = await localOutput('docker version', 80);
    const { port1, port2 } = openChannel();
    let inFlight = 0;
    let maxInFlight = 0;
    const port = asEndpoint(port2);
    const server: MessageEndpoint = {
      postMessage(message) {
        if (isOutput(message)) {
          inFlight += message.data.length;
          maxInFlight = Math.max(maxInFlight, inFlight);
        }
        port.postMessage(message);
      },
      addEventListener(type, listener) {
        port.addEventListener(type, ({ data }) => {
          if (isAck(data)) inFlight -= data.bytes;
          listener({ data });
        });
      },
      start: () => port.start?.(),
    };
    serveSession(server, { clock: new ManualClock(0) });
    const remote = new RemoteSession(asEndpoint(port1));
    const terminal = new SlowTerminal(1);
    expect(await remote.run(line, terminal)).toBe(0);
    expect(terminal.output).toBe(once.repeat(REPEAT));
    expect(maxInFlight).toBeGreaterThanOrEqual(HIGH_WATER_BYTES);
    expect(maxInFlight).toBeLessThan(HIGH_WATER_BYTES + once.length);
    await vi.waitFor(() => expect(inFlight).toBe(0), { interval: 2, timeout: 500 });
  });
});

async function localOutput(line: string, columns: number): Promise<string> {
  const terminal = new RecordingTerminal([], columns);
  await testSession().run(line, terminal);
  return terminal.output;
}

function isOutput(message: unknown): message is { type: 'output'; data: string } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'output';
}

function isAck(message: unknown): message is { type: 'ack'; bytes: number } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ack';
}

describe('the views over the remote session', () => {
  const catalogSession = (): RemoteSession => connect({ registry: nodeCatalogRegistry() });

  it('answers queries with plain data, and fails them with the daemon’s message', async () => {
    const remote = catalogSession();
    expect((await runLine(remote, 'docker pull -q alpine')).status).toBe(0);
    const layers = await remote.query({ kind: 'imageLayers', image: 'alpine' });
    expect(layers.names).toEqual(['alpine:latest']);
    expect(layers.rows.filter((row) => row.kind === 'layer')).toHaveLength(1);
    const local = testSession({ registry: nodeCatalogRegistry() });
    await runLine(local, 'docker pull -q alpine');
    expect(await remote.query({ kind: 'layerTree', image: 'alpine', layer: 0, path: '/etc' })).toEqual(await local.query({ kind: 'layerTree', image: 'alpine', layer: 0, path: '/etc' }));
    await expect(remote.query({ kind: 'efficiency', image: 'missing' })).rejects.toThrow('No such image: missing:latest');
  });

  it('streams the engine’s events as they happen and returns each line’s with its result', async () => {
    const remote = catalogSession();
    const streamed: EngineEvent[] = [];
    remote.subscribe((event) => streamed.push(event));
    const pulled = await remote.runWithState('docker pull -q alpine', new RecordingTerminal());
    expect(pulled.events.map((event) => event.type)).toEqual(['image.pulled']);
    const tagged = await remote.runWithState('docker tag alpine mine:v1 && docker rmi mine:v1', new RecordingTerminal());
    expect(tagged.events.map((event) => event.type)).toEqual(['image.tagged', 'image.untagged']);
    expect(streamed).toEqual([...pulled.events, ...tagged.events]);
    expect(await remote.events()).toEqual(streamed);
    expect(await remote.events(pulled.events[0]?.id)).toEqual(tagged.events);
  });
});
