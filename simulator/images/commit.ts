import { changesetSize } from '../archive/types';
import type { Container } from '../container/container';
import type { Engine } from '../daemon/engine';
import { countChanges } from '../daemon/events';
import { rfc3339Nano } from '../daemon/time';
import { ENGINE_VERSION } from '../daemon/version';
import type { RunConfig } from '../image/config';
import type { StoredImage } from '../image/store';
import { LayerStore } from '../layer/store';
import { familiarString, tagNameOnly, type Reference } from '../reference/reference';

/** The diff ID of an empty layer: the tar of nothing (1024 zero bytes), moby's DigestSHA256EmptyTar. */
export const EMPTY_LAYER_DIFF_ID = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

export interface CommitOptions {
  reference?: Reference;
  author?: string;
  comment?: string;
  /** The container config after `-c` changes were applied. */
  config: RunConfig;
}

/**
 * docker commit (moby's CreateImageFromContainer): the container's writable
 * layer becomes a new layer on top of its image (none when nothing changed),
 * the history gains the container's command, and the new image remembers its
 * parent, so `docker history` shows the parent's ID instead of `<missing>`.
 */
export async function commitContainer(engine: Engine, container: Container, options: CommitOptions): Promise<StoredImage> {
  const parent = engine.images.get(container.image);
  if (!parent) throw new Error(`image ${container.image} of container ${container.id} is gone`);
  const changeset = container.layer.changeset();
  const diffId = await LayerStore.diffIdOf(changeset);
  const emptyLayer = diffId === EMPTY_LAYER_DIFF_ID;
  const parentTop = engine.topLayerOf(parent);
  engine.layers.register(emptyLayer ? [] : [{ diffId, changeset }], parentTop);
  const created = rfc3339Nano(engine.clock.now());
  const config = {
    ...(options.comment ? { comment: options.comment } : {}),
    created,
    docker_version: ENGINE_VERSION.engine.version,
    ...(options.author ? { author: options.author } : {}),
    config: options.config,
    architecture: parent.config.architecture,
    os: parent.config.os,
    rootfs: { type: 'layers', diff_ids: [...parent.config.rootfs.diff_ids, ...(emptyLayer ? [] : [diffId])] },
    history: [
      ...(parent.config.history ?? []),
      {
        created,
        ...(options.author ? { author: options.author } : {}),
        created_by: (container.config.Cmd ?? []).join(' '),
        ...(options.comment ? { comment: options.comment } : {}),
        ...(emptyLayer ? { empty_layer: true } : {}),
      },
    ],
  };
  const image = engine.images.create(JSON.stringify(config));
  engine.images.setParent(image.id, parent.id);
  const tag = options.reference ? tagNameOnly(options.reference) : undefined;
  engine.events.emit({
    type: 'image.committed',
    imageId: image.id,
    containerId: container.id,
    containerName: container.name,
    ...(tag ? { ref: familiarString(tag) } : {}),
    layerSize: changesetSize(changeset),
    changes: countChanges(container.layer.diff()),
  });
  if (tag) {
    engine.references.addTag(tag, image.id, true);
    engine.tagged(image.id, tag);
  }
  return image;
}
