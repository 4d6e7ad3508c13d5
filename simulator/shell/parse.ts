import { parse as parseWords } from 'shell-quote';

/**
 * Splits a command line into simple commands joined by `;`, `&&` and `||`,
 * with quotes, escapes and `$VAR` expansion handled by shell-quote. This is
 * the stand-in until the full shell interpreter arrives (pipes, redirections,
 * here-documents and command substitution are refused with a clear message).
 */
export type Connector = ';' | '&&' | '||';

export interface SimpleCommand {
  argv: string[];
  /** How this command joins the one before it; null for the first. */
  connector: Connector | null;
}

/** A line bash would reject, with bash's message (exit status 2). */
export class ShellSyntaxError extends Error {}

/** A construct this shell does not run yet. */
export class UnsupportedSyntaxError extends Error {}

const CONNECTORS = new Set<string>([';', '&&', '||']);

export function parseCommandLine(line: string, lookup: (name: string) => string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { argv: [], connector: null };
  for (const token of parseWords(line, lookup)) {
    if (typeof token === 'string') {
      current.argv.push(token);
    } else if ('comment' in token) {
      break;
    } else if (token.op === 'glob') {
      current.argv.push(token.pattern);
    } else if (CONNECTORS.has(token.op)) {
      if (current.argv.length === 0) throw new ShellSyntaxError(`bash: syntax error near unexpected token \`${token.op}'`);
      commands.push(current);
      current = { argv: [], connector: token.op as Connector };
    } else {
      throw new UnsupportedSyntaxError(`layerlab: '${token.op}' is not supported by this shell yet`);
    }
  }
  if (current.argv.length > 0) commands.push(current);
  else if (current.connector === '&&' || current.connector === '||') throw new ShellSyntaxError('bash: syntax error: unexpected end of file');
  return commands;
}
