import type { Node } from '../../archive/types';
import { contentSize } from '../../archive/types';
import type { Command, CommandContext } from '../../shell/command';
import { dialectOf, type Dialect } from './dialect';
import { readText } from './identity';
import { namesById } from '../users';


interface Options {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  human: boolean;
  directory: boolean;
  onePerLine: boolean;
  classify: boolean;
  reverse: boolean;
  byTime: boolean;
  bySize: boolean;
}

interface Item {
  /** The name shown: the operand as typed, or the entry's name in a directory. */
  name: string;
  path: string;
  node: Node;
}

const SIX_MONTHS_MS = 182.5 * 24 * 3600 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * ls [-aAlhd1Frt S] [FILE…]: GNU's or busybox's, as the machine has it: one
 * name per line into a pipe, columns on a terminal, and `-l` with owners
 * from the machine's /etc/passwd and /etc/group.
 */
export const ls: Command = {
  name: 'ls',
  summary: 'list directory contents',
  async run(context) {
    const dialect = dialectOf(context);
    const files = context.files;
    if (!files) return 126;
    const parsed = parseOptions(context.argv.slice(1), dialect);
    if (typeof parsed === 'string') {
      await context.stderr.write(parsed);
      return 2;
    }
    const { options, operands } = parsed;
    const names = operands.length > 0 ? operands : ['.'];
    let status = 0;
    const singles: Item[] = [];
    const directories: Item[] = [];
    for (const name of names) {
      const path = files.resolvePath(context.shell.cwd, name);
      const link = files.entry(path, false);
      const target = files.entry(path, true);
      if (!link) {
        await context.stderr.write(dialect === 'gnu' ? `ls: cannot access '${name}': No such file or directory\n` : `ls: ${name}: No such file or directory\n`);
        status = 2;
        continue;
      }
      // A symlink to a directory named on the command line is followed, unless -l or -d.
      const followed = link.node.type === 'symlink' && target?.node.type === 'directory' && !options.long && !options.directory;
      const node = followed && target ? target.node : link.node;
      if (node.type === 'directory' && !options.directory) directories.push({ name, path: followed && target ? target.resolved : link.resolved, node });
      else singles.push({ name, path: link.resolved, node: link.node });
    }
    const blocks: string[] = [];
    if (singles.length > 0) blocks.push(render(context, sorted(singles, options), options, dialect, false));
    for (const directory of sorted(directories, options)) {
      const entries = directoryItems(context, directory, options);
      const body = render(context, sorted(entries, options), options, dialect, true);
      blocks.push(names.length > 1 ? `${directory.name}:\n${body}` : body);
    }
    await context.stdout.write(blocks.join('\n'));
    return status;
  },
};

function parseOptions(args: string[], dialect: Dialect): { options: Options; operands: string[] } | string {
  const options: Options = { all: false, almostAll: false, long: false, human: false, directory: false, onePerLine: false, classify: false, reverse: false, byTime: false, bySize: false };
  const operands: string[] = [];
  const letters: Record<string, keyof Options> = { a: 'all', A: 'almostAll', l: 'long', h: 'human', d: 'directory', '1': 'onePerLine', F: 'classify', r: 'reverse', t: 'byTime', S: 'bySize' };
  const long: Record<string, keyof Options> = { '--all': 'all', '--almost-all': 'almostAll', '--human-readable': 'human', '--directory': 'directory', '--classify': 'classify', '--reverse': 'reverse' };
  let ended = false;
  for (const arg of args) {
    if (ended || arg === '-' || !arg.startsWith('-')) operands.push(arg);
    else if (arg === '--') ended = true;
    else if (arg.startsWith('--')) {
      const option = long[arg];
      if (!option) return dialect === 'gnu' ? `ls: unrecognized option '${arg}'\nTry 'ls --help' for more information.\n` : `ls: unrecognized option '${arg}'\n`;
      options[option] = true;
    } else {
      for (const letter of arg.slice(1)) {
        const option = letters[letter];
        if (!option) return dialect === 'gnu' ? `ls: invalid option -- '${letter}'\nTry 'ls --help' for more information.\n` : `ls: unrecognized option: ${letter}\n`;
        options[option] = true;
      }
    }
  }
  return { options, operands };
}

function directoryItems(context: CommandContext, directory: Item, options: Options): Item[] {
  const files = context.files;
  if (!files) return [];
  const join = (name: string): string => (directory.path === '/' ? `/${name}` : `${directory.path}/${name}`);
  const items: Item[] = [];
  if (options.all) {
    items.push({ name: '.', path: directory.path, node: directory.node });
    const parent = files.entry(files.resolvePath(directory.path, '..'), true);
    if (parent) items.push({ name: '..', path: parent.resolved, node: parent.node });
  }
  let names: string[] = [];
  try {
    names = [...files.list(directory.path)];
  } catch {
    return items;
  }
  for (const name of names) {
    if (name.startsWith('.') && !options.all && !options.almostAll) continue;
    const entry = files.entry(join(name), false);
    if (entry) items.push({ name, path: entry.resolved, node: entry.node });
  }
  return items;
}

function sorted(items: Item[], options: Options): Item[] {
  const byName = (a: Item, b: Item): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const order = [...items].sort((a, b) => {
    if (options.bySize) return sizeOf(b.node) - sizeOf(a.node) || byName(a, b);
    if (options.byTime) return b.node.mtime - a.node.mtime || byName(a, b);
    return byName(a, b);
  });
  return options.reverse ? order.reverse() : order;
}

function sizeOf(node: Node): number {
  if (node.type === 'file') return contentSize(node.content);
  if (node.type === 'symlink') return node.target.length;
  return node.type === 'directory' ? 4096 : 0;
}

function render(context: CommandContext, items: Item[], options: Options, dialect: Dialect, inDirectory: boolean): string {
  if (options.long) return longListing(context, items, options, dialect, inDirectory);
  const names = items.map((item) => item.name + (options.classify ? classifier(item.node) : ''));
  if (names.length === 0) return '';
  if (options.onePerLine || !context.tty) return names.map((name) => `${name}\n`).join('');
  return columns(names, context.columns);
}

function classifier(node: Node): string {
  if (node.type === 'directory') return '/';
  if (node.type === 'symlink') return '@';
  return (node.mode & 0o111) !== 0 ? '*' : '';
}

/** The terminal layout both ls use: columns filled top to bottom, two spaces apart, as few rows as fit. */
function columns(names: string[], width: number): string {
  for (let rows = 1; rows <= names.length; rows++) {
    const count = Math.ceil(names.length / rows);
    const widths = Array.from({ length: count }, (_, column) => Math.max(...names.slice(column * rows, column * rows + rows).map((name) => name.length)));
    const total = widths.reduce((sum, value) => sum + value, 0) + 2 * (count - 1);
    if (total < width || rows === names.length) {
      let out = '';
      for (let row = 0; row < rows; row++) {
        const cells: string[] = [];
        for (let column = 0; column < count; column++) {
          const name = names[column * rows + row];
          if (name === undefined) continue;
          const last = column === count - 1 || names[(column + 1) * rows + row] === undefined;
          cells.push(last ? name : name.padEnd((widths[column] ?? 0) + 2));
        }
        out += `${cells.join('')}\n`;
      }
      return out;
    }
  }
  return '';
}

function longListing(context: CommandContext, items: Item[], options: Options, dialect: Dialect, inDirectory: boolean): string {
  const users = namesById(readText(context, '/etc/passwd'));
  const groups = namesById(readText(context, '/etc/group'));
  const now = context.clock.now();
  const rows = items.map((item) => {
    const node = item.node;
    return {
      mode: modeString(node),
      links: String(linkCount(context, item)),
      owner: users.get(node.uid) ?? String(node.uid),
      group: groups.get(node.gid) ?? String(node.gid),
      size: options.human ? human(sizeOf(node)) : String(sizeOf(node)),
      date: dateOf(node.mtime, now),
      name: node.type === 'symlink' ? `${item.name} -> ${node.target}` : item.name + (options.classify ? classifier(node) : ''),
    };
  });
  const width = (key: keyof (typeof rows)[number]): number => Math.max(0, ...rows.map((row) => row[key].length));
  const lines = rows.map((row) =>
    dialect === 'gnu'
      ? `${row.mode} ${row.links.padStart(width('links'))} ${row.owner.padEnd(width('owner'))} ${row.group.padEnd(width('group'))} ${row.size.padStart(width('size'))} ${row.date} ${row.name}\n`
      : `${row.mode} ${row.links.padStart(4)} ${row.owner.slice(0, 8).padEnd(8)} ${row.group.slice(0, 8).padEnd(8)} ${row.size.padStart(options.human ? 6 : 9)} ${row.date} ${row.name}\n`,
  );
  const total = items.reduce((sum, item) => sum + blocksOf(item.node), 0);
  return `${inDirectory ? `total ${options.human ? human(total * 1024).replace(/\.0(?=[KMG])/, '') : total}\n` : ''}${lines.join('')}`;
}

/** 1K blocks a file takes on a 4K-block filesystem, as GNU's total counts them. */
function blocksOf(node: Node): number {
  const size = sizeOf(node);
  if (node.type === 'symlink' || size === 0) return 0;
  return Math.ceil(size / 4096) * 4;
}

function linkCount(context: CommandContext, item: Item): number {
  if (item.node.type !== 'directory') return 1;
  try {
    return 2 + (context.files?.list(item.path) ?? []).filter((name) => context.files?.entry(`${item.path === '/' ? '' : item.path}/${name}`, false)?.node.type === 'directory').length;
  } catch {
    return 2;
  }
}

function modeString(node: Node): string {
  const type = node.type === 'directory' ? 'd' : node.type === 'symlink' ? 'l' : '-';
  const bits = node.mode;
  const triple = (shift: number, special: number, setChar: string): string => {
    const r = bits & (4 << shift) ? 'r' : '-';
    const w = bits & (2 << shift) ? 'w' : '-';
    const x = bits & (1 << shift);
    const s = bits & special;
    return r + w + (s ? (x ? setChar : setChar.toUpperCase()) : x ? 'x' : '-');
  };
  return type + triple(6, 0o4000, 's') + triple(3, 0o2000, 's') + triple(0, 0o1000, 't');
}

/** `Dec  1 12:00` within six months of now, `May 30  2024` otherwise. */
function dateOf(mtime: number, now: number): string {
  const date = new Date(mtime);
  const day = String(date.getUTCDate()).padStart(2);
  const recent = Math.abs(now - mtime) < SIX_MONTHS_MS;
  const tail = recent ? `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}` : ` ${date.getUTCFullYear()}`;
  return `${MONTHS[date.getUTCMonth()] ?? ''} ${day} ${tail}`;
}

/** -h sizes: 1023, 1.0K, 4.0K, 12K, 1.2M (powers of 1024, one decimal under 10, rounded up). */
function human(bytes: number): string {
  const units = ['K', 'M', 'G', 'T'];
  if (bytes < 1024) return String(bytes);
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value));
  return `${text}${units[unit] ?? ''}`;
}
