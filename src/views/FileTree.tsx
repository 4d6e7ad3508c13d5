import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Session } from '../../simulator/session/types';
import type { EntryStatus, LayerTreeListing } from '../../simulator/view/layer-tree';
import { dockerSize } from './format';
import { flatten, shownDirectories, type Row, type Slot } from './tree-rows';
import { scrollToRow, windowRange } from './windowed';

/** Every row has this height (px), so the windowed list can place rows by arithmetic. Matches .ft-row in LayerExplorer.css. */
export const ROW_HEIGHT = 26;
/** How long after an engine event the open directories are listed again (a build emits several events in a row). */
const REFRESH_DELAY_MS = 120;

const MARKS: Record<EntryStatus, { symbol: string; word: string }> = {
  added: { symbol: '+', word: 'added' },
  modified: { symbol: '~', word: 'modified' },
  removed: { symbol: '−', word: 'removed' },
  unchanged: { symbol: '·', word: 'unchanged' },
};

interface Props {
  session: Session;
  /** The image's ID (stable while a tag moves to a rebuilt image). */
  imageId: string;
  layer: number | 'all';
  changedOnly: boolean;
  /** Says what the tree shows, for screen readers. */
  label: string;
  /** The root listing's summary, when it arrives. */
  onSummary?: (summary: LayerTreeListing['summary'] | undefined) => void;
}

/**
 * One layer's file tree (or the whole image's), a directory at a time: the
 * root is listed first and each directory when it is opened, never the parts
 * that are closed. Rows are windowed (only the visible ones are in the DOM)
 * and the tree follows the WAI-ARIA tree pattern: one row in the tab order,
 * arrows move, Right/Left open and close, Enter and Space toggle.
 */
export function FileTree({ session, imageId, layer, changedOnly, label, onSummary }: Props) {
  const context = `${imageId}|${String(layer)}|${changedOnly ? 1 : 0}`;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [slots, setSlots] = useState<{ context: string; map: ReadonlyMap<string, Slot> }>({ context, map: new Map() });
  const [generation, setGeneration] = useState(0);
  const requested = useRef(new Set<string>());
  const currentContext = useRef(context);
  currentContext.current = context;

  // A new image starts closed; another layer of the same image keeps the directories that were open.
  useEffect(() => setExpanded(new Set()), [imageId]);

  // The engine changed: list what is shown again (the old listing stays on screen until the new one comes).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = session.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setGeneration((value) => value + 1), REFRESH_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [session]);

  const empty = useMemo(() => new Map<string, Slot>(), [context]);
  const map = slots.context === context ? slots.map : empty;

  const rows = useMemo(() => flatten(map, expanded), [map, expanded]);

  // The directories that are shown open and not listed (or listed before the last engine event).
  const wanted = useMemo(() => {
    return shownDirectories(rows, expanded).filter((path) => {
      const slot = map.get(path);
      return !slot || slot.generation < generation;
    });
  }, [rows, map, expanded, generation]);

  useEffect(() => {
    for (const path of wanted) {
      const key = `${context}|${generation}|${path}`;
      if (requested.current.has(key)) continue;
      requested.current.add(key);
      const store = (slot: Omit<Slot, 'generation'>): void => {
        requested.current.delete(key);
        setSlots((previous) => {
          if (currentContext.current !== context) return previous;
          const base = previous.context === context ? previous.map : new Map<string, Slot>();
          const current = base.get(path);
          if (current && current.generation > generation) return previous;
          const next = new Map(base);
          next.set(path, { ...slot, generation });
          return { context, map: next };
        });
      };
      session
        .query({ kind: 'layerTree', image: imageId, layer, path, changedOnly })
        .then(
          (listing) => store({ listing }),
          (error: unknown) => store({ error: error instanceof Error ? error.message : String(error) }),
        );
    }
  }, [wanted, context, generation]);

  const rootSummary = map.get('/')?.listing?.summary;
  const summaryKey = rootSummary ? `${rootSummary.added}/${rootSummary.modified}/${rootSummary.removed}` : '';
  useEffect(() => onSummary?.(rootSummary), [summaryKey, context]);

  // The windowed list.
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport(element.clientHeight || 400);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || 400));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const range = windowRange(scrollTop, viewport, ROW_HEIGHT, rows.length, 8);

  // Roving focus: one row is in the tab order, and it is always rendered (so it keeps the focus while
  // the list scrolls); moving it by keyboard scrolls to it and focuses it in the same frame.
  const [active, setActive] = useState(0);
  const [focusTick, setFocusTick] = useState(0);
  const focusPending = useRef(false);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const element = scroller.current;
    if (!element) return;
    const top = scrollToRow(activeIndex, element.scrollTop, element.clientHeight || viewport, ROW_HEIGHT);
    if (top !== element.scrollTop) {
      element.scrollTop = top;
      setScrollTop(top);
    }
    element.querySelector<HTMLElement>(`[data-row="${activeIndex}"]`)?.focus({ preventScroll: true });
  }, [activeIndex, focusTick]);

  const moveTo = (index: number): void => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    focusPending.current = true;
    activeRef.current = next;
    setActive(next);
    setFocusTick((tick) => tick + 1);
  };
  const toggle = (path: string): void =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent): void => {
    const index = activeRef.current;
    const row = rows[index];
    if (!row) return;
    const directory = row.kind === 'entry' && row.entry.type === 'directory' ? row.entry : undefined;
    const open = directory !== undefined && expanded.has(directory.path);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'PageDown':
        moveTo(index + Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1));
        break;
      case 'PageUp':
        moveTo(index - Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1));
        break;
      case 'ArrowRight':
        if (directory && !open) toggle(directory.path);
        else if (directory && open) moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (directory && open) toggle(directory.path);
        else if (row.parent !== '/') moveTo(rows.findIndex((candidate) => candidate.kind === 'entry' && candidate.entry.path === row.parent));
        break;
      case 'Enter':
      case ' ':
        if (directory) toggle(directory.path);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const root = map.get('/');
  if (root?.error) return <p class="view-error" role="alert">{root.error}</p>;
  if (!root) return <p class="views-loading">Listing files…</p>;
  if (rows.length === 0) return <p class="view-empty">{changedOnly ? 'Nothing changed in this layer.' : 'This layer holds no files.'}</p>;

  const shown: number[] = [];
  for (let index = range.start; index < range.end; index++) shown.push(index);
  if (activeIndex < range.start) shown.unshift(activeIndex);
  else if (activeIndex >= range.end) shown.push(activeIndex);
  return (
    <div
      ref={scroller}
      class="ft"
      role="tree"
      aria-label={label}
      data-tree=""
      tabIndex={-1}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="none" class="ft-content" style={{ height: `${range.totalHeight}px` }}>
        {shown.map((index) => {
          const row = rows[index] as Row;
          const place = { top: `${index * ROW_HEIGHT}px`, paddingLeft: `${0.4 + row.depth * 1.1}rem` };
          if (row.kind === 'note')
            return (
              <div
                key={`note:${row.parent}`}
                role="treeitem"
                aria-level={row.depth + 1}
                aria-disabled="true"
                tabIndex={index === activeIndex ? 0 : -1}
                class={`ft-row ft-note${row.error ? ' view-error' : ''}`}
                style={place}
                data-row={index}
              >
                {row.text}
              </div>
            );
          const entry = row.entry;
          const directory = entry.type === 'directory';
          const open = directory && expanded.has(entry.path);
          const mark = MARKS[entry.status];
          return (
            <div
              key={entry.path}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-setsize={row.setSize}
              aria-posinset={row.position}
              aria-expanded={directory ? open : undefined}
              tabIndex={index === activeIndex ? 0 : -1}
              class={`ft-row ft-${entry.status}`}
              style={place}
              data-row={index}
              data-path={entry.path}
              data-status={entry.status}
              onFocus={() => {
                if (activeRef.current === index && active === index) return;
                activeRef.current = index;
                setActive(index);
              }}
              onClick={() => {
                activeRef.current = index;
                setActive(index);
                if (directory) toggle(entry.path);
              }}
            >
              <span class="ft-toggle" aria-hidden="true">
                {directory ? (open ? '▾' : '▸') : ''}
              </span>
              <span class={`ft-mark change-${entry.status}`} aria-hidden="true">
                {mark.symbol}
              </span>
              <span class="visually-hidden">{mark.word} </span>
              <span class="ft-name">
                {entry.name}
                {directory ? '/' : ''}
                {entry.target !== undefined ? (
                  <span class="ft-target">
                    {entry.type === 'hardlink' ? ' link to ' : ' → '}
                    {entry.target}
                  </span>
                ) : null}
              </span>
              {directory && entry.status === 'unchanged' && entry.changedBelow ? <span class="ft-below">changes inside</span> : null}
              {entry.layer !== undefined && layer === 'all' ? <span class="ft-layer">layer {entry.layer + 1}</span> : null}
              <span class="ft-size">
                <span class="visually-hidden">, </span>
                {dockerSize(entry.size)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
