import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printedLiterals } from './runtimes';

describe('scripts that only print', () => {
  it('gives the lines of console.log and print calls with string literals, escapes resolved', () => {
    expect(printedLiterals('// greet\n"use strict";\nconsole.log("hello from distroless");\nconsole.log(\'a\\tb\')\n\nconsole.log(`plain`)\n', 'console.log')).toEqual(['hello from distroless', 'a\tb', 'plain']);
    expect(printedLiterals('#!/usr/bin/env python3\nprint("hi")\nprint(\'there\')\n', 'print')).toEqual(['hi', 'there']);
  });

  it('refuses anything that is not just printing literals: Layerlab does not run programs', () => {
    for (const source of ['console.log(1 + 1)', 'const x = "a"; console.log(x)', 'console.log(`${process.env.HOME}`)', 'require("http").createServer()', 'print(open("f").read())']) {
      expect(printedLiterals(source, source.startsWith('print') ? 'print' : 'console.log')).toBeUndefined();
    }
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string(), (source) => {
        const printed = printedLiterals(source, 'console.log');
        expect(printed === undefined || Array.isArray(printed)).toBe(true);
      }),
    );
  });
});
