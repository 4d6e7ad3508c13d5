import { commitContainer } from '../../../images/commit';
import type { RunConfig } from '../../../image/config';
import { invalidParameter } from '../../../errdefs/errors';
import { parseNormalizedNamed } from '../../../reference/reference';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';

/**
 * Applies `docker commit -c` instructions to a config. The Dockerfile
 * instructions commit accepts are CMD, ENTRYPOINT, ENV, EXPOSE, LABEL,
 * ONBUILD, USER, VOLUME and WORKDIR; the JSON (exec) and shell forms of
 * CMD/ENTRYPOINT both work.
 */
export function applyChanges(config: RunConfig, changes: readonly string[]): RunConfig {
  const result: RunConfig = { ...config };
  for (const change of changes) {
    const match = /^\s*(\w+)\s+([\s\S]*)$/.exec(change);
    const instruction = match?.[1]?.toUpperCase();
    const rest = (match?.[2] ?? '').trim();
    const words = (): string[] => {
      try {
        const parsed: unknown = JSON.parse(rest);
        if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
      } catch {
        // Not JSON: the shell form.
      }
      return ['/bin/sh', '-c', rest];
    };
    switch (instruction) {
      case 'CMD':
        result.Cmd = words();
        break;
      case 'ENTRYPOINT':
        result.Entrypoint = words();
        break;
      case 'ENV': {
        const pairs = rest.includes('=') ? [...rest.matchAll(/(\S+?)=("[^"]*"|\S*)/g)].map((m) => [m[1] ?? '', (m[2] ?? '').replace(/^"|"$/g, '')]) : [[rest.split(/\s+/)[0] ?? '', rest.split(/\s+/).slice(1).join(' ')]];
        const env = new Map((result.Env ?? []).map((entry) => [entry.split('=')[0] ?? entry, entry]));
        for (const [key = '', value = ''] of pairs) env.set(key, `${key}=${value}`);
        result.Env = [...env.values()];
        break;
      }
      case 'EXPOSE':
        result.ExposedPorts = { ...(result.ExposedPorts ?? {}), ...Object.fromEntries(rest.split(/\s+/).map((port) => [port.includes('/') ? port : `${port}/tcp`, {}])) };
        break;
      case 'LABEL':
        result.Labels = { ...(result.Labels ?? {}), ...Object.fromEntries([...rest.matchAll(/(\S+?)=("[^"]*"|\S*)/g)].map((m) => [m[1] ?? '', (m[2] ?? '').replace(/^"|"$/g, '')])) };
        break;
      case 'USER':
        result.User = rest;
        break;
      case 'WORKDIR':
        result.WorkingDir = rest;
        break;
      case 'VOLUME':
        result.Volumes = { ...(result.Volumes ?? {}), ...Object.fromEntries(words()[0] === '/bin/sh' ? rest.split(/\s+/).map((v) => [v, {}]) : words().map((v) => [v, {}])) };
        break;
      case 'ONBUILD':
        result.OnBuild = [...(result.OnBuild ?? []), rest];
        break;
      default:
        throw invalidParameter(`${instruction ?? change} is not a valid change command`);
    }
  }
  return result;
}

/** docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]] — prints the new image's ID. */
export const commitCommand: DockerCommand = {
  name: 'commit',
  use: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  short: "Create a new image from a container's changes",
  aliases: ['docker container commit', 'docker commit'],
  category: { group: 'other' },
  flags: [
    { name: 'author', shorthand: 'a', type: 'string', usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', shorthand: 'c', type: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', shorthand: 'm', type: 'string', usage: 'Commit message' },
    { name: 'pause', shorthand: 'p', type: 'bool', usage: 'Pause container during commit (default true)' },
  ],
  args: { kind: 'range', min: 1, max: 2 },
  async run(context, flags, [name = '', repository]) {
    try {
      const reference = repository === undefined ? undefined : parseNormalizedNamed(repository);
      const container = context.engine.containers.get(name);
      const image = await commitContainer(context.engine, container, {
        reference,
        author: flags.get('author') as string | undefined,
        comment: flags.get('message') as string | undefined,
        config: applyChanges(container.config, (flags.get('change') as string[] | undefined) ?? []),
      });
      await context.stdout.write(`${image.id}\n`);
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};
