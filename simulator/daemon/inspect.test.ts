import { describe, expect, it } from 'vitest';
import type { Change } from '../archive/types';
import { transitions } from '../container/container';
import { LayerStore } from '../layer/store';
import { MemoryRegistry } from '../registry/memory';
import { ManualClock } from '../session/clock';
import { createContainer } from './containers';
import { Engine } from './engine';
import { inspectContainer } from './inspect';

const START = Date.UTC(2026, 11, 1, 12, 0, 0);

/** An engine with a one-layer image and a container `box` created from it. */
async function setup() {
  const engine = new Engine({ clock: new ManualClock(START), seed: 'inspect', registry: new MemoryRegistry() });
  const changeset = new Map<string, Change>([['/bin/sh', { type: 'file', content: { kind: 'generated', size: 1000, seed: 'sh' }, mode: 0o755, uid: 0, gid: 0, mtime: 0 }]]);
  const diffId = await LayerStore.diffIdOf(changeset);
  engine.layers.register([{ diffId, changeset }]);
  const image = engine.images.create(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Cmd: ['sh'], Labels: { b: '2', a: '1' } }, rootfs: { type: 'layers', diff_ids: [diffId] } }));
  const box = createContainer(engine, image, { imageName: 'shell', name: 'box', command: [], env: [], labels: [], tty: false, openStdin: false, autoRemove: false });
  // What the CLI prints: the data through JSON, as the indented and `json` outputs see it.
  const inspect = (size = false): Record<string, any> => JSON.parse(JSON.stringify(inspectContainer(engine, 'box', size)));
  return { engine, box, inspect };
}

describe('inspectContainer', () => {
  it('lists the fields of ContainerJSON in API order, maps with sorted keys', async () => {
    const { inspect } = await setup();
    const json = inspect();
    expect(Object.keys(json)).toEqual([
      'Id', 'Created', 'Path', 'Args', 'State', 'Image', 'ResolvConfPath', 'HostnamePath', 'HostsPath', 'LogPath', 'Name', 'RestartCount', 'Driver', 'Platform',
      'MountLabel', 'ProcessLabel', 'AppArmorProfile', 'ExecIDs', 'HostConfig', 'GraphDriver', 'Mounts', 'Config', 'NetworkSettings',
    ]);
    expect(Object.keys(json.Config.Labels)).toEqual(['a', 'b']);
    expect(Object.keys(inspect(true)).slice(19, 22)).toEqual(['GraphDriver', 'SizeRw', 'SizeRootFs']);
    expect(inspect(true)).toMatchObject({ SizeRw: 0, SizeRootFs: 1000 });
  });

  it('sets the file paths, AppArmor profile and network endpoint only once the container has started, as the daemon does', async () => {
    const { box, inspect } = await setup();
    const created = inspect();
    expect([created.ResolvConfPath, created.LogPath, created.AppArmorProfile, created.NetworkSettings.Networks.bridge.NetworkID]).toEqual(['', '', '', '']);
    expect(created.State).toMatchObject({ Status: 'created', StartedAt: '0001-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z' });

    transitions.start(box.state, START + 60_000);
    const running = inspect();
    expect(running.State).toMatchObject({ Status: 'running', Running: true, StartedAt: '2026-12-01T12:01:00Z', FinishedAt: '0001-01-01T00:00:00Z' });
    expect(running.State.Pid).toBeGreaterThan(0);
    expect(running.ResolvConfPath).toBe(`/var/lib/docker/containers/${box.id}/resolv.conf`);
    expect(running.LogPath).toBe(`/var/lib/docker/containers/${box.id}/${box.id}-json.log`);
    expect(running.AppArmorProfile).toBe('docker-default');
    expect(running.NetworkSettings.IPAddress).toMatch(/^172\.17\.0\.\d+$/);
    expect(running.NetworkSettings.Networks.bridge.MacAddress).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);

    transitions.exit(box.state, 3, START + 120_000);
    const exited = inspect();
    expect(exited.State).toMatchObject({ Status: 'exited', Running: false, Pid: 0, ExitCode: 3, FinishedAt: '2026-12-01T12:02:00Z' });
    expect(exited.NetworkSettings.IPAddress).toBe('');
    expect(exited.NetworkSettings.Networks.bridge.NetworkID).toMatch(/^[0-9a-f]{64}$/);
    expect(exited.NetworkSettings.Networks.bridge.EndpointID).toBe('');
  });
});
