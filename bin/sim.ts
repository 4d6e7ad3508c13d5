import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { createSession, type ReadOptions, type Session, type TerminalIO } from '../simulator';
import { CatalogRegistry } from '../simulator/registry/catalog';
import { PackageMirrors } from '../simulator/packages/mirrors';
import { createHostFilesystem } from '../simulator/host/filesystem';
import { hostFromSnapshot, readSnapshot } from '../simulator/session/shell-session';
import { loadWorkdir, storeWorkdir } from './workdir';
import { checkGoals } from '../src/course/check-goals';
import { readLessons, type LessonOnDisk } from '../src/course/lessons-on-disk';
import { setupLines } from '../src/session/setup-lines';

/** The official images and the package archives, read from the site's static catalog files. */
const load = async (path: string): Promise<unknown> => JSON.parse(await readFile(new URL(`../public/catalog/${path}`, import.meta.url), 'utf8'));
const catalog = new CatalogRegistry(load);
const mirrors = new PackageMirrors(load);

const USAGE = `Usage: sim [--workdir DIR] [--seed N] [--echo] [-c COMMAND_LINE]
       sim --state FILE --lesson LESSON_OR_EXERCISE
       sim --state FILE --check LESSON_OR_EXERCISE

Runs a Layerlab session (the simulated machine with its Docker engine) in this
terminal. With -c, runs one command line and exits with its status; with input
from a pipe, runs each line in turn (the exit status is the last line's).

  --workdir DIR   the learner's home (/home/learner) starts as a copy of DIR
                  and is written back to DIR at exit
  --seed N        seeds container IDs and names (default: layerlab)
  --echo          print the prompt and each line before its output
  --state FILE    start from the session saved in FILE if it exists, save it there at exit
  --lesson ID     start from that lesson's or exercise's setup (its files and
                  commands, run silently) when there is no saved session yet
  --check ID      check the goals (checkpoints) of a lesson or exercise against
                  the session saved in --state FILE: prints each as passed or
                  failed and exits 0 only if all passed (1 otherwise)
`;

interface Options {
  state?: string;
  check?: string;
  lesson?: string;
  workdir?: string;
  seed?: string;
  echo: boolean;
  command?: string;
}

function parseOptions(argv: string[]): Options | string {
  const options: Options = { echo: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => argv[++i];
    if (arg === '--workdir') options.workdir = value();
    else if (arg === '--state') options.state = value();
    else if (arg === '--check') options.check = value();
    else if (arg === '--lesson') options.lesson = value();
    else if (arg === '--seed') options.seed = value();
    else if (arg === '--echo') options.echo = true;
    else if (arg === '-c') options.command = value();
    else return `sim: unknown argument: ${arg ?? ''}`;
    if (arg !== '--echo' && argv[i] === undefined) return `sim: ${arg} needs a value`;
  }
  return options;
}

/**
 * Standard output for readline, which can be told to drop what readline
 * writes: with echo off (a password prompt) the typed characters and the
 * Enter stay off the screen, as on a tty with ECHO cleared.
 */
class EchoControl extends Writable {
  muted = false;

  get columns(): number {
    return process.stdout.columns ?? 80;
  }

  // Done at once, not when stdout has taken the chunk: each write is then judged by `muted` as it is made.
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (!this.muted) process.stdout.write(chunk);
    done();
  }
}

function terminalFor(rl: Interface | undefined, echo?: EchoControl): TerminalIO {
  return {
    columns: process.stdout.columns ?? 80,
    write: (data) => new Promise((resolve) => process.stdout.write(data, () => resolve())),
    async readLine(prompt, options) {
      if (!rl) return null;
      const secret = options?.echo === false && echo !== undefined;
      try {
        const answer = rl.question(prompt);
        // The prompt is out; what follows is the typed secret.
        if (secret) echo.muted = true;
        return await answer;
      } catch {
        return null;
      } finally {
        if (secret) echo.muted = false;
      }
    },
  };
}

async function interactive(session: Session): Promise<number> {
  const echo = new EchoControl();
  const rl = createInterface({
    input: process.stdin,
    output: echo,
    terminal: true,
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
    status = await session.run(line, terminalFor(rl, echo));
    running = false;
  }
  rl.close();
  process.stdout.write('exit\n');
  return status;
}

const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Standard input as what a learner types: each line runs in turn, and a
 * command that reads input (a container's shell, a confirmation) takes the
 * following lines, as a terminal would. With --echo, every prompt (the
 * host's or a container's) is printed with the line typed after it.
 */
async function fromPipe(session: Session, echo: boolean): Promise<number> {
  let status = 0;
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const next = async (prompt: string, options?: ReadOptions): Promise<string | null> => {
    const { value, done } = await lines.next();
    if (done) return null;
    // A secret is not shown, as a terminal with echo off would not show it.
    if (echo) process.stdout.write(options?.echo === false ? plain(prompt) : `${plain(prompt)}${value}\n`);
    return value;
  };
  const terminal: TerminalIO = { ...terminalFor(undefined), readLine: next };
  for (;;) {
    const line = await next(await session.prompt());
    if (line === null) return status;
    status = await session.run(line, terminal);
  }
}

async function findLesson(id: string): Promise<LessonOnDisk | undefined> {
  const lessons = await readLessons();
  const lesson = lessons.find((candidate) => candidate.id === id);
  if (!lesson) {
    const exercises = lessons.filter((candidate) => candidate.data.kind === 'exercise').map((candidate) => candidate.id);
    const others = lessons.filter((candidate) => candidate.data.kind === 'lesson').map((candidate) => candidate.id);
    process.stderr.write(`sim: no lesson or exercise ${JSON.stringify(id)}\n  exercises: ${exercises.join(', ') || 'none'}\n  lessons: ${others.join(', ')}\n`);
  }
  return lesson;
}

/** `--lesson ID`: the lesson's setup, as its page starts a fresh session (quietly; history left empty). */
async function startFromSetup(session: Session, id: string): Promise<number> {
  const lesson = await findLesson(id);
  if (!lesson) return 2;
  const quiet: TerminalIO = { columns: 80, write: async () => undefined, readLine: async () => null };
  for (const line of lesson.data.setup ? setupLines(lesson.data.setup) : []) {
    const status = await session.run(line, quiet);
    if (status !== 0) {
      process.stderr.write(`sim: the setup of ${id} failed at \`${line}\` (exit status ${status})\n`);
      return 1;
    }
  }
  return 0;
}

/** `--check ID`: the goals of a lesson or exercise against the restored session; the session file is left as it was. */
async function checkSaved(session: Session, id: string): Promise<number> {
  const lesson = await findLesson(id);
  if (!lesson) return 2;
  const report = await checkGoals(session, lesson);
  process.stdout.write(report.text);
  return report.allPassed ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '-h' || argv[0] === '--help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const options = parseOptions(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n${USAGE}`);
    return 2;
  }
  if (options.check !== undefined && (options.state === undefined || options.command !== undefined)) {
    process.stderr.write(`sim: --check needs --state FILE (a saved session) and no -c\n${USAGE}`);
    return 2;
  }
  if (options.check !== undefined && options.state !== undefined && !existsSync(options.state)) {
    process.stderr.write(`sim: ${options.state}: no such file (save a session with: sim --state ${options.state})\n`);
    return 2;
  }
  let snapshot;
  try {
    snapshot = options.state && existsSync(options.state) ? readSnapshot(JSON.parse(await readFile(options.state, 'utf8'))) : undefined;
  } catch (error) {
    process.stderr.write(`sim: cannot restore ${options.state}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const host = snapshot ? hostFromSnapshot(snapshot) : createHostFilesystem();
  if (options.workdir) await loadWorkdir(options.workdir, host);
  let session: Session;
  try {
    session = createSession({ registry: catalog, mirrors, host, seed: options.seed, snapshot });
  } catch (error) {
    process.stderr.write(`sim: cannot restore ${options.state}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (options.check !== undefined) return checkSaved(session, options.check);
  if (options.lesson !== undefined && snapshot === undefined) {
    const setUp = await startFromSetup(session, options.lesson);
    if (setUp !== 0) return setUp;
  }
  let status: number;
  if (options.command !== undefined) status = await session.run(options.command, terminalFor(undefined));
  else status = process.stdin.isTTY ? await interactive(session) : await fromPipe(session, options.echo);
  if (options.workdir) await storeWorkdir(options.workdir, host);
  if (options.state) await writeFile(options.state, JSON.stringify(await session.snapshot()));
  return status;
}

process.exitCode = await main(process.argv.slice(2));
