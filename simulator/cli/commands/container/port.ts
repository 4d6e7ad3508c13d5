import { isRunning } from '../../../container/container';
import { EngineError } from '../../../errdefs/errors';
import type { DockerCommand } from '../../command';

/** Go's net.JoinHostPort: IPv6 addresses in brackets. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** sortorder.NaturalLess: runs of digits compare as numbers, the rest byte by byte. */
function naturalLess(a: string, b: string): number {
  const chunks = (text: string): string[] => text.match(/\d+|\D+/g) ?? [];
  const [left, right] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const [x, y] = [left[i]!, right[i]!];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * docker port CONTAINER [PRIVATE_PORT[/PROTO]] (docker/cli's runPort): the
 * published ports of a running container as `80/tcp -> 0.0.0.0:8080`, or the
 * host addresses of one private port; naturally sorted.
 */
export const portCommand: DockerCommand = {
  name: 'port',
  use: 'CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  aliases: ['docker container port', 'docker port'],
  category: { group: 'other' },
  flags: [],
  args: { kind: 'range', min: 1, max: 2 },
  async run(context, _flags, [name = '', wanted]) {
    let container;
    try {
      container = context.engine.containers.get(name);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      await context.stderr.write(`Error response from daemon: ${error.message}\n`);
      return 1;
    }
    // NetworkSettings.Ports: only a running container has its ports bound.
    const bindings = isRunning(container.state) ? container.publishedPorts ?? [] : [];
    let lines: string[];
    if (wanted !== undefined) {
      const [port = '', proto = 'tcp'] = wanted.split('/');
      if (!/^\d+$/.test(port) || Number(port) > 65535) {
        await context.stderr.write(`Error: invalid port (${port}): strconv.ParseUint: parsing ${JSON.stringify(port)}: ${/^\d+$/.test(port) ? 'value out of range' : 'invalid syntax'}\n`);
        return 1;
      }
      lines = bindings.filter((binding) => binding.containerPort === `${port}/${proto || 'tcp'}`).map((binding) => joinHostPort(binding.hostIp, binding.hostPort));
      if (lines.length === 0) {
        await context.stderr.write(`Error: No public port '${wanted}' published for ${name}\n`);
        return 1;
      }
    } else {
      lines = bindings.map((binding) => `${binding.containerPort} -> ${joinHostPort(binding.hostIp, binding.hostPort)}`);
    }
    if (lines.length > 0) await context.stdout.write(`${lines.sort(naturalLess).join('\n')}\n`);
    return 0;
  },
};
