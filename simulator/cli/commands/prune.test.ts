import { describe, expect, it } from 'vitest';
import { nodeCatalogRegistry } from '../../testing/node-helpers';
import { runLine, testSession } from '../../testing/transcript';

const CONTAINER_WARNING = 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ';
const DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ';
const ALL_WARNING = 'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ';

/** A session with busybox pulled and one container, `box`, created from it. */
async function sessionWithContainer() {
  const session = testSession({ registry: nodeCatalogRegistry() });
  await runLine(session, 'docker pull -q busybox');
  const id = (await runLine(session, 'docker create --name box busybox')).output.trim();
  return { session, id };
}

describe('docker container prune', () => {
  it('asks first, and removes stopped containers when the answer is y', async () => {
    const { session, id } = await sessionWithContainer();
    expect(await runLine(session, 'docker container prune', ['y'])).toEqual({
      status: 0,
      output: `${CONTAINER_WARNING}y\nDeleted Containers:\n${id}\n\nTotal reclaimed space: 0B\n`,
    });
    expect((await runLine(session, 'docker ps -aq')).output).toBe('');
  });

  it.each(['Y', '  y  '])('takes %j as yes', async (answer) => {
    const { session } = await sessionWithContainer();
    const { output, status } = await runLine(session, 'docker container prune', [answer]);
    expect(status).toBe(0);
    expect(output).toContain('Deleted Containers:');
  });

  it.each(['n', 'N', '', 'yes'])('cancels silently on %j, with status 0', async (answer) => {
    const { session } = await sessionWithContainer();
    expect(await runLine(session, 'docker container prune', [answer])).toEqual({ status: 0, output: `${CONTAINER_WARNING}${answer}\n` });
    expect((await runLine(session, 'docker ps -aq')).output).not.toBe('');
  });

  it('cancels at the end of input, printing nothing after the prompt', async () => {
    const { session } = await sessionWithContainer();
    expect(await runLine(session, 'docker container prune')).toEqual({ status: 0, output: CONTAINER_WARNING });
    expect((await runLine(session, 'docker ps -aq')).output).not.toBe('');
  });

  it('reports a bad filter only after the answer, as the daemon does', async () => {
    const { session } = await sessionWithContainer();
    expect(await runLine(session, 'docker container prune --filter foo=bar', ['y'])).toEqual({
      status: 1,
      output: `${CONTAINER_WARNING}y\nError response from daemon: invalid filter 'foo'\n`,
    });
  });
});

describe('docker image prune', () => {
  it('warns about dangling images by default', async () => {
    const { session } = await sessionWithContainer();
    expect(await runLine(session, 'docker image prune', ['y'])).toEqual({ status: 0, output: `${DANGLING_WARNING}y\nTotal reclaimed space: 0B\n` });
  });

  it('warns about every unused image with -a, and keeps the images containers use', async () => {
    const { session } = await sessionWithContainer();
    await runLine(session, 'docker pull -q hello-world');
    const { output, status } = await runLine(session, 'docker image prune -a', ['y']);
    expect(status).toBe(0);
    expect(output).toBe(
      [
        `${ALL_WARNING}y`,
        'Deleted Images:',
        'untagged: hello-world:latest',
        'untagged: hello-world@sha256:c4691b18433464f68b733f55fe92e69d131140b0c0f2d71e9fb06f070d680008',
        'deleted: sha256:f823a73b925346e5643a7277b874630b91d5822072bf8bb43e97f9c9c57d2b5b',
        'deleted: sha256:147d17938f8e272e8cbd40df80a2afde0eafa89e900d22c5ad37b35937997832',
        '',
        'Total reclaimed space: 13.26kB',
        '',
      ].join('\n'),
    );
    expect((await runLine(session, 'docker images --format "{{.Repository}}"')).output).toBe('busybox\n');
  });

  it('leaves everything on n', async () => {
    const { session } = await sessionWithContainer();
    await runLine(session, 'docker pull -q hello-world');
    expect(await runLine(session, 'docker image prune -a', ['n'])).toEqual({ status: 0, output: `${ALL_WARNING}n\n` });
    expect((await runLine(session, 'docker images -q')).output.trim().split('\n')).toHaveLength(2);
  });
});
