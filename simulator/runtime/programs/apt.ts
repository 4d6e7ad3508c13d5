import type { Command, CommandContext } from '../../shell/command';
import { DOWNLOAD_BYTES_PER_MS } from '../../distribution/pull';
import type { MirrorIndex, PackageContents, PackageInfo } from '../../packages/format';
import { MirrorUnavailable } from '../../packages/mirrors';
import { globMatches } from '../../packages/glob';
import { PackageFiles } from '../../packages/machine';
import { packageInfo, planInstall, providersOf } from '../../packages/resolve';
import { removePaths, unpackEntries } from '../../packages/unpack';
import { displayName, INFO, installedStanza, isInstalled, parseStatus, providedNames, relationGroups, serializeStatus, STATUS, type DpkgStanza } from '../../packages/dpkg-database';
import { accountOfProcess } from './identity';
import { notSimulated } from './not-simulated';

/**
 * apt-get and apt (APT 2.6, Debian 12; Ubuntu's images use the same here):
 * update, install, remove, purge, autoremove, upgrade and clean, against the
 * sources in /etc/apt, with dpkg's database and apt's lists kept in the
 * container's files. Output is APT's in the C locale a container has:
 * `Need to get 3439 kB`, no thousands separators.
 */
const APT_VERSION = 'apt 2.6.1 (amd64)';
const EXTENDED_STATES = '/var/lib/apt/extended_states';
const INDEX_ARCH = 'amd64';

interface Source {
  uri: string;
  suites: string[];
}

interface AptRun {
  context: CommandContext;
  files: PackageFiles;
  /** "apt-get" or "apt" (which words a few things its own way). */
  tool: string;
  yes: boolean;
  recommends: boolean;
  /** APT's own lines (not dpkg's): left out with -qq. */
  say(text: string): Promise<void>;
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
}

// ---------------------------------------------------------------- formats

/** APT's SizeToStr: decimal units, one decimal below 100, none from 100 up to 9999. */
export function sizeToStr(bytes: number): string {
  const units = ['', 'k', 'M', 'G', 'T'];
  let size = bytes;
  for (let unit = 0; unit < units.length; unit++) {
    if (size < 100 && unit !== 0) return `${size.toFixed(1)} ${units[unit]}`;
    if (size < 10000) return `${Math.round(size)} ${units[unit]}`;
    size /= 1000;
  }
  return `${Math.round(size)} P`;
}

/** APT's TimeToStr for what a download took. */
function timeToStr(seconds: number): string {
  const whole = Math.floor(seconds);
  if (whole >= 60) return `${Math.floor(whole / 60)}min ${whole % 60}s`;
  return `${whole}s`;
}

/** A package list as APT prints it: two spaces in, words wrapped before the 77th column. */
function showList(title: string, names: readonly string[]): string {
  if (names.length === 0) return '';
  const width = 80 - 3;
  let text = title;
  let used = 0;
  for (const name of names) {
    if (used === 0 || used + name.length >= width) {
      text += '\n  ';
      used = 0;
    } else {
      text += ' ';
      used++;
    }
    text += name;
    used += name.length;
  }
  return `${text}\n`;
}

// ---------------------------------------------------------------- sources and lists

function sourcesOf(files: PackageFiles): Source[] {
  const sources: Source[] = [];
  const oneLine = (text: string): void => {
    for (const line of text.split('\n')) {
      const words = line.replace(/#.*/, '').replace(/\[[^\]]*\]/, '').trim().split(/\s+/);
      if (words[0] === 'deb' && words[1] && words[2]) sources.push({ uri: words[1].replace(/\/$/, ''), suites: [words[2]] });
    }
  };
  const deb822 = (text: string): void => {
    for (const block of text.split(/\n\s*\n/)) {
      const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(block)?.[1]?.trim() ?? '';
      if (!field('Types').split(/\s+/).includes('deb') || /^Enabled:\s*no/im.test(block)) continue;
      for (const uri of field('URIs').split(/\s+/).filter(Boolean)) sources.push({ uri: uri.replace(/\/$/, ''), suites: field('Suites').split(/\s+/).filter(Boolean) });
    }
  };
  oneLine(files.read('/etc/apt/sources.list') ?? '');
  for (const name of files.list('/etc/apt/sources.list.d')) {
    const text = files.read(`/etc/apt/sources.list.d/${name}`) ?? '';
    if (name.endsWith('.list')) oneLine(text);
    else if (name.endsWith('.sources')) deb822(text);
  }
  return sources;
}

/** The mirror the sources name: their distribution and release (`debian-bookworm`, `ubuntu-noble`). */
function mirrorOf(sources: readonly Source[]): string | undefined {
  const first = sources[0];
  const codename = first?.suites[0]?.split(/[-/]/)[0];
  if (!first || !codename) return undefined;
  return `${first.uri.includes('ubuntu') ? 'ubuntu' : 'debian'}-${codename}`;
}

async function loadIndex(run: AptRun): Promise<{ mirror: string; index: MirrorIndex } | undefined> {
  const mirror = mirrorOf(sourcesOf(run.files));
  if (!mirror || !run.context.engine.mirrors) return undefined;
  try {
    return { mirror, index: await run.context.engine.mirrors.index(mirror) };
  } catch (error) {
    if (error instanceof MirrorUnavailable) return undefined;
    throw error;
  }
}

/** The index apt knows packages from: only once `apt-get update` has fetched its lists. */
async function listedIndex(run: AptRun): Promise<{ mirror: string; index: MirrorIndex } | undefined> {
  const loaded = await loadIndex(run);
  return loaded && hasLists(run.files, loaded.index) ? loaded : undefined;
}

/** Whether `apt-get update` has been run: the Packages lists are there. */
function hasLists(files: PackageFiles, index: MirrorIndex): boolean {
  return index.indexFiles.some((file) => file.name.endsWith(' Packages') && files.exists(file.path));
}

// ---------------------------------------------------------------- dpkg's state

interface State {
  stanzas: DpkgStanza[];
  installed: Map<string, DpkgStanza>;
  provided: Set<string>;
  auto: Set<string>;
}

function readState(files: PackageFiles): State {
  const stanzas = parseStatus(files.read(STATUS) ?? '');
  const installed = new Map<string, DpkgStanza>();
  for (const stanza of stanzas) if (isInstalled(stanza)) installed.set(stanza.fields.get('Package') ?? '', stanza);
  const provided = new Set([...installed.values()].flatMap(providedNames));
  const auto = new Set<string>();
  for (const block of (files.read(EXTENDED_STATES) ?? '').split(/\n\n+/)) {
    const name = /^Package: (.*)$/m.exec(block)?.[1];
    if (name && /^Auto-Installed: 1$/m.test(block)) auto.add(name);
  }
  return { stanzas, installed, provided, auto };
}

function writeExtendedStates(files: PackageFiles, state: State): void {
  const lines = [...state.auto]
    .filter((name) => state.installed.has(name))
    .sort()
    .map((name) => `Package: ${name}\nArchitecture: ${state.installed.get(name)?.fields.get('Architecture') === 'all' ? INDEX_ARCH : state.installed.get(name)?.fields.get('Architecture') ?? INDEX_ARCH}\nAuto-Installed: 1\n`);
  files.write(EXTENDED_STATES, lines.join('\n'));
}

function listFile(name: string, stanza: DpkgStanza | undefined, info?: PackageInfo): string {
  const multiArch = info?.multiArch ?? stanza?.fields.get('Multi-Arch');
  const architecture = info?.architecture ?? stanza?.fields.get('Architecture') ?? INDEX_ARCH;
  return `${INFO}/${multiArch === 'same' ? `${name}:${architecture}` : name}`;
}

/** dpkg's "(Reading database ... N files and directories currently installed.)": the paths its packages own. */
function databaseLine(files: PackageFiles, state: State): string {
  const paths = new Set<string>();
  for (const [name, stanza] of state.installed) {
    for (const path of (files.read(`${listFile(name, stanza)}.list`) ?? '').split('\n')) if (path) paths.add(path);
  }
  return `(Reading database ... ${paths.size} files and directories currently installed.)`;
}

function printed(name: string, info: PackageInfo | undefined, stanza?: DpkgStanza): string {
  return displayName(name, info?.multiArch ?? stanza?.fields.get('Multi-Arch'), info?.architecture ?? stanza?.fields.get('Architecture') ?? INDEX_ARCH);
}

// ---------------------------------------------------------------- commands

async function header(run: AptRun): Promise<void> {
  const done = run.context.tty ? ' Done' : '';
  await run.say(`Reading package lists...${done}\nBuilding dependency tree...${done}\nReading state information...${done}\n`);
}

async function update(run: AptRun): Promise<number> {
  const done = run.context.tty ? ' Done' : '';
  const loaded = await loadIndex(run);
  const sources = sourcesOf(run.files);
  if (!loaded) {
    let number = 0;
    for (const source of sources) {
      for (const suite of source.suites) {
        const host = new URL(source.uri).host;
        await run.say(`Err:${++number} ${source.uri} ${suite} InRelease\n  Temporary failure resolving '${host}'\n`);
      }
    }
    await run.say(`Reading package lists...${done}\n`);
    for (const source of sources) for (const suite of source.suites) await run.err(`W: Failed to fetch ${source.uri}/dists/${suite}/InRelease  Temporary failure resolving '${new URL(source.uri).host}'\n`);
    await run.err('W: Some index files failed to download. They have been ignored, or old ones used instead.\n');
    return 0;
  }
  const { index } = loaded;
  if (hasLists(run.files, index)) {
    let number = 0;
    for (const file of index.indexFiles.filter((candidate) => candidate.name.endsWith(' InRelease'))) await run.say(`Hit:${++number} ${file.name}\n`);
  } else {
    let bytes = 0;
    let ms = 0;
    for (const [position, file] of index.indexFiles.entries()) {
      const took = 50 + file.size / DOWNLOAD_BYTES_PER_MS;
      await run.context.clock.sleep(took, run.context.signal);
      bytes += file.size;
      ms += took;
      run.files.writeSized(file.path, file.storedSize, `apt-list:${file.name}`);
      await run.say(`Get:${position + 1} ${file.name} [${sizeToStr(file.size)}B]\n`);
    }
    await run.say(`Fetched ${sizeToStr(bytes)}B in ${timeToStr(ms / 1000)} (${sizeToStr(bytes / (ms / 1000))}B/s)\n`);
  }
  await run.say(`Reading package lists...${done}\n`);
  if (run.tool === 'apt') await run.say(`Building dependency tree...${done}\nReading state information...${done}\nAll packages are up to date.\n`);
  return 0;
}

/**
 * The package apt installs for a name: itself, or the one providing a virtual
 * name (with apt's note); a virtual name with several providers and none
 * installed is refused, as apt asks for an explicit choice.
 */
function candidateOf(name: string, index: MirrorIndex | undefined, state: State, errors: string[]): { name: string; note?: string } | undefined {
  if (state.installed.has(name) || (index && packageInfo(index, name))) return { name };
  const providers = index ? providersOf(index, name).filter((provider) => provider !== name) : [];
  const installed = providers.find((provider) => state.installed.has(provider));
  const pick = installed ?? (providers.length === 1 ? providers[0] : undefined);
  if (pick) return { name: pick, note: `Note, selecting '${pick}' instead of '${name}'` };
  if (providers.length === 0) {
    errors.push(`E: Unable to locate package ${name}`);
    return undefined;
  }
  errors.push(
    `Package ${name} is a virtual package provided by:\n${providers.map((provider) => `  ${provider} ${packageInfo(index!, provider)?.version}`).join('\n')}\nYou should explicitly select one to install.\n\nE: Package '${name}' has no installation candidate`,
  );
  return undefined;
}

/** Asks before doing more than was asked for; false when the learner says no (or there is no one to ask). */
async function confirm(run: AptRun): Promise<boolean> {
  if (run.yes) return true;
  const answer = await run.context.readLine('Do you want to continue? [Y/n] ');
  if (answer !== null && /^(|y|yes)$/i.test(answer.trim())) return true;
  await run.out('Abort.\n');
  return false;
}

async function install(run: AptRun, names: readonly string[]): Promise<number> {
  await header(run);
  const state = readState(run.files);
  const loaded = await listedIndex(run);
  const index = loaded?.index;
  const wanted: string[] = [];
  const errors: string[] = [];
  const already: string[] = [];
  for (const argument of names) {
    if (/\.deb$|\//.test(argument) && !/^[a-z0-9][a-z0-9+.-]*\/[a-z-]+$/.test(argument)) {
      errors.push(`layerlab: ${run.tool}: installing a local .deb file (${argument}) is not simulated (yet)`);
      continue;
    }
    // curl=7.88.1-10+deb12u8 pins a version, curl/bookworm a release.
    const [, name = argument, pin, version = '', release = ''] = /^([^=/]+)(?:(=)(.+)|\/(.+))?$/.exec(argument) ?? [];
    const chosen = candidateOf(name, index, state, errors);
    if (chosen === undefined) continue;
    if (chosen.note) await run.say(`${chosen.note}\n`);
    const known = index ? packageInfo(index, chosen.name) : undefined;
    if (pin && known?.version !== version && state.installed.get(chosen.name)?.fields.get('Version') !== version) {
      errors.push(`E: Version '${version}' for '${name}' was not found`);
      continue;
    }
    if (release && !(known?.origin ?? '').split('/')[0]!.startsWith(release)) {
      errors.push(`E: Release '${release}' for '${name}' was not found`);
      continue;
    }
    const stanza = state.installed.get(chosen.name);
    if (stanza) {
      already.push(`${chosen.name} is already the newest version (${stanza.fields.get('Version')}).`);
      if (state.auto.delete(chosen.name)) already.push(`${chosen.name} set to manually installed.`);
    } else wanted.push(chosen.name);
  }
  if (errors.length > 0) {
    for (const line of errors) await run.err(`${line}\n`);
    return 100;
  }
  for (const line of already) await run.say(`${line}\n`);
  const plan = index ? planInstall(index, wanted, state.provided, { recommends: run.recommends }) : { order: [], missing: [] };
  const order = plan.order;
  const info = (name: string): PackageInfo => packageInfo(index!, name)!;
  const requested = new Set(wanted);
  const extras = order.filter((name) => !requested.has(name));
  const planned = new Set(order);
  const suggested: string[] = [];
  const recommended: string[] = [];
  const satisfied = (name: string): boolean => state.provided.has(name) || planned.has(name);
  for (const name of [...order].sort()) {
    for (const group of info(name).suggests ?? []) {
      if (group.some(satisfied) || suggested.includes(group[0]!)) continue;
      suggested.push(group[0]!, ...group.slice(1).map((alternative) => `| ${alternative}`));
    }
    if (!run.recommends) {
      for (const group of info(name).recommends ?? []) if (!group.some(satisfied) && !recommended.includes(group[0]!)) recommended.push(group[0]!);
    }
  }
  // apt's lists name native packages plainly; dpkg's lines say libc6:amd64.
  const display = (name: string): string => printed(name, info(name));
  await run.say(
    showList('The following additional packages will be installed:', [...extras].sort()) +
      showList('Suggested packages:', suggested) +
      showList('Recommended packages:', recommended) +
      showList('The following NEW packages will be installed:', [...order].sort()) +
      `0 upgraded, ${order.length} newly installed, 0 to remove and 0 not upgraded.\n`,
  );
  if (order.length === 0) {
    if (already.some((line) => line.endsWith('manually installed.'))) writeExtendedStates(run.files, state);
    return 0;
  }
  const download = order.reduce((sum, name) => sum + info(name).size, 0);
  const disk = order.reduce((sum, name) => sum + info(name).installedSize, 0);
  await run.say(`Need to get ${sizeToStr(download)}B of archives.\nAfter this operation, ${sizeToStr(disk)}B of additional disk space will be used.\n`);
  if (extras.length > 0 && !(await confirm(run))) return 1;

  // Download: one Get line per archive, from the suite it comes from.
  const uriOf = (origin: string): string => index!.indexFiles.find((file) => file.name.includes(` ${origin} `))?.name.split(' ')[0] ?? '';
  const contents = new Map<string, PackageContents>();
  let ms = 0;
  for (const [position, name] of order.entries()) {
    const pkg = info(name);
    try {
      contents.set(name, await run.context.engine.mirrors!.contents(loaded!.mirror, pkg));
    } catch (error) {
      if (!(error instanceof MirrorUnavailable)) throw error;
      // Nothing is unpacked until every archive is there: the system is as it was.
      const uri = uriOf(pkg.origin);
      await run.err(`E: Failed to fetch ${uri}/${pkg.filename ?? ''}  Temporary failure resolving '${new URL(uri).host}'\nE: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n`);
      return 100;
    }
    const took = 20 + pkg.size / DOWNLOAD_BYTES_PER_MS;
    await run.context.clock.sleep(took, run.context.signal);
    ms += took;
    await run.say(`Get:${position + 1} ${uriOf(pkg.origin)} ${pkg.origin} ${INDEX_ARCH} ${name} ${pkg.architecture} ${pkg.version} [${sizeToStr(pkg.size)}B]\n`);
  }
  if (!state.installed.has('apt-utils') && [...contents.values()].some((found) => found.info?.templates !== undefined)) {
    await run.err('debconf: delaying package configuration, since apt-utils is not installed\n');
  }
  await run.say(`Fetched ${sizeToStr(download)}B in ${timeToStr(ms / 1000)} (${sizeToStr(download / (ms / 1000))}B/s)\n`);

  // dpkg: unpack everything, then configure in dependency order.
  const digits = order.length > 1 ? String(order.length - 1).length : 0;
  for (const [position, name] of order.entries()) {
    const pkg = info(name);
    const found = contents.get(name)!;
    await run.out(`Selecting previously unselected package ${display(name)}.\n`);
    if (position === 0) await run.out(`${databaseLine(run.files, state)}\n`);
    const prefix = digits > 0 ? `${String(position).padStart(digits, '0')}-` : '';
    await run.out(`Preparing to unpack .../${prefix}${name}_${pkg.version.replace(/:/g, '%3a')}_${pkg.architecture}.deb ...\nUnpacking ${display(name)} (${pkg.version}) ...\n`);
    const paths = unpackEntries(run.files, found.key, found.entries);
    const base = listFile(name, undefined, pkg);
    run.files.write(`${base}.list`, `${['/.', ...paths].join('\n')}\n`);
    for (const [suffix, text] of Object.entries(found.info ?? {})) run.files.write(`${base}.${suffix}`, text, /^(pre|post)(inst|rm)$|^config$/.test(suffix) ? 0o755 : 0o644);
    const stanza = installedStanza(found.record);
    // A package removed earlier keeps its record (config-files): installing it again replaces that record.
    state.stanzas = [...state.stanzas.filter((other) => other.fields.get('Package') !== name), stanza];
    state.installed.set(name, stanza);
    if (!requested.has(name)) state.auto.add(name);
  }
  run.files.write(STATUS, serializeStatus(state.stanzas));
  writeExtendedStates(run.files, state);
  const activated = new Set<string>();
  for (const name of order) {
    const found = contents.get(name)!;
    await run.out(`Setting up ${display(name)} (${info(name).version}) ...\n`);
    if (found.configured) unpackEntries(run.files, found.key, found.configured);
    for (const line of found.messages ?? []) await run.out(`${line}\n`);
    for (const owner of found.activates ?? []) activated.add(owner);
  }
  await processTriggers(run, state, activated);
  return 0;
}

/** What a trigger prints when it runs (update-ca-certificates, for the certificates' trigger). */
const TRIGGER_OUTPUT: Record<string, string> = {
  'ca-certificates': 'Updating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n',
};

async function processTriggers(run: AptRun, state: State, activated: ReadonlySet<string>): Promise<void> {
  // ldconfig's trigger (libc-bin) first, as dpkg's trigger cycle meets it first.
  const owners = [...activated].filter((name) => state.installed.has(name)).sort((a, b) => (a === 'libc-bin' ? -1 : b === 'libc-bin' ? 1 : a < b ? -1 : 1));
  for (const owner of owners) {
    await run.out(`Processing triggers for ${printed(owner, undefined, state.installed.get(owner))} (${state.installed.get(owner)?.fields.get('Version')}) ...\n${TRIGGER_OUTPUT[owner] ?? ''}`);
  }
}

/** Adds what depends on a package being removed and would be left without it (removing libcurl4 removes curl). */
function withDependents(state: State, removing: Set<string>): void {
  const before = new Set([...state.installed.values()].flatMap(providedNames));
  for (let changed = true; changed; ) {
    changed = false;
    const after = new Set([...state.installed].filter(([name]) => !removing.has(name)).flatMap(([, stanza]) => providedNames(stanza)));
    for (const [name, stanza] of state.installed) {
      if (removing.has(name)) continue;
      // Only what the removal breaks: a dependency that was met before (an image may have others unmet already).
      const broken = relationGroups(stanza, ['Pre-Depends', 'Depends']).some((group) => group.some((alternative) => before.has(alternative)) && !group.some((alternative) => after.has(alternative)));
      if (broken) {
        removing.add(name);
        changed = true;
      }
    }
  }
}

/** Installed packages nothing installed by hand needs any more (apt's autoremove candidates). */
function unneeded(state: State, removing: ReadonlySet<string>): string[] {
  const providers = new Map<string, string>();
  for (const [name, stanza] of state.installed) if (!removing.has(name)) for (const provided of providedNames(stanza)) if (!providers.has(provided)) providers.set(provided, name);
  const needed = new Set<string>();
  const queue = [...state.installed.keys()].filter((name) => !state.auto.has(name) && !removing.has(name));
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (needed.has(name)) continue;
    needed.add(name);
    const stanza = state.installed.get(name)!;
    for (const group of relationGroups(stanza, ['Pre-Depends', 'Depends', 'Recommends'])) {
      const provider = group.map((alternative) => providers.get(alternative)).find((found) => found !== undefined);
      if (provider) queue.push(provider);
    }
  }
  return [...state.installed.keys()].filter((name) => state.auto.has(name) && !needed.has(name) && !removing.has(name)).sort();
}

async function remove(run: AptRun, names: readonly string[], purge: boolean, autoremove: boolean): Promise<number> {
  await header(run);
  const state = readState(run.files);
  const loaded = await listedIndex(run);
  const known = (name: string): boolean => loaded !== undefined && packageInfo(loaded.index, name) !== undefined;
  const removing = new Set<string>();
  for (const name of names) {
    if (state.installed.has(name)) removing.add(name);
    else if (known(name) || state.stanzas.some((stanza) => stanza.fields.get('Package') === name)) await run.out(`Package '${name}' is not installed, so not removed\n`);
    else {
      await run.err(`E: Unable to locate package ${name}\n`);
      return 100;
    }
  }
  if (autoremove) for (const name of unneeded(state, removing)) removing.add(name);
  withDependents(state, removing);
  const leftovers = autoremove ? [] : unneeded(state, removing);
  const display = (name: string): string => `${name}${purge ? '*' : ''}`;
  const sorted = [...removing].sort();
  const essential = sorted.filter((name) => state.installed.get(name)?.fields.get('Essential') === 'yes' || state.installed.get(name)?.fields.get('Protected') === 'yes');
  await run.say(
    showList('The following packages were automatically installed and are no longer required:', leftovers) +
      (leftovers.length > 0 ? `Use '${run.tool} autoremove' to remove ${leftovers.length === 1 ? 'it' : 'them'}.\n` : '') +
      showList('The following packages will be REMOVED:', sorted.map(display)) +
      showList('WARNING: The following essential packages will be removed.\nThis should NOT be done unless you know exactly what you are doing!', essential) +
      `0 upgraded, 0 newly installed, ${removing.size} to remove and 0 not upgraded.\n`,
  );
  if (removing.size === 0) return 0;
  const freed = sorted.reduce((sum, name) => sum + Number(state.installed.get(name)?.fields.get('Installed-Size') ?? 0) * 1024, 0);
  await run.say(`After this operation, ${sizeToStr(freed)}B disk space will be freed.\n`);
  if (essential.length > 0 && !run.context.argv.includes('--allow-remove-essential')) {
    if (run.yes) {
      await run.err('E: Essential packages were removed and -y was used without --allow-remove-essential.\n');
      return 100;
    }
    const answer = await run.context.readLine("You are about to do something potentially harmful.\nTo continue type in the phrase 'Yes, do as I say!'\n ?] ");
    if (answer !== 'Yes, do as I say!') {
      await run.out('Abort.\n');
      return 1;
    }
  } else if (!(await confirm(run))) return 1;
  await run.out(`${databaseLine(run.files, state)}\n`);
  const activated = new Set<string>();
  const purged: string[] = [];
  for (const name of sorted) {
    const stanza = state.installed.get(name)!;
    const version = stanza.fields.get('Version');
    purged.push(`Purging configuration files for ${printed(name, undefined, stanza)} (${version}) ...\n`);
    await run.out(`Removing ${printed(name, undefined, stanza)} (${version}) ...\n`);
    const base = listFile(name, stanza);
    const paths = (run.files.read(`${base}.list`) ?? '').split('\n').filter((path) => path && path !== '/.');
    const conffiles = new Set((stanza.fields.get('Conffiles') ?? '').split('\n').map((line) => line.trim().split(' ')[0] ?? '').filter(Boolean));
    removePaths(run.files, paths.filter((path) => purge || !conffiles.has(path)), run.context.clock.now());
    if (paths.some((path) => /\/lib\/.*\.so[.\d]*$/.test(path))) activated.add('libc-bin');
    for (const file of run.files.list(INFO).filter((file) => file.startsWith(`${base.slice(INFO.length + 1)}.`))) run.files.remove(`${INFO}/${file}`);
    state.installed.delete(name);
    state.auto.delete(name);
    const keepConfig = !purge && conffiles.size > 0;
    state.stanzas = state.stanzas.flatMap((other) => {
      if (other !== stanza) return [other];
      return keepConfig ? [{ ...other, text: other.text.replace(/^Status: .*$/m, 'Status: deinstall ok config-files') }] : [];
    });
  }
  if (purge) await run.out(purged.join(''));
  run.files.write(STATUS, serializeStatus(state.stanzas));
  writeExtendedStates(run.files, state);
  await processTriggers(run, state, activated);
  return 0;
}

async function upgrade(run: AptRun): Promise<number> {
  await header(run);
  await run.say(`Calculating upgrade...${run.context.tty ? ' Done' : ''}\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`);
  return 0;
}

/** The archive's Suite as apt list shows it: Debian names its releases stable, stable-updates, stable-security; Ubuntu by codename. */
function suiteLabel(origin: string): string {
  const suite = origin.split('/')[0] ?? '';
  return suite.replace(/^bookworm/, 'stable');
}

/** apt list [--installed] [--upgradable] [pattern…]: `name/suites version arch [flags]`, as apt 2.6 prints them. */
async function list(run: AptRun, patterns: readonly string[], args: readonly string[]): Promise<number> {
  await run.say(`Listing...${run.context.tty ? ' Done' : ''}\n`);
  if (args.includes('--upgradable')) return 0;
  const state = readState(run.files);
  const loaded = await listedIndex(run);
  const index = loaded?.index;
  const names = new Set([...state.installed.keys(), ...(args.includes('--installed') ? [] : Object.keys(index?.packages ?? {}))]);
  const lines: string[] = [];
  for (const name of [...names].sort()) {
    if (patterns.length > 0 && !patterns.some((pattern) => globMatches(pattern, name))) continue;
    const stanza = state.installed.get(name);
    const known = index ? packageInfo(index, name) : undefined;
    const version = stanza?.fields.get('Version') ?? known?.version ?? '';
    const architecture = stanza?.fields.get('Architecture') ?? known?.architecture ?? INDEX_ARCH;
    const listed = known !== undefined && known.version === version;
    const suites = [...(listed ? [suiteLabel(known.origin)] : []), ...(stanza ? ['now'] : [])].join(',');
    const flags = stanza ? ` [installed${state.auto.has(name) ? ',automatic' : ''}${listed ? '' : ',local'}]` : '';
    lines.push(`${name}/${suites} ${version} ${architecture}${flags}`);
  }
  if (lines.length > 0) await run.out(`${lines.join('\n')}\n`);
  return 0;
}

/** apt search: packages whose name or summary matches every pattern (regular expressions, case-insensitive), with their summaries. */
async function search(run: AptRun, patterns: readonly string[]): Promise<number> {
  const done = run.context.tty ? ' Done' : '';
  await run.say(`Sorting...${done}\nFull Text Search...${done}\n`);
  const state = readState(run.files);
  const loaded = await listedIndex(run);
  const index = loaded?.index;
  let matchers: RegExp[];
  try {
    matchers = patterns.map((pattern) => new RegExp(pattern, 'i'));
  } catch {
    await run.err(`E: Regex compilation error\n`);
    return 100;
  }
  for (const [name, info] of Object.entries(index?.packages ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!matchers.every((matcher) => matcher.test(name) || matcher.test(info.summary))) continue;
    const stanza = state.installed.get(name);
    const flags = stanza ? ` [installed${state.auto.has(name) ? ',automatic' : ''}]` : '';
    await run.out(`${name}/${suiteLabel(info.origin)}${stanza ? ',now' : ''} ${info.version} ${info.architecture}${flags}\n  ${info.summary}\n\n`);
  }
  return 0;
}

/**
 * apt-cache policy PKG…: what is installed, what would be, and where each
 * version comes from, with APT's default priorities (500 for an archive,
 * 100 for what dpkg has installed).
 */
async function policy(run: AptRun, names: readonly string[]): Promise<number> {
  if (names.length === 0) return notSimulated(run.context, `${run.tool} policy`);
  const state = readState(run.files);
  const loaded = await listedIndex(run);
  const index = loaded?.index;
  for (const name of names) {
    const stanza = state.installed.get(name);
    const known = index ? packageInfo(index, name) : undefined;
    if (!stanza && !known) {
      await run.out(`N: Unable to locate package ${name}\n`);
      continue;
    }
    const installed = stanza?.fields.get('Version');
    const candidate = known?.version ?? installed ?? '';
    const uri = known ? index!.indexFiles.find((file) => file.name.endsWith(' Packages') && file.name.includes(` ${known.origin} `))?.name ?? '' : '';
    const lines = [`${name}:`, `  Installed: ${installed ?? '(none)'}`, `  Candidate: ${candidate}`, '  Version table:'];
    const versions = [...new Set([candidate, ...(installed ? [installed] : [])])];
    for (const version of versions) {
      const fromArchive = known?.version === version;
      lines.push(`${version === installed ? ' *** ' : '     '}${version} ${fromArchive ? 500 : 100}`);
      if (fromArchive) lines.push(`        500 ${uri}`);
      if (version === installed) lines.push('        100 /var/lib/dpkg/status');
    }
    await run.out(`${lines.join('\n')}\n`);
  }
  return 0;
}

/** apt-cache: its policy query; the rest of it is not simulated. */
export const aptCache: Command = {
  name: 'apt-cache',
  summary: 'query the APT cache',
  async run(context) {
    const files = PackageFiles.of(context);
    const [command, ...names] = wordsOf(context.argv.slice(1));
    if (!files || command !== 'policy') return notSimulated(context, `apt-cache${command ? ` ${command}` : ''}`);
    const run: AptRun = { context, files, tool: 'apt-cache', yes: false, recommends: true, say: (text) => context.stdout.write(text), out: (text) => context.stdout.write(text), err: (text) => context.stderr.write(text) };
    return policy(run, names);
  },
};

const USAGE = `${APT_VERSION}
Usage: apt-get [options] command
       apt-get [options] install|remove pkg1 [pkg2 ...]
       apt-get [options] source pkg1 [pkg2 ...]

apt-get is a command line interface for retrieval of packages
and information about them from authenticated sources and
for installation, upgrade and removal of packages together
with their dependencies.

Most used commands:
  update - Retrieve new lists of packages
  upgrade - Perform an upgrade
  install - Install new packages (pkg is libc6 not libc6.deb)
  reinstall - Reinstall packages (pkg is libc6 not libc6.deb)
  remove - Remove packages
  purge - Remove packages and config files
  autoremove - Remove automatically all unused packages
  dist-upgrade - Distribution upgrade, see apt-get(8)
  dselect-upgrade - Follow dselect selections
  build-dep - Configure build-dependencies for source packages
  satisfy - Satisfy dependency strings
  clean - Erase downloaded archive files
  autoclean - Erase old downloaded archive files
  check - Verify that there are no broken dependencies
  source - Download source archives
  download - Download the binary package into the current directory
  changelog - Download and display the changelog for the given package

See apt-get(8) for more information about the available commands.
Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version selection can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
                                        This APT has Super Cow Powers.
`;

/** The command and package names: what is not an option, nor the value of one (-o Acquire::Retries=3, -t bookworm-backports, -c file). */
function wordsOf(args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (['-o', '--option', '-t', '--target-release', '--default-release', '-c', '--config-file'].includes(arg)) i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words;
}

/** -q, -qq, -q=2, --quiet: how much of its own output APT leaves out. */
function quietLevel(args: readonly string[]): number {
  let level = 0;
  for (const arg of args) {
    if (arg === '--quiet') level++;
    else if (/^-q=\d$/.test(arg)) level = Number(arg.slice(3));
    else if (/^-[a-z]+$/.test(arg)) level += (arg.match(/q/g) ?? []).length;
  }
  return level;
}

const CHANGES = new Set(['install', 'remove', 'purge', 'autoremove', 'upgrade', 'dist-upgrade', 'full-upgrade']);

function packageManager(tool: 'apt-get' | 'apt'): Command {
  return {
    name: tool,
    summary: tool === 'apt' ? 'command-line interface' : 'APT package handling utility',
    async run(context) {
      const args = context.argv.slice(1);
      const files = PackageFiles.of(context);
      const [command, ...names] = wordsOf(args);
      if (args.includes('--version') || args.includes('-v')) {
        await context.stdout.write(`${APT_VERSION}\n`);
        return 0;
      }
      const quiet = quietLevel(args);
      const run: AptRun = {
        context,
        files: files!,
        tool,
        // -qq implies -y.
        yes: quiet >= 2 || args.some((arg) => arg === '--yes' || arg === '--assume-yes' || /^-[a-z]*y[a-z]*$/.test(arg)),
        recommends: !args.includes('--no-install-recommends'),
        say: (text) => (quiet >= 2 ? Promise.resolve() : context.stdout.write(text)),
        out: (text) => context.stdout.write(text),
        err: (text) => context.stderr.write(text),
      };
      if (!files || !command) {
        await context.stdout.write(USAGE);
        return 1;
      }
      if (tool === 'apt' && !context.tty) await run.err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
      const root = accountOfProcess(context).uid === 0;
      if (!root && CHANGES.has(command)) {
        await run.err('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
        return 100;
      }
      if (!root && command === 'update') {
        await run.out(`Reading package lists...${context.tty ? ' Done' : ''}\n`);
        await run.err('E: List directory /var/lib/apt/lists/partial is missing. - Acquire (13: Permission denied)\n');
        return 100;
      }
      switch (command) {
        case 'update':
          return update(run);
        case 'install':
          return install(run, names);
        case 'remove':
          return remove(run, names, false, false);
        case 'purge':
          return remove(run, names, true, false);
        case 'autoremove':
          return remove(run, names, args.includes('--purge'), true);
        case 'upgrade':
        case 'dist-upgrade':
        case 'full-upgrade':
          return upgrade(run);
        case 'clean':
        case 'autoclean':
          return 0;
        case 'list':
          if (tool === 'apt') return list(run, names, args);
          break;
        case 'search':
          if (tool === 'apt') return search(run, names);
          break;
        case 'policy':
          if (tool === 'apt') return policy(run, names);
          break;
      }
      switch (command) {
        default:
          await run.err(`E: Invalid operation ${command}\n`);
          return 100;
      }
    },
  };
}

export const aptGet = packageManager('apt-get');
export const apt = packageManager('apt');
