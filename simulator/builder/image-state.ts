/**
 * The image a build stage is making, instruction by instruction: its run
 * configuration, its history, its layers, and the environment its RUN steps
 * and variable expansion see (BuildKit's dispatchState: image config plus
 * the LLB state's env, where ARG values live without entering the image).
 */
import type { Digest } from '../digest/digest';
import type { HistoryEntry, ImageConfig, RunConfig } from '../image/config';
import { goQuote } from './dockerfile/text';

/** The PATH BuildKit sets when the base image has none (system.DefaultPathEnv for Linux). */
export const DEFAULT_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** An ARG as declared in a stage, with its value if it has one (BuildKit's KeyValuePairOptional). */
export interface BuildArg {
  key: string;
  value: string | undefined;
}

export interface ImageState {
  architecture: string;
  os: string;
  variant?: string;
  author?: string;
  config: RunConfig;
  history: HistoryEntry[];
  diffIds: Digest[];
  /** Chain ID of the top layer; undefined for an image without layers (scratch). */
  top: Digest | undefined;
  /** What RUN and expansion see: the image's Env, then ARG values and later ENVs, in order. */
  env: Map<string, string>;
  /** Every ARG declared in the stage so far, in order (RUN's `|N K=V` prefix). */
  buildArgs: BuildArg[];
  /** Whether CMD was set in this stage: ENTRYPOINT clears an inherited CMD only. */
  cmdSet: boolean;
}

function envMap(entries: readonly string[] | null | undefined): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of entries ?? []) {
    const eq = entry.indexOf('=');
    env.set(eq < 0 ? entry : entry.slice(0, eq), eq < 0 ? '' : entry.slice(eq + 1));
  }
  return env;
}

/** FROM scratch: an empty image with BuildKit's defaults (emptyImage: WorkingDir `/`, a PATH). */
export function scratchState(): ImageState {
  return fromConfig({ architecture: 'amd64', os: 'linux', config: { Env: [DEFAULT_PATH_ENV], WorkingDir: '/' }, rootfs: { type: 'layers', diff_ids: [] }, history: [] }, undefined);
}

/** FROM an image: its config, history and layers; BuildKit always makes sure there is a PATH. */
export function fromConfig(image: ImageConfig, top: Digest | undefined): ImageState {
  const config: RunConfig = { ...(image.config ?? {}) };
  if (!(config.Env ?? []).some((entry) => entry.startsWith('PATH='))) config.Env = [...(config.Env ?? []), DEFAULT_PATH_ENV];
  return {
    architecture: image.architecture,
    os: image.os,
    ...(image.variant ? { variant: image.variant } : {}),
    ...(image.author ? { author: image.author } : {}),
    config,
    history: [...(image.history ?? [])],
    diffIds: [...image.rootfs.diff_ids],
    top,
    env: envMap(config.Env),
    buildArgs: [],
    cmdSet: false,
  };
}

/** A copy whose later changes leave the original alone (a stage built on another stage). */
export function cloneState(state: ImageState): ImageState {
  return { ...state, config: structuredClone(state.config), history: [...state.history], diffIds: [...state.diffIds], env: new Map(state.env), buildArgs: [...state.buildArgs], cmdSet: false };
}

/** Sets an environment variable in the image and in what later steps see (addEnv keeps its position). */
export function setEnv(state: ImageState, key: string, value: string): void {
  const env = [...(state.config.Env ?? [])];
  const index = env.findIndex((entry) => entry.split('=')[0] === key);
  if (index >= 0) env[index] = `${key}=${value}`;
  else env.push(`${key}=${value}`);
  state.config.Env = env;
  state.env.set(key, value);
}

/** Go's %q of a []string: `["node" "app.js"]`. */
export function goQuoteList(values: readonly string[]): string {
  return `[${values.map(goQuote).join(' ')}]`;
}

/** Go's %v of a []string: `[/data /logs]`. */
export function goList(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** The shell a shell-form instruction runs under: SHELL's, or `/bin/sh -c` (withShell). */
export function withShell(state: ImageState, command: string): string[] {
  const shell = state.config.Shell && state.config.Shell.length > 0 ? state.config.Shell : ['/bin/sh', '-c'];
  return [...shell, command];
}

/** BuildKit's runCommandString: `|2 A=1 B=2 /bin/sh -c …`, values as RUN sees them. */
export function runCommandString(state: ImageState, argv: readonly string[]): string {
  const pairs = new Map<string, string>();
  for (const arg of state.buildArgs) pairs.set(arg.key, state.env.get(arg.key) ?? arg.value ?? '');
  const prefix = pairs.size > 0 ? [`|${pairs.size}`, ...[...pairs].map(([key, value]) => `${key}=${value}`)] : [];
  return [...prefix, ...argv].join(' ');
}

/** The environment a RUN step's process gets, as `K=V` entries. */
export function runEnvironment(state: ImageState): string[] {
  return [...state.env].map(([key, value]) => `${key}=${value}`);
}
