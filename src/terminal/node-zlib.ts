/**
 * The part of Node's zlib the shell's gzip, gunzip and tar use, for the
 * browser: the shell interpreter's browser build still imports it from
 * "node:zlib", and the worker build points that import here (astro.config.mjs).
 */
import { gunzipSync as inflate, gzipSync as deflate } from 'fflate';

export const constants = { Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1 } as const;

interface Options {
  level?: number;
  maxOutputLength?: number;
}

function checkedLength(output: Uint8Array, options?: Options): Uint8Array {
  if (options?.maxOutputLength !== undefined && output.length > options.maxOutputLength) {
    throw Object.assign(new RangeError('Cannot create a Buffer larger than the maximum output length'), { code: 'ERR_BUFFER_TOO_LARGE' });
  }
  return output;
}

export function gzipSync(data: Uint8Array, options?: Options): Uint8Array {
  const level = options?.level === undefined || options.level < 0 ? 6 : options.level;
  return checkedLength(deflate(data, { level: Math.min(9, level) as 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 }), options);
}

export function gunzipSync(data: Uint8Array, options?: Options): Uint8Array {
  return checkedLength(inflate(data), options);
}
