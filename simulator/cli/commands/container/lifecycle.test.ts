import { describe, expect, it } from 'vitest';
import { parseSignal } from '../../../daemon/lifecycle';
import { nodeCatalogRegistry } from '../../../testing/node-helpers';
import { runLine, testSession } from '../../../testing/transcript';
import { goDuration, rfc3339NanoFixed } from './logs';
import { parseGoInteger } from '../../format/strconv';

const parseGoInt = (text: string) => parseGoInteger(text, true);

describe('parseGoInt (strconv.ParseInt(s, 0, 64), as pflag reads -t)', () => {
  it.each([
    ['10', 10n],
    ['+5', 5n],
    ['-1', -1n],
    ['0x10', 16n],
    ['0o17', 15n],
    ['010', 8n],
    ['0b101', 5n],
    ['1_000', 1000n],
    ['0x_1f', 31n],
    ['-9223372036854775808', -(2n ** 63n)],
  ])('%s is %s', (text, value) => expect(parseGoInt(text)).toBe(value));

  it.each([['abc'], [''], ['1e3'], ['1.5'], ['08'], ['_1'], ['1_'], ['1__0'], ['0x'], ['+']])('%j is invalid syntax', (text) =>
    expect(parseGoInt(text)).toBe('invalid syntax'),
  );

  it.each([['9223372036854775808'], ['99999999999999999999'], ['-9223372036854775809']])('%s is out of range', (text) =>
    expect(parseGoInt(text)).toBe('value out of range'),
  );
});

describe('parseSignal (moby/sys/signal.ParseSignal on Linux)', () => {
  it.each([
    ['TERM', 15],
    ['sigterm', 15],
    ['SIGKILL', 9],
    ['15', 15],
    ['+9', 9],
    ['RTMIN', 34],
    ['rtmin+3', 37],
    ['RTMAX-1', 63],
    ['SIGRTMAX', 64],
    ['CLD', 17],
    ['STKFLT', 16],
    ['32', 32],
  ])('%s is %i', (text, signal) => expect(parseSignal(text)).toBe(signal));

  it.each([['0'], ['NOPE'], ['SIG'], ['SIGSIGTERM'], ['99999999999999999999'], ['']])('%j is an invalid signal', (text) =>
    expect(() => parseSignal(text)).toThrow(`invalid signal: ${text}`),
  );
});

describe('docker logs helpers', () => {
  it('reads Go durations (time.ParseDuration)', () => {
    expect(goDuration('42m')).toBe(42 * 60_000);
    expect(goDuration('1h30m')).toBe(90 * 60_000);
    expect(goDuration('1.5h')).toBe(90 * 60_000);
    expect(goDuration('.5s')).toBe(500);
    expect(goDuration('-2m')).toBe(-120_000);
    expect(goDuration('300ms')).toBe(300);
    expect(goDuration('0')).toBe(0);
    expect(goDuration('5')).toBeUndefined();
    expect(goDuration('m')).toBeUndefined();
    expect(goDuration('abc')).toBeUndefined();
  });

  it('prints times as jsonmessage.RFC3339NanoFixed, nine fractional digits in UTC', () => {
    expect(rfc3339NanoFixed(Date.UTC(2026, 11, 1, 12, 0, 0, 517))).toBe('2026-12-01T12:00:00.517000000Z');
    expect(rfc3339NanoFixed(Date.UTC(2026, 11, 1, 12, 0, 0, 0))).toBe('2026-12-01T12:00:00.000000000Z');
  });
});

describe('container lifecycle', () => {
  const session = (): ReturnType<typeof testSession> => testSession({ registry: nodeCatalogRegistry() });

  it('shows -t and --details together as the daemon writes them: time, attributes (none), line', async () => {
    const s = session();
    await runLine(s, 'docker run --name greeter alpine echo hi');
    const { output } = await runLine(s, 'docker logs -t --details greeter');
    expect(output).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z {2}hi\n$/);
  });

  it('keeps a signal sent to a paused container until it is unpaused, unless it is the stop signal', async () => {
    const s = session();
    await runLine(s, 'docker run -d --name web nginx');
    await runLine(s, 'docker pause web');
    // nginx's STOPSIGNAL is SIGQUIT: SIGTERM waits in the frozen container.
    expect(await runLine(s, 'docker kill -s TERM web')).toEqual({ output: 'web\n', status: 0 });
    expect((await runLine(s, 'docker ps --format "{{.Status}}"')).output).toMatch(/^Up .* \(Paused\)\n$/);
    await runLine(s, 'docker unpause web');
    expect((await runLine(s, 'docker ps -a --format "{{.Status}}"')).output).toMatch(/^Exited \(0\) /);
    expect((await runLine(s, 'docker logs -n 1 web')).output).toMatch(/\[notice\] 1#1: exit\n$/);
  });

  it('thaws a paused container for its stop signal: docker stop ends it gracefully', async () => {
    const s = session();
    await runLine(s, 'docker run -d --name web nginx');
    await runLine(s, 'docker pause web');
    expect(await runLine(s, 'docker stop web')).toEqual({ output: 'web\n', status: 0 });
    expect((await runLine(s, 'docker ps -a --format "{{.Status}}"')).output).toMatch(/^Exited \(0\) /);
  });

  it('kills at once with -t 0, before even a process that handles the signal can finish', async () => {
    const s = session();
    await runLine(s, 'docker run -d --name web nginx');
    expect(await runLine(s, 'docker stop -t 0 web')).toEqual({ output: 'web\n', status: 0 });
    expect((await runLine(s, 'docker ps -a --format "{{.Status}}"')).output).toMatch(/^Exited \(137\) /);
  });

  it('does not remove a --rm container while restarting it, but does when it stops', async () => {
    const s = session();
    await runLine(s, 'docker run -d --rm --name tmp alpine sleep 100');
    expect(await runLine(s, 'docker restart -t 1 tmp')).toEqual({ output: 'tmp\n', status: 0 });
    expect((await runLine(s, 'docker ps --format "{{.Names}} {{.Status}}"')).output).toMatch(/^tmp Up /);
    expect(await runLine(s, 'docker stop -t 1 tmp')).toEqual({ output: 'tmp\n', status: 0 });
    expect((await runLine(s, 'docker ps -a -q')).output).toBe('');
  });

  it('kills the process of a running container that rm -f removes', async () => {
    const s = session();
    await runLine(s, 'docker run -d --name nap alpine sleep 100');
    const engine = (s as unknown as { engine: { processes: Map<string, { exited: Promise<number> }>; containers: { get(name: string): { id: string } } } }).engine;
    const process = engine.processes.get(engine.containers.get('nap').id);
    expect(process).toBeDefined();
    expect(await runLine(s, 'docker rm -f nap')).toEqual({ output: 'nap\n', status: 0 });
    expect(await process?.exited).toBe(137);
    expect(engine.processes.size).toBe(0);
  });

  it('stops a stopped container without complaint, whatever the signal (304 Not Modified)', async () => {
    const s = session();
    await runLine(s, 'docker create --name box alpine');
    expect(await runLine(s, 'docker stop -s NOPE box')).toEqual({ output: 'box\n', status: 0 });
  });

  it('starts a container that is already running without complaint (304 Not Modified)', async () => {
    const s = session();
    await runLine(s, 'docker run -d --name nap alpine sleep 100');
    expect(await runLine(s, 'docker start nap')).toEqual({ output: 'nap\n', status: 0 });
  });
});
