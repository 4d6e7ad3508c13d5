import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesSize,
  containerStatusText,
  createdSince,
  formatFloatG,
  GO_ZERO_TIME_MS,
  humanDuration,
  humanSize,
  humanSizeWithPrecision,
  truncateId,
  type ContainerStatusInput,
} from './units';

const KB = 1000;
const MB = 1000 * KB;
const GB = 1000 * MB;
const TB = 1000 * GB;
const PB = 1000 * TB;
const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

describe('formatFloatG (Go %.*g)', () => {
  it.each([
    [0, 3, '0'],
    [13.256, 3, '13.3'],
    [77.8, 3, '77.8'],
    [1.02, 3, '1.02'],
    [7.8, 3, '7.8'],
    [100, 2, '1e+02'],
    [999.5, 3, '1e+03'],
    [999.4, 3, '999'],
    [123456, 3, '1.23e+05'],
    [0.0001, 3, '0.0001'],
    [0.00001, 3, '1e-05'],
    [0.000123456, 2, '0.00012'],
    [1.5, 0, '2'],
    [5, 4, '5'],
    [1234.5678, 6, '1234.57'],
    [1e100, 4, '1e+100'],
    [5e-324, 3, '4.94e-324'],
    [-2.5, 3, '-2.5'],
    [-0, 3, '-0'],
    [NaN, 3, 'NaN'],
    [Infinity, 3, '+Inf'],
    [-Infinity, 3, '-Inf'],
  ])('%s with precision %i is %s', (value, precision, expected) => {
    expect(formatFloatG(value, precision)).toBe(expected);
  });

  it.each([
    [13.25, 3, '13.2'],
    [13.75, 3, '13.8'],
    [2.5, 1, '2'],
    [3.5, 1, '4'],
    [0.125, 2, '0.12'],
  ])('rounds the exact tie %s half to even, unlike toPrecision', (value, precision, expected) => {
    expect(formatFloatG(value, precision)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [0.1, '0.1'],
    [100000, '100000'],
    [1e6, '1e+06'],
    [123456789, '1.23456789e+08'],
    [1e21, '1e+21'],
    [0.00001, '1e-05'],
  ])('formats %s with the shortest digits when the precision is negative', (value, expected) => {
    expect(formatFloatG(value, -1)).toBe(expected);
  });

  it('agrees numerically with toPrecision except on exact ties', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 17 }), (value, precision) => {
        const digits = String(value);
        const tie = digits.length > precision && digits[precision] === '5' && /^0*$/.test(digits.slice(precision + 1));
        fc.pre(!tie);
        expect(Number(formatFloatG(value, precision))).toBe(Number(value.toPrecision(precision)));
      }),
    );
  });
});

describe('humanSize and humanSizeWithPrecision', () => {
  // go-units size_test.go TestHumanSize
  it.each([
    [1000, '1kB'],
    [1024, '1.024kB'],
    [1000000, '1MB'],
    [1048576, '1.049MB'],
    [2 * MB, '2MB'],
    [3.42 * GB, '3.42GB'],
    [5.372 * TB, '5.372TB'],
    [2.22 * PB, '2.22PB'],
    [10000000000000 * PB, '1e+04YB'],
  ])('humanSize(%s) is %s', (size, expected) => {
    expect(humanSize(size)).toBe(expected);
  });

  // docker images SIZE column: precision 3 (fidelity reference §1.1)
  it.each([
    [0, '0B'],
    [999, '999B'],
    [13256, '13.3kB'],
    [7_800_000, '7.8MB'],
    [77_800_000, '77.8MB'],
    [181_000_000, '181MB'],
    [1_020_000_000, '1.02GB'],
    [999_500_000, '1e+03MB'],
    [999_499_999, '999MB'],
    [13_250, '13.2kB'],
  ])('humanSizeWithPrecision(%s, 3) is %s', (size, expected) => {
    expect(humanSizeWithPrecision(size, 3)).toBe(expected);
  });

  it('keeps four digits where docker system df shows them', () => {
    expect(humanSize(331_700_000)).toBe('331.7MB');
    expect(humanSize(2195)).toBe('2.195kB');
    expect(humanSize(592)).toBe('592B');
    expect(humanSize(999_500_000)).toBe('999.5MB');
  });

  it('prints 1000MB, not 1GB, when four digits round up to the next unit', () => {
    // The unit is chosen before rounding, and %.4g keeps 1000 in plain form.
    expect(humanSize(999_960_000)).toBe('1000MB');
  });

  it('never throws for non-negative finite sizes and always ends with a unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }), (size, precision) => {
        expect(humanSizeWithPrecision(size, precision)).toMatch(/^-?\d+(\.\d+)?(e[+-]\d{2,3})?(B|kB|MB|GB|TB|PB|EB|ZB|YB)$/);
      }),
    );
  });

  it('stays within one unit of rounding of the size it describes', () => {
    const scale: Record<string, number> = { B: 1, kB: KB, MB, GB, TB, PB };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 1, max: 6 }), (size, precision) => {
        const match = /^(.*?)([a-zA-Z]+)$/.exec(humanSizeWithPrecision(size, precision));
        const value = Number(match?.[1]) * (scale[match?.[2] ?? ''] ?? NaN);
        expect(Math.abs(value - size) / size).toBeLessThanOrEqual(5 * 10 ** -precision + 1e-12);
      }),
    );
  });
});

describe('bytesSize', () => {
  // go-units size_test.go TestBytesSize
  it.each([
    [1024, '1KiB'],
    [1024 * 1024, '1MiB'],
    [1048576, '1MiB'],
    [2 * MiB, '2MiB'],
    [3.42 * GiB, '3.42GiB'],
    [5.372 * TiB, '5.372TiB'],
    [2.22 * PiB, '2.22PiB'],
    [KiB * KiB * KiB * KiB * KiB * PiB, '1.049e+06YiB'],
  ])('bytesSize(%s) is %s', (size, expected) => {
    expect(bytesSize(size)).toBe(expected);
  });

  it('prints docker info Total Memory', () => {
    expect(bytesSize(8_232_407_040)).toBe('7.667GiB');
  });
});

describe('humanDuration', () => {
  // go-units duration_test.go TestHumanDuration
  it.each([
    [450, 'Less than a second'],
    [1 * SECOND, '1 second'],
    [45 * SECOND, '45 seconds'],
    [46 * SECOND, '46 seconds'],
    [59 * SECOND, '59 seconds'],
    [60 * SECOND, 'About a minute'],
    [1 * MINUTE, 'About a minute'],
    [3 * MINUTE, '3 minutes'],
    [35 * MINUTE, '35 minutes'],
    [35 * MINUTE + 40 * SECOND, '35 minutes'],
    [45 * MINUTE, '45 minutes'],
    [45 * MINUTE + 40 * SECOND, '45 minutes'],
    [46 * MINUTE, '46 minutes'],
    [59 * MINUTE, '59 minutes'],
    [1 * HOUR, 'About an hour'],
    [1 * HOUR + 29 * MINUTE, 'About an hour'],
    [1 * HOUR + 31 * MINUTE, '2 hours'],
    [1 * HOUR + 59 * MINUTE, '2 hours'],
    [3 * HOUR, '3 hours'],
    [3 * HOUR + 29 * MINUTE, '3 hours'],
    [3 * HOUR + 31 * MINUTE, '4 hours'],
    [3 * HOUR + 59 * MINUTE, '4 hours'],
    [3 * HOUR + 60 * MINUTE, '4 hours'],
    [24 * HOUR, '24 hours'],
    [1 * DAY + 12 * HOUR, '36 hours'],
    [2 * DAY, '2 days'],
    [7 * DAY, '7 days'],
    [13 * DAY + 5 * HOUR, '13 days'],
    [2 * WEEK, '2 weeks'],
    [2 * WEEK + 4 * DAY, '2 weeks'],
    [3 * WEEK, '3 weeks'],
    [4 * WEEK, '4 weeks'],
    [4 * WEEK + 3 * DAY, '4 weeks'],
    [1 * MONTH, '4 weeks'],
    [1 * MONTH + 2 * WEEK, '6 weeks'],
    [2 * MONTH, '2 months'],
    [2 * MONTH + 2 * WEEK, '2 months'],
    [3 * MONTH, '3 months'],
    [3 * MONTH + 1 * WEEK, '3 months'],
    [5 * MONTH + 2 * WEEK, '5 months'],
    [13 * MONTH, '13 months'],
    [23 * MONTH, '23 months'],
    [24 * MONTH, '24 months'],
    [24 * MONTH + 2 * WEEK, '2 years'],
    [3 * YEAR + 2 * MONTH, '3 years'],
  ])('humanDuration(%s ms) is %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });

  it('treats sub-second and negative durations as less than a second', () => {
    expect(humanDuration(999)).toBe('Less than a second');
    expect(humanDuration(0)).toBe('Less than a second');
    expect(humanDuration(-5 * MINUTE)).toBe('Less than a second');
  });

  it('rounds hours at exactly half past', () => {
    expect(humanDuration(HOUR + 30 * MINUTE - 1)).toBe('About an hour');
    expect(humanDuration(HOUR + 30 * MINUTE)).toBe('2 hours');
    expect(humanDuration(47 * HOUR + 30 * MINUTE)).toBe('2 days');
  });
});

describe('createdSince', () => {
  const now = Date.UTC(2025, 5, 1, 12, 0, 0);

  it('appends "ago"', () => {
    expect(createdSince(now - 2 * WEEK, now)).toBe('2 weeks ago');
    expect(createdSince(now - 3 * MONTH, now)).toBe('3 months ago');
    expect(createdSince(now - 70 * MINUTE, now)).toBe('About an hour ago');
  });

  it('floors the creation time to whole seconds, as the API does', () => {
    expect(createdSince(now - 600, now)).toBe('1 second ago');
    expect(createdSince(now, now + 999)).toBe('Less than a second ago');
  });

  it('is empty only for Go zero time, which the images table shows as N/A', () => {
    expect(createdSince(GO_ZERO_TIME_MS, now)).toBe('');
    expect(createdSince(0, now)).toBe('55 years ago');
  });
});

describe('truncateId', () => {
  it.each([
    ['sha256:27941809078cc9b2802deb2b0bb6feed6c236cde01e487f200e24653533701ee', '27941809078c'],
    ['27941809078cc9b2802deb2b0bb6feed6c236cde01e487f200e24653533701ee', '27941809078c'],
    ['sha256:abc', 'abc'],
    ['abcdef', 'abcdef'],
    ['a:b:cdefghijklmnopq', 'b:cdefghijkl'],
    ['', ''],
  ])('truncateId(%s) is %s', (id, expected) => {
    expect(truncateId(id)).toBe(expected);
  });
});

describe('containerStatusText', () => {
  const now = Date.UTC(2025, 5, 1, 12, 0, 0);
  const base: ContainerStatusInput = { status: 'running', startedAt: now - 2 * MINUTE, finishedAt: 0, exitCode: 0 };

  it.each<[Partial<ContainerStatusInput>, string]>([
    [{}, 'Up 2 minutes'],
    [{ startedAt: now - 300 }, 'Up Less than a second'],
    [{ startedAt: now - 90 * SECOND }, 'Up About a minute'],
    [{ status: 'paused', startedAt: now - 90 * SECOND }, 'Up About a minute (Paused)'],
    [{ status: 'paused', health: 'healthy', startedAt: now - 5 * MINUTE }, 'Up 5 minutes (Paused)'],
    [{ health: 'starting', startedAt: now - 3 * SECOND }, 'Up 3 seconds (health: starting)'],
    [{ health: 'healthy', startedAt: now - 3 * HOUR }, 'Up 3 hours (healthy)'],
    [{ health: 'unhealthy' }, 'Up 2 minutes (unhealthy)'],
    [{ status: 'restarting', exitCode: 1, finishedAt: now - 5 * SECOND }, 'Restarting (1) 5 seconds ago'],
    [{ status: 'exited', finishedAt: now - 6 * SECOND }, 'Exited (0) 6 seconds ago'],
    [{ status: 'exited', exitCode: 137, finishedAt: now - 56 * MINUTE }, 'Exited (137) 56 minutes ago'],
    [{ status: 'exited', finishedAt: 0 }, ''],
    [{ status: 'created', startedAt: 0 }, 'Created'],
    [{ status: 'created', startedAt: GO_ZERO_TIME_MS, exitCode: 127 }, 'Created'],
    [{ status: 'removing' }, 'Removal In Progress'],
    [{ status: 'dead', finishedAt: now - SECOND }, 'Dead'],
  ])('%o renders as "%s"', (overrides, expected) => {
    expect(containerStatusText({ ...base, ...overrides }, now)).toBe(expected);
  });
});
