/**
 * Small formatting helpers the views share: sizes as the Docker CLI prints
 * them, short digests, truncated instructions, percentages. Pure: unit
 * tested in format.test.ts.
 */
import { humanSizeWithPrecision } from '../../simulator/cli/format/units';

/** A size as `docker images` and `docker history` print it: 3 significant digits, decimal units (`7.81MB`, `0B`). */
export function dockerSize(bytes: number): string {
  return humanSizeWithPrecision(Math.max(0, bytes), 3);
}

/** A digest shortened as the CLI shortens IDs: without `sha256:`, 12 hex digits. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  const bare = colon >= 0 ? digest.slice(colon + 1) : digest;
  return bare.slice(0, 12);
}

/** `text` cut to at most `max` characters, the last one an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (max < 1) return '';
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('') + '…';
}

/**
 * A ratio (0..1) as a percentage with one decimal. It never rounds up to
 * 100% unless it is exactly 1, nor down to 0% unless it is 0: a score of
 * 0.9996 reads 99.9%, not a perfect 100.0%.
 */
export function percent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  let tenths = Math.round(ratio * 1000);
  if (ratio < 1 && tenths >= 1000) tenths = 999;
  if (ratio > 0 && tenths <= 0) tenths = 1;
  return `${(tenths / 10).toFixed(1)}%`;
}

/** A file mode's permission bits as `ls -l` shows them, with the type letter (`drwxr-xr-x`). */
export function modeString(type: string, mode: number): string {
  const letter = type === 'directory' ? 'd' : type === 'symlink' ? 'l' : type === 'char' ? 'c' : type === 'block' ? 'b' : type === 'fifo' ? 'p' : type === 'socket' ? 's' : '-';
  const triplet = (bits: number, special: boolean, specialChar: string): string => {
    const r = bits & 4 ? 'r' : '-';
    const w = bits & 2 ? 'w' : '-';
    const x = bits & 1 ? (special ? specialChar : 'x') : special ? specialChar.toUpperCase() : '-';
    return r + w + x;
  };
  return (
    letter +
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triplet(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}
