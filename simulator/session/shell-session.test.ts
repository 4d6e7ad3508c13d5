import { describe, expect, it, vi } from 'vitest';
import type { Registry } from '../registry/registry';
import { RecordingTerminal, runLine, testSession } from '../testing/transcript';
import { abortable, systemClock, type Clock } from './clock';
import { createSession } from './shell-session';
import type { Session, TerminalIO } from './types';
import { delay, neverAnsweringTerminal, nodeCatalogRegistry, stripAnsi, within } from '../testing/node-helpers';

const HOME_PROMPT = 'learner@layerlab:~$ ';

/** Tracks whether a promise has settled, without awaiting it. */
function track<T>(promise: Promise<T>): { settled: () => boolean; promise: Promise<T> } {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  return { settled: () => done, promise: tracked };
}

/** Resolves with `value` unless `promise` settles first within `ms`. */
/** A clock whose sleeps last until the test releases them; time itself stands still. */
class GatedClock implements Clock {
  private readonly waiting: Array<() => void> = [];
  sleeps: number[] = [];

  now(): number {
    return Date.UTC(2026, 0, 1);
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return abortable(new Promise<void>((resolve) => this.waiting.push(resolve)), signal);
  }

  release(): void {
    this.waiting.splice(0).forEach((resolve) => resolve());
  }
}

/** A terminal that records every call in order; reads are answered by `answer`. */
class LoggingTerminal implements TerminalIO {
  readonly columns = 80;
  readonly log: string[] = [];

  constructor(private readonly answer: (prompt: string) => Promise<string | null> = async () => null) {}

  async write(data: string): Promise<void> {
    this.log.push(`write:${data}`);
  }

  readLine(prompt: string): Promise<string | null> {
    this.log.push(`read:${prompt}`);
    return this.answer(prompt);
  }
}

describe('ShellSession: streamed output', () => {
  it('writes each command’s output to the terminal as it runs, before later commands (system clock)', async () => {
    const session = createSession({ clock: systemClock });
    const terminal = new LoggingTerminal();
    const run = track(session.run('echo first; sleep 0.2; echo second', terminal));

    // "first" reaches the terminal while `sleep 0.2` is still running.
    await vi.waitFor(() => expect(terminal.log).toEqual(['write:first\n']), { interval: 5, timeout: 150 });
    expect(run.settled()).toBe(false);

    expect(await run.promise).toBe(0);
    expect(terminal.log).toEqual(['write:first\n', 'write:second\n']);
  });

  it('records write calls in order, each before run() resolves (gated clock)', async () => {
    const clock = new GatedClock();
    const session = createSession({ clock });
    const events: string[] = [];
    const terminal: TerminalIO = {
      columns: 80,
      write: async (data) => {
        events.push(`write:${data}`);
      },
      readLine: async () => null,
    };
    const run = session.run('echo first; sleep 1; echo second', terminal).then((status) => {
      events.push(`resolved:${status}`);
      return status;
    });

    await vi.waitFor(() => expect(clock.sleeps).toEqual([1000]), { interval: 1, timeout: 500 });
    expect(events).toEqual(['write:first\n']);

    clock.release();
    expect(await run).toBe(0);
    expect(events).toEqual(['write:first\n', 'write:second\n', 'resolved:0']);
  });

  it('waits for the terminal to take each write before running the next command', async () => {
    const session = testSession();
    const events: string[] = [];
    const terminal: TerminalIO = {
      columns: 80,
      write: async (data) => {
        events.push(`start:${data.trim()}`);
        await delay(5);
        events.push(`taken:${data.trim()}`);
      },
      readLine: async () => null,
    };
    expect(await session.run('echo a; echo b', terminal)).toBe(0);
    expect(events).toEqual(['start:a', 'taken:a', 'start:b', 'taken:b']);
  });
});

describe('ShellSession: exit statuses', () => {
  it('returns 0 for a successful command and 127 for an unknown one', async () => {
    const session = testSession();
    expect(await runLine(session, 'echo ok')).toEqual({ output: 'ok\n', status: 0 });
    expect(await runLine(session, 'frobnicate now')).toEqual({ output: 'bash: frobnicate: command not found\n', status: 127 });
  });

  it('sets $? to the status of the previous line', async () => {
    const session = testSession();
    expect((await runLine(session, 'cd /nowhere')).status).toBe(1);
    expect(await runLine(session, 'echo $?')).toEqual({ output: '1\n', status: 0 });
    expect((await runLine(session, "docker version --format '{{foo}}'")).status).toBe(64);
    expect(await runLine(session, 'echo $?')).toEqual({ output: '64\n', status: 0 });
    expect(await runLine(session, 'echo $?')).toEqual({ output: '0\n', status: 0 });
  });

  it('keeps $? on an empty line', async () => {
    const session = testSession();
    expect((await runLine(session, 'frobnicate')).status).toBe(127);
    expect(await runLine(session, '')).toEqual({ output: '', status: 127 });
    expect((await session.state()).lastExitCode).toBe(127);
  });

  it('&& runs the next command only after success', async () => {
    const session = testSession();
    expect(await runLine(session, 'echo a && echo b')).toEqual({ output: 'a\nb\n', status: 0 });
    expect(await runLine(session, 'cd /nowhere && echo b')).toEqual({ output: 'bash: cd: /nowhere: No such file or directory\n', status: 1 });
  });

  it('|| runs the next command only after failure', async () => {
    const session = testSession();
    expect(await runLine(session, 'echo a || echo b')).toEqual({ output: 'a\n', status: 0 });
    expect(await runLine(session, 'frobnicate || echo b')).toEqual({ output: 'bash: frobnicate: command not found\nb\n', status: 0 });
  });

  it('chains && and || left to right, as bash does', async () => {
    const session = testSession();
    expect(await runLine(session, 'frobnicate && echo x || echo y')).toEqual({ output: 'bash: frobnicate: command not found\ny\n', status: 0 });
    expect(await runLine(session, 'echo a || frobnicate && echo c')).toEqual({ output: 'a\nc\n', status: 0 });
    expect(await runLine(session, 'echo a && frobnicate || cd /nowhere')).toEqual({
      output: 'a\nbash: frobnicate: command not found\nbash: cd: /nowhere: No such file or directory\n',
      status: 1,
    });
  });

  it('; runs the next command whatever the status', async () => {
    const session = testSession();
    expect(await runLine(session, 'cd /nowhere; echo after')).toEqual({ output: 'bash: cd: /nowhere: No such file or directory\nafter\n', status: 0 });
    expect(await runLine(session, 'echo before; frobnicate')).toEqual({ output: 'before\nbash: frobnicate: command not found\n', status: 127 });
  });
});

describe('ShellSession: read', () => {
  it('shows the -p prompt through readLine and stores the typed line for the next line', async () => {
    const session = testSession();
    const terminal = new RecordingTerminal(['Ada']);
    expect(await session.run("read -p 'Name: ' NAME", terminal)).toBe(0);
    expect(terminal.prompts).toEqual(['Name: ']);
    expect(await runLine(session, 'echo hello $NAME')).toEqual({ output: 'hello Ada\n', status: 0 });
  });

  it('asks with an empty prompt when no -p is given', async () => {
    const session = testSession();
    const terminal = new RecordingTerminal(['x']);
    expect(await session.run('read X', terminal)).toBe(0);
    expect(terminal.prompts).toEqual(['']);
  });

  it('returns 1 at end of input and leaves the variable unset', async () => {
    const session = testSession();
    const terminal = new RecordingTerminal([null]);
    expect(await session.run('read NAME', terminal)).toBe(1);
    expect((await session.state()).env.NAME).toBeUndefined();
    expect(await runLine(session, 'echo $?')).toEqual({ output: '1\n', status: 0 });
  });

  it('stores the whole line, unmodified, in REPLY when no name is given', async () => {
    const session = testSession();
    expect((await runLine(session, 'read', ['  two  words  '])).status).toBe(0);
    expect((await session.state()).env.REPLY).toBe('  two  words  ');
  });

  it('gives the last name the rest of the line with its inner spacing, as bash does', async () => {
    const session = testSession();
    expect((await runLine(session, 'read A B', ['  one two   three  '])).status).toBe(0);
    const { env } = await session.state();
    expect([env.A, env.B]).toEqual(['one', 'two   three']);
  });

  it('accepts grouped options such as -rp', async () => {
    const session = testSession();
    const terminal = new RecordingTerminal(['v\\x']);
    expect(await session.run("read -rp 'P: ' X", terminal)).toBe(0);
    expect(terminal.prompts).toEqual(['P: ']);
    expect((await session.state()).env.X).toBe('v\\x');
    expect(await runLine(session, 'read -z')).toEqual({
      output: 'bash: read: -z: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n',
      status: 2,
    });
  });

  it('splits fields across several names', async () => {
    const session = testSession();
    expect((await runLine(session, 'read A B', ['one two'])).status).toBe(0);
    const { env } = await session.state();
    expect([env.A, env.B]).toEqual(['one', 'two']);
  });

  it('reads after the output written before it', async () => {
    const session = testSession();
    const terminal = new LoggingTerminal(async () => 'Ada');
    expect(await session.run("echo hi; read -p 'Name: ' NAME; echo done", terminal)).toBe(0);
    expect(terminal.log).toEqual(['write:hi\n', 'read:Name: ', 'write:done\n']);
  });
});

describe('ShellSession: interrupt', () => {
  it('stops `sleep 60` and resolves with 130; $? is then 130', async () => {
    const session = createSession({ clock: systemClock });
    const terminal = new RecordingTerminal();
    const run = session.run('sleep 60', terminal);
    await delay(50);
    session.interrupt();
    expect(await within(run, 1000)).toBe(130);
    expect((await session.state()).lastExitCode).toBe(130);
    expect(await runLine(session, 'echo $?')).toEqual({ output: '130\n', status: 0 });
  });

  it('abandons the rest of the line', async () => {
    const session = createSession({ clock: systemClock });
    const terminal = new RecordingTerminal();
    const run = session.run('echo before; sleep 60; echo after; echo again', terminal);
    await delay(20);
    session.interrupt();
    expect(await within(run, 1000)).toBe(130);
    expect(terminal.output).toBe('before\n');
  });

  it('stops a command waiting in readLine', async () => {
    const session = testSession();
    const { terminal, asked: reading } = neverAnsweringTerminal();
    const run = session.run("read -p 'Name: ' NAME", terminal);
    expect(await reading).toBe('Name: ');
    session.interrupt();
    expect(await within(run, 1000)).toBe(130);
    expect((await session.state()).env.NAME).toBeUndefined();
  });

  it('stops a command whose output the terminal never takes', async () => {
    const session = testSession();
    const written: string[] = [];
    const terminal: TerminalIO = {
      columns: 80,
      write: (data) => {
        written.push(data);
        return new Promise<void>(() => undefined);
      },
      readLine: async () => null,
    };
    const run = session.run('echo stuck; echo never', terminal);
    await vi.waitFor(() => expect(written).toEqual(['stuck\n']), { interval: 1, timeout: 500 });
    session.interrupt();
    expect(await within(run, 1000)).toBe(130);
    expect(written).toEqual(['stuck\n']);
  });

  it('is harmless when nothing runs, before or after a line', async () => {
    const session = testSession();
    session.interrupt();
    expect(await runLine(session, 'echo ok')).toEqual({ output: 'ok\n', status: 0 });
    session.interrupt();
    expect(await runLine(session, 'echo still ok')).toEqual({ output: 'still ok\n', status: 0 });
    expect((await session.state()).lastExitCode).toBe(0);
  });

  it('does not carry over to the next line', async () => {
    const session = createSession({ clock: systemClock });
    const run = session.run('sleep 60', new RecordingTerminal());
    session.interrupt();
    expect(await within(run, 1000)).toBe(130);
    const started = Date.now();
    expect(await runLine(session, 'sleep 0.05 && echo woke')).toEqual({ output: 'woke\n', status: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});

describe('ShellSession: prompt', () => {
  it("is Debian's colour prompt, with ~ for home", async () => {
    const session = testSession();
    const prompt = await session.prompt();
    expect(prompt).toBe('\x1b[01;32mlearner@layerlab\x1b[00m:\x1b[01;34m~\x1b[00m$ ');
    expect(stripAnsi(prompt)).toBe(HOME_PROMPT);
  });

  it('follows the working directory', async () => {
    const session = testSession();
    await runLine(session, 'cd /tmp');
    expect(stripAnsi(await session.prompt())).toBe('learner@layerlab:/tmp$ ');
    await runLine(session, 'cd /usr/local');
    expect(stripAnsi(await session.prompt())).toBe('learner@layerlab:/usr/local$ ');
    await runLine(session, 'cd');
    expect(stripAnsi(await session.prompt())).toBe(HOME_PROMPT);
  });

  it('keeps the directory after a failed cd', async () => {
    const session = testSession();
    await runLine(session, 'cd /tmp');
    await runLine(session, 'cd /nowhere');
    expect(stripAnsi(await session.prompt())).toBe('learner@layerlab:/tmp$ ');
  });
});

describe('ShellSession: state', () => {
  it('captures the working directory, environment and last status', async () => {
    const session = testSession();
    await runLine(session, 'cd /tmp');
    await runLine(session, 'frobnicate');
    const state = await session.state();
    expect(state.cwd).toBe('/tmp');
    expect(state.env.PWD).toBe('/tmp');
    expect(state.env.OLDPWD).toBe('/home/learner');
    expect(state.env.HOME).toBe('/home/learner');
    expect(state.lastExitCode).toBe(127);
  });

  it('restores a session from it', async () => {
    const first = testSession();
    await runLine(first, 'cd /tmp');
    await runLine(first, 'read NAME', ['Ada']);
    const state = await first.state();

    const second = createSession({ state });
    expect(stripAnsi(await second.prompt())).toBe('learner@layerlab:/tmp$ ');
    expect(await runLine(second, 'pwd')).toEqual({ output: '/tmp\n', status: 0 });
    expect(await runLine(second, 'echo $NAME')).toEqual({ output: 'Ada\n', status: 0 });
    expect(await runLine(second, 'cd -')).toEqual({ output: '/home/learner\n', status: 0 });
  });

  it('restores $?', async () => {
    const first = testSession();
    await runLine(first, 'frobnicate');
    const second = testSession({ state: await first.state() });
    expect(await runLine(second, 'echo $?')).toEqual({ output: '127\n', status: 0 });
  });

  it('is a snapshot: later lines change neither it nor a session restored from it', async () => {
    const first = testSession();
    await runLine(first, 'cd /tmp');
    const state = await first.state();
    await runLine(first, 'cd /usr');
    expect(state.cwd).toBe('/tmp');
    expect(state.env.PWD).toBe('/tmp');

    const second = testSession({ state });
    await runLine(second, 'read X', ['value']);
    expect(state.env.X).toBeUndefined();
    expect((await first.state()).env.X).toBeUndefined();
  });
});

describe('ShellSession: completion', () => {
  let session: Session;
  const complete = (line: string, cursor = line.length) => session.complete(line, cursor);

  it('completes command names in the first word', async () => {
    session = testSession();
    expect(await complete('dock')).toEqual({ from: 0, candidates: [{ value: 'docker' }] });
    expect(await complete('ech')).toEqual({ from: 0, candidates: [{ value: 'echo' }] });
    expect(await complete('cl')).toEqual({ from: 0, candidates: [{ value: 'clear' }] });
    expect(await complete('sha')).toEqual({ from: 0, candidates: [{ value: 'sha1sum' }, { value: 'sha256sum' }] });
    expect(await complete('zz')).toEqual({ from: 0, candidates: [] });
  });

  it('completes docker subcommands and flags', async () => {
    session = testSession();
    expect(await complete('docker ver')).toEqual({ from: 7, candidates: [{ value: 'version' }] });
    expect(await complete('docker version --f')).toEqual({ from: 15, candidates: [{ value: '--format' }] });
    expect(await complete('docker -')).toEqual({ from: 7, candidates: [{ value: '--help' }, { value: '--version' }] });
  });

  it('completes directories for cd, with a trailing slash', async () => {
    session = testSession();
    expect(await complete('cd /us')).toEqual({ from: 3, candidates: [{ value: '/usr/', display: 'usr/' }] });
    expect(await complete('cd /usr/l')).toEqual({
      from: 3,
      candidates: [
        { value: '/usr/lib/', display: 'lib/' },
        { value: '/usr/local/', display: 'local/' },
      ],
    });
  });

  it('completes relative paths against the working directory', async () => {
    session = testSession();
    await runLine(session, 'cd /usr');
    expect(await complete('cd l')).toEqual({
      from: 3,
      candidates: [
        { value: 'lib/', display: 'lib/' },
        { value: 'local/', display: 'local/' },
      ],
    });
  });

  it('completes the word ending at the cursor, not at the end of the line', async () => {
    session = testSession();
    expect(await complete('docker ver --help', 10)).toEqual({ from: 7, candidates: [{ value: 'version' }] });
    expect(await complete('dock version', 4)).toEqual({ from: 0, candidates: [{ value: 'docker' }] });
    expect(await complete('cd /us && pwd', 6)).toEqual({ from: 3, candidates: [{ value: '/usr/', display: 'usr/' }] });
  });

  it('completes a command name again after ; && and ||', async () => {
    session = testSession();
    expect(await complete('echo hi;dock')).toEqual({ from: 8, candidates: [{ value: 'docker' }] });
    expect(await complete('echo hi; dock')).toEqual({ from: 9, candidates: [{ value: 'docker' }] });
    expect(await complete('echo hi && dock')).toEqual({ from: 11, candidates: [{ value: 'docker' }] });
    expect(await complete('pwd || ech')).toEqual({ from: 7, candidates: [{ value: 'echo' }] });
    expect(await complete('cd /tmp && docker ver')).toEqual({ from: 18, candidates: [{ value: 'version' }] });
  });
});

describe('ShellSession: internal errors', () => {
  const broken: Registry = {
    resolve: () => {
      throw new Error('disk on fire');
    },
  } as unknown as Registry; // only resolve is reached before the failure

  it('reports a program that throws, fails it with 1, and keeps the session usable', async () => {
    const session = testSession({ registry: broken });
    expect(await runLine(session, 'docker pull alpine')).toEqual({ output: 'Using default tag: latest\nlayerlab: internal error: disk on fire\n', status: 1 });
    expect((await session.state()).lastExitCode).toBe(1);
    expect(await runLine(session, 'echo ok')).toEqual({ output: 'ok\n', status: 0 });
  });

  it('fails only the broken command: the rest of the line still runs', async () => {
    const session = testSession({ registry: broken });
    expect(await runLine(session, 'docker pull alpine | cat; echo after')).toEqual({ output: 'layerlab: internal error: disk on fire\nUsing default tag: latest\nafter\n', status: 0 });
  });
});

describe('ShellSession: completion inside a container', () => {
  it("completes with the container's commands and files while its shell reads a line, and with the host's again after exit", async () => {
    const session = testSession({ registry: nodeCatalogRegistry() });
    await runLine(session, 'docker pull -q alpine');
    const seen: string[][] = [];
    const terminal: TerminalIO = {
      columns: 80,
      tty: true,
      write: async () => undefined,
      readLine: async () => {
        if (seen.length > 0) return null;
        for (const [line, cursor] of [['apk', 3], ['cat /etc/alpine-r', 17], ['docker', 6]] as const) seen.push((await session.complete(line, cursor)).candidates.map((candidate) => candidate.value));
        return 'exit';
      },
    };
    expect(await session.run('docker run -it alpine sh', terminal)).toBe(0);
    // apk is /sbin/apk of the image; /etc/alpine-release is the image's file; there is no docker inside.
    expect(seen).toEqual([['apk'], ['/etc/alpine-release'], []]);
    expect((await session.complete('docker', 6)).candidates.map((candidate) => candidate.value)).toEqual(['docker']);
  });
});

describe('ShellSession: $RANDOM', () => {
  const randoms = async (seed: string, line = 'echo $RANDOM $RANDOM $((RANDOM % 100))'): Promise<string> => {
    const session = testSession({ seed, registry: nodeCatalogRegistry() });
    await runLine(session, 'docker pull -q alpine');
    return (await runLine(session, `${line}; docker run --rm alpine sh -c 'echo $RANDOM $RANDOM'`)).output;
  };

  it('comes from the session’s seeded source: the same seed prints the same numbers, host and container alike', async () => {
    const first = await randoms('seed-a');
    expect(await randoms('seed-a')).toBe(first);
    expect(first).toMatch(/^\d+ \d+ \d+\n\d+ \d+\n$/);
    for (const value of first.trim().split(/\s+/).map(Number)) expect(value >= 0 && value <= 32767).toBe(true);
  });

  it('differs for another seed, and Math.random is the original again after the line', async () => {
    const original = Math.random;
    expect(await randoms('seed-b')).not.toBe(await randoms('seed-a'));
    expect(Math.random).toBe(original);
  });

  it('stays in bash’s range 0–32767 over many draws', async () => {
    const session = testSession({ seed: 'range' });
    const { output } = await runLine(session, 'for i in $(seq 1 200); do echo $RANDOM; done');
    const values = output.trim().split('\n').map(Number);
    expect(values).toHaveLength(200);
    expect(values.every((value) => Number.isInteger(value) && value >= 0 && value <= 32767)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(150);
  });
});
