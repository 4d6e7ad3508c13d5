/**
 * BuildKit's progress: the vertices of a build (one per step, plus the
 * internal ones), their statuses and logs, and the two displays buildx draws
 * from them (util/progress/progressui): `plain` (`#5 [2/3] RUN …`,
 * `#5 DONE 0.3s`), and `tty`, the live `[+] Building 1.2s (8/8) FINISHED`
 * frame redrawn in place. Times come from the session's clock.
 */
import type { Clock } from '../session/clock';
import { humanSize } from '../cli/format/units';

export interface VertexStatus {
  id: string;
  started: number;
  completed?: number;
  current?: number;
  total?: number;
}

export interface Vertex {
  /** 1-based, in the order vertices started: the `#N` of plain output. */
  index: number;
  name: string;
  started: number;
  completed?: number;
  cached?: boolean;
  error?: string;
  statuses: VertexStatus[];
  logs: Array<{ time: number; text: string }>;
  /** Build checks reported against it (the Dockerfile's, on `load build definition`). */
  warnings: string[];
}

/** Where progress goes as it happens. */
export interface ProgressDisplay {
  started(vertex: Vertex): Promise<void>;
  logged(vertex: Vertex, line: string, time: number): Promise<void>;
  statusChanged(vertex: Vertex, status: VertexStatus): Promise<void>;
  warned(vertex: Vertex, warning: string): Promise<void>;
  completed(vertex: Vertex): Promise<void>;
  /** The build is over: the final frame (tty). */
  finish(): Promise<void>;
}

export class BuildProgress {
  readonly vertices: Vertex[] = [];
  private readonly display: ProgressDisplay;

  /** `display` is made for this build's vertices (the tty frame lists them all at every redraw). */
  constructor(
    private readonly clock: Clock,
    display: (vertices: () => readonly Vertex[]) => ProgressDisplay,
  ) {
    this.display = display(() => this.vertices);
  }

  async start(name: string): Promise<Vertex> {
    const vertex: Vertex = { index: this.vertices.length + 1, name, started: this.clock.now(), statuses: [], logs: [], warnings: [] };
    this.vertices.push(vertex);
    await this.display.started(vertex);
    return vertex;
  }

  async log(vertex: Vertex, text: string): Promise<void> {
    const time = this.clock.now();
    for (const line of text.replace(/\n$/, '').split('\n')) {
      vertex.logs.push({ time, text: line });
      await this.display.logged(vertex, line, time);
    }
  }

  /** A status line of a vertex (`transferring context: 2B`), done at once unless `running`. */
  async status(vertex: Vertex, id: string, options: { started?: number; current?: number; total?: number } = {}): Promise<void> {
    const status: VertexStatus = { id, started: options.started ?? this.clock.now(), completed: this.clock.now(), ...(options.current !== undefined ? { current: options.current } : {}), ...(options.total !== undefined ? { total: options.total } : {}) };
    vertex.statuses.push(status);
    await this.display.statusChanged(vertex, status);
  }

  /** Every warning of the build, in order: buildx's summary lists them after the display. */
  get warnings(): string[] {
    return this.vertices.flatMap((vertex) => vertex.warnings);
  }

  async warn(vertex: Vertex, warning: string): Promise<void> {
    vertex.warnings.push(warning);
    await this.display.warned(vertex, warning);
  }

  async done(vertex: Vertex, outcome: { cached?: boolean; error?: string } = {}): Promise<void> {
    vertex.completed = this.clock.now();
    if (outcome.cached) vertex.cached = true;
    if (outcome.error !== undefined) vertex.error = outcome.error;
    await this.display.completed(vertex);
  }

  /** A vertex that was found in the cache: started and completed at once. */
  async cached(name: string): Promise<Vertex> {
    const vertex = await this.start(name);
    await this.done(vertex, { cached: true });
    return vertex;
  }

  finish(): Promise<void> {
    return this.display.finish();
  }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
/** How long a status must run for the plain printer to have seen it running. */
const SEEN_RUNNING_MS = 50;

/** The plain printer: every event as lines, each vertex's block after a blank line (progressui/printer.go). */
export class PlainDisplay implements ProgressDisplay {
  private current: Vertex | undefined;

  constructor(private readonly write: (text: string) => Promise<void>) {}

  static async open(write: (text: string) => Promise<void>): Promise<PlainDisplay> {
    await write('#0 building with "default" instance using docker driver\n');
    return new PlainDisplay(write);
  }

  private async header(vertex: Vertex): Promise<void> {
    if (this.current === vertex) return;
    this.current = vertex;
    await this.write(`\n#${vertex.index} ${vertex.name}\n`);
  }

  async started(vertex: Vertex): Promise<void> {
    await this.header(vertex);
  }

  async logged(vertex: Vertex, line: string, time: number): Promise<void> {
    await this.header(vertex);
    await this.write(`#${vertex.index} ${((time - vertex.started) / 1000).toFixed(3)} ${line}\n`);
  }

  async statusChanged(vertex: Vertex, status: VertexStatus): Promise<void> {
    await this.header(vertex);
    const amount = status.total !== undefined ? ` ${humanSize(status.current ?? 0)} / ${humanSize(status.total)}` : '';
    const took = (status.completed ?? status.started) - status.started;
    // A status seen while it ran (the printer looks every 100 ms or so) is printed then, and again with its time when done; a quick one once.
    const seen = took >= SEEN_RUNNING_MS;
    if (seen && status.total === undefined) await this.write(`#${vertex.index} ${status.id}\n`);
    await this.write(`#${vertex.index} ${status.id}${amount}${seen ? ` ${seconds(took)}s` : ''} done\n`);
  }

  async warned(vertex: Vertex, warning: string): Promise<void> {
    await this.header(vertex);
    await this.write(`#${vertex.index} WARN: ${warning}\n`);
  }

  async completed(vertex: Vertex): Promise<void> {
    await this.header(vertex);
    if (vertex.cached) await this.write(`#${vertex.index} CACHED\n`);
    else if (vertex.error !== undefined) await this.write(`#${vertex.index} ERROR: ${vertex.error}\n`);
    else await this.write(`#${vertex.index} DONE ${seconds((vertex.completed ?? vertex.started) - vertex.started)}s\n`);
  }

  async finish(): Promise<void> {
    // The plain printer ends with nothing of its own.
  }
}

const REDRAW_MS = 100;
const BLUE = '\x1b[34m';
const RED = '\x1b[31m';
const YELLOW = '\x1b[33m';
const FAINT = '\x1b[2m';
/** How many of a running step's last output lines the frame shows (display.go's termHeight). */
const LOG_TAIL = 6;
const RESET = '\x1b[0m';

/** align(l, r, w) of display.go: `l` padded so that `l r` is `w` wide. */
function align(left: string, right: string, width: number): string {
  return `${left.padEnd(Math.max(0, width - right.length - 1))} ${right}`;
}

/**
 * The tty display: a frame of every vertex and status line, redrawn in
 * place (cursor up, rewrite) whenever something changes, as buildx's
 * progressui does on a terminal. Finished lines are blue, failed ones red.
 */
export class TtyDisplay implements ProgressDisplay {
  private drawn = 0;
  private drawnAt: number | undefined;

  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly clock: Clock,
    private readonly startedAt: number,
    private readonly width: number,
    private readonly vertices: () => readonly Vertex[],
  ) {}

  private frame(finished: boolean): string[] {
    const vertices = this.vertices();
    const completed = vertices.filter((v) => v.completed !== undefined).length;
    const now = this.clock.now();
    const status = finished && completed === vertices.length ? 'FINISHED' : '';
    const lines = [align(`[+] Building ${seconds(now - this.startedAt)}s (${completed}/${vertices.length}) ${status}`, 'docker:default', this.width - 1)];
    const job = (name: string, started: number, ended: number | undefined, color: string | undefined): void => {
      const elapsed = (ended ?? now) - started;
      const timer = ` ${seconds(elapsed < 50 ? 0 : elapsed).padStart(3)}s`;
      const left = this.width - 4 - timer.length - 2;
      if (left < 12) return;
      const line = align(` => ${name.slice(0, left)}`, timer.slice(1), this.width - 1);
      lines.push(color ? `${color}${line}${RESET}` : line);
    };
    for (const vertex of vertices) {
      const color = vertex.completed === undefined ? undefined : vertex.error !== undefined ? RED : BLUE;
      const prefix = vertex.cached ? 'CACHED ' : vertex.error !== undefined ? 'ERROR ' : '';
      job(`${prefix}${vertex.name}`, vertex.started, vertex.completed, color);
      for (const s of vertex.statuses) {
        const amount = s.total !== undefined ? ` ${humanSize(s.current ?? 0)} / ${humanSize(s.total)}` : '';
        job(`=> ${s.id}${amount}`, s.started, s.completed, color);
      }
      for (const warning of vertex.warnings) job(`WARN: ${warning}`, vertex.completed ?? vertex.started, vertex.completed ?? vertex.started, YELLOW);
      // A running step shows the tail of its output, faint, until it completes.
      if (vertex.completed === undefined) {
        for (const { text } of vertex.logs.slice(-LOG_TAIL)) lines.push(`${FAINT} => => # ${text.slice(0, this.width - 10)}${RESET}`);
      }
    }
    return lines;
  }

  private async draw(finished = false): Promise<void> {
    // buildx redraws ten times a second, not at every event: a fast build shows only its final frame.
    const now = this.clock.now();
    if (!finished && this.drawnAt !== undefined && now - this.drawnAt < REDRAW_MS) return;
    this.drawnAt = now;
    const lines = this.frame(finished);
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    // A frame shorter than the last (a step's log tail gone) clears the lines left below it.
    const leftover = Math.max(0, this.drawn - lines.length);
    this.drawn = lines.length;
    const clear = leftover > 0 ? `${'\x1b[K\n'.repeat(leftover)}\x1b[${leftover}A` : '';
    await this.write(`\x1b[?25l${up}${lines.map((line) => `\r${line}\x1b[K\n`).join('')}${clear}\x1b[?25h`);
  }

  started(): Promise<void> {
    return this.draw();
  }

  logged(): Promise<void> {
    return this.draw();
  }

  statusChanged(): Promise<void> {
    return this.draw();
  }

  warned(): Promise<void> {
    return this.draw();
  }

  completed(): Promise<void> {
    return this.draw();
  }

  finish(): Promise<void> {
    return this.draw(true);
  }
}
