import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printedByMain } from './go';

describe('go build of a main package that only prints', () => {
  it('collects what fmt.Println and fmt.Print print, in order, across the package files', () => {
    const main = 'package main\n\nimport "fmt"\n\n// main greets.\nfunc main() {\n\tfmt.Println("hello")\n\tfmt.Print("a\\tb\\n")\n}\n';
    expect(printedByMain([main])).toEqual(['hello\na\tb\n']);
    expect(printedByMain([main, 'package main\n'])).toEqual(['hello\na\tb\n']);
  });

  it('refuses programs that do anything else, a package that is not main, or no main at all', () => {
    expect(printedByMain(['package main\nimport "fmt"\nfunc main() {\n\tname := "x"\n\tfmt.Println(name)\n}\n'])).toBeUndefined();
    expect(printedByMain(['package main\nimport "net/http"\nfunc main() {\n\thttp.ListenAndServe(":8080", nil)\n}\n'])).toBeUndefined();
    expect(printedByMain(['package lib\nfunc main() {}\n'])).toBeUndefined();
    expect(printedByMain(['package main\n'])).toBeUndefined();
  });

  it('never throws on any source text', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 3 }), (sources) => {
        const printed = printedByMain(sources);
        expect(printed === undefined || Array.isArray(printed)).toBe(true);
      }),
    );
  });
});
