import { describe, expect, it } from 'vitest';
import { dockerSize, modeString, percent, shortDigest, truncate } from './format';

describe('dockerSize', () => {
  it('prints sizes as docker images and docker history do', () => {
    expect(dockerSize(0)).toBe('0B');
    expect(dockerSize(999)).toBe('999B');
    expect(dockerSize(1000)).toBe('1kB');
    expect(dockerSize(7_805_000)).toBe('7.8MB');
    expect(dockerSize(7_811_000)).toBe('7.81MB');
    expect(dockerSize(78_100_000)).toBe('78.1MB');
    expect(dockerSize(1_020_000_000)).toBe('1.02GB');
    expect(dockerSize(-5)).toBe('0B');
  });
});

describe('shortDigest', () => {
  it('drops the algorithm and keeps 12 hex digits', () => {
    expect(shortDigest('sha256:0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortDigest('abc')).toBe('abc');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('COPY a .', 10)).toBe('COPY a .');
    expect(truncate('0123456789', 10)).toBe('0123456789');
    expect(truncate('0123456789A', 10)).toBe('012345678…');
    expect(truncate('abc', 0)).toBe('');
  });
});

describe('percent', () => {
  it('shows one decimal and never rounds to a perfect or empty score', () => {
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(0.9996)).toBe('99.9%');
    expect(percent(0.0001)).toBe('0.1%');
    expect(percent(0.5)).toBe('50.0%');
    expect(percent(0.12345)).toBe('12.3%');
    expect(percent(Number.NaN)).toBe('—');
  });
});

describe('modeString', () => {
  it('shows permissions as ls -l does', () => {
    expect(modeString('directory', 0o755)).toBe('drwxr-xr-x');
    expect(modeString('file', 0o644)).toBe('-rw-r--r--');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('directory', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
  });
});
