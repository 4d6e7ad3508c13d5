/**
 * "What just happened", in plain words: sentences built from the engine's
 * events only (simulator/daemon/events.ts), never from the terminal's text.
 * Pure: no DOM, no session; the panel (WhatHappened.tsx) renders the strings
 * as text, so names the learner chose (tags, files) can never become markup.
 */
import type { CacheMissReason, ChangeCounts, EngineEvent } from '../../simulator/daemon/events';
import { humanSizeWithPrecision } from '../../simulator/cli/format/units';
import type { LineOfEvent } from '../session/line-log';

/** A size as `docker images` prints it: `7.81MB`, `12kB`, `0B`. */
export function size(bytes: number): string {
  return humanSizeWithPrecision(bytes, 3);
}

/** An image ID as docker shortens it: 12 hex digits, without `sha256:`. */
export function shortId(id: string): string {
  const bare = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
  return bare.slice(0, 12);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `a`, `a and b`, `a, b and c`; past `max` names, `a, b, c and 2 more`. */
export function list(items: readonly string[], max = 3): string {
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A writable layer's changes as `docker diff` counts them: `2 added, 1 changed`, or `no changes`. */
export function changes(counts: ChangeCounts): string {
  const parts: string[] = [];
  if (counts.added) parts.push(`${counts.added} added`);
  if (counts.changed) parts.push(`${counts.changed} changed`);
  if (counts.deleted) parts.push(`${counts.deleted} deleted`);
  return parts.length ? list(parts) : 'no changes';
}

function total(counts: ChangeCounts): number {
  return counts.added + counts.changed + counts.deleted;
}

/** A file path of a build context as the learner knows it (`app.js`, not `/app.js`). */
function contextPath(path: string): string {
  return path.replace(/^\/+/, '') || '.';
}

/** Why a step could not come from the cache, as the end of a sentence ("because app.js changed"). */
export function missReason(reason: CacheMissReason): string {
  switch (reason.kind) {
    case 'no-cache':
      return 'because the build was told not to use the cache (--no-cache)';
    case 'new-step':
      return 'for the first time: no earlier build ran this step on the same layers below it';
    case 'not-in-cache':
      return 'again because its cached result was deleted (docker builder prune)';
    case 'instruction-changed':
      return `again because the instruction changed (it was "${reason.before}", now "${reason.after}")`;
    case 'environment-changed':
      return 'again because its environment changed (an ENV, ARG, WORKDIR or USER above it)';
    case 'files-changed': {
      const parts: string[] = [];
      if (reason.changed.length) parts.push(`${list(reason.changed.map(contextPath))} changed`);
      if (reason.added.length) parts.push(`${list(reason.added.map(contextPath))} ${reason.added.length === 1 ? 'was' : 'were'} added`);
      if (reason.removed.length) parts.push(`${list(reason.removed.map(contextPath))} ${reason.removed.length === 1 ? 'was' : 'were'} removed`);
      return `again because ${parts.length ? list(parts, parts.length) : 'the files it copies changed'}`;
    }
  }
}

/** `[3/4] COPY app.js .` → { stage: undefined, number: 3, instruction: 'COPY app.js .' }. */
function parseStep(name: string): { stage: string | undefined; number: number | undefined; instruction: string } {
  const match = /^\[(?:(.+) )?(\d+)\/\d+\] (.*)$/.exec(name);
  if (match) return { stage: match[1], number: Number(match[2]), instruction: match[3] ?? '' };
  // The legacy builder's steps are named as its output prints them: `Step 3/5 : COPY . /app`.
  const legacy = /^Step (\d+)\/\d+ : (.*)$/.exec(name);
  if (legacy) return { stage: undefined, number: Number(legacy[1]), instruction: legacy[2] ?? '' };
  return { stage: undefined, number: undefined, instruction: name };
}

function stepLabel(name: string): string {
  const { stage, number } = parseStep(name);
  if (number === undefined) return 'a step';
  return stage ? `step ${number} of stage ${stage}` : `step ${number}`;
}

/** "steps 2–3", when the names number them consecutively in one stage; otherwise "3 steps". */
function stepRange(names: readonly string[]): string {
  const parsed = names.map(parseStep);
  const first = parsed[0];
  if (names.length === 1) return stepLabel(names[0] as string);
  const consecutive =
    first?.number !== undefined && parsed.every((step, index) => step.stage === first.stage && step.number === (first.number as number) + index);
  if (!consecutive || !first) return `${names.length} steps`;
  const range = `steps ${first.number}–${(first.number as number) + names.length - 1}`;
  return first.stage ? `${range} of stage ${first.stage}` : range;
}

/** One event in one sentence. */
export function explainEvent(event: EngineEvent): string {
  switch (event.type) {
    case 'image.pulled': {
      const downloaded = event.layers.filter((layer) => layer.status === 'downloaded');
      const present = event.layers.filter((layer) => layer.status === 'already-exists');
      const sharers = [...new Set(present.flatMap((layer) => layer.sharedWith))];
      const bytes = downloaded.reduce((sum, layer) => sum + layer.blobSize, 0);
      if (event.upToDate && downloaded.length === 0) return `Pulled ${event.ref}: it was already up to date, nothing was downloaded.`;
      if (present.length === 0) return `Pulled ${event.ref}: ${plural(downloaded.length, 'layer')} downloaded (${size(bytes)}).`;
      const because = sharers.length ? ` because ${list(sharers)} ${sharers.length === 1 ? 'shares' : 'share'} ${present.length === 1 ? 'it' : 'them'}` : '';
      const presentText =
        present.length === event.layers.length
          ? `${present.length === 1 ? 'its one layer was' : `all ${present.length} layers were`} already present${because}, nothing was downloaded`
          : `${present.length} of ${plural(event.layers.length, 'layer')} ${present.length === 1 ? 'was' : 'were'} already present${because}`;
      const rest = downloaded.length ? `; ${downloaded.length} downloaded (${size(bytes)})` : '';
      return `Pulled ${event.ref}: ${presentText}${rest}.`;
    }
    case 'image.built': {
      const tag = event.tags[0] ?? `image ${shortId(event.imageId)}`;
      // The legacy builder makes an intermediate container and image for every step, metadata ones too.
      const name = event.builder === 'legacy' ? `${tag} with the legacy builder (one intermediate container and image per step)` : tag;
      if (event.steps.length === 0) return event.builder === 'legacy' ? `Built ${name}.` : `Built ${name}: no step changed files, so it has only its base image's layers.`;
      if (!event.firstMiss) {
        return event.steps.length === 1
          ? `Built ${name}: its one step came from the cache, nothing ran.`
          : `Built ${name}: all ${event.steps.length} steps came from the cache, nothing ran.`;
      }
      const miss = event.firstMiss;
      const before = event.steps.slice(0, miss.step).filter((step) => step.cached).map((step) => step.name);
      const after = event.steps.slice(miss.step + 1);
      const ranAfter = after.filter((step) => !step.cached).length;
      const parts: string[] = [];
      if (before.length) parts.push(`${stepRange(before)} came from the cache`);
      const { instruction } = parseStep(miss.name);
      parts.push(`${stepLabel(miss.name)} (${instruction}) ran ${missReason(miss.reason)}`);
      if (ranAfter) parts.push(ranAfter === after.length ? `so ${ranAfter === 1 ? 'the step' : `the ${ranAfter} steps`} after it ran too` : `${plural(ranAfter, 'later step')} ran too`);
      return `Built ${name}: ${parts.join('; ')}.`;
    }
    case 'image.committed': {
      const as = event.ref ? `as ${event.ref}` : `as the untagged image ${shortId(event.imageId)}`;
      const layer = total(event.changes) === 0 ? 'one new, empty layer (the container changed nothing)' : `one new layer of ${size(event.layerSize)} (${changes(event.changes)})`;
      return `Committed container ${event.containerName} ${as}: ${layer}, on top of its image's layers.`;
    }
    case 'image.tagged':
      return `Tagged image ${shortId(event.imageId)} as ${event.ref}: a new name, no new layers.`;
    case 'image.untagged':
      return `Removed the name ${event.ref} from image ${shortId(event.imageId)}.`;
    case 'image.removed':
      return event.layersDeleted.length
        ? `Deleted image ${shortId(event.imageId)} and ${plural(event.layersDeleted.length, 'layer')} no other image used.`
        : `Deleted image ${shortId(event.imageId)}; its layers stay, other images still use them.`;
    case 'image.pushed': {
      const pushed = event.layers.filter((layer) => layer.status === 'pushed');
      const there = event.layers.filter((layer) => layer.status === 'already-exists');
      const mounted = event.layers.filter((layer) => layer.status === 'mounted');
      const parts: string[] = [];
      if (pushed.length) parts.push(`${plural(pushed.length, 'layer')} uploaded (${size(pushed.reduce((sum, layer) => sum + layer.size, 0))})`);
      if (there.length) parts.push(`${there.length} already in the repository`);
      if (mounted.length) {
        const from = [...new Set(mounted.map((layer) => layer.from).filter((from): from is string => from !== undefined))];
        parts.push(`${mounted.length} mounted${from.length ? ` from ${list(from)}` : ''} without uploading`);
      }
      return `Pushed ${event.ref}: ${parts.length ? list(parts, parts.length) : 'no layers'}.`;
    }
    case 'container.created':
      return `Created container ${event.name} from ${event.imageName}: a new, empty writable layer on top of the image's read-only layers.`;
    case 'container.started':
      return `Started container ${event.name}.`;
    case 'container.exited':
      return total(event.changes)
        ? `Container ${event.name} exited with code ${event.exitCode}; its writable layer keeps its ${plural(total(event.changes), 'change')} (${changes(event.changes)}).`
        : `Container ${event.name} exited with code ${event.exitCode}; its writable layer is empty.`;
    case 'container.removed':
      return total(event.changes)
        ? `Removed container ${event.name}; its writable layer (${plural(total(event.changes), 'change')}) is gone.`
        : `Removed container ${event.name}; its writable layer was empty.`;
    case 'registry.account.created':
      return `Signed up ${event.username} on ${hubName(event.host)}.`;
    case 'registry.token.created':
      return `Created access token “${event.description}” for ${event.username} on ${hubName(event.host)} (${event.scope}): it can be used as a password with docker login.`;
    case 'registry.token.revoked':
      return `Revoked access token “${event.description}” of ${event.username}: docker login with it now fails.`;
    case 'registry.visibility.changed':
      return event.visibility === 'private'
        ? `${event.repository} on ${hubName(event.host)} is now private: only a login that may see it can pull it.`
        : `${event.repository} on ${hubName(event.host)} is now public: anyone can pull it.`;
    default:
      // An event kind this panel does not know yet (a newer engine): say that something happened rather than nothing.
      return `The engine reported ${(event as { type: string }).type}.`;
  }
}

/** A registry as the Hub page names it: Docker Hub for docker.io, its host otherwise. */
function hubName(host: string): string {
  return host === 'docker.io' ? 'Docker Hub' : host;
}

/**
 * The sentences for the events of one command, in order, with the
 * redundant ones folded: a container created and started at once is one
 * sentence, a tag set by the build or commit that also reports it is not
 * repeated.
 */
export function explainEvents(events: readonly EngineEvent[]): string[] {
  const sentences: string[] = [];
  const named = new Set<string>();
  for (const event of events) {
    if (event.type === 'image.built') event.tags.forEach((tag) => named.add(`${event.imageId} ${tag}`));
    if (event.type === 'image.committed' && event.ref) named.add(`${event.imageId} ${event.ref}`);
  }
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as EngineEvent;
    const next = events[index + 1];
    if (event.type === 'image.tagged' && named.has(`${event.imageId} ${event.ref}`)) continue;
    if (event.type === 'container.created' && next?.type === 'container.started' && next.containerId === event.containerId) {
      sentences.push(`Created and started container ${event.name} from ${event.imageName}: a new, empty writable layer on top of the image's read-only layers.`);
      index++;
      continue;
    }
    if (event.type === 'container.exited' && next?.type === 'container.removed' && next.containerId === event.containerId) {
      sentences.push(
        total(next.changes)
          ? `Container ${event.name} exited with code ${event.exitCode} and was removed; its writable layer (${plural(total(next.changes), 'change')}) is gone.`
          : `Container ${event.name} exited with code ${event.exitCode} and was removed; its writable layer was empty.`,
      );
      index++;
      continue;
    }
    sentences.push(explainEvent(event));
  }
  return sentences;
}

export interface EventGroup {
  /** The first event's id: stable, so it can key a list. */
  id: number;
  /** The command line that caused these events, when the session said which (src/session/line-log.ts). */
  line?: string;
  /** The engine's time of the first and last event (ms since the epoch). */
  start: number;
  end: number;
  events: EngineEvent[];
}

/**
 * How far apart (engine time) two events may be and still belong to one
 * command. The events carry no command line: one line's events are emitted
 * back to back (a pull and the run that needed it, a build's tags and its
 * result), while the next line needs the learner to type it.
 */
export const GROUP_GAP_MS = 400;

/** The events, deduplicated by id and in id order, cut into commands where time passed between them; newest group first. */
export function groupEvents(events: readonly EngineEvent[], gapMs = GROUP_GAP_MS, lines: ReadonlyMap<number, LineOfEvent> = new Map()): EventGroup[] {
  const byId = new Map<number, EngineEvent>();
  for (const event of events) byId.set(event.id, event);
  const ordered = [...byId.values()].sort((a, b) => a.id - b.id);
  const groups: EventGroup[] = [];
  let current: EventGroup | undefined;
  let currentRun: number | undefined;
  for (const event of ordered) {
    const line = lines.get(event.id);
    // Events the session placed in a command line group by it exactly; the others by how close in time they are.
    if (line !== undefined || currentRun !== undefined) {
      if (current && line !== undefined && line.run === currentRun) {
        current.events.push(event);
        current.end = event.time;
      } else {
        current = { id: event.id, ...(line ? { line: line.text } : {}), start: event.time, end: event.time, events: [event] };
        currentRun = line?.run;
        groups.push(current);
      }
      continue;
    }
    if (current && event.time - current.end <= gapMs && event.time >= current.end) {
      current.events.push(event);
      current.end = event.time;
    } else {
      current = { id: event.id, start: event.time, end: event.time, events: [event] };
      groups.push(current);
    }
  }
  return groups.reverse();
}

/** A short heading for a group: what kinds of things happened (`Pull, run`, `Build`). */
export function groupTitle(group: EventGroup): string {
  const verbs: string[] = [];
  const add = (verb: string): void => {
    if (!verbs.includes(verb)) verbs.push(verb);
  };
  for (const event of group.events) {
    switch (event.type) {
      case 'image.pulled':
        add('pull');
        break;
      case 'image.built':
        add('build');
        break;
      case 'image.committed':
        add('commit');
        break;
      case 'image.tagged':
        if (!group.events.some((other) => (other.type === 'image.built' || other.type === 'image.committed') && other.imageId === event.imageId)) add('tag');
        break;
      case 'image.untagged':
      case 'image.removed':
        add('image removal');
        break;
      case 'image.pushed':
        add('push');
        break;
      case 'container.created':
      case 'container.started':
        add('container start');
        break;
      case 'container.exited':
        add('container exit');
        break;
      case 'container.removed':
        add('container removal');
        break;
      case 'registry.account.created':
      case 'registry.token.created':
      case 'registry.token.revoked':
      case 'registry.visibility.changed':
        add('registry');
        break;
    }
  }
  const text = verbs.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A layer's instruction, short enough for a bar: the `docker history
 * --no-trunc` text without the shell and BuildKit noise (`/bin/sh -c
 * #(nop) `, `# buildkit`), long digests cut, and at most `max` characters.
 */
export function shortInstruction(createdBy: string, max = 48): string {
  let text = createdBy.replace(/\s+/g, ' ').trim();
  text = text.replace(/^\|\d+ (?:\S+=\S* )*/, '');
  text = text.replace(/ # buildkit$/, '');
  text = text.replace(/^\/bin\/sh -c #\(nop\) */, '');
  if (text.startsWith('/bin/sh -c ')) text = `RUN ${text.slice('/bin/sh -c '.length)}`;
  text = text.replace(/^RUN \/bin\/sh -c /, 'RUN ');
  text = text.replace(/\b([0-9a-f]{12})[0-9a-f]{20,}\b/g, '$1…');
  if (text === '') return '(no instruction recorded)';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
