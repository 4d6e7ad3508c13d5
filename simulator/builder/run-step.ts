/**
 * A RUN step: its command runs in a build container — the stage's
 * filesystem with a writable layer on top, its environment, directory and
 * user — through the same userland as `docker run`, and what it changed
 * becomes the step's layer.
 */
import type { ReadWriteLayer } from '../archive/rw-layer';
import { newContainer } from '../daemon/containers';
import type { Engine } from '../daemon/engine';
import type { Digest } from '../digest/digest';
import { Signals } from '../runtime/process';
import { ContainerUserland, StartError } from '../runtime/userland';
import { Interrupted } from '../session/clock';
import { runEnvironment, type ImageState } from './image-state';

export interface RunOutcome {
  /** The process's exit status; for a process that could not start, the runtime's error instead. */
  exitCode: number;
  startError?: string;
}

/** Splits written text into whole lines for the progress log. */
class LineBuffer {
  private pending = '';

  constructor(private readonly emit: (line: string) => Promise<void>) {}

  async write(text: string): Promise<void> {
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) await this.emit(line.replace(/\r$/, ''));
  }

  async flush(): Promise<void> {
    if (this.pending !== '') await this.emit(this.pending);
    this.pending = '';
  }
}

/**
 * Runs `argv` in a build container whose writable layer is `options.layer`
 * (over the stage's filesystem); every line
 * it writes (stdout and stderr alike) goes to `log`. `hostname` is
 * `buildkitsandbox` under BuildKit, the container's short ID under the
 * classic builder.
 */
export async function runInBuildContainer(
  engine: Engine,
  state: ImageState,
  argv: readonly string[],
  options: { id: string; hostname: string; layer: ReadWriteLayer; log: (line: string) => Promise<void>; signal: AbortSignal },
): Promise<RunOutcome> {
  // Not in the engine's store: `docker ps -a` never shows it, and it holds no layer reference.
  const container = newContainer(engine, {
    id: options.id,
    name: '',
    image: '' as Digest,
    imageName: '',
    config: { Hostname: options.hostname, User: state.config.User ?? '', Env: runEnvironment(state), WorkingDir: state.config.WorkingDir || '/', Cmd: [...argv] },
    state: { status: 'running', startedAt: engine.clock.now() },
    layer: options.layer,
  });
  const output = new LineBuffer(options.log);
  const io = { stdout: output, stderr: output, readLine: async () => null, tty: false, columns: 80 };
  const signals = new Signals();
  const stop = (): void => void signals.deliver(9);
  options.signal.addEventListener('abort', stop, { once: true });
  try {
    const exitCode = await new ContainerUserland(engine, container).run(argv, io, signals, { interactive: false });
    await output.flush();
    return { exitCode };
  } catch (error) {
    if (error instanceof StartError) return { exitCode: error.status, startError: error.message.replace(/^failed to create task for container: /, '') };
    if (error instanceof Interrupted || options.signal.aborted) throw new Interrupted();
    throw error;
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
}
