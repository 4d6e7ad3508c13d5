import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import type { Change, Changeset } from '../../archive/types';
import { LayerStore } from '../../layer/store';
import { MemoryRegistry } from '../../registry/memory';
import type { TerminalIO } from '../../session/types';
import { testSession } from '../../testing/transcript';
import { truncateId } from './units';

const meta = { mode: 0o644, uid: 0, gid: 0, mtime: 0 };
const layer = (path: string, size: number): Changeset => new Map<string, Change>([[path, { type: 'file', content: { kind: 'generated', size, seed: path }, ...meta }]]);

/** A TTY of the given width that records what is on screen. */
function screen(columns: number) {
  const term = new Terminal({ cols: columns, rows: 30, allowProposedApi: true, convertEol: true });
  const frames: string[] = [];
  const text = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    // Docker leaves a space after a layer's status (status, space, empty progress); trim it for comparison.
    return lines.join('\n').replace(/ +$/gm, '').replace(/\n+$/, '');
  };
  const io: TerminalIO = {
    columns,
    tty: true,
    write: (data) =>
      new Promise((resolve) =>
        term.write(data, () => {
          frames.push(text());
          resolve();
        }),
      ),
    readLine: async () => null,
  };
  return { io, text, frames };
}

describe('docker pull on a TTY', () => {
  it('keeps one line per layer and rewrites it in place, ending with every layer complete', async () => {
    const base = layer('/base', 3_000_000);
    const app = layer('/app', 12_000_000);
    const hub = new MemoryRegistry();
    const diffIds = await Promise.all([base, app].map((changeset) => LayerStore.diffIdOf(changeset)));
    const image = await hub.put('docker.io/library/app', 'latest', JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }), [base, app]);
    const [first, second] = image.layers.map((l) => truncateId(l.blobDigest));
    const session = testSession({ registry: hub });
    const { io, text, frames } = screen(120);
    expect(await session.run('docker pull app', io)).toBe(0);
    expect(text()).toBe(
      [
        'Using default tag: latest',
        'latest: Pulling from library/app',
        `${first}: Pull complete`,
        `${second}: Pull complete`,
        `Digest: ${image.manifestDigest}`,
        'Status: Downloaded newer image for app:latest',
        'docker.io/library/app:latest',
      ].join('\n'),
    );
    // On the way, the second layer showed a live bar (the terminal is wider than 110 columns).
    expect(frames.some((frame) => new RegExp(`${second}: Downloading \\[=+>\\s*\\]\\s+[0-9.]+MB/12MB`).test(frame))).toBe(true);
    expect(frames.some((frame) => frame.includes(`${first}: Extracting`))).toBe(true);
  });

  it('shows only the byte counts on a narrow terminal', async () => {
    const only = layer('/only', 5_000_000);
    const hub = new MemoryRegistry();
    const image = await hub.put('docker.io/library/one', 'latest', JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [await LayerStore.diffIdOf(only)] } }), [only]);
    const id = truncateId(image.layers[0]?.blobDigest ?? '');
    const session = testSession({ registry: hub });
    const { io, frames } = screen(80);
    await session.run('docker pull one', io);
    expect(frames.some((frame) => new RegExp(`${id}: Downloading +[0-9.]+MB/5(\\.\\d+)?MB`).test(frame))).toBe(true);
    expect(frames.some((frame) => frame.includes('['))).toBe(false);
  });
});
