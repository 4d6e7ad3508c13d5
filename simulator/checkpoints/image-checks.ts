/** Checks of a local image: exists, tags, layers, files, size, user, shell. */
import { humanSize } from '../cli/format/units';
import type { StoredImage } from '../image/store';
import { normalizePath } from '../host/paths';
import { listImages } from '../images/list';
import { compareImages } from '../view/compare';
import { fail, findImage, pass, shortId, type CheckContext } from './context';
import type { Check, CheckResult, Count } from './types';

type ImageCheck = Extract<Check, { image: string; kind: `image${string}` }>;

export function evaluateImageCheck(context: CheckContext, check: ImageCheck): CheckResult {
  const { engine } = context;
  const image = findImage(engine, check.image);
  if (!image) return fail(`there is no image ${check.image} yet`);
  const named = `image ${check.image}`;
  switch (check.kind) {
    case 'imageExists':
      return pass(`${named} exists (ID ${shortId(image.id)})`);
    case 'imageHasTag':
      return hasTag(context, image, check.image, check.tag);
    case 'imageLayers': {
      const layers = image.config.rootfs.diff_ids.length;
      const found = `${named} has ${layers} layer${layers === 1 ? '' : 's'}`;
      return withinCount(layers, check) ? pass(`${found} (${countWords(check)})`) : fail(`${found}, not ${countWords(check)}`);
    }
    case 'imageHasFile': {
      const path = normalizePath('/', check.path);
      return engine.layers.view(engine.topLayerOf(image)).has(path) ? pass(`${named} has ${path}`) : fail(`${named} has no ${path}`);
    }
    case 'imageSizeBelow': {
      const size = engine.sizeOf(image);
      const found = `${named} is ${humanSize(size)} (${size} bytes)`;
      return size < check.bytes ? pass(`${found}, below ${humanSize(check.bytes)}`) : fail(`${found}, not below ${humanSize(check.bytes)}`);
    }
    case 'imageRunsAsNonRoot': {
      const { user } = describe(context, image);
      const who = `${named} runs as ${user.name} (uid ${user.uid}${user.configured === '' ? ', no USER set' : `, USER ${user.configured}`})`;
      return user.root ? fail(who) : pass(who);
    }
    case 'imageHasShell': {
      const { shell } = describe(context, image);
      const found = shell ? `${named} has a shell (/bin/sh)` : `${named} has no shell (/bin/sh)`;
      return shell === check.present ? pass(found) : fail(found);
    }
  }
}

function hasTag(context: CheckContext, image: StoredImage, name: string, tag: string): CheckResult {
  const tagged = findImage(context.engine, tag);
  if (!tagged) return fail(`nothing is tagged ${tag} yet`);
  if (tagged.id !== image.id) return fail(`${tag} is image ${shortId(tagged.id)}, not ${name} (${shortId(image.id)})`);
  return pass(`${tag} and ${name} are the same image (${shortId(image.id)})`);
}

/** The image's shell and user, worked out as the image comparison view does (one place knows how). */
function describe(context: CheckContext, image: StoredImage): { shell: boolean; user: { name: string; uid: number; configured: string; root: boolean } } {
  const [compared] = compareImages(context.engine, [image.id], 0).images;
  if (!compared) throw new Error(`image ${image.id} vanished while being checked`);
  return compared;
}

/** Dangling images as `docker images -f dangling=true` lists them: no tag or digest, and no image built on them. */
export function evaluateDanglingImages(context: CheckContext, check: Extract<Check, { kind: 'danglingImages' }>): CheckResult {
  const dangling = listImages(context.engine, false).filter((image) => image.repoTags.length === 0 && image.repoDigests.length === 0 && !image.hasChildren);
  const found = dangling.length === 0 ? 'there are no dangling images' : `there ${dangling.length === 1 ? 'is 1 dangling image' : `are ${dangling.length} dangling images`} (${dangling.map((image) => shortId(image.id)).join(', ')})`;
  return withinCount(dangling.length, check) ? pass(found) : fail(`${found}; expected ${countWords(check)}`);
}

function withinCount(value: number, count: Count): boolean {
  return (count.count === undefined || value === count.count) && (count.atLeast === undefined || value >= count.atLeast) && (count.atMost === undefined || value <= count.atMost);
}

function countWords(count: Count): string {
  const parts = [count.count === undefined ? '' : `exactly ${count.count}`, count.atLeast === undefined ? '' : `at least ${count.atLeast}`, count.atMost === undefined ? '' : `at most ${count.atMost}`];
  return parts.filter((part) => part !== '').join(' and ');
}
