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

/**
 * The machine the engine runs on, as `docker info` reports it: the learner's
 * Debian host (simulator/host), with fixed, made-up hardware so that output
 * is the same in every session. The kernel is {@link ENGINE_VERSION}'s.
 */
export const HOST_INFO = {
  /** /etc/os-release PRETTY_NAME and VERSION_ID. */
  operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
  osVersion: '12',
  /** uname -m. */
  architecture: 'x86_64',
  /** The daemon's hostname (the shell's HOSTNAME). */
  name: 'layerlab',
  ncpu: 4,
  /** Bytes: MemTotal of /proc/meminfo (8,129,228 kB), shown as 7.753GiB. */
  memTotal: 8_324_329_472,
  /** The engine ID, a UUID generated once per installation (/var/lib/docker/engine-id). */
  engineId: '6f1c2a9e-8b4d-4e27-b3f5-0d9a7c1e5b82',
} as const;

/**
 * The CLI plugins the docker-ce packages for Docker 28.3.3 install
 * (docker-buildx-plugin, docker-compose-plugin), as `docker info` lists them.
 */
export const CLI_PLUGINS = [
  { name: 'buildx', shortDescription: 'Docker Buildx', vendor: 'Docker Inc.', version: 'v0.26.1', path: '/usr/libexec/docker/cli-plugins/docker-buildx' },
  { name: 'compose', shortDescription: 'Docker Compose', vendor: 'Docker Inc.', version: 'v2.39.1', path: '/usr/libexec/docker/cli-plugins/docker-compose' },
] as const;
