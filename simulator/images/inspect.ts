import { goJson, goNil, MARSHAL_JSON } from '../cli/format/template';
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

/** Gives `value` encoding/json's output for `raw` (its Go type's MarshalJSON: embedded structs flattened, omitempty applied). */
function marshalsAs<T extends object>(value: T, raw: unknown): T {
  Object.defineProperty(value, MARSHAL_JSON, { value: (escapeHTML: boolean) => goJson(raw, {}, { escapeHTML }) });
  return value;
}

/** A time.Time as the client decodes it from RFC 3339 (UTC): String() is Go's `2006-01-02 15:04:05.999999999 -0700 MST`. */
class GoTime {
  readonly #rfc3339: string;

  constructor(rfc3339: string) {
    this.#rfc3339 = rfc3339;
    marshalsAs(this, rfc3339);
  }

  String(): string {
    return `${this.#rfc3339.replace('T', ' ').replace(/Z$/, '')} +0000 UTC`;
  }
}

function stringSlice(value: unknown): string[] {
  return Array.isArray(value) ? [...(value as string[])] : goNil([]);
}

function stringMap<V>(value: unknown, entry: (item: unknown) => V): Map<string, V> {
  if (typeof value !== 'object' || value === null) return goNil(new Map<string, V>());
  return new Map(Object.entries(value).map(([key, item]) => [key, entry(item)]));
}

/**
 * The image's Config as docker/cli decodes it: a *dockerspec.DockerOCIImageConfig,
 * the OCI ImageConfig and Docker's extensions embedded in it (moby/docker-image-spec
 * specs-go/v1/image.go). Their fields are promoted (`.Config.User`), both
 * embedded structs print in turn (`{{…} {…}}`), and an unset field is its
 * zero value (`map[]`, `[]`, `<nil>`), not a missing key.
 * Approximation: a set Healthcheck (a pointer inside the struct) prints its
 * fields, where Go prints its address when the whole Config is printed.
 */
function typedConfig(raw: Record<string, unknown>): object {
  const imageConfig = {
    User: (raw.User as string | undefined) ?? '',
    ExposedPorts: stringMap(raw.ExposedPorts, () => ({})),
    Env: stringSlice(raw.Env),
    Entrypoint: stringSlice(raw.Entrypoint),
    Cmd: stringSlice(raw.Cmd),
    Volumes: stringMap(raw.Volumes, () => ({})),
    WorkingDir: (raw.WorkingDir as string | undefined) ?? '',
    Labels: stringMap(raw.Labels, (item) => String(item)),
    StopSignal: (raw.StopSignal as string | undefined) ?? '',
    ArgsEscaped: raw.ArgsEscaped === true,
  };
  const extension = {
    Healthcheck: raw.Healthcheck ?? null,
    OnBuild: stringSlice(raw.OnBuild),
    Shell: stringSlice(raw.Shell),
  };
  const config = marshalsAs({ ImageConfig: imageConfig, DockerOCIImageConfigExt: extension }, raw);
  for (const [name, value] of [...Object.entries(imageConfig), ...Object.entries(extension)]) {
    Object.defineProperty(config, name, { value, enumerable: false });
  }
  return config;
}

/**
 * `docker image inspect` and `docker inspect` of an image, as docker/cli's
 * templates first see it: the API's image.InspectResponse (Engine 28,
 * `api/types/image/image_inspect.go`) decoded from the daemon's JSON, so maps
 * print as `map[80/tcp:{}]`, structs as `{layers [sha256:…]}` and unset
 * fields as their zero values. Only when the template fails on it does
 * docker/cli run it again on the raw JSON (cli/command/inspect/inspector.go,
 * tryRawInspectFallback), where an unknown field is `map has no entry for key`.
 * The deprecated fields the daemon no longer sends (Container,
 * ContainerConfig, VirtualSize) are left out.
 */
export function typedImageInspect(raw: Record<string, unknown>): object {
  const graphDriver = raw.GraphDriver as { Data?: Record<string, string>; Name?: string } | undefined;
  const rootFs = raw.RootFS as { Type?: string; Layers?: string[] } | undefined;
  const metadata = raw.Metadata as { LastTagTime?: string } | undefined;
  return marshalsAs(
    {
      Id: raw.Id,
      RepoTags: stringSlice(raw.RepoTags),
      RepoDigests: stringSlice(raw.RepoDigests),
      Parent: raw.Parent ?? '',
      Comment: raw.Comment ?? '',
      Created: raw.Created ?? '',
      DockerVersion: raw.DockerVersion ?? '',
      Author: raw.Author ?? '',
      Config: typedConfig((raw.Config as Record<string, unknown> | undefined) ?? {}),
      Architecture: raw.Architecture ?? '',
      Variant: raw.Variant ?? '',
      Os: raw.Os ?? '',
      OsVersion: raw.OsVersion ?? '',
      Size: raw.Size ?? 0,
      GraphDriver: { Data: stringMap(graphDriver?.Data, (item) => String(item)), Name: graphDriver?.Name ?? '' },
      RootFS: { Type: rootFs?.Type ?? '', Layers: stringSlice(rootFs?.Layers) },
      Metadata: { LastTagTime: new GoTime(metadata?.LastTagTime ?? '0001-01-01T00:00:00Z') },
    },
    raw,
  );
}
