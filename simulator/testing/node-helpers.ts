import { readFile } from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import { CatalogRegistry } from '../registry/catalog';
import { PackageMirrors } from '../packages/mirrors';
import type { TerminalIO } from '../session/types';
import type { MessageEndpoint } from '../remote/protocol';

/** Removes SGR colour codes, to compare prompts as the learner reads them. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Settles with the promise's value, or 'timed out' after `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A Node MessagePort as the protocol's endpoint (Node types its events as plain Events; they are MessageEvents). */
export function asEndpoint(port: MessagePort): MessageEndpoint {
  return {
    postMessage: (message) => port.postMessage(message),
    addEventListener: (type, listener) => port.addEventListener(type, (event) => listener({ data: (event as Event & { data: unknown }).data })),
    start: () => port.start(),
  };
}

/** Reads a file of the site's catalog as the sim CLI does. */
const readCatalogFile = async (path: string): Promise<unknown> => JSON.parse(await readFile(new URL(`../../public/catalog/${path}`, import.meta.url), 'utf8'));

/** The simulated Docker Hub, read from the site's catalog files as the sim CLI reads them. */
export function nodeCatalogRegistry(): CatalogRegistry {
  return new CatalogRegistry(readCatalogFile);
}

/** The package archives containers install from, read from the site's catalog files. */
export function nodePackageMirrors(): PackageMirrors {
  return new PackageMirrors(readCatalogFile);
}

/** A terminal whose readLine never answers: resolves `asked` with the prompt, for testing interrupts of a reading command. */
export function neverAnsweringTerminal(): { terminal: TerminalIO; asked: Promise<string> } {
  let answer: (prompt: string) => void = () => undefined;
  const asked = new Promise<string>((resolve) => {
    answer = resolve;
  });
  const terminal: TerminalIO = {
    columns: 80,
    write: async () => undefined,
    readLine: (prompt) => {
      answer(prompt);
      return new Promise<string | null>(() => undefined);
    },
  };
  return { terminal, asked };
}
