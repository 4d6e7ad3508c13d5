import { invalidParameter } from '../errdefs/errors';

/**
 * The filters of a prune request, as moby's filters.Args holds them: each
 * name maps to a set of values (a value given twice counts once). Names are
 * kept in the order they were first given, which stands in for Go's random
 * map order wherever the daemon iterates over them.
 */
export type FilterArgs = Map<string, Set<string>>;

/**
 * `--filter name=value` flags as docker/cli's opts.FilterOpt collects them:
 * the name lowercased and trimmed, the value trimmed. The flag's own check
 * has already refused values without '='.
 */
export function parseFilterFlags(values: readonly string[]): FilterArgs {
  const args: FilterArgs = new Map();
  for (const value of values) {
    const at = value.indexOf('=');
    addFilter(args, value.slice(0, at).trim().toLowerCase(), value.slice(at + 1).trim());
  }
  return args;
}

export function addFilter(args: FilterArgs, name: string, value: string): void {
  const values = args.get(name) ?? new Set<string>();
  values.add(value);
  args.set(name, values);
}

/** filters.Args.Validate: `invalid filter 'name'` for the first name the endpoint does not accept. */
export function validateFilters(args: FilterArgs, accepted: readonly string[]): void {
  for (const name of args.keys()) if (!accepted.includes(name)) throw invalidParameter(`invalid filter '${name}'`);
}

/**
 * filters.Args.GetBoolOrDefault: the filter's boolean value, or `fallback`
 * when it is absent; `invalid filter 'name=[v1 v2]'` when its values are not
 * one clear boolean (a conflicting true and false included).
 */
export function filterBool(args: FilterArgs, name: string, fallback: boolean): boolean {
  const values = args.get(name);
  if (!values) return fallback;
  const isFalse = values.has('0') || values.has('false');
  const isTrue = values.has('1') || values.has('true');
  if (isFalse === isTrue) throw invalidParameter(`invalid filter '${name}=[${[...values].join(' ')}]'`);
  return isTrue;
}

/**
 * filters.Args.MatchKVList for `label` and the negated `label!`, as the
 * daemon's prune endpoints combine them (moby daemon/prune.go matchLabels).
 */
export function matchLabels(args: FilterArgs, labels: Readonly<Record<string, string>> | null | undefined): boolean {
  if (!matchKVList(args, 'label', labels ?? {})) return false;
  if (args.has('label!') && matchKVList(args, 'label!', labels ?? {})) return false;
  return true;
}

function matchKVList(args: FilterArgs, name: string, labels: Readonly<Record<string, string>>): boolean {
  const values = args.get(name);
  if (!values || values.size === 0) return true;
  if (Object.keys(labels).length === 0) return false;
  for (const value of values) {
    const at = value.indexOf('=');
    const key = at < 0 ? value : value.slice(0, at);
    if (!(key in labels)) return false;
    if (at >= 0 && labels[key] !== value.slice(at + 1)) return false;
  }
  return true;
}

/**
 * The `until` filter of a prune request as Unix milliseconds, or undefined
 * without one (moby's getUntilFromPruneFilters over timetypes.GetTimestamp):
 * a Go duration counts back from `now`; otherwise an RFC 3339 date or time,
 * or Unix seconds.
 */
export function untilFilter(args: FilterArgs, now: number): number | undefined {
  const values = args.get('until');
  if (!values) return undefined;
  if (values.size > 1) throw invalidParameter('more than one until filter specified');
  const [value = ''] = values;
  const duration = value === '0' ? undefined : parseGoDuration(value);
  if (duration !== undefined) return Math.floor((now - duration) / 1000) * 1000;
  if (value.includes('-')) {
    const time = parseDateTime(value);
    if (time !== undefined) return time;
  } else if (/^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value) * 1000;
  }
  throw invalidParameter(`failed to parse value as time or duration: "${value}"`);
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in milliseconds: `90m`, `1h30m`, `1.5h`, `-2h`. */
function parseGoDuration(text: string): number | undefined {
  const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!match) return text === '0' ? 0 : undefined;
  let total = 0;
  for (const [, amount = '', unit = ''] of (match[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(amount) * (DURATION_UNITS[unit] ?? 0);
  return match[1] === '-' ? -total : total;
}

/** The RFC 3339 forms GetTimestamp accepts (`2006-01-02`, `2006-01-02T15:04:05Z`, with or without zone), read in UTC when no zone is given. */
function parseDateTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d+)?)?)?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const time = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${zone.toUpperCase()}`);
  return Number.isNaN(time) ? undefined : time;
}
