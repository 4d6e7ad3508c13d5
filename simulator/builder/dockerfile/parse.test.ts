import { describe, expect, test } from 'vitest';
import { DockerfileParseError, heredocBody, parseDockerfile } from './parse';

function parseError(text: string): DockerfileParseError {
  try {
    parseDockerfile(text);
  } catch (e) {
    if (e instanceof DockerfileParseError) return e;
    throw e;
  }
  throw new Error('expected a DockerfileParseError');
}

describe('parseDockerfile', () => {
  test('multi-stage Go build into distroless', () => {
    const d = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG GO_VERSION=1.22',
        'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build',
        'WORKDIR /src',
        'COPY go.mod go.sum ./',
        'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
        'COPY . .',
        'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
        '',
        'FROM gcr.io/distroless/static-debian12',
        'COPY --from=build /out/app /app',
        'USER nonroot:nonroot',
        'ENTRYPOINT ["/app"]',
      ].join('\n'),
    );
    expect(d.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '\\' });
    expect(d.instructions.map((i) => i.keyword)).toEqual(['ARG', 'FROM', 'WORKDIR', 'COPY', 'RUN', 'COPY', 'RUN', 'FROM', 'COPY', 'USER', 'ENTRYPOINT']);
    const from = d.instructions[1];
    expect(from?.flags).toEqual([{ name: 'platform', value: '$BUILDPLATFORM', text: '--platform=$BUILDPLATFORM' }]);
    expect(from?.args).toEqual(['golang:${GO_VERSION}', 'AS', 'build']);
    expect(d.instructions[3]?.args).toEqual(['go.mod', 'go.sum', './']);
    expect(d.instructions[4]?.flags[0]).toEqual({ name: 'mount', value: 'type=cache,target=/go/pkg/mod', text: '--mount=type=cache,target=/go/pkg/mod' });
    expect(d.instructions[4]?.argsText).toBe('go mod download');
    expect(d.instructions[8]?.flags).toEqual([{ name: 'from', value: 'build', text: '--from=build' }]);
    const entrypoint = d.instructions[10];
    expect(entrypoint?.json).toBe(true);
    expect(entrypoint?.jsonArgs).toEqual(['/app']);
    expect(entrypoint?.startLine).toBe(13);
    expect(entrypoint?.sourceLines).toEqual(['ENTRYPOINT ["/app"]']);
  });

  test('node app with shell and exec forms', () => {
    const d = parseDockerfile('FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nEXPOSE 3000 9229/tcp\nCMD node server.js\n');
    const [, , , run, , expose, cmd] = d.instructions;
    expect(run?.json).toBe(false);
    expect(run?.args).toEqual(['npm ci --omit=dev']);
    expect(expose?.args).toEqual(['3000', '9229/tcp']);
    expect(cmd?.args).toEqual(['node server.js']);
    expect(cmd?.json).toBe(false);
  });

  test("invalid JSON falls back to shell form: CMD [\"a\", 'b']", () => {
    const d = parseDockerfile(`FROM a\nCMD ["a", 'b']\nENTRYPOINT ["x"] # comment\nRUN []\n`);
    expect(d.instructions[1]?.json).toBe(false);
    expect(d.instructions[1]?.args).toEqual([`["a", 'b']`]);
    expect(d.instructions[2]?.json).toBe(false);
    expect(d.instructions[3]?.json).toBe(true);
    expect(d.instructions[3]?.jsonArgs).toEqual([]);
  });

  test('a JSON array with a non-string is an error', () => {
    const e = parseError('FROM a\nCMD ["a", 1]\n');
    expect(e.message).toBe('when using JSON array syntax, arrays must be comprised of strings only');
    expect(e.line).toBe(2);
  });

  test('heredoc RUN, chomped and quoted', () => {
    const d = parseDockerfile('FROM alpine\nRUN <<EOF\napk add curl\necho $HOME\nEOF\nCOPY <<-"END" /etc/motd\n\thello\n\tEND\nRUN echo done\n');
    const run = d.instructions[1];
    expect(run?.heredocs).toEqual([{ name: 'EOF', content: 'apk add curl\necho $HOME\n', expand: true, chomp: false, fileDescriptor: 0 }]);
    expect(run?.startLine).toBe(2);
    expect(run?.endLine).toBe(5);
    expect(run?.sourceLines).toEqual(['RUN <<EOF', 'apk add curl', 'echo $HOME', 'EOF']);
    const copy = d.instructions[2];
    expect(copy?.heredocs[0]).toMatchObject({ name: 'END', expand: false, chomp: true, content: '\thello\n' });
    expect(heredocBody(copy?.heredocs[0] ?? { name: '', content: '', expand: false, chomp: false, fileDescriptor: 0 })).toBe('hello\n');
    expect(d.instructions[3]?.startLine).toBe(9);
  });

  test('several heredocs on one line, and none in JSON form', () => {
    const d = parseDockerfile('FROM a\nRUN <<A cat && 3<<B cat\na\nA\nb\nB\nRUN ["<<EOF"]\n');
    expect(d.instructions[1]?.heredocs.map((h) => [h.name, h.content, h.fileDescriptor])).toEqual([
      ['A', 'a\n', 0],
      ['B', 'b\n', 3],
    ]);
    expect(d.instructions[2]?.heredocs).toEqual([]);
  });

  test('unterminated heredoc', () => {
    const e = parseError('FROM a\nRUN <<EOF\necho\n');
    expect(e.message).toBe('unterminated heredoc');
    expect([e.line, e.endLine]).toEqual([2, 3]);
  });

  test('escape directive, Windows style', () => {
    const d = parseDockerfile('# escape=`\n\nFROM mcr.microsoft.com/windows/servercore\nCOPY testfile.txt c:\\\nRUN dir c:\\ `\n    && echo done\n');
    expect(d.directives.escape).toBe('`');
    expect(d.instructions[1]?.args).toEqual(['testfile.txt', 'c:\\']);
    expect(d.instructions[2]?.argsText).toBe('dir c:\\     && echo done');
    expect(d.instructions[2]?.endLine).toBe(6);
  });

  test('directives: case-insensitive, spaced, only at the very top', () => {
    expect(parseDockerfile('  # ESCAPE = `\nFROM a').directives.escape).toBe('`');
    expect(parseDockerfile('# check=skip=all\n# syntax=x\nFROM a').directives).toEqual({ escape: '\\', check: 'skip=all', syntax: 'x' });
    expect(parseDockerfile('# a comment\n# escape=`\nFROM a').directives.escape).toBe('\\');
    expect(parseDockerfile('\n# escape=`\nFROM a').directives.escape).toBe('\\');
    expect(parseError('# escape=`\n# escape=\\\nFROM a').message).toBe('only one escape parser directive can be used');
    expect(parseError('# escape=x\nFROM a').message).toBe("invalid escape token 'x' does not match ` or \\");
  });

  test('comments inside continuations are dropped; empty continuation lines warn', () => {
    const d = parseDockerfile('FROM a\nRUN apt-get update \\\n  # install curl\n    && apt-get install -y curl \\\n\n    && rm -rf /var/lib/apt/lists/*\n');
    expect(d.instructions[1]?.argsText).toBe('apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*');
    expect(d.instructions[1]?.endLine).toBe(6);
    expect(d.warnings[0]).toContain('Empty continuation line found in:');
  });

  test('ENV in both forms, LABEL with quotes', () => {
    const d = parseDockerfile('FROM a\nENV A=1 B="two words" C=3\\ 4\nENV LEGACY some value here\nLABEL "com.example.vendor"="ACME Inc" version=1.0 description="multi \\\nline"\n');
    expect(d.instructions[1]?.args).toEqual(['A', '1', 'B', '"two words"', 'C', '3\\ 4']);
    expect(d.instructions[2]?.args).toEqual(['LEGACY', 'some value here']);
    expect(d.instructions[3]?.args).toEqual(['"com.example.vendor"', '"ACME Inc"', 'version', '1.0', 'description', '"multi line"']);
  });

  test('HEALTHCHECK with flags, and NONE', () => {
    const d = parseDockerfile('FROM a\nHEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["pg_isready"]\n');
    expect(d.instructions[1]?.flags.map((f) => [f.name, f.value])).toEqual([
      ['interval', '5m'],
      ['timeout', '3s'],
    ]);
    expect(d.instructions[1]?.args).toEqual(['CMD', 'curl -f http://localhost/ || exit 1']);
    expect(d.instructions[2]?.args).toEqual(['NONE']);
    expect(d.instructions[3]?.json).toBe(true);
    expect(d.instructions[3]?.jsonArgs).toEqual(['pg_isready']);
  });

  test('ONBUILD keeps its trigger', () => {
    const d = parseDockerfile('FROM a\nONBUILD COPY --chown=app . /app/src\nONBUILD RUN <<EOF\nmake\nEOF\n');
    const trigger = d.instructions[1]?.trigger;
    expect(trigger?.keyword).toBe('COPY');
    expect(trigger?.flags).toEqual([{ name: 'chown', value: 'app', text: '--chown=app' }]);
    expect(trigger?.args).toEqual(['.', '/app/src']);
    expect(d.instructions[2]?.heredocs.map((h) => h.content)).toEqual(['make\n']);
  });

  test('case-insensitive keywords, leading whitespace, CRLF and a BOM', () => {
    const d = parseDockerfile('\uFEFFfrom a as B\r\n   run echo hi\r\nCoPy x y\r\n');
    expect(d.instructions.map((i) => [i.keyword, i.keywordAsWritten])).toEqual([
      ['FROM', 'from'],
      ['RUN', 'run'],
      ['COPY', 'CoPy'],
    ]);
    expect(d.instructions[1]?.argsText).toBe('echo hi');
  });

  test('ARG before FROM is allowed; anything else is not', () => {
    expect(parseDockerfile('ARG VERSION=latest\nFROM busybox:$VERSION').instructions[0]?.keyword).toBe('ARG');
    const e = parseError('ARG X\nENV A=b\nFROM a\n');
    expect(e.message).toBe('no build stage in current context');
    expect(e.line).toBe(2);
  });
});

describe('errors with BuildKit texts', () => {
  const cases: Array<[string, string, number]> = [
    ['', 'the Dockerfile cannot be empty', 0],
    ['\n# only a comment\n\n', 'file with no instructions', 3],
    ['FROM a\nRUNN x', 'dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)', 2],
    ['FROM a\nrunn x', 'dockerfile parse error on line 2: unknown instruction: runn (did you mean run?)', 2],
    ['FROM a\nservices:', 'dockerfile parse error on line 2: unknown instruction: services:', 2],
    ['FROM a b', 'dockerfile parse error on line 1: FROM requires either one or three arguments', 1],
    ['FROM', 'dockerfile parse error on line 1: FROM requires either one or three arguments', 1],
    ['FROM a AS 1x', `dockerfile parse error on line 1: invalid name for build stage: "1x", name can't start with a number or contain symbols`, 1],
    ['FROM a\nCOPY x', 'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined', 2],
    ['FROM a\nENV =x', 'dockerfile parse error on line 2: ENV names can not be blank', 2],
    ['FROM a\nENV A', 'ENV must have two arguments', 2],
    ['FROM a\nENV A=1 B', `Syntax error - can't find = in "B". Must be of the form: name=value`, 2],
    ['FROM a\nWORKDIR', 'dockerfile parse error on line 2: WORKDIR requires exactly one argument', 2],
    ['FROM a\nEXPOSE', 'dockerfile parse error on line 2: EXPOSE requires at least one argument', 2],
    ['FROM a\nHEALTHCHECK', 'dockerfile parse error on line 2: HEALTHCHECK requires at least one argument', 2],
    ['FROM a\nHEALTHCHECK NONE x', 'dockerfile parse error on line 2: HEALTHCHECK NONE takes no arguments', 2],
    ['FROM a\nHEALTHCHECK FOO x', 'dockerfile parse error on line 2: Unknown type "FOO" in HEALTHCHECK (try CMD)', 2],
    ['FROM a\nHEALTHCHECK --interval=0.1ms CMD x', 'dockerfile parse error on line 2: Interval "interval" cannot be less than 1ms', 2],
    ['FROM a\nHEALTHCHECK --retries=0 CMD x', 'dockerfile parse error on line 2: --retries must be at least 1 (not 0)', 2],
    ['FROM a\nSHELL /bin/bash -c', 'dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form', 2],
    ['FROM a\nONBUILD ONBUILD RUN x', "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", 2],
    ['FROM a\nONBUILD FROM b', "dockerfile parse error on line 2: FROM isn't allowed as an ONBUILD trigger", 2],
    ['FROM a\nCOPY --form=b x y', 'dockerfile parse error on line 2: unknown flag: --form (did you mean from?)', 2],
    ['FROM a\nCOPY --from=a --from=b x y', 'dockerfile parse error on line 2: duplicate flag specified: --from', 2],
    ['FROM a\nCOPY --from x y', 'dockerfile parse error on line 2: missing a value on flag: --from', 2],
    ['FROM a\nCOPY --link=maybe x y', 'dockerfile parse error on line 2: expecting boolean value for flag --link, not: maybe', 2],
    ['FROM a\nCOPY x <<EOF\nEOF', 'dockerfile parse error on line 2: COPY cannot accept a heredoc as a destination', 2],
    ['FROM a\nVOLUME [""]', 'dockerfile parse error on line 2: VOLUME specified can not be an empty string', 2],
    ['RUN echo', 'no build stage in current context', 1],
  ];
  test.each(cases)('%j', (text, message, line) => {
    const e = parseError(text);
    expect(e.message).toBe(message);
    expect(e.line).toBe(line);
  });
});
