import type { EngineEvent } from '../daemon/events';
import type { CompletionResult, SessionSnapshot, SessionState, TryResult } from '../session/types';
import type { Check, CheckResult } from '../checkpoints/types';
import type { ViewAnswers, ViewQuery } from '../view/query';
import type { RegistriesJSON } from '../registry/registries';
import type { RegistryAction, RegistryActionResults } from '../registry/actions';

/**
 * Messages between the page and the session running in a Web Worker. Every
 * request carries an id answered by one `result`; a run additionally streams
 * `output` (acknowledged, for flow control) and may ask for typed lines. The
 * engine's events are sent as they happen (`event`), whatever is running.
 */
export type ClientMessage =
  | { type: 'init'; state?: Partial<SessionState>; snapshot?: SessionSnapshot; firstEventId?: number }
  | { type: 'run'; id: number; line: string; columns: number; tty: boolean }
  | { type: 'complete'; id: number; line: string; cursor: number }
  | { type: 'prompt'; id: number }
  | { type: 'state'; id: number }
  | { type: 'snapshot'; id: number }
  | { type: 'query'; id: number; query: ViewQuery }
  | { type: 'events'; id: number; afterId?: number }
  /** A registry's web page acting (sign up, tokens, visibility): answered with a {@link RegistryActionAnswer}. */
  | { type: 'registry'; id: number; action: RegistryAction }
  /** Checkpoint predicates on the current state (read-only): answered with CheckResult[]. */
  | { type: 'check'; id: number; checks: Check[] }
  /** A command question: `line` run in a scratch copy of the session, `checks` on its result; answered with a TryResult. */
  | { type: 'tryCommand'; id: number; line: string; checks: Check[] }
  | { type: 'interrupt' }
  | { type: 'ack'; bytes: number }
  | { type: 'line'; id: number; line: string | null };

export type ServerMessage =
  | { type: 'result'; id: number; value: RunResult | CompletionResult | string | SessionState | SessionSnapshot | ViewAnswers[keyof ViewAnswers] | EngineEvent[] | RegistryActionAnswer | CheckResult[] | TryResult }
  | { type: 'event'; event: EngineEvent }
  | { type: 'failure'; id: number; message: string }
  | { type: 'output'; data: string }
  /** Sent when the session has taken an interrupt: output before it was already queued when Ctrl-C was pressed. */
  | { type: 'interrupted' }
  | { type: 'read'; id: number; prompt: string; echo?: false };

export type ResultValue = Extract<ServerMessage, { type: 'result' }>['value'];

export interface RunResult {
  status: number;
  state: SessionState;
  /**
   * Everything after the line (files, images, containers), so a replacement
   * worker can carry on from it; the changes of layers sent with an earlier
   * result are left out and named in `layersAsBefore` (see layer-delta.ts).
   */
  snapshot: SessionSnapshot;
  layersAsBefore: string[];
  /** What the engine did during the line, in order ("what just happened"). */
  events: EngineEvent[];
}

/** The part of a Worker, a worker's global scope or a MessagePort that the protocol uses. */
export interface MessageEndpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  /** MessagePorts need starting; Workers do not have it. */
  start?(): void;
}

/**
 * What a registry action did, and the registries as they are after it: the
 * supervisor puts them into its saved copy of the session, so a replaced
 * worker keeps an account or token made on the page (nothing else changes).
 */
export interface RegistryActionAnswer {
  result: RegistryActionResults[keyof RegistryActionResults];
  registries: RegistriesJSON | undefined;
}
