/** The engine's public surface: sessions, the types that cross the session boundary, and the views' queries and events. */
export { createSession, type SessionOptions } from './session/shell-session';
export { ManualClock, systemClock, type Clock } from './session/clock';
export { recordingTerminal } from './session/recording-terminal';
export type { CompletionCandidate, CompletionResult, LineOutcome, ReadOptions, Session, SessionSnapshot, SessionState, TerminalIO } from './session/types';
export type { ViewAnswer, ViewAnswers, ViewQuery } from './view/query';
export type { ImageLayers, LayerRow, MetadataRow } from './view/image-layers';
export type { EntryStatus, LayerTreeListing, TreeEntry } from './view/layer-tree';
export type { Efficiency, ImageEfficiency, InefficientPath } from './view/efficiency';
export type { ContainerLayer } from './view/containers';
export type { ComparedImage, FileDifference, ImageComparison } from './view/compare';
export type { RegistryRepository, RegistryToken, RegistryView } from './view/registry';
export type { LocalImage } from './view/local-images';
export type { TagSummary, Visibility } from './registry/hosted';
export type { RegistryAction, RegistryActionResult, RegistryActionResults } from './registry/actions';
export type { TokenScope } from './registry/accounts';
export type { BuiltStep, CacheMissReason, ChangeCounts, EngineEvent, EngineEventBody, EngineEventType, PulledLayer, PushedLayer } from './daemon/events';
export type { TryResult } from './session/types';
// Lessons validate their checks at build time without pulling in the evaluator (which needs the engine).
export { InvalidCheckError, type Check, type CheckKind, type CheckResult, type Count, type PathChangeKind, type StepSelector } from './checkpoints/types';
export { validateCheck, validateChecks } from './checkpoints/validate';
