/**
 * The instructions that change only the image's configuration (ENV, ARG,
 * LABEL, CMD, ENTRYPOINT, EXPOSE, USER, VOLUME, STOPSIGNAL, SHELL,
 * HEALTHCHECK, MAINTAINER, ONBUILD): what each does to the image, and the
 * history text each builder records for it (BuildKit's dispatchers in
 * dockerfile2llb/convert.go; the classic builder's in
 * daemon/builder/dockerfile/dispatchers.go).
 */
import { parseSignal } from '../daemon/lifecycle';
import type { RunConfig } from '../image/config';
import { argDefinitions, expandArgs, expandKeyValues, expandWord, type Env } from './dockerfile/expand';
import type { Instruction } from './dockerfile/instruction';
import { parseGoDuration } from './dockerfile/duration';
import { goQuote } from './dockerfile/text';
import { goList, goQuoteList, setEnv, withShell, type ImageState } from './image-state';
import { StepError } from './failure';

/** What a metadata instruction records: BuildKit's history text (none for ONBUILD) and the classic builder's. */
export interface MetadataHistory {
  buildkit: string | undefined;
  legacy: string;
}

export interface ArgScope {
  /** --build-arg values. */
  buildArgs: ReadonlyMap<string, string>;
  /** ARGs declared before the first FROM, with their values. */
  globalArgs: ReadonlyMap<string, string>;
  escapeToken: string;
}

/** Go's time.Duration.String for a whole number of nanoseconds: `0s`, `30s`, `5m0s`, `1.5s`, `100ms`. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  let rest = Math.abs(ns);
  if (rest < 1e9) {
    const [unit, size] = rest < 1e3 ? ['ns', 1] : rest < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    return `${sign}${trimFraction(rest / size)}${unit}`;
  }
  const hours = Math.floor(rest / 3.6e12);
  rest -= hours * 3.6e12;
  const minutes = Math.floor(rest / 6e10);
  rest -= minutes * 6e10;
  const seconds = `${trimFraction(rest / 1e9)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${sign}${minutes}m${seconds}`;
  return `${sign}${seconds}`;
}

function trimFraction(value: number): string {
  return String(Number(value.toFixed(9)));
}

/** nat.ParsePortSpecs for EXPOSE: `80`, `80/udp`, `8000-8002` → `80/tcp`… */
function exposedPorts(specs: readonly string[]): string[] {
  const ports: string[] = [];
  for (const spec of specs) {
    const match = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec);
    if (!match) throw new StepError(`invalid containerPort: ${spec.split('/')[0] ?? spec}`);
    const start = Number(match[1]);
    const end = match[2] === undefined ? start : Number(match[2]);
    if (end < start) throw new StepError(`invalid range specified for container port: ${spec.split('/')[0] ?? spec}`);
    for (let port = start; port <= end; port++) ports.push(`${port}/${(match[3] ?? 'tcp').toLowerCase()}`);
  }
  return ports;
}

/** Go's %q of an int (a rune literal), as `HEALTHCHECK %q` prints Retries: `'\x03'`. */
function goRune(value: number): string {
  if (value >= 0x20 && value < 0x7f && value !== 0x27 && value !== 0x5c) return `'${String.fromCharCode(value)}'`;
  return `'\\x${value.toString(16).padStart(2, '0')}'`;
}

function healthcheck(instruction: Instruction): NonNullable<RunConfig['Healthcheck']> {
  const [type = ''] = instruction.args;
  if (type.toUpperCase() === 'NONE') return { Test: ['NONE'] };
  const test = instruction.json ? ['CMD', ...(instruction.jsonArgs ?? [])] : ['CMD-SHELL', instruction.args.slice(1).join(' ')];
  const duration = (name: string): number => {
    const value = instruction.flags.find((f) => f.name === name)?.value;
    return value ? parseGoDuration(value) : 0;
  };
  const retries = Number(instruction.flags.find((f) => f.name === 'retries')?.value ?? '0');
  return { Test: test, Interval: duration('interval'), Timeout: duration('timeout'), StartPeriod: duration('start-period'), StartInterval: duration('start-interval'), Retries: retries };
}

/** `HEALTHCHECK %q` of *HealthcheckConfig: `&{["CMD-SHELL" "curl …"] "5m0s" "3s" "0s" "0s" '\x03'}`. */
function healthcheckText(check: NonNullable<RunConfig['Healthcheck']>): string {
  const durations = [check.Interval, check.Timeout, check.StartPeriod, check.StartInterval].map((ns) => goQuote(goDuration(ns ?? 0)));
  return `&{${goQuoteList(check.Test ?? [])} ${durations.join(' ')} ${goRune(check.Retries ?? 0)}}`;
}

/** CMD and ENTRYPOINT's command line: the exec form's words, or the shell form under the stage's shell. */
function commandLine(state: ImageState, instruction: Instruction): string[] {
  return instruction.json ? [...(instruction.jsonArgs ?? [])] : withShell(state, instruction.args.join(' '));
}

/** ARG: values from --build-arg, else the default (expanded), else the global ARG of that name. */
function declareArgs(state: ImageState, instruction: Instruction, scope: ArgScope): string {
  const texts: string[] = [];
  for (const definition of argDefinitions(instruction)) {
    let value: string | undefined;
    if (scope.buildArgs.has(definition.name)) value = scope.buildArgs.get(definition.name);
    else if (definition.defaultValue !== undefined) value = expandWord(definition.defaultValue, state.env, scope.escapeToken);
    else if (scope.globalArgs.has(definition.name)) value = scope.globalArgs.get(definition.name);
    if (value !== undefined) state.env.set(definition.name, value);
    state.buildArgs.push({ key: definition.name, value });
    texts.push(value === undefined ? definition.name : `${definition.name}=${value}`);
  }
  return texts.join(' ');
}

/**
 * Applies a metadata instruction to the stage's image; returns its history
 * texts. Throws an Error with BuildKit's message for a bad value (a signal,
 * a port).
 */
export function applyMetadata(state: ImageState, instruction: Instruction, scope: ArgScope): MetadataHistory {
  const env: Env = state.env;
  const same = (text: string): MetadataHistory => ({ buildkit: text, legacy: text });
  switch (instruction.keyword) {
    case 'ENV': {
      const pairs = expandKeyValues(instruction, env, scope.escapeToken);
      for (const { key, value } of pairs) setEnv(state, key, value);
      return same(`ENV ${pairs.map(({ key, value }) => `${key}=${value}`).join(' ')}`);
    }
    case 'LABEL': {
      const pairs = expandKeyValues(instruction, env, scope.escapeToken);
      state.config.Labels = { ...(state.config.Labels ?? {}) };
      for (const { key, value } of pairs) state.config.Labels[key] = value;
      return same(`LABEL ${pairs.map(({ key, value }) => `${key}=${value}`).join(' ')}`);
    }
    case 'ARG':
      return same(`ARG ${declareArgs(state, instruction, scope)}`);
    case 'MAINTAINER': {
      state.author = instruction.args.join(' ');
      return same(`MAINTAINER ${state.author}`);
    }
    case 'CMD': {
      state.config.Cmd = commandLine(state, instruction);
      state.config.ArgsEscaped = true;
      state.cmdSet = true;
      return same(`CMD ${goQuoteList(state.config.Cmd)}`);
    }
    case 'ENTRYPOINT': {
      state.config.Entrypoint = commandLine(state, instruction);
      if (!state.cmdSet) delete state.config.Cmd;
      return same(`ENTRYPOINT ${goQuoteList(state.config.Entrypoint)}`);
    }
    case 'EXPOSE': {
      const specs = expandArgs(instruction, env, scope.escapeToken);
      const ports = exposedPorts(specs);
      state.config.ExposedPorts = { ...(state.config.ExposedPorts ?? {}) };
      for (const port of ports) state.config.ExposedPorts[port] = {};
      const sorted = [...new Set(ports)].sort();
      return { buildkit: `EXPOSE map[${sorted.map((port) => `${port}:{}`).join(' ')}]`, legacy: `EXPOSE ${specs.join(' ')}` };
    }
    case 'USER': {
      state.config.User = expandArgs(instruction, env, scope.escapeToken)[0] ?? '';
      return same(`USER ${state.config.User}`);
    }
    case 'VOLUME': {
      const volumes = expandArgs(instruction, env, scope.escapeToken);
      state.config.Volumes = { ...(state.config.Volumes ?? {}) };
      for (const volume of volumes) state.config.Volumes[volume] = {};
      return same(`VOLUME ${goList(volumes)}`);
    }
    case 'STOPSIGNAL': {
      const signal = expandArgs(instruction, env, scope.escapeToken)[0] ?? '';
      parseSignal(signal);
      state.config.StopSignal = signal;
      return same(`STOPSIGNAL ${signal}`);
    }
    case 'SHELL': {
      state.config.Shell = [...(instruction.jsonArgs ?? [])];
      return same(`SHELL ${goList(state.config.Shell)}`);
    }
    case 'HEALTHCHECK': {
      state.config.Healthcheck = healthcheck(instruction);
      return same(`HEALTHCHECK ${healthcheckText(state.config.Healthcheck)}`);
    }
    case 'ONBUILD': {
      const expression = instruction.original.replace(/^\s*\S+\s+/, '');
      state.config.OnBuild = [...(state.config.OnBuild ?? []), expression];
      return { buildkit: undefined, legacy: `ONBUILD ${expression}` };
    }
    default:
      throw new Error(`${instruction.keyword} is not a metadata instruction`);
  }
}

/** The global ARGs (before the first FROM): --build-arg values, else their defaults. */
export function globalArgValues(instructions: readonly Instruction[], buildArgs: ReadonlyMap<string, string>, escapeToken: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const instruction of instructions) {
    for (const word of instruction.args) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word : word.slice(0, eq);
      if (buildArgs.has(name)) args.set(name, buildArgs.get(name) as string);
      else if (eq >= 0) args.set(name, expandWord(word.slice(eq + 1), args, escapeToken));
    }
  }
  return args;
}
