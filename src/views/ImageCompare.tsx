import type { ViewProps } from './ViewsIsland';

/** Placeholder until the view is built: says so rather than showing nothing. */
export default function ImageCompare(_props: ViewProps) {
  return <p>This view is being built.</p>;
}
