/**
 * Go's time.ParseDuration, for HEALTHCHECK's --interval, --timeout,
 * --start-period and --start-interval: the same accepted forms and the same
 * error texts, because BuildKit returns Go's error unchanged.
 */
import { InstructionError } from './errors';
import { goQuote } from './text';

const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** The duration in nanoseconds. */
export function parseGoDuration(orig: string): number {
  let s = orig;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  const invalid = (): InstructionError => new InstructionError(`time: invalid duration ${goQuote(orig)}`);
  if (s === '') throw invalid();
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = num?.[1] ?? '';
    const frac = num?.[2];
    if (whole === '' && (frac === undefined || frac === '')) throw invalid();
    s = s.slice(num?.[0].length ?? 0);
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? '';
    if (unit === '') throw new InstructionError(`time: missing unit in duration ${goQuote(orig)}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw new InstructionError(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(orig)}`);
    s = s.slice(unit.length);
    total += Number(`${whole || '0'}.${frac ?? '0'}`) * scale;
  }
  return sign * Math.round(total);
}
