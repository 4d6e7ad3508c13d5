import type { Engine } from '../../../daemon/engine';
import { rfc3339Nano } from '../../../daemon/time';
import { CLI_PLUGINS, ENGINE_VERSION, HOST_INFO } from '../../../daemon/version';
import type { CommandContext } from '../../../shell/command';
import type { DockerCommand } from '../../command';
import { bytesSize } from '../../format/units';
import { goJson, JSON_NAMES, MARSHAL_JSON, parseTemplate, TemplateExecError, TemplateParseError } from '../../format/template';
import { clientVersion, INSPECT_FORMAT_HELP } from './version';

/**
 * `docker info` as docker/cli 28.3 prints it (cli/command/system/info.go:
 * prettyPrintInfo, prettyPrintClientInfo, prettyPrintServerInfo, formatInfo)
 * for the engine's GET /info response (moby api/types/system.Info, v28.3):
 * a Linux engine with the classic image store on overlay2, systemd cgroup
 * driver, cgroup v2, CDI enabled (the default since 28.2), no swarm.
 */

/** How a Go struct field encodes: its `json:"…"` tag, and whether a nil slice or map stands behind an empty value. */
interface FieldOptions {
  /** The tag's name; '-' leaves the field out. */
  json?: string;
  omitempty?: boolean;
  /** The Go value is a nil slice or map: JSON null (the model holds [] or an empty Map, which Go prints as `[]` / `map[]`). */
  nil?: boolean;
  /** An embedded (anonymous) struct: its fields are promoted, in templates and in JSON. */
  embedded?: boolean;
}

type FieldSpec = readonly [name: string, value: unknown, options?: FieldOptions];

const FIELDS = Symbol('fields');

/**
 * A Go struct value for the template engine: its fields as properties in
 * declaration order (an embedded struct's fields are reachable through the
 * prototype, as Go promotes them), and its encoding/json form.
 */
function goStruct(fields: readonly FieldSpec[], options: { sortedJson?: boolean } = {}): object {
  const embedded = fields.find(([, , o]) => o?.embedded)?.[1] as object | undefined;
  const struct = Object.create(embedded ?? Object.prototype) as Record<string | symbol, unknown>;
  for (const [name, value] of fields) struct[name] = value;
  Object.defineProperty(struct, FIELDS, { value: fields });
  Object.defineProperty(struct, MARSHAL_JSON, {
    value: (escapeHTML: boolean) => {
      const json = `{${jsonMembers(fields, escapeHTML).join(',')}}`;
      return options.sortedJson ? JSON.stringify(sortKeys(JSON.parse(json))) : json;
    },
  });
  return struct;
}

function jsonMembers(fields: readonly FieldSpec[], escapeHTML: boolean): string[] {
  return fields.flatMap(([name, value, o = {}]) => {
    if (o.embedded) return jsonMembers((value as { [FIELDS]: FieldSpec[] })[FIELDS], escapeHTML);
    if (o.json === '-' || (o.omitempty && isEmptyValue(value))) return [];
    const encoded = o.nil ? 'null' : goJson(value, JSON_NAMES, { escapeHTML });
    return [`${goJson(o.json ?? name)}:${encoded}`];
  });
}

/** encoding/json's isEmptyValue: false, 0, "", nil and empty slices and maps (never a struct). */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return value instanceof Map && value.size === 0;
}

/** What Go's map-based re-marshalling does to an object: keys in sorted order, at every depth. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** `runc features` of runc 1.2.5 (containerd.io 1.7.27), which the daemon reports as each runc runtime's status. */
const RUNC_FEATURES = JSON.stringify({
  ociVersionMin: '1.0.0',
  ociVersionMax: '1.2.0',
  hooks: ['prestart', 'createRuntime', 'createContainer', 'startContainer', 'poststart', 'poststop'],
  mountOptions: [
    'async', 'atime', 'bind', 'defaults', 'dev', 'diratime', 'dirsync', 'exec', 'iversion', 'lazytime', 'loud', 'mand',
    'noatime', 'nodev', 'nodiratime', 'noexec', 'noiversion', 'nolazytime', 'nomand', 'norelatime', 'nostrictatime',
    'nosuid', 'nosymfollow', 'private', 'ratime', 'rbind', 'rdev', 'rdiratime', 'relatime', 'remount', 'rexec',
    'rnoatime', 'rnodev', 'rnodiratime', 'rnoexec', 'rnorelatime', 'rnostrictatime', 'rnosuid', 'rnosymfollow', 'ro',
    'rprivate', 'rrelatime', 'rro', 'rrw', 'rshared', 'rslave', 'rstrictatime', 'rsuid', 'rsymfollow', 'runbindable',
    'rw', 'shared', 'silent', 'slave', 'strictatime', 'suid', 'symfollow', 'sync', 'tmpcopyup', 'unbindable',
  ],
  linux: {
    namespaces: ['cgroup', 'ipc', 'mount', 'network', 'pid', 'time', 'user', 'uts'],
    capabilities: [
      'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
      'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
      'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT',
      'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE',
      'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL',
      'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND',
      'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
    ],
    cgroup: { v1: true, v2: true, systemd: true, systemdUser: true, rdma: true },
    seccomp: {
      enabled: true,
      actions: [
        'SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', 'SCMP_ACT_LOG',
        'SCMP_ACT_NOTIFY', 'SCMP_ACT_TRACE', 'SCMP_ACT_TRAP',
      ],
      operators: ['SCMP_CMP_EQ', 'SCMP_CMP_GE', 'SCMP_CMP_GT', 'SCMP_CMP_LE', 'SCMP_CMP_LT', 'SCMP_CMP_MASKED_EQ', 'SCMP_CMP_NE'],
      archs: [
        'SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM', 'SCMP_ARCH_MIPS', 'SCMP_ARCH_MIPS64', 'SCMP_ARCH_MIPS64N32', 'SCMP_ARCH_MIPSEL',
        'SCMP_ARCH_MIPSEL64', 'SCMP_ARCH_MIPSEL64N32', 'SCMP_ARCH_PPC', 'SCMP_ARCH_PPC64', 'SCMP_ARCH_PPC64LE',
        'SCMP_ARCH_RISCV64', 'SCMP_ARCH_S390', 'SCMP_ARCH_S390X', 'SCMP_ARCH_X32', 'SCMP_ARCH_X86', 'SCMP_ARCH_X86_64',
      ],
      knownFlags: ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_LOG'],
      supportedFlags: ['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW', 'SECCOMP_FILTER_FLAG_LOG'],
    },
    apparmor: { enabled: true },
    selinux: { enabled: true },
    intelRdt: { enabled: true },
    mountExtensions: { idmap: { enabled: true } },
  },
  annotations: {
    'io.github.seccomp.libseccomp.version': '2.5.4',
    'org.opencontainers.runc.checkpoint.enabled': 'true',
    'org.opencontainers.runc.commit': 'v1.2.5-0-g59923ef',
    'org.opencontainers.runc.version': '1.2.5',
  },
  potentiallyUnsafeConfigAnnotations: ['bundle', 'org.systemd.property.', 'org.criu.config'],
});

/** A component's commit as the daemon reports it (system.Commit; `Expected` is no longer sent since API 1.49). */
function commit(name: string): object {
  const id = ENGINE_VERSION.components.find((component) => component.name === name)?.gitCommit ?? 'N/A';
  return goStruct([
    ['ID', id],
    ['Expected', '', { omitempty: true }],
  ]);
}

/** system.RuntimeWithStatus: the OCI runtime and the features it reports. */
function runtime(path: string): object {
  const base = goStruct([
    ['Path', path, { json: 'path', omitempty: true }],
    ['Args', [], { json: 'runtimeArgs', omitempty: true }],
    ['Type', '', { json: 'runtimeType', omitempty: true }],
    ['Options', new Map(), { json: 'options', omitempty: true }],
  ]);
  return goStruct([
    ['Runtime', base, { embedded: true }],
    ['Status', new Map([['org.opencontainers.runtime-spec.features', RUNC_FEATURES]]), { json: 'status', omitempty: true }],
  ]);
}

/** The daemon's GET /info (moby daemon/info.go) for the engine's current state. */
function systemInfo(engine: Engine): Record<string, unknown> {
  const containers = engine.containers.list();
  // moby's state counter: "running" and "paused" containers; everything else counts as stopped.
  const running = containers.filter((container) => container.state.status === 'running').length;
  const paused = containers.filter((container) => container.state.status === 'paused').length;
  const indexInfo = goStruct([
    ['Name', 'docker.io'],
    ['Mirrors', []],
    ['Secure', true],
    ['Official', true],
  ]);
  // registry.ServiceConfig marshals through a map (to carry extra fields), so its JSON keys come out sorted.
  const registryConfig = goStruct(
    [
      ['InsecureRegistryCIDRs', ['::1/128', '127.0.0.0/8']],
      ['IndexConfigs', new Map([['docker.io', indexInfo]])],
      ['Mirrors', [], { nil: true }],
    ],
    { sortedJson: true },
  );
  return goStruct([
    ['ID', HOST_INFO.engineId],
    ['Containers', containers.length],
    ['ContainersRunning', running],
    ['ContainersPaused', paused],
    ['ContainersStopped', containers.length - running - paused],
    ['Images', engine.images.all().length],
    ['Driver', 'overlay2'],
    ['DriverStatus', [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']]],
    ['SystemStatus', [], { omitempty: true }],
    [
      'Plugins',
      goStruct([
        ['Volume', ['local']],
        ['Network', ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay']],
        ['Authorization', [], { nil: true }],
        ['Log', ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog']],
      ]),
    ],
    ['MemoryLimit', true],
    ['SwapLimit', true],
    ['KernelMemory', false, { omitempty: true }],
    ['KernelMemoryTCP', false, { omitempty: true }],
    ['CPUCfsPeriod', true, { json: 'CpuCfsPeriod' }],
    ['CPUCfsQuota', true, { json: 'CpuCfsQuota' }],
    ['CPUShares', true],
    ['CPUSet', true],
    ['PidsLimit', true],
    ['IPv4Forwarding', true],
    ['Debug', false],
    ['NFd', 29],
    ['OomKillDisable', false],
    ['NGoroutines', 47],
    ['SystemTime', rfc3339Nano(engine.clock.now())],
    ['LoggingDriver', 'json-file'],
    ['CgroupDriver', 'systemd'],
    ['CgroupVersion', '2', { omitempty: true }],
    ['NEventsListener', 0],
    ['KernelVersion', ENGINE_VERSION.kernelVersion],
    ['OperatingSystem', HOST_INFO.operatingSystem],
    ['OSVersion', HOST_INFO.osVersion],
    ['OSType', ENGINE_VERSION.os],
    ['Architecture', HOST_INFO.architecture],
    ['IndexServerAddress', 'https://index.docker.io/v1/'],
    ['RegistryConfig', registryConfig],
    ['NCPU', HOST_INFO.ncpu],
    ['MemTotal', HOST_INFO.memTotal],
    ['GenericResources', [], { nil: true }],
    ['DockerRootDir', '/var/lib/docker'],
    ['HTTPProxy', '', { json: 'HttpProxy' }],
    ['HTTPSProxy', '', { json: 'HttpsProxy' }],
    ['NoProxy', ''],
    ['Name', HOST_INFO.name],
    ['Labels', []],
    ['ExperimentalBuild', false],
    ['ServerVersion', ENGINE_VERSION.engine.version],
    [
      'Runtimes',
      new Map([
        ['io.containerd.runc.v2', runtime('runc')],
        ['runc', runtime('runc')],
      ]),
    ],
    ['DefaultRuntime', 'runc'],
    [
      'Swarm',
      goStruct([
        ['NodeID', ''],
        ['NodeAddr', ''],
        ['LocalNodeState', 'inactive'],
        ['ControlAvailable', false],
        ['Error', ''],
        ['RemoteManagers', [], { nil: true }],
        ['Nodes', 0, { omitempty: true }],
        ['Managers', 0, { omitempty: true }],
        ['Cluster', null, { omitempty: true }],
        ['Warnings', [], { omitempty: true }],
      ]),
    ],
    ['LiveRestoreEnabled', false],
    ['Isolation', ''],
    ['InitBinary', 'docker-init'],
    ['ContainerdCommit', commit('containerd')],
    ['RuncCommit', commit('runc')],
    ['InitCommit', commit('docker-init')],
    ['SecurityOptions', ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns']],
    ['ProductLicense', '', { omitempty: true }],
    ['DefaultAddressPools', [], { omitempty: true }],
    [
      'FirewallBackend',
      goStruct([
        ['Driver', 'iptables'],
        ['Info', [], { omitempty: true }],
      ]),
      { omitempty: true },
    ],
    ['CDISpecDirs', ['/etc/cdi', '/var/run/cdi']],
    ['DiscoveredDevices', [], { omitempty: true }],
    [
      'Containerd',
      goStruct([
        ['Address', '/run/containerd/containerd.sock', { omitempty: true }],
        ['Namespaces', { Containers: 'moby', Plugins: 'plugins.moby' }],
      ]),
      { omitempty: true },
    ],
    ['Warnings', [], { nil: true }],
  ]) as Record<string, unknown>;
}

/** The CLI's clientInfo: debug mode, the client version and its plugins (pluginmanager.Plugin). */
function clientInfo(withApiVersion: boolean): Record<string, unknown> {
  const version = clientVersion();
  const versionStruct = goStruct([
    ['Platform', version.Platform, { omitempty: true }],
    ['Version', version.Version, { omitempty: true }],
    ['APIVersion', withApiVersion ? version.APIVersion : '', { json: 'ApiVersion', omitempty: true }],
    ['DefaultAPIVersion', version.DefaultAPIVersion, { omitempty: true }],
    ['GitCommit', version.GitCommit, { omitempty: true }],
    ['GoVersion', version.GoVersion, { omitempty: true }],
    ['Os', version.Os, { omitempty: true }],
    ['Arch', version.Arch, { omitempty: true }],
    ['BuildTime', version.BuildTime, { omitempty: true }],
    ['Context', version.Context],
  ]);
  const plugins = CLI_PLUGINS.map((plugin) => {
    const metadata = goStruct([
      ['SchemaVersion', '0.1.0', { omitempty: true }],
      ['Vendor', plugin.vendor, { omitempty: true }],
      ['Version', plugin.version, { omitempty: true }],
      ['ShortDescription', plugin.shortDescription, { omitempty: true }],
      ['URL', '', { omitempty: true }],
      ['Experimental', false, { omitempty: true }],
      ['HookCommands', [], { omitempty: true }],
    ]);
    return goStruct([
      ['Metadata', metadata, { embedded: true }],
      ['Name', plugin.name, { omitempty: true }],
      ['Path', plugin.path, { omitempty: true }],
      ['Err', null, { omitempty: true }],
      ['ShadowedPaths', [], { omitempty: true }],
    ]);
  });
  return goStruct([
    ['Debug', false],
    ['clientVersion', versionStruct, { embedded: true }],
    ['Plugins', plugins],
    ['Warnings', [], { nil: true }],
  ]) as Record<string, unknown>;
}

/** docker/cli's dockerInfo: the server's Info (embedded), the client's, and errors collecting either. */
function dockerInfo(engine: Engine, withServer: boolean): Record<string, unknown> {
  return goStruct([
    ['Info', systemInfo(engine), { embedded: true, omitempty: true }],
    ['ServerErrors', [], { omitempty: true }],
    ['UserName', '', { json: '-' }],
    ['ClientInfo', clientInfo(withServer), { omitempty: true }],
    ['ClientErrors', [], { omitempty: true }],
  ]) as Record<string, unknown>;
}

/** prettyPrintInfo: the Client section, then the Server section, ending with a blank line. */
function prettyPrint(info: Record<string, unknown>): string {
  const client = info.ClientInfo as Record<string, unknown>;
  const lines: string[] = [];
  // fmt.Fprintln(w, label, value): the operands separated by a space.
  const line = (...operands: unknown[]) => lines.push(operands.map(String).join(' '));
  const nonEmpty = (label: string, value: unknown) => {
    if (value !== '') line(label, value);
  };

  const platform = (client.Platform as { Name: string } | undefined)?.Name ?? '';
  line(platform !== '' ? `Client: ${platform}` : 'Client:');
  nonEmpty(' Version:   ', client.Version);
  line(' Context:   ', client.Context);
  line(' Debug Mode:', client.Debug);
  const plugins = client.Plugins as Array<Record<string, string>>;
  if (plugins.length > 0) {
    line(' Plugins:');
    for (const plugin of plugins) {
      lines.push(`  ${plugin.Name}: ${plugin.ShortDescription} (${plugin.Vendor})`);
      nonEmpty('    Version: ', plugin.Version);
      nonEmpty('    Path:    ', plugin.Path);
    }
  }

  line();
  line('Server:');
  const plugin = info.Plugins as Record<string, string[]>;
  const swarm = info.Swarm as Record<string, unknown>;
  line(' Containers:', info.Containers);
  line('  Running:', info.ContainersRunning);
  line('  Paused:', info.ContainersPaused);
  line('  Stopped:', info.ContainersStopped);
  line(' Images:', info.Images);
  nonEmpty(' Server Version:', info.ServerVersion);
  nonEmpty(' Storage Driver:', info.Driver);
  for (const [key, value] of info.DriverStatus as string[][]) lines.push(`  ${key}: ${value}`);
  for (const [key, value] of info.SystemStatus as string[][]) lines.push(` ${key}: ${value}`);
  nonEmpty(' Logging Driver:', info.LoggingDriver);
  nonEmpty(' Cgroup Driver:', info.CgroupDriver);
  nonEmpty(' Cgroup Version:', info.CgroupVersion);
  line(' Plugins:');
  line('  Volume:', (plugin.Volume ?? []).join(' '));
  line('  Network:', (plugin.Network ?? []).join(' '));
  if ((plugin.Authorization ?? []).length > 0) line('  Authorization:', (plugin.Authorization ?? []).join(' '));
  line('  Log:', (plugin.Log ?? []).join(' '));
  const cdiSpecDirs = info.CDISpecDirs as string[];
  if (cdiSpecDirs.length > 0) {
    line(' CDI spec directories:');
    for (const dir of cdiSpecDirs) lines.push(`  ${dir}`);
  }
  const devices = info.DiscoveredDevices as Array<{ Source: string; ID: string }>;
  if (devices.length > 0) {
    line(' Discovered Devices:');
    for (const device of devices) lines.push(`  ${device.Source}: ${device.ID}`);
  }
  line(' Swarm:', swarm.LocalNodeState);
  const runtimes = info.Runtimes as Map<string, unknown>;
  if (runtimes.size > 0) {
    // Go ranges over the map in random order; this is the order most often seen.
    line(' Runtimes:', [...runtimes.keys()].join(' '));
    line(' Default Runtime:', info.DefaultRuntime);
  }
  if (info.OSType === 'linux') {
    line(' Init Binary:', info.InitBinary);
    line(' containerd version:', (info.ContainerdCommit as { ID: string }).ID);
    line(' runc version:', (info.RuncCommit as { ID: string }).ID);
    line(' init version:', (info.InitCommit as { ID: string }).ID);
    const securityOptions = info.SecurityOptions as string[];
    if (securityOptions.length > 0) {
      line(' Security Options:');
      for (const option of securityOptions) {
        // system.DecodeSecurityOptions: "name=seccomp,profile=builtin" → seccomp, with its profile below.
        const pairs = option.split(',').map((pair) => pair.split('=') as [string, string]);
        lines.push(`  ${pairs.find(([key]) => key === 'name')?.[1] ?? ''}`);
        for (const [key, value] of pairs) if (key === 'profile') line('   Profile:', value);
      }
    }
  }
  nonEmpty(' Kernel Version:', info.KernelVersion);
  nonEmpty(' Operating System:', info.OperatingSystem);
  nonEmpty(' OSType:', info.OSType);
  nonEmpty(' Architecture:', info.Architecture);
  line(' CPUs:', info.NCPU);
  line(' Total Memory:', bytesSize(info.MemTotal as number));
  nonEmpty(' Name:', info.Name);
  nonEmpty(' ID:', info.ID);
  line(' Docker Root Dir:', info.DockerRootDir);
  line(' Debug Mode:', info.Debug);
  nonEmpty(' HTTP Proxy:', info.HTTPProxy);
  nonEmpty(' HTTPS Proxy:', info.HTTPSProxy);
  nonEmpty(' No Proxy:', info.NoProxy);
  nonEmpty(' Username:', info.UserName);
  const labels = info.Labels as string[];
  if (labels.length > 0) {
    line(' Labels:');
    for (const label of labels) lines.push(`  ${label}`);
  }
  line(' Experimental:', info.ExperimentalBuild);
  const registry = info.RegistryConfig as { InsecureRegistryCIDRs: string[]; IndexConfigs: Map<string, { Name: string; Secure: boolean }> };
  line(' Insecure Registries:');
  for (const index of registry.IndexConfigs.values()) if (!index.Secure) lines.push(`  ${index.Name}`);
  for (const cidr of registry.InsecureRegistryCIDRs) lines.push(`  ${cidr}`);
  line(' Live Restore Enabled:', info.LiveRestoreEnabled);
  line();
  return `${lines.join('\n')}\n`;
}

/** docker/cli's needsServerInfo: a template that only reads client fields does not need the daemon. */
function needsServerInfo(format: string, sparse: object): boolean {
  if (format === '' || !/\.[a-zA-Z]/.test(format)) return true;
  try {
    parseTemplate('', format).execute(sparse);
    return false;
  } catch {
    return true;
  }
}

/** Go's names for the types behind dockerInfo's fields, as template errors and %T show them. */
const GO_TYPE_NAMES: ReadonlyArray<[string, string]> = [
  ['Info', '*system.Info'],
  ['ClientInfo', '*system.clientInfo'],
  ['Plugins', 'system.PluginsInfo'],
  ['RegistryConfig', '*registry.ServiceConfig'],
  ['Swarm', 'swarm.Info'],
  ['ContainerdCommit', 'system.Commit'],
  ['RuncCommit', 'system.Commit'],
  ['InitCommit', 'system.Commit'],
  ['FirewallBackend', '*system.FirewallInfo'],
  ['Containerd', '*system.ContainerdInfo'],
];

async function runInfo(context: CommandContext, format: string): Promise<number> {
  const { engine } = context;
  const sparse = { ClientInfo: clientInfo(false), ClientErrors: [] };
  const withServer = needsServerInfo(format, sparse);
  const info = dockerInfo(engine, withServer);
  if (format === '') {
    await context.stdout.write(prettyPrint(info));
    return 0;
  }
  const typeNames = new Map<object, string>([[info, 'system.dockerInfo']]);
  for (const [field, name] of GO_TYPE_NAMES) typeNames.set(info[field] as object, name);
  try {
    const template = parseTemplate('', format === 'json' ? '{{json .}}' : format);
    try {
      await context.stdout.write(`${template.execute(info, (value) => typeNames.get(value) ?? 'struct')}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof TemplateExecError)) throw error;
      // formatInfo prints what the template wrote, then a newline, and returns the error.
      await context.stdout.write(`${error.partialOutput}\n`);
      await context.stderr.write(`${error.message}\n`);
      return 1;
    }
  } catch (error) {
    if (!(error instanceof TemplateParseError)) throw error;
    await context.stderr.write(`template parsing error: ${error.message}\n`);
    return 64;
  }
}

/** docker info [OPTIONS] (also `docker system info`) */
export const infoCommand: DockerCommand = {
  name: 'info',
  use: '[OPTIONS]',
  short: 'Display system-wide information',
  aliases: ['docker system info', 'docker info'],
  category: { group: 'common', top: 12 },
  flags: [{ name: 'format', shorthand: 'f', type: 'string', usage: INSPECT_FORMAT_HELP }],
  args: { kind: 'none' },
  run(context, flags) {
    return runInfo(context, (flags.get('format') as string | undefined) ?? '');
  },
};
