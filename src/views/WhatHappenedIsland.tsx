import { useEmbeddedView } from './embedded';
import type { ViewProps } from './ViewsIsland';

interface Props {
  /** The page's session key: the same as its terminal's. */
  storageKey: string;
}

/**
 * "What just happened" under a lesson's terminal: each command's effect in
 * plain words, from the engine's events. The panel loads with the island,
 * when the browser is idle, so the lesson's first paint does not wait.
 */
export default function WhatHappenedIsland({ storageKey }: Props) {
  const { session, View } = useEmbeddedView<ViewProps>(storageKey, () => import('./WhatHappened'));
  return (
    <details class="dock-explain" open data-embedded-view="happened">
      <summary>What just happened</summary>
      <div class="dock-explain-body">{View && session ? <View session={session} /> : <p class="views-loading">Loading…</p>}</div>
    </details>
  );
}
