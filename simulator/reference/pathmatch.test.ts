import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternSyntaxError, pathMatch } from './pathmatch';

/** Go's matchTests from src/path/match_test.go: pattern, name, match, or 'bad' for ErrBadPattern. */
const GO_MATCH_TESTS: [string, string, boolean | 'bad'][] = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['a[^a][^a][^a]b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', 'bad'],
  ['[-]', '-', 'bad'],
  ['[x-]', 'x', 'bad'],
  ['[x-]', '-', 'bad'],
  ['[x-]', 'z', 'bad'],
  ['[-x]', 'x', 'bad'],
  ['[-x]', '-', 'bad'],
  ['[-x]', 'a', 'bad'],
  ['\\', 'a', 'bad'],
  ['[a-b-c]', 'a', 'bad'],
  ['[', 'a', 'bad'],
  ['[^', 'a', 'bad'],
  ['[^bc', 'a', 'bad'],
  ['a[', 'a', 'bad'],
  ['a[', 'ab', 'bad'],
  ['a[', 'x', 'bad'],
  ['a/b[', 'x', 'bad'],
  ['*x', 'xxx', true],
];

describe('pathMatch', () => {
  it.each(GO_MATCH_TESTS)('Match(%j, %j) is %j', (pattern, name, expected) => {
    if (expected === 'bad') {
      expect(() => pathMatch(pattern, name)).toThrow(PatternSyntaxError);
      expect(() => pathMatch(pattern, name)).toThrow('syntax error in pattern');
    } else {
      expect(pathMatch(pattern, name)).toBe(expected);
    }
  });

  it('matches every literal name against itself, and * against any name without a slash', () => {
    const literal = fc.string({ unit: fc.constantFrom(...'abc./:-_'.split('')), maxLength: 12 });
    fc.assert(
      fc.property(literal, (name) => {
        expect(pathMatch(name, name)).toBe(true);
        expect(pathMatch('*', name)).toBe(!name.includes('/'));
      }),
    );
  });

  it('throws nothing but PatternSyntaxError for any pattern', () => {
    const chars = fc.constantFrom(...'ab*?[]^-\\/'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 10 }), fc.string({ unit: chars, maxLength: 8 }), (pattern, name) => {
        try {
          pathMatch(pattern, name);
        } catch (error) {
          expect(error).toBeInstanceOf(PatternSyntaxError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
