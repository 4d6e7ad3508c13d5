import { changesetSize } from '../archive/types';
import { isRunning, type Container } from '../container/container';
import type { Engine } from './engine';
import { deleteContainer } from './containers';
import { matchLabels, untilFilter, validateFilters, type FilterArgs } from './filters';

/** What POST /containers/prune answers (API ContainerPruneReport). */
export interface ContainerPruneReport {
  /** Full IDs, in the order the containers were removed. */
  containersDeleted: string[];
  spaceReclaimed: number;
}

/** Bytes of a container's writable layer: what the daemon's GetContainerLayerSize reports for it. */
export function containerLayerSize(container: Container): number {
  return changesetSize(container.layer.changeset());
}

/**
 * docker container prune (moby daemon/prune.go ContainersPrune): removes
 * every container that is not running, newest first as the daemon lists
 * them, unless it was created after the `until` filter or its labels do not
 * match; the reclaimed space is the sum of their writable layers.
 */
export function pruneContainers(engine: Engine, filters: FilterArgs): ContainerPruneReport {
  validateFilters(filters, ['label', 'label!', 'until']);
  const until = untilFilter(filters, engine.clock.now());
  const report: ContainerPruneReport = { containersDeleted: [], spaceReclaimed: 0 };
  for (const container of engine.containers.list()) {
    if (isRunning(container.state)) continue;
    if (until !== undefined && container.created > until) continue;
    if (!matchLabels(filters, container.config.Labels)) continue;
    const size = containerLayerSize(container);
    deleteContainer(engine, container);
    report.spaceReclaimed += size;
    report.containersDeleted.push(container.id);
  }
  return report;
}
