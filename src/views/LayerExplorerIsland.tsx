import { useEmbeddedView } from './embedded';
import type { LayerExplorerProps } from './LayerExplorer';
import './views.css';

interface Props {
  image: string;
  /** The page's session key: the same as its terminal's, so both show one engine. */
  storageKey: string;
}

/**
 * `<LayerExplorer image="…" />` in a lesson: the page's session and the
 * explorer for one image. The explorer itself is loaded when the island
 * hydrates, not with the page.
 */
export default function LayerExplorerIsland({ image, storageKey }: Props) {
  const { session, View } = useEmbeddedView<LayerExplorerProps>(storageKey, () => import('./LayerExplorer'));
  return (
    <section class="views views-embedded" aria-label={`Layers of ${image}`} data-embedded-view="layers">
      <div class="views-panel">{View && session ? <View session={session} image={image} /> : <p class="views-loading">Loading…</p>}</div>
    </section>
  );
}
