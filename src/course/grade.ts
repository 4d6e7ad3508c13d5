/**
 * Grading of the quiz questions answered on the page itself (single and
 * multiple choice, ordering); command questions are graded by the engine
 * (session.tryCommand). Pure, so each rule is tested on its own.
 */

/** A single-choice answer is right when the chosen choice is the correct one. */
export function gradeSingle(correct: readonly boolean[], chosen: number): boolean {
  return correct[chosen] === true;
}

/** A multiple-choice answer is right when exactly the correct choices are chosen. */
export function gradeMultiple(correct: readonly boolean[], chosen: ReadonlySet<number>): boolean {
  return correct.every((isCorrect, index) => isCorrect === chosen.has(index));
}

/** An ordering is right when the items (indices into the right order) are in the right order. */
export function gradeOrder(arranged: readonly number[]): boolean {
  return arranged.every((item, position) => item === position);
}

function hash(text: string): number {
  let value = 2166136261;
  for (const char of text) value = Math.imul(value ^ char.charCodeAt(0), 16777619) >>> 0;
  return value;
}

/**
 * The order a question's items are first shown in: shuffled, the same on
 * every visit (seeded by the question's id, so the server-rendered page and
 * the island agree), and never already right.
 */
export function shuffledOrder(count: number, seed: string): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  let state = hash(seed) || 1;
  for (let i = count - 1; i > 0; i--) {
    // xorshift32: small, deterministic, good enough to mix a handful of items.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return gradeOrder(order) && count > 1 ? order.reverse() : order;
}

/** Moves the item at `from` one place up (-1) or down (+1); the arrangement is unchanged at the ends. */
export function moveItem(arranged: readonly number[], from: number, by: -1 | 1): number[] {
  const to = from + by;
  if (from < 0 || to < 0 || from >= arranged.length || to >= arranged.length) return [...arranged];
  const next = [...arranged];
  [next[from], next[to]] = [next[to] as number, next[from] as number];
  return next;
}
