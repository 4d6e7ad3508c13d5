import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ReadWriteLayer } from '../archive/rw-layer';
import { changesetToTar, fileBytes } from '../archive/tar';
import type { Change, Node } from '../archive/types';
import { UnionView } from '../archive/union';
import { copyInto, matchSources, SourceNotFound, sourceChecksum, type CopyOptions } from './copy';
import { IgnoreMatcher } from './dockerignore';
import { parseDockerfile } from './dockerfile/parse';
import { dockerfileExcerpt } from './failure';
import { runCommandString, scratchState } from './image-state';
import { applyMetadata, goDuration, type ArgScope } from './metadata';
import { runArgv } from './steps';

const text = (value: string): Node => ({ type: 'file', content: { kind: 'bytes', bytes: new TextEncoder().encode(value) }, mode: 0o644, uid: 1000, gid: 1000, mtime: 5 });
const dir = (mode = 0o755): Node => ({ type: 'directory', mode, uid: 1000, gid: 1000, mtime: 5 });

/** A source tree (a build context) from paths. */
function tree(entries: Record<string, Node>): UnionView {
  return new UnionView([new Map<string, Change>(Object.entries(entries))]);
}

const OPTIONS: CopyOptions = { dest: '/', workdir: '/', owner: { uid: 0, gid: 0 }, unpack: false, now: 99 };

async function copy(source: UnionView, sources: string[], options: Partial<CopyOptions>): Promise<ReadWriteLayer> {
  const layer = new ReadWriteLayer(new UnionView([]));
  await copyInto(layer, source, matchSources(source, sources), { ...OPTIONS, ...options });
  return layer;
}

const read = (layer: ReadWriteLayer, path: string): string | undefined => {
  const node = layer.get(path);
  return node?.type === 'file' ? new TextDecoder().decode(fileBytes(node.content)) : undefined;
};

describe('.dockerignore', () => {
  it('matches as moby/patternmatcher does: last match wins, ! re-includes, ** spans directories, a parent match covers its children', () => {
    const ignore = new IgnoreMatcher('# comment\nnode_modules\n*.log\n!keep.log\n**/secret.txt\n/build/\ndocs/*.md\n');
    expect(ignore.ignores('node_modules/express/index.js')).toBe(true);
    expect(ignore.ignores('debug.log')).toBe(true);
    expect(ignore.ignores('keep.log')).toBe(false);
    expect(ignore.ignores('sub/debug.log')).toBe(false);
    expect(ignore.ignores('a/b/secret.txt')).toBe(true);
    expect(ignore.ignores('secret.txt')).toBe(true);
    expect(ignore.ignores('build/out.js')).toBe(true);
    expect(ignore.ignores('docs/readme.md')).toBe(true);
    expect(ignore.ignores('docs/api/readme.md')).toBe(false);
    expect(ignore.ignores('app.js')).toBe(false);
  });

  it('never throws, whatever a learner writes into it', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z.\/]{1,20}$/), (patterns, path) => {
        const ignore = new IgnoreMatcher(patterns);
        expect(typeof ignore.ignores(path.replace(/^\/+/, '') || 'x')).toBe('boolean');
      }),
    );
  });
});

describe('COPY', () => {
  const context = tree({ '/app.js': text('app'), '/src': dir(), '/src/a.js': text('a'), '/src/lib': dir(), '/src/lib/b.js': text('b'), '/notes.md': text('n') });

  it('copies a file under its own name into a directory given with a trailing slash, and under the given name otherwise', async () => {
    expect(read(await copy(context, ['app.js'], { dest: '/app/' }), '/app/app.js')).toBe('app');
    expect(read(await copy(context, ['app.js'], { dest: '/app/main.js' }), '/app/main.js')).toBe('app');
    expect(read(await copy(context, ['app.js'], { dest: '.', workdir: '/srv' }), '/srv/app.js')).toBe('app');
  });

  it('copies the contents of a directory, not the directory itself, keeping the tree below it', async () => {
    const layer = await copy(context, ['src'], { dest: '/code' });
    expect(layer.children('/code')).toEqual(['a.js', 'lib']);
    expect(read(layer, '/code/lib/b.js')).toBe('b');
    expect(layer.has('/code/src')).toBe(false);
  });

  it('expands wildcards; a wildcard that matches nothing copies nothing, a missing plain source is an error', async () => {
    expect((await copy(context, ['*.js', '*.md'], { dest: '/out/' })).children('/out')).toEqual(['app.js', 'notes.md']);
    expect((await copy(context, ['*.txt'], { dest: '/out/' })).has('/out')).toBe(false);
    expect(() => matchSources(context, ['missing.txt'])).toThrow(new SourceNotFound('/missing.txt'));
    expect(() => matchSources(context, ['../../app.js'])).not.toThrow();
  });

  it('sets the owner to root unless --chown, and the mode with --chmod', async () => {
    const plain = (await copy(context, ['app.js'], { dest: '/x' })).get('/x');
    expect(plain).toMatchObject({ uid: 0, gid: 0, mode: 0o644, mtime: 5 });
    const owned = (await copy(context, ['app.js'], { dest: '/x', owner: { uid: 1000, gid: 50 }, mode: 0o600 })).get('/x');
    expect(owned).toMatchObject({ uid: 1000, gid: 50, mode: 0o600 });
  });

  it('ADD unpacks a local gzip tar archive into the destination; COPY copies it as it is', async () => {
    const archive = await changesetToTar(new Map<string, Change>([['/etc', dir()], ['/etc/hello', text('hi\n')]]));
    const source = tree({ '/files.tar.gz': { type: 'file', content: { kind: 'bytes', bytes: gzipSync(archive) }, mode: 0o644, uid: 0, gid: 0, mtime: 1 } });
    expect(read(await copy(source, ['files.tar.gz'], { dest: '/', unpack: true }), '/etc/hello')).toBe('hi\n');
    expect((await copy(source, ['files.tar.gz'], { dest: '/' })).has('/files.tar.gz')).toBe(true);
  });

  it('keys the cache on content and mode, not on modification time', () => {
    const before = tree({ '/a': text('one') });
    const touched = tree({ '/a': { ...text('one'), mtime: 123456 } });
    const changed = tree({ '/a': text('two') });
    const sum = (fs: UnionView) => sourceChecksum(fs, matchSources(fs, ['a']));
    expect(sum(touched)).toBe(sum(before));
    expect(sum(changed)).not.toBe(sum(before));
  });
});

describe('history texts', () => {
  const scope: ArgScope = { buildArgs: new Map([['VERSION', '2.0']]), globalArgs: new Map(), escapeToken: '\\' };
  const instructions = (source: string) => parseDockerfile(`FROM scratch\n${source}`).instructions.slice(1);

  it('records each metadata instruction as BuildKit and the classic builder do', () => {
    const state = scratchState();
    const texts = instructions('ARG VERSION=1.0\nENV A=1 B="two words"\nEXPOSE 80 443/udp 8000-8001\nVOLUME /data\nSHELL ["/bin/bash", "-c"]\nCMD echo $A\nHEALTHCHECK --interval=5m --timeout=3s --retries=3 CMD curl -f http://localhost/\nONBUILD RUN make').map((i) =>
      applyMetadata(state, i, scope),
    );
    expect(texts).toEqual([
      { buildkit: 'ARG VERSION=2.0', legacy: 'ARG VERSION=2.0' },
      { buildkit: 'ENV A=1 B=two words', legacy: 'ENV A=1 B=two words' },
      { buildkit: 'EXPOSE map[443/udp:{} 80/tcp:{} 8000/tcp:{} 8001/tcp:{}]', legacy: 'EXPOSE 80 443/udp 8000-8001' },
      { buildkit: 'VOLUME [/data]', legacy: 'VOLUME [/data]' },
      { buildkit: 'SHELL [/bin/bash -c]', legacy: 'SHELL [/bin/bash -c]' },
      { buildkit: 'CMD ["/bin/bash" "-c" "echo $A"]', legacy: 'CMD ["/bin/bash" "-c" "echo $A"]' },
      {
        buildkit: `HEALTHCHECK &{["CMD-SHELL" "curl -f http://localhost/"] "5m0s" "3s" "0s" "0s" '\\x03'}`,
        legacy: `HEALTHCHECK &{["CMD-SHELL" "curl -f http://localhost/"] "5m0s" "3s" "0s" "0s" '\\x03'}`,
      },
      { buildkit: undefined, legacy: 'ONBUILD RUN make' },
    ]);
    expect(state.config.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'A=1', 'B=two words']);
    expect(state.env.get('VERSION')).toBe('2.0');
  });

  it('clears an inherited CMD when ENTRYPOINT is set, but not one set in the same stage', () => {
    const inherited = scratchState();
    inherited.config.Cmd = ['sh'];
    applyMetadata(inherited, instructions('ENTRYPOINT ["/app"]')[0]!, scope);
    expect(inherited.config.Cmd).toBeUndefined();
    const own = scratchState();
    for (const i of instructions('CMD ["--help"]\nENTRYPOINT ["/app"]')) applyMetadata(own, i, scope);
    expect(own.config.Cmd).toEqual(['--help']);
  });

  it('prefixes RUN with the stage ARGs as |N K=V, and turns a here-document into the script', () => {
    const state = scratchState();
    applyMetadata(state, instructions('ARG VERSION\nARG EMPTY')[0]!, scope);
    applyMetadata(state, instructions('ARG VERSION\nARG EMPTY')[1]!, scope);
    const [run, heredoc] = instructions('RUN echo $VERSION\nRUN <<EOF\necho one\necho two\nEOF');
    expect(runCommandString(state, runArgv(run!, state))).toBe('|2 VERSION=2.0 EMPTY= /bin/sh -c echo $VERSION');
    expect(runArgv(heredoc!, state)).toEqual(['/bin/sh', '-c', 'echo one\necho two\n']);
  });

  it('formats durations as Go does', () => {
    expect([0, 30e9, 300e9, 3600e9, 1.5e9, 100e6, 90e9].map(goDuration)).toEqual(['0s', '30s', '5m0s', '1h0m0s', '1.5s', '100ms', '1m30s']);
  });
});

describe('the Dockerfile excerpt of a failure', () => {
  const dockerfile = 'FROM alpine\nWORKDIR /app\nCOPY . .\nRUN make\nRUN make install\nCMD ["app"]\n';

  it('shows two lines of context on each side of a one-line error, within the file', () => {
    expect(dockerfileExcerpt(dockerfile, 'Dockerfile', [4, 4])).toBe(
      'Dockerfile:4\n--------------------\n   2 |     WORKDIR /app\n   3 |     COPY . .\n   4 | >>> RUN make\n   5 |     RUN make install\n   6 |     CMD ["app"]\n--------------------\n',
    );
    expect(dockerfileExcerpt(dockerfile, 'Dockerfile', [1, 1])).toBe('Dockerfile:1\n--------------------\n   1 | >>> FROM alpine\n   2 |     WORKDIR /app\n   3 |     COPY . .\n--------------------\n');
  });

  it('marks every line of a multi-line instruction, with one line of context', () => {
    expect(dockerfileExcerpt('FROM a\nRUN x \\\n  && y\nCMD z\n', 'Dockerfile', [2, 3])).toBe('Dockerfile:2\n--------------------\n   1 |     FROM a\n   2 | >>> RUN x \\\n   3 | >>>   && y\n   4 |     CMD z\n--------------------\n');
  });
});
