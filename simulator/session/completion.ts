import type { Command, CompletionContext } from '../shell/command';
import { completePath } from '../shell/complete-path';
import type { CompletionResult } from './types';

const SEPARATORS = new Set([';', '&', '|']);

/**
 * Completes the word that ends at `cursor`, as bash's programmable completion
 * does: the first word of a command completes to command names, later words
 * to what the command offers (docker: subcommands and flags), or to paths.
 */
export function completeLine(line: string, cursor: number, names: readonly string[], programs: ReadonlyMap<string, Command>, context: CompletionContext): CompletionResult {
  const { words, start: from } = wordsOfCurrentCommand(line.slice(0, cursor));
  const partial = words.pop() ?? '';
  if (words.length === 0) {
    return { from, candidates: names.filter((name) => name.startsWith(partial)).map((value) => ({ value })) };
  }
  const command = programs.get(words[0] ?? '');
  const candidates = command?.complete ? command.complete(words.slice(1), partial, context) : completePath(partial, context, words[0] === 'cd');
  return { from, candidates };
}

/**
 * The words of the simple command under the cursor, unquoted; the last one is
 * the (possibly empty) word being typed, which starts at `start` in `text`.
 */
function wordsOfCurrentCommand(text: string): { words: string[]; start: number } {
  let words: string[] = [''];
  let start = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    const last = words.length - 1;
    const current = words[last] ?? '';
    if (quote) {
      if (char === quote) quote = null;
      else words[last] = current + char;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '\\' && i + 1 < text.length) {
      words[last] = current + (text[++i] ?? '');
    } else if (SEPARATORS.has(char)) {
      words = [''];
      start = i + 1;
    } else if (char === ' ' || char === '\t') {
      if (current !== '') words.push('');
      start = i + 1;
    } else {
      words[last] = current + char;
    }
  }
  return { words, start };
}
