import { useEmbeddedView } from './embedded';
import type { ViewProps } from './ViewsIsland';
import './views.css';

interface Props {
  /** The page's session key: the same as its terminal's, so the Hub shows what that terminal pushes. */
  storageKey: string;
}

/**
 * `<HubPage />` in a lesson: the simulated Docker Hub for the page's session.
 * The page itself is loaded when the island hydrates, not with the page.
 */
export default function HubIsland({ storageKey }: Props) {
  const { session, View } = useEmbeddedView<ViewProps>(storageKey, () => import('./HubView'));
  return (
    <section class="views views-embedded" aria-label="Docker Hub (simulated)" data-embedded-view="hub">
      <div class="views-panel">{View && session ? <View session={session} /> : <p class="views-loading">Loading…</p>}</div>
    </section>
  );
}
