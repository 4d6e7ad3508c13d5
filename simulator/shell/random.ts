/**
 * The interpreter (just-bash) answers `$RANDOM` with `Math.random()` and has
 * no hook for it; the brief needs the session's seeded source there (same
 * seed, same session). So while a shell runs a command line, `Math.random` is
 * a dispatcher that draws from the source of the line that began last and is
 * still running; when no line runs, the original is back.
 *
 * Lines of one session (the learner's shell, a container's shell under it, a
 * detached container's script) all draw from the same source, the engine's,
 * so the order in which they finish does not matter.
 */
type Source = () => number;

const active: Array<{ source: Source }> = [];
let original: Source | undefined;

/** `Math.random` is `source` until the returned function is called (calls may end in any order). */
export function drawRandomFrom(source: Source): () => void {
  const entry = { source };
  if (active.length === 0) {
    original = Math.random;
    Math.random = () => (active[active.length - 1] ?? { source: original ?? (() => 0) }).source();
  }
  active.push(entry);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    const at = active.indexOf(entry);
    if (at >= 0) active.splice(at, 1);
    if (active.length === 0 && original) {
      Math.random = original;
      original = undefined;
    }
  };
}
