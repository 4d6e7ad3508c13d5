import { describe, expect, it } from 'vitest';
import { familiarRef, refMatches } from './refs';

describe('familiarRef', () => {
  it('spells references as the engine lists them', () => {
    expect(familiarRef('alpine')).toBe('alpine:latest');
    expect(familiarRef('ubuntu:24.04')).toBe('ubuntu:24.04');
    expect(familiarRef('docker.io/library/node:20')).toBe('node:20');
    expect(familiarRef('docker.io/learner/app')).toBe('learner/app:latest');
    expect(familiarRef('gcr.io/distroless/static-debian12')).toBe('gcr.io/distroless/static-debian12:latest');
    expect(familiarRef('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(familiarRef('alpine@sha256:abc')).toBe('alpine@sha256:abc');
  });
});

describe('refMatches', () => {
  it('matches names, familiar spellings and ID prefixes', () => {
    const names = ['alpine:latest', 'alpine:3.20'];
    const id = 'sha256:75a8ad9734201234';
    expect(refMatches('alpine', names, id)).toBe(true);
    expect(refMatches('alpine:3.20', names, id)).toBe(true);
    expect(refMatches('75a8ad97', names, id)).toBe(true);
    expect(refMatches('busybox', names, id)).toBe(false);
    expect(refMatches('alpine:3.19', names, id)).toBe(false);
  });
});
