import { useEffect, useRef, useState } from 'preact/hooks';
import type { LayerRow, MetadataRow } from '../../simulator/view/image-layers';
import type { LayerTreeListing } from '../../simulator/view/layer-tree';
import { FileTree } from './FileTree';
import { dockerSize, percent, shortDigest, truncate } from './format';
import { useEngineQuery } from './use-engine';
import type { ViewProps } from './ViewsIsland';
import './LayerExplorer.css';

/** Instructions longer than this are cut in the list, with a button to show them whole. */
const INSTRUCTION_CHARS = 64;
/** How many of the heaviest inefficient paths are shown. */
const INEFFICIENT_PATHS = 8;

export interface LayerExplorerProps extends ViewProps {
  /** Show this image only (a lesson's embedded explorer); without it, a picker of every local image. */
  image?: string;
}

/**
 * The layer explorer: an image's layers bottom to top, the file tree as of
 * a layer (or the whole image), and the image's wasted space and efficiency.
 * Everything comes from the engine's read-only queries, asked again when the
 * engine reports an event, so a build, commit or pull in the terminal shows
 * up here at once.
 */
export default function LayerExplorer({ session, image }: LayerExplorerProps) {
  const images = useEngineQuery(session, image === undefined ? { kind: 'images' } : undefined);
  const [pinned, setPinned] = useState<string | undefined>(undefined);

  // A new image (built, committed, pulled) is shown as it arrives: the newest of the new ones.
  const seen = useRef<Set<string> | undefined>(undefined);
  useEffect(() => {
    const list = images.data;
    if (!list) return;
    const known = seen.current;
    if (known) {
      const fresh = list.find((candidate) => !known.has(candidate.id));
      if (fresh) setPinned(fresh.names[0]);
    }
    seen.current = new Set(list.map((candidate) => candidate.id));
  }, [images.data]);

  const list = images.data ?? [];
  const picked = image ?? (pinned !== undefined && list.some((candidate) => candidate.names.includes(pinned)) ? pinned : list[0]?.names[0]);

  const layers = useEngineQuery(session, picked !== undefined ? { kind: 'imageLayers', image: picked } : undefined);
  const imageId = layers.data?.id;
  const efficiency = useEngineQuery(session, imageId !== undefined ? { kind: 'efficiency', image: imageId, limit: INEFFICIENT_PATHS } : undefined);

  const [selected, setSelected] = useState<number | 'all' | undefined>(undefined);
  const [changedOnly, setChangedOnly] = useState(false);
  const [summary, setSummary] = useState<LayerTreeListing['summary'] | undefined>(undefined);
  useEffect(() => setSelected(undefined), [imageId]);

  const layerCount = layers.data?.layerCount ?? 0;
  const layer: number | 'all' = selected === 'all' ? 'all' : selected !== undefined && selected < layerCount ? selected : layerCount - 1;
  const selectedRow = layers.data?.rows.find((row): row is LayerRow => row.kind === 'layer' && row.index === layer);

  const picker =
    image === undefined ? (
      <div class="lx-picker">
        <label>
          <span>Image</span>{' '}
          <select
            value={picked ?? ''}
            onChange={(event) => setPinned((event.currentTarget as HTMLSelectElement).value)}
            disabled={list.length === 0}
            data-image-picker=""
          >
            {list.map((candidate) => (
              <option key={candidate.id} value={candidate.names[0]}>
                {candidate.tagged ? candidate.names.join(', ') : `<none> ${candidate.names[0] ?? ''}`} ({dockerSize(candidate.size)})
              </option>
            ))}
          </select>
        </label>
      </div>
    ) : null;

  if (image === undefined) {
    if (images.error) return <p class="view-error" role="alert">{images.error}</p>;
    if (!images.data) return <p class="views-loading">Loading…</p>;
    if (list.length === 0)
      return (
        <p class="view-empty">
          No images yet. Pull one (<code>docker pull alpine</code>) or build one in the terminal: its layers show here.
        </p>
      );
  }

  return (
    <div class="lx" data-layer-explorer="">
      {picker}
      {layers.error ? (
        image !== undefined && /No such image/i.test(layers.error) ? (
          <p class="view-empty">
            There is no image <code>{image}</code> here yet. Pull or build it in the terminal and its layers show here.
          </p>
        ) : (
          <p class="view-error" role="alert">
            {layers.error}
          </p>
        )
      ) : !layers.data ? (
        <p class="views-loading">Loading…</p>
      ) : (
        <>
          <h3 class="lx-title">
            {layers.data.names.join(', ')} <span class="lx-id">{shortDigest(layers.data.id)}</span>
          </h3>
          <Figures data={efficiency.data} error={efficiency.error} />
          <section class="lx-layers" aria-labelledby="lx-layers-heading">
            <h4 id="lx-layers-heading">Layers, from the bottom up</h4>
            <button type="button" class="lx-all" aria-pressed={layer === 'all'} onClick={() => setSelected('all')} data-layer-all="">
              All layers: the whole image, against its base layer
            </button>
            <ol class="lx-layer-list">
              {layers.data.rows.map((row, position) =>
                row.kind === 'layer' ? (
                  <LayerItem key={`l${row.index}`} row={row} selected={layer === row.index} onSelect={() => setSelected(row.index)} />
                ) : (
                  <MetadataItem key={`m${position}`} row={row} />
                ),
              )}
            </ol>
          </section>
          <section class="lx-files" aria-labelledby="lx-files-heading">
            <div class="lx-files-head">
              <h4 id="lx-files-heading">
                {layer === 'all' ? 'Files of the whole image' : `Files as of layer ${layer + 1}`}
                {selectedRow ? <span class="lx-files-instruction">{truncate(selectedRow.createdBy, 48)}</span> : null}
              </h4>
              <label class="lx-filter">
                <input type="checkbox" checked={changedOnly} onChange={(event) => setChangedOnly((event.currentTarget as HTMLInputElement).checked)} data-changed-only="" /> Changed only
              </label>
            </div>
            {summary ? (
              <p class="lx-summary" data-tree-summary="">
                <span class="change-added">
                  <span aria-hidden="true">+</span> {summary.added} added
                </span>
                <span class="change-modified">
                  <span aria-hidden="true">~</span> {summary.modified} modified
                </span>
                <span class="change-removed">
                  <span aria-hidden="true">−</span> {summary.removed} removed
                </span>
                <span class="lx-summary-note">{layer === 'all' ? 'above the base layer' : 'by this layer'}</span>
              </p>
            ) : null}
            {imageId !== undefined && layerCount > 0 ? (
              <FileTree
                session={session}
                imageId={imageId}
                layer={layer}
                changedOnly={changedOnly}
                label={layer === 'all' ? 'Files of the whole image' : `Files as of layer ${layer + 1}`}
                onSummary={setSummary}
              />
            ) : (
              <p class="view-empty">This image has no layers.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function LayerItem({ row, selected, onSelect }: { row: LayerRow; selected: boolean; onSelect: () => void }) {
  const [whole, setWhole] = useState(false);
  const [digests, setDigests] = useState(false);
  const instruction = row.createdBy === '' ? '(no history entry)' : row.createdBy;
  const cut = truncate(instruction, INSTRUCTION_CHARS);
  const detailsId = `lx-layer-${row.index}-details`;
  return (
    <li class={`lx-layer${selected ? ' lx-selected' : ''}`} data-layer-row="" data-kind="layer" data-index={row.index}>
      <button type="button" class="lx-layer-select" aria-pressed={selected} onClick={onSelect}>
        <span class="lx-layer-number">
          <span class="visually-hidden">Layer </span>
          {row.index + 1}
        </span>
        <code class="lx-instruction" data-instruction="">
          {cut}
        </code>
        <span class="lx-size" data-size="">
          {dockerSize(row.size)}
        </span>
      </button>
      <div class="lx-layer-more">
        {cut !== instruction ? (
          <button type="button" class="lx-link" aria-expanded={whole} onClick={() => setWhole(!whole)} data-show-instruction="">
            {whole ? 'Hide full instruction' : 'Full instruction'}
          </button>
        ) : null}
        <button type="button" class="lx-link" aria-expanded={digests} aria-controls={digests ? detailsId : undefined} onClick={() => setDigests(!digests)}>
          <span class="visually-hidden">Digest </span>
          <code>{shortDigest(row.diffId)}</code>
        </button>
        {row.sharedWith.length > 0 ? (
          <span class="lx-shared" data-shared="">
            shared with {row.sharedWith.join(', ')}
          </span>
        ) : null}
      </div>
      {whole ? (
        <pre class="lx-whole" data-full-instruction="">
          {instruction}
        </pre>
      ) : null}
      {digests ? (
        <dl class="lx-digests" id={detailsId}>
          <dt>Diff ID</dt>
          <dd>
            <code>{row.diffId}</code>
          </dd>
          <dt>Chain ID</dt>
          <dd>
            <code>{row.chainId}</code>
          </dd>
        </dl>
      ) : null}
    </li>
  );
}

function MetadataItem({ row }: { row: MetadataRow }) {
  const [whole, setWhole] = useState(false);
  const cut = truncate(row.createdBy, INSTRUCTION_CHARS);
  return (
    <li class="lx-meta" data-layer-row="" data-kind="metadata">
      <span class="lx-meta-tag">
        config only<span class="visually-hidden">, no layer:</span>
      </span>
      <code class="lx-instruction" data-instruction="">
        {cut}
      </code>
      <span class="lx-size">{dockerSize(0)}</span>
      {cut !== row.createdBy ? (
        <button type="button" class="lx-link" aria-expanded={whole} onClick={() => setWhole(!whole)}>
          {whole ? 'Hide' : 'Full instruction'}
        </button>
      ) : null}
      {whole ? <pre class="lx-whole">{row.createdBy}</pre> : null}
    </li>
  );
}

interface FiguresProps {
  data: import('../../simulator/view/efficiency').ImageEfficiency | undefined;
  error: string | undefined;
}

function Figures({ data, error }: FiguresProps) {
  if (error) return <p class="view-error">{error}</p>;
  if (!data) return <p class="views-loading">Weighing the layers…</p>;
  return (
    <section class="lx-figures" aria-labelledby="lx-figures-heading" data-efficiency="">
      <h4 id="lx-figures-heading" class="visually-hidden">
        Size and efficiency
      </h4>
      <dl class="lx-figure-list">
        <div>
          <dt>Total size</dt>
          <dd data-total-size="">{dockerSize(data.size)}</dd>
        </div>
        <div>
          <dt>Wasted space</dt>
          <dd data-wasted="">{dockerSize(data.wastedBytes)}</dd>
        </div>
        <div>
          <dt>Efficiency</dt>
          <dd data-score="">{percent(data.score)}</dd>
        </div>
      </dl>
      <p class="lx-explain">
        Every layer travels with the image, whole. When a later layer overwrites or deletes a file, the earlier copy is hidden, not removed: its
        bytes are still downloaded and stored. Wasted space counts those bytes (every version of a path written more than once, or deleted later);
        the efficiency score is the share of the image that is not such duplication, so 100% means nothing is wasted. Deleting files in the same
        RUN that created them avoids the waste.
      </p>
      {data.inefficientPaths.length > 0 ? (
        <details class="lx-waste">
          <summary>
            Where the waste is ({data.inefficientPathCount} {data.inefficientPathCount === 1 ? 'path' : 'paths'})
          </summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Versions</th>
                <th scope="col">Bytes in all</th>
              </tr>
            </thead>
            <tbody>
              {data.inefficientPaths.map((entry) => (
                <tr key={entry.path}>
                  <td>
                    <code>{entry.path}</code>
                  </td>
                  <td>{entry.count}</td>
                  <td>{dockerSize(entry.totalSize)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
