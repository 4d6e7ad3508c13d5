import type { Container, PortBinding } from '../container/container';
import { conflict } from '../errdefs/errors';
import type { Engine } from './engine';
import { isRunning } from '../container/container';
import { hexOf, digestOf } from '../digest/digest';

/** nat.ParsePortRange: `80` or `8000-8010`, within 1–65535 (0 allowed for a host port); undefined when it is not one. */
function portRange(text: string, minimum: number): { start: number; end: number } | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return start >= minimum && end <= 65535 && start <= end ? { start, end } : undefined;
}

/**
 * `-p [ip:][hostPort:]containerPort[/proto]` (docker/cli's nat.ParsePortSpec):
 * the bindings it asks for, or its error text. Ranges pair up port by port
 * (`8080-8081:80-81`); a host range for one container port is where a free
 * host port is looked for (`8000-8010:80`).
 */
export function parsePublish(spec: string): PortBinding[] | string {
  const [address, proto = 'tcp'] = spec.split('/') as [string, string?];
  const parts = address.split(':');
  const containerPort = parts.pop() ?? '';
  const hostPort = parts.pop() ?? '';
  const hostIp = parts.join(':').replace(/^\[(.*)\]$/, '$1');
  const container = portRange(containerPort, 1);
  if (!container) return `invalid containerPort: ${containerPort}`;
  const host = hostPort === '' ? undefined : portRange(hostPort, 0);
  if (hostPort !== '' && !host) return `invalid hostPort: ${hostPort}`;
  const span = container.end - container.start;
  if (host && host.end - host.start !== span && span !== 0) return `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`;
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) return `invalid proto: ${proto}`;
  const bindings: PortBinding[] = [];
  for (let i = 0; i <= span; i++) {
    const hostSide = !host ? '' : span === 0 && host.start !== host.end ? `${host.start}-${host.end}` : String(host.start + i);
    bindings.push({ hostIp, hostPort: hostSide, containerPort: `${container.start + i}/${proto}` });
  }
  return bindings;
}

/** The first port Docker's allocator hands out for `-p 80` (Linux's ip_local_port_range starts there). */
const EPHEMERAL_START = 32768;

/**
 * Binds a starting container's published ports on the host: a port another
 * running container holds is refused as libnetwork refuses it; `-p 80` gets
 * the first free ephemeral port. Returns the bindings made (both 0.0.0.0 and
 * :: when no address was given).
 */
export function bindPorts(engine: Engine, container: Container): PortBinding[] {
  const taken = new Set(engine.containers.list().flatMap((other) => (other !== container && isRunning(other.state) ? (other.publishedPorts ?? []).map((binding) => `${binding.hostPort}/${protoOf(binding)}`) : [])));
  const made: PortBinding[] = [];
  for (const binding of container.hostConfig.portBindings) {
    let hostPort = binding.hostPort;
    const range = /^(\d+)-(\d+)$/.exec(hostPort);
    if (hostPort === '' || range) {
      // -p 80 takes the first free ephemeral port; -p 8000-8010:80 the first free one of its range.
      let candidate = range ? Number(range[1]) : EPHEMERAL_START;
      const last = range ? Number(range[2]) : 65535;
      while (candidate <= last && taken.has(`${candidate}/${protoOf(binding)}`)) candidate++;
      if (candidate > last) {
        const endpoint = hexOf(digestOf(`endpoint:${container.id}`));
        throw conflict(`failed to set up container networking: driver failed programming external connectivity on endpoint ${container.name} (${endpoint}): Bind for ${binding.hostIp || '0.0.0.0'}:${hostPort} failed: port is already allocated`);
      }
      hostPort = String(candidate);
    } else if (taken.has(`${hostPort}/${protoOf(binding)}`)) {
      const endpoint = hexOf(digestOf(`endpoint:${container.id}`));
      throw conflict(`failed to set up container networking: driver failed programming external connectivity on endpoint ${container.name} (${endpoint}): Bind for ${binding.hostIp || '0.0.0.0'}:${hostPort} failed: port is already allocated`);
    }
    taken.add(`${hostPort}/${protoOf(binding)}`);
    for (const hostIp of binding.hostIp ? [binding.hostIp] : ['0.0.0.0', '::']) made.push({ hostIp, hostPort, containerPort: binding.containerPort });
  }
  return made;
}

function protoOf(binding: PortBinding): string {
  return binding.containerPort.split('/')[1] ?? 'tcp';
}

interface ApiPort {
  ip: string;
  privatePort: number;
  publicPort: number;
  type: string;
}

/** The ports the API lists for a container: published bindings, and exposed ports nothing is bound to. */
function apiPorts(container: Container): ApiPort[] {
  if (!isRunning(container.state)) return [];
  const published = (container.publishedPorts ?? []).map((binding) => ({ ip: binding.hostIp, privatePort: Number(binding.containerPort.split('/')[0]), publicPort: Number(binding.hostPort), type: protoOf(binding) }));
  const exposed = Object.keys(container.config.ExposedPorts ?? {})
    .filter((port) => !published.some((binding) => `${binding.privatePort}/${binding.type}` === port))
    .map((port) => ({ ip: '', privatePort: Number(port.split('/')[0]), publicPort: 0, type: port.split('/')[1] ?? 'tcp' }));
  return [...published, ...exposed];
}

/** The PORTS column: docker/cli's DisplayablePorts (consecutive ports grouped, remapped ports listed after). */
export function displayPorts(container: Container): string {
  const ports = apiPorts(container).sort((a, b) => a.privatePort - b.privatePort || a.publicPort - b.publicPort || goCompare(a.type, b.type) || goCompare(a.ip, b.ip));
  const groups = new Map<string, { first: number; last: number }[]>();
  const remapped: string[] = [];
  for (const port of ports) {
    if (port.ip !== '' && port.publicPort !== port.privatePort) {
      remapped.push(`${hostAddress(port.ip)}:${port.publicPort}->${port.privatePort}/${port.type}`);
      continue;
    }
    const key = port.ip === '' ? port.type : `${port.ip}/${port.type}`;
    const ranges = groups.get(key) ?? [];
    const last = ranges[ranges.length - 1];
    if (last && port.privatePort === last.last + 1) last.last = port.privatePort;
    else ranges.push({ first: port.privatePort, last: port.privatePort });
    groups.set(key, ranges);
  }
  const grouped = [...groups].flatMap(([key, ranges]) =>
    ranges.map(({ first, last }) => {
      const span = first === last ? String(first) : `${first}-${last}`;
      const slash = key.lastIndexOf('/');
      if (slash <= 0 || !key.slice(0, slash).includes('.') && !key.slice(0, slash).includes(':')) return `${span}/${key}`;
      return `${hostAddress(key.slice(0, slash))}:${span}->${span}/${key.slice(slash + 1)}`;
    }),
  );
  return [...grouped, ...remapped].join(', ');
}

/** Go's string comparison (bytewise), not the locale's. */
function goCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** net.JoinHostPort's brackets around an IPv6 address. */
function hostAddress(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}

/** NetworkSettings.Ports: every exposed or published port, with its host bindings (null when unbound). */
export function networkPorts(container: Container): Map<string, Array<{ HostIp: string; HostPort: string }> | null> {
  const result = new Map<string, Array<{ HostIp: string; HostPort: string }> | null>();
  for (const port of Object.keys(container.config.ExposedPorts ?? {})) result.set(port, null);
  for (const binding of container.publishedPorts ?? []) result.set(binding.containerPort, [...(result.get(binding.containerPort) ?? []), { HostIp: binding.hostIp, HostPort: binding.hostPort }]);
  return result;
}
