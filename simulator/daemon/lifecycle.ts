import { isRunning, transitions, type Container } from '../container/container';
import { atoi } from '../cli/format/strconv';
import { conflict, EngineError, invalidParameter } from '../errdefs/errors';
import { Interrupted } from '../session/clock';
import type { OutputStream } from '../shell/command';
import { ProcessTable, Signals, SIGNALS, type ProcessIO, type RunningProcess } from '../runtime/process';
import { ContainerUserland, forgetMounts, StartError } from '../runtime/userland';
import { containerCommand, deleteContainer } from './containers';
import { countChanges } from './events';
import { bindPorts } from './ports';
import type { Engine } from './engine';

/** Where an attached client (docker run without -d, docker start -a) takes the process's streams. */
export interface Attach {
  io: ProcessIO;
}

/** The exit status of a process ended by SIGKILL (128 + 9). */
const KILLED = 128 + SIGNALS.SIGKILL;

/** docker stop's default grace period, in seconds (moby's container.DefaultStopTimeout). */
export const DEFAULT_STOP_TIMEOUT = 10;

/** moby/sys/signal's SignalMap for Linux (signal_linux.go): the names `docker kill -s` takes, without `SIG`. */
const SIGNAL_MAP: ReadonlyMap<string, number> = new Map<string, number>([
  ['ABRT', 6], ['ALRM', 14], ['BUS', 7], ['CHLD', 17], ['CLD', 17], ['CONT', 18], ['FPE', 8], ['HUP', 1], ['ILL', 4], ['INT', 2],
  ['IO', 29], ['IOT', 6], ['KILL', 9], ['PIPE', 13], ['POLL', 29], ['PROF', 27], ['PWR', 30], ['QUIT', 3], ['SEGV', 11],
  ['STKFLT', 16], ['STOP', 19], ['SYS', 31], ['TERM', 15], ['TRAP', 5], ['TSTP', 20], ['TTIN', 21], ['TTOU', 22], ['URG', 23],
  ['USR1', 10], ['USR2', 12], ['VTALRM', 26], ['WINCH', 28], ['XCPU', 24], ['XFSZ', 25],
  ['RTMIN', 34], ...Array.from({ length: 15 }, (_, i) => [`RTMIN+${i + 1}`, 35 + i] as [string, number]),
  ...Array.from({ length: 14 }, (_, i) => [`RTMAX-${14 - i}`, 50 + i] as [string, number]), ['RTMAX', 64],
]);
const PLATFORM_SIGNALS = new Set(SIGNAL_MAP.values());

/**
 * moby/sys/signal.ParseSignal: a number (strconv.Atoi: an optional sign,
 * decimal digits, within int64; not 0) or a name with or without `SIG`, in
 * any case. Anything else is `invalid signal: <text>`.
 */
export function parseSignal(text: string): number {
  const number = atoi(text);
  if (number !== undefined) {
    if (number === 0) throw invalidParameter(`invalid signal: ${text}`);
    return number;
  }
  const upper = text.toUpperCase();
  const signal = SIGNAL_MAP.get(upper.startsWith('SIG') ? upper.slice(3) : upper);
  if (signal === undefined) throw invalidParameter(`invalid signal: ${text}`);
  return signal;
}

/** The signal `docker stop` sends: the container's STOPSIGNAL when it parses, SIGTERM otherwise (moby's container.StopSignal). */
function stopSignalOf(container: Container): number {
  try {
    return container.config.StopSignal ? parseSignal(container.config.StopSignal) : SIGNALS.SIGTERM;
  } catch {
    return SIGNALS.SIGTERM;
  }
}

/** An error the API router or daemon wraps with context (pkg/errors' Wrapf: `<prefix>: <cause>`), keeping its kind. */
function wrapped(error: unknown, prefix: string): unknown {
  return error instanceof EngineError ? new EngineError(error.kind, `${prefix}: ${error.message}`) : error;
}

/** moby's errNotRunning / Container.GetRunningTask (a Conflict). */
function notRunning(container: Container): EngineError {
  return conflict(`container ${container.id} is not running`);
}

/**
 * The cgroup freezer of paused containers: a frozen process gets no further
 * than its next write, and signals sent to it wait until it thaws.
 */
interface Freezer {
  thawed: Promise<void>;
  thaw(): void;
  pending: number[];
}
const freezers = new WeakMap<Container, Freezer>();

function freeze(container: Container): void {
  if (freezers.has(container)) return;
  let thaw: () => void = () => undefined;
  const thawed = new Promise<void>((resolve) => (thaw = resolve));
  freezers.set(container, { thawed, thaw, pending: [] });
}

function thaw(engine: Engine, container: Container): void {
  const freezer = freezers.get(container);
  freezers.delete(container);
  if (container.state.status === 'paused') container.state.status = 'running';
  if (!freezer) return;
  freezer.thaw();
  const process = engine.processes.get(container.id);
  for (const signal of freezer.pending) process?.signals.deliver(signal);
}

/** Containers being restarted: their process's exit does not remove them (--rm), as moby's HasBeenManuallyRestarted. */
const restarting = new WeakSet<Container>();

/**
 * Starts a container's process (moby's daemon.containerStart): checks that
 * its command can run — a failure leaves the container Created with the exit
 * status and State.Error, as runc's does, and removes a --rm container — then
 * runs it in the background. Everything it writes goes to its log, and to an
 * attached client. A paused container cannot start; a running one is left
 * as it is (the API's 304 Not Modified).
 */
export function startContainer(engine: Engine, container: Container, attach?: Attach): RunningProcess {
  // moby's validateState: paused first, as a paused container is also running.
  if (container.state.status === 'paused') throw conflict('cannot start a paused container, try unpause instead');
  const running = engine.processes.get(container.id);
  if (running && isRunning(container.state)) return running;
  const argv = containerCommand(container);
  if (argv.length === 0) throw invalidParameter('no command specified');
  container.networkAddress = freeAddress(engine);
  try {
    container.publishedPorts = bindPorts(engine, container);
  } catch (error) {
    delete container.networkAddress;
    throw error;
  }
  const userland = new ContainerUserland(engine, container);
  try {
    userland.checkStart(argv, userland.environment(), userland.workingDir);
  } catch (error) {
    delete container.networkAddress;
    delete container.publishedPorts;
    if (error instanceof StartError) {
      Object.assign(container.state, { exitCode: error.status, error: error.message });
      if (container.hostConfig.autoRemove) deleteContainer(engine, container);
      throw new StartFailure(error.message, error.status);
    }
    throw error;
  }
  transitions.start(container.state, engine.clock.now());
  engine.events.emit({ type: 'container.started', containerId: container.id, name: container.name, imageId: container.image });
  const signals = new Signals();
  const table = new ProcessTable();
  table.spawn({ ppid: 0, uid: userland.account.uid, argv, started: engine.clock.now(), tty: container.config.Tty === true }, 1);
  const { io, attach: attachClient } = loggedIO(engine, container, attach?.io, signals.signal);
  const killed = new Promise<number>((resolve) => signals.signal.addEventListener('abort', () => resolve(KILLED), { once: true }));
  const ran = userland.run(argv, io, signals, { interactive: container.config.OpenStdin === true, table, init: true }).catch(async (error: unknown) => {
    if (error instanceof Interrupted) return 130;
    await io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  });
  const exited = Promise.race([ran, killed]).then((status) => {
    freezers.get(container)?.thaw();
    freezers.delete(container);
    transitions.exit(container.state, status, engine.clock.now());
    engine.events.emit({ type: 'container.exited', containerId: container.id, name: container.name, imageId: container.image, exitCode: status, changes: countChanges(container.layer.diff()) });
    delete container.networkAddress;
    delete container.publishedPorts;
    forgetMounts(container);
    engine.processes.delete(container.id);
    for (const listener of engine.logListeners) listener(container.id);
    if (container.hostConfig.autoRemove && !restarting.has(container)) deleteContainer(engine, container);
    return status;
  });
  const process: RunningProcess = { signals, exited, table, attach: attachClient };
  engine.processes.set(container.id, process);
  return process;
}

/**
 * Lets a process that was just started in the background do what it does at
 * once (an entrypoint script, a server's start-up lines) until it waits for
 * something — a signal, input, time — so that `docker logs` right after
 * `docker run -d` shows them, as it would a moment later on a real machine.
 */
export async function settle(container: Container, process: RunningProcess): Promise<void> {
  let ended = false;
  void process.exited.then(() => (ended = true));
  let quiet = 0;
  // Real time, not the engine's clock: this only bounds how long the learner waits for the prompt.
  const deadline = Date.now() + SETTLE_MAX_MS;
  for (let turn = 0; turn < SETTLE_TURNS && !ended && quiet < QUIET_TURNS && Date.now() < deadline; turn++) {
    const before = container.logs.length;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    quiet = container.logs.length === before ? quiet + 1 : 0;
  }
}

/**
 * How long a process may go without writing before it counts as waiting:
 * nginx's entrypoint spends up to a dozen turns on a script between two of
 * its lines, so a few turns are not enough.
 */
const SETTLE_TURNS = 1000;
const QUIET_TURNS = 25;
/** A process that never stops writing is left to run after this. */
const SETTLE_MAX_MS = 500;

/** The lowest address of 172.17.0.0/16 no running container holds (.1 is the bridge's gateway). */
function freeAddress(engine: Engine): string {
  const taken = new Set(engine.containers.list().map((other) => (isRunning(other.state) ? other.networkAddress : undefined)));
  for (let host = 2; ; host++) {
    const address = `172.17.${host >> 8}.${host & 255}`;
    if (!taken.has(address)) return address;
  }
}

/**
 * After a session is restored from a snapshot, the containers that were
 * running have no process: start them again, as a daemon with a restart
 * policy would (their main process runs from the beginning, in the same
 * writable layer). One that cannot start is left exited with runc's status.
 */
export function resumeContainers(engine: Engine): void {
  for (const container of engine.containers.list()) {
    if (!isRunning(container.state) || engine.processes.has(container.id)) continue;
    container.state.status = 'running';
    try {
      startContainer(engine, container);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      transitions.exit(container.state, container.state.exitCode || 1, engine.clock.now());
    }
  }
}

/** A start that runc refused: the daemon's error, with the status docker run exits with. */
export class StartFailure extends EngineError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super('system', message);
  }
}

/**
 * The process's streams: each write goes to the container's log (json-file),
 * and to the attached client if there is one. Without a client, stdin is
 * closed unless it was kept open (-i), in which case reads wait for one.
 * While the container is paused, a write waits for it to be unpaused; once
 * the process is killed, it writes nothing more.
 */
function loggedIO(engine: Engine, container: Container, first: ProcessIO | undefined, killed: AbortSignal): { io: ProcessIO; attach(client: ProcessIO): () => void } {
  const clients = new Set<ProcessIO>(first ? [first] : []);
  /** A read waiting for a client with stdin (the process kept stdin open, -i, but nobody is attached). */
  let waiting: ((client: ProcessIO) => void) | undefined;
  const stdinClient = (): ProcessIO | undefined => [...clients].reverse().find((client) => client.readsInput !== false);
  const logged = (stream: 'stdout' | 'stderr', pick: (client: ProcessIO) => OutputStream): OutputStream => ({
    async write(text) {
      const frozen = freezers.get(container);
      if (frozen) await frozen.thawed;
      // A process killed while frozen writes nothing more.
      if (killed.aborted) return;
      container.logs.push({ stream, text, time: engine.clock.now() });
      for (const listener of engine.logListeners) listener(container.id);
      for (const client of clients) await pick(client).write(text);
    },
  });
  const io: ProcessIO = {
    stdout: logged('stdout', (client) => client.stdout),
    stderr: logged(container.config.Tty ? 'stdout' : 'stderr', (client) => client.stderr),
    readLine: (prompt, completer) => {
      const client = stdinClient();
      if (client) return client.readLine(prompt, completer);
      if (!container.config.OpenStdin) return Promise.resolve(null);
      // Nobody is attached: the read waits for docker attach, which shows no prompt (the shell printed it to no one).
      return new Promise<string | null>((resolve) => {
        waiting = (attached) => void attached.readLine('').then(resolve, () => resolve(null));
      });
    },
    tty: container.config.Tty === true,
    columns: first?.columns ?? 80,
    onInterrupt: (handler) => stdinClient()?.onInterrupt?.(handler) ?? (() => undefined),
  };
  const attach = (client: ProcessIO): (() => void) => {
    clients.add(client);
    if (waiting && client.readsInput !== false) {
      const resume = waiting;
      waiting = undefined;
      resume(client);
    }
    return () => clients.delete(client);
  };
  return { io, attach };
}

/**
 * Sends a signal to a container's process, as moby's killWithSignal: a
 * paused container is thawed when the signal is SIGKILL or its stop signal
 * (or it has none); otherwise the signal waits for it to be unpaused.
 */
function signalProcess(engine: Engine, container: Container, process: RunningProcess, signal: number): void {
  const freezer = freezers.get(container);
  if (freezer) {
    const configured = container.config.StopSignal ? stopSignalOf(container) : undefined;
    if (signal === SIGNALS.SIGKILL || configured === undefined || configured === signal) {
      thaw(engine, container);
    } else {
      freezer.pending.push(signal);
      return;
    }
  }
  process.signals.deliver(signal);
}

/**
 * docker stop (moby's containerStop): the stop signal (the container's, or
 * `signal`), then SIGKILL when the process has not ended after `timeout`
 * seconds (a negative timeout waits for ever). A container that is not
 * running is left as it is.
 */
export async function stopContainer(engine: Engine, container: Container, options: { timeout?: number; signal?: string } = {}): Promise<void> {
  if (!isRunning(container.state)) return;
  const signal = options.signal ? parseSignal(options.signal) : stopSignalOf(container);
  // Every running container has its process (restoring a snapshot starts them again).
  const process = engine.processes.get(container.id);
  if (!process) return;
  signalProcess(engine, container, process, signal);
  const timeout = options.timeout ?? DEFAULT_STOP_TIMEOUT;
  // A zero grace period expires at once: only a process that has already gone escapes SIGKILL.
  if (timeout !== 0) {
    // A process that handles the signal shuts down now; only one that ignores it waits out the grace period.
    await settle(container, process);
    const grace = new AbortController();
    const ended = await Promise.race([
      process.exited.then(() => true),
      timeout < 0 ? new Promise<boolean>(() => undefined) : engine.clock.sleep(timeout * 1000, grace.signal).then(() => false, () => false),
    ]);
    grace.abort();
    if (ended) return;
  }
  if (!isRunning(container.state)) return;
  signalProcess(engine, container, process, SIGNALS.SIGKILL);
  await process.exited;
}

/**
 * Kills a container's process (moby's Kill): SIGKILL by default, waiting for
 * the process to end; any other signal is only delivered (killWithSignal).
 * Throws moby's errNotRunning for a container that does not run.
 */
export async function killContainer(engine: Engine, container: Container, signalName?: string): Promise<void> {
  const signal = signalName ? platformSignal(signalName) : SIGNALS.SIGKILL;
  const process = engine.processes.get(container.id);
  if (!isRunning(container.state) || !process) throw notRunning(container);
  signalProcess(engine, container, process, signal);
  if (signal === SIGNALS.SIGKILL) await process.exited;
  // A process that handles the signal reacts now, as it would before the learner's next command.
  else await settle(container, process);
}

/** A signal that moby/sys/signal parses and that Linux has (ValidSignalForPlatform). */
function platformSignal(text: string): number {
  const signal = parseSignal(text);
  if (!PLATFORM_SIGNALS.has(signal)) throw invalidParameter(`the linux daemon does not support signal ${signal}`);
  return signal;
}

/**
 * POST /containers/{name}/kill: the signal is checked before the container
 * is looked up, and the router wraps every error with the name as given
 * (`cannot kill container: <name>: …`).
 */
export async function containerKill(engine: Engine, reference: string, signalName?: string): Promise<void> {
  try {
    if (signalName) platformSignal(signalName);
    await killContainer(engine, engine.containers.get(reference), signalName);
  } catch (error) {
    throw wrapped(error, `cannot kill container: ${reference}`);
  }
}

/**
 * POST /containers/{name}/stop (moby's ContainerStop): a container that is
 * not running is not an error (304 Not Modified); a failure to stop is
 * wrapped as `cannot stop container: <name>: …`.
 */
export async function containerStop(engine: Engine, reference: string, options: { timeout?: number; signal?: string } = {}): Promise<void> {
  const container = engine.containers.get(reference);
  if (!isRunning(container.state)) return;
  try {
    await stopContainer(engine, container, options);
  } catch (error) {
    throw wrapped(error, `cannot stop container: ${reference}`);
  }
}

/**
 * POST /containers/{name}/restart (moby's ContainerRestart): stops a running
 * container (its --rm does not remove it meanwhile), then starts it; errors
 * are wrapped as `Cannot restart container <name>: …`.
 */
export async function containerRestart(
  engine: Engine,
  reference: string,
  options: { timeout?: number; signal?: string } = {},
): Promise<{ container: Container; process: RunningProcess }> {
  const container = engine.containers.get(reference);
  try {
    if (isRunning(container.state)) {
      restarting.add(container);
      try {
        await stopContainer(engine, container, options);
      } finally {
        restarting.delete(container);
      }
    }
    return { container, process: startContainer(engine, container) };
  } catch (error) {
    throw error instanceof EngineError ? new EngineError(error.kind, `Cannot restart container ${reference}: ${error.message}`) : error;
  }
}

/** docker pause: freezes the container's processes (moby's containerPause). */
export function pauseContainer(container: Container): void {
  // Container.GetRunningTask first (a paused container is running), then the paused check.
  if (!isRunning(container.state)) throw notRunning(container);
  if (container.state.status === 'paused') throw conflict(`Container ${container.id} is already paused`);
  transitions.pause(container.state);
  freeze(container);
}

/** docker unpause: thaws a paused container; signals sent meanwhile arrive now. */
export function unpauseContainer(engine: Engine, container: Container): void {
  if (container.state.status !== 'paused') throw new EngineError('system', `Container ${container.id} is not paused`);
  transitions.unpause(container.state);
  thaw(engine, container);
}
