import type { Digest } from '../digest/digest';

/** The run configuration an image carries (Docker's container.Config, as stored in image JSON). */
export interface RunConfig {
  Hostname?: string;
  Domainname?: string;
  User?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  ExposedPorts?: Record<string, Record<string, never>>;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number };
  ArgsEscaped?: boolean;
  Image?: string;
  Volumes?: Record<string, Record<string, never>> | null;
  WorkingDir?: string;
  Entrypoint?: string[] | null;
  OnBuild?: string[] | null;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  Shell?: string[];
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** An image's configuration JSON: the OCI image config with Docker's extensions. Its sha256 is the image ID. */
export interface ImageConfig {
  architecture: string;
  author?: string;
  comment?: string;
  config?: RunConfig;
  container?: string;
  container_config?: RunConfig;
  created?: string;
  docker_version?: string;
  history?: HistoryEntry[];
  os: string;
  'os.version'?: string;
  variant?: string;
  rootfs: { type: 'layers'; diff_ids: Digest[] };
}

export class InvalidImageConfigError extends Error {}

/** Parses and checks an image config: the fields the OCI spec requires, with the right shapes. */
export function parseImageConfig(text: string): ImageConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidImageConfigError(`invalid image config: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(value)) throw new InvalidImageConfigError('invalid image config: not a JSON object');
  if (typeof value.architecture !== 'string' || typeof value.os !== 'string') {
    throw new InvalidImageConfigError('invalid image config: architecture and os are required');
  }
  const rootfs = value.rootfs;
  if (!isRecord(rootfs) || rootfs.type !== 'layers' || !Array.isArray(rootfs.diff_ids) || !rootfs.diff_ids.every((id) => typeof id === 'string' && /^sha256:[a-f0-9]{64}$/.test(id))) {
    throw new InvalidImageConfigError('invalid image config: rootfs must be of type "layers" with sha256 diff_ids');
  }
  if (value.history !== undefined && !Array.isArray(value.history)) throw new InvalidImageConfigError('invalid image config: history must be a list');
  return value as unknown as ImageConfig;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
