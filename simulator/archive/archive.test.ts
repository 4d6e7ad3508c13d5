import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadWriteLayer } from './rw-layer';
import { changesetToTar, fileBytes, tarToChangeset } from './tar';
import { changesetSize, type Change, type Changeset, type Metadata, type Node } from './types';
import { UnionView } from './union';

const meta: Metadata = { mode: 0o644, uid: 0, gid: 0, mtime: 1_700_000_000_000 };
const dirMeta: Metadata = { ...meta, mode: 0o755 };
const text = (value: string) => ({ kind: 'bytes' as const, bytes: new TextEncoder().encode(value) });
const file = (value: string): Node => ({ type: 'file', content: text(value), ...meta });
const dir = (extra: Partial<Extract<Node, { type: 'directory' }>> = {}): Node => ({ type: 'directory', ...dirMeta, ...extra });

/** A small base image: /etc/hostname, /etc/passwd, /data/a, /data/b. */
const base: Changeset = new Map<string, Change>([
  ['/etc', dir()],
  ['/etc/hostname', file('base\n')],
  ['/etc/passwd', file('root:x:0:0:root:/root:/bin/sh\n')],
  ['/data', dir()],
  ['/data/a', file('a')],
  ['/data/b', file('b')],
  ['/bin', dir()],
  ['/bin/sh', { type: 'symlink', target: '/bin/busybox', ...meta }],
]);

function read(view: { get(path: string): Node | undefined }, path: string): string | undefined {
  const node = view.get(path);
  return node?.type === 'file' ? new TextDecoder().decode(fileBytes(node.content)) : undefined;
}

describe('UnionView', () => {
  it('lets upper layers replace files and delete them with whiteouts', () => {
    const upper = new Map<string, Change>([
      ['/etc/hostname', file('upper\n')],
      ['/data/a', { type: 'whiteout' }],
    ]);
    const view = new UnionView([base, upper]);
    expect(read(view, '/etc/hostname')).toBe('upper\n');
    expect(view.has('/data/a')).toBe(false);
    expect(view.children('/data')).toEqual(['b']);
  });

  it('removes a whole directory tree with one whiteout', () => {
    const view = new UnionView([base, new Map<string, Change>([['/data', { type: 'whiteout' }]])]);
    expect(view.has('/data')).toBe(false);
    expect(view.has('/data/b')).toBe(false);
    expect(view.children('/')).toEqual(['bin', 'etc']);
  });

  it('hides the lower contents of an opaque directory but keeps its own', () => {
    const view = new UnionView([base, new Map<string, Change>([['/data', dir({ opaque: true })], ['/data/new', file('n')]])]);
    expect(view.children('/data')).toEqual(['new']);
  });
});

describe('ReadWriteLayer', () => {
  it('copies a changed file and its parent up, and reports them as docker diff does', () => {
    const rw = new ReadWriteLayer(new UnionView([base]));
    rw.writeFile('/etc/hostname', text('container\n'), meta);
    rw.writeFile('/etc/motd', text('hi\n'), meta);
    rw.remove('/data/a', meta.mtime);
    expect(read(rw, '/etc/hostname')).toBe('container\n');
    expect(rw.diff()).toEqual([
      { kind: 'C', path: '/data' },
      { kind: 'D', path: '/data/a' },
      { kind: 'C', path: '/etc' },
      { kind: 'C', path: '/etc/hostname' },
      { kind: 'A', path: '/etc/motd' },
    ]);
  });

  it('forgets a file it created itself when that file is deleted: no whiteout needed', () => {
    const rw = new ReadWriteLayer(new UnionView([base]));
    rw.writeFile('/tmp.txt', text('x'), meta);
    rw.remove('/tmp.txt', meta.mtime);
    expect(rw.diff()).toEqual([]);
  });

  it('makes a directory recreated over a deleted one opaque', () => {
    const rw = new ReadWriteLayer(new UnionView([base]));
    rw.remove('/data', meta.mtime);
    rw.mkdir('/data', dirMeta);
    expect(rw.children('/data')).toEqual([]);
    const committed = new UnionView([base, rw.changeset()]);
    expect(committed.children('/data')).toEqual([]);
    expect(committed.has('/data')).toBe(true);
  });

  it('refuses writes under a missing directory or over a directory', () => {
    const rw = new ReadWriteLayer(new UnionView([base]));
    expect(() => rw.writeFile('/nope/file', text(''), meta)).toThrow('ENOENT: /nope');
    expect(() => rw.writeFile('/etc', text(''), meta)).toThrow('EISDIR: /etc');
    expect(() => rw.writeFile('/etc/passwd/x', text(''), meta)).toThrow('ENOTDIR: /etc/passwd');
  });
});

describe('layer tars', () => {
  it('round-trips a changeset, whiteouts and opaque directories included', async () => {
    const changes: Changeset = new Map<string, Change>([
      ['/data', dir({ opaque: true })],
      ['/data/new', file('n')],
      ['/etc', dir()],
      ['/etc/.hidden', file('h')],
      ['/etc/passwd', { type: 'whiteout' }],
      ['/bin', dir()],
      ['/bin/ls', { type: 'hardlink', target: '/bin/busybox', ...meta }],
      ['/bin/sh', { type: 'symlink', target: '/bin/busybox', ...meta }],
    ]);
    const tar = await changesetToTar(changes);
    expect(await tarToChangeset(tar)).toEqual(changes);
  });

  it('is deterministic: the same changes give the same bytes', async () => {
    expect(await changesetToTar(base)).toEqual(await changesetToTar(new Map([...base].reverse())));
  });

  it('generates the same bytes for the same seed, of the stated size', () => {
    const content = { kind: 'generated' as const, size: 100, seed: 'usr/bin/node' };
    expect(fileBytes(content)).toHaveLength(100);
    expect(fileBytes(content)).toEqual(fileBytes({ ...content }));
    expect(fileBytes(content)).not.toEqual(fileBytes({ ...content, seed: 'other' }));
    expect(changesetSize(new Map([['/big', { type: 'file', content, ...meta }]]))).toBe(100);
  });
});

describe('commit invariant', () => {
  const names = fc.constantFrom('/etc', '/etc/hostname', '/etc/new', '/data', '/data/a', '/data/b', '/data/c', '/data/sub', '/data/sub/x', '/top');
  const operation = fc.oneof(
    fc.record({ op: fc.constant('write' as const), path: names, value: fc.string({ maxLength: 4 }) }),
    fc.record({ op: fc.constant('mkdir' as const), path: names }),
    fc.record({ op: fc.constant('remove' as const), path: names }),
  );

  it('the committed layer over the image shows exactly what the container saw, also after a tar round trip', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 25 }), async (operations) => {
        const rw = new ReadWriteLayer(new UnionView([base]));
        for (const step of operations) {
          try {
            if (step.op === 'write') rw.writeFile(step.path, text(step.value), meta);
            else if (step.op === 'mkdir') rw.mkdir(step.path, dirMeta);
            else rw.remove(step.path, meta.mtime);
          } catch {
            // Invalid operations (ENOENT, EEXIST…) are refused and change nothing.
          }
        }
        const committed = new UnionView([base, rw.changeset()]);
        const reloaded = new UnionView([base, await tarToChangeset(await changesetToTar(rw.changeset()))]);
        for (const view of [committed, reloaded]) {
          const walk = (path: string): string[] => [path, ...view.children(path).flatMap((name) => walk(`${path === '/' ? '' : path}/${name}`))];
          const expected = (path: string): string[] => [path, ...rw.children(path).flatMap((name) => expected(`${path === '/' ? '' : path}/${name}`))];
          expect(walk('/')).toEqual(expected('/'));
          for (const path of walk('/')) expect(read(view, path)).toEqual(read(rw, path));
        }
      }),
      { numRuns: 300 },
    );
  });
});
