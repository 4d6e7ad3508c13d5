import type { Command } from '../command';

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** echo [-neE] [arg ...], as bash's builtin: -n drops the newline, -e interprets backslash escapes, \c stops output. */
export const echo: Command = {
  name: 'echo',
  summary: 'write arguments to the standard output',
  async run({ argv, stdout }) {
    const args = argv.slice(1);
    let newline = true;
    let escapes = false;
    while (args.length > 0 && /^-[neE]+$/.test(args[0] ?? '')) {
      for (const option of (args.shift() ?? '').slice(1)) {
        if (option === 'n') newline = false;
        else escapes = option === 'e';
      }
    }
    let text = args.join(' ');
    if (escapes) {
      const expanded = expandEscapes(text);
      text = expanded.text;
      newline &&= !expanded.stopped;
    }
    await stdout.write(newline ? `${text}\n` : text);
    return 0;
  },
};

/** Interprets echo -e's backslash escapes in one left-to-right pass; `\c` stops all further output. */
function expandEscapes(text: string): { text: string; stopped: boolean } {
  let result = '';
  let last = 0;
  for (const match of text.matchAll(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g)) {
    result += text.slice(last, match.index);
    last = match.index + match[0].length;
    const code = match[1] ?? '';
    if (code === 'c') return { text: result, stopped: true };
    if (code.startsWith('0')) result += String.fromCharCode(parseInt(code.slice(1) || '0', 8));
    else if (code.startsWith('x')) result += String.fromCharCode(parseInt(code.slice(1), 16));
    else result += ESCAPES[code] ?? match[0];
  }
  return { text: result + text.slice(last), stopped: false };
}
