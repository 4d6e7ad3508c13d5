import { describe, expect, it } from 'vitest';
import { nodeCatalogRegistry } from '../testing/node-helpers';
import { runLine, testSession } from '../testing/transcript';

describe('docker load: events', () => {
  it('emits image.tagged for each name it loads (what the views tell of a load)', async () => {
    const session = testSession({ registry: nodeCatalogRegistry() });
    for (const line of ['docker pull -q busybox', 'docker tag busybox mine:v1', 'docker save -o both.tar busybox mine:v1', 'docker rmi busybox mine:v1']) {
      expect((await runLine(session, line)).status, line).toBe(0);
    }
    const before = Math.max(0, ...(await session.events()).map((event) => event.id));
    expect(await runLine(session, 'docker load -i both.tar')).toMatchObject({ status: 0 });
    const events = (await session.events()).filter((event) => event.id > before);
    expect(events.map((event) => event.type)).toEqual(['image.tagged', 'image.tagged']);
    expect(events.map((event) => (event.type === 'image.tagged' ? event.ref : '')).sort()).toEqual(['busybox:latest', 'mine:v1']);
  });
});
