import type { Command } from '../command';

/**
 * read [-r] [-p prompt] [name ...]: reads one typed line into variables (REPLY
 * when none is named); the last name takes the rest of the line. Returns 1 at
 * end of input, as bash does.
 */
export const read: Command = {
  name: 'read',
  summary: 'read a line from the standard input and split it into fields',
  async run({ argv, stderr, readLine, shell }) {
    const args = argv.slice(1);
    let prompt = '';
    let raw = false;
    while (args[0]?.startsWith('-') && args[0] !== '-') {
      const option = args.shift() ?? '';
      if (option === '-r') raw = true;
      else if (option === '-p' && args.length > 0) prompt = args.shift() ?? '';
      else {
        await stderr.write(`bash: read: ${option}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`);
        return 2;
      }
    }
    const line = await readLine(prompt);
    if (line === null) return 1;
    const text = raw ? line : line.replace(/\\(.)/g, '$1');
    const names = args.length > 0 ? args : ['REPLY'];
    if (args.length === 0) {
      shell.env.set('REPLY', text);
      return 0;
    }
    const fields = text.trim().split(/\s+/);
    names.forEach((name, i) => {
      const value = i === names.length - 1 ? fields.slice(i).join(' ') : fields[i] ?? '';
      shell.env.set(name, value);
    });
    return 0;
  },
};
