/**
 * Matching a reference as a lesson writes it (`alpine`, `docker.io/library/alpine`,
 * `ubuntu:24.04`) to the familiar names the engine lists (`alpine:latest`).
 * Only the spelling is normalised here: the engine decides what exists.
 */

/** The familiar form of a reference: no `docker.io/library/` or `docker.io/`, `:latest` when it names no tag or digest. */
export function familiarRef(ref: string): string {
  let name = ref.trim();
  if (name.startsWith('docker.io/library/')) name = name.slice('docker.io/library/'.length);
  else if (name.startsWith('index.docker.io/library/')) name = name.slice('index.docker.io/library/'.length);
  else if (name.startsWith('docker.io/')) name = name.slice('docker.io/'.length);
  if (name.includes('@')) return name;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}

/** Whether `ref` names an image listed with `names` and `id` (a short or full ID works too). */
export function refMatches(ref: string, names: readonly string[], id: string): boolean {
  if (names.includes(ref)) return true;
  const bare = id.replace(/^sha256:/, '');
  const wanted = ref.replace(/^sha256:/, '');
  if (wanted.length >= 4 && /^[0-9a-f]+$/.test(wanted) && bare.startsWith(wanted)) return true;
  return names.includes(familiarRef(ref));
}
