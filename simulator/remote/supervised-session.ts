import type { EngineEvent } from '../daemon/events';
import type { CompletionResult, LineOutcome, Session, SessionSnapshot, SessionState, TerminalIO, TryResult } from '../session/types';
import type { Check, CheckResult } from '../checkpoints/types';
import type { ViewAnswer, ViewQuery } from '../view/query';
import { RemoteSession } from './client';
import { LayerDeltaReceiver } from './layer-delta';
import type { MessageEndpoint } from './protocol';
import type { RegistriesJSON } from '../registry/registries';
import type { RegistryAction, RegistryActionResult } from '../registry/actions';

/** A worker running {@link serveSession}, and the means to kill it. */
export interface WorkerHandle {
  endpoint: MessageEndpoint;
  terminate(): void;
}

export interface SupervisorOptions {
  /** The state to start from (a saved lesson, say). */
  state?: SessionState;
  /** The whole session to start from (files, images, containers, shell); wins over `state`. */
  snapshot?: SessionSnapshot;
  /** How long an interrupted command may take to stop before its worker is replaced. */
  graceMs?: number;
}

const INTERRUPTED_STATUS = 130;

/**
 * A session in a worker that is replaced when it stops answering: if a
 * command ignores an interrupt for `graceMs`, the worker is terminated and a
 * new one starts from the session (files, images, containers, shell) saved
 * after the last completed line. So a runaway command can never take the
 * terminal down, and nothing the learner finished is lost.
 */
export class SupervisedSession implements Session {
  private remote: RemoteSession;
  private worker: WorkerHandle;
  private saved: SessionState | undefined;
  /** The whole session after the last completed line. */
  private savedWhole: SessionSnapshot | undefined;
  private readonly layerDelta = new LayerDeltaReceiver();
  private running = false;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private readonly eventListeners = new Set<(event: EngineEvent) => void>();
  private readonly lineListeners = new Set<(outcome: LineOutcome) => void>();
  /** The id of the last event seen, so that a replacement worker numbers on from it. */
  private lastEventId = 0;
  /** Registry actions answered while a line ran: in no saved copy yet, so a replacement worker is given them again. */
  private unsaved: RegistryAction[] = [];

  constructor(
    private readonly spawn: () => WorkerHandle,
    private readonly options: SupervisorOptions = {},
  ) {
    this.saved = options.snapshot?.shell ?? options.state;
    this.savedWhole = options.snapshot;
    this.worker = spawn();
    this.remote = this.listenedTo(new RemoteSession(this.worker.endpoint, this.saved, this.savedWhole));
  }

  /**
   * Starts over in a new worker, from `snapshot` or from nothing ("Reset
   * lesson"): the same object, so whoever holds the session keeps it, and its
   * line listeners hear `restored` and ask again. A line running is abandoned.
   */
  restart(snapshot?: SessionSnapshot): void {
    const old = this.remote;
    this.worker.terminate();
    clearTimeout(this.watchdog);
    this.worker = this.spawn();
    this.saved = snapshot?.shell;
    this.savedWhole = snapshot;
    this.unsaved = [];
    this.remote = this.listenedTo(new RemoteSession(this.worker.endpoint, this.saved, this.savedWhole, this.lastEventId + 1));
    old.abandon('the session was restarted');
    if (!this.running) this.finished({ line: '', status: 0, events: [], restored: true });
  }

  /** Passes the events of `remote` (while it is the current worker's) on to this session's listeners. */
  private listenedTo(remote: RemoteSession): RemoteSession {
    remote.subscribe((event) => {
      if (remote !== this.remote) return;
      this.lastEventId = Math.max(this.lastEventId, event.id);
      for (const listener of this.eventListeners) listener(event);
    });
    return remote;
  }

  async run(line: string, io: TerminalIO): Promise<number> {
    const remote = this.remote;
    this.running = true;
    try {
      const result = await remote.runWithState(line, io);
      this.saved = result.state;
      this.savedWhole = this.layerDelta.expand(result.snapshot, result.layersAsBefore);
      // The line's snapshot holds what the registry's page changed while it ran.
      this.unsaved = [];
      this.finished({ line, status: result.status, events: result.events, restored: false });
      return result.status;
    } catch (error) {
      if (remote !== this.remote) {
        this.finished({ line, status: INTERRUPTED_STATUS, events: [], restored: true });
        return INTERRUPTED_STATUS;
      }
      throw error;
    } finally {
      this.running = false;
      clearTimeout(this.watchdog);
    }
  }

  complete(line: string, cursor: number): Promise<CompletionResult> {
    return this.remote.complete(line, cursor);
  }

  prompt(): Promise<string> {
    return this.remote.prompt();
  }

  state(): Promise<SessionState> {
    return this.remote.state();
  }

  snapshot(): Promise<SessionSnapshot> {
    return this.remote.snapshot();
  }

  query<Q extends ViewQuery>(query: Q): Promise<ViewAnswer<Q>> {
    return this.remote.query(query);
  }

  /** Read-only, so a worker replaced meanwhile just fails the call: the caller checks again after the line (onLineFinished). */
  check(checks: Check[]): Promise<CheckResult[]> {
    return this.remote.check(checks);
  }

  /** Changes only a scratch copy inside the worker: nothing to keep in the saved session. */
  tryCommand(line: string, checks: Check[]): Promise<TryResult> {
    return this.remote.tryCommand(line, checks);
  }

  /**
   * A registry's web page acting. The change is also made to the saved copy
   * of the session (or, made while a line runs, given again to a worker that
   * replaces this one), so replacing a stuck worker never loses it.
   */
  async registry<A extends RegistryAction>(action: A): Promise<RegistryActionResult<A>> {
    const remote = this.remote;
    let answer;
    try {
      answer = await remote.registryWithState(action);
    } catch (error) {
      // The worker was replaced before it answered (it was stuck): the new one takes the action.
      if (remote !== this.remote) return this.registry(action);
      throw error;
    }
    // Answered by a worker replaced since: its change went with it.
    if (remote !== this.remote) return this.registry(action);
    await this.keep(remote, action, answer.registries);
    return answer.result as RegistryActionResult<A>;
  }

  /** Puts a registry action's effect into the saved copy of the session. */
  private async keep(remote: RemoteSession, action: RegistryAction, registries: RegistriesJSON | undefined): Promise<void> {
    if (remote !== this.remote || action.kind === 'signIn') return;
    if (this.running) {
      // Mid-line the worker's state is no saved copy's: the line's own snapshot will hold the change.
      this.unsaved.push(action);
      return;
    }
    const saved = this.savedWhole;
    if (saved && registries) {
      const engine = (saved.engine ?? {}) as { registries?: { contents?: unknown } };
      this.savedWhole = { ...saved, engine: { ...engine, registries: { ...registries, contents: engine.registries?.contents ?? [] } } };
      return;
    }
    // No line has completed yet: the whole session is small, and is the copy to keep.
    const whole = await remote.snapshot();
    if (remote === this.remote && this.savedWhole === saved) this.savedWhole = whole;
  }

  /** The current worker's events: a replaced worker's are gone with it (ids go on increasing, so `afterId` stays valid). */
  events(afterId?: number): Promise<EngineEvent[]> {
    return this.remote.events(afterId);
  }

  onLineFinished(listener: (outcome: LineOutcome) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  private finished(outcome: LineOutcome): void {
    for (const listener of this.lineListeners) listener(outcome);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * Ctrl-C. A worker that does not even acknowledge it within the grace
   * period is stuck (a loop that never yields) and is replaced. One that
   * acknowledges it is alive: the line may go on by design — a container's
   * shell takes Ctrl-C itself and keeps running.
   */
  interrupt(): void {
    const acknowledged = this.remote.interruptAcknowledged();
    if (!this.running) return;
    clearTimeout(this.watchdog);
    const watchdog = setTimeout(() => {
      if (this.running) this.replaceWorker();
    }, this.options.graceMs ?? 1000);
    this.watchdog = watchdog;
    void acknowledged.then(() => clearTimeout(watchdog));
  }

  /** The number of workers replaced so far; tests and diagnostics read it. */
  replacements = 0;

  private replaceWorker(): void {
    const stuck = this.remote;
    this.worker.terminate();
    this.replacements++;
    this.worker = this.spawn();
    // The killed line ended as an interrupted one: `$?` must say so.
    this.saved = this.saved ? { ...this.saved, lastExitCode: INTERRUPTED_STATUS } : undefined;
    this.savedWhole = this.savedWhole ? { ...this.savedWhole, shell: { ...this.savedWhole.shell, lastExitCode: INTERRUPTED_STATUS } } : undefined;
    const remote = this.listenedTo(new RemoteSession(this.worker.endpoint, this.saved ?? { lastExitCode: INTERRUPTED_STATUS }, this.savedWhole, this.lastEventId + 1));
    this.remote = remote;
    stuck.abandon('the session worker was replaced');
    // What the registry's page changed during the killed line is given to the new worker again, in order.
    const replays = this.unsaved;
    this.unsaved = [];
    for (const action of replays) {
      void remote.registryWithState(action).then(
        (answer) => this.keep(remote, action, answer.registries),
        () => undefined,
      );
    }
  }
}
