import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sprintf } from './go-format';
import { tabwrite } from './tabwriter';
import {
  formatValue,
  GoComplex,
  GoFloat,
  goJson,
  JSON_NAMES,
  parseTemplate,
  prepareDockerFormat,
  TemplateExecError,
  TemplateParseError,
} from './template';

// ---------------------------------------------------------------------------
// The data of Go's exec_test.go (type T and tVal), as this engine models Go values.

class U {
  constructor(readonly V: string) {}
  TrueFalse(b: unknown): string {
    return b ? 'true' : '';
  }
}

class T {
  True = true;
  I = 17;
  U16 = 16;
  X = 'x';
  S = 'xyz';
  FloatZero = new GoFloat(0);
  ComplexZero = new GoComplex(0, 0);
  U: U | null = new U('v');
  SI = [3, 4, 5];
  SIEmpty: number[] = [];
  SB = [true, false];
  AI = [3, 4, 5];
  MSI = new Map([
    ['one', 1],
    ['two', 2],
    ['three', 3],
  ]);
  MSIone = new Map([['one', 1]]);
  MSIEmpty = new Map<string, number>();
  MXI = new Map<unknown, number>([['one', 1]]);
  MII = new Map([[1, 1]]);
  MI32S = new Map([
    [1, 'one'],
    [2, 'two'],
  ]);
  MI64S = new Map([
    [2, 'i642'],
    [3, 'i643'],
  ]);
  SMSI = [
    new Map([
      ['one', 1],
      ['two', 2],
    ]),
    new Map([
      ['eleven', 11],
      ['twelve', 12],
    ]),
  ];
  Empty0: unknown = null;
  Empty1: unknown = 3;
  Empty2: unknown = 'empty2';
  Empty3: unknown = [7, 8];
  Empty4: unknown = new U('UinEmpty');
  PI = 23;
  PS = 'a string';
  PSI = [21, 22, 23];
  unexported = 0;

  Method0(): string {
    return 'M0';
  }
  Method1(a: unknown): unknown {
    return a;
  }
  Method2(a: unknown, b: unknown): string {
    return sprintf('Method2: %d %s', [a, b]);
  }
  Method3(v: unknown): string {
    return sprintf('Method3: %v', [v]);
  }
  Copy(): T {
    return Object.assign(new T(), this);
  }
  MAdd(a: unknown, b: unknown): number[] {
    return (b as number[]).map((x) => x + (a as number));
  }
  MyError(error: unknown): boolean {
    if (error) throw new Error('my error');
    return false;
  }
  GetU(): U | null {
    return this.U;
  }
  Die(): boolean {
    throw new Error('die');
  }
}

const tVal = new T();

/** Go's type names for the test types. */
function typeName(value: object): string {
  if (value instanceof T) return '*template.T';
  if (value instanceof U) return '*template.U';
  return 'struct';
}

function run(source: string, data: unknown, name = 'test'): string {
  return parseTemplate(name, source).execute(data, typeName);
}

/** The error message of a template that fails to parse or execute. */
function failure(source: string, data: unknown, name = 'test'): string {
  try {
    run(source, data, name);
  } catch (error) {
    if (error instanceof TemplateParseError || error instanceof TemplateExecError) return error.message;
    throw error;
  }
  throw new Error(`${source} did not fail`);
}

// ---------------------------------------------------------------------------

describe('constructs (expected output from Go exec_test.go)', () => {
  const cases: Array<[name: string, input: string, output: string, data: unknown]> = [
    // Trivial cases.
    ['empty', '', '', null],
    ['text', 'some text', 'some text', null],
    // Fields of structs.
    ['.X', '-{{.X}}-', '-x-', tVal],
    ['.U.V', '-{{.U.V}}-', '-v-', tVal],
    // Fields on maps.
    ['map .one', '{{.MSI.one}}', '1', tVal],
    ['map .two', '{{.MSI.two}}', '2', tVal],
    ['map .NO', '{{.MSI.NO}}', '<no value>', tVal],
    ['map .one interface', '{{.MXI.one}}', '1', tVal],
    // Dots of all kinds.
    ['dot int', '<{{.}}>', '<13>', 13],
    ['dot float', '<{{.}}>', '<15.1>', 15.1],
    ['dot bool', '<{{.}}>', '<true>', true],
    ['dot complex', '<{{.}}>', '<(16.2-17i)>', new GoComplex(16.2, -17)],
    ['dot string', '<{{.}}>', '<hello>', 'hello'],
    ['dot slice', '<{{.}}>', '<[-1 -2 -3]>', [-1, -2, -3]],
    ['dot map', '<{{.}}>', '<map[two:22]>', new Map([['two', 22]])],
    ['dot struct', '<{{.}}>', '<{7 seven}>', { a: 7, b: 'seven' }],
    // Variables.
    ['$ int', '{{$}}', '123', 123],
    ['$.I', '{{$.I}}', '17', tVal],
    ['$.U.V', '{{$.U.V}}', 'v', tVal],
    ['declare in action', '{{$x := $.U.V}}{{$x}}', 'v', tVal],
    ['simple assignment', '{{$x := 2}}{{$x = 3}}{{$x}}', '3', tVal],
    ['nested assignment', '{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}', '3', tVal],
    ['nested assignment changes the last declaration', '{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}', '1', tVal],
    // Pointers (plain values here).
    ['*int', '{{.PI}}', '23', tVal],
    ['*string', '{{.PS}}', 'a string', tVal],
    ['*[]int', '{{.PSI}}', '[21 22 23]', tVal],
    ['*[]int[1]', '{{index .PSI 1}}', '22', tVal],
    // Empty interfaces holding values.
    ['empty nil', '{{.Empty0}}', '<no value>', tVal],
    ['empty with int', '{{.Empty1}}', '3', tVal],
    ['empty with string', '{{.Empty2}}', 'empty2', tVal],
    ['empty with slice', '{{.Empty3}}', '[7 8]', tVal],
    ['empty with struct', '{{.Empty4}}', '{UinEmpty}', tVal],
    ['empty with struct, field', '{{.Empty4.V}}', 'UinEmpty', tVal],
    ['field on interface', '{{.foo}}', '<no value>', null],
    ['field on parenthesized interface', '{{(.).foo}}', '<no value>', null],
    ['parenthesized non-function with no args', '{{(1)}}', '1', null],
    // Method calls.
    ['.Method0', '-{{.Method0}}-', '-M0-', tVal],
    ['.Method1(1234)', '-{{.Method1 1234}}-', '-1234-', tVal],
    ['.Method1(.I)', '-{{.Method1 .I}}-', '-17-', tVal],
    ['.Method2(3, .X)', '-{{.Method2 3 .X}}-', '-Method2: 3 x-', tVal],
    ['.Method2(.U16, `str`)', '-{{.Method2 .U16 `str`}}-', '-Method2: 16 str-', tVal],
    ['.Method2(.U16, $x)', '{{if $x := .X}}-{{.Method2 .U16 $x}}{{end}}-', '-Method2: 16 x-', tVal],
    ['.Method3(nil constant)', '-{{.Method3 nil}}-', '-Method3: <nil>-', tVal],
    ['.Method3(nil value)', '-{{.Method3 .MXI.unset}}-', '-Method3: <nil>-', tVal],
    ['method on var', '{{if $x := .}}-{{$x.Method2 .U16 $x.X}}{{end}}-', '-Method2: 16 x-', tVal],
    ['method on chained var', '{{range .MSIone}}{{if $.U.TrueFalse $.True}}{{$.U.TrueFalse $.True}}{{else}}WRONG{{end}}{{end}}', 'true', tVal],
    ['chained method', '{{range .MSIone}}{{if $.GetU.TrueFalse $.True}}{{$.U.TrueFalse $.True}}{{else}}WRONG{{end}}{{end}}', 'true', tVal],
    ['chained method on variable', '{{with $x := .}}{{with .SI}}{{$.GetU.TrueFalse $.True}}{{end}}{{end}}', 'true', tVal],
    // Pipelines.
    ['pipeline', '-{{.Method0 | .Method2 .U16}}-', '-Method2: 16 M0-', tVal],
    // Parenthesized expressions with field accesses.
    ['parens: $ in paren', '{{($).X}}', 'x', tVal],
    ['parens: $.GetU in paren', '{{($.GetU).V}}', 'v', tVal],
    // If.
    ['if true', '{{if true}}TRUE{{end}}', 'TRUE', tVal],
    ['if false', '{{if false}}TRUE{{else}}FALSE{{end}}', 'FALSE', tVal],
    ['if 1', '{{if 1}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO', tVal],
    ['if 0', '{{if 0}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO', tVal],
    ['if 1.5', '{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO', tVal],
    ['if 0.0', '{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO', tVal],
    ['if 1.5i', '{{if 1.5i}}NON-ZERO{{else}}ZERO{{end}}', 'NON-ZERO', tVal],
    ['if 0.0i', '{{if .ComplexZero}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO', tVal],
    ['if emptystring', '{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['if string', '{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY', tVal],
    ['if emptyslice', '{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['if slice', '{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY', tVal],
    ['if emptymap', '{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['if map', '{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}', 'NON-EMPTY', tVal],
    ['if map unset', '{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}', 'ZERO', tVal],
    ['if map not unset', '{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}', 'ZERO', tVal],
    ['if $x with $y int', '{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}', 'true,17', tVal],
    ['if $x with $x int', '{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}', '17,true', tVal],
    ['if else if', '{{if false}}FALSE{{else if true}}TRUE{{end}}', 'TRUE', tVal],
    ['if else chain', '{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}', '3', tVal],
    // With.
    ['with true', '{{with true}}{{.}}{{end}}', 'true', tVal],
    ['with false', '{{with false}}{{.}}{{else}}FALSE{{end}}', 'FALSE', tVal],
    ['with 1', '{{with 1}}{{.}}{{else}}ZERO{{end}}', '1', tVal],
    ['with 0', '{{with 0}}{{.}}{{else}}ZERO{{end}}', 'ZERO', tVal],
    ['with 1.5', '{{with 1.5}}{{.}}{{else}}ZERO{{end}}', '1.5', tVal],
    ['with 0.0', '{{with .FloatZero}}{{.}}{{else}}ZERO{{end}}', 'ZERO', tVal],
    ['with 1.5i', '{{with 1.5i}}{{.}}{{else}}ZERO{{end}}', '(0+1.5i)', tVal],
    ['with 0.0i', '{{with .ComplexZero}}{{.}}{{else}}ZERO{{end}}', 'ZERO', tVal],
    ['with emptystring', '{{with ``}}{{.}}{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['with string', '{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}', 'notempty', tVal],
    ['with emptyslice', '{{with .SIEmpty}}{{.}}{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['with slice', '{{with .SI}}{{.}}{{else}}EMPTY{{end}}', '[3 4 5]', tVal],
    ['with emptymap', '{{with .MSIEmpty}}{{.}}{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['with map', '{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}', 'map[one:1]', tVal],
    ['with empty interface, struct field', '{{with .Empty4}}{{.V}}{{end}}', 'UinEmpty', tVal],
    ['with $x int', '{{with $x := .I}}{{$x}}{{end}}', '17', tVal],
    ['with $x struct.U.V', '{{with $x := $}}{{$x.U.V}}{{end}}', 'v', tVal],
    ['with variable and action', '{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}', 'v', tVal],
    ['with else with', '{{with 0}}{{.}}{{else with true}}{{.}}{{end}}', 'true', tVal],
    ['with else with chain', '{{with 0}}{{.}}{{else with false}}{{.}}{{else with `notempty`}}{{.}}{{end}}', 'notempty', tVal],
    // Range.
    ['range []int', '{{range .SI}}-{{.}}-{{end}}', '-3--4--5-', tVal],
    ['range empty no else', '{{range .SIEmpty}}-{{.}}-{{end}}', '', tVal],
    ['range []int else', '{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}', '-3--4--5-', tVal],
    ['range empty else', '{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['range []int break else', '{{range .SI}}-{{.}}-{{break}}NOTREACHED{{else}}EMPTY{{end}}', '-3-', tVal],
    ['range []int continue else', '{{range .SI}}-{{.}}-{{continue}}NOTREACHED{{else}}EMPTY{{end}}', '-3--4--5-', tVal],
    ['range []bool', '{{range .SB}}-{{.}}-{{end}}', '-true--false-', tVal],
    ['range []int method', '{{range .SI | .MAdd .I}}-{{.}}-{{end}}', '-20--21--22-', tVal],
    ['range map', '{{range .MSI}}-{{.}}-{{end}}', '-1--3--2-', tVal],
    ['range empty map no else', '{{range .MSIEmpty}}-{{.}}-{{end}}', '', tVal],
    ['range map else', '{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}', '-1--3--2-', tVal],
    ['range empty map else', '{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}', 'EMPTY', tVal],
    ['range empty interface', '{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}', '-7--8-', tVal],
    ['range empty nil', '{{range .Empty0}}-{{.}}-{{end}}', '', tVal],
    ['range $x SI', '{{range $x := .SI}}<{{$x}}>{{end}}', '<3><4><5>', tVal],
    ['range $x $y SI', '{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}', '<0=3><1=4><2=5>', tVal],
    ['range $x MSIone', '{{range $x := .MSIone}}<{{$x}}>{{end}}', '<1>', tVal],
    ['range $x $y MSIone', '{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}', '<one=1>', tVal],
    ['range $x PSI', '{{range $x := .PSI}}<{{$x}}>{{end}}', '<21><22><23>', tVal],
    ['declare in range', '{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}', '<21><22><23>', tVal],
    ['range int', '{{range $v := .}}{{printf "%T%d" $v $v}}{{end}}', 'int0int1int2int3int4', 5],
    ['range 5', '{{range $v := 5}}{{printf "%T%d" $v $v}}{{end}}', 'int0int1int2int3int4', null],
    ['range int 0 else', '{{range 0}}x{{else}}empty{{end}}', 'empty', null],
    ['issue56490', '{{$i := 0}}{{$x := 0}}{{range $i = .AI}}{{end}}{{$i}}', '5', tVal],
    ['issue60801', '{{$k := 0}}{{$v := 0}}{{range $k, $v = .AI}}{{$k}}={{$v}} {{end}}', '0=3 1=4 2=5 ', tVal],
    // Cute examples.
    ['or as if true', '{{or .SI "slice is empty"}}', '[3 4 5]', tVal],
    ['or as if false', '{{or .SIEmpty "slice is empty"}}', 'slice is empty', tVal],
    // Error handling.
    ['error method, no error', '{{.MyError false}}', 'false', tVal],
    // Numbers.
    ['decimal', '{{print 1234}}', '1234', tVal],
    ['decimal _', '{{print 12_34}}', '1234', tVal],
    ['binary', '{{print 0b101}}', '5', tVal],
    ['binary _', '{{print 0b_1_0_1}}', '5', tVal],
    ['BINARY', '{{print 0B101}}', '5', tVal],
    ['octal0', '{{print 0377}}', '255', tVal],
    ['octal', '{{print 0o377}}', '255', tVal],
    ['octal _', '{{print 0o_3_7_7}}', '255', tVal],
    ['OCTAL', '{{print 0O377}}', '255', tVal],
    ['hex', '{{print 0x123}}', '291', tVal],
    ['hex _', '{{print 0x1_23}}', '291', tVal],
    ['HEX', '{{print 0X123ABC}}', '1194684', tVal],
    ['float', '{{print 123.4}}', '123.4', tVal],
    ['float _', '{{print 0_0_1_2_3.4}}', '123.4', tVal],
    ['hex float', '{{print +0x1.ep+2}}', '7.5', tVal],
    ['hex float _', '{{print +0x_1.e_0p+0_2}}', '7.5', tVal],
    ['HEX float', '{{print +0X1.EP+2}}', '7.5', tVal],
    ['print multi', '{{print 1_2_3_4 7.5_00_00_00}}', '1234 7.5', tVal],
    ['print multi2', '{{print 1234 0x0_1.e_0p+02}}', '1234 7.5', tVal],
    ['float exponent', '{{print 1e9}}', '1e+09', tVal],
    // Fixed bugs.
    ['bug0', '{{range .MSIone}}{{if $.Method1 .}}X{{end}}{{end}}', 'X', tVal],
    ['bug3', '{{with $}}{{.Method0}}{{end}}', 'M0', tVal],
    ['bug4', '{{if .Empty0}}non-nil{{else}}nil{{end}}', 'nil', tVal],
    ['bug9', '{{.cause}}', 'neglect', new Map([['cause', 'neglect']])],
    ['bug12xe', '{{printf `%T` 0xef}}', 'int', tVal],
    ['bug12xE', '{{printf `%T` 0xEE}}', 'int', tVal],
    ['bug12Xe', '{{printf `%T` 0Xef}}', 'int', tVal],
    ['bug12XE', '{{printf `%T` 0XEE}}', 'int', tVal],
    ['bug13', '{{print (.Copy).I}}', '17', tVal],
    ['bug16j', '{{1+2i|printf "%v"}}', '(1+2i)', tVal],
    ['bug16k', '{{"aaa"|printf }}', 'aaa', tVal],
    ['bug18a', "{{eq . '.'}}", 'true', 46],
    ['bug18b', "{{eq . 'e'}}", 'true', 101],
    ['bug18c', "{{eq . 'P'}}", 'true', 80],
    // Comments and trim markers (parse_test.go).
    ['comment', '{{/*\n\n\n*/}}', '', null],
    ['trim left', 'x \r\n\t{{- 3}}', 'x3', null],
    ['trim right', '{{3 -}}\n\n\ty', '3y', null],
    ['trim left and right', 'x \r\n\t{{- 3 -}}\n\n\ty', 'x3y', null],
    ['trim with extra spaces', 'x\n{{-  3   -}}\ny', 'x3y', null],
    ['comment trim left', 'x \r\n\t{{- /* hi */}}', 'x', null],
    ['comment trim right', '{{/* hi */ -}}\n\n\ty', 'y', null],
    ['comment trim left and right', 'x \r\n\t{{- /* */ -}}\n\n\ty', 'xy', null],
    ['negative number is not a trim marker', '{{-3}}', '-3', null],
    ['newline in assignment', '{{ $x \n := \n 1 \n }}{{$x}}', '1', null],
    ['newline in pipeline', '{{\n"x"\n|\nprintf\n}}', 'x', null],
    ['paren nesting', '{{ ((( 1 ))) | printf "%d" }}', '1', null],
    // define, template and block (TestBlock).
    ['template', '{{define "T1"}}ONE{{end}}{{define "T2"}}TWO {{template "T1"}}{{end}}{{template "T2"}}', 'TWO ONE', null],
    ['template with pipeline', '{{define "x"}}<{{.}}>{{end}}{{template "x" .I}}', '<17>', tVal],
    ['template variables do not leak', '{{define "x"}}{{$}}{{end}}{{$x := 1}}{{template "x" 2}}', '2', null],
    ['block', 'a({{block "inner" .}}bar({{.}})baz{{end}})b', 'a(bar(hello)baz)b', 'hello'],
  ];
  it.each(cases)('%s', (_name, input, output, data) => {
    expect(run(input, data)).toBe(output);
  });

  it('ranges over a map in sorted key order whatever the insertion order', () => {
    const data = new Map([
      ['b', 2],
      ['a', 1],
      ['c', 3],
    ]);
    expect(run('{{range $k, $v := .}}{{$k}}={{$v}} {{end}}', data)).toBe('a=1 b=2 c=3 ');
    expect(run('{{range $k, $v := .}}{{$k}} {{end}}', new Map([[10, 'x'], [9, 'y'], [-1, 'z']]))).toBe('-1 9 10 ');
  });

  it('keeps missing map keys distinct from a nil map value (TestMissingMapKey)', () => {
    expect(run('{{.x}} {{.y}}', new Map([['x', 99]]))).toBe('99 <no value>');
  });
});

describe('builtin functions', () => {
  const cases: Array<[name: string, input: string, output: string, data: unknown]> = [
    // Print etc.
    ['print', '{{print "hello, print"}}', 'hello, print', tVal],
    ['print 123', '{{print 1 2 3}}', '1 2 3', tVal],
    ['print nil', '{{print nil}}', '<nil>', tVal],
    ['print strings and numbers', '{{print "a" 1 2 "b" 3}}', 'a1 2b3', null],
    ['println', '{{println 1 2 3}}', '1 2 3\n', tVal],
    ['println strings', '{{println "a" "b"}}', 'a b\n', tVal],
    ['printf int', '{{printf "%04x" 127}}', '007f', tVal],
    ['printf float', '{{printf "%g" 3.5}}', '3.5', tVal],
    ['printf complex', '{{printf "%g" 1+7i}}', '(1+7i)', tVal],
    ['printf string', '{{printf "%s" "hello"}}', 'hello', tVal],
    ['printf field', '{{printf "%s" .U.V}}', 'v', tVal],
    ['printf method', '{{printf "%s" .Method0}}', 'M0', tVal],
    ['printf dot', '{{with .I}}{{printf "%d" .}}{{end}}', '17', tVal],
    ['printf var', '{{with $x := .I}}{{printf "%d" $x}}{{end}}', '17', tVal],
    ['printf lots', '{{printf "%d %s %g %s" 127 "hello" 7-3i .Method0}}', '127 hello (7-3i) M0', tVal],
    // HTML.
    ['html', '{{html "<script>alert(\\"XSS\\");</script>"}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;', null],
    ['html pipeline', '{{printf "<script>alert(\\"XSS\\");</script>" | html}}', '&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;', null],
    ['html', '{{html .PS}}', 'a string', tVal],
    ['html untyped nil', '{{html .Empty0}}', '&lt;no value&gt;', tVal],
    // JavaScript.
    ['js', '{{js .}}', "It\\'d be nice.", "It'd be nice."],
    // URL query.
    ['urlquery', '{{"http://www.example.org/"|urlquery}}', 'http%3A%2F%2Fwww.example.org%2F', null],
    ['urlquery spaces', '{{urlquery "a b" "c"}}', 'a+bc', null],
    // Booleans.
    ['not', '{{not true}} {{not false}}', 'false true', null],
    ['and', '{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}', 'false 0 0 1', null],
    ['or', '{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}', '0 1 true 1', null],
    ['or short-circuit', '{{or 0 1 .Die}}', '1', tVal],
    ['and short-circuit', '{{and 1 0 .Die}}', '0', tVal],
    ['and pipe-true', '{{1 | and 1}}', '1', null],
    ['and pipe-false', '{{0 | and 1}}', '0', null],
    ['or pipe-true', '{{1 | or 0}}', '1', null],
    ['or pipe-false', '{{0 | or 0}}', '0', null],
    ['and undef', '{{and 1 .Unknown}}', '<no value>', null],
    ['or undef', '{{or 0 .Unknown}}', '<no value>', null],
    ['boolean if', '{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}', 'TRUE', tVal],
    ['boolean if not', '{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}', 'FALSE', null],
    ['boolean if pipe', '{{if true | not | and 1}}TRUE{{else}}FALSE{{end}}', 'FALSE', null],
    // Indexing.
    ['slice[0]', '{{index .SI 0}}', '3', tVal],
    ['slice[1]', '{{index .SI 1}}', '4', tVal],
    ['map[one]', '{{index .MSI `one`}}', '1', tVal],
    ['map[two]', '{{index .MSI `two`}}', '2', tVal],
    ['map[NO]', '{{index .MSI `XXX`}}', '0', tVal],
    ['map[``]', '{{index .MSI ``}}', '0', tVal],
    ['double index', '{{index .SMSI 1 `eleven`}}', '11', tVal],
    ['map MI64S', '{{index .MI64S 2}}', 'i642', tVal],
    ['map MI32S', '{{index .MI32S 2}}', 'two', tVal],
    ['index of an interface field', '{{index .Empty3 0}}', '7', tVal],
    ['index of a string is a byte', '{{index "abc" 1}}', '98', null],
    // Slicing.
    ['slice[:]', '{{slice .SI}}', '[3 4 5]', tVal],
    ['slice[1:]', '{{slice .SI 1}}', '[4 5]', tVal],
    ['slice[1:2]', '{{slice .SI 1 2}}', '[4]', tVal],
    ['array[:]', '{{slice .AI}}', '[3 4 5]', tVal],
    ['array[1:]', '{{slice .AI 1}}', '[4 5]', tVal],
    ['array[1:2]', '{{slice .AI 1 2}}', '[4]', tVal],
    ['string[:]', '{{slice .S}}', 'xyz', tVal],
    ['string[0:1]', '{{slice .S 0 1}}', 'x', tVal],
    ['string[1:]', '{{slice .S 1}}', 'yz', tVal],
    ['string[1:2]', '{{slice .S 1 2}}', 'y', tVal],
    ['slice of an interface field', '{{slice .Empty3 0 1}}', '[7]', tVal],
    ['string slicing is by byte', '{{slice "héllo" 1 3}}', 'é', null],
    // Len.
    ['slice', '{{len .SI}}', '3', tVal],
    ['map', '{{len .MSI }}', '3', tVal],
    ['len of an interface field', '{{len .Empty3}}', '2', tVal],
    ['len of a string is its byte length', '{{len "héllo"}}', '6', null],
    // Comparisons (cmpTests).
    ['eq true true', '{{eq true true}}', 'true', null],
    ['eq true false', '{{eq true false}}', 'false', null],
    ['eq 1+2i 1+2i', '{{eq 1+2i 1+2i}}', 'true', null],
    ['eq 1+2i 1+3i', '{{eq 1+2i 1+3i}}', 'false', null],
    ['eq 1.5 1.5', '{{eq 1.5 1.5}}', 'true', null],
    ['eq 1.5 2.5', '{{eq 1.5 2.5}}', 'false', null],
    ['eq 1 1', '{{eq 1 1}}', 'true', null],
    ['eq 1 2', '{{eq 1 2}}', 'false', null],
    ['eq `xy` `xy`', '{{eq `xy` `xy`}}', 'true', null],
    ['eq `xy` `xyz`', '{{eq `xy` `xyz`}}', 'false', null],
    ['eq 3 4 5 6 3', '{{eq 3 4 5 6 3}}', 'true', null],
    ['eq 3 4 5 6 7', '{{eq 3 4 5 6 7}}', 'false', null],
    ['ne true true', '{{ne true true}}', 'false', null],
    ['ne 1.5 2.5', '{{ne 1.5 2.5}}', 'true', null],
    ['ne `xy` `xyz`', '{{ne `xy` `xyz`}}', 'true', null],
    ['lt 1.5 1.5', '{{lt 1.5 1.5}}', 'false', null],
    ['lt 1.5 2.5', '{{lt 1.5 2.5}}', 'true', null],
    ['lt 1 2', '{{lt 1 2}}', 'true', null],
    ['lt `xy` `xyz`', '{{lt `xy` `xyz`}}', 'true', null],
    ['le 2.5 1.5', '{{le 2.5 1.5}}', 'false', null],
    ['le 1 1', '{{le 1 1}}', 'true', null],
    ['le `xyz` `xy`', '{{le `xyz` `xy`}}', 'false', null],
    ['gt 2 1', '{{gt 2 1}}', 'true', null],
    ['gt `xy` `xyz`', '{{gt `xy` `xyz`}}', 'false', null],
    ['ge 2.5 1.5', '{{ge 2.5 1.5}}', 'true', null],
    ['ge 1 2', '{{ge 1 2}}', 'false', null],
    ['ge `xyz` `xy`', '{{ge `xyz` `xy`}}', 'true', null],
    ['eq (index `x` 0) \'x\'', "{{eq (index `x` 0) 'x'}}", 'true', null],
    ['eq (index `x` 0) \'y\'', "{{eq (index `x` 0) 'y'}}", 'false', null],
    ['eq .NilIface .NilIface', '{{eq .A .B}}', 'true', { A: null, B: null }],
    ['eq .NilIface 0', '{{eq .A 0}}', 'false', { A: null }],
    ['eq structs', '{{eq .A .B}}', 'true', { A: { X: 1, Y: 'a' }, B: { X: 1, Y: 'a' } }],
    ['strings compare bytewise', '{{lt "\uffff" "\u{10000}"}}', 'true', null],
  ];
  it.each(cases)('%s', (_name, input, output, data) => {
    expect(run(input, data)).toBe(output);
  });

  // TestInterfaceValues
  const interfaceData = new Map<string, unknown>([
    ['Slice', [0, 1, 2, 3]],
    ['One', 1],
    ['Two', 2],
    ['Nil', null],
    ['Zero', 0],
  ]);
  it.each([
    ['{{index .Slice 2}}', '2'],
    ['{{index .Slice .Two}}', '2'],
    ['{{and (index .Slice 0) true}}', '0'],
    ['{{and .Zero true}}', '0'],
    ['{{and (index .Slice 1) false}}', 'false'],
    ['{{and .One false}}', 'false'],
    ['{{or (index .Slice 0) false}}', 'false'],
    ['{{or .Zero false}}', 'false'],
    ['{{or (index .Slice 1) true}}', '1'],
    ['{{or .One true}}', '1'],
    ['{{not (index .Slice 0)}}', 'true'],
    ['{{not .Zero}}', 'true'],
    ['{{not (index .Slice 1)}}', 'false'],
    ['{{not .One}}', 'false'],
    ['{{eq (index .Slice 0) .Zero}}', 'true'],
    ['{{eq (index .Slice 1) .One}}', 'true'],
    ['{{ne (index .Slice 0) .Zero}}', 'false'],
    ['{{ne (index .Slice 1) .One}}', 'false'],
    ['{{ge (index .Slice 0) .One}}', 'false'],
    ['{{ge (index .Slice 1) .Zero}}', 'true'],
    ['{{gt (index .Slice 0) .One}}', 'false'],
    ['{{gt (index .Slice 1) .Zero}}', 'true'],
    ['{{le (index .Slice 0) .One}}', 'true'],
    ['{{le (index .Slice 1) .Zero}}', 'false'],
    ['{{lt (index .Slice 0) .One}}', 'true'],
    ['{{lt (index .Slice 1) .Zero}}', 'false'],
  ])('interface values: %s is %s', (input, output) => {
    expect(run(input, interfaceData)).toBe(output);
  });

  it.each([
    ['a', 'a'],
    ["'foo", "\\'foo"],
    ['Go "jump" \\', 'Go \\"jump\\" \\\\'],
    ['Yukihiro says "今日は世界"', 'Yukihiro says \\"今日は世界\\"'],
    ['unprintable \uFFFE', 'unprintable \\uFFFE'],
    ['<html>', '\\u003Chtml\\u003E'],
    ['no = in attributes', 'no \\u003D in attributes'],
    ['&#x27; does not become HTML entity', '\\u0026#x27; does not become HTML entity'],
  ])('js escapes %j as %j (TestJSEscaping)', (input, output) => {
    expect(run('{{js .}}', input)).toBe(output);
  });
});

describe("docker/cli's template functions (templates/templates.go)", () => {
  const cases: Array<[name: string, input: string, output: string, data: unknown]> = [
    ['json adds no trailing newline and does not escape HTML', '{{json .}}', '{"A":"<&>","B":[1,2],"C":{"a":null,"b":1.5}}', { A: '<&>', B: [1, 2], C: new Map<string, unknown>([['b', 1.5], ['a', null]]) }],
    ['json of a string', '{{json .}}', '"a\\"b\\n\\u2028"', 'a"b\n\u2028'],
    ['json uses the JSON field names', '{{json .}}', '{"ApiVersion":"1.51"}', { APIVersion: '1.51' }],
    ['json of an unsupported value is empty', '{{json .}}', '', NaN],
    ['json of nothing', '{{json .Missing}}', 'null', new Map()],
    ['split', '{{split "a,b,c" ","}}', '[a b c]', null],
    ['split with an empty separator splits runes', '{{split "héj" ""}}', '[h é j]', null],
    ['split of an empty string', '{{len (split "" ",")}}', '1', null],
    ['join', '{{join .Names ","}}', 'a,b', { Names: ['a', 'b'] }],
    ['join of nothing', '{{join .Names ","}}', '', { Names: [] }],
    ['join nil', '{{join nil ","}}', '', null],
    ['split then join', '{{join (split "a b" " ") "+"}}', 'a+b', null],
    ['title', '{{title "hello wORLD-foo_bar 3d"}}', 'Hello WORLD-Foo_bar 3d', null],
    ['lower', '{{lower "ÀBC"}}', 'àbc', null],
    ['upper keeps ß (unicode.ToUpper has no single-rune mapping)', '{{upper "straße"}}', 'STRAßE', null],
    ['upper in a pipeline', '{{.Name | upper}}', 'WEB', { Name: 'web' }],
    ['pad', '{{pad "x" 1 2}}|', ' x  |', null],
    ['pad leaves an empty string alone', '{{pad "" 1 2}}|', '|', null],
    ['truncate', '{{truncate "abcdef" 3}}', 'abc', null],
    ['truncate a short string', '{{truncate "ab" 3}}', 'ab', null],
    ['truncate to the exact length', '{{truncate "abc" 3}}', 'abc', null],
  ];
  it.each(cases)('%s', (_name, input, output, data) => {
    expect(run(input, data)).toBe(output);
  });

  it('has exactly docker/cli\'s names: padWithSpace and truncateWithLength are Go function names, not template functions', () => {
    expect(failure('{{padWithSpace "x" 1 1}}', null)).toBe('template: test:1: function "padWithSpace" not defined');
    expect(failure('{{truncateWithLength "x" 1}}', null)).toBe('template: test:1: function "truncateWithLength" not defined');
  });

  it('renders a table header with HeaderFunctions, which keep column names intact but still pad', () => {
    const template = parseTemplate('', '{{upper .Name}}\t{{truncate .ID 3}}\t{{json .Size}}\t{{pad .Tag 1 1}}');
    const header = new Map([
      ['Name', 'NAME'],
      ['ID', 'CONTAINER ID'],
      ['Size', 'SIZE'],
      ['Tag', 'TAG'],
    ]);
    expect(template.execute(header, undefined, { header: true })).toBe('NAME\tCONTAINER ID\tSIZE\t TAG ');
    expect(template.execute({ Name: 'web', ID: 'abcdef', Size: 5, Tag: 'v1' })).toBe('WEB\tabc\t5\t v1 ');
  });
});

describe('Docker-style formats', () => {
  const image = {
    ID: 'sha256:4f1d3b8e2a6c',
    Repository: 'nginx',
    Tag: 'latest',
    Size: '187MB',
    Names: ['web', 'frontend'],
    Layers: ['sha256:aaa', 'sha256:bbb'],
    Labels: new Map([
      ['maintainer', 'NGINX'],
      ['com.example.version', '1.2'],
    ]),
    State: { Running: true, Health: null, Status: 'running' },
  };

  it.each([
    ['{{.Repository}}:{{.Tag}}', 'nginx:latest'],
    ['{{if .Tag}}{{.Tag}}{{else}}<none>{{end}}', 'latest'],
    ['{{range .Layers}}{{println .}}{{end}}', 'sha256:aaa\nsha256:bbb\n'],
    ['{{join .Names ","}}', 'web,frontend'],
    ['{{printf "%-10s|" .Repository}}', 'nginx     |'],
    ['{{printf "%5s|%-5s|" .Tag .Tag}}', 'latest|latest|'],
    ['{{.Labels}}', 'map[com.example.version:1.2 maintainer:NGINX]'],
    ['{{index .Labels "com.example.version"}}', '1.2'],
    ['{{.Labels.maintainer}}', 'NGINX'],
    ['{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}', 'com.example.version=1.2;maintainer=NGINX;'],
    ['{{.State.Health}}', '<no value>'],
    ['{{if .State.Running}}up{{else}}down{{end}}', 'up'],
    ['{{with .State}}{{.Status | title}}{{end}}', 'Running'],
    ['{{index (split .ID ":") 1}}', '4f1d3b8e2a6c'],
    ['{{truncate (index (split .ID ":") 1) 6}}', '4f1d3b'],
    ['{{len .Layers}} layers', '2 layers'],
    ['{{json .Names}}', '["web","frontend"]'],
    ['{{range $i, $n := .Names}}{{if $i}}, {{end}}{{$n}}{{end}}', 'web, frontend'],
  ])('%s', (input, output) => {
    expect(run(input, { Name: 'x', ...image })).toBe(output);
  });

  it('reports the Tag missing as <none>', () => {
    expect(run('{{if .Tag}}{{.Tag}}{{else}}<none>{{end}}', { Tag: '' })).toBe('<none>');
  });

  it('renders `table {{.ID}}\\t{{.Size}}` through prepareDockerFormat and the tabwriter', () => {
    const { table, template } = prepareDockerFormat('table {{.ID}}\\t{{.Size}}');
    expect(table).toBe(true);
    expect(template).toBe('{{.ID}}\t{{.Size}}');
    const parsed = parseTemplate('', template);
    const header = parsed.execute(new Map([
      ['ID', 'IMAGE ID'],
      ['Size', 'SIZE'],
    ]), undefined, { header: true });
    const rows = [
      { ID: '4f1d3b8e2a6c', Size: '187MB' },
      { ID: '9c7a54a9a43c', Size: '13.3kB' },
    ].map((row) => `${parsed.execute(row)}\n`);
    // docker/cli: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0), header first.
    expect(tabwrite(`${header}\n${rows.join('')}`, { minwidth: 10, padding: 3 })).toBe(
      'IMAGE ID       SIZE\n4f1d3b8e2a6c   187MB\n9c7a54a9a43c   13.3kB\n',
    );
  });
});

describe('prepareDockerFormat (docker/cli formatter Context.preFormat)', () => {
  it.each([
    ['table {{.ID}}\\t{{.Size}}', true, '{{.ID}}\t{{.Size}}'],
    ['table', true, ''],
    ['table{{.ID}}', true, '{{.ID}}'],
    ['tablefoo', true, 'foo'],
    ['json', false, '{{json .}}'],
    ['{{json .}}', false, '{{json .}}'],
    ['  {{.ID}}  ', false, '{{.ID}}'],
    ['\t{{.ID}}\t', false, '\t{{.ID}}\t'],
    ['{{.ID}}\\n{{.Names}}', false, '{{.ID}}\n{{.Names}}'],
    ['a\\\\tb', false, 'a\\\tb'],
    ['{{.ID}}\\x', false, '{{.ID}}\\x'],
    [' table {{.ID}}', false, 'table {{.ID}}'],
  ])('%j → table %s, %j', (format, table, template) => {
    expect(prepareDockerFormat(format)).toEqual({ table, template });
  });
});

describe('parse errors (Go parse_test.go)', () => {
  it.each([
    ['emptyAction', '{{}}', 'template: test:1: missing value for command'],
    ['unmatched end', '{{end}}', 'template: test:1: unexpected {{end}}'],
    ['unmatched else', '{{else}}', 'template: test:1: unexpected {{else}}'],
    ['unmatched else after if', '{{if .X}}hello{{end}}{{else}}', 'template: test:1: unexpected {{else}}'],
    ['multiple else', '{{if .X}}1{{else}}2{{else}}3{{end}}', 'template: test:1: expected end; found {{else}}'],
    ['missing end', 'hello{{range .x}}', 'template: test:1: unexpected EOF'],
    ['missing end after else', 'hello{{range .x}}{{else}}', 'template: test:1: unexpected EOF'],
    ['undefined function', 'hello{{undefined}}', 'template: test:1: function "undefined" not defined'],
    ['undefined variable', '{{$x}}', 'template: test:1: undefined variable "$x"'],
    ['variable undefined after end', '{{with $x := 4}}{{end}}{{$x}}', 'template: test:1: undefined variable "$x"'],
    ['declare with field', '{{with $x.Y := 4}}{{end}}', 'template: test:1: undefined variable "$x"'],
    ['template with field ref', '{{template .X}}', 'template: test:1: unexpected ".X" in template clause'],
    ['invalid punctuation', '{{printf 3, 4}}', 'template: test:1: unexpected "," in operand'],
    ['multidecl outside range', '{{with $v, $u := 3}}{{end}}', 'template: test:1: too many declarations in with'],
    ['too many decls in range', '{{range $u, $v, $w := 3}}{{end}}', 'template: test:1: too many declarations in range'],
    ['dot applied to parentheses', '{{printf (printf .).}}', 'template: test:1: unexpected <.> in operand'],
    ['adjacent args', '{{printf 3`x`}}', 'template: test:1: unexpected "`x`" in operand'],
    ['adjacent args with .', '{{printf `x`.}}', 'template: test:1: unexpected <.> in operand'],
    ['extra end after if', '{{if .X}}a{{else if .Y}}b{{end}}{{end}}', 'template: test:1: unexpected {{end}}'],
    ['break outside range', '{{range .}}{{end}} {{break}}', 'template: test:1: {{break}} outside {{range}}'],
    ['continue outside range', '{{range .}}{{end}} {{continue}}', 'template: test:1: {{continue}} outside {{range}}'],
    ['break in range else', '{{range .}}{{else}}{{break}}{{end}}', 'template: test:1: {{break}} outside {{range}}'],
    ['continue in range else', '{{range .}}{{else}}{{continue}}{{end}}', 'template: test:1: {{continue}} outside {{range}}'],
    ['bug0b', '{{$x += 1}}{{$x}}', 'template: test:1: undefined variable "$x"'],
    ['bug0e', '{{range $x := $y := 3}}{{end}}', 'template: test:1: undefined variable "$y"'],
    ['bug1b', '{{$x:=.}}{{$x+2}}', 'template: test:1: bad character U+002B \'+\''],
    ['dot after integer', '{{1.E}}', 'template: test:1: illegal number syntax: "1.E"'],
    ['dot after float', '{{0.1.E}}', 'template: test:1: unexpected . after term "0.1"'],
    ['dot after boolean', '{{true.E}}', 'template: test:1: unexpected . after term "true"'],
    ['dot after char', "{{'a'.any}}", 'template: test:1: unexpected . after term "\'a\'"'],
    ['dot after string', '{{"hello".guys}}', 'template: test:1: unexpected . after term "\\"hello\\""'],
    ['dot after dot', '{{..E}}', 'template: test:1: unexpected . after term "."'],
    ['dot after nil', '{{nil.E}}', 'template: test:1: unexpected . after term "nil"'],
    ['wrong pipeline dot', '{{12|.}}', 'template: test:1: non executable command in pipeline stage 2'],
    ['wrong pipeline number', '{{.|12|printf}}', 'template: test:1: non executable command in pipeline stage 2'],
    ['wrong pipeline string', '{{.|printf|"error"}}', 'template: test:1: non executable command in pipeline stage 3'],
    ['wrong pipeline char', "{{12|printf|'e'}}", 'template: test:1: non executable command in pipeline stage 3'],
    ['wrong pipeline boolean', '{{.|true}}', 'template: test:1: non executable command in pipeline stage 2'],
    ['wrong pipeline nil', "{{'c'|nil}}", 'template: test:1: non executable command in pipeline stage 2'],
    ['empty pipeline', '{{printf "%d" ( ) }}', 'template: test:1: missing value for parenthesized pipeline'],
    ['block definition', '{{block "foo"}}hello{{end}}', 'template: test:1: missing value for block clause'],
    // errorTests: Go checks that the message contains its text; these are the whole messages.
    ['unclosed1', 'line1\n{{', 'template: test:2: unclosed action'],
    ['unclosed2', 'line1\n{{define `x`}}line2\n{{', 'template: test:3: unclosed action'],
    ['unclosed3', 'line1\n{{"x"\n"y"\n', 'template: test:4: unclosed action started at test:2'],
    ['unclosed4', '{{\n\n\n\n\n', 'template: test:6: unclosed action started at test:1'],
    ['var1', 'line1\n{{\nx\n}}', 'template: test:3: function "x" not defined'],
    ['function', '{{foo}}', 'template: test:1: function "foo" not defined'],
    ['comment1', '{{/*}}', 'template: test:1: unclosed comment'],
    ['comment2', '{{/*\nhello\n}}', 'template: test:1: unclosed comment'],
    ['comment3', '{{/* x */ .X}}', 'template: test:1: comment ends before closing delimiter'],
    ['lparen', '{{.X (1 2 3}}', 'template: test:1: unclosed left paren'],
    ['rparen', '{{.X 1 2 3 ) }}', 'template: test:1: unexpected right paren'],
    ['rparen2', '{{(.X 1 2 3', 'template: test:1: unclosed action'],
    ['space', '{{`x`3}}', 'template: test:1: unexpected "3" in operand'],
    ['idchar', '{{a#}}', "template: test:1: bad character U+0023 '#'"],
    ['charconst', "{{'a}}", 'template: test:1: unterminated character constant'],
    ['stringconst', '{{"a}}', 'template: test:1: unterminated quoted string'],
    ['rawstringconst', '{{`a}}', 'template: test:1: unterminated raw quoted string'],
    ['number', '{{0xi}}', 'template: test:1: illegal number syntax: "0xi"'],
    ['multidefine', '{{define `a`}}a{{end}}{{define `a`}}b{{end}}', 'template: test:1: template: multiple definition of template "a"'],
    ['eof', '{{range .X}}', 'template: test:1: unexpected EOF'],
    ['variable', '{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}', 'template: test:1: unexpected ":=" in operand'],
    ['multidecl', '{{$a,$b,$c := 23}}', 'template: test:1: too many declarations in command'],
    ['undefvar', '{{$a}}', 'template: test:1: undefined variable "$a"'],
    ['wrongdot', '{{true.any}}', 'template: test:1: unexpected . after term "true"'],
    ['wrongpipeline', '{{12|false}}', 'template: test:1: non executable command in pipeline stage 2'],
    ['emptypipeline', '{{ ( ) }}', 'template: test:1: missing value for parenthesized pipeline'],
    ['multilinerawstring', '{{ $v := `\n` }} {{', 'template: test:2: unclosed action'],
    ['rangeundefvar', '{{range $k}}{{end}}', 'template: test:1: undefined variable "$k"'],
    ['rangeundefvars', '{{range $k, $v}}{{end}}', 'template: test:1: undefined variable "$v"'],
    ['rangemissingvalue1', '{{range $k,}}{{end}}', 'template: test:1: missing value for range'],
    ['rangemissingvalue2', '{{range $k, $v := }}{{end}}', 'template: test:1: missing value for range'],
    ['rangenotvariable1', '{{range $k, .}}{{end}}', 'template: test:1: range can only initialize variables'],
    ['rangenotvariable2', '{{range $k, 123 := .}}{{end}}', 'template: test:1: range can only initialize variables'],
    ['TestUnterminatedStringError', 'hello\n\n{{`unterminated\n\n\n\n}}\n some more\n\n', 'template: test:3: unterminated raw quoted string'],
    // More of the lexer and strconv.
    ['unrecognized character', '{{€}}', "template: test:1: unrecognized character in action: U+20AC '€'"],
    ['control character', '{{\u0001}}', 'template: test:1: unrecognized character in action: U+0001'],
    ['expected :=', '{{$x := 1}}{{$x :}}', 'template: test:1: expected :='],
    ['undefined before the lexer error', '{{$x :}}', 'template: test:1: undefined variable "$x"'],
    ['malformed character constant', "{{'ab'}}", "template: test:1: malformed character constant: 'ab'"],
    ['empty character constant', "{{''}}", 'template: test:1: invalid syntax'],
    ['bad escape', '{{"\\q"}}', 'template: test:1: invalid syntax'],
    ['integer overflow', '{{99999999999999999999}}', 'template: test:1: integer overflow: "99999999999999999999"'],
    ['octal-looking integer', '{{08}}', 'template: test:1: integer overflow: "08"'],
    ['bad number syntax', '{{3-}}', 'template: test:1: bad number syntax: "3-"'],
    ['unexpected in command', '{{.X !}}', 'template: test:1: unexpected "!" in operand'],
    ['long token is abbreviated', '{{"abcdefghijkl" = 1}}', 'template: test:1: unexpected "=" in operand'],
    ['keyword token', '{{if}}', 'template: test:1: missing value for if'],
    ['define not at top level', '{{if 1}}{{define "x"}}{{end}}{{end}}', 'template: test:1: unexpected <define> in command'],
    ['else if in range', '{{range .}}{{else if .X}}{{end}}', 'template: test:1: unexpected <if> in input'],
    ['line of a later action', 'a\nb\n{{.X}}\n{{end}}', 'template: test:4: unexpected {{end}}'],
  ])('%s', (_name, input, message) => {
    expect(() => parseTemplate('test', input)).toThrow(TemplateParseError);
    expect(failure(input, null)).toBe(message);
  });

  it('allows break and continue only inside range', () => {
    expect(run('{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}', [1, 2, 3, 4, 5])).toBe('13');
  });

  it('limits parenthesis nesting as Go does on wasm', () => {
    expect(run(`{{${'('.repeat(1000)}1${')'.repeat(1000)}}}`, null)).toBe('1');
    expect(failure(`{{${'('.repeat(1001)}1${')'.repeat(1001)}}}`, null)).toBe('template: test:1: max expression depth exceeded');
  });
});

describe('execution errors (Go exec_test.go)', () => {
  it.each([
    ['nil action', '{{nil}}', null, 'template: test:1:2: executing "test" at <nil>: nil is not a command'],
    ['.unexported', '{{.unexported}}', tVal, 'template: test:1:2: executing "test" at <.unexported>: unexported is an unexported field of struct type *template.T'],
    ['map .WRONG args', '{{.MSI.one 1}}', tVal, 'template: test:1:6: executing "test" at <.MSI.one>: one is not a method but has arguments'],
    ['map .WRONG type', '{{.MII.one}}', tVal, 'template: test:1:6: executing "test" at <.MII.one>: can\'t evaluate field one in type map[int]int'],
    ['unparenthesized non-function', '{{1 2}}', null, "template: test:1:2: executing \"test\" at <1>: can't give argument to non-function 1"],
    ['parenthesized non-function', '{{(1) 2}}', null, "template: test:1:2: executing \"test\" at <(1) 2>: can't give argument to non-function 1"],
    ['if nil', '{{if nil}}TRUE{{end}}', tVal, 'template: test:1:5: executing "test" at <nil>: nil is not a command'],
    ['or short-circuit2', '{{or 0 0 .Die}}', tVal, 'template: test:1:9: executing "test" at <.Die>: error calling Die: die'],
    ['and short-circuit2', '{{and 1 1 .Die}}', tVal, 'template: test:1:10: executing "test" at <.Die>: error calling Die: die'],
    ['slice[HUGE]', '{{index .SI 10}}', tVal, 'template: test:1:2: executing "test" at <index .SI 10>: error calling index: index out of range: 10'],
    ['slice[len]', '{{index .SI 3}}', tVal, 'template: test:1:2: executing "test" at <index .SI 3>: error calling index: reflect: slice index out of range'],
    ['slice[WRONG]', '{{index .SI `hello`}}', tVal, 'template: test:1:2: executing "test" at <index .SI `hello`>: error calling index: cannot index slice/array with type string'],
    ['slice[nil]', '{{index .SI nil}}', tVal, 'template: test:1:2: executing "test" at <index .SI nil>: error calling index: cannot index slice/array with nil'],
    ['map[nil]', '{{index .MSI nil}}', tVal, 'template: test:1:2: executing "test" at <index .MSI nil>: error calling index: value is nil; should be of type string'],
    ['map[WRONG]', '{{index .MSI 10}}', tVal, 'template: test:1:2: executing "test" at <index .MSI 10>: error calling index: value has type int; should be string'],
    ['nil[1]', '{{index nil 1}}', tVal, 'template: test:1:2: executing "test" at <index nil 1>: error calling index: index of untyped nil'],
    ['index of a bool', '{{index true 1}}', tVal, "template: test:1:2: executing \"test\" at <index true 1>: error calling index: can't index item of type bool"],
    ['slice[-1:]', '{{slice .SI -1}}', tVal, 'template: test:1:2: executing "test" at <slice .SI -1>: error calling slice: index out of range: -1'],
    ['slice[1:-2]', '{{slice .SI 1 -2}}', tVal, 'template: test:1:2: executing "test" at <slice .SI 1 -2>: error calling slice: index out of range: -2'],
    ['slice[2:1]', '{{slice .SI 2 1}}', tVal, 'template: test:1:2: executing "test" at <slice .SI 2 1>: error calling slice: invalid slice index: 2 > 1'],
    ['slice[2:2:1]', '{{slice .SI 2 2 1}}', tVal, 'template: test:1:2: executing "test" at <slice .SI 2 2 1>: error calling slice: invalid slice index: 2 > 1'],
    ['out of range', '{{slice .SI 4 5}}', tVal, 'template: test:1:2: executing "test" at <slice .SI 4 5>: error calling slice: index out of range: 4'],
    ['out of range string', '{{slice .S 1 5}}', tVal, 'template: test:1:2: executing "test" at <slice .S 1 5>: error calling slice: index out of range: 5'],
    ['3-index slice of string', '{{slice .S 1 2 2}}', tVal, 'template: test:1:2: executing "test" at <slice .S 1 2 2>: error calling slice: cannot 3-index slice a string'],
    ['len of int', '{{len 3}}', tVal, 'template: test:1:2: executing "test" at <len 3>: error calling len: len of type int'],
    ['len of nothing', '{{len .Empty0}}', tVal, 'template: test:1:2: executing "test" at <len .Empty0>: error calling len: len of nil pointer'],
    ['len of a missing key', '{{len .missing}}', new Map(), 'template: test:1:2: executing "test" at <len .missing>: error calling len: reflect: call of reflect.Value.Type on zero Value'],
    ['len with no args', '{{len}}', null, 'template: test:1:2: executing "test" at <len>: wrong number of args for len: want 1 got 0'],
    ['error method, error', '{{.MyError true}}', tVal, 'template: test:1:2: executing "test" at <.MyError>: error calling MyError: my error'],
    ['bug7a', '{{3 2}}', tVal, "template: test:1:2: executing \"test\" at <3>: can't give argument to non-function 3"],
    ['bug7b', '{{$x := 1}}{{$x 2}}', tVal, "template: test:1:13: executing \"test\" at <$x>: can't give argument to non-function $x"],
    ['bug7c', '{{$x := 1}}{{3 | $x}}', tVal, "template: test:1:17: executing \"test\" at <$x>: can't give argument to non-function $x"],
    ['bug14a', '{{(nil).True}}', tVal, 'template: test:1:3: executing "test" at <nil>: nil is not a command'],
    ['bug14b', '{{$x := nil}}{{$x.anything}}', tVal, 'template: test:1:8: executing "test" at <nil>: nil is not a command'],
    ['bug14c', '{{$x := (1.0)}}{{$y := ("hello")}}{{$x.anything}}{{$y.true}}', tVal, "template: test:1:38: executing \"test\" at <$x.anything>: can't evaluate field anything in type float64"],
    ['bug16a', '{{true|printf}}', tVal, 'template: test:1:7: executing "test" at <printf>: wrong type for value; expected string; got bool'],
    ['bug16b', '{{1|printf}}', tVal, 'template: test:1:4: executing "test" at <printf>: wrong type for value; expected string; got int'],
    ['bug16c', '{{1.1|printf}}', tVal, 'template: test:1:6: executing "test" at <printf>: wrong type for value; expected string; got float64'],
    ['bug16d', "{{'x'|printf}}", tVal, 'template: test:1:6: executing "test" at <printf>: wrong type for value; expected string; got int'],
    ['bug16e', '{{0i|printf}}', tVal, 'template: test:1:5: executing "test" at <printf>: wrong type for value; expected string; got complex128'],
    ['printf with no format', '{{printf}}', null, 'template: test:1:2: executing "test" at <printf>: wrong number of args for printf: want at least 1 got 0'],
    ['eq with one argument', '{{eq 1}}', null, 'template: test:1:2: executing "test" at <eq 1>: error calling eq: missing argument for comparison'],
    ['ne with one argument', '{{ne 1}}', null, 'template: test:1:2: executing "test" at <ne>: wrong number of args for ne: want 2 got 1'],
    ['eq `xy` 1', '{{eq `xy` 1}}', null, 'template: test:1:2: executing "test" at <eq `xy` 1>: error calling eq: incompatible types for comparison: string and int'],
    ['eq 2 2.0', '{{eq 2 2.0}}', null, 'template: test:1:2: executing "test" at <eq 2 2.0>: error calling eq: incompatible types for comparison: int and float64'],
    ['lt true true', '{{lt true true}}', null, 'template: test:1:2: executing "test" at <lt true true>: error calling lt: invalid type for comparison'],
    ['lt 1+0i 1+0i', '{{lt 1+0i 1+0i}}', null, 'template: test:1:2: executing "test" at <lt 1+0i 1+0i>: error calling lt: invalid type for comparison'],
    ['eq of slices', '{{eq .SI .SI}}', tVal, 'template: test:1:2: executing "test" at <eq .SI .SI>: error calling eq: non-comparable type [%!s(int=3) %!s(int=4) %!s(int=5)]: []int'],
    ['can\'t evaluate field X in type int (TestExecuteGivesExecError)', 'hello, {{.X.Y}}', 0, "template: test:1:11: executing \"test\" at <.X.Y>: can't evaluate field X in type int"],
    ['MissingFieldOnNonNil', '{{.MissingField}}', tVal, "template: test:1:2: executing \"test\" at <.MissingField>: can't evaluate field MissingField in type *template.T"],
    ['nil interface in a chain', '{{.Empty0.X}}', tVal, 'template: test:1:9: executing "test" at <.Empty0.X>: nil pointer evaluating interface {}.X'],
    ['field has arguments', '{{.X 1}}', tVal, 'template: test:1:2: executing "test" at <.X>: X has arguments but cannot be invoked as function'],
    ['method has too few arguments', '{{.Method1}}', tVal, 'template: test:1:2: executing "test" at <.Method1>: wrong number of args for Method1: want 1 got 0'],
    ['range over a string', '{{range .S}}{{end}}', tVal, "template: test:1:8: executing \"test\" at <.S>: range can't iterate over xyz"],
    ['range over an int with two variables', '{{range $i, $v := 3}}{{end}}', null, "template: test:1:18: executing \"test\" at <3>: can't use 3 to iterate over more than one variable"],
    ['range over a struct', '{{range .U}}{{end}}', tVal, "template: test:1:8: executing \"test\" at <.U>: range can't iterate over {v}"],
    ['overflow', '{{print 0x8000000000000000}}', null, 'template: test:1:8: executing "test" at <0x8000000000000000>: 0x8000000000000000 overflows int'],
    ['undefined template', '{{template "nope"}}', null, 'template: test:1:11: executing "test" at <{{template "nope"}}>: template "nope" not defined'],
    ['recursive template', '{{define "a"}}{{template "a"}}{{end}}{{template "a"}}', null, 'template: test:1:25: executing "a" at <{{template "a"}}>: exceeded maximum template depth (1000)'],
    ['call nothing', '{{call}}', tVal, 'template: test:1:2: executing "test" at <call>: wrong number of args for call: want at least 1 got 0'],
    ['call non-function', '{{call .True}}', tVal, 'template: test:1:2: executing "test" at <call .True>: error calling call: non-function .True of type bool'],
    ['call pipeline', '{{call (len "test")}}', null, 'template: test:1:2: executing "test" at <call (len "test")>: error calling call: non-function len "test" of type int'],
    ['call nil', '{{call nil}}', null, 'template: test:1:2: executing "test" at <call nil>: error calling call: call of nil'],
    ['call piped', '{{1 | call}}', null, 'template: test:1:6: executing "test" at <call>: error calling call: non-function <int Value> of type int'],
    ['wrong argument type for a docker function', '{{upper .I}}', tVal, 'template: test:1:8: executing "test" at <.I>: wrong type for value; expected string; got int'],
    ['wrong constant for a string parameter', '{{upper 5}}', null, 'template: test:1:8: executing "test" at <5>: expected string; found 5'],
    ['wrong constant for an int parameter', '{{truncate "abc" "x"}}', null, 'template: test:1:17: executing "test" at <"x">: expected integer; found "x"'],
    ['missing value for a string parameter', '{{upper .Missing}}', new Map(), 'template: test:1:8: executing "test" at <.Missing>: invalid value; expected string'],
    ['nil for a string parameter', '{{upper nil}}', null, 'template: test:1:8: executing "test" at <nil>: cannot assign nil to string'],
    ['nil interface for a string parameter', '{{upper .Empty0}}', tVal, 'template: test:1:8: executing "test" at <.Empty0>: wrong type for value; expected string; got interface {}'],
    ['a constant for a slice parameter', '{{join "a" ","}}', null, 'template: test:1:7: executing "test" at <"a">: can\'t handle "a" for arg of type []string'],
    ['join of ints', '{{join .SI ","}}', tVal, 'template: test:1:7: executing "test" at <.SI>: wrong type for value; expected []string; got []int'],
    ['piped join', '{{.Names | join ","}}', { Names: ['a'] }, 'template: test:1:16: executing "test" at <",">: can\'t handle "," for arg of type []string'],
    ['negative truncate', '{{truncate "abc" -1}}', null, 'template: test:1:2: executing "test" at <truncate "abc" -1>: error calling truncate: runtime error: slice bounds out of range [:-1]'],
    ['negative pad', '{{pad "abc" -1 0}}', null, 'template: test:1:2: executing "test" at <pad "abc" -1 0>: error calling pad: strings: negative Repeat count'],
    ['line and column in a later line count bytes', 'héllo\n  wörld {{.Nope}}', tVal, "template: test:2:11: executing \"test\" at <.Nope>: can't evaluate field Nope in type *template.T"],
    ['printing a function', '{{.F}}', new Map([['F', () => 1]]), "template: test:1:2: executing \"test\" at <{{.F}}>: can't print {{.F}} of type func()"],
  ])('%s', (_name, input, data, message) => {
    expect(() => run(input, data)).toThrow(TemplateExecError);
    expect(failure(input, data)).toBe(message);
  });

  it('reports nested template errors with the executing template name (TestExecError)', () => {
    const text = 'line 1\nline 2\nline 3\n{{template "one" .}}\n{{define "one"}}{{template "two" .}}{{end}}\n{{define "two"}}{{template "three" .}}{{end}}\n{{define "three"}}{{index "hi" $}}{{end}}';
    expect(failure(text, 5, 'top')).toBe('template: top:7:20: executing "three" at <index "hi" $>: error calling index: index out of range: 5');
  });

  it('keeps what was written before the error', () => {
    try {
      run('abc{{.Nope}}def', tVal);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateExecError);
      expect((error as TemplateExecError).partialOutput).toBe('abc');
    }
  });

  it('gives Go\'s messages for docker version\'s data', () => {
    const info = { Client: { Version: '28.3.3' } };
    const names = (value: object) => (value === info ? 'system.versionInfo' : 'system.clientVersion');
    const execute = (format: string) => () => parseTemplate('version', format).execute(info, names);
    expect(execute('{{.Client.ApiVersion}}')).toThrow(
      'template: version:1:9: executing "version" at <.Client.ApiVersion>: can\'t evaluate field ApiVersion in type system.clientVersion',
    );
    expect(execute('{{.Foo}}')).toThrow('template: version:1:2: executing "version" at <.Foo>: can\'t evaluate field Foo in type system.versionInfo');
  });
});

describe('printf (Go fmt_test.go)', () => {
  const F = (value: number) => new GoFloat(value);
  it.each<[string, unknown, string]>([
    ['%s', 'abc', 'abc'],
    ['%v', 'abc', 'abc'],
    ['%q', 'abc', '"abc"'],
    ['%#q', 'abc', '`abc`'],
    ['%q', '日本語', '"日本語"'],
    ['%+q', '日本語', '"\\u65e5\\u672c\\u8a9e"'],
    ['%q', '\x07\b\f\n\r\t\v"\\', '"\\a\\b\\f\\n\\r\\t\\v\\"\\\\"'],
    ['%10q', '⌘', '       "⌘"'],
    ['%-10q', '⌘', '"⌘"       '],
    ['%010q', '⌘', '0000000"⌘"'],
    ['%x', 'xyz', '78797a'],
    ['%X', 'xyz', '78797A'],
    ['% x', 'xyz', '78 79 7a'],
    ['%#x', 'xyz', '0x78797a'],
    ['%# X', 'xyz', '0X78 0X79 0X7A'],
    ['%5s', 'abc', '  abc'],
    ['%-5s', 'abc', 'abc  '],
    ['%05s', 'abc', '00abc'],
    ['%.5s', 'abcdefghijklmnopqrstuvwxyz', 'abcde'],
    ['%.5s', '日本語日本語', '日本語日本'],
    ['%2s', '\u263a', ' ☺'],
    ['%.1x', '日本語', 'e6'],
    ['%10v', null, '     <nil>'],
    ['%c', 0x672c, '本'],
    ['%3c', 0x2318, '  ⌘'],
    ['%c', -1, '\ufffd'],
    ['%q', 0x263a, "'☺'"],
    ['%+q', 0x263a, "'\\u263a'"],
    ['%d', -12345, '-12345'],
    ['%.d', 0, ''],
    ['%6.0d', 0, '      '],
    ['% d', 12345, ' 12345'],
    ['%+d', 12345, '+12345'],
    ['%b', 7, '111'],
    ['%#b', -6, '-0b110'],
    ['%o', 668, '1234'],
    ['%#o', 668, '01234'],
    ['%O', 668, '0o1234'],
    ['%x', 0x12abcdef, '12abcdef'],
    ['%#X', 0, '0X0'],
    ['%10d', -12345, '    -12345'],
    ['%010d', -12345, '-000012345'],
    ['%-20.8d', -1234, '-00001234           '],
    ['%-#20.8x', 0x1234abc, '0x01234abc          '],
    ['%U', 0x263a, 'U+263A'],
    ['%#U', 0x263a, "U+263A '☺'"],
    ['%#14.6U', 0x2318, "  U+002318 '⌘'"],
    ['%+.3e', F(1), '+1.000e+00'],
    ['%+07.2f', F(-1), '-001.00'],
    ['%-07.2f', F(1), '1.00   '],
    ['% .3E', F(-1), '-1.000E+00'],
    ['%+.3x', F(1), '+0x1.000p+00'],
    ['%b', F(1), '4503599627370496p-52'],
    ['%#g', 1.1, '1.10000'],
    ['%#g', F(123456), '123456.'],
    ['%#g', F(1234567), '1.234567e+06'],
    ['%#.4g', 0.012, '0.01200'],
    ['%#.0f', F(123), '123.'],
    ['%#.4x', F(123), '0x1.ec00p+06'],
    ['%f', Infinity, '+Inf'],
    ['% f', NaN, ' NaN'],
    ['%+020e', Infinity, '                +Inf'],
    ['%e', 1234.5678e3, '1.234568e+06'],
    ['%f', 1234.5678e-8, '0.000012'],
    ['%g', 1234.5678e3, '1.2345678e+06'],
    ['%g', -1e-9, '-1e-09'],
    ['%G', 1234.5678e-8, '1.2345678E-05'],
    ['%v', F(1e6), '1e+06'],
    ['%.2f', 3.14159, '3.14'],
    ['%.2f', 2.675, '2.67'],
    ['%5.1f', 9.96, ' 10.0'],
    ['%.3g', new GoComplex(-1, -2), '(-1-2i)'],
    ['%t', true, 'true'],
    ['%v', [1, 2], '[1 2]'],
    ['%q', ['a', 'b'], '["a" "b"]'],
    ['%v', new Map([['b', 2], ['a', 1]]), 'map[a:1 b:2]'],
    ['%+v', { A: 1, B: 'x' }, '{A:1 B:x}'],
    ['%#v', ['a'], '[]string{"a"}'],
    ['%#v', new Map([['a', 1]]), 'map[string]int{"a":1}'],
    ['%T', ['a'], '[]string'],
    ['%T', 1.5, 'float64'],
    ['%T', null, '<nil>'],
    // Bad verbs, missing and extra arguments.
    ['%d', 'x', '%!d(string=x)'],
    ['%s', 3, '%!s(int=3)'],
    ['%t', 'x', '%!t(string=x)'],
    ['%d', true, '%!d(bool=true)'],
    ['%z', 1.5, '%!z(float64=1.5)'],
    ['%d', null, '%!d(<nil>)'],
    ['%d', ['a', 'b'], '[%!d(string=a) %!d(string=b)]'],
    ['%d', { A: 'x' }, '{%!d(string=x)}'],
    ['%!', 1, '%!!(int=1)'],
    ['%', 1, '%!(NOVERB)%!(EXTRA int=1)'],
  ])('%s of %o is %j', (format, arg, output) => {
    expect(run('{{printf .F .A}}', new Map<string, unknown>([['F', format], ['A', arg]]))).toBe(output);
  });

  it.each<[string, unknown[], string]>([
    ['%d %d', [1], '1 %!d(MISSING)'],
    ['%d', [1, 'x', null], '1%!(EXTRA string=x, <nil>)'],
    ['%[2]d %[1]d', [1, 2], '2 1'],
    ['%[3]d', [1, 2], '%!d(BADINDEX)'],
    ['%*d', [4, 42], '  42'],
    ['%-*d', [4, 42], '42  '],
    ['%*d', [-4, 42], '42  '],
    ['%.*d', [4, 42], '0042'],
    ['%*d', ['x', 42], '%!(BADWIDTH)42'],
    ['%.*d', ['x', 42], '%!(BADPREC)42'],
    ['%v %v', [null, undefined], '<nil> <nil>'],
    ['%%', [], '%'],
  ])('%s of %j is %j', (format, args, output) => {
    expect(sprintf(format, args)).toBe(output);
  });

  it('runs the verbs Docker users use through templates', () => {
    const data = { Name: 'web', Size: 1536, Ratio: 0.4567, Up: true };
    expect(run('{{printf "%-10s|%5d|%.2f|%t|%x|%q|%v|%%" .Name .Size .Ratio .Up .Size .Name .Name}}', data)).toBe(
      'web       | 1536|0.46|true|600|"web"|web|%',
    );
  });
});

describe('formatValue and goJson', () => {
  it('prints values as a template action does', () => {
    expect(formatValue(undefined)).toBe('<no value>');
    expect(formatValue(null)).toBe('<no value>');
    expect(formatValue('x')).toBe('x');
    expect(formatValue(1.5)).toBe('1.5');
    expect(formatValue(new GoFloat(2))).toBe('2');
    expect(formatValue(new GoFloat(1e21))).toBe('1e+21');
    expect(formatValue([1, null, 'a'])).toBe('[1 <nil> a]');
    expect(formatValue(new Map([['b', [1]], ['a', []]]))).toBe('map[a:[] b:[1]]');
    expect(formatValue({ A: { B: 1 }, C: true })).toBe('{{1} true}');
  });

  it('serialises like encoding/json', () => {
    expect(goJson({ APIVersion: '1.51', Tags: ['<a>'], M: new Map([['z', 1], ['a', 2]]) }, JSON_NAMES)).toBe(
      '{"ApiVersion":"1.51","Tags":["\\u003ca\\u003e"],"M":{"a":2,"z":1}}',
    );
    expect(goJson({ Tags: ['<a>&'] }, {}, { escapeHTML: false })).toBe('{"Tags":["<a>&"]}');
    expect(goJson(undefined)).toBe('null');
    expect(goJson({ A: undefined, B: null, C: new GoFloat(1), D: -0, E: 1e21, F: 1e-7 })).toBe('{"B":null,"C":1,"D":-0,"E":1e+21,"F":1e-7}');
    expect(goJson('\u0000\u001f\u2029')).toBe('"\\u0000\\u001f\\u2029"');
    expect(goJson(new Map([[10, 'a'], [9, 'b']]))).toBe('{"10":"a","9":"b"}');
    expect(goJson(NaN)).toBe('');
  });
});

// ---------------------------------------------------------------------------
// Properties

const FRAGMENTS = [
  '{{', '}}', '{{- ', ' -}}', ' ', '.', '.Name', '.Items', '.Map', '.Nested.Value', '.Nil', '.Fail', '.Method', '$', '$x', '$i', ' := ', ' = ', ',', '|', '(', ')',
  'if', 'else', 'end', 'range', 'with', 'define "t"', 'template "t"', 'block "b" .', 'break', 'continue', 'nil', 'true', ' 0 ', ' 1 ', ' 3 ', ' -1 ', ' 1.5 ', ' 2i ', "'a'",
  '"s"', '`raw`', '"%d %s %v"', '"%-5q|%x"', 'printf', 'print', 'println', 'len', 'index', 'slice', 'eq', 'ne', 'lt', 'and', 'or', 'not', 'html', 'js', 'urlquery', 'call',
  'json', 'split', 'join', 'title', 'lower', 'upper', 'pad', 'truncate', 'text', '\n', '/*', '*/', '"\\x', 'é',
];

const sample = {
  Name: 'web',
  Items: ['a', 'b', 'c'],
  Map: new Map<string, unknown>([
    ['k', 'v'],
    ['n', 2],
  ]),
  Nested: { Value: 1.5, Deep: [new Map([['x', null]])] },
  Nil: null,
  Fail(): never {
    throw new Error('failed');
  },
  Method(a: unknown): unknown {
    return a;
  },
};

function expectOnlyTemplateErrors(source: string): void {
  let template;
  try {
    template = parseTemplate('fuzz', source);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateParseError);
    return;
  }
  try {
    expect(typeof template.execute(sample)).toBe('string');
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateExecError);
  }
}

describe('properties', () => {
  it('parses any string to a Template or a TemplateParseError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'{}-/*. |$:=()"`\'\\ \nab1') })), (source) => {
        let outcome: unknown;
        try {
          outcome = parseTemplate('fuzz', source);
        } catch (error) {
          outcome = error;
        }
        expect(outcome instanceof TemplateParseError || typeof (outcome as { execute?: unknown }).execute === 'function').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('executes any parsed template to a string or a TemplateExecError', () => {
    const templateish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.oneof(templateish, fc.string()), expectOnlyTemplateErrors), { numRuns: 3000 });
  });

  it('executes well-formed actions over the sample without throwing anything else', () => {
    const operand = fc.constantFrom('.', '.Name', '.Items', '.Map', '.Map.k', '.Nested', '.Nested.Value', '.Nested.Deep', '.Nil', '.Missing', '$', '1', '"x"', 'nil', 'true', '1.5', '.Fail', '(.Method 1)');
    const fn = fc.constantFrom('print', 'println', 'printf "%v|%d|%s"', 'len', 'index', 'slice', 'eq', 'lt', 'and', 'or', 'not', 'html', 'js', 'urlquery', 'json', 'join', 'upper', 'split', 'pad', 'truncate', 'call');
    const action = fc.tuple(fn, fc.array(operand, { maxLength: 3 })).map(([f, args]) => `{{${[f, ...args].join(' ')}}}`);
    const block = fc.tuple(fc.constantFrom('if', 'with', 'range'), operand, action).map(([keyword, op, body]) => `{{${keyword} ${op}}}${body}{{else}}E{{end}}`);
    fc.assert(fc.property(fc.array(fc.oneof(action, block), { maxLength: 4 }), (parts) => expectOnlyTemplateErrors(parts.join(''))), { numRuns: 2000 });
  });
});
