import { isRunning, type Container } from '../../../container/container';
import { rfc3339Nano } from '../../../daemon/time';
import { EngineError } from '../../../errdefs/errors';
import { abortable } from '../../../session/clock';
import type { CommandContext } from '../../../shell/command';
import { reportError } from '../../errors';
import type { DockerCommand } from '../../command';

type LogEntry = Container['logs'][number];

/** A log split into lines, as the json-file driver stores them (one record per line). */
function lines(entries: readonly LogEntry[]): LogEntry[] {
  const result: LogEntry[] = [];
  const pending = new Map<string, LogEntry>();
  for (const entry of entries) {
    const parts = entry.text.split(/(?<=\n)/);
    for (const part of parts) {
      const open = pending.get(entry.stream);
      const text = (open?.text ?? '') + part;
      if (text.endsWith('\n')) {
        result.push({ stream: entry.stream, text, time: open?.time ?? entry.time });
        pending.delete(entry.stream);
      } else pending.set(entry.stream, { stream: entry.stream, text, time: open?.time ?? entry.time });
    }
  }
  return [...result, ...pending.values()];
}

/** `--since` / `--until`: RFC 3339 or a duration before now (`42m`), as moby's timestamp.GetTimestamp reads it. */
function instant(value: string, now: number): number | undefined {
  const duration = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)$/.exec(value);
  if (duration) return now - Number(duration[1]) * ({ ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[duration[2] ?? 's'] ?? 1);
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** docker logs: what the container's process wrote (stdout and stderr kept apart), from the json-file log. */
export const logsCommand: DockerCommand = {
  name: 'logs',
  use: '[OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  aliases: ['docker container logs', 'docker logs'],
  category: { group: 'other' },
  flags: [
    { name: 'details', type: 'bool', usage: 'Show extra details provided to logs' },
    { name: 'follow', shorthand: 'f', type: 'bool', usage: 'Follow log output' },
    { name: 'since', type: 'string', usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', shorthand: 'n', type: 'string', usage: 'Number of lines to show from the end of the logs (default "all")' },
    { name: 'timestamps', shorthand: 't', type: 'bool', usage: 'Show timestamps' },
    { name: 'until', type: 'string', usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [name = '']) {
    let container: Container;
    try {
      container = context.engine.containers.get(name);
    } catch (error) {
      return reportError(context, error);
    }
    const now = context.engine.clock.now();
    const since = flags.get('since') === undefined ? undefined : instant(flags.get('since') as string, now);
    const until = flags.get('until') === undefined ? undefined : instant(flags.get('until') as string, now);
    for (const [flag, value] of [['since', since], ['until', until]] as const) {
      if (flags.get(flag) !== undefined && value === undefined) {
        await context.stderr.write(`Error response from daemon: invalid value for "${flag}": failed to parse value as time or duration: "${String(flags.get(flag))}"\n`);
        return 1;
      }
    }
    const tail = (flags.get('tail') as string | undefined) ?? 'all';
    const count = tail === 'all' || !/^\d+$/.test(tail) ? Infinity : Number(tail);
    const selected = lines(container.logs).filter((entry) => (since === undefined || entry.time >= since) && (until === undefined || entry.time <= until));
    const shown = count === Infinity ? selected : selected.slice(Math.max(0, selected.length - count));
    for (const entry of shown) await print(context, entry, flags.get('timestamps') === true);
    if (flags.get('follow') !== true) return 0;
    return follow(context, container, container.logs.length, flags.get('timestamps') === true);
  },
};

async function print(context: CommandContext, entry: LogEntry, timestamps: boolean): Promise<void> {
  const stream = entry.stream === 'stderr' ? context.stderr : context.stdout;
  await stream.write(timestamps ? `${rfc3339Nano(entry.time)} ${entry.text}` : entry.text);
}

/** -f: prints what the container writes from now on, until it stops or Ctrl-C. */
async function follow(context: CommandContext, container: Container, seen: number, timestamps: boolean): Promise<number> {
  let wake: (() => void) | undefined;
  const listener = (id: string): void => {
    if (id === container.id) wake?.();
  };
  context.engine.logListeners.add(listener);
  try {
    for (;;) {
      for (const entry of container.logs.slice(seen)) await print(context, entry, timestamps);
      seen = container.logs.length;
      if (!isRunning(container.state)) return 0;
      await abortable(new Promise<void>((resolve) => (wake = resolve)), context.signal);
    }
  } catch (error) {
    if (error instanceof EngineError) return reportError(context, error);
    throw error;
  } finally {
    context.engine.logListeners.delete(listener);
  }
}
