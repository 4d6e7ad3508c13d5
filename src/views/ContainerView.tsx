import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { EngineEvent } from '../../simulator/daemon/events';
import type { Session } from '../../simulator/session/types';
import type { ContainerLayer } from '../../simulator/view/containers';
import type { LayerRow } from '../../simulator/view/image-layers';
import type { LocalImage } from '../../simulator/view/local-images';
import { shortId, shortInstruction, size } from './explain';
import { useEngineQuery } from './use-engine';
import type { ViewProps } from './ViewsIsland';
import './container-view.css';

export interface ContainerViewProps extends ViewProps {
  /** The image to show first (a name or ID, as `docker run` takes it); the learner may pick another. */
  image?: string;
}

/** How often the writable layers of running containers are read again: an interactive shell writes without events. */
const POLL_MS = 1500;
/** How long after an engine event the containers are read again (a command emits several in a row). */
const EVENT_DELAY_MS = 120;
/** `docker diff` lines listed per container; the counts are always whole. */
const CHANGE_LIMIT = 50;
/** How long a writable layer that just changed stays lit. */
const FRESH_MS = 2500;

const AUTO = 'auto';

const KIND_TEXT = { A: 'added', C: 'changed', D: 'deleted' } as const;
const KIND_SYMBOL = { A: '+', C: '~', D: '−' } as const;
const KIND_CLASS = { A: 'change-added', C: 'change-modified', D: 'change-removed' } as const;

interface Committed {
  imageId: string;
  containerName: string;
  ref: string | undefined;
}

/** Whether an image answers to `wanted` as `docker run` would look it up (a name, a name without tag, an ID or ID prefix). */
function matches(image: LocalImage, wanted: string): boolean {
  const bare = wanted.startsWith('sha256:') ? wanted.slice(7) : wanted;
  return image.names.includes(wanted) || image.names.includes(`${wanted}:latest`) || image.id === wanted || (bare.length >= 4 && image.id.slice(7).startsWith(bare));
}

/**
 * The containers of one image, with their writable layers, read again after
 * every engine event and, while a container runs and the page is visible,
 * every {@link POLL_MS}: writes through `docker exec` or an interactive
 * shell emit no event. An answer equal to the last one renders nothing.
 */
function useContainers(session: Session, imageId: string | undefined): { data: ContainerLayer[] | undefined; error: string | undefined } {
  const [state, setState] = useState<{ data: ContainerLayer[] | undefined; error: string | undefined }>({ data: undefined, error: undefined });
  useEffect(() => {
    setState({ data: undefined, error: undefined });
    if (!imageId) return;
    let current = true;
    let last = '';
    let inFlight = false;
    let again = false;
    let running = false;
    let poll: ReturnType<typeof setTimeout> | undefined;
    let delayed: ReturnType<typeof setTimeout> | undefined;
    const visible = (): boolean => typeof document === 'undefined' || document.visibilityState === 'visible';
    const schedule = (): void => {
      clearTimeout(poll);
      if (current && running && visible()) poll = setTimeout(ask, POLL_MS);
    };
    const ask = (): void => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      session.query({ kind: 'containers', image: imageId, changeLimit: CHANGE_LIMIT }).then(
        (data) => {
          if (!current) return;
          running = data.some((container) => container.status === 'running' || container.status === 'restarting');
          const text = JSON.stringify(data);
          if (text !== last) {
            last = text;
            setState({ data, error: undefined });
          }
        },
        (error: unknown) => {
          if (!current) return;
          last = '';
          running = false;
          setState({ data: undefined, error: error instanceof Error ? error.message : String(error) });
        },
      ).finally(() => {
        inFlight = false;
        if (!current) return;
        if (again) {
          again = false;
          ask();
        } else schedule();
      });
    };
    ask();
    const unsubscribe = session.subscribe(() => {
      clearTimeout(delayed);
      delayed = setTimeout(ask, EVENT_DELAY_MS);
    });
    const onVisibility = (): void => {
      if (visible()) ask();
      else clearTimeout(poll);
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      current = false;
      clearTimeout(poll);
      clearTimeout(delayed);
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [session, imageId]);
  return state;
}

/** The ids of containers whose writable layer changed in the last {@link FRESH_MS}. */
function useFresh(containers: ContainerLayer[] | undefined): Set<string> {
  const seen = useRef(new Map<string, string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  useEffect(() => () => timers.current.forEach((timer) => clearTimeout(timer)), []);
  useEffect(() => {
    if (!containers) return;
    const changed: string[] = [];
    for (const container of containers) {
      const signature = JSON.stringify([container.counts, container.changes]);
      const before = seen.current.get(container.id);
      // A container seen for the first time is new, not changed (its column appearing says so).
      if (before !== undefined && before !== signature) changed.push(container.id);
      seen.current.set(container.id, signature);
    }
    if (changed.length === 0) return;
    setFresh((previous) => new Set([...previous, ...changed]));
    for (const id of changed) {
      clearTimeout(timers.current.get(id));
      timers.current.set(
        id,
        setTimeout(() => {
          timers.current.delete(id);
          setFresh((previous) => new Set([...previous].filter((other) => other !== id)));
        }, FRESH_MS),
      );
    }
  }, [containers]);
  return fresh;
}

/**
 * The image and container view: an image's read-only layers, bottom to top,
 * with the writable layer of each of its containers stacked on top, one
 * column per container, as `docker diff` would list it. Follows the
 * terminal: `docker run` adds a column, a write lights its layer up,
 * `docker rm` takes it away, `docker commit` shows the new image with its
 * extra read-only layer.
 */
export default function ContainerView({ session, image }: ContainerViewProps) {
  const uid = useId();
  const images = useEngineQuery(session, { kind: 'images' });
  /** The learner's pick (an image ID, or the `image` prop until the learner picks): AUTO follows the terminal. */
  const [picked, setPicked] = useState<string>(image ?? AUTO);
  /** The image the terminal last acted on with a container or a commit. */
  const [followed, setFollowed] = useState<string | undefined>(undefined);
  const [committed, setCommitted] = useState<Committed | undefined>(undefined);
  const [previous, setPrevious] = useState<string | undefined>(undefined);

  useEffect(
    () =>
      session.subscribe((event: EngineEvent) => {
        if (event.type === 'container.created') setFollowed(event.imageId);
        if (event.type === 'image.committed') {
          setCommitted({ imageId: event.imageId, containerName: event.containerName, ref: event.ref });
          setFollowed(event.imageId);
        }
      }),
    [session],
  );

  const list = images.data ?? [];
  const pickedImage = picked === AUTO ? undefined : list.find((candidate) => matches(candidate, picked));
  const automatic = useMemo(() => {
    const byFollow = followed ? list.find((candidate) => candidate.id === followed) : undefined;
    if (byFollow) return byFollow;
    // Newest first already: the first with the most containers, else the newest tagged one.
    let best: LocalImage | undefined;
    for (const candidate of list) if (!best || candidate.containers > best.containers) best = candidate;
    if (best && best.containers > 0) return best;
    return list.find((candidate) => candidate.tagged) ?? list[0];
  }, [images.data, followed]);
  const selected = picked === AUTO ? automatic : pickedImage;
  const selectedId = selected?.id;

  // Remember what was shown before a commit moved the view, to offer the way back.
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (shown.current && selectedId && shown.current !== selectedId && committed?.imageId === selectedId) setPrevious(shown.current);
    shown.current = selectedId;
  }, [selectedId]);

  const layers = useEngineQuery(session, selectedId ? { kind: 'imageLayers', image: selectedId } : undefined);
  const containers = useContainers(session, selectedId);
  const fresh = useFresh(containers.data);

  const name = selected ? (selected.names[0] ?? shortId(selected.id)) : undefined;
  const layerRows = (layers.data?.id === selectedId ? layers.data?.rows ?? [] : []).filter((row): row is LayerRow => row.kind === 'layer');
  const metadataCount = (layers.data?.rows ?? []).length - layerRows.length;
  const largest = Math.max(1, ...layerRows.map((row) => row.size));
  const columns = containers.data ?? [];
  const committedHere = committed && committed.imageId === selectedId ? committed : undefined;
  const committedElsewhere = committed && committed.imageId !== selectedId && list.some((candidate) => candidate.id === committed.imageId) ? committed : undefined;
  const nameOf = (id: string): string => {
    const found = list.find((candidate) => candidate.id === id);
    return found ? (found.names[0] ?? shortId(found.id)) : shortId(id);
  };

  return (
    <div class="container-view" data-container-view="">
      <div class="cv-toolbar">
        <label class="cv-picker">
          <span>Image</span>
          <select
            value={picked === AUTO ? AUTO : (pickedImage?.id ?? picked)}
            onChange={(event) => setPicked((event.currentTarget as HTMLSelectElement).value)}
            data-cv-picker=""
          >
            <option value={AUTO}>Follow the terminal{automatic ? ` (${automatic.names[0] ?? shortId(automatic.id)})` : ''}</option>
            {picked !== AUTO && !pickedImage ? <option value={picked}>{picked} (not a local image)</option> : null}
            {list.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.names[0] ?? shortId(candidate.id)}
                {candidate.containers ? ` — ${candidate.containers} container${candidate.containers === 1 ? '' : 's'}` : ''}
              </option>
            ))}
          </select>
        </label>
        {selected ? (
          <p class="cv-summary">
            {size(selected.size)} in {selected.layerCount} read-only layer{selected.layerCount === 1 ? '' : 's'} · {columns.length} container{columns.length === 1 ? '' : 's'}
          </p>
        ) : null}
      </div>

      {committedHere ? (
        <p class="cv-notice" role="status" data-cv-commit="">
          <span aria-hidden="true">⤓ </span>
          <code>docker commit</code> turned container <strong>{committedHere.containerName}</strong>'s writable layer into the top read-only layer of{' '}
          <strong>{committedHere.ref ?? `image ${shortId(committedHere.imageId)}`}</strong>.
          {previous && previous !== selectedId ? (
            <>
              {' '}
              <button type="button" class="cv-link" onClick={() => setPicked(previous)}>
                Back to {nameOf(previous)}
              </button>
            </>
          ) : null}
        </p>
      ) : committedElsewhere ? (
        <p class="cv-notice" role="status">
          Container <strong>{committedElsewhere.containerName}</strong> was committed as{' '}
          <strong>{committedElsewhere.ref ?? `image ${shortId(committedElsewhere.imageId)}`}</strong>.{' '}
          <button type="button" class="cv-link" onClick={() => setPicked(committedElsewhere.imageId)}>
            Show it
          </button>
        </p>
      ) : null}

      {images.error ? <p class="view-error">{images.error}</p> : null}
      {images.loading ? null : picked !== AUTO && !pickedImage ? (
        <p class="view-empty">
          {picked} is not a local image yet: <code>docker pull {picked}</code> brings it.
        </p>
      ) : list.length === 0 ? (
        <p class="view-empty">
          No images yet. Try <code>docker run -d --name web alpine sleep 600</code>: the image's layers appear here, with the container's writable layer on top.
        </p>
      ) : null}

      {selected ? (
        <figure class="cv-diagram" aria-labelledby={`${uid}-caption`}>
          <figcaption id={`${uid}-caption`} class="cv-caption">
            <strong>{name}</strong>: {columns.length ? `the writable layer${columns.length === 1 ? '' : 's'} of its container${columns.length === 1 ? '' : 's'} on top of` : 'no containers on'} its read-only layers
          </figcaption>

          <div class="cv-containers" data-cv-containers="">
            {containers.error ? <p class="view-error">{containers.error}</p> : null}
            {columns.length === 0 && !containers.error ? (
              <p class="cv-no-containers">
                No container uses this image. <code>docker run</code> adds one: a thin writable layer on top of these layers.
              </p>
            ) : (
              <ul class="cv-columns" aria-label="Containers, each with its own writable layer" tabIndex={columns.length > 2 ? 0 : undefined}>
                {columns.map((container) => (
                  <ContainerColumn key={container.id} container={container} fresh={fresh.has(container.id)} />
                ))}
              </ul>
            )}
          </div>

          <div class="cv-readonly">
            <p class="cv-readonly-label" id={`${uid}-readonly`}>
              Read-only layers, shared by {columns.length > 1 ? `all ${columns.length} containers` : 'every container'} (top first)
            </p>
            {layers.error ? <p class="view-error">{layers.error}</p> : null}
            {layerRows.length === 0 && !layers.loading && !layers.error ? <p class="view-empty">This image has no layers.</p> : null}
            <ol class="cv-layers" aria-labelledby={`${uid}-readonly`} data-cv-layers="">
              {[...layerRows].reverse().map((row) => {
                const fromCommit = committedHere && row.index === layerRows.length - 1 ? committedHere : undefined;
                const short = shortInstruction(row.createdBy);
                const full = row.createdBy.trim() || short;
                return (
                  <li key={row.chainId} class={`cv-layer${fromCommit ? ' cv-layer--committed' : ''}`} data-cv-layer={row.index} title={full}>
                    <span class="cv-layer-index">L{row.index + 1}</span>
                    <span class="cv-layer-text">
                      {short !== full ? (
                        <>
                          <span aria-hidden="true">{short}</span>
                          <span class="visually-hidden">{full}</span>
                        </>
                      ) : (
                        short
                      )}
                      {fromCommit ? <span class="cv-tag">new: container {fromCommit.containerName}'s writable layer</span> : null}
                      {row.sharedWith.length ? <span class="cv-shared">also in {row.sharedWith.slice(0, 3).join(', ')}{row.sharedWith.length > 3 ? ` and ${row.sharedWith.length - 3} more` : ''}</span> : null}
                    </span>
                    <span class="cv-layer-size">{size(row.size)}</span>
                    <span class="cv-layer-meter" aria-hidden="true">
                      <span style={{ width: `${Math.max(2, Math.round((row.size / largest) * 100))}%` }} />
                    </span>
                  </li>
                );
              })}
            </ol>
            {metadataCount > 0 ? (
              <p class="cv-metadata">
                Plus {metadataCount} instruction{metadataCount === 1 ? '' : 's'} that only set configuration (ENV, CMD…): no layer, 0B.
              </p>
            ) : null}
          </div>
        </figure>
      ) : null}
    </div>
  );
}

function ContainerColumn({ container, fresh }: { container: ContainerLayer; fresh: boolean }) {
  const total = container.counts.added + container.counts.changed + container.counts.deleted;
  const running = container.status === 'running';
  const status = running ? 'running' : container.status === 'exited' ? `exited (${container.exitCode})` : container.status;
  const headingId = `cv-col-${container.id.slice(0, 12)}`;
  return (
    <li class={`cv-col${total ? ' cv-col--changed' : ''}${fresh ? ' cv-col--fresh' : ''}`} aria-labelledby={headingId} data-cv-container={container.name} data-changes={total}>
      <h3 class="cv-col-name" id={headingId}>
        <span class="visually-hidden">Container </span>
        {container.name}
      </h3>
      <p class={`cv-status${running ? ' cv-status--running' : ''}`}>
        <span aria-hidden="true">{running ? '▶ ' : container.status === 'paused' ? '⏸ ' : '■ '}</span>
        {status} · {container.id.slice(0, 12)}
      </p>
      <div class="cv-writable" data-cv-writable="">
        <p class="cv-writable-label">
          <span aria-hidden="true">✎ </span>Writable layer: {total ? `${total} change${total === 1 ? '' : 's'}, ${size(container.size)}` : 'empty'}
          {fresh ? <span class="cv-fresh-badge"> just changed</span> : null}
        </p>
        {total ? (
          <ul class="cv-changes" aria-label={`docker diff ${container.name}`} tabIndex={container.changes.length > 8 ? 0 : undefined}>
            {container.changes.map((change) => (
              <li key={`${change.kind} ${change.path}`} class="cv-change" data-change={change.kind}>
                <span class={`cv-symbol ${KIND_CLASS[change.kind]}`} aria-hidden="true">
                  {KIND_SYMBOL[change.kind]}
                </span>
                <abbr class={`cv-kind ${KIND_CLASS[change.kind]}`} title={KIND_TEXT[change.kind]}>
                  {change.kind}
                </abbr>
                <span class="visually-hidden"> ({KIND_TEXT[change.kind]}) </span>
                <span class="cv-path">{change.path}</span>
              </li>
            ))}
            {total > container.changes.length ? <li class="cv-more">and {total - container.changes.length} more</li> : null}
          </ul>
        ) : (
          <p class="cv-writable-empty">Nothing written yet: reads come from the layers below.</p>
        )}
      </div>
    </li>
  );
}
