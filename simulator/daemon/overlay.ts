import { digestOf, hexOf } from '../digest/digest';

/**
 * Where overlay2 keeps a directory. moby names it with a random cache ID;
 * here it derives from `seed` (`cache:<chain ID>` for an image layer,
 * `rw:<container ID>` for a writable layer), so inspect output is stable
 * and image and container inspect agree.
 */
export function overlayDir(seed: string): string {
  return `/var/lib/docker/overlay2/${hexOf(digestOf(seed))}`;
}
