import type { EngineEvent } from '../daemon/events';
import type { CompletionResult, Session, SessionSnapshot, SessionState, TerminalIO, TryResult } from '../session/types';
import type { Check, CheckResult } from '../checkpoints/types';
import type { ViewAnswer, ViewQuery } from '../view/query';
import type { ClientMessage, MessageEndpoint, RegistryActionAnswer, ResultValue, RunResult, ServerMessage } from './protocol';
import type { RegistryAction, RegistryActionResult } from '../registry/actions';

interface Pending {
  resolve(value: ResultValue): void;
  reject(error: Error): void;
}

/**
 * The page's side of a session served by {@link serveSession}: the same
 * {@link Session} interface, each call a message to the worker. One line runs
 * at a time, so output and reads belong to the current run's terminal.
 */
export class RemoteSession implements Session {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private terminal: TerminalIO | undefined;
  /** Bumped by an interrupt: queued output of an earlier generation is dropped. */
  private generation = 0;
  /** Between an interrupt and the session's acknowledgement of it: output produced before the interrupt. */
  private discarding = false;
  /** Waiting for the session to acknowledge an interrupt. */
  private acknowledgements: Array<() => void> = [];
  /** Output is written in order: each chunk waits for the one before. */
  private writing: Promise<void> = Promise.resolve();
  private readonly eventListeners = new Set<(event: EngineEvent) => void>();

  constructor(
    private readonly endpoint: MessageEndpoint,
    state?: Partial<SessionState>,
    snapshot?: SessionSnapshot,
    /** Where the engine's event numbering starts (a replacement continues its predecessor's). */
    firstEventId?: number,
  ) {
    endpoint.addEventListener('message', ({ data }) => this.receive(data as ServerMessage));
    endpoint.start?.();
    this.send({ type: 'init', ...(state ? { state } : {}), ...(snapshot ? { snapshot } : {}), ...(firstEventId === undefined ? {} : { firstEventId }) });
  }

  async run(line: string, io: TerminalIO): Promise<number> {
    return (await this.runWithState(line, io)).status;
  }

  /** Like {@link run}, with the state the session had after the line. */
  async runWithState(line: string, io: TerminalIO): Promise<RunResult> {
    this.terminal = io;
    try {
      const result = (await this.request({ type: 'run', line, columns: io.columns, tty: io.tty ?? false })) as RunResult;
      await this.writing;
      return result;
    } finally {
      this.terminal = undefined;
    }
  }

  complete(line: string, cursor: number): Promise<CompletionResult> {
    return this.request({ type: 'complete', line, cursor }) as Promise<CompletionResult>;
  }

  prompt(): Promise<string> {
    return this.request({ type: 'prompt' }) as Promise<string>;
  }

  state(): Promise<SessionState> {
    return this.request({ type: 'state' }) as Promise<SessionState>;
  }

  snapshot(): Promise<SessionSnapshot> {
    return this.request({ type: 'snapshot' }) as Promise<SessionSnapshot>;
  }

  query<Q extends ViewQuery>(query: Q): Promise<ViewAnswer<Q>> {
    return this.request({ type: 'query', query }) as Promise<ViewAnswer<Q>>;
  }

  async registry<A extends RegistryAction>(action: A): Promise<RegistryActionResult<A>> {
    return (await this.registryWithState(action)).result as RegistryActionResult<A>;
  }

  /** Like {@link registry}, with the registries as they are after the action (for a supervisor's saved copy). */
  registryWithState(action: RegistryAction): Promise<RegistryActionAnswer> {
    return this.request({ type: 'registry', action }) as Promise<RegistryActionAnswer>;
  }

  events(afterId?: number): Promise<EngineEvent[]> {
    return this.request({ type: 'events', ...(afterId === undefined ? {} : { afterId }) }) as Promise<EngineEvent[]>;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  check(checks: Check[]): Promise<CheckResult[]> {
    return this.request({ type: 'check', checks }) as Promise<CheckResult[]>;
  }

  tryCommand(line: string, checks: Check[]): Promise<TryResult> {
    return this.request({ type: 'tryCommand', line, checks }) as Promise<TryResult>;
  }

  /**
   * Ctrl-C. Like a tty's INTR (without NOFLSH), it also flushes the output
   * queue: what the command wrote before the session took the interrupt, and
   * is not on the screen yet, is dropped, so the prompt comes back at once.
   */
  interrupt(): void {
    void this.interruptAcknowledged();
  }

  /** Interrupts, resolving once the session has taken the interrupt: proof that its worker still answers. */
  interruptAcknowledged(): Promise<void> {
    this.generation++;
    this.discarding = true;
    const acknowledged = new Promise<void>((resolve) => this.acknowledgements.push(resolve));
    this.send({ type: 'interrupt' });
    return acknowledged;
  }

  /** Fails every call in flight: the worker behind this session is gone. */
  abandon(reason: string): void {
    this.generation++;
    this.discarding = true;
    const error = new Error(reason);
    this.pending.forEach(({ reject }) => reject(error));
    this.pending.clear();
  }

  private request(message: DistributiveOmit<Extract<ClientMessage, { id: number }>, 'id'>): Promise<ResultValue> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ ...message, id } as ClientMessage);
    });
  }

  private send(message: ClientMessage): void {
    this.endpoint.postMessage(message);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'result':
        this.pending.get(message.id)?.resolve(message.value);
        this.pending.delete(message.id);
        break;
      case 'failure':
        this.pending.get(message.id)?.reject(new Error(message.message));
        this.pending.delete(message.id);
        break;
      case 'output': {
        const terminal = this.terminal;
        const bytes = message.data.length;
        const generation = this.generation;
        const dropped = this.discarding;
        // A terminal that fails one write must not block all later output.
        this.writing = this.writing
          .then(() => (dropped || generation !== this.generation ? undefined : terminal?.write(message.data)))
          .catch(() => undefined)
          .finally(() => this.send({ type: 'ack', bytes }));
        break;
      }
      case 'event':
        for (const listener of this.eventListeners) listener(message.event);
        break;
      case 'interrupted': {
        this.discarding = false;
        const waiting = this.acknowledgements;
        this.acknowledgements = [];
        waiting.forEach((resolve) => resolve());
        break;
      }
      case 'read': {
        const terminal = this.terminal;
        // The prompt must appear after the output that came before it.
        const answer = this.writing.then(() => (terminal ? (message.echo === false ? terminal.readLine(message.prompt, { echo: false }) : terminal.readLine(message.prompt)) : null));
        void answer.then((line) => this.send({ type: 'line', id: message.id, line }));
        break;
      }
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
