import { describe, expect, it } from 'vitest';
import { readSavedSession } from './saved-session';
import { setupLines } from './setup-lines';

const good = { version: 1, shell: { cwd: '/home/learner', env: {}, lastExitCode: 0, history: [] }, host: [], engine: {}, time: 1 };

describe('readSavedSession', () => {
  it('restores a well-formed snapshot', () => {
    const saved = readSavedSession(good);
    expect(saved.ok && saved.snapshot).toBe(good);
  });

  it.each([
    ['garbage text', 'not json at all', /not a saved session/],
    ['null', null, /not a saved session/],
    ['an array', [good], /not a saved session/],
    ['an older format', { ...good, version: 0 }, /another version of Layerlab \(format 0\)/],
    ['no format at all', { shell: good.shell }, /another version of Layerlab \(format unknown\)/],
    ['a damaged shell', { ...good, shell: { cwd: 3, env: {}, lastExitCode: 0 } }, /shell state is damaged/],
    ['no engine', { ...good, engine: undefined }, /files or images are missing/],
    ['damaged files', { ...good, host: {} }, /files or images are missing/],
    ['a damaged clock', { ...good, time: 'noon' }, /clock is damaged/],
  ])('discards %s, saying why', (_name, value, why) => {
    const saved = readSavedSession(value);
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.problem).toMatch(why);
  });
});

describe('setupLines', () => {
  it('places files before the commands, quoting their text exactly', () => {
    expect(setupLines({ files: { 'hello.txt': "it's\n", 'app/src/Dockerfile': 'FROM alpine\n' }, commands: ['docker pull -q alpine'] })).toEqual([
      `printf '%s' 'it'\\''s\n' > 'hello.txt'`,
      `mkdir -p 'app/src' && printf '%s' 'FROM alpine\n' > 'app/src/Dockerfile'`,
      'docker pull -q alpine',
    ]);
  });

  it('is empty for an empty setup', () => {
    expect(setupLines({ files: {}, commands: [] })).toEqual([]);
  });
});
