import { describe, expect, it } from 'vitest';
import type { Change, Changeset } from '../../../archive/types';
import { LayerStore } from '../../../layer/store';
import { MemoryRegistry } from '../../../registry/memory';
import { runLine, testSession } from '../../../testing/transcript';
import { truncateId } from '../../format/units';

const meta = { mode: 0o644, uid: 0, gid: 0, mtime: 0 };
const layer = (path: string, size: number): Changeset => new Map<string, Change>([[path, { type: 'file', content: { kind: 'generated', size, seed: path }, ...meta }]]);

async function config(layers: Changeset[], created: string): Promise<string> {
  const diffIds = await Promise.all(layers.map((changeset) => LayerStore.diffIdOf(changeset)));
  return JSON.stringify({ architecture: 'amd64', config: { Cmd: ['/app'] }, created, os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } });
}

/** library/app: `latest` has a base layer and an app layer, `v1` the base layer only. */
async function registry() {
  const base = layer('/base', 1_500_000);
  const app = layer('/app', 500_000);
  const hub = new MemoryRegistry();
  const latest = await hub.put('docker.io/library/app', 'latest', await config([base, app], '2026-11-20T00:00:00Z'), [base, app]);
  const v1 = await hub.put('docker.io/library/app', 'v1', await config([base], '2026-10-01T00:00:00Z'), [base]);
  return { hub, latest, v1 };
}

// What docker/cli 28's tree view writes on a terminal (aec v1.0.0 codes, internal/tui colours).
const RESET = '\x1b[0m';
const title = (text: string) => `\x1b[39m\x1b[1m${text}${RESET}`;
const name = (text: string) => `\x1b[34m\x1b[1m${text}${RESET}`;
const value = (text: string) => `\x1b[39m${text}${RESET}`;
const CHIP = `\x1b[38;5;0m\x1b[48;5;14m U ${RESET}`;
const WARNING = `\x1b[93mWARNING: This is an experimental feature. The output may change and shouldn't be depended on.${RESET}`;
const INFO = `\x1b[1m\x1b[106m\x1b[30mi${RESET}${RESET} \x1b[96mInfo → ${RESET}${RESET}`;
/** The legend, right-aligned: "i Info →  U  In Use " is 21 columns wide. */
const legend = (width: number) => `${' '.repeat(width - 21)}${INFO} ${CHIP} In Use `;

describe('docker images --tree on a terminal', () => {
  it('draws colours, the legend at the terminal width, chips, and extra names on their own lines', async () => {
    const { hub } = await registry();
    const session = testSession({ registry: hub });
    await runLine(session, 'docker pull -q app');
    await runLine(session, 'docker tag app img:v1');
    await runLine(session, 'docker create --name box app');
    const id = (await runLine(session, 'docker images -q app')).output.trim();
    const { output, status } = await runLine(session, 'docker images --tree', [], { columns: 100 });
    expect(status).toBe(0);
    // Names take the width of the longest (10), ID 12, DISK USAGE 10 and CONTENT SIZE 12 right-aligned, EXTRA 5.
    expect(output).toBe(
      [
        WARNING,
        legend(100),
        '',
        `${title('IMAGE')}        ${title('ID')}             ${title('DISK USAGE')}   ${title('CONTENT SIZE')}   ${title('EXTRA')}`,
        name('app:latest'),
        `${name('img:v1')}       ${value(id)}   ${' '.repeat(7)}${value('2MB')}   ${' '.repeat(10)}${value('0B')}   ${CHIP}  `,
        '',
      ].join('\n'),
    );
  });

  it('drops the columns a narrow terminal has no room for', async () => {
    const { hub } = await registry();
    const session = testSession({ registry: hub });
    await runLine(session, 'docker pull -q app:v1');
    const id = (await runLine(session, 'docker images -q')).output.trim();
    // 40 columns: after ID (15) and DISK USAGE (13) the names would get fewer than 12, so CONTENT SIZE and EXTRA go.
    expect((await runLine(session, 'docker images --tree', [], { columns: 40 })).output).toBe(
      [WARNING, legend(40), '', `${title('IMAGE')}    ${title('ID')}             ${title('DISK USAGE')}`, `${name('app:v1')}   ${value(id)}   ${' '.repeat(5)}${value('1.5MB')}`, ''].join('\n'),
    );
  });

  it('shows untagged images only with --all, in the tertiary colour', async () => {
    const { hub, v1 } = await registry();
    const session = testSession({ registry: hub });
    await runLine(session, 'docker pull -q app:v1');
    await runLine(session, 'docker rmi app:v1');
    await runLine(session, `docker pull -q app@${v1.manifestDigest}`);
    const id = (await runLine(session, 'docker images -q')).output.trim();
    const tree = (await runLine(session, 'docker images --tree', [], { columns: 80 })).output.split('\n');
    // Pulled by digest: no tag, but a digest, so not dangling. "<untagged>" is not counted in the column width (5).
    expect(tree[4]).toBe(`\x1b[39m\x1b[2m<unt…${RESET}   ${value(id)}   ${' '.repeat(5)}${value('1.5MB')}   ${' '.repeat(10)}${value('0B')}        `);
  });
});

describe('docker pull --all-tags', () => {
  it('pulls every tag in lexical order, reusing layers, with one status line for the repository', async () => {
    const { hub, latest, v1 } = await registry();
    const session = testSession({ registry: hub });
    const base = truncateId(latest.layers[0]?.blobDigest ?? '');
    const { output, status } = await runLine(session, 'docker pull -a app');
    expect(status).toBe(0);
    const lines = output.split('\n');
    expect(lines[0]).toBe('latest: Pulling from library/app');
    expect(lines.slice(lines.indexOf(`Digest: ${latest.manifestDigest}`) + 1)).toEqual([
      'v1: Pulling from library/app',
      `${base}: Already exists`,
      `Digest: ${v1.manifestDigest}`,
      'Status: Downloaded newer image for app',
      'docker.io/library/app',
      '',
    ]);
    expect(await runLine(session, 'docker pull -a app')).toEqual({
      status: 0,
      output: [
        'latest: Pulling from library/app',
        `Digest: ${latest.manifestDigest}`,
        'v1: Pulling from library/app',
        `Digest: ${v1.manifestDigest}`,
        'Status: Image is up to date for app',
        'docker.io/library/app',
        '',
      ].join('\n'),
    });
    expect(await runLine(session, 'docker pull -a app:v1')).toEqual({ status: 1, output: "tag can't be used with --all-tags/-a\n" });
    expect(await hub.tags('docker.io/library/nosuch')).toBe('repository not found');
  });
});
