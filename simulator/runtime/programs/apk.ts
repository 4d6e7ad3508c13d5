import type { Command, CommandContext } from '../../shell/command';
import { DOWNLOAD_BYTES_PER_MS } from '../../distribution/pull';
import type { IndexFile, MirrorIndex, PackageInfo } from '../../packages/format';
import { MirrorUnavailable } from '../../packages/mirrors';
import { PackageFiles } from '../../packages/machine';
import { globMatches } from '../../packages/glob';
import { planInstall } from '../../packages/resolve';
import { removePaths, unpackEntries } from '../../packages/unpack';
import { INSTALLED, installedRecord, parseInstalled, q1, serializeInstalled, TRIGGERS, withoutConstraint, WORLD, type ApkRecord } from '../../packages/apk-database';
import { accountOfProcess } from './identity';
import { notSimulated } from './not-simulated';

/**
 * apk-tools 2.14 as Alpine 3.20 ships it: add, del, update, info, search,
 * against the repositories in /etc/apk/repositories, keeping its database
 * (/lib/apk/db/installed), its world and its index cache in the container's
 * files, so `docker commit` keeps what was installed.
 */
const VERSION = 'apk-tools 2.14.4, compiled for x86_64.';

const USAGE = `${VERSION}

usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]

Package installation and removal:
  add        Add packages to WORLD and commit changes
  del        Remove packages from WORLD and commit changes

System maintenance:
  fix        Fix, reinstall or upgrade packages without modifying WORLD
  update     Update repository indexes
  upgrade    Install upgrades available from repositories
  cache      Manage the local package cache

Querying package information:
  info       Give detailed information about packages or repositories
  list       List packages matching a pattern or other criteria
  dot        Render dependencies as graphviz graphs
  policy     Show repository policy for packages
  search     Search for packages by name or description

Repository maintenance:
  index      Create repository index file from packages
  fetch      Download packages from repositories to a local directory
  manifest   Show checksums of package contents
  verify     Verify package integrity and signature

Miscellaneous:
  audit      Audit system for changes
  stats      Show statistics about repositories and installations
  version    Compare package versions or perform tests on version strings

This apk has coffee making abilities.
`;

const REPOSITORY = /^(https?:\/\/\S+?)\/alpine\/(v\d+\.\d+|edge)\/(\w+)\/?$/;

interface Repository {
  url: string;
  mirror: string;
  name: string;
}

interface Options {
  noCache: boolean;
  update: boolean;
  quiet: boolean;
  virtual?: string;
}

interface Run {
  context: CommandContext;
  files: PackageFiles;
  options: Options;
  out(line: string): Promise<void>;
  err(line: string): Promise<void>;
}

function repositoriesOf(files: PackageFiles): Repository[] {
  const repositories: Repository[] = [];
  for (const raw of (files.read('/etc/apk/repositories') ?? '').split('\n')) {
    const line = raw.trim().replace(/^@\S+\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const match = REPOSITORY.exec(line);
    repositories.push({ url: line.replace(/\/$/, ''), mirror: match ? `alpine-${match[2]}` : '', name: match?.[3] ?? '' });
  }
  return repositories;
}

function indexFileOf(index: MirrorIndex, repository: Repository): IndexFile | undefined {
  return index.indexFiles.find((file) => file.name.includes(`/${repository.name}/`));
}

/** The packages the repositories offer (fetching their indexes when they are not cached, or when asked to); warnings for those that cannot be reached. */
async function openRepositories(run: Run, forceFetch: boolean): Promise<{ index: MirrorIndex | undefined; mirror: string; available: Set<string>; repositories: Array<{ repository: Repository; file: IndexFile }> }> {
  const { context, files, options } = run;
  let merged: MirrorIndex | undefined;
  let mirror = '';
  const available = new Set<string>();
  const opened: Array<{ repository: Repository; file: IndexFile }> = [];
  for (const repository of repositoriesOf(files)) {
    let index: MirrorIndex | undefined;
    let failure = 'No such file or directory';
    try {
      if (!context.engine.mirrors) throw new MirrorUnavailable(repository.mirror);
      if (repository.mirror) index = await context.engine.mirrors.index(repository.mirror);
    } catch (error) {
      if (!(error instanceof MirrorUnavailable)) throw error;
      failure = context.engine.mirrors ? failure : 'temporary error (try again later)';
    }
    const file = index ? indexFileOf(index, repository) : undefined;
    const cached = file !== undefined && files.exists(file.path) && !options.noCache;
    if (!cached || forceFetch) {
      if (!options.quiet) await run.out(`fetch ${repository.url}/x86_64/APKINDEX.tar.gz`);
      if (!index || !file) {
        await run.err(`WARNING: Ignoring ${repository.url}: ${failure}`);
        continue;
      }
      await context.clock.sleep(50 + file.size / DOWNLOAD_BYTES_PER_MS, context.signal);
      if (!options.noCache) files.writeSized(file.path, file.storedSize, `apk-index:${file.name}`);
    }
    if (!index || !file) continue;
    merged = index;
    mirror = repository.mirror;
    opened.push({ repository, file });
    for (const [name, info] of Object.entries(index.packages)) if (info.origin === repository.name) available.add(name);
  }
  return { index: merged, mirror, available, repositories: opened };
}

/** Only what the opened repositories offer. */
function restrict(index: MirrorIndex, available: ReadonlySet<string>): MirrorIndex {
  return { ...index, packages: Object.fromEntries(Object.entries(index.packages).filter(([name]) => available.has(name))) };
}

function readWorld(files: PackageFiles): string[] {
  return (files.read(WORLD) ?? '').split(/\s+/).filter(Boolean);
}

function writeWorld(files: PackageFiles, world: readonly string[]): void {
  files.write(WORLD, `${[...new Set(world)].sort().join('\n')}\n`);
}

function installedSet(records: readonly ApkRecord[]): Set<string> {
  return new Set(records.flatMap((record) => [record.name, ...record.provides]));
}

async function summary(run: Run, records: readonly ApkRecord[]): Promise<void> {
  const bytes = records.reduce((sum, record) => sum + record.installedSize, 0);
  if (!run.options.quiet) await run.out(`OK: ${Math.floor(bytes / (1024 * 1024))} MiB in ${records.length} packages`);
}

/** Triggers of installed packages that watch a directory the change touched: apk runs each once, after the changes. */
async function runTriggers(run: Run, index: MirrorIndex | undefined, records: readonly ApkRecord[], touched: ReadonlySet<string>): Promise<void> {
  const lines: string[] = [];
  for (const record of records) {
    const watched = index?.packages[record.name]?.triggers ?? [];
    const fires = watched.some((pattern) => [...touched].some((directory) => globMatches(pattern, directory)));
    if (fires) {
      lines.push(`${q1(`${record.name}-${record.version}.trigger`)} ${watched.join(' ')}`);
      if (!run.options.quiet) await run.out(`Executing ${record.name}-${record.version}.trigger`);
    }
  }
  if (lines.length > 0) run.files.write(TRIGGERS, `${lines.join('\n')}\n`);
}

function directoriesOf(paths: readonly string[]): Set<string> {
  return new Set(paths.map((path) => path.slice(0, path.lastIndexOf('/')) || '/'));
}

/** Compares apk versions segment by segment (numbers as numbers): enough for one mirror's versions against a learner's pin. */
function compareVersions(a: string, b: string): number {
  const parts = (version: string): string[] => version.match(/\d+|[a-z_]+/gi) ?? [];
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? '', y[i] ?? ''];
    if (p === q) continue;
    if (/^\d+$/.test(p) && /^\d+$/.test(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return 0;
}

/** Whether the mirror's version of a package satisfies a world entry's constraint (`curl=8.10.1-r0`, `curl<9`, `curl~8.10`). */
function satisfiesConstraint(entry: string, version: string | undefined): boolean {
  const match = /^[^=<>~]+(>=|<=|=|<|>|~)(.+)$/.exec(entry);
  if (!match || version === undefined) return true;
  const [, operator, wanted = ''] = match;
  const order = compareVersions(version, wanted);
  switch (operator) {
    case '=':
      return order === 0;
    case '~':
      return version === wanted || version.startsWith(`${wanted}.`) || version.startsWith(`${wanted}-`);
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

/** apk names each package script as it runs it, indented under its package's line. */
async function announceScripts(run: Run, name: string, info: PackageInfo, phases: readonly string[]): Promise<void> {
  if (run.options.quiet) return;
  for (const phase of phases) if (info.scripts?.includes(phase)) await run.out(`  Executing ${name}-${info.version}.${phase}`);
}

/** Packages whose install_if condition the planned installation fulfils (git-init-template once git is there), with what they need. */
function withInstallIf(index: MirrorIndex, order: readonly string[], installed: ReadonlySet<string>): string[] {
  const all = [...order];
  for (let added = true; added; ) {
    added = false;
    const present = new Set([...installed, ...all]);
    for (const [name, info] of Object.entries(index.packages)) {
      if (present.has(name) || !info.installIf?.every((condition) => present.has(condition))) continue;
      all.push(...planInstall(index, [name], new Set([...installed, ...all])).order);
      added = true;
    }
  }
  return all;
}

async function unableToSelect(run: Run, missing: readonly string[]): Promise<number> {
  await run.err('ERROR: unable to select packages:');
  for (const name of missing) await run.err(`  ${name} (no such package):\n    required by: world[${name}]`);
  return 1;
}

function virtualRecord(name: string, version: string, depends: readonly string[]): ApkRecord {
  const head = [`P:${name}`, `V:${version}`, 'A:noarch', 'S:0', 'I:0', 'T:virtual meta package', 'U:', 'L:', `D:${depends.join(' ')}`].join('\n');
  return { name, version, installedSize: 0, depends: [...depends], provides: [], paths: [], text: `${head}\n` };
}

/** `20261201.120000`: apk's version for a --virtual package is the time it was made. */
function virtualVersion(now: number): string {
  const iso = new Date(now).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}.${iso.slice(11, 19).replace(/:/g, '')}`;
}

async function add(run: Run, names: readonly string[]): Promise<number> {
  const { context, files, options } = run;
  if (names.length === 0 && !options.virtual) {
    await run.err('ERROR: No packages specified'); // apk refuses an empty add
    return 1;
  }
  const { index, mirror, available } = await openRepositories(run, options.update || options.noCache);
  let records = parseInstalled(files.read(INSTALLED) ?? '');
  const wanted = names.map(withoutConstraint);
  const offered = index ? restrict(index, available) : undefined;
  const installed = installedSet(records);
  const plan = offered ? planInstall(offered, wanted.filter((name) => !installed.has(name)), installed) : { order: [], missing: wanted.filter((name) => !installed.has(name)) };
  if (plan.missing.length > 0) return unableToSelect(run, plan.missing);
  const broken = offered ? names.filter((name) => !satisfiesConstraint(name, offered.packages[withoutConstraint(name)]?.version)) : [];
  if (broken.length > 0) {
    await run.err('ERROR: unable to select packages:');
    for (const name of broken) await run.err(`  ${withoutConstraint(name)}-${offered?.packages[withoutConstraint(name)]?.version}:\n    breaks: world[${name}]`);
    return 1;
  }
  const order = offered ? withInstallIf(offered, plan.order, installed) : plan.order;
  const total = order.length + (options.virtual ? 1 : 0);
  const touched = new Set<string>();
  for (const [position, name] of order.entries()) {
    const info = offered?.packages[name] as PackageInfo;
    if (!options.quiet) await run.out(`(${position + 1}/${total}) Installing ${name} (${info.version})`);
    await announceScripts(run, name, info, ['pre-install', 'post-install']);
    let contents;
    try {
      contents = await context.engine.mirrors!.contents(mirror, info);
    } catch (error) {
      if (!(error instanceof MirrorUnavailable)) throw error;
      // What was installed before stays installed; apk counts the failure in its summary.
      await run.err(`ERROR: ${name}-${info.version}: temporary error (try again later)`);
      const bytes = records.reduce((sum, record) => sum + record.installedSize, 0);
      await run.err(`1 error; ${Math.floor(bytes / (1024 * 1024))} MiB in ${records.length} packages`);
      return 1;
    }
    await context.clock.sleep(20 + info.size / DOWNLOAD_BYTES_PER_MS, context.signal);
    const paths = unpackEntries(files, contents.key, contents.entries);
    if (contents.configured) unpackEntries(files, contents.key, contents.configured);
    for (const message of contents.messages ?? []) await run.out(message);
    for (const directory of directoriesOf(paths)) touched.add(directory);
    records = [...records, installedRecord(contents.record, contents.key, contents.entries)];
    files.write(INSTALLED, serializeInstalled(records));
  }
  if (options.virtual) {
    const version = virtualVersion(context.clock.now());
    if (!options.quiet) await run.out(`(${total}/${total}) Installing ${options.virtual} (${version})`);
    records = [...records.filter((record) => record.name !== options.virtual), virtualRecord(options.virtual, version, wanted)];
    files.write(INSTALLED, serializeInstalled(records));
  }
  writeWorld(files, options.virtual ? [...readWorld(files), options.virtual] : [...readWorld(files), ...names]);
  await runTriggers(run, index, records, touched);
  await summary(run, records);
  return 0;
}

async function del(run: Run, names: readonly string[]): Promise<number> {
  const { files, context } = run;
  let records = parseInstalled(files.read(INSTALLED) ?? '');
  const byName = new Map(records.map((record) => [record.name, record]));
  const world = readWorld(files);
  const removing = new Set(names.map(withoutConstraint));
  const remaining = world.filter((entry) => !removing.has(withoutConstraint(entry)));
  // What the remaining world still needs, over the installed packages' own dependencies.
  const providers = new Map<string, string>();
  for (const record of records) for (const name of [record.name, ...record.provides]) if (!providers.has(name)) providers.set(name, record.name);
  const closure = (roots: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const queue = roots.map((root) => providers.get(withoutConstraint(root))).filter((name): name is string => name !== undefined);
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const dependency of byName.get(name)?.depends ?? []) {
        const provider = providers.get(dependency);
        if (provider) queue.push(provider);
      }
    }
    return seen;
  };
  const kept = closure(remaining);
  const candidates = closure([...removing]);
  // A package taken out of world that others still need stays, and apk says which need it.
  const held = [...removing].map((name) => providers.get(name)).filter((name): name is string => name !== undefined && kept.has(name));
  if (held.length > 0) {
    await run.out('World updated, but the following packages are not removed due to:');
    for (const name of held) {
      const record = byName.get(name)!;
      const names = new Set([record.name, ...record.provides]);
      const dependents = records.filter((other) => kept.has(other.name) && other.depends.some((dependency) => names.has(dependency))).map((other) => other.name);
      await run.out(`  ${name}: ${dependents.join(' ')}`);
    }
    await run.out('');
  }
  // Dependents before what they depend on: the reverse of the order they were installed in.
  const purge = records.filter((record) => candidates.has(record.name) && !kept.has(record.name)).reverse();
  const touched = new Set<string>();
  const index = await cachedIndex(run);
  for (const [position, record] of purge.entries()) {
    if (!run.options.quiet) await run.out(`(${position + 1}/${purge.length}) Purging ${record.name} (${record.version})`);
    const known = index?.packages[record.name];
    if (known?.version === record.version) await announceScripts(run, record.name, known, ['pre-deinstall', 'post-deinstall']);
    removePaths(files, record.paths, context.clock.now());
    for (const directory of directoriesOf(record.paths.filter((path) => !record.paths.some((other) => other.startsWith(`${path}/`))))) touched.add(directory);
    records = records.filter((other) => other !== record);
  }
  if (purge.length > 0) files.write(INSTALLED, serializeInstalled(records));
  writeWorld(files, remaining);
  await runTriggers(run, index, records, touched);
  await summary(run, records);
  return 0;
}

/** The index apk has cached, without fetching: for del's triggers, info and search. */
async function cachedIndex(run: Run): Promise<MirrorIndex | undefined> {
  for (const repository of repositoriesOf(run.files)) {
    if (!repository.mirror || !run.context.engine.mirrors) continue;
    try {
      return await run.context.engine.mirrors.index(repository.mirror);
    } catch (error) {
      if (!(error instanceof MirrorUnavailable)) throw error;
    }
  }
  return undefined;
}

async function update(run: Run): Promise<number> {
  const { repositories } = await openRepositories(run, true);
  let count = 0;
  for (const { repository, file } of repositories) {
    if (!run.options.quiet) await run.out(file.description ?? `[${repository.url}]`);
    count += file.count ?? 0;
  }
  if (repositories.length < repositoriesOf(run.files).length) {
    await run.err(`${repositoriesOf(run.files).length - repositories.length} unavailable, 0 stale; ${count} distinct packages available`);
    return 1;
  }
  if (!run.options.quiet) await run.out(`OK: ${count} distinct packages available`);
  return 0;
}

/** apk_get_human_size: divide by 1024 while it is 10000 or more. */
function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = bytes;
  let unit = 0;
  while (size >= 10000 && unit < units.length - 1) {
    size = Math.floor(size / 1024);
    unit++;
  }
  return `${size} ${units[unit]}`;
}

async function info(run: Run, args: readonly string[]): Promise<number> {
  const records = parseInstalled(run.files.read(INSTALLED) ?? '');
  const flags = args.filter((arg) => arg.startsWith('-'));
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0) {
    for (const record of records) await run.out(record.name);
    return 0;
  }
  const exists = flags.includes('-e') || flags.includes('--installed');
  const contents = flags.includes('-L') || flags.includes('--contents');
  let status = 0;
  const index = await cachedIndex(run);
  for (const name of names) {
    const record = records.find((candidate) => candidate.name === name);
    if (exists) {
      if (record) await run.out(name);
      else status = 1;
      continue;
    }
    if (contents) {
      if (!record) continue;
      await run.out(`${record.name}-${record.version} contains:`);
      for (const path of record.paths.filter((path) => !record.paths.some((other) => other.startsWith(`${path}/`)))) await run.out(path.slice(1));
      await run.out('');
      continue;
    }
    const known = record ? undefined : index?.packages[name];
    const version = record?.version ?? known?.version;
    if (!version) continue;
    const field = (letter: string): string => record?.text.split('\n').find((line) => line.startsWith(`${letter}:`))?.slice(2) ?? '';
    const id = `${name}-${version}`;
    await run.out(`${id} description:\n${record ? field('T') : known?.summary}\n`);
    await run.out(`${id} webpage:\n${record ? field('U') : ''}\n`);
    await run.out(`${id} installed size:\n${humanSize(record?.installedSize ?? known?.installedSize ?? 0)}\n`);
  }
  return status;
}

async function search(run: Run, patterns: readonly string[]): Promise<number> {
  const index = await cachedIndex(run);
  if (!index) return 0;
  // A pattern without wildcards matches anywhere in the name, as apk's `*pattern*`.
  const globs = patterns.map((pattern) => (/[*?]/.test(pattern) ? pattern : `*${pattern}*`));
  const names = Object.keys(index.packages)
    .filter((name) => globs.length === 0 || globs.some((glob) => globMatches(glob, name)))
    .sort();
  // -q: names only.
  for (const name of names) await run.out(run.options.quiet ? name : `${name}-${index.packages[name]?.version}`);
  return 0;
}

/** apk's options: what each does here, and whether it takes a value (getopt_long: a long option may be abbreviated). */
const LONG_OPTIONS: Record<string, { value: boolean; apply?: (options: Options, value: string) => void }> = {
  'no-cache': { value: false, apply: (options) => void (options.noCache = true) },
  'update-cache': { value: false, apply: (options) => void (options.update = true) },
  quiet: { value: false, apply: (options) => void (options.quiet = true) },
  virtual: { value: true, apply: (options, value) => void (options.virtual = value) },
  // Accepted without effect here: one mirror, one version of each package, no signatures to skip.
  verbose: { value: false }, progress: { value: false }, 'no-progress': { value: false }, 'clean-protected': { value: false }, 'no-network': { value: false },
  'force-broken-world': { value: false }, 'allow-untrusted': { value: false }, upgrade: { value: false }, latest: { value: false }, interactive: { value: false },
  available: { value: false }, rdepends: { value: false }, 'force-overwrite': { value: false }, repository: { value: true }, root: { value: true }, 'cache-dir': { value: true },
  installed: { value: false }, contents: { value: false }, 'no-scripts': { value: false }, simulate: { value: false }, 'purge': { value: false },
};
const SHORT_OPTIONS: Record<string, string> = { U: 'update-cache', q: 'quiet', t: 'virtual', v: 'verbose', u: 'upgrade', l: 'latest', i: 'interactive', r: 'rdepends', X: 'repository', p: 'root', s: 'simulate', a: 'available' };
/** Letters that are arguments of the command rather than global options (`apk info -L curl`). */
const COMMAND_FLAGS = new Set(['-e', '-L', '-a']);

interface ParsedArgs {
  options: Options;
  command?: string;
  rest: string[];
  /** getopt's complaint about an option it does not know. */
  problem?: string;
}

/** Separates apk's options (anywhere on the line, as getopt_long permutes them) from the command and its arguments. */
function parseArgs(args: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { options: { noCache: false, update: false, quiet: false }, rest: [] };
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [written = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
      const matches = Object.keys(LONG_OPTIONS).filter((name) => name === written || name.startsWith(written));
      const name = matches.includes(written) ? written : matches.length === 1 ? matches[0] : undefined;
      if (!name) return { ...parsed, problem: matches.length > 1 ? `apk: option '--${written}' is ambiguous` : `apk: unrecognized option '--${written}'` };
      const spec = LONG_OPTIONS[name]!;
      const value = spec.value ? inline ?? args[++i] ?? '' : '';
      spec.apply?.(parsed.options, value);
      if (name === 'installed' || name === 'contents') words.push(arg);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !COMMAND_FLAGS.has(arg)) {
      for (let j = 1; j < arg.length; j++) {
        const long = SHORT_OPTIONS[arg[j]!];
        if (!long) return { ...parsed, problem: `apk: invalid option -- '${arg[j]}'` };
        const spec = LONG_OPTIONS[long]!;
        if (spec.value) {
          spec.apply?.(parsed.options, arg.slice(j + 1) || (args[++i] ?? ''));
          break;
        }
        spec.apply?.(parsed.options, '');
      }
      continue;
    }
    words.push(arg);
  }
  const [command, ...rest] = words;
  return { ...parsed, ...(command !== undefined ? { command } : {}), rest };
}

/** apk upgrade: the mirror has one version of each package, so everything installed is already the newest. */
async function upgrade(run: Run): Promise<number> {
  await openRepositories(run, run.options.update);
  await summary(run, parseInstalled(run.files.read(INSTALLED) ?? ''));
  return 0;
}

/** apk list --installed: `name-version arch {origin} (license) [installed]`. */
async function list(run: Run, args: readonly string[]): Promise<number> {
  const records = parseInstalled(run.files.read(INSTALLED) ?? '');
  if (!args.includes('--installed') && !args.includes('-I')) return notSimulated(run.context, 'apk list');
  for (const record of [...records].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const field = (letter: string): string => record.text.split('\n').find((line) => line.startsWith(`${letter}:`))?.slice(2) ?? '';
    await run.out(`${record.name}-${record.version} ${field('A')} {${field('o') || record.name}} (${field('L')}) [installed]`);
  }
  return 0;
}

/** Commands that change the database need root, as the lock file does. */
const CHANGES = new Set(['add', 'del', 'update', 'upgrade']);

export const apk: Command = {
  name: 'apk',
  summary: 'Alpine package manager',
  async run(context) {
    const files = PackageFiles.of(context);
    const args = context.argv.slice(1);
    if (args.includes('--version') || args[0] === '-V') {
      await context.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const parsed = parseArgs(args);
    if (parsed.problem) {
      await context.stderr.write(`${parsed.problem}\n`);
      return 1;
    }
    const command = parsed.command;
    if (!files || !command) {
      await context.stdout.write(USAGE);
      return 1;
    }
    const run: Run = {
      context,
      files,
      options: parsed.options,
      out: (line) => context.stdout.write(`${line}\n`),
      err: (line) => context.stderr.write(`${line}\n`),
    };
    if (CHANGES.has(command) && accountOfProcess(context).uid !== 0) {
      await run.err('ERROR: Unable to lock database: Permission denied');
      await run.err('ERROR: Failed to open apk database: Permission denied');
      return 99;
    }
    switch (command) {
      case 'add':
        return add(run, parsed.rest);
      case 'del':
        return del(run, parsed.rest);
      case 'update':
        return update(run);
      case 'info':
        return info(run, parsed.rest);
      case 'search':
        return search(run, parsed.rest);
      case 'upgrade':
        return upgrade(run);
      case 'list':
        return list(run, parsed.rest);
      case 'fix':
      case 'cache':
      case 'version':
      case 'policy':
      case 'fetch':
      case 'manifest':
      case 'verify':
      case 'audit':
      case 'stats':
      case 'dot':
      case 'index':
        return notSimulated(context, `apk ${command}`);
      default:
        // apk 2.14 answers an unknown applet with its usage.
        await context.stdout.write(USAGE);
        return 1;
    }
  },
};
