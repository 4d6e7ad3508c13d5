import type { Command } from '../../shell/command';
import { dialectOf } from './dialect';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const two = (n: number): string => String(n).padStart(2, '0');

/** strftime, in UTC (the machines here run on UTC), for the specifiers date's users type. */
function format(template: string, time: Date): string {
  const fields: Record<string, () => string> = {
    a: () => (DAYS[time.getUTCDay()] ?? '').slice(0, 3),
    A: () => DAYS[time.getUTCDay()] ?? '',
    b: () => (MONTHS[time.getUTCMonth()] ?? '').slice(0, 3),
    h: () => (MONTHS[time.getUTCMonth()] ?? '').slice(0, 3),
    B: () => MONTHS[time.getUTCMonth()] ?? '',
    c: () => format('%a %b %e %H:%M:%S %Y', time),
    C: () => two(Math.floor(time.getUTCFullYear() / 100)),
    d: () => two(time.getUTCDate()),
    D: () => format('%m/%d/%y', time),
    e: () => String(time.getUTCDate()).padStart(2),
    F: () => format('%Y-%m-%d', time),
    H: () => two(time.getUTCHours()),
    I: () => two(((time.getUTCHours() + 11) % 12) + 1),
    j: () => String(Math.floor((time.getTime() - Date.UTC(time.getUTCFullYear(), 0, 1)) / 86_400_000) + 1).padStart(3, '0'),
    k: () => String(time.getUTCHours()).padStart(2),
    l: () => String(((time.getUTCHours() + 11) % 12) + 1).padStart(2),
    m: () => two(time.getUTCMonth() + 1),
    M: () => two(time.getUTCMinutes()),
    n: () => '\n',
    N: () => String(time.getUTCMilliseconds() * 1_000_000).padStart(9, '0'),
    p: () => (time.getUTCHours() < 12 ? 'AM' : 'PM'),
    P: () => (time.getUTCHours() < 12 ? 'am' : 'pm'),
    r: () => format('%I:%M:%S %p', time),
    R: () => format('%H:%M', time),
    s: () => String(Math.floor(time.getTime() / 1000)),
    S: () => two(time.getUTCSeconds()),
    t: () => '\t',
    T: () => format('%H:%M:%S', time),
    u: () => String(time.getUTCDay() === 0 ? 7 : time.getUTCDay()),
    w: () => String(time.getUTCDay()),
    y: () => two(time.getUTCFullYear() % 100),
    Y: () => String(time.getUTCFullYear()),
    z: () => '+0000',
    Z: () => 'UTC',
    '%': () => '%',
  };
  return template.replace(/%(.)/g, (match, letter: string) => fields[letter]?.() ?? match);
}

/** `-d` strings: `@seconds`, and the ISO-like forms Date.parse reads (taken as UTC). */
function parseDate(text: string): Date | undefined {
  if (/^@-?\d+$/.test(text)) return new Date(Number(text.slice(1)) * 1000);
  const iso = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(text) ? `${text.replace(' ', 'T')}${text.includes(' ') ? '' : 'T00:00'}Z` : text;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

/**
 * date [-u] [-R] [-I] [-d STRING] [+FORMAT]: the machine's time from the
 * engine's clock (so a session is reproducible), in UTC, as GNU coreutils or
 * busybox print it.
 */
export const date: Command = {
  name: 'date',
  summary: 'print the system date and time',
  async run(context) {
    const gnu = dialectOf(context) === 'gnu';
    const args = context.argv.slice(1);
    let template = '%a %b %e %H:%M:%S %Z %Y';
    let time = new Date(context.clock.now());
    for (let index = 0; index < args.length; index++) {
      const arg = args[index] ?? '';
      if (arg === '-u' || arg === '--utc' || arg === '--universal') continue;
      if (arg === '-R' || arg === '--rfc-email') template = '%a, %d %b %Y %H:%M:%S %z';
      else if (arg === '-I' || arg === '--iso-8601' || arg === '-Idate') template = '%Y-%m-%d';
      else if (arg === '-Iseconds' || arg === '--iso-8601=seconds') template = '%Y-%m-%dT%H:%M:%S+00:00';
      else if (arg === '-d' || arg === '--date' || arg.startsWith('--date=')) {
        const text = arg.startsWith('--date=') ? arg.slice(7) : args[++index];
        if (text === undefined) {
          await context.stderr.write(gnu ? "date: option requires an argument -- 'd'\nTry 'date --help' for more information.\n" : 'date: option requires an argument -- d\n');
          return 1;
        }
        const parsed = parseDate(text);
        if (!parsed) {
          await context.stderr.write(gnu ? `date: invalid date ‘${text}’\n` : `date: invalid date '${text}'\n`);
          return 1;
        }
        time = parsed;
      } else if (arg.startsWith('+')) template = arg.slice(1);
      else if (!arg.startsWith('-')) {
        // An operand sets the clock, which only root may do and no container is allowed to.
        await context.stderr.write(gnu ? `date: invalid date ‘${arg}’\n` : `date: invalid date '${arg}'\n`);
        return 1;
      } else {
        await context.stderr.write(gnu ? `date: invalid option -- '${arg.replace(/^-+/, '')[0] ?? ''}'\nTry 'date --help' for more information.\n` : `date: unrecognized option: ${arg.replace(/^-+/, '')[0] ?? ''}\n`);
        return 1;
      }
    }
    await context.stdout.write(`${format(template, time)}\n`);
    return 0;
  },
};
