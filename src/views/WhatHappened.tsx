import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { lineLogOf, type LineOfEvent } from '../session/line-log';
import { explainEvents, groupEvents, groupTitle, type EventGroup } from './explain';
import { useEngineEvents } from './use-engine';
import type { ViewProps } from './ViewsIsland';
import './what-happened.css';

/** Where the learner's choice to turn explanations off is kept. */
const STORAGE_KEY = 'layerlab:explain';
/** How many of the engine's recent events the panel keeps (the engine keeps 500). */
const KEPT_EVENTS = 200;

function readEnabled(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

function clock(time: number): string {
  return new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * "What just happened": after each docker command, what the engine did, in
 * plain words, newest first. Built from the engine's events only (see
 * explain.ts); every string is rendered as text. Optional: the learner can
 * turn it off, and it then announces nothing.
 */
export default function WhatHappened({ session }: ViewProps) {
  const [enabled, setEnabled] = useState(readEnabled);
  const events = useEngineEvents(session, KEPT_EVENTS);
  const lines = useLinesOfEvents(session);
  const groups = useMemo(() => groupEvents(events, undefined, lines), [events, lines]);
  const toggle = (on: boolean): void => {
    setEnabled(on);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // Storage may be unavailable (private mode): the choice lasts for the page.
    }
  };

  // The live region says only what is new: the newest group's sentences, once, and never what happened before the
  // panel opened (the engine's clock is the page's wall clock, in the worker).
  const [announcement, setAnnouncement] = useState('');
  const opened = useRef(Date.now());
  const announced = useRef<{ id: number; count: number } | undefined>(undefined);
  useEffect(() => {
    const newest = groups[0];
    if (!newest || !enabled || newest.end < opened.current) return;
    const previous = announced.current;
    if (previous && previous.id === newest.id && previous.count === newest.events.length) return;
    announced.current = { id: newest.id, count: newest.events.length };
    setAnnouncement(explainEvents(newest.events).join(' '));
  }, [groups, enabled]);

  return (
    <div class="what-happened" data-what-happened="">
      <div class="wh-toolbar">
        <label class="wh-toggle">
          <input type="checkbox" checked={enabled} onChange={(event) => toggle((event.currentTarget as HTMLInputElement).checked)} />
          Explain each command
        </label>
        <p class="wh-note">Built from what the engine reports, not from the terminal's text.</p>
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-wh-live="">
        {enabled ? announcement : ''}
      </div>
      {!enabled ? (
        <p class="view-empty">Explanations are off. Turn them on to see, after each docker command, what the engine did.</p>
      ) : groups.length === 0 ? (
        <p class="view-empty">Nothing yet. Run a docker command — <code>docker pull alpine</code>, say — and what the engine did appears here.</p>
      ) : (
        <ol class="wh-groups" aria-label="What the engine did, newest first">
          {groups.map((group, index) => (
            <Group key={group.id} group={group} newest={index === 0} />
          ))}
        </ol>
      )}
    </div>
  );
}

/** Which command line each event came from (the page's line log, kept since its session started). */
function useLinesOfEvents(session: ViewProps['session']): ReadonlyMap<number, LineOfEvent> {
  const log = lineLogOf(session);
  const [lines, setLines] = useState<ReadonlyMap<number, LineOfEvent>>(() => log.lines);
  useEffect(() => {
    setLines(log.lines);
    return log.subscribe(setLines);
  }, [log]);
  return lines;
}

function Group({ group, newest }: { group: EventGroup; newest: boolean }) {
  const sentences = explainEvents(group.events);
  const headingId = `wh-group-${group.id}`;
  return (
    <li class={`wh-group${newest ? ' wh-group--newest' : ''}`} aria-labelledby={headingId} data-wh-group="">
      <h3 class="wh-heading" id={headingId}>
        <span class="wh-title">{groupTitle(group)}</span>
        {group.line !== undefined ? <code class="wh-line">$ {group.line}</code> : null}
        {newest ? <span class="wh-badge">latest</span> : null}
        <time class="wh-time" dateTime={new Date(group.start).toISOString()}>
          {clock(group.start)}
        </time>
      </h3>
      <ul class="wh-sentences">
        {sentences.map((sentence, index) => (
          <li key={index} data-wh-sentence="">
            {sentence}
          </li>
        ))}
      </ul>
    </li>
  );
}
