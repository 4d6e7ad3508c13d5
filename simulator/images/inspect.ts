import type { Engine } from '../daemon/engine';
import { overlayDir } from '../daemon/overlay';
import type { RunConfig } from '../image/config';
import { familiarString } from '../reference/reference';
import { getImage } from './get';

/** The image's Config as Engine 28.2+ reports it: the OCI image config with Docker's extensions, unset fields left out. */
function inspectConfig(config: RunConfig | undefined): Record<string, unknown> {
  const c = config ?? {};
  const fields: Record<string, unknown> = {
    User: c.User || undefined,
    ExposedPorts: c.ExposedPorts,
    Env: c.Env ?? undefined,
    Entrypoint: c.Entrypoint ?? undefined,
    Cmd: c.Cmd ?? undefined,
    Volumes: c.Volumes ?? undefined,
    WorkingDir: c.WorkingDir || undefined,
    Labels: c.Labels ?? undefined,
    StopSignal: c.StopSignal || undefined,
    ArgsEscaped: c.ArgsEscaped || undefined,
    Healthcheck: c.Healthcheck,
    OnBuild: c.OnBuild ?? undefined,
    Shell: c.Shell,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * `docker image inspect`: the daemon's ImageInspect of API 1.51 (Engine 28),
 * in its field order: IDs and references, dates, config, platform, size, the
 * overlay2 graph driver directories, the rootfs diff IDs and the last tag time.
 */
export function inspectImage(engine: Engine, name: string): Record<string, unknown> {
  const image = getImage(engine, name);
  const config = image.config;
  const references = engine.references.references(image.id);
  const stack = engine.layers.stack(engine.topLayerOf(image));
  const dirs = stack.map((layer) => overlayDir(`cache:${layer.chainId}`)).reverse();
  const [top, ...lower] = dirs;
  const data: Record<string, string> = {};
  if (lower.length > 0) data.LowerDir = lower.map((dir) => `${dir}/diff`).join(':');
  if (top) Object.assign(data, { MergedDir: `${top}/merged`, UpperDir: `${top}/diff`, WorkDir: `${top}/work` });
  return {
    Id: image.id,
    RepoTags: references.filter((ref) => ref.digest === undefined).map((ref) => familiarString(ref)),
    RepoDigests: references.filter((ref) => ref.digest !== undefined).map((ref) => familiarString(ref)),
    Parent: engine.images.parentOf(image.id) ?? '',
    Comment: config.comment ?? '',
    Created: config.created ?? '0001-01-01T00:00:00Z',
    DockerVersion: config.docker_version ?? '',
    Author: config.author ?? '',
    Config: inspectConfig(config.config),
    Architecture: config.architecture,
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os,
    ...(config['os.version'] ? { OsVersion: config['os.version'] } : {}),
    Size: engine.sizeOf(image),
    GraphDriver: { Data: data, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: config.rootfs.diff_ids },
    Metadata: { LastTagTime: engine.lastTagTime(image.id) ?? '0001-01-01T00:00:00Z' },
  };
}
