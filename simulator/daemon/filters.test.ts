import { describe, expect, it } from 'vitest';
import { EngineError } from '../errdefs/errors';
import { filterBool, matchLabels, parseFilterFlags, untilFilter, validateFilters } from './filters';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0, 500);

describe('prune filters', () => {
  it('collects --filter flags as docker/cli does: names lowercased, both sides trimmed, values as a set', () => {
    const args = parseFilterFlags([' Label = a=b ', 'label=a=b', 'until=1h']);
    expect([...args]).toEqual([
      ['label', new Set(['a=b'])],
      ['until', new Set(['1h'])],
    ]);
  });

  it('refuses names the endpoint does not accept', () => {
    expect(() => validateFilters(parseFilterFlags(['foo=bar']), ['label'])).toThrow(new EngineError('invalidParameter', "invalid filter 'foo'"));
  });

  it('reads booleans as GetBoolOrDefault does', () => {
    expect(filterBool(parseFilterFlags([]), 'dangling', true)).toBe(true);
    expect(filterBool(parseFilterFlags(['dangling=0']), 'dangling', true)).toBe(false);
    expect(() => filterBool(parseFilterFlags(['dangling=maybe']), 'dangling', true)).toThrow("invalid filter 'dangling=[maybe]'");
  });

  it('matches labels with label and label!', () => {
    expect(matchLabels(parseFilterFlags(['label=app']), { app: 'web' })).toBe(true);
    expect(matchLabels(parseFilterFlags(['label=app=db']), { app: 'web' })).toBe(false);
    expect(matchLabels(parseFilterFlags(['label=app']), {})).toBe(false);
    expect(matchLabels(parseFilterFlags(['label!=app']), { app: 'web' })).toBe(false);
    expect(matchLabels(parseFilterFlags(['label!=app']), null)).toBe(true);
  });

  it('reads until as a duration back from now (whole seconds), a date, or Unix seconds', () => {
    expect(untilFilter(parseFilterFlags(['until=1h30m']), NOW)).toBe(Date.UTC(2026, 11, 1, 10, 30, 0));
    expect(untilFilter(parseFilterFlags(['until=2026-11-30']), NOW)).toBe(Date.UTC(2026, 10, 30));
    expect(untilFilter(parseFilterFlags(['until=2026-11-30T10:00:00Z']), NOW)).toBe(Date.UTC(2026, 10, 30, 10));
    expect(untilFilter(parseFilterFlags(['until=1700000000']), NOW)).toBe(1_700_000_000_000);
    expect(untilFilter(parseFilterFlags([]), NOW)).toBeUndefined();
    expect(() => untilFilter(parseFilterFlags(['until=soon']), NOW)).toThrow('failed to parse value as time or duration: "soon"');
    expect(() => untilFilter(parseFilterFlags(['until=1h', 'until=2h']), NOW)).toThrow('more than one until filter specified');
  });
});
