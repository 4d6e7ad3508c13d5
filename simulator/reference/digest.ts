/**
 * The validation half of github.com/opencontainers/go-digest v1.0.0, the
 * version that distribution/reference v0.6 and the Docker binaries vendor. A
 * reference's `@digest` first has to match the reference grammar and is then
 * checked here, so this is where Docker's `invalid checksum digest length`
 * and `unsupported digest algorithm` messages come from.
 */

/** The three go-digest errors, by their exact Go messages. */
export const DIGEST_PROBLEMS = {
  format: 'invalid checksum digest format',
  length: 'invalid checksum digest length',
  unsupported: 'unsupported digest algorithm',
} as const;

export type DigestProblem = keyof typeof DIGEST_PROBLEMS;

/**
 * Hash size in bytes of each algorithm go-digest knows. All three count as
 * "available" in Docker because its binaries link crypto/sha256 and (through
 * crypto/tls) crypto/sha512, which registers sha384 too.
 */
const ALGORITHM_SIZES: ReadonlyMap<string, number> = new Map([
  ['sha256', 32],
  ['sha384', 48],
  ['sha512', 64],
]);

/** go-digest's DigestRegexpAnchored: only used to tell "unsupported" from "malformed". */
const ANCHORED_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** The encoded part must be lowercase hex; its length is checked separately first. */
const LOWERCASE_HEX = /^[a-f0-9]*$/;

/**
 * Validates `text` as go-digest's Digest.Validate does and names the problem,
 * or returns undefined for a valid digest. The checks run in Go's order, which
 * decides the message: separator, algorithm, length, then characters.
 */
export function validateDigest(text: string): DigestProblem | undefined {
  const separator = text.indexOf(':');
  if (separator <= 0 || separator + 1 === text.length) return 'format';
  const algorithm = text.slice(0, separator);
  const encoded = text.slice(separator + 1);
  const size = ALGORITHM_SIZES.get(algorithm);
  if (size === undefined) return ANCHORED_DIGEST.test(text) ? 'unsupported' : 'format';
  if (utf8Length(encoded) !== size * 2) return 'length';
  return LOWERCASE_HEX.test(encoded) ? undefined : 'format';
}

/** Go's len() counts UTF-8 bytes, so a non-ASCII hex part has a different length than in JS. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }
  return bytes;
}
