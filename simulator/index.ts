/** The engine's public surface: sessions and the types that cross the session boundary. */
export { createSession, type SessionOptions } from './session/shell-session';
export { ManualClock, systemClock, type Clock } from './session/clock';
export type { CompletionCandidate, CompletionResult, ReadOptions, Session, SessionSnapshot, SessionState, TerminalIO } from './session/types';
