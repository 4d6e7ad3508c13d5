import type { Container } from '../container/container';
import { networkPorts } from './ports';
import { overlayDir } from './overlay';
import { isRunning } from '../container/container';
import { digestOf, hexOf } from '../digest/digest';
import type { RunConfig } from '../image/config';
import type { Engine } from './engine';
import { containerLayerSize } from './prune';
import { rfc3339Nano } from './time';

/** Go's zero time.Time as RFC 3339, which the API prints for times never set. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * A Go map in inspect data: `--format json` and templates see a map (keys
 * sorted, `map[k:v]` when printed), and JSON.stringify, which the indented
 * output uses, sees a plain object with its keys in Go's sorted order.
 */
export class GoMap<V> extends Map<string, V> {
  constructor(entries: Iterable<readonly [string, V]> = []) {
    super([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  toJSON(): Record<string, V> {
    return Object.fromEntries(this);
  }
}

const goMap = <V>(record: Readonly<Record<string, V>> | null | undefined): GoMap<V> | null => (record ? new GoMap(Object.entries(record)) : null);

/** The paths the daemon masks in every unprivileged container (moby's oci.DefaultLinuxSpec, Engine 28.0.2 and later). */
const MASKED_PATHS = [
  '/proc/asound',
  '/proc/acpi',
  '/proc/interrupts',
  '/proc/kcore',
  '/proc/keys',
  '/proc/latency_stats',
  '/proc/timer_list',
  '/proc/timer_stats',
  '/proc/sched_debug',
  '/proc/scsi',
  '/sys/firmware',
  '/sys/devices/virtual/powercap',
];

/** The paths the daemon mounts read-only in every unprivileged container. */
const READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

/** The default bridge network's ID: random in moby, derived here so it stays the same. */
const BRIDGE_NETWORK_ID = hexOf(digestOf('network:bridge'));

/**
 * `docker container inspect`: the daemon's container.InspectResponse for API
 * 1.51 (Engine 28), in its field order, for a container on a Linux host with
 * AppArmor and cgroup v2, the classic image store and the overlay2 driver.
 *
 * What the daemon sets only when a container starts (the paths of its
 * resolv.conf, hostname, hosts and log files, its AppArmor profile, its
 * network endpoint) stays empty until it has been started, as on a real
 * engine; a stopped container keeps only the network's ID.
 */
export function inspectContainer(engine: Engine, name: string, size: boolean): Record<string, unknown> {
  const container = engine.containers.get(name);
  const { state, config } = container;
  const started = state.startedAt !== 0;
  const running = isRunning(state);
  const [path = '', ...args] = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  const directory = `/var/lib/docker/containers/${container.id}`;
  const image = engine.images.get(container.image);
  const sizeRw = containerLayerSize(container);

  return {
    Id: container.id,
    Created: rfc3339Nano(container.created),
    Path: path,
    Args: args,
    State: {
      Status: state.status,
      Running: running,
      Paused: state.status === 'paused',
      Restarting: state.status === 'restarting',
      OOMKilled: false,
      Dead: state.status === 'dead',
      Pid: running ? pidOf(container) : 0,
      ExitCode: state.exitCode,
      Error: state.error,
      StartedAt: started ? rfc3339Nano(state.startedAt) : ZERO_TIME,
      FinishedAt: state.finishedAt !== 0 ? rfc3339Nano(state.finishedAt) : ZERO_TIME,
    },
    Image: container.image,
    ResolvConfPath: started ? `${directory}/resolv.conf` : '',
    HostnamePath: started ? `${directory}/hostname` : '',
    HostsPath: started ? `${directory}/hosts` : '',
    LogPath: started ? `${directory}/${container.id}-json.log` : '',
    Name: `/${container.name}`,
    RestartCount: 0,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: started ? 'docker-default' : '',
    ExecIDs: null,
    HostConfig: hostConfig(container),
    GraphDriver: graphDriver(engine, container),
    ...(size ? { SizeRw: sizeRw, SizeRootFs: sizeRw + (image ? engine.sizeOf(image) : 0) } : {}),
    Mounts: [],
    Config: containerConfig(config),
    NetworkSettings: networkSettings(container, started, running),
  };
}

/** The HostConfig a plain `docker create` gives (CLI 28's defaults, completed by the daemon). */
function hostConfig(container: Container): Record<string, unknown> {
  const bindings = new Map<string, Array<{ HostIp: string; HostPort: string }>>();
  for (const binding of container.hostConfig.portBindings) {
    const port = binding.containerPort.includes('/') ? binding.containerPort : `${binding.containerPort}/tcp`;
    bindings.set(port, [...(bindings.get(port) ?? []), { HostIp: binding.hostIp, HostPort: binding.hostPort }]);
  }
  return {
    Binds: null,
    ContainerIDFile: '',
    LogConfig: { Type: 'json-file', Config: new GoMap<string>() },
    NetworkMode: 'bridge',
    PortBindings: new GoMap(bindings),
    RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
    AutoRemove: container.hostConfig.autoRemove,
    VolumeDriver: '',
    VolumesFrom: null,
    // docker/cli sends the size of its terminal; the simulator does not record it, so this is what a CLI without a terminal sends.
    ConsoleSize: [0, 0],
    CapAdd: null,
    CapDrop: null,
    CgroupnsMode: 'private',
    Dns: [],
    DnsOptions: [],
    DnsSearch: [],
    ExtraHosts: null,
    GroupAdd: null,
    IpcMode: 'private',
    Cgroup: '',
    Links: null,
    OomScoreAdj: 0,
    PidMode: '',
    Privileged: false,
    PublishAllPorts: false,
    ReadonlyRootfs: false,
    SecurityOpt: null,
    UTSMode: '',
    UsernsMode: '',
    ShmSize: 67108864,
    Runtime: 'runc',
    Isolation: '',
    CpuShares: 0,
    Memory: 0,
    NanoCpus: 0,
    CgroupParent: '',
    BlkioWeight: 0,
    BlkioWeightDevice: [],
    BlkioDeviceReadBps: [],
    BlkioDeviceWriteBps: [],
    BlkioDeviceReadIOps: [],
    BlkioDeviceWriteIOps: [],
    CpuPeriod: 0,
    CpuQuota: 0,
    CpuRealtimePeriod: 0,
    CpuRealtimeRuntime: 0,
    CpusetCpus: '',
    CpusetMems: '',
    Devices: [],
    DeviceCgroupRules: null,
    DeviceRequests: null,
    MemoryReservation: 0,
    MemorySwap: 0,
    MemorySwappiness: null,
    OomKillDisable: null,
    PidsLimit: null,
    Ulimits: [],
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    MaskedPaths: MASKED_PATHS,
    ReadonlyPaths: READONLY_PATHS,
  };
}

/**
 * overlay2's metadata for a container: its writable layer's directories,
 * over its init layer (`<id>-init`) and the image's layers, top first.
 */
function graphDriver(engine: Engine, container: Container): Record<string, unknown> {
  const image = engine.images.get(container.image);
  // The layers it sits on, which outlive its image after `docker rmi -f` (older snapshots: the image's).
  const stack = engine.layers.stack(container.parentLayer ?? (image ? engine.topLayerOf(image) : undefined));
  const top = overlayDir(`rw:${container.id}`);
  const lower = [`${top}-init`, ...stack.map((layer) => overlayDir(`cache:${layer.chainId}`)).reverse()];
  return {
    Data: { LowerDir: lower.map((dir) => `${dir}/diff`).join(':'), MergedDir: `${top}/merged`, UpperDir: `${top}/diff`, WorkDir: `${top}/work` },
    Name: 'overlay2',
  };
}

/** The container's Config (API container.Config) in its field order, optional fields left out when unset as the API omits them. */
function containerConfig(config: RunConfig): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    Hostname: config.Hostname ?? '',
    Domainname: config.Domainname ?? '',
    User: config.User ?? '',
    AttachStdin: config.AttachStdin ?? false,
    AttachStdout: config.AttachStdout ?? false,
    AttachStderr: config.AttachStderr ?? false,
    ExposedPorts: config.ExposedPorts ? goMap(config.ExposedPorts) : undefined,
    Tty: config.Tty ?? false,
    OpenStdin: config.OpenStdin ?? false,
    StdinOnce: config.StdinOnce ?? false,
    Env: config.Env ?? null,
    Cmd: config.Cmd ?? null,
    Healthcheck: config.Healthcheck,
    ArgsEscaped: config.ArgsEscaped || undefined,
    Image: config.Image ?? '',
    Volumes: goMap(config.Volumes),
    WorkingDir: config.WorkingDir ?? '',
    Entrypoint: config.Entrypoint ?? null,
    OnBuild: config.OnBuild ?? null,
    Labels: goMap(config.Labels) ?? new GoMap<string>(),
    StopSignal: config.StopSignal || undefined,
    Shell: config.Shell,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * NetworkSettings for a container on the default bridge network. Until it
 * starts, its endpoint is empty; while it runs it has an address on
 * 172.17.0.0/16; once stopped, the daemon clears all but the network's ID.
 */
function networkSettings(container: Container, started: boolean, running: boolean): Record<string, unknown> {
  const address = running ? bridgeAddress(container) : '';
  const mac = running ? macOf(container) : '';
  const endpointId = running ? hexOf(digestOf(`endpoint:${container.id}`)) : '';
  const sandboxId = running ? hexOf(digestOf(`sandbox:${container.id}`)) : '';
  const gateway = running ? '172.17.0.1' : '';
  const prefix = running ? 16 : 0;
  return {
    Bridge: '',
    SandboxID: sandboxId,
    SandboxKey: running ? `/var/run/docker/netns/${sandboxId.slice(0, 12)}` : '',
    Ports: running ? new GoMap<unknown>(networkPorts(container)) : new GoMap<unknown>(),
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: endpointId,
    Gateway: gateway,
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: address,
    IPPrefixLen: prefix,
    IPv6Gateway: '',
    MacAddress: mac,
    Networks: new GoMap([
      [
        'bridge',
        {
          IPAMConfig: null,
          Links: null,
          Aliases: null,
          MacAddress: mac,
          DriverOpts: null,
          GwPriority: 0,
          NetworkID: started ? BRIDGE_NETWORK_ID : '',
          EndpointID: endpointId,
          Gateway: gateway,
          IPAddress: address,
          IPPrefixLen: prefix,
          IPv6Gateway: '',
          GlobalIPv6Address: '',
          GlobalIPv6PrefixLen: 0,
          DNSNames: null,
        },
      ],
    ]),
  };
}

/** A running container's address on the default bridge (172.17.0.0/16). */
export function bridgeAddress(container: Container): string {
  // A container restored from a snapshot made before addresses were recorded gets one from its ID.
  return container.networkAddress ?? `172.17.0.${2 + (parseInt(container.id.slice(0, 2), 16) % 250)}`;
}

/** A running container's process ID on the host: stable per container. */
export function pidOf(container: Container): number {
  return 1000 + (parseInt(container.id.slice(0, 6), 16) % 60000);
}

/** Engine 28 gives endpoints a random, locally administered MAC address; this one derives from the container's ID. */
function macOf(container: Container): string {
  const bytes = hexOf(digestOf(`mac:${container.id}`)).slice(0, 12).match(/../g) ?? [];
  const first = ((parseInt(bytes[0] ?? '00', 16) & 0xfe) | 0x02).toString(16).padStart(2, '0');
  return [first, ...bytes.slice(1)].join(':');
}
