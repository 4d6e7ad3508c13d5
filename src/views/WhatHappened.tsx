import type { ViewProps } from './ViewsIsland';

/** Placeholder until the view is built: says so rather than showing nothing. */
export default function WhatHappened(_props: ViewProps) {
  return <p>This view is being built.</p>;
}
