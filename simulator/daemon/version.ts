/**
 * The Docker release the simulator presents itself as: Docker Engine -
 * Community 28.3.3 on linux/amd64 with the classic image store (the profile
 * every output format follows). Values are those the real 28.3.3 packages
 * report.
 */
export const ENGINE_VERSION = {
  platform: 'Docker Engine - Community',
  apiVersion: '1.51',
  minApiVersion: '1.24',
  goVersion: 'go1.24.5',
  os: 'linux',
  arch: 'amd64',
  kernelVersion: '6.8.0-79-generic',
  buildTime: '2025-07-25T11:34:09.000000000+00:00',
  client: { version: '28.3.3', gitCommit: '980b856' },
  engine: { version: '28.3.3', gitCommit: 'bea959c' },
  components: [
    { name: 'containerd', version: '1.7.27', gitCommit: '05044ec0a9a75232cad458027ca83437aae3f4da' },
    { name: 'runc', version: '1.2.5', gitCommit: 'v1.2.5-0-g59923ef' },
    { name: 'docker-init', version: '0.19.0', gitCommit: 'de40ad0' },
  ],
} as const;
