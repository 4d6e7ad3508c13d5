import type { Session } from '../../simulator/session/types';

/** Which command line an event came from: the line as typed, and which run of it (the same line may run twice). */
export interface LineOfEvent {
  run: number;
  text: string;
}

/**
 * The command line behind each engine event, kept from the moment the page's
 * session starts, so "What happened" can group by line even for lines that
 * ran before its tab was first opened.
 */
export class LineLog {
  private readonly byEvent = new Map<number, LineOfEvent>();
  private readonly listeners = new Set<(lines: ReadonlyMap<number, LineOfEvent>) => void>();
  private run = 0;

  constructor(session: Session) {
    session.onLineFinished?.((outcome) => {
      if (outcome.events.length === 0) return;
      this.run++;
      for (const event of outcome.events) this.byEvent.set(event.id, { run: this.run, text: outcome.line });
      const lines = this.lines;
      for (const listener of this.listeners) listener(lines);
    });
  }

  /** A copy: a new map after every line, so views notice the change. */
  get lines(): ReadonlyMap<number, LineOfEvent> {
    return new Map(this.byEvent);
  }

  subscribe(listener: (lines: ReadonlyMap<number, LineOfEvent>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const logs = new WeakMap<Session, LineLog>();

export function lineLogOf(session: Session): LineLog {
  let log = logs.get(session);
  if (!log) {
    log = new LineLog(session);
    logs.set(session, log);
  }
  return log;
}
