/**
 * The image config BuildKit's exporter writes: the Dockerfile frontend's
 * image (dockerspec.DockerOCIImage, so only OCI fields and Docker's
 * Healthcheck/OnBuild/Shell survive from the base) re-marshalled as a Go
 * map, hence top-level keys in alphabetical order, `created` being the last
 * history entry's time (exporter/containerimage patchImageConfig).
 */
import type { RunConfig } from '../image/config';
import type { ImageState } from './image-state';

/** The config fields in the order Go marshals DockerOCIImageConfig, empty ones left out. */
function ociConfig(config: RunConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (key: keyof RunConfig, present: boolean): void => {
    if (present) out[key] = config[key];
  };
  const nonEmpty = (value: object | null | undefined): boolean => value !== null && value !== undefined && Object.keys(value).length > 0;
  put('User', Boolean(config.User));
  put('ExposedPorts', nonEmpty(config.ExposedPorts));
  put('Env', nonEmpty(config.Env));
  put('Entrypoint', nonEmpty(config.Entrypoint));
  put('Cmd', nonEmpty(config.Cmd));
  put('Volumes', nonEmpty(config.Volumes));
  put('WorkingDir', Boolean(config.WorkingDir));
  put('Labels', nonEmpty(config.Labels));
  put('StopSignal', Boolean(config.StopSignal));
  put('ArgsEscaped', config.ArgsEscaped === true);
  if (config.Healthcheck) {
    const check: Record<string, unknown> = {};
    for (const key of ['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) {
      const value = config.Healthcheck[key];
      if (value !== undefined && value !== 0 && !(Array.isArray(value) && value.length === 0)) check[key] = value;
    }
    out.Healthcheck = check;
  }
  put('OnBuild', nonEmpty(config.OnBuild));
  put('Shell', nonEmpty(config.Shell));
  return out;
}

export function imageConfigText(state: ImageState, created: string | undefined): string {
  const image: Record<string, unknown> = {
    architecture: state.architecture,
    ...(state.author ? { author: state.author } : {}),
    config: ociConfig(state.config),
    ...(created ? { created } : {}),
    history: state.history.map((entry) => ({
      ...(entry.created ? { created: entry.created } : {}),
      ...(entry.created_by ? { created_by: entry.created_by } : {}),
      ...(entry.author ? { author: entry.author } : {}),
      ...(entry.comment ? { comment: entry.comment } : {}),
      ...(entry.empty_layer ? { empty_layer: true } : {}),
    })),
    os: state.os,
    rootfs: { type: 'layers', diff_ids: state.diffIds },
    ...(state.variant ? { variant: state.variant } : {}),
  };
  return JSON.stringify(image);
}
