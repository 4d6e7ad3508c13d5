import { isRunning, type Container } from '../../../container/container';
import { EngineError } from '../../../errdefs/errors';
import { abortable } from '../../../session/clock';
import type { CommandContext } from '../../../shell/command';
import { reportError } from '../../errors';
import { atoi } from '../../format/strconv';
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

/** Go's time.ParseDuration: `300ms`, `-1.5h`, `2h45m`; undefined when it does not parse. Milliseconds. */
export function goDuration(text: string): number | undefined {
  const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!match) return text === '0' || text === '+0' || text === '-0' ? 0 : undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, number = '', suffix = ''] of (match[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(number) * (unit[suffix] ?? 0);
  return match[1] === '-' ? -total : total;
}

/**
 * `--since` / `--until` as docker/cli's client reads them (moby's
 * timetypes.GetTimestamp): a duration before now, counted in whole seconds,
 * an RFC 3339 time or date, or Unix seconds; undefined when none of these.
 */
function instant(value: string, now: number): number | undefined {
  const duration = value === '0' ? undefined : goDuration(value);
  if (duration !== undefined) return Math.floor((now - duration) / 1000) * 1000;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** jsonmessage.RFC3339NanoFixed in UTC: always nine fractional digits (`2026-12-01T12:00:14.517000000Z`). */
export function rfc3339NanoFixed(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
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
        // The client parses these before it asks the daemon: no "Error response from daemon".
        await context.stderr.write(`invalid value for "${flag}": failed to parse value as time or duration: ${JSON.stringify(String(flags.get(flag)))}\n`);
        return 1;
      }
    }
    // The daemon reads --tail with strconv.Atoi: "all", a negative number or anything else that does not parse shows every line.
    const tail = atoi((flags.get('tail') as string | undefined) ?? 'all');
    const count = tail === undefined || tail < 0 ? Infinity : tail;
    const selected = lines(container.logs).filter((entry) => (since === undefined || entry.time >= since) && (until === undefined || entry.time <= until));
    const shown = count === Infinity ? selected : selected.slice(Math.max(0, selected.length - count));
    const format: LineFormat = { timestamps: flags.get('timestamps') === true, details: flags.get('details') === true };
    for (const entry of shown) await print(context, entry, format);
    if (flags.get('follow') !== true) return 0;
    return follow(context, container, container.logs.length, format);
  },
};

/** How each line is shown: -t puts the time before it, --details the log's attributes (none here) and a space. */
interface LineFormat {
  timestamps: boolean;
  details: boolean;
}

/** moby's httputils.WriteLogStream: `[<time> ][<attrs> ]<line>`, to the stream the line came from. */
async function print(context: CommandContext, entry: LogEntry, format: LineFormat): Promise<void> {
  const stream = entry.stream === 'stderr' ? context.stderr : context.stdout;
  const line = format.details ? ` ${entry.text}` : entry.text;
  await stream.write(format.timestamps ? `${rfc3339NanoFixed(entry.time)} ${line}` : line);
}

/** -f: prints what the container writes from now on, until it stops or Ctrl-C. */
async function follow(context: CommandContext, container: Container, seen: number, format: LineFormat): Promise<number> {
  let wake: (() => void) | undefined;
  const listener = (id: string): void => {
    if (id === container.id) wake?.();
  };
  context.engine.logListeners.add(listener);
  try {
    for (;;) {
      // What arrives while these lines print is picked up on the next round, not skipped.
      const end = container.logs.length;
      for (const entry of lines(container.logs.slice(seen, end))) await print(context, entry, format);
      seen = end;
      if (container.logs.length > seen) continue;
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
