import { describe, expect, it } from 'vitest';
import { ReadWriteLayer } from '../archive/rw-layer';
import { UnionView } from '../archive/union';
import { ManualClock } from '../session/clock';
import { LayerFileSystem } from '../userland/filesystem';
import { shellHistory } from './shell-history';

/** A machine with root's home (0700) and a user's, its files as the given user sees them. */
function machine(uid = 0): LayerFileSystem {
  const layer = new ReadWriteLayer(new UnionView([]));
  layer.mkdir('/root', { mode: 0o700, uid: 0, gid: 0, mtime: 0 });
  layer.mkdir('/home', { mode: 0o755, uid: 0, gid: 0, mtime: 0 });
  layer.mkdir('/home/ada', { mode: 0o755, uid: 1000, gid: 1000, mtime: 0 });
  return new LayerFileSystem(layer, new ManualClock(0), { uid, gid: uid });
}

const root = new Map([['HOME', '/root']]);

async function text(fs: LayerFileSystem, path: string): Promise<string | undefined> {
  return (await fs.exists(path)) ? fs.readFile(path) : undefined;
}

describe('an interactive shell keeps its history file', () => {
  it('ash appends each line as it reads it, without empty lines or a repeat of the line before, mode 0600', async () => {
    const fs = machine();
    const history = shellHistory(fs, 'ash', root);
    for (const line of ['echo hi', 'echo hi', '', 'ls']) await history.typed(line);
    expect(await text(fs, '/root/.ash_history')).toBe('echo hi\nls\n');
    expect(fs.lookup('/root/.ash_history')?.node.mode).toBe(0o600);
    // The next shell loads the file: its first line repeats the last one, so it is not added.
    const next = shellHistory(fs, 'ash', root);
    for (const line of ['ls', 'exit']) await next.typed(line);
    expect(await text(fs, '/root/.ash_history')).toBe('echo hi\nls\nexit\n');
  });

  it('bash writes the file on exit only: what it read at start, then every line typed, the last 500', async () => {
    const fs = machine();
    await fs.writeFile('/root/.bash_history', Array.from({ length: 499 }, (_, index) => `old ${index}\n`).join(''));
    const history = shellHistory(fs, 'bash', root);
    for (const line of ['echo hi', 'echo hi', '', 'exit']) await history.typed(line);
    expect((await text(fs, '/root/.bash_history'))?.split('\n').length).toBe(500);
    await history.exited();
    const lines = (await text(fs, '/root/.bash_history'))?.split('\n') ?? [];
    expect(lines.length).toBe(501);
    expect(lines.slice(0, 1)).toEqual(['old 2']);
    expect(lines.slice(-4)).toEqual(['echo hi', 'echo hi', 'exit', '']);
  });

  it('follows HISTFILE, keeps none when it is empty, and dash keeps none', async () => {
    const fs = machine();
    await shellHistory(fs, 'ash', new Map([...root, ['HISTFILE', '/tmp.history']])).typed('pwd');
    expect(await text(fs, '/tmp.history')).toBe('pwd\n');
    await shellHistory(fs, 'ash', new Map([...root, ['HISTFILE', '']])).typed('pwd');
    await shellHistory(fs, 'dash', root).typed('pwd');
    expect(await text(fs, '/root/.ash_history')).toBeUndefined();
  });

  it('skips a home its user cannot write, silently', async () => {
    const fs = machine(65534);
    const history = shellHistory(fs, 'bash', new Map([['HOME', '/home/ada']]));
    await history.typed('id');
    await history.exited();
    expect(await text(fs, '/home/ada/.bash_history')).toBeUndefined();
    const own = machine(1000);
    await shellHistory(own, 'ash', new Map([['HOME', '/home/ada']])).typed('id');
    expect(await text(own, '/home/ada/.ash_history')).toBe('id\n');
  });
});
