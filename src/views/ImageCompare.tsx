import { useState } from 'preact/hooks';
import type { ComparedImage, FileDifference } from '../../simulator/view/compare';
import { dockerSize } from './format';
import { refMatches } from './refs';
import { useEngineQuery } from './use-engine';
import type { ViewProps } from './ViewsIsland';
import './ImageCompare.css';

/** How many paths of each kind of difference the engine lists (the counts are always whole). */
const FILE_LIMIT = 50;

export interface ImageCompareProps extends ViewProps {
  /** The images to compare at first (a lesson's choice); the learner can change the selection. The first is the reference. */
  images?: readonly string[];
}

/**
 * Local images side by side: size with bars to scale, layers, packages,
 * shell, package managers, user, and the files that differ from the first
 * image. Every figure is the engine's answer to `compareImages`.
 */
export default function ImageCompare({ session, images }: ImageCompareProps) {
  const local = useEngineQuery(session, { kind: 'images' });
  const [chosen, setChosen] = useState<readonly string[]>(images ?? []);
  const list = local.data ?? [];
  // The chosen refs the engine has right now, as it names them, in the order chosen (the first is the reference).
  const resolved = chosen.map((ref) => ({ ref, image: list.find((candidate) => refMatches(ref, candidate.names, candidate.id)) }));
  const present: string[] = [];
  for (const { image } of resolved) if (image && !present.includes(image.names[0] ?? image.id)) present.push(image.names[0] ?? image.id);
  const missing = local.data ? resolved.filter(({ image }) => !image).map(({ ref }) => ref) : [];
  const comparison = useEngineQuery(session, present.length > 0 ? { kind: 'compareImages', images: present, fileLimit: FILE_LIMIT } : undefined);

  const toggle = (ref: string, on: boolean): void =>
    setChosen((previous) => {
      const candidate = list.find((image) => image.names[0] === ref);
      const others = previous.filter((chosenRef) => !(candidate ? refMatches(chosenRef, candidate.names, candidate.id) : chosenRef === ref));
      return on ? [...others, ref] : others;
    });

  return (
    <div class="cmp" data-image-compare="">
      <fieldset class="cmp-picker">
        <legend>Images to compare (the first one chosen is the reference for files)</legend>
        {local.error ? <p class="view-error">{local.error}</p> : null}
        {local.data && list.length === 0 ? <p class="view-empty">No images yet: pull some in the terminal (<code>docker pull alpine</code>).</p> : null}
        <ul class="cmp-choices">
          {list
            .filter((candidate) => candidate.tagged || present.includes(candidate.names[0] ?? candidate.id))
            .map((candidate) => {
              const ref = candidate.names[0] ?? candidate.id;
              const order = present.indexOf(ref);
              return (
                <li key={candidate.id}>
                  <label>
                    <input type="checkbox" checked={order >= 0} onChange={(event) => toggle(ref, (event.currentTarget as HTMLInputElement).checked)} data-compare-choice={ref} />{' '}
                    {candidate.names.join(', ')} <span class="cmp-muted">({dockerSize(candidate.size)})</span>
                    {order === 0 ? <span class="cmp-ref"> reference</span> : null}
                  </label>
                </li>
              );
            })}
        </ul>
        {missing.length > 0 ? (
          <p class="view-empty">
            Not here yet: {missing.join(', ')}. Pull or build {missing.length === 1 ? 'it' : 'them'} in the terminal.
          </p>
        ) : null}
      </fieldset>
      {present.length === 0 ? (
        <p class="view-empty">Choose images above to see them side by side.</p>
      ) : comparison.error ? (
        <p class="view-error" role="alert">
          {comparison.error}
        </p>
      ) : !comparison.data ? (
        <p class="views-loading">Comparing…</p>
      ) : (
        <Table images={comparison.data.images} differences={comparison.data.differences} />
      )}
    </div>
  );
}

function Table({ images, differences }: { images: ComparedImage[]; differences: FileDifference[] }) {
  const largest = Math.max(1, ...images.map((image) => image.size));
  const label = (image: ComparedImage): string => image.ref;
  return (
    <div class="cmp-scroll">
      <table class="cmp-table" data-compare-table="">
        <caption class="visually-hidden">The chosen images side by side</caption>
        <thead>
          <tr>
            <td />
            {images.map((image) => (
              <th key={image.id + image.ref} scope="col" data-compare-image={image.ref}>
                {label(image)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-row="size">
            <th scope="row">Size</th>
            {images.map((image) => {
              const width = (image.size / largest) * 100;
              return (
                <td key={image.ref} data-compare-size={image.ref}>
                  <div class="cmp-bar" aria-hidden="true">
                    <div class="cmp-bar-fill" style={{ width: `${Math.max(width, 0.5)}%` }} />
                  </div>
                  <span class="cmp-number">{dockerSize(image.size)}</span>
                </td>
              );
            })}
          </tr>
          <tr data-row="layers">
            <th scope="row">Layers</th>
            {images.map((image) => (
              <td key={image.ref}>{image.layerCount}</td>
            ))}
          </tr>
          <tr data-row="packages">
            <th scope="row">Packages</th>
            {images.map((image) => (
              <td key={image.ref}>
                {image.packages.database ? (
                  <>
                    {image.packages.count} <span class="cmp-muted">({image.packages.database})</span>
                  </>
                ) : (
                  <span class="cmp-muted">no package database</span>
                )}
              </td>
            ))}
          </tr>
          <tr data-row="shell">
            <th scope="row">Shell (/bin/sh)</th>
            {images.map((image) => (
              <td key={image.ref}>
                <span class={image.shell ? 'cmp-yes' : 'cmp-no'} aria-hidden="true">
                  {image.shell ? '✓ ' : '✗ '}
                </span>
                {image.shell ? 'yes' : 'no'}
              </td>
            ))}
          </tr>
          <tr data-row="package-managers">
            <th scope="row">Package manager</th>
            {images.map((image) => (
              <td key={image.ref}>{image.packageManagers.length > 0 ? image.packageManagers.join(', ') : <span class="cmp-muted">none</span>}</td>
            ))}
          </tr>
          <tr data-row="user">
            <th scope="row">Runs as</th>
            {images.map((image) => (
              <td key={image.ref}>
                <span class={image.user.root ? 'cmp-root' : 'cmp-nonroot'}>{image.user.root ? 'root' : 'nonroot'}</span>{' '}
                <span class="cmp-muted">
                  ({image.user.name || image.user.configured || '?'}, uid {image.user.uid})
                </span>
              </td>
            ))}
          </tr>
          <tr data-row="files">
            <th scope="row">Files differing from {images[0] ? label(images[0]) : 'the first'}</th>
            {images.map((image, index) => {
              if (index === 0)
                return (
                  <td key={image.ref} class="cmp-muted">
                    reference
                  </td>
                );
              const difference = differences.find((candidate) => candidate.ref === image.ref) ?? differences[index - 1];
              return <td key={image.ref}>{difference ? <Differences difference={difference} reference={images[0] ? label(images[0]) : ''} /> : '—'}</td>;
            })}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Differences({ difference, reference }: { difference: FileDifference; reference: string }) {
  const groups: Array<{ key: 'onlyInThis' | 'onlyInFirst' | 'differing'; symbol: string; word: string; className: string }> = [
    { key: 'onlyInThis', symbol: '+', word: 'only here', className: 'change-added' },
    { key: 'onlyInFirst', symbol: '−', word: `only in ${reference}`, className: 'change-removed' },
    { key: 'differing', symbol: '~', word: 'different content', className: 'change-modified' },
  ];
  return (
    <ul class="cmp-diff">
      {groups.map((group) => {
        const count = difference[group.key];
        const examples = difference.examples[group.key];
        return (
          <li key={group.key}>
            {count > 0 ? (
              <details>
                <summary>
                  <span class={group.className} aria-hidden="true">
                    {group.symbol}
                  </span>{' '}
                  {count} {group.word}
                </summary>
                {/* Scrolls when long: focusable so the keyboard can scroll it. */}
                <ul class="cmp-paths" tabIndex={0} aria-label={`${group.word}: paths`}>
                  {examples.map((path) => (
                    <li key={path}>
                      <code>{path}</code>
                    </li>
                  ))}
                  {count > examples.length ? <li class="cmp-muted">and {count - examples.length} more</li> : null}
                </ul>
              </details>
            ) : (
              <span class="cmp-muted">
                <span aria-hidden="true">{group.symbol}</span> 0 {group.word}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
