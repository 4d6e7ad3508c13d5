import type { ProgressEvent } from '../../distribution/pull';
import { humanSize } from './units';

/**
 * docker/cli's jsonmessage display, for a TTY: every layer keeps its own line,
 * rewritten in place (cursor up, clear line, status and progress, cursor back
 * down); a message without an ID starts a new block. Without a TTY, progress
 * updates are dropped and each status change is a new line.
 */
export class ProgressDisplay {
  private lines = new Map<string, number>();

  constructor(
    private readonly write: (text: string) => Promise<void>,
    private readonly tty: boolean,
    private readonly columns: number,
  ) {}

  async show(event: ProgressEvent): Promise<void> {
    if (!this.tty) {
      if (event.progress) return;
      await this.write(event.id ? `${event.id}: ${event.status}\n` : `${event.status}\n`);
      return;
    }
    const layerLine = event.id !== undefined && event.layer === true;
    if (!layerLine) {
      this.lines = new Map();
      await this.write(event.id ? `${event.id}: ${event.status}\n` : `${event.status}\n`);
      return;
    }
    const id = event.id as string;
    let out = '';
    let line = this.lines.get(id);
    if (line === undefined) {
      line = this.lines.size;
      this.lines.set(id, line);
      out += '\n';
    }
    const diff = this.lines.size - line;
    out += `\x1b[${diff}A\x1b[2K\r${id}: ${event.status} ${this.bar(event.progress)}\r\x1b[${diff}B`;
    await this.write(out);
  }

  /** jsonmessage's JSONProgress.String: a bar on terminals wider than 110 columns, then current/total. */
  private bar(progress: ProgressEvent['progress']): string {
    if (!progress || (progress.current <= 0 && progress.total <= 0)) return '';
    const percentage = Math.min(50, Math.floor(Math.floor((progress.current / progress.total) * 100) / 2));
    const box = this.columns > 110 ? `[${'='.repeat(percentage)}>${' '.repeat(50 - percentage)}] ` : '';
    const numbers = progress.current > progress.total ? humanSize(progress.current).padStart(8) : `${humanSize(progress.current).padStart(8)}/${humanSize(progress.total)}`;
    return box + numbers;
  }
}
