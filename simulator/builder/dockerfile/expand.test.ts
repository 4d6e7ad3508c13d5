import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DockerfileParseError } from './errors';
import { expandArgs, expandKeyValues, expandWord, expandWords } from './expand';
import { parseDockerfile } from './parse';

const env = { HOME: '/root', EMPTY: '', V: 'x y' };

describe('expansion (shell/lex.go)', () => {
  test.each([
    ['$HOME/bin', '/root/bin'],
    ['${HOME}/bin', '/root/bin'],
    ['${NOPE:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${NOPE-def}', 'def'],
    ['${HOME:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${NOPE+set}', ''],
    ["'$HOME'", '$HOME'],
    ['"$HOME"', '/root'],
    ['\\$HOME', '$HOME'],
    ['"a\\nb"', 'a\\nb'],
    ['a\\nb', 'anb'],
    ['$', '$'],
    ['$1x', 'x'],
  ])('%s → %s', (word, expected) => {
    expect(expandWord(word, env)).toBe(expected);
  });

  test('${VAR:?message} and ${VAR?} fail the build', () => {
    expect(() => expandWord('${NOPE:?must be set}', env)).toThrow('failed to process "${NOPE:?must be set}": NOPE: must be set');
    expect(() => expandWord('${NOPE?}', env)).toThrow('NOPE: is not allowed to be unset');
    expect(() => expandWord('${EMPTY:?}', env)).toThrow('EMPTY: is not allowed to be empty');
    expect(() => expandWord('${}', env)).toThrow('syntax error: bad substitution');
    expect(() => expandWord("'abc", env)).toThrow('unexpected end of statement while looking for matching single-quote');
  });

  test('the backtick escape token', () => {
    expect(expandWord('`$HOME', env, '`')).toBe('$HOME');
    expect(expandWord('c:\\dir', env, '`')).toBe('c:\\dir');
  });

  test('word splitting happens after expansion, not inside quotes', () => {
    expect(expandWords('a $V "b c"', env)).toEqual(['a', 'x', 'y', 'b c']);
  });

  test('patterns', () => {
    expect(expandWord('${P##*/}', { P: 'x/y/z' })).toBe('z');
    expect(expandWord('${P#*/}', { P: 'x/y/z' })).toBe('y/z');
    expect(expandWord('${P%/*}', { P: 'x/y/z' })).toBe('x/y');
    expect(expandWord('${P%%/*}', { P: 'x/y/z' })).toBe('x');
    expect(expandWord('${P/y/Y}', { P: 'y-y' })).toBe('Y-y');
    expect(expandWord('${P//y/Y}', { P: 'y-y' })).toBe('Y-Y');
  });

  test('instructions: ENV both forms, LABEL, COPY, EXPOSE, WORKDIR', () => {
    const d = parseDockerfile('FROM a\nENV A=$HOME B="v 2" C=${V}\nENV OLD "quoted value" more\nLABEL "k"="$V"\nCOPY $HOME/a "b c" /dst/\nEXPOSE $PORTS 80\nWORKDIR "$HOME/app"\n');
    const [, env1, env2, label, copy, expose, workdir] = d.instructions;
    if (!env1 || !env2 || !label || !copy || !expose || !workdir) throw new Error('missing');
    expect(expandKeyValues(env1, env)).toEqual([
      { key: 'A', value: '/root' },
      { key: 'B', value: 'v 2' },
      { key: 'C', value: 'x y' },
    ]);
    expect(expandKeyValues(env2, env)).toEqual([{ key: 'OLD', value: 'quoted value more' }]);
    expect(expandKeyValues(label, env)).toEqual([{ key: 'k', value: 'x y' }]);
    // Shell-form COPY splits before expansion, so a quoted path with a space is two broken words.
    expect(() => expandArgs(copy, env)).toThrow(DockerfileParseError);
    expect(expandArgs(expose, { PORTS: '8080 8443/udp' })).toEqual(['8080', '8443/udp', '80']);
    expect(expandArgs(workdir, env)).toEqual(['/root/app']);
  });

  test('(c) words without $, quotes or escapes are unchanged', () => {
    const plain = fc.string({ unit: fc.constantFrom(...'abcXYZ019_-./:@=+,~%!#&*(){}[]'.split('')) });
    fc.assert(
      fc.property(plain, (word) => {
        expect(expandWord(word, env)).toBe(word);
        expect(expandWord(word, env, '`')).toBe(word);
      }),
    );
  });
});
