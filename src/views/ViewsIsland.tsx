import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../../simulator/session/types';
import { usePageSession } from './embedded';
import './views.css';

export interface ViewProps {
  session: Session;
}

/**
 * The views, each loaded the first time its tab opens (none of them is in
 * the page's initial JavaScript). The one open at first waits for the
 * terminal to be ready and the browser idle, unless the learner picks a tab
 * before that; its panel says "Loading…" meanwhile.
 */
const VIEWS: ReadonlyArray<{ id: string; label: string; load: () => Promise<{ default: ComponentType<ViewProps> }> }> = [
  { id: 'layers', label: 'Layers', load: () => import('./LayerExplorer') },
  { id: 'containers', label: 'Containers', load: () => import('./ContainerView') },
  { id: 'compare', label: 'Compare', load: () => import('./ImageCompare') },
  { id: 'hub', label: 'Hub', load: () => import('./HubView') },
  { id: 'happened', label: 'What happened', load: () => import('./WhatHappened') },
];

/** How long the open tab's view waits at most for the terminal and an idle moment before it loads anyway. */
const DEFER_LIMIT_MS = 15_000;

/**
 * Calls `start` once the page's terminal accepts input (its `data-ready`,
 * at once on a page without one) and the browser is then idle: the view
 * open at first is not part of what the page loads to become usable.
 * Returns a function that cancels it.
 */
function afterTerminalReady(start: () => void): () => void {
  let done = false;
  let idleHandle: number | undefined;
  let observer: MutationObserver | undefined;
  const finish = (): void => {
    if (done) return;
    done = true;
    cancel();
    start();
  };
  const whenIdle = (): void => {
    observer?.disconnect();
    if (idleHandle !== undefined) return;
    idleHandle = typeof requestIdleCallback === 'function' ? requestIdleCallback(finish, { timeout: 2_000 }) : window.setTimeout(finish, 200);
  };
  const limit = window.setTimeout(finish, DEFER_LIMIT_MS);
  const cancel = (): void => {
    observer?.disconnect();
    clearTimeout(limit);
    if (idleHandle === undefined) return;
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(idleHandle);
    else clearTimeout(idleHandle);
  };
  const terminalsReady = (): boolean => [...document.querySelectorAll<HTMLElement>('[data-terminal]')].every((terminal) => terminal.dataset.ready === 'true');
  if (terminalsReady()) whenIdle();
  else {
    observer = new MutationObserver(() => terminalsReady() && whenIdle());
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  }
  return () => {
    done = true;
    cancel();
  };
}

interface Props {
  /** The page's session key: the same as its terminal's, so both show one engine. */
  storageKey: string;
  /** The tab open at first. */
  initial?: string;
}

/**
 * The panel beside the terminal: tabs (the WAI-ARIA tabs pattern: arrow
 * keys move between them) over the views of the engine's state. DOM
 * contract for tests: `data-views`, each panel `data-view="<id>"` (the
 * open one is the one not `hidden`).
 */
export default function ViewsIsland({ storageKey, initial = 'layers' }: Props) {
  const session = usePageSession(storageKey);
  const [active, setActive] = useState(VIEWS.some((view) => view.id === initial) ? initial : 'layers');
  const [loaded, setLoaded] = useState<Record<string, ComponentType<ViewProps>>>({});
  // Whether the open tab's view may load: after the terminal is ready and the browser idle, or once the learner picks a tab.
  const [started, setStarted] = useState(false);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => (started ? undefined : afterTerminalReady(() => setStarted(true))), [started]);

  useEffect(() => {
    const view = VIEWS.find((candidate) => candidate.id === active);
    if (!started || !view || loaded[view.id]) return;
    let current = true;
    void view.load().then((module) => current && setLoaded((previous) => ({ ...previous, [view.id]: module.default })));
    return () => {
      current = false;
    };
  }, [active, started]);

  const open = (id: string): void => {
    setStarted(true);
    setActive(id);
  };

  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? VIEWS.length - 1 : step === 0 ? undefined : (index + step + VIEWS.length) % VIEWS.length;
    if (target === undefined) return;
    event.preventDefault();
    open((VIEWS[target] as { id: string }).id);
    tabs.current[target]?.focus();
  };

  return (
    <section class="views" aria-label="What the engine holds" data-views="">
      <div role="tablist" aria-label="Views" class="views-tabs">
        {VIEWS.map((view, index) => (
          <button
            key={view.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`view-tab-${view.id}`}
            aria-selected={active === view.id}
            aria-controls={`view-panel-${view.id}`}
            tabIndex={active === view.id ? 0 : -1}
            class="views-tab"
            onClick={() => open(view.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {view.label}
          </button>
        ))}
      </div>
      {/* A view opened once stays mounted, hidden: it keeps its state and goes on following the engine (What happened keeps announcing). */}
      {VIEWS.map((view) => {
        const View = loaded[view.id];
        if (view.id !== active && !View) return null;
        return (
          <div key={view.id} role="tabpanel" id={`view-panel-${view.id}`} aria-labelledby={`view-tab-${view.id}`} class="views-panel" data-view={view.id} tabIndex={0} hidden={view.id !== active}>
            {View && session ? <View session={session} /> : <p class="views-loading">Loading…</p>}
          </div>
        );
      })}
    </section>
  );
}
