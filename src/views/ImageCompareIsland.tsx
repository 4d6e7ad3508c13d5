import { useEmbeddedView } from './embedded';
import type { ImageCompareProps } from './ImageCompare';
import './views.css';

interface Props {
  images: string[];
  /** The page's session key: the same as its terminal's, so both show one engine. */
  storageKey: string;
}

/** `<ImageCompare images={[…]} />` in a lesson: the page's session and the comparison, loaded when the island hydrates. */
export default function ImageCompareIsland({ images, storageKey }: Props) {
  const { session, View } = useEmbeddedView<ImageCompareProps>(storageKey, () => import('./ImageCompare'));
  return (
    <section class="views views-embedded" aria-label={`Comparison of ${images.join(', ')}`} data-embedded-view="compare">
      <div class="views-panel">{View && session ? <View session={session} images={images} /> : <p class="views-loading">Loading…</p>}</div>
    </section>
  );
}
