import type { Command } from '../command';

/**
 * read [-r] [-p prompt] [name ...]: reads one typed line into variables (REPLY
 * when none is named), split at blanks; the last name takes the rest of the
 * line as typed. Returns 1 at end of input, as bash does.
 */
export const read: Command = {
  name: 'read',
  summary: 'read a line from the standard input and split it into fields',
  async run({ argv, stderr, readLine, shell }) {
    const args = argv.slice(1);
    let prompt = '';
    let raw = false;
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const cluster = args.shift() ?? '';
      for (let i = 1; i < cluster.length; i++) {
        const option = cluster[i];
        if (option === 'r') raw = true;
        else if (option === 'p' && (i + 1 < cluster.length || args.length > 0)) {
          prompt = i + 1 < cluster.length ? cluster.slice(i + 1) : args.shift() ?? '';
          break;
        } else {
          await stderr.write(`bash: read: -${option ?? ''}: invalid option\n${USAGE}\n`);
          return 2;
        }
      }
    }
    const line = await readLine(prompt);
    if (line === null) return 1;
    const text = raw ? line : line.replace(/\\(.)/g, '$1');
    if (args.length === 0) {
      shell.env.set('REPLY', text);
      return 0;
    }
    let rest = text.replace(/^[ \t\n]+/, '');
    args.forEach((name, i) => {
      if (i === args.length - 1) {
        shell.env.set(name, rest.replace(/[ \t\n]+$/, ''));
        return;
      }
      const field = /^[^ \t\n]*/.exec(rest)?.[0] ?? '';
      shell.env.set(name, field);
      rest = rest.slice(field.length).replace(/^[ \t\n]+/, '');
    });
    return 0;
  },
};

const USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]';
