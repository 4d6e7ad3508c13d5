/**
 * The one read-only query interface the views are built on: a request is
 * plain JSON naming what to look at, the answer is plain JSON (it crosses
 * postMessage from the session's worker). Nothing here changes the engine;
 * an unknown image or path fails the query with the daemon's message.
 */
import type { Credentials } from '../registry/accounts';
import type { Engine } from '../daemon/engine';
import { compareImages, type ImageComparison } from './compare';
import { containerLayers, type ContainerLayer } from './containers';
import { imageEfficiency, type ImageEfficiency } from './efficiency';
import { imageLayers, type ImageLayers } from './image-layers';
import { layerTree, type LayerTreeListing } from './layer-tree';
import { localImages, type LocalImage } from './local-images';
import { registryView, type RegistryView } from './registry';

export type ViewQuery =
  /** Every local image, for pickers (`docker images -a`, newest first). */
  | { kind: 'images' }
  /** An image's layers and history rows, bottom to top. */
  | { kind: 'imageLayers'; image: string }
  /** One directory of an image's tree as of a layer (or 'all': the whole image against its first layer). */
  | { kind: 'layerTree'; image: string; layer: number | 'all'; path?: string; changedOnly?: boolean }
  /** Wasted space and efficiency score, as dive counts them. */
  | { kind: 'efficiency'; image: string; limit?: number }
  /** Containers with their writable layers (all, or one image's). */
  | { kind: 'containers'; image?: string; changeLimit?: number }
  /** Images side by side, the first one as the reference for file differences. */
  | { kind: 'compareImages'; images: string[]; fileLimit?: number }
  /** A registry's page for a visitor (signed in with credentials, or not). */
  | { kind: 'registry'; host?: string; credentials?: Credentials };

/** The answer to each kind of query. */
export interface ViewAnswers {
  images: LocalImage[];
  imageLayers: ImageLayers;
  layerTree: LayerTreeListing;
  efficiency: ImageEfficiency;
  containers: ContainerLayer[];
  compareImages: ImageComparison;
  registry: RegistryView;
}

export type ViewAnswer<Q extends ViewQuery> = ViewAnswers[Q['kind']];

/** Answers a query from the engine's current state. */
export async function answerQuery<Q extends ViewQuery>(engine: Engine, query: Q): Promise<ViewAnswer<Q>> {
  return (await answer(engine, query)) as ViewAnswer<Q>;
}

async function answer(engine: Engine, query: ViewQuery): Promise<ViewAnswers[ViewQuery['kind']]> {
  switch (query.kind) {
    case 'images':
      return localImages(engine);
    case 'imageLayers':
      return imageLayers(engine, query.image);
    case 'layerTree':
      return layerTree(engine, query.image, query.layer, { path: query.path, changedOnly: query.changedOnly });
    case 'efficiency':
      return imageEfficiency(engine, query.image, query.limit);
    case 'containers':
      return containerLayers(engine, { image: query.image, changeLimit: query.changeLimit });
    case 'compareImages':
      return compareImages(engine, query.images, query.fileLimit);
    case 'registry':
      return registryView(engine, query.host, query.credentials);
  }
}
