import { isRunning, transitions, type Container } from '../container/container';
import { conflict, EngineError, invalidParameter } from '../errdefs/errors';
import { Interrupted } from '../session/clock';
import type { OutputStream } from '../shell/command';
import { parseSignal, Signals, SIGNALS, type ProcessIO, type RunningProcess } from '../runtime/process';
import { ContainerUserland, StartError } from '../runtime/userland';
import { containerCommand } from './containers';
import type { Engine } from './engine';

/** Where an attached client (docker run without -d, docker start -a) takes the process's streams. */
export interface Attach {
  io: ProcessIO;
}

/** The exit status of a process ended by SIGKILL (128 + 9). */
const KILLED = 128 + SIGNALS.SIGKILL;

/** docker stop's default grace period, in seconds. */
export const DEFAULT_STOP_TIMEOUT = 10;

/**
 * Starts a container's process (moby's daemon.containerStart): checks that
 * its command can run — a failure leaves the container Created with the exit
 * status and State.Error, as runc's does — then runs it in the background.
 * Everything it writes goes to its log, and to an attached client.
 */
export function startContainer(engine: Engine, container: Container, attach?: Attach): RunningProcess {
  const running = engine.processes.get(container.id);
  if (running && isRunning(container.state)) return running;
  const argv = containerCommand(container);
  if (argv.length === 0) throw invalidParameter('no command specified');
  const userland = new ContainerUserland(engine, container);
  try {
    userland.checkStart(argv, userland.environment(), userland.workingDir);
  } catch (error) {
    if (error instanceof StartError) {
      Object.assign(container.state, { exitCode: error.status, error: error.message });
      throw new StartFailure(error.message, error.status);
    }
    throw error;
  }
  transitions.start(container.state, engine.clock.now());
  const signals = new Signals();
  const io = loggedIO(engine, container, attach?.io);
  const killed = new Promise<number>((resolve) => signals.signal.addEventListener('abort', () => resolve(KILLED), { once: true }));
  const ran = userland.run(argv, io, signals, { interactive: container.config.OpenStdin === true }).catch(async (error: unknown) => {
    if (error instanceof Interrupted) return 130;
    await io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  });
  const exited = Promise.race([ran, killed]).then((status) => {
    transitions.exit(container.state, status, engine.clock.now());
    engine.processes.delete(container.id);
    for (const listener of engine.logListeners) listener(container.id);
    if (container.hostConfig.autoRemove) engine.containers.delete(container.id);
    return status;
  });
  const process: RunningProcess = { signals, exited };
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
  for (let turn = 0; turn < SETTLE_TURNS && !ended && quiet < QUIET_TURNS; turn++) {
    const before = container.logs.length;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    quiet = container.logs.length === before ? quiet + 1 : 0;
  }
}

const SETTLE_TURNS = 500;
const QUIET_TURNS = 5;

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
 */
function loggedIO(engine: Engine, container: Container, attached: ProcessIO | undefined): ProcessIO {
  const logged = (stream: 'stdout' | 'stderr', forward: OutputStream | undefined): OutputStream => ({
    async write(text) {
      container.logs.push({ stream, text, time: engine.clock.now() });
      for (const listener of engine.logListeners) listener(container.id);
      await forward?.write(text);
    },
  });
  return {
    stdout: logged('stdout', attached?.stdout),
    stderr: logged(container.config.Tty ? 'stdout' : 'stderr', attached?.stderr),
    readLine: attached ? (prompt) => attached.readLine(prompt) : container.config.OpenStdin ? () => new Promise<string | null>(() => undefined) : async () => null,
    tty: container.config.Tty === true,
    columns: attached?.columns ?? 80,
    ...(attached?.onInterrupt ? { onInterrupt: attached.onInterrupt } : {}),
  };
}

/**
 * docker stop: the container's stop signal, then SIGKILL when the process
 * has not ended after `timeout` seconds (moby's containerStop).
 */
export async function stopContainer(engine: Engine, container: Container, options: { timeout?: number; signal?: string } = {}): Promise<void> {
  const process = engine.processes.get(container.id);
  if (!isRunning(container.state)) return;
  if (container.state.status === 'paused') container.state.status = 'running';
  if (!process) {
    // Restored from a snapshot: nothing runs behind the state; it stops as its process would on SIGTERM.
    transitions.exit(container.state, 0, engine.clock.now());
    return;
  }
  const signal = parseSignal(options.signal ?? container.config.StopSignal ?? 'SIGTERM');
  if (signal === undefined) throw invalidParameter(`Invalid signal: ${options.signal ?? container.config.StopSignal ?? ''}`);
  process.signals.deliver(signal);
  // A process that handles the signal shuts down now; only one that ignores it waits out the grace period.
  await settle(container, process);
  const timeout = options.timeout ?? DEFAULT_STOP_TIMEOUT;
  const grace = new AbortController();
  const ended = await Promise.race([process.exited.then(() => true), timeout < 0 ? new Promise<boolean>(() => undefined) : engine.clock.sleep(timeout * 1000, grace.signal).then(() => false, () => false)]);
  grace.abort();
  if (!ended) {
    process.signals.deliver(SIGNALS.SIGKILL);
    await process.exited;
  }
}

/** docker kill: delivers a signal (SIGKILL by default) to a running container. */
export async function killContainer(engine: Engine, container: Container, signalName = 'SIGKILL'): Promise<void> {
  const signal = parseSignal(signalName);
  if (signal === undefined) throw invalidParameter(`Invalid signal: ${signalName}`);
  if (!isRunning(container.state)) throw conflict(`cannot kill container: ${container.id}: container ${container.id} is not running`);
  const process = engine.processes.get(container.id);
  if (!process) {
    transitions.exit(container.state, KILLED, engine.clock.now());
    return;
  }
  if (process.signals.deliver(signal)) await process.exited;
}

export function pauseContainer(container: Container): void {
  if (container.state.status === 'paused') throw conflict(`Container ${container.id} is already paused`);
  if (!isRunning(container.state)) throw conflict(`Container ${container.id} is not running`);
  transitions.pause(container.state);
}

export function unpauseContainer(container: Container): void {
  if (container.state.status !== 'paused') throw conflict(`Container ${container.id} is not paused`);
  transitions.unpause(container.state);
}
