import { useEffect, useState } from 'preact/hooks';
import type { EngineEvent } from '../../simulator/daemon/events';
import type { Session } from '../../simulator/session/types';
import type { ViewAnswer, ViewQuery } from '../../simulator/view/query';

/** How long after an engine event a view asks again: a build emits several in a row. */
const REFRESH_DELAY_MS = 120;

export interface EngineData<T> {
  data: T | undefined;
  /** The daemon's message when the query failed (`No such image: x:latest`). */
  error: string | undefined;
  loading: boolean;
}

/**
 * A query's answer, asked again whenever the engine reports an event, so
 * the view follows what the learner does in the terminal without a reload.
 * `query` undefined asks nothing (nothing selected yet).
 */
export function useEngineQuery<Q extends ViewQuery>(session: Session, query: Q | undefined): EngineData<ViewAnswer<Q>> {
  const [state, setState] = useState<EngineData<ViewAnswer<Q>>>({ data: undefined, error: undefined, loading: query !== undefined });
  const key = JSON.stringify(query ?? null);
  useEffect(() => {
    if (!query) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (): void => {
      session.query(query).then(
        (data) => current && setState({ data, error: undefined, loading: false }),
        (error: unknown) => current && setState({ data: undefined, error: error instanceof Error ? error.message : String(error), loading: false }),
      );
    };
    ask();
    const soon = (): void => {
      clearTimeout(timer);
      timer = setTimeout(ask, REFRESH_DELAY_MS);
    };
    const unsubscribe = session.subscribe(soon);
    // A replaced worker took the engine back to the last completed line: what the events said was undone.
    const unwatch = session.onLineFinished?.((outcome) => outcome.restored && soon());
    return () => {
      current = false;
      clearTimeout(timer);
      unsubscribe();
      unwatch?.();
    };
  }, [session, key]);
  return state;
}

/** The engine's events as they come (newest last), keeping the last `limit`. */
export function useEngineEvents(session: Session, limit = 50): EngineEvent[] {
  const [events, setEvents] = useState<EngineEvent[]>([]);
  useEffect(() => {
    let current = true;
    void session.events().then((past) => current && setEvents(past.slice(-limit)));
    const unsubscribe = session.subscribe((event) => setEvents((previous) => [...previous, event].slice(-limit)));
    return () => {
      current = false;
      unsubscribe();
    };
  }, [session, limit]);
  return events;
}
