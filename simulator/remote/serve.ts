import { createSession, type SessionOptions } from '../session/shell-session';
import { warmUp } from '../session/warm-up';
import { LayerDeltaSender } from './layer-delta';
import type { EngineEvent } from '../daemon/events';
import type { Session, SessionSnapshot, TerminalIO } from '../session/types';
import type { ClientMessage, MessageEndpoint, ResultValue, ServerMessage } from './protocol';
import type { RegistriesJSON } from '../registry/registries';

/** Output not yet taken by the terminal beyond which a writing command waits. */
const HIGH_WATER_BYTES = 64 * 1024;

/**
 * Serves a session over `endpoint` (inside the worker). The session is
 * created on the first `init` message, from the state it carries.
 */
export function serveSession(endpoint: MessageEndpoint, options: Omit<SessionOptions, 'state'> & { /** Load the commonest tools once the session is up (see warmUp). */ warmUp?: boolean } = {}): void {
  let session: Session | undefined;
  const layerDelta = new LayerDeltaSender();
  let unacknowledged = 0;
  let drained: Array<() => void> = [];
  let nextReadId = 1;
  const pendingReads = new Map<number, (line: string | null) => void>();
  const send = (message: ServerMessage): void => endpoint.postMessage(message);

  const io = (columns: number, tty: boolean): TerminalIO => ({
    columns,
    tty,
    write(data) {
      send({ type: 'output', data });
      unacknowledged += data.length;
      if (unacknowledged < HIGH_WATER_BYTES) return Promise.resolve();
      return new Promise((resolve) => drained.push(resolve));
    },
    readLine(prompt, options) {
      const id = nextReadId++;
      send({ type: 'read', id, prompt, ...(options?.echo === false ? { echo: false as const } : {}) });
      return new Promise((resolve) => pendingReads.set(id, resolve));
    },
  });

  const answer = (id: number, work: () => Promise<ResultValue>): void => {
    work().then(
      (value) => send({ type: 'result', id, value }),
      (error: unknown) => send({ type: 'failure', id, message: error instanceof Error ? error.message : String(error) }),
    );
  };

  endpoint.addEventListener('message', ({ data }) => {
    const message = data as ClientMessage;
    if (message.type === 'init') {
      session = createSession({
        ...options,
        ...(message.state ? { state: message.state } : {}),
        ...(message.snapshot ? { snapshot: message.snapshot } : {}),
        ...(message.firstEventId === undefined ? {} : { firstEventId: message.firstEventId }),
      });
      session.subscribe((event) => send({ type: 'event', event }));
      // Once the session is up, load the tools learners use first, in a scratch session of its own.
      if (options.warmUp) setTimeout(() => void warmUp().catch(() => undefined), 0);
      return;
    }
    if (!session) return;
    const current = session;
    switch (message.type) {
      case 'run':
        answer(message.id, async () => {
          const events: EngineEvent[] = [];
          const stopCollecting = current.subscribe((event) => events.push(event));
          let status: number;
          try {
            status = await current.run(message.line, io(message.columns, message.tty));
          } finally {
            stopCollecting();
          }
          // The shell's state is part of the snapshot: taken once, not twice.
          const { snapshot, layersAsBefore } = layerDelta.shrink(await current.snapshot());
          return { status, state: snapshot.shell, snapshot, layersAsBefore, events };
        });
        break;
      case 'complete':
        answer(message.id, () => current.complete(message.line, message.cursor));
        break;
      case 'prompt':
        answer(message.id, () => current.prompt());
        break;
      case 'state':
        answer(message.id, () => current.state());
        break;
      case 'snapshot':
        answer(message.id, () => current.snapshot());
        break;
      case 'query':
        answer(message.id, () => current.query(message.query));
        break;
      case 'events':
        answer(message.id, () => current.events(message.afterId));
        break;
      case 'registry':
        answer(message.id, async () => {
          // The action changes the engine at once, before any later message (a line) is taken.
          const result = await current.registry(message.action);
          return { result, registries: message.action.kind === 'signIn' ? undefined : registriesOf(await current.snapshot()) };
        });
        break;
      case 'check':
        answer(message.id, () => current.check(message.checks));
        break;
      case 'tryCommand':
        answer(message.id, () => current.tryCommand(message.line, message.checks));
        break;
      case 'interrupt':
        current.interrupt();
        send({ type: 'interrupted' });
        break;
      case 'ack':
        unacknowledged = Math.max(0, unacknowledged - message.bytes);
        if (unacknowledged < HIGH_WATER_BYTES) {
          const waiting = drained;
          drained = [];
          waiting.forEach((resolve) => resolve());
        }
        break;
      case 'line':
        pendingReads.get(message.id)?.(message.line);
        pendingReads.delete(message.id);
        break;
    }
  });
  endpoint.start?.();
}

/** The registries' part of a snapshot, without the contents of their blobs (a registry action never changes those). */
function registriesOf(snapshot: SessionSnapshot): RegistriesJSON | undefined {
  const saved = (snapshot.engine as { registries?: RegistriesJSON & { contents?: unknown } } | undefined)?.registries;
  if (!saved) return undefined;
  const { contents: _contents, ...registries } = saved;
  return registries;
}
