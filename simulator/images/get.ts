import type { Engine } from '../daemon/engine';
import type { Digest } from '../digest/digest';
import { invalidParameter, notFound } from '../errdefs/errors';
import { AmbiguousImageIdError, type StoredImage } from '../image/store';
import { familiarString, InvalidReferenceError, parseAnyReference, tagNameOnly } from '../reference/reference';

/**
 * Finds an image by ID, ID prefix or reference, in moby's order
 * (ImageService.GetImage): a full `sha256:` ID, then the reference store
 * (a name without tag means `:latest`), then an ID-prefix search. Unknown
 * images fail with `No such image: <name>:latest`.
 */
export function getImage(engine: Engine, refOrId: string): StoredImage {
  let parsed;
  try {
    parsed = parseAnyReference(refOrId);
  } catch (error) {
    // The daemon reports a malformed name as an invalid parameter (errdefs.InvalidParameter).
    if (error instanceof InvalidReferenceError) throw invalidParameter(error.message);
    throw error;
  }
  if (parsed.kind === 'digest') {
    const image = engine.images.get(parsed.digest as Digest);
    if (image) return image;
    throw notFound(`No such image: ${parsed.digest}`);
  }
  const id = engine.references.get(tagNameOnly(parsed.ref));
  const byReference = id ? engine.images.get(id as Digest) : undefined;
  if (byReference) return byReference;
  let byId;
  try {
    byId = engine.images.search(refOrId);
  } catch (error) {
    // moby's image search treats an ambiguous prefix as no match.
    if (!(error instanceof AmbiguousImageIdError)) throw error;
  }
  if (byId) return byId;
  throw notFound(`No such image: ${familiarString(tagNameOnly(parsed.ref))}`);
}
