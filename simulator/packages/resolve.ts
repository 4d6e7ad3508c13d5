import type { MirrorIndex, PackageInfo } from './format';

const providerMaps = new WeakMap<MirrorIndex, Map<string, string[]>>();

/** Packages of the index that provide `name` (a virtual package, apk's `so:` and `cmd:` names), the package of that name first. */
export function providersOf(index: MirrorIndex, name: string): string[] {
  let providers = providerMaps.get(index);
  if (!providers) {
    providers = new Map();
    for (const [pkg, info] of Object.entries(index.packages)) {
      for (const provided of info.provides ?? []) providers.set(provided, [...(providers.get(provided) ?? []), pkg]);
    }
    providerMaps.set(index, providers);
  }
  return [...(Object.hasOwn(index.packages, name) ? [name] : []), ...(providers.get(name) ?? [])];
}

export function packageInfo(index: MirrorIndex, name: string): PackageInfo | undefined {
  return Object.hasOwn(index.packages, name) ? index.packages[name] : undefined;
}

export interface InstallPlan {
  /** What to install, each after what it depends on. */
  order: string[];
  /** Requested names no package of the index is or provides. */
  missing: string[];
}

/**
 * What installing `wanted` takes, as apk and apt resolve it: each dependency
 * group is satisfied by something installed or already planned, or else by
 * its first alternative the index has (by name, then by what provides it);
 * dependencies come first (depth first, in the order they are declared).
 * Recommended packages, when wanted, come after everything that depends on
 * nothing but requirements, as apt orders them.
 */
export function planInstall(index: MirrorIndex, wanted: readonly string[], installed: ReadonlySet<string>, options: { recommends?: boolean } = {}): InstallPlan {
  const order: string[] = [];
  const missing: string[] = [];
  const planned = new Set<string>();
  const provided = new Set(installed);
  const satisfied = (name: string): boolean => provided.has(name);
  const recommended: string[][] = [];
  const satisfy = (group: readonly string[]): void => {
    if (group.some(satisfied) || group.some((alternative) => planned.has(alternative))) return;
    const pick = group.map((alternative) => providersOf(index, alternative)[0]).find((found) => found !== undefined);
    if (pick !== undefined && !installed.has(pick)) visit(pick);
  };
  const visit = (name: string): void => {
    if (planned.has(name)) return;
    planned.add(name);
    const info = index.packages[name];
    if (!info) return;
    for (const group of info.depends) satisfy(group);
    if (options.recommends) recommended.push(...(info.recommends ?? []));
    order.push(name);
    provided.add(name);
    for (const name of info.provides ?? []) provided.add(name);
  };
  for (const name of wanted) {
    const pick = providersOf(index, name)[0];
    if (pick === undefined) missing.push(name);
    else if (!installed.has(pick)) visit(pick);
  }
  for (let group = recommended.shift(); group; group = recommended.shift()) satisfy(group);
  return { order, missing };
}
