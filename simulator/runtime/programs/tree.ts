import type { Command } from '../../shell/command';
import { relay } from './relay';

/** tree's line drawing in a UTF-8 locale (its "UTF-8" charset: the vertical line is followed by two no-break spaces). */
const UTF8_LINES: Record<string, string> = { '|-- ': '├── ', '`-- ': '└── ', '|   ': '│\u00a0\u00a0 ', '    ': '    ' };
/** A line's drawing: its indentation, then one branch (what follows is the name, whatever it holds). */
const PREFIX = /^(?:\| {3}| {4})*(?:\|-- |`-- )/gm;

function inUtf8Locale(env: ReadonlyMap<string, string>): boolean {
  const locale = env.get('LC_ALL') || env.get('LC_CTYPE') || env.get('LANG') || '';
  return /utf-?8/i.test(locale);
}

/**
 * tree, drawing its branches as tree 2.1 does: with box-drawing characters
 * in a UTF-8 locale (the learner's machine runs C.UTF-8), ASCII otherwise;
 * the listing itself is the interpreter's tree.
 */
export const tree: Command = {
  name: 'tree',
  summary: 'list contents of directories in a tree-like format',
  async run(context) {
    const args = context.argv.slice(1);
    const result = await context.userland?.runTool(['tree', ...args]);
    if (!result) return 126;
    return relay(context, inUtf8Locale(context.shell.env) ? { ...result, stdout: result.stdout.replace(PREFIX, (prefix) => prefix.replace(/.{4}/g, (group) => UTF8_LINES[group] ?? group)) } : result);
  },
};
