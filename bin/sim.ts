import { readFile } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline/promises';
import { createSession, type Session, type TerminalIO } from '../simulator';
import { CatalogRegistry } from '../simulator/registry/catalog';

/** The official images, read from the site's static catalog files. */
const catalog = new CatalogRegistry(async (path) => JSON.parse(await readFile(new URL(`../public/catalog/${path}`, import.meta.url), 'utf8')));

const USAGE = `Usage: sim [-c COMMAND_LINE]

Runs a Layerlab session (the simulated machine with its Docker engine) in this
terminal. With -c, runs one command line and exits with its status; with input
from a pipe, runs each line in turn.
`;

function terminalFor(rl: Interface | undefined): TerminalIO {
  return {
    columns: process.stdout.columns ?? 80,
    write: (data) => new Promise((resolve) => process.stdout.write(data, () => resolve())),
    async readLine(prompt) {
      if (!rl) return null;
      try {
        return await rl.question(prompt);
      } catch {
        return null;
      }
    },
  };
}

async function interactive(session: Session): Promise<number> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    completer: async (line: string): Promise<[string[], string]> => {
      const { from, candidates } = await session.complete(line, line.length);
      return [candidates.map((candidate) => line.slice(0, from) + candidate.value), line];
    },
  });
  let running = false;
  rl.on('SIGINT', () => {
    if (running) {
      process.stdout.write('^C\n');
      session.interrupt();
    } else {
      process.stdout.write('^C\n');
      rl.write(null, { ctrl: true, name: 'u' });
      void session.prompt().then((prompt) => {
        rl.setPrompt(prompt);
        rl.prompt();
      });
    }
  });
  let status = 0;
  for (;;) {
    let line: string;
    try {
      line = await rl.question(await session.prompt());
    } catch {
      break;
    }
    running = true;
    status = await session.run(line, terminalFor(rl));
    running = false;
  }
  rl.close();
  process.stdout.write('exit\n');
  return status;
}

async function fromPipe(session: Session): Promise<number> {
  let status = 0;
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) status = await session.run(line, terminalFor(undefined));
  return status;
}

async function main(argv: string[]): Promise<number> {
  const session = createSession({ registry: catalog });
  if (argv[0] === '-h' || argv[0] === '--help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (argv[0] === '-c') {
    if (argv.length !== 2) {
      process.stderr.write(USAGE);
      return 2;
    }
    return session.run(argv[1] ?? '', terminalFor(undefined));
  }
  if (argv.length > 0) {
    process.stderr.write(`sim: unknown argument: ${argv[0] ?? ''}\n${USAGE}`);
    return 2;
  }
  return process.stdin.isTTY ? interactive(session) : fromPipe(session);
}

process.exitCode = await main(process.argv.slice(2));
