/**
 * Random container names in Docker's `adjective_surname` style (for example
 * `tidy_noether`), for containers run without `--name`.
 *
 * The algorithm follows moby: namesgenerator.GetRandomName draws an adjective,
 * then a surname, and from the second attempt on appends one random digit;
 * the daemon's generateNewName makes six attempts and then falls back to the
 * container's short ID. The word lists are Layerlab's own, so names look like
 * Docker's without being copies of its list. All randomness comes from the
 * caller's source, which keeps sessions and tests reproducible.
 */

/** Cheerful or characterful adjectives; lowercase ASCII letters only. */
export const ADJECTIVES: readonly string[] = [
  'agile', 'alert', 'amiable', 'ardent', 'artful', 'astute', 'bashful', 'blithe',
  'bouncy', 'brainy', 'breezy', 'bright', 'brisk', 'bubbly', 'buoyant', 'calm',
  'candid', 'canny', 'capable', 'careful', 'cheerful', 'chipper', 'civil', 'clear',
  'cordial', 'cosmic', 'cozy', 'crafty', 'crisp', 'curious', 'dapper', 'daring',
  'dashing', 'deft', 'devoted', 'diligent', 'droll', 'dutiful', 'earnest', 'fearless',
  'feisty', 'fluent', 'frank', 'frisky', 'genial', 'gentle', 'giddy', 'glad',
  'gleeful', 'graceful', 'gritty', 'gutsy', 'hale', 'hardy', 'hearty', 'helpful',
  'honest', 'humble', 'inventive', 'jaunty', 'jazzy', 'jocund', 'joyful', 'jubilant',
  'kindly', 'lively', 'loyal', 'lucent', 'lucky', 'lyrical', 'mellow', 'merry',
  'mindful', 'mirthful', 'nimble', 'noble', 'orderly', 'patient', 'peppy', 'perky',
  'placid', 'playful', 'plucky', 'poised', 'polished', 'polite', 'precise', 'proud',
  'prudent', 'punctual', 'quaint', 'quick', 'quiet', 'radiant', 'rapid', 'ready',
  'regal', 'resolute', 'restful', 'rosy', 'rustic', 'sage', 'sanguine', 'savvy',
  'sincere', 'sleek', 'smiling', 'snappy', 'snazzy', 'snug', 'sparkling', 'spirited',
  'sprightly', 'spry', 'stalwart', 'stately', 'steadfast', 'steady', 'stellar', 'sturdy',
  'sublime', 'sunny', 'swift', 'tactful', 'tenacious', 'thoughtful', 'thrifty', 'tidy',
  'tireless', 'tranquil', 'tuneful', 'unhurried', 'upright', 'valiant', 'vivid', 'warm',
  'whimsical', 'winsome', 'wise', 'wistful', 'witty', 'zany', 'zesty', 'zippy',
];

/**
 * Surnames of notable scientists, mathematicians and engineers, written as
 * one lowercase ASCII word (accents dropped, particles joined or left out).
 */
export const SURNAMES: readonly string[] = [
  // Computing
  'aiken', 'allen', 'atanasoff', 'babbage', 'backus', 'baran', 'cerf', 'dijkstra',
  'eckert', 'engelbart', 'goldberg', 'goldwasser', 'hamming', 'hoare', 'hollerith', 'hopper',
  'jacquard', 'kahn', 'kernighan', 'kleinrock', 'knuth', 'lamport', 'licklider', 'liskov',
  'lovelace', 'mauchly', 'mccarthy', 'metcalfe', 'minsky', 'ritchie', 'rivest', 'shamir',
  'shannon', 'stroustrup', 'sutherland', 'thompson', 'torvalds', 'turing', 'wirth', 'wozniak',
  'zuse', 'adleman', 'diffie', 'hellman', 'merkle', 'kay',
  // Mathematics
  'abel', 'agnesi', 'banach', 'boole', 'cantor', 'cauchy', 'chebyshev', 'church',
  'dedekind', 'descartes', 'erdos', 'euclid', 'euler', 'fermat', 'fibonacci', 'fourier',
  'galois', 'gauss', 'germain', 'godel', 'hilbert', 'hypatia', 'jacobi', 'khwarizmi',
  'kolmogorov', 'kovalevskaya', 'lagrange', 'laplace', 'leibniz', 'lobachevsky', 'markov', 'minkowski',
  'nash', 'noether', 'pascal', 'poincare', 'ramanujan', 'riemann', 'tarski', 'ulam',
  'wiener', 'brahmagupta', 'aryabhata', 'mandelbrot', 'conway',
  // Physics and astronomy
  'ampere', 'bohr', 'boltzmann', 'bose', 'burnell', 'cannon', 'chandrasekhar', 'copernicus',
  'coulomb', 'curie', 'dirac', 'einstein', 'faraday', 'fermi', 'feynman', 'galileo',
  'heisenberg', 'herschel', 'hertz', 'hubble', 'joule', 'kelvin', 'kepler', 'leavitt',
  'lorentz', 'maxwell', 'meitner', 'newton', 'ohm', 'pauli', 'planck', 'raman',
  'rubin', 'rutherford', 'saha', 'schrodinger', 'volta', 'wu', 'yukawa', 'payne',
  // Chemistry, biology and medicine
  'avogadro', 'boyle', 'cori', 'dalton', 'darwin', 'elion', 'fleming', 'franklin',
  'hodgkin', 'jenner', 'lavoisier', 'lister', 'mcclintock', 'mendel', 'mendeleev', 'pasteur',
  'salk', 'yalow', 'montalcini', 'tu',
  // Engineering and invention
  'bell', 'brunel', 'clarke', 'diesel', 'edison', 'eiffel', 'goddard', 'hamilton',
  'jemison', 'johnson', 'kilby', 'korolev', 'lamarr', 'marconi', 'morse', 'noyce',
  'roebling', 'sikorsky', 'stephenson', 'telford', 'tesla', 'tsiolkovsky', 'vaughan', 'watt',
  'wright',
];

/** How many names the daemon tries before giving up on the word lists (moby generateNewName). */
const ATTEMPTS = 6;

/**
 * Picks a free container name the way the daemon does:
 *
 * - attempt 0 draws `adjective_surname`; attempts 1–5 draw a fresh pair and
 *   append one digit 0–9 (GetRandomName's `retry > 0` rule), so a busy
 *   engine hands out names like `tidy_noether7`;
 * - `taken(name)` stands in for the daemon's name reservation;
 * - after six collisions moby names the container after its short ID. Pass
 *   that (`truncateId(id)`) as `fallback`; without one, or if it is taken
 *   too, this throws, as the daemon fails the create.
 *
 * `random` must return numbers in [0, 1), like Math.random; each draw maps
 * to Go's `rand.Intn(n)` as `floor(random() * n)`.
 */
export function generateName(random: () => number, taken: (name: string) => boolean, fallback?: string): string {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let name = `${pick(random, ADJECTIVES)}_${pick(random, SURNAMES)}`;
    if (attempt > 0) name += String(intn(random, 10));
    if (!taken(name)) return name;
  }
  if (fallback !== undefined && !taken(fallback)) return fallback;
  throw new Error('no free container name: every generated name is already in use');
}

function pick(random: () => number, words: readonly string[]): string {
  return words[intn(random, words.length)] ?? '';
}

/** rand.Intn(n): an integer in [0, n). Clamped so a faulty source (1, NaN) cannot index outside the list. */
function intn(random: () => number, n: number): number {
  const i = Math.floor(random() * n);
  return i >= 0 ? Math.min(i, n - 1) : 0;
}
