import type { Container } from '../container/container';
import { isRunning } from '../container/container';
import { invalidParameter } from '../errdefs/errors';
import type { Engine } from './engine';
import { getImage } from '../images/get';
import { matchLabels, validateFilters, type FilterArgs } from './filters';

const ACCEPTED = ['ancestor', 'before', 'expose', 'exited', 'health', 'id', 'isolation', 'is-task', 'label', 'name', 'network', 'publish', 'since', 'status', 'volume'];
const STATUSES = ['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'];

export interface ListOptions {
  all: boolean;
  /** Only the n most recently created (-n, -l); 0 or less for no limit. */
  limit: number;
  filters: FilterArgs;
}

/**
 * The daemon's container list (moby daemon/list.go): newest first; running
 * ones only unless `all`, a limit or a status filter widens it; filters on
 * id and name (regular expressions, as filters.Args.Match), status, exited
 * code, label, ancestor image, and before/since another container.
 */
export function listContainers(engine: Engine, options: ListOptions): Container[] {
  const { filters } = options;
  validateFilters(filters, ACCEPTED);
  for (const status of filters.get('status') ?? []) {
    if (!STATUSES.includes(status)) throw invalidParameter(`invalid filter 'status=${status}'`);
  }
  const exited = [...(filters.get('exited') ?? [])].map((code) => {
    const value = Number(code);
    if (!Number.isInteger(value)) throw invalidParameter(`invalid filter 'exited=${code}'`);
    return value;
  });
  let containers = engine.containers.list();
  const boundary = (name: string) => containers.findIndex((container) => container === engine.containers.get([...(filters.get(name) ?? [])][0] ?? ''));
  if (filters.has('before')) containers = containers.slice(boundary('before') + 1);
  if (filters.has('since')) containers = containers.slice(0, boundary('since'));
  const widened = options.all || options.limit > 0 || filters.has('status') || filters.has('exited');
  // An ancestor that is not a local image matches nothing (moby skips it).
  const ancestors = [...(filters.get('ancestor') ?? [])].flatMap((name) => {
    try {
      return [getImage(engine, name).id];
    } catch {
      return [];
    }
  });
  const matches = (name: string, value: string) => [...(filters.get(name) ?? [])].some((pattern) => safeRegExp(pattern).test(value));
  containers = containers.filter(
    (container) =>
      (widened || isRunning(container.state)) &&
      (!filters.has('id') || matches('id', container.id)) &&
      (!filters.has('name') || matches('name', `/${container.name}`)) &&
      (!filters.has('status') || filters.get('status')?.has(container.state.status)) &&
      (exited.length === 0 || (container.state.status === 'exited' && exited.includes(container.state.exitCode))) &&
      (!filters.has('ancestor') || ancestors.includes(container.image)) &&
      matchLabels(filters, container.config.Labels),
  );
  return options.limit > 0 ? containers.slice(0, options.limit) : containers;
}

/** filters.Args.Match compiles each value as a regular expression; a bad one matches nothing. */
function safeRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    return /(?!)/;
  }
}
