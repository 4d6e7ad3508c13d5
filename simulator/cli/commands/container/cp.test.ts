import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createHostFilesystem, LEARNER_UID } from '../../../host/filesystem';
import type { Session, TerminalIO } from '../../../session/types';
import { nodeCatalogRegistry } from '../../../testing/node-helpers';
import { runLine, TEST_START, testSession } from '../../../testing/transcript';

/** What docker/cli's copyProgress draws on a terminal around a copy (aec v1.0.0 sequences), before the summary. */
const progress = (header: string) => `\x1b[sPreparing to copy...\x1b[?25l\x1b[u\x1b[2K${header}0B\x1b[?25h\x1b[u\x1b[2K`;
const TO = progress('Copying to container - ');
const FROM = progress('Copying from container - ');

/** A session whose learner has hello.txt (6 bytes) and a small directory, with a created alpine container `box`. */
async function sessionWithBox(): Promise<Session> {
  const host = createHostFilesystem();
  const meta = { mode: 0o644, uid: LEARNER_UID, gid: LEARNER_UID, mtime: TEST_START };
  const bytes = (text: string) => ({ kind: 'bytes' as const, bytes: new TextEncoder().encode(text) });
  host.writeFile('/home/learner/hello.txt', bytes('hello\n'), meta);
  host.mkdir('/home/learner/site', { ...meta, mode: 0o755 });
  host.writeFile('/home/learner/site/index.html', bytes('<h1>hi</h1>\n'), meta);
  host.writeFile('/home/learner/site/big.bin', bytes('x'.repeat(1500)), meta);
  const session = testSession({ registry: nodeCatalogRegistry(), host });
  expect((await runLine(session, 'docker pull -q alpine')).status).toBe(0);
  expect((await runLine(session, 'docker create --name box alpine')).status).toBe(0);
  return session;
}

describe('docker cp on a terminal', () => {
  it('reports the size of the tar stream it sent or received, as docker/cli 28 does', async () => {
    const session = await sessionWithBox();
    const tty = { columns: 80 };
    // A 6-byte file: a 512-byte header, one 512-byte block, two zero blocks = 2048 bytes.
    expect(await runLine(session, 'docker cp hello.txt box:/tmp/', [], tty)).toEqual({ status: 0, output: `${TO}Successfully copied 2.05kB to box:/tmp/\n` });
    expect(await runLine(session, 'docker cp box:/tmp/hello.txt copy.txt', [], tty)).toEqual({
      status: 0,
      output: `${FROM}Successfully copied 2.05kB to /home/learner/copy.txt\n`,
    });
    // The directory, index.html (1 block) and big.bin (3 blocks): 3 headers + 4 blocks + 2 = 4.61kB.
    expect(await runLine(session, 'docker cp site box:/srv', [], tty)).toEqual({ status: 0, output: `${TO}Successfully copied 4.61kB to box:/srv\n` });
    // alpine's /srv existed: it now holds site/, one more header.
    expect(await runLine(session, 'docker cp box:/srv .', [], tty)).toEqual({ status: 0, output: `${FROM}Successfully copied 5.12kB to /home/learner/.\n` });
    expect(await runLine(session, 'docker cp box:/srv/site/index.html site/', [], tty)).toEqual({
      status: 0,
      output: `${FROM}Successfully copied 2.05kB to /home/learner/site/\n`,
    });
  });

  it('prints nothing with --quiet, and the summary without progress when asked for off a terminal', async () => {
    const session = await sessionWithBox();
    expect(await runLine(session, 'docker cp -q hello.txt box:/tmp/', [], { columns: 80 })).toEqual({ status: 0, output: '' });
    expect(await runLine(session, 'docker cp hello.txt box:/tmp/')).toEqual({ status: 0, output: '' });
    expect(await runLine(session, 'docker cp --quiet=false hello.txt box:/tmp/')).toEqual({ status: 0, output: 'Successfully copied 2.05kB to box:/tmp/\n' });
  });

  it('still reports the copy when the daemon refuses the archive, then fails', async () => {
    const session = await sessionWithBox();
    const tty = { columns: 80 };
    expect(await runLine(session, 'docker cp hello.txt nobox:/tmp/', [], tty)).toEqual({
      status: 1,
      output: `${TO}Successfully copied 2.05kB to nobox:/tmp/\nError response from daemon: No such container: nobox\n`,
    });
    // Errors found before anything is copied come alone.
    expect(await runLine(session, 'docker cp nosuch.txt box:/tmp/', [], tty)).toEqual({ status: 1, output: 'lstat /home/learner/nosuch.txt: no such file or directory\n' });
    expect(await runLine(session, 'docker cp box:/nosuch .', [], tty)).toEqual({ status: 1, output: 'Error response from daemon: Could not find the file /nosuch in container box\n' });
    expect(await runLine(session, 'docker cp box:/etc/hostname nodir/x', [], tty)).toEqual({
      status: 1,
      output: 'invalid output path: directory "/home/learner/nodir" does not exist\n',
    });
  });

  it('leaves only the summary on the screen', async () => {
    const session = await sessionWithBox();
    const term = new Terminal({ cols: 80, rows: 10, allowProposedApi: true, convertEol: true });
    const io: TerminalIO = { columns: 80, tty: true, write: (data) => new Promise((resolve) => term.write(data, resolve)), readLine: async () => null };
    expect(await session.run('docker cp hello.txt box:/tmp/', io)).toBe(0);
    const buffer = term.buffer.active;
    const lines = Array.from({ length: buffer.length }, (_, i) => buffer.getLine(i)?.translateToString(true) ?? '').filter(Boolean);
    expect(lines).toEqual(['Successfully copied 2.05kB to box:/tmp/']);
  });
});
