import fc from 'fast-check';
import { expect, test } from 'vitest';
import { DockerfileParseError, parseDockerfile, type Instruction } from './parse';

test('(a) arbitrary text throws nothing but DockerfileParseError', () => {
  const pieces = fc.constantFrom('FROM ', 'RUN ', 'COPY ', 'ENV ', 'ONBUILD ', 'HEALTHCHECK ', '<<EOF', 'EOF', '<<-"X"', '\\', '`', '\n', '\r\n', '\t', ' ', '#', '# escape=`', '"', "'", '[', ']', '"a"', ',', '=', '--from=', '--', '$', '${', '}', ':-', 'a', 'x y', '\uFEFF');
  const text = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')));
  fc.assert(
    fc.property(text, (t) => {
      try {
        parseDockerfile(t);
      } catch (e) {
        if (!(e instanceof DockerfileParseError)) throw e;
      }
    }),
    { numRuns: 2000 },
  );
});

const VOCABULARY = [
  'RUN apt-get update && apt-get install -y curl',
  'RUN ["echo", "hello world"]',
  'COPY --from=build --chown=1000:1000 /out/app /usr/local/bin/app',
  'COPY a b c /dst/',
  'ADD --link https://example.com/x.tgz /tmp/',
  'ENV A=1 B="two words"',
  'ENV LEGACY some value',
  'LABEL org.opencontainers.image.title="demo app" version=1',
  'WORKDIR /app',
  'USER nobody',
  'EXPOSE 80 443/tcp',
  'VOLUME /data /logs',
  'ARG VERSION=1.0',
  'CMD ["node", "server.js"]',
  'ENTRYPOINT docker-entrypoint.sh',
  'HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/',
  'STOPSIGNAL SIGTERM',
  'SHELL ["/bin/bash", "-c"]',
  'ONBUILD RUN make install',
];

function randomCase(word: string, flips: boolean[]): string {
  return [...word].map((c, i) => (flips[i % flips.length] ? c.toLowerCase() : c.toUpperCase())).join('');
}

function summary(i: Instruction): unknown {
  return [i.keyword, i.flags, i.args, i.json, i.argsText, i.trigger?.keyword];
}

test('(b) continuation splits, comment lines, case and whitespace do not change the instructions', () => {
  const instruction = fc.record({
    line: fc.constantFrom(...VOCABULARY),
    flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    indent: fc.constantFrom('', ' ', '\t', '  \t'),
    // Where to continue the line: before some of its spaces.
    splits: fc.array(fc.nat(), { maxLength: 3 }),
    comments: fc.array(fc.constantFrom('# a comment', '   # indented comment', '#'), { maxLength: 2 }),
  });
  const dockerfile = fc.array(instruction, { minLength: 1, maxLength: 12 });
  fc.assert(
    fc.property(dockerfile, fc.boolean(), (items, blankLines) => {
      const plain = ['FROM alpine:3.20 AS base', ...items.map((it) => it.line)].join('\n');
      const varied = ['  from alpine:3.20 AS base'];
      for (const it of items) {
        const space = it.line.indexOf(' ');
        const keyword = it.line.slice(0, space);
        const rest = it.line.slice(space);
        const spaces = [...rest].map((c, i) => (c === ' ' && i > 0 ? i : -1)).filter((i) => i > 0);
        const cuts = new Set(it.splits.map((n) => spaces[n % Math.max(spaces.length, 1)]).filter((n): n is number => n !== undefined));
        let text = '';
        [...rest].forEach((c, i) => {
          if (cuts.has(i)) text += '\\\n' + it.comments.map((cm) => cm + '\n').join('');
          text += c;
        });
        varied.push(it.indent + randomCase(keyword, it.flips) + text);
        if (blankLines) varied.push('');
      }
      const a = parseDockerfile(plain).instructions.map(summary);
      const b = parseDockerfile(varied.join('\n')).instructions.map(summary);
      expect(b).toEqual(a);
    }),
    { numRuns: 500 },
  );
});
